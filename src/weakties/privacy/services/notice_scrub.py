"""Colleagues' notices outlive an erasure, without the erased person in them (issue 12 §1).

A notice is written for one employee, but it may name someone else: "Sophie asks
you for an introduction to Mehmet Çelik (Bakker Logistiek)", "Jan asks you for an
introduction to …", the contacts who may fit a vacancy.  When that someone is
erased, the notices about a record that is gone (an introduction request) go with
it, and in the others every text that names them (their full name, their address)
becomes the same placeholder the audit log uses.  The reader keeps the notice;
nobody reads the name back.  Mails already sent are out of reach.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from weakties.notifications.models import Notice

__all__ = ["notices_scrub"]

#: Shorter words are not taken as naming someone (an initial, an empty name).
MIN_WORD = 4


def notices_scrub(*, mark: str, words: Iterable[str], links: Iterable[str] = ()) -> int:
    """Delete the notices linking to ``links``; replace ``words`` by ``mark`` in the rest.

    ``words`` are matched as written (names keep their case and accents in notices).
    Returns how many notices were deleted or changed.
    """
    gone = set(links)
    deleted = Notice.objects.filter(link__in=sorted(gone)).delete()[0] if gone else 0
    names = sorted({w.strip() for w in words if w and len(w.strip()) >= MIN_WORD}, key=len)[::-1]
    if not names:
        return int(deleted)
    naming = Q()
    for name in names:
        naming |= Q(subject__contains=name) | Q(body__contains=name)
    changed = 0
    for notice in Notice.objects.filter(naming).only("pk", "subject", "body"):
        subject, body = notice.subject, notice.body
        for name in names:  # the longest first: "Mehmet Çelik" before "Mehmet"
            subject, body = subject.replace(name, mark), body.replace(name, mark)
        if (subject, body) != (notice.subject, notice.body):
            Notice.objects.filter(pk=notice.pk).update(subject=subject[:200], body=body)
            changed += 1
    return int(deleted) + changed
