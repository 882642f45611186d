"""Who in the organisation knows someone at a company.

Colleagues see *that* someone knows a person and how, never the contact
details (DESIGN.md, privacy); every search is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from weakties.accounts.models import Organisation
from weakties.accounts.services.audit import audit
from weakties.people.models import Company, Tie
from weakties.people.services.consent import sharing_employees
from weakties.resolve import company_key

__all__ = ["who_knows"]


def who_knows(
    *,
    company: str,
    organisation: Organisation | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> list[dict[str, Any]]:
    """Ties of consenting employees to people at ``company`` (matched after normalisation).

    Returns ``[{"employee": EMAIL, "contact": {"name", "company", "position"}, "sources"}]``.
    """
    key = company_key(company)
    audit(
        "who_knows",
        actor=actor,
        actor_label=actor_label or (getattr(actor, "username", "") if actor else ""),
        company=company,
        organisation=organisation.name if organisation else None,
    )
    if not key:
        return []
    company_ids = list(Company.objects.filter(key=key).values_list("id", flat=True))
    if not company_ids:
        return []
    ties = (
        Tie.objects.filter(
            person__company_id__in=company_ids,
            employee__in=sharing_employees(organisation=organisation),
        )
        .select_related("employee", "person", "person__company")
        .order_by("person__last_name", "person__first_name", "employee__email")
    )
    return [
        {
            "employee": tie.employee.email,
            "contact": {
                "name": tie.person.name,
                "company": tie.person.company.name if tie.person.company else "",
                "position": tie.person.position,
            },
            "sources": list(tie.sources),
        }
        for tie in ties
    ]
