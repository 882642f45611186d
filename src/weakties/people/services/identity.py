"""The bridge between the pure resolver and the stored people and companies.

Identifiers are kept only as digests (``digest``), so the database can answer
"have we seen this LinkedIn URL or email before?" without holding it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, QuerySet

from weakties.core.bulk import insert_rows, reserve_ids, update_rows
from weakties.people.models import Company, Erasure, Person, PersonIdentifier
from weakties.resolve import PersonIndex, company_display, company_key, person_name_key
from weakties.resolve.sectors import region_of, sector_of

if TYPE_CHECKING:
    from weakties.importers.records import Contact
    from weakties.resolve.people import Wanted

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


def load_person_index(contacts: Iterable[Contact] | None = None) -> PersonIndex:
    """Build a :class:`~weakties.resolve.PersonIndex` over the stored people.

    Without ``contacts``, every stored person.  With them, only the people
    those contacts can be resolved to (:meth:`~weakties.resolve.PersonIndex.wanted`:
    an identifier, a company or an exact full name in common) and the name
    frequencies of everyone, read from the database: the contacts resolve
    exactly as against every person, and a file of 200 contacts reads a few
    hundred people instead of all 300,000 of an organisation of 3,000.
    """
    index = PersonIndex(digest=digest)
    if contacts is None:
        _add_people(index, None)
        return index
    wanted = index.wanted(contacts)
    _add_people(index, _people_wanted(wanted))
    given, core = index.name_parts()
    given |= wanted.given
    core |= wanted.core
    index.set_frequencies(
        given=_name_counts("name_given", given, with_company=True),
        core=_name_counts("name_core", core, with_company=True),
        named_given=_name_counts("name_given", wanted.given, with_company=False),
        named_core=_name_counts("name_core", wanted.core, with_company=False),
        named=_named().count(),
    )
    return index


def _add_people(index: PersonIndex, ids: set[int] | None) -> None:
    """Add the people with these ids (every person for ``None``) to the index, in id order."""
    people = Person.objects.order_by("id").values_list(
        "id", "first_name", "last_name", "company__name", "position"
    )
    marks = PersonIdentifier.objects.values_list("person_id", "kind", "digest")
    if ids is None:
        batches: Iterable[tuple[QuerySet, QuerySet]] = [(people, marks)]
    else:
        ordered = sorted(ids)
        batches = (
            (people.filter(id__in=chunk), marks.filter(person_id__in=chunk))
            for chunk in _chunks(ordered)
        )
    for rows, identifier_rows in batches:
        identifiers: dict[int, list[tuple[str, str]]] = {}
        for person_id, kind, value in identifier_rows.iterator(chunk_size=20000):
            identifiers.setdefault(person_id, []).append((kind, value))
        for person_id, first, last, company, position in rows.iterator(chunk_size=20000):
            index.add(
                person_id,
                first_name=first,
                last_name=last,
                company=company or "",
                identifiers=identifiers.get(person_id, ()),
                position=position or "",
            )


def _people_wanted(wanted: Wanted) -> set[int]:
    """Ids of the stored people who share an identifier, a company or a full name with
    the contacts (see :meth:`~weakties.resolve.PersonIndex.wanted`)."""
    ids: set[int] = set()
    by_kind: dict[str, list[str]] = {}
    for kind, value in wanted.identifiers:
        by_kind.setdefault(kind, []).append(value)
    for kind, values in by_kind.items():
        for chunk in _chunks(sorted(values)):
            ids.update(
                PersonIdentifier.objects.filter(kind=kind, digest__in=chunk).values_list(
                    "person_id", flat=True
                )
            )
    for chunk in _chunks(sorted(wanted.names)):
        ids.update(Person.objects.filter(name_compact__in=chunk).values_list("id", flat=True))
    ids.update(_people_in_blocks(_companies_compacted(wanted.companies), wanted.blocks))
    return ids


def _people_in_blocks(companies: set[int], blocks: set[str]) -> set[int]:
    """Ids of the people at these companies whose given or family name begins with one of
    the ``blocks`` (three letters, spaces left out): the resolver's name blocks there."""
    found: set[int] = set()
    if not companies or not blocks:
        return found
    with connection.cursor() as cursor:
        for company_chunk in _chunks(sorted(companies), 2000):
            for block_chunk in _chunks(sorted(blocks), 2000):
                at = ", ".join(["%s"] * len(company_chunk))
                keys = ", ".join(["%s"] * len(block_chunk))
                cursor.execute(
                    f"SELECT id FROM people_person WHERE company_id IN ({at}) AND ("
                    f"SUBSTR(REPLACE(name_core, ' ', ''), 1, 3) IN ({keys}) "
                    f"OR SUBSTR(REPLACE(name_given, ' ', ''), 1, 3) IN ({keys}))",
                    [*company_chunk, *block_chunk, *block_chunk],
                )
                found.update(pk for (pk,) in cursor.fetchall())
    return found


def _companies_compacted(compacts: set[str]) -> set[int]:
    """Ids of the companies whose key without spaces and "&" is one of ``compacts``
    (:func:`~weakties.resolve.compact_company` of their name)."""
    if not compacts:
        return set()
    found: set[int] = set()
    with connection.cursor() as cursor:
        for chunk in _chunks(sorted(compacts)):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                "SELECT id FROM people_company "
                f"WHERE REPLACE(REPLACE(key, ' ', ''), '&', '') IN ({marks})",
                chunk,
            )
            found.update(pk for (pk,) in cursor.fetchall())
    return found


def _named() -> QuerySet[Person]:
    """The stored people with a given and a family name (rule 5's population)."""
    return Person.objects.exclude(name_given="").exclude(name_core="")


def _name_counts(column: str, names: set[str], *, with_company: bool) -> dict[str, int]:
    """How many named people bear each of ``names`` in ``column``; with a company only,
    when ``with_company`` (the people the resolver's name blocks hold)."""
    counts: dict[str, int] = dict.fromkeys(names, 0)
    people = _named().filter(company__isnull=False) if with_company else _named()
    for chunk in _chunks(sorted(names)):
        rows = (
            people.filter(**{f"{column}__in": chunk})
            .values_list(column)
            .annotate(n=Count("id"))
            .order_by()
        )
        counts.update(rows)
    return counts


def _chunks(values: list, size: int = 5000) -> Iterator[list]:
    """``values`` in lists of at most ``size`` (a query's bound parameters are limited)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


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
