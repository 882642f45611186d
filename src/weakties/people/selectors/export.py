"""Export ties with their provenance (which file, which line)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from weakties.accounts.models import Employee, Organisation
from weakties.people.models import Tie, TieProvenance

__all__ = ["iter_ties"]


def iter_ties(
    *,
    organisation: Organisation | None = None,
    owner: Employee | None = None,
    chunk: int = 5000,
) -> Iterator[dict[str, Any]]:
    """Every tie as ``{"owner", "person": {"id", "name", "company", "position"}, "sources", "connected_on", "provenance": [{"file", "line"}]}``."""
    ties = Tie.objects.select_related("employee", "person", "person__company").order_by("id")
    if organisation is not None:
        ties = ties.filter(employee__organisation=organisation)
    if owner is not None:
        ties = ties.filter(employee=owner)
    last = 0
    while True:
        page = list(ties.filter(id__gt=last)[:chunk])
        if not page:
            return
        last = page[-1].id
        provenance: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for tie_id, file, line in (
            TieProvenance.objects.filter(tie_id__in=[t.id for t in page])
            .order_by("tie_id", "batch_id", "line")
            .values_list("tie_id", "batch__file_name", "line")
        ):
            provenance[tie_id].append({"file": file, "line": line})
        for tie in page:
            person = tie.person
            yield {
                "owner": tie.employee.email,
                "person": {
                    "id": person.id,
                    "name": person.name,
                    "company": person.company.name if person.company else "",
                    "position": person.position,
                },
                "sources": list(tie.sources),
                "connected_on": tie.connected_on.isoformat() if tie.connected_on else None,
                "provenance": provenance[tie.id],
            }
