"""Re-keying the stored companies after the rules of ``resolve.company_key`` changed.

A company is found by its key: "Stripe, Inc." and "Stripe" share ``stripe``.
When the rules change (issue 11: "X Private Limited" lost "Private" with its
legal form, "IT Company" and "Company, The" keep their words), the keys
stored by earlier imports no longer match what new imports compute, and the
same employer would be stored twice.  :func:`companies_rekey` makes an
existing database agree with the rules again (``weakties companies rekey``):

* each company's key is computed again from the names it was imported under
  (its ``aliases``: the most common key among them, the stored one on a tie;
  from its display name when it has none);
* a company whose key changed takes the new key, and a display name read
  from that name; if another company holds the new key already (or several
  take the same), they are **merged** into the oldest one: every row that
  points at a merged company (people, tie ranks, and what other apps keep)
  points at the one that stays, and the aliases are joined;
* rows of other apps that may hold one row per company (a count per
  employee and company) go with the merged company, and those apps recount
  them from the moved rows: :data:`weakties.people.signals.companies_rekeyed`
  is sent with the changed keys and the employees whose ties moved.

All of it runs in one transaction: it is done in full or not at all.  A
second run changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from weakties.accounts.services.audit import audit
from weakties.people.models import Company, TieRank
from weakties.people.signals import companies_rekeyed
from weakties.resolve import company_key
from weakties.resolve.companies import company_display

__all__ = ["RekeyReport", "companies_rekey"]

#: Aliases a company keeps (as the import's company cache does).
MAX_ALIASES = 20


@dataclass
class RekeyReport:
    """What :func:`companies_rekey` changed (or would change, with ``dry_run``)."""

    #: ``{old key: new key}`` of every company whose key changed.
    keys: dict[str, str] = field(default_factory=dict)
    #: ``[(merged company's name, name of the one it joined)]``.
    merged: list[tuple[str, str]] = field(default_factory=list)
    #: Rows that now point at the company that stayed, by table.
    moved: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rekeyed": len(self.keys),
            "merged": len(self.merged),
            "keys": self.keys,
            "merges": [{"company": a, "into": b} for a, b in self.merged],
            "moved": self.moved,
        }


def _new_key(company: Company) -> tuple[str, str]:
    """The key the rules give now, and the name it was read from."""
    names = [a for a in (company.aliases or []) if isinstance(a, str) and a.strip()]
    if not names:
        return company_key(company.name), company.name
    keys = Counter(k for k in (company_key(n) for n in names) if k)
    if not keys:
        return "", company.name
    best = max(keys.values())
    chosen = (
        company.key
        if keys.get(company.key) == best
        else next(k for k in (company_key(n) for n in names) if keys.get(k) == best)
    )
    return chosen, next(n for n in names if company_key(n) == chosen)


def _relations() -> list[tuple[type[models.Model], str, bool]]:
    """``(model, field, one per company)`` of every foreign key to Company, in every app."""
    found = []
    for relation in Company._meta.get_fields(include_hidden=True):  # related_name="+" too
        if not (relation.auto_created and relation.one_to_many):  # a foreign key's reverse side
            continue
        model, name = relation.related_model, relation.field.name
        unique = any(
            name in (c.fields or ())
            for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint)
        ) or any(name in together for together in model._meta.unique_together)
        found.append((model, name, unique))
    return found


def _merge(sources: list[Company], into: Company, report: RekeyReport) -> None:
    ids = [c.pk for c in sources]
    for model, name, one_per_company in _relations():
        if one_per_company:
            continue  # goes with the merged company; its app recounts it (see the module)
        moved = model._default_manager.filter(**{f"{name}__in": ids}).update(**{name: into})
        if moved:
            table = model._meta.db_table
            report.moved[table] = report.moved.get(table, 0) + moved
    aliases = list(into.aliases or [])
    for source in sources:
        for alias in source.aliases or []:
            if alias not in aliases and len(aliases) < MAX_ALIASES:
                aliases.append(alias)
        report.merged.append((source.name, into.name))
    into.aliases = aliases
    Company.objects.filter(pk__in=ids).delete()
    into.save(update_fields=["key", "name", "aliases"])


def _plan(companies: list[Company]) -> tuple[dict[str, list[Company]], dict[int, tuple[str, str]]]:
    """Companies by the key they get, and ``{id: (new key, name read)}`` of those that change."""
    by_key: dict[str, list[Company]] = {}
    changed: dict[int, tuple[str, str]] = {}
    for company in companies:
        key, name = _new_key(company)
        if not key or key == company.key:
            by_key.setdefault(company.key, []).append(company)
            continue
        changed[company.pk] = (key, name)
        by_key.setdefault(key, []).append(company)
    return by_key, changed


@transaction.atomic
def companies_rekey(*, dry_run: bool = False, actor_label: str = "") -> RekeyReport:
    """Give every company the key the rules give now, merging those that then share one.

    ``dry_run``: report what would change and change nothing.
    """
    report = RekeyReport()
    companies = list(Company.objects.order_by("pk"))
    by_key, changed = _plan(companies)
    touched = [group for group in by_key.values() if any(c.pk in changed for c in group)]
    if not touched:
        return report
    sources = [c.pk for group in touched for c in group[1:]]
    employees = sorted(
        set(TieRank.objects.filter(company_id__in=sources).values_list("employee_id", flat=True))
    )
    for group in touched:
        for company in group:
            if company.pk in changed:
                report.keys[company.key] = changed[company.pk][0]
        stays = group[0]
        if len(group) > 1:
            report.merged.extend((c.name, stays.name) for c in group[1:])
    if dry_run:
        return report
    report.merged.clear()
    for pk in changed:  # free the old keys first: one company may take another's
        Company.objects.filter(pk=pk).update(key=f"~rekey~{pk}")
    for group in touched:
        stays = group[0]
        if stays.pk in changed:
            stays.key, read = changed[stays.pk]
            stays.name = company_display(read) or stays.name
        _merge(group[1:], stays, report)
    companies_rekeyed.send(sender=Company, keys=dict(report.keys), employee_ids=employees)
    audit("companies.rekeyed", actor_label=actor_label or "system", **report.as_dict())
    return report
