"""One employee's own network, strongest ties first, a page at a time.

The network page lists an employee's ties best first.  Sorting every tie of
the employee by strength on each request costs what the employee's network
costs (10,000 ties for the busiest at 3,000 employees), and on PostgreSQL it
lets the planner pick parallel scans of the people table.  Instead:

* ties the last analysis measured come off :class:`~weakties.people.models.TieRank`'s
  ``(employee, strength, tie)`` index, read backwards from the strongest and
  stopped after the page;
* ties not measured yet (imported since, or of an employee who does not
  share, who has no ``TieRank`` rows) follow, oldest first;
* the page's ties are then read whole, with their person and company.

A search (``q``) filters on the person's name, company and position; it
reads the employee's ties through the tie table and sorts them the same way.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from weakties.accounts.models import Employee
from weakties.people.models import Tie, TieRank

__all__ = ["StrongestFirst", "strongest_ties"]


def _whole(ties: QuerySet[Tie]) -> QuerySet[Tie]:
    return ties.select_related("person", "person__company", "measured")


class StrongestFirst:
    """The employee's ties, strongest first, sliced without sorting them all (for a Paginator)."""

    def __init__(self, employee: Employee) -> None:
        self.employee = employee
        self._measured = TieRank.objects.filter(employee=employee, strength__isnull=False)
        self._unmeasured = (
            Tie.objects.filter(employee=employee)
            .filter(Q(measured__isnull=True) | Q(measured__strength__isnull=True))
            .order_by("id")
        )

    def count(self) -> int:
        return Tie.objects.filter(employee=self.employee).count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Tie]:
        start, stop = index.start or 0, index.stop
        if stop is None or stop <= start:
            return []
        measured = self._measured.count()
        ids: list[int] = []
        if start < measured:
            best = self._measured.order_by("-strength", "-tie_id").values_list("tie_id", flat=True)
            ids += best[start : min(stop, measured)]
        if stop > measured:
            rest = self._unmeasured.values_list("id", flat=True)
            ids += rest[max(start - measured, 0) : stop - measured]
        ties = _whole(Tie.objects.filter(id__in=ids)).in_bulk()
        return [ties[i] for i in ids if i in ties]


def strongest_ties(*, employee: Employee, q: str = "") -> StrongestFirst | QuerySet[Tie]:
    """The employee's ties, strongest first, for a ``Paginator``; ``q`` searches them."""
    if not q:
        return StrongestFirst(employee)
    return (
        _whole(Tie.objects.filter(employee=employee))
        .filter(
            Q(person__first_name__icontains=q)
            | Q(person__last_name__icontains=q)
            | Q(person__company__name__icontains=q)
            | Q(person__position__icontains=q)
        )
        .order_by(
            F("measured__strength").desc(nulls_last=True),
            "person__last_name",
            "person__first_name",
            "id",
        )
    )
