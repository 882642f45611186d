"""Who in the organisation knows someone at a company: the strongest ties first, a page at a time.

Colleagues see *that* someone knows a person and how, never the contact
details (DESIGN.md, privacy); every search is written to the audit log.

The ties come from :mod:`.ranked_ties` (one index read per page, whatever
the size of the company or the organisation; issue 9).  Order: strength
from the last ``weakties analyze``, or a provisional one for ties imported
since (:func:`weakties.people.strength.provisional_strength`), strongest
first; among equals the newest tie first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from weakties.accounts.models import Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.people.selectors.ranked_ties import (
    DEFAULT_PAGE,
    Page,
    RankedTie,
    Target,
    as_page,
    companies_matching,
    count_ties,
    parse_cursor,
    search_ties,
)
from weakties.people.strength import provisional_strength, strength_weights

__all__ = ["who_knows"]


def who_knows(
    *,
    company: str,
    organisation: Organisation | None = None,
    actor: Any = None,
    actor_label: str = "",
    limit: int = DEFAULT_PAGE,
    cursor: str | None = None,
    today: dt.date | None = None,
) -> Page[dict[str, Any]]:
    """Ties of consenting employees to people at ``company`` (matched after normalisation).

    A page of ``[{"employee": EMAIL, "contact": {"name", "company", "position"}, "sources"}]``,
    strongest first, with the total and the cursor of the next page.
    """
    if limit < 1:
        raise ServiceError(_("limit must be at least 1"))
    offset = parse_cursor(cursor)
    audit(
        "who_knows",
        actor=actor,
        actor_label=actor_label or (getattr(actor, "username", "") if actor else ""),
        company=company,
        organisation=organisation.name if organisation else None,
    )
    targets = [
        Target(organisation=organisation, company_id=pk)
        for pk, _name in companies_matching(company)
    ]
    scored: list[tuple[float, RankedTie]] = []
    for target in targets:  # each company's best; together, best first again
        scored += _strongest_first(target, k=offset + limit, today=today or dt.date.today())
    scored.sort(key=lambda st: (-st[0], -st[1].tie_id))
    ranked = [tie for _strength, tie in scored]
    total = sum(count_ties(target) for target in targets)
    page = as_page(ranked, offset=offset, limit=limit, total=total)
    return Page(rows=[_row(t) for t in page.rows], total=page.total, next_cursor=page.next_cursor)


def _strongest_first(target: Target, *, k: int, today: dt.date) -> list[tuple[float, RankedTie]]:
    """The best ``k`` measured ties and every one not analysed yet, with the strength they rank by."""
    best, fresh = search_ties(target, k=k)
    measured = [(t.strength or 0.0, t) for t in best]
    if not fresh:
        return measured
    provisional = provisional_strength(
        connected_on=[t.connected_on for t in fresh],
        sources=[len(t.sources) for t in fresh],
        today=today,
        weights=strength_weights(),
    )
    return measured + list(zip(provisional.tolist(), fresh, strict=True))


def _row(tie: RankedTie) -> dict[str, Any]:
    return {
        "employee": tie.employee_email,
        "contact": {
            "name": " ".join(p for p in (tie.person_first_name, tie.person_last_name) if p),
            "company": tie.company,
            "position": tie.position,
        },
        "sources": list(tie.sources),
        "matched": tie.company,
    }
