"""Background tasks of notifications (django-tasks).  Thin: they call the sending services.

* :func:`send_notice_email` emails one notice at once (the *immediate* preference);
* :func:`send_digests` is the digest run: it sends every digest that is due,
  then enqueues itself for the next digest hour (``run_after``) — the daily
  chain the worker (``weakties worker``, started by ``weakties serve``) runs.
  The chain starts itself: every notice for a daily or weekly reader, every
  change to such a preference and ``weakties digest`` make sure the next run
  is enqueued (:func:`schedule_digest_run`; one ``DigestRun`` row per moment
  keeps it to one task).  Without a worker, run ``weakties digest`` from cron.

A mail error never reaches the page that made the notice: the email is sent
after the commit, in a task, and a failed send is enqueued again after an
exponential backoff (:func:`weakties.notifications.schedule.retry_delay`),
up to ``WEAKTIES_NOTICE_RETRIES`` attempts; what still failed goes with the
next digest run.  A backend that cannot defer (the immediate backend of the
tests) does not retry: the next digest run is the retry.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from weakties.core.chains import chain_schedule
from weakties.notifications.models import DigestRun
from weakties.notifications.schedule import max_attempts, next_digest_at, retry_delay
from weakties.notifications.services.delivery import MAIL_ERRORS, digests_send, notice_send

__all__ = ["send_notice_email", "send_digests", "schedule_digest_run"]

log = logging.getLogger(__name__)


def _retry(job: Any, args: list[Any], attempt: int, error: str) -> dict[str, Any]:
    """Enqueue ``job`` again after the backoff, unless its attempts are spent or it cannot wait."""
    if attempt >= max_attempts() or not job.get_backend().supports_defer:
        log.warning("%s %s: mail failed (%s); left for the digest run", job.name, args, error)
        return {"error": error, "retry_at": None}
    when = timezone.now() + retry_delay(attempt)
    job.using(run_after=when).enqueue(*args, attempt + 1)
    log.warning(
        "%s %s: mail failed (%s); attempt %d at %s", job.name, args, error, attempt + 1, when
    )
    return {"error": error, "retry_at": when.isoformat()}


@task()
def send_notice_email(notice_id: int, attempt: int = 1) -> dict[str, Any]:
    """Email one notice to an employee who wants each at once; retried with backoff."""
    try:
        sent = notice_send(notice_id)
    except MAIL_ERRORS as exc:
        return {"notice": notice_id, "sent": False} | _retry(
            send_notice_email, [notice_id], attempt, str(exc) or type(exc).__name__
        )
    return {"notice": notice_id, "sent": sent}


@task()
def send_digests(due_at: str = "", attempt: int = 1) -> dict[str, Any]:
    """The digest run: send what is due, retry a failed part, enqueue tomorrow's run."""
    result: dict[str, Any] = dict(digests_send())
    if result["failed"]:
        result |= _retry(send_digests, [due_at], attempt, f"{result['failed']} digests failed")
    now = timezone.now()
    due = dt.datetime.fromisoformat(due_at) if due_at else now
    DigestRun.objects.filter(due_at=due).update(ran_at=now)
    schedule_digest_run(max(now, due))  # the next moment after this one, even if run early
    return result


def schedule_digest_run(now: dt.datetime | None = None) -> DigestRun | None:
    """Make sure the digest run of the next digest hour is enqueued; the new run, or None.

    Cheap when it is (one indexed look-up), so it may be called for every
    notice.  Does nothing on a backend that cannot defer (``weakties digest``
    does the work there).  Runs older than 60 days are forgotten
    (:func:`weakties.core.chains.chain_schedule`).
    """
    run: DigestRun | None = chain_schedule(
        task=send_digests,
        runs=DigestRun,
        due=next_digest_at(now or timezone.now()),
        keep=dt.timedelta(days=60),
    )
    return run
