"""A target list's coverage: per target the best paths through the organisation, and a summary.

For 1,000 targets this must answer within 5 s at 10,000 employees and 3M
ties, so it never runs one search per target.  Per chunk of targets it asks:

1. how many colleagues know people at each company, and how many people:
   one ``GROUP BY`` over :class:`~weakties.expertise.models.CompanyReach`
   (its index covers it);
2. how many of those ties are strong (strength at or above the strong tier of
   the last analysis): one ``GROUP BY`` over the ``(company, organisation,
   strength, tie)`` index of :class:`~weakties.people.models.TieRank`, read
   from the index alone;
3. who holds each company's strongest ties: one statement of ``UNION ALL``
   branches, each an index range read stopped after a few rows;
4. for companies with too few measured ties, who knows most people there:
   the same over ``CompanyReach``;
5. people (LinkedIn profiles): their ties, through the ``(person, …)`` index.

A path is a colleague who shares their network and knows someone there: a
**strong** path holds a strong tie (a colleague who can vouch; Granovetter
1973), a **weak** one only weaker ties — still a way in, and for new
information and job leads moderately weak ties are the better way
(Rajkumar et al. 2022).  The paths shown lead with strong ties; the full
ranking for the list's purpose is one click away
(:func:`weakties.insights.services.introductions.introductions`).

Results name colleagues, companies and counts, never a contact's details;
a person target shows their name only when a sharing colleague knows them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Sum

from weakties.accounts.models import Consent, Employee, Organisation
from weakties.expertise.models import CompanyReach, Target, TargetList
from weakties.expertise.services.index import index_ensure, reach_prune
from weakties.expertise.target_input import TargetLine
from weakties.people.models import Company, Person, PersonIdentifier, TieRank
from weakties.people.services.identity import digest
from weakties.people.strength import strength_weights

__all__ = ["TargetSpec", "specs_of", "specs_from_lines", "coverage"]

#: Targets per statement: SQLite allows 500 branches of a UNION ALL.
_CHUNK = 400
#: Strongest ties read per company to find its best introducers.
_TIES_READ = 12


@dataclass(frozen=True)
class TargetSpec:
    """A target to cover: stored (``id``) or just read from a file (``id`` None)."""

    line: int
    kind: str
    name: str = ""
    key: str = ""
    url: str = ""
    digest: str = ""
    id: int | None = None


def specs_of(target_list: TargetList) -> list[TargetSpec]:
    return [
        TargetSpec(t.line, t.kind, t.name, t.key, t.url, t.digest, t.pk)
        for t in target_list.targets.order_by("line")
    ]


def specs_from_lines(lines: Iterable[TargetLine]) -> list[TargetSpec]:
    return [
        TargetSpec(
            line.line,
            line.kind,
            line.name,
            line.key,
            line.url,
            digest(line.url) if line.kind == Target.Kind.PERSON else "",
        )
        for line in lines
    ]


def _chunks(items: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])


# -- companies ----------------------------------------------------------------------------------


def _company_ids(keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(keys):
        found.update(Company.objects.filter(key__in=chunk).values_list("key", "id"))
    return found


def _top_union(sql: str, ids: list[int], params: list[Any]) -> list[tuple]:
    """One statement of ``UNION ALL`` branches, one per company, each reading a few rows."""
    branches = " UNION ALL ".join(f"SELECT * FROM ({sql}) AS b{i}" for i in range(len(ids)))
    values: list[Any] = []
    for company_id in ids:
        values.extend([company_id, *params])
    with connection.cursor() as cursor:
        cursor.execute(branches, values)
        return cursor.fetchall()


_STRONGEST = (
    "SELECT company_id, employee_id, strength FROM people_tierank"
    " WHERE company_id = %s AND organisation_id = %s AND strength IS NOT NULL AND NOT colleague"
    " ORDER BY strength DESC, tie_id DESC LIMIT %s"
)
_MOST = (
    "SELECT company_id, employee_id, people FROM expertise_companyreach"
    " WHERE company_id = %s AND organisation_id = %s ORDER BY people DESC, employee_id DESC LIMIT %s"
)


@dataclass
class _CompanyFacts:
    introducers: int = 0
    people: int = 0
    strong: int = 0
    #: ``[(employee, strength or None)]``, best first, each employee once.
    best: list[tuple[int, float | None]] | None = None


def _company_facts(
    organisation: Organisation, company_ids: list[int], paths: int, strong: float
) -> dict[int, _CompanyFacts]:
    facts: dict[int, _CompanyFacts] = defaultdict(_CompanyFacts)
    for chunk in _chunks(company_ids):
        counts = (
            CompanyReach.objects.filter(organisation=organisation, company_id__in=chunk)
            .values("company_id")
            .annotate(n=Count("*"), people=Sum("people"))
            .values_list("company_id", "n", "people")
        )
        for company_id, n, people in counts:
            facts[company_id].introducers, facts[company_id].people = n, people or 0
        strong_counts = (
            TieRank.objects.filter(
                organisation=organisation, company_id__in=chunk, strength__gte=strong
            )
            .values("company_id")
            .annotate(n=Count("*"))
            .values_list("company_id", "n")
        )
        for company_id, n in strong_counts:
            facts[company_id].strong = n
        known = [c for c in chunk if facts[c].introducers]
        _best_paths(organisation, known, facts, paths)
    return facts


def _best_paths(
    organisation: Organisation, ids: list[int], facts: dict[int, _CompanyFacts], paths: int
) -> None:
    """The holders of each company's strongest ties, then who knows most people there."""
    if not ids:
        return
    best: dict[int, dict[int, float | None]] = defaultdict(dict)
    for company_id, employee_id, strength in _top_union(
        _STRONGEST, ids, [organisation.pk, _TIES_READ]
    ):
        best[company_id].setdefault(employee_id, strength)
    short = [c for c in ids if len(best[c]) < paths]
    if short:
        for company_id, employee_id, _people in _top_union(_MOST, short, [organisation.pk, paths]):
            best[company_id].setdefault(employee_id, None)
    for company_id in ids:
        facts[company_id].best = list(best[company_id].items())


# -- people -------------------------------------------------------------------------------------


def _person_ties(
    organisation: Organisation, digests: list[str]
) -> tuple[dict[str, list[int]], dict[int, list[tuple[int, float | None]]]]:
    """``digest → person ids`` and ``person → [(employee, strength)]`` strongest first."""
    persons: dict[str, list[int]] = defaultdict(list)
    for chunk in _chunks(digests):
        for value, person_id in PersonIdentifier.objects.filter(
            kind="linkedin", digest__in=chunk
        ).values_list("digest", "person_id"):
            persons[value].append(person_id)
    ties: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    ids = [p for found in persons.values() for p in found]
    for chunk in _chunks(ids):
        rows = TieRank.objects.filter(
            organisation=organisation, person_id__in=chunk, colleague=False
        ).values_list("person_id", "employee_id", "strength")
        for person_id, employee_id, strength in rows:
            ties[person_id].append((employee_id, strength))
    for found in ties.values():
        found.sort(key=lambda t: -(t[1] if t[1] is not None else -1.0))
    return persons, ties


def _person_names(person_ids: list[int]) -> dict[int, dict[str, str]]:
    names = {}
    for chunk in _chunks(person_ids):
        rows = Person.objects.filter(pk__in=chunk).values_list(
            "pk", "first_name", "last_name", "position", "company__name"
        )
        for pk, first, last, position, company in rows:
            names[pk] = {
                "name": " ".join(p for p in (first, last) if p),
                "position": position,
                "company": company or "",
            }
    return names


# -- colleagues ---------------------------------------------------------------------------------


def _colleagues(organisation: Organisation, ids: set[int]) -> dict[int, dict[str, Any]]:
    """The sharing, active colleagues among ``ids``: ``{id: {"id", "name", "department", "job_title"}}``."""
    consenting = Consent.objects.filter(employee_id=OuterRef("pk"), withdrawn_at__isnull=True)
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(sorted(ids)):
        rows = (
            Employee.objects.filter(pk__in=chunk, organisation=organisation, active=True)
            .filter(Exists(consenting))
            .values_list("pk", "first_name", "last_name", "email", "department", "job_title")
        )
        for pk, first, last, email, department, title in rows:
            found[pk] = {
                "id": pk,
                "name": " ".join(p for p in (first, last) if p) or email,
                "department": department,
                "job_title": title,
            }
    return found


# -- the whole ----------------------------------------------------------------------------------


def _status(paths: int, strong: int) -> str:
    return "strong" if strong else "weak" if paths else "none"


def _company_row(
    company_id: int | None, facts: _CompanyFacts | None, strong: float
) -> dict[str, Any]:
    return {
        "found": company_id is not None,
        "people": facts.people if facts else 0,
        "introducers": facts.introducers if facts else 0,
        "strong": facts.strong if facts else 0,
        "best": [(e, s is not None and s >= strong) for e, s in (facts.best or [])]
        if facts
        else [],
    }


def _person_row(
    person_ids: list[int],
    ties: dict[int, list[tuple[int, float | None]]],
    strong: float,
) -> dict[str, Any]:
    holders: dict[int, bool] = {}
    for person_id in person_ids:
        for employee_id, strength in ties.get(person_id, ()):
            is_strong = strength is not None and strength >= strong
            holders[employee_id] = holders.get(employee_id, False) or is_strong
    order = sorted(holders, key=lambda e: not holders[e])
    return {
        "found": bool(holders),
        "people": 1 if holders else 0,
        "introducers": len(holders),
        "strong": sum(holders.values()),
        "best": [(e, holders[e]) for e in order],
        "person_ids": [p for p in person_ids if p in ties],
    }


def coverage(
    *,
    organisation: Organisation,
    targets: list[TargetSpec],
    paths: int = 3,
    top: int = 10,
    show_urls: bool = False,
) -> dict[str, Any]:
    """``{"summary": {…}, "targets": [{…, "paths": [{"employee", "strong"}]}]}`` for the targets.

    ``summary`` holds ``targets``, ``found`` (known companies and people),
    ``with_path``, ``strong``, ``weak``, ``none`` and ``top_introducers``
    (``[{"employee", "targets", "strong_targets"}]``, the colleagues who open
    most targets).  ``show_urls`` adds a person target's LinkedIn URL: for
    the list's owner only.
    """
    index_ensure(organisation=organisation)
    reach_prune(organisation=organisation)
    strong = strength_weights().strong
    companies = _company_ids(sorted({t.key for t in targets if t.kind == Target.Kind.COMPANY}))
    facts = _company_facts(organisation, sorted(set(companies.values())), paths, strong)
    persons, ties = _person_ties(
        organisation, sorted({t.digest for t in targets if t.kind == Target.Kind.PERSON})
    )
    rows = []
    for spec in targets:
        if spec.kind == Target.Kind.COMPANY:
            company_id = companies.get(spec.key)
            row = _company_row(company_id, facts.get(company_id) if company_id else None, strong)
        else:
            row = _person_row(persons.get(spec.digest, []), ties, strong)
        rows.append((spec, row))
    company_ids = set(companies.values())
    opens, person_strong = _opens(organisation, rows, company_ids)
    leading = [e for e, _n in opens.most_common(top * 5)]
    colleagues = _colleagues(
        organisation, {e for _s, r in rows for e, _strong in r["best"]} | set(leading)
    )
    opens_strong = _strong_opens([e for e in leading if e in colleagues], company_ids, strong)
    opens_strong.update(person_strong)
    names = _person_names(sorted({p for _s, r in rows for p in r.get("person_ids", [])}))
    out = _assemble(rows, colleagues, names, paths=paths, show_urls=show_urls)
    ranked = sorted(
        (e for e in leading if e in colleagues), key=lambda e: (-opens[e], -opens_strong[e], e)
    )
    top_introducers = [
        {"employee": colleagues[e], "targets": opens[e], "strong_targets": opens_strong[e]}
        for e in ranked[:top]
    ]
    return {"summary": _summary(out, top_introducers), "targets": out}


def _target_name(spec: TargetSpec, row: dict[str, Any], names: dict[int, dict[str, str]]) -> dict:
    if spec.kind == Target.Kind.COMPANY:
        return {"name": spec.name, "position": "", "company": spec.name}
    known = [names[p] for p in row.get("person_ids", []) if p in names]
    return known[0] if known else {"name": "", "position": "", "company": ""}


def _introducer_counts(organisation: Organisation, company_ids: list[int]) -> Counter[int]:
    """At how many of the companies each colleague knows people (from the reach index alone)."""
    opens: Counter[int] = Counter()
    for chunk in _chunks(company_ids):
        opens.update(
            dict(
                CompanyReach.objects.filter(organisation=organisation, company_id__in=chunk)
                .values("employee_id")
                .annotate(n=Count("company_id"))
                .values_list("employee_id", "n")
            )
        )
    return opens


def _opens(
    organisation: Organisation, rows: list[tuple[TargetSpec, dict[str, Any]]], company_ids: set[int]
) -> tuple[Counter[int], Counter[int]]:
    """How many targets each colleague opens, and how many person targets through a strong tie."""
    opens = _introducer_counts(organisation, sorted(company_ids))
    person_strong: Counter[int] = Counter()
    for _spec, row in rows:
        if row.get("person_ids"):
            opens.update(e for e, _s in row["best"])
            person_strong.update(e for e, s in row["best"] if s)
    return opens, person_strong


def _strong_opens(employee_ids: list[int], company_ids: set[int], strong: float) -> Counter[int]:
    """At how many of the companies these colleagues hold a strong tie.

    Read per colleague through the ``(employee, strength, tie)`` index: their
    strong ties only, a few dozen each, instead of every strong tie at every
    company of the list.
    """
    found: dict[int, set[int]] = defaultdict(set)
    rows = TieRank.objects.filter(
        employee_id__in=employee_ids, strength__gte=strong, colleague=False
    ).values_list("employee_id", "company_id")
    for employee_id, company_id in rows:
        if company_id in company_ids:
            found[employee_id].add(company_id)
    return Counter({e: len(c) for e, c in found.items()})


def _assemble(
    rows: list[tuple[TargetSpec, dict[str, Any]]],
    colleagues: dict[int, dict[str, Any]],
    names: dict[int, dict[str, str]],
    *,
    paths: int,
    show_urls: bool,
) -> list[dict[str, Any]]:
    out = []
    for spec, row in rows:
        best = [(e, s) for e, s in row["best"] if e in colleagues]
        entry = {
            "id": spec.id,
            "line": spec.line,
            "kind": spec.kind,
            **_target_name(spec, row, names),
            "found": row["found"],
            "status": _status(len(best), row["strong"] if best else 0),
            "people": row["people"] if best else 0,
            "introducers": row["introducers"] if best else 0,
            "strong": row["strong"] if best else 0,
            "paths": [{"employee": colleagues[e], "strong": s} for e, s in best[:paths]],
        }
        if show_urls and spec.url:
            entry["url"] = spec.url
        out.append(entry)
    return out


def _summary(out: list[dict[str, Any]], top_introducers: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = Counter(t["status"] for t in out)
    return {
        "targets": len(out),
        "found": sum(1 for t in out if t["found"]),
        "with_path": statuses["strong"] + statuses["weak"],
        "strong": statuses["strong"],
        "weak": statuses["weak"],
        "none": statuses["none"],
        "top_introducers": top_introducers,
    }
