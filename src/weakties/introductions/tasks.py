"""Background tasks of introduction requests (django-tasks).  Thin: they call the lifecycle.

The use cases schedule :func:`sweep_introductions` for the moment something
falls due (an expiry, the end of a snooze, the thank-you reminder) with
``run_after``; the sweep is idempotent, so one run per moment does it all.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from weakties.introductions.services.lifecycle import requests_close_due

__all__ = ["sweep_introductions", "schedule_sweep"]


@task()
def sweep_introductions() -> dict[str, int]:
    """Expire, wake and remind whatever is due."""
    return requests_close_due()


def schedule_sweep(when: dt.datetime) -> str | None:
    """Run the sweep at ``when``; a back end that cannot defer leaves it to the check on read.

    (The immediate back end of the tests cannot; ``weakties intro sweep`` runs it by hand.)
    """
    backend = sweep_introductions.get_backend()
    if backend.supports_defer:
        return sweep_introductions.using(run_after=when).enqueue().id
    if when <= timezone.now():
        return sweep_introductions.enqueue().id
    return None
