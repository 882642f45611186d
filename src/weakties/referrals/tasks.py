"""Background tasks of referrals (django-tasks).  Thin: they call the services.

The edges (pages, API, CLI) enqueue them; the services never do, so there is
no circle between the two (:mod:`weakties.referrals.schedule` holds the
enqueueing helpers the edges share).
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from weakties.referrals.models import Vacancy
from weakties.referrals.services.asks import asks_send
from weakties.referrals.services.candidates import candidates_refresh

__all__ = ["refresh_candidates", "send_referral_asks"]


@task()
def refresh_candidates(vacancy_ids: list[int]) -> dict[str, Any]:
    """Find and store the candidates of some vacancies (one organisation's ties read once)."""
    vacancies = list(Vacancy.objects.filter(pk__in=vacancy_ids).select_related("organisation"))
    found: dict[str, int] = {}
    by_org: dict[int, list[Vacancy]] = {}
    for v in vacancies:
        by_org.setdefault(v.organisation_id, []).append(v)
    for group in by_org.values():
        for pk, rows in candidates_refresh(vacancies=group, actor_label="task").items():
            found[str(pk)] = len(rows)
    return {"found": found}


@task()
def send_referral_asks(vacancy_id: int) -> dict[str, Any]:
    """Ask the colleagues who are due (those asked too recently wait for a later run)."""
    vacancy = Vacancy.objects.select_related("organisation").filter(pk=vacancy_id).first()
    if vacancy is None:
        return {"vacancy": vacancy_id, "asked": 0, "waiting": 0, "due": None}
    return {"vacancy": vacancy_id, **asks_send(vacancy=vacancy, actor_label="task")}
