"""The bridge between the pure resolver and the stored people and companies.

Identifiers are kept only as digests (``digest``), so the database can answer
"have we seen this LinkedIn URL or email before?" without holding it.
"""

from __future__ import annotations

import functools
import hashlib
import json

from weakties.core.bulk import insert_rows, reserve_ids, update_rows
from weakties.people.models import Company, Erasure, Person, PersonIdentifier
from weakties.resolve import PersonIndex, company_display, company_key, person_name_key
from weakties.resolve.sectors import region_of, sector_of

__all__ = [
    "digest",
    "load_person_index",
    "CompanyCache",
    "company_facts",
    "erasure_digests",
    "name_company_digest",
]


@functools.lru_cache(maxsize=1 << 18)
def digest(value: str) -> str:
    """A stable one-way digest of a normalised identifier."""
    return hashlib.sha256(b"weakties:" + value.encode("utf-8")).hexdigest()[:40]


def name_company_digest(first_name: str, last_name: str, company: str) -> str:
    """Digest of name plus company, for erasing people who have no identifier."""
    return digest(f"{person_name_key(first_name, last_name)}|{company_key(company)}")


def load_person_index() -> PersonIndex:
    """Build a :class:`~weakties.resolve.PersonIndex` over every stored person."""
    index = PersonIndex(digest=digest)
    identifiers: dict[int, list[tuple[str, str]]] = {}
    for person_id, kind, value in PersonIdentifier.objects.values_list(
        "person_id", "kind", "digest"
    ).iterator(chunk_size=20000):
        identifiers.setdefault(person_id, []).append((kind, value))
    rows = Person.objects.values_list("id", "first_name", "last_name", "company__name", "position")
    for person_id, first, last, company, position in rows.iterator(chunk_size=20000):
        index.add(
            person_id,
            first_name=first,
            last_name=last,
            company=company or "",
            identifiers=identifiers.get(person_id, ()),
            position=position or "",
        )
    return index


def erasure_digests() -> set[tuple[str, str]]:
    return set(Erasure.objects.values_list("kind", "digest"))


def company_facts(name: str) -> tuple[str, str, str]:
    """What a new company is stored with: display name, sector and region."""
    return company_display(name), sector_of(name), region_of(name)


class CompanyCache:
    """Companies by normalised key; creates the missing ones in bulk."""

    def __init__(self) -> None:
        self._load()

    def _load(self) -> None:
        """Start from the stored companies and nothing pending."""
        self._ids: dict[str, int] = {}
        self._aliases: dict[str, set[str]] = {}
        for cid, key, aliases in Company.objects.values_list("id", "key", "aliases"):
            self._ids[key] = cid
            self._aliases[key] = set(aliases or [])
        self._pending: dict[str, tuple[str, str, str]] = {}  # key -> company_facts
        self._alias_changed: set[str] = set()

    def key_for(
        self, name: str, key: str | None = None, facts: tuple[str, str, str] | None = None
    ) -> str:
        """Register ``name`` and return its key ("" for no company).

        ``key`` is ``company_key(name)`` and ``facts`` :func:`company_facts`
        when the caller has them already.
        """
        if key is None:
            key = company_key(name)
        if not key:
            return ""
        if key not in self._ids and key not in self._pending:
            self._pending[key] = facts or company_facts(name)
            self._aliases[key] = set()
        display = name.strip()
        if display and display not in self._aliases[key] and len(self._aliases[key]) < 20:
            self._aliases[key].add(display)
            self._alias_changed.add(key)
        return key

    def add_names(self, keys: dict[str, str], facts: dict[str, tuple[str, str, str]]) -> None:
        """Register company names given with their keys and facts (see :meth:`key_for`)."""
        for name, key in keys.items():
            if key:
                self.key_for(name, key, facts.get(key))

    def keys(self) -> set[str]:
        """The keys of every company known (stored or pending)."""
        return set(self._ids) | set(self._pending)

    def flush(self, *, aliases: bool = True) -> None:
        """Store new companies (and new aliases); afterwards :meth:`id_of` works."""
        if self._pending:
            ids = reserve_ids("people_company", len(self._pending))
            rows = []
            for pk, (key, (display, sector, region)) in zip(
                ids, self._pending.items(), strict=True
            ):
                self._ids[key] = pk
                rows.append(
                    (
                        pk,
                        display[:300],
                        key,
                        "",
                        json.dumps(sorted(self._aliases[key])),
                        sector,
                        region,
                    )
                )
                self._alias_changed.discard(key)
            insert_rows(
                "people_company",
                ("id", "name", "key", "domain", "aliases", "sector", "region"),
                rows,
                json_columns=frozenset({"aliases"}),
            )
            self._pending.clear()
        if aliases:
            self.flush_aliases()

    def flush_aliases(self) -> None:
        """Store the names companies were seen under since the last call."""
        if self._alias_changed:
            update_rows(
                "people_company",
                ("aliases",),
                [(json.dumps(sorted(self._aliases[k])), self._ids[k]) for k in self._alias_changed],
                json_columns=frozenset({"aliases"}),
            )
            self._alias_changed.clear()

    def id_of(self, key: str) -> int | None:
        return self._ids.get(key) if key else None

    def discard_pending(self) -> None:
        """Forget what was not stored (after a rolled-back import)."""
        self._load()
