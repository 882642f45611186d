"""Tell an employee something: an in-app notice, emailed at once or in a digest.

Every app calls :func:`notify`; none sends its own notice emails. Texts are
rendered in the employee's own language (:func:`in_language_of`) and stored
that way, so the list and the email read the same.

After the surrounding transaction commits, the email is scheduled by the
employee's preference (:mod:`weakties.notifications.services.delivery`):
*immediate* enqueues it at once, *daily*/*weekly* make sure the digest run
is scheduled, *never* emails nothing.  A notice made in a transaction that
rolls back is never emailed, and a mail error never reaches the caller.
"""

from __future__ import annotations

from django.db import transaction

from weakties.accounts.models import Employee
from weakties.notifications.language import in_language_of, language_of
from weakties.notifications.models import Digest, Notice
from weakties.notifications.services.delivery import digest_of
from weakties.notifications.tasks import schedule_digest_run, send_notice_email

__all__ = ["in_language_of", "language_of", "notify"]


def notify(
    *,
    employee: Employee,
    kind: str,
    subject: object,
    body: object = "",
    link: str = "",
) -> Notice:
    """Store a notice for ``employee``; ``subject``/``body`` may be lazy (translated here).

    ``kind`` is a short machine name (``intro.requested``, ``referral.stage``…);
    ``link`` a site path such as ``/introductions/12/`` (emails make it absolute).
    Never put an external person's email address or phone number in
    ``subject`` or ``body``: they go to the employee's inbox.
    """
    with in_language_of(employee):
        text_subject, text_body = str(subject)[:200], str(body)
    notice = Notice.objects.create(
        employee=employee, kind=kind, subject=text_subject, body=text_body, link=(link or "")[:500]
    )
    digest = digest_of(employee)

    def deliver() -> None:
        if digest == Digest.IMMEDIATE:
            send_notice_email.enqueue(notice.pk)
        elif digest != Digest.NEVER:
            schedule_digest_run()

    transaction.on_commit(deliver, robust=True)
    return notice
