"""Which imports a forgotten contact came from (issue 12, trust).

Compare and forget (:mod:`.forget`) deletes a tie and keeps a digest
(:class:`~weakties.minimisation.models.ForgottenContact`).  The tie's provenance says which of
the employee's imports held it; each becomes a
:class:`~weakties.minimisation.models.ForgottenSource` of the digest, and a tie that no import
holds (added otherwise) gives a source without an import.  Removing an import then removes the
digests only it held, as :func:`~weakties.minimisation.services.retention.import_remove` removes
the ties only it held (the "storage limitation" of GDPR Art. 5(1)(e) applied to the digests too),
and keeps those another import, or no import, still holds.

A row that exists without any source was forgotten before sources were kept (or its imports were
deleted some other way): its import cannot be told, and it behaves as before, staying while the
owner has another import and going with the last one.  Forgetting the same contact again does not
give such a row sources: one import among several unknown ones would take it too early.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from weakties.minimisation.models import ForgottenContact, ForgottenSource
from weakties.people.models import TieProvenance

__all__ = [
    "Origins",
    "origins_of_ties",
    "forgotten_sources_add",
    "forgotten_of_import_remove",
    "forgotten_without_imports_remove",
]

#: Ids or digests per statement (as ``retention.CHUNK``: SQLite's bound on parameters).
CHUNK = 500


def _chunked(values: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


@dataclass
class Origins:
    """Per digest, the imports its contact came from (``None``: a tie no import held)."""

    by_digest: dict[str, set[int | None]] = field(default_factory=dict)
    #: Digests whose row stays without sources (see the module).
    untraced: set[str] = field(default_factory=set)

    def move(self, old: str, new: str) -> None:
        """The contact of ``old`` is kept under ``new``: its imports go with it."""
        if old != new:
            self.by_digest.setdefault(new, set()).update(self.by_digest.pop(old, set()))
            if old in self.untraced:
                self.untraced.add(new)

    def carry(self, held: QuerySet[ForgottenContact], moving: dict[str, str]) -> None:
        """Before the rows ``held`` under ``moving``'s values are deleted for its keys: their
        sources go to the key's row, and an untraced one leaves the key's row untraced."""
        target = {old: new for new, old in moving.items()}
        rows = held.filter(email_digest="")
        for chunk in _chunked(target):
            found = dict(rows.filter(digest__in=chunk).values_list("pk", "digest"))
            sources = ForgottenSource.objects.filter(forgotten_id__in=list(found))
            have: dict[int, set[int | None]] = {pk: set() for pk in found}
            for pk, batch in sources.values_list("forgotten_id", "batch_id"):
                have[pk].add(batch)
            for pk, batches in have.items():
                new = target[found[pk]]
                if batches:
                    self.by_digest.setdefault(new, set()).update(batches)
                else:
                    self.untraced.add(new)

    def keep_untraced(self, held: QuerySet[ForgottenContact]) -> None:
        """Note the digests ``held`` already keeps without sources: they get none."""
        sourced = ForgottenSource.objects.filter(forgotten=OuterRef("pk"))
        for chunk in _chunked(self.by_digest):
            self.untraced |= set(
                held.filter(digest__in=chunk)
                .exclude(Exists(sourced))
                .values_list("digest", flat=True)
            )


def origins_of_ties(ties: dict[int, str]) -> Origins:
    """The imports of each of ``ties`` (``{tie id: digest it is forgotten under}``), by digest."""
    held: dict[int, set[int | None]] = {tie: set() for tie in ties}
    tie_ids = sorted(ties)
    for start in range(0, len(tie_ids), CHUNK):
        for tie, batch in (
            TieProvenance.objects.filter(tie_id__in=tie_ids[start : start + CHUNK])
            .values_list("tie_id", "batch_id")
            .distinct()
        ):
            held[tie].add(batch)
    origins = Origins()
    for tie, batches in held.items():
        origins.by_digest.setdefault(ties[tie], set()).update(batches or {None})
    return origins


def forgotten_sources_add(*, employee_id: int, origins: Origins) -> int:
    """Give the employee's rows their sources (once each; not the untraced ones); how many."""
    wanted = {d: o for d, o in origins.by_digest.items() if d not in origins.untraced}
    rows: list[ForgottenSource] = []
    for chunk in _chunked(wanted):
        for pk, value in ForgottenContact.objects.filter(
            employee_id=employee_id, digest__in=chunk
        ).values_list("pk", "digest"):
            rows += [ForgottenSource(forgotten_id=pk, batch_id=b) for b in wanted[value]]
    ForgottenSource.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
    return len(rows)


def forgotten_of_import_remove(*, batch_id: int) -> int:
    """Delete the forgotten contacts that only import ``batch_id`` held; how many.

    Called before the import itself goes (its sources go with it).  A row that another
    import, or no import, also holds stays; so does a row without sources.
    """
    # ``exclude`` on the nullable batch keeps the sources without an import among the others.
    elsewhere = ForgottenSource.objects.filter(forgotten=OuterRef("pk")).exclude(batch_id=batch_id)
    only_here = ForgottenContact.objects.filter(sources__batch_id=batch_id).exclude(
        Exists(elsewhere)
    )
    _, deleted = only_here.delete()
    return deleted.get("minimisation.ForgottenContact", 0)


def forgotten_without_imports_remove(*, owner_id: int) -> int:
    """With the owner's last import gone: delete their forgotten contacts but those that no
    import held (their ties were added otherwise and are still theirs); how many."""
    outside = ForgottenSource.objects.filter(forgotten=OuterRef("pk"), batch__isnull=True)
    _, deleted = (
        ForgottenContact.objects.filter(employee_id=owner_id).exclude(Exists(outside)).delete()
    )
    return deleted.get("minimisation.ForgottenContact", 0)
