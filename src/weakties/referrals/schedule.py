"""What the edges enqueue after a use case: candidates to find, asks that are due later.

Kept apart from the services so that the services import no task (the tasks
import the services).  With a backend that cannot defer (the tests' immediate
backend), an ask that is due later waits for the next time colleagues are
asked about the vacancy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from weakties.referrals.tasks import refresh_candidates, send_referral_asks

__all__ = ["asks_later", "candidates_soon"]


def candidates_soon(vacancy_ids: Sequence[int]) -> str:
    """Find the candidates of these vacancies in the background; the task's id."""
    return refresh_candidates.enqueue(list(vacancy_ids)).id


def asks_later(vacancy_id: int, due: str | None) -> str | None:
    """Ask the waiting colleagues when they are due (ISO 8601), where the backend can defer."""
    if not due:
        return None
    backend = send_referral_asks.get_backend()
    if not backend.supports_defer:
        return None
    when = dt.datetime.fromisoformat(due)
    return send_referral_asks.using(run_after=when).enqueue(vacancy_id).id
