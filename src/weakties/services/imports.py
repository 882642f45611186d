"""Import an employee's network export: parse, resolve, store — all or nothing.

Flow: bytes → :mod:`weakties.importers` (typed contacts) → the resolver's
:class:`~weakties.resolve.PersonIndex` (people) → one transaction that
writes companies, people, identifier digests, ties and their provenance.

A file with any unreadable row changes nothing; the report lists every
error with its line.  Importing the same file again for the same owner
changes nothing.  An :class:`NetworkImporter` keeps its resolution index
between files, so importing many files in one process stays fast.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from weakties.accounts.models import Consent, Employee
from weakties.importers import MAX_FILE_BYTES, ImportFileError, parse_bytes
from weakties.importers.records import Contact, ParseResult
from weakties.people.models import ImportBatch, Tie
from weakties.resolve import PersonIndex, company_key, person_name_key

from .bulk import insert_rows, reserve_ids, update_rows
from .consent import give_consent
from .identity import CompanyCache, erasure_digests, load_person_index, name_company_digest
from .progress import ProgressCallback

__all__ = ["ImportReport", "NetworkImporter", "import_network_file", "read_upload"]

NETWORK_FORMATS = ("auto", "linkedin", "google", "outlook", "vcard")


@dataclass
class ImportReport:
    """What one import did.  ``as_dict`` gives the CLI/API JSON contract."""

    file: str
    format: str = ""
    contacts: int = 0
    skipped: int = 0
    people_created: int = 0
    ties_created: int = 0
    ties_updated: int = 0
    errors: list[dict] = field(default_factory=list)
    status: str = "done"
    duplicate: bool = False
    batch: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "done"

    def as_dict(self) -> dict:
        return asdict(self)


def read_upload(path: str | os.PathLike, *, file: str) -> bytes:
    """Read a file after checking its size, so a huge file is refused unread."""
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            file,
            f"the file is {size / 2**20:,.0f} MiB; the limit is {MAX_FILE_BYTES / 2**20:,.0f} MiB. "
            "A contacts export is rarely above a few MiB: check that this is the right file.",
        )
    return Path(path).read_bytes()


@dataclass
class LoadedFile:
    """A file read and parsed (picklable, so a second process can do it)."""

    checksum: str = ""
    parsed: ParseResult | None = None
    error: tuple[str, int | None] | None = None


def load_file(path: str | os.PathLike, *, name: str, format: str = "auto") -> LoadedFile:
    """Read (size checked first), hash and parse one file.  Pure: no database."""
    try:
        data = read_upload(path, file=name)
        checksum = hashlib.sha256(data).hexdigest()
        return LoadedFile(checksum, parse_bytes(data, file=name, format=format))
    except ImportFileError as exc:
        return LoadedFile(error=(exc.message, exc.line))
    except OSError as exc:
        return LoadedFile(error=(f"cannot read the file: {exc.strerror}", None))


@dataclass
class _TieDraft:
    person_key: int
    sources: set[str]
    connected_on: date | None
    email: str
    phone: str
    profile_url: str
    lines: list[int]


def _merge(draft: _TieDraft, contact: Contact) -> None:
    draft.sources.add(contact.source)
    if contact.connected_on and (
        draft.connected_on is None or contact.connected_on < draft.connected_on
    ):
        draft.connected_on = contact.connected_on
    draft.email = draft.email or (contact.emails[0] if contact.emails else "")
    draft.phone = draft.phone or (contact.phones[0] if contact.phones else "")
    draft.profile_url = draft.profile_url or contact.linkedin_url
    draft.lines.append(contact.line)


class NetworkImporter:
    """Imports network files, keeping the resolution index warm between files."""

    def __init__(self) -> None:
        self._index: PersonIndex | None = None
        self._companies: CompanyCache | None = None
        self._erased: set[tuple[str, str]] | None = None

    # -- state kept between files ------------------------------------------------
    def _warm(self) -> tuple[PersonIndex, CompanyCache, set[tuple[str, str]]]:
        if self._index is None:
            self._index = load_person_index()
            self._companies = CompanyCache()
            self._erased = erasure_digests()
        assert self._companies is not None and self._erased is not None
        return self._index, self._companies, self._erased

    def _forget(self) -> None:
        self._index = self._companies = self._erased = None

    # -- the use case -------------------------------------------------------------
    def import_file(
        self,
        path: str | os.PathLike,
        *,
        owner: Employee,
        format: str = "auto",
        file_name: str | None = None,
        via: str = Consent.Via.CLI,
        batch: ImportBatch | None = None,
        progress: ProgressCallback | None = None,
        loaded: LoadedFile | None = None,
    ) -> ImportReport:
        """Import one network export of ``owner``.

        ``via`` records how consent was given: importing on the command line
        records the owner's consent; the web asks for it before calling this.
        ``loaded`` is the file already read and parsed (see :meth:`import_files`).
        """
        name = file_name or Path(path).name
        report = ImportReport(file=name)
        if format not in NETWORK_FORMATS:
            return self._fail(report, batch, owner, "", f"unknown format {format!r}; use one of {', '.join(NETWORK_FORMATS)}")
        if progress:
            progress("parse", 0, 1)
        loaded = loaded or load_file(path, name=name, format=format)
        if loaded.error is not None:
            message, line = loaded.error
            return self._fail(report, batch, owner, "", message, line)
        parsed, checksum = loaded.parsed, loaded.checksum
        assert parsed is not None
        report.format = parsed.format
        if parsed.format == "directory":
            return self._fail(report, batch, owner, "", "this is an HR directory, not a personal network; import it with `weakties import directory FILE --org NAME`")
        report.contacts = len(parsed.records)
        report.skipped = parsed.skipped
        if parsed.errors:
            report.errors = [e.as_dict() for e in parsed.errors]
            return self._fail(report, batch, owner, checksum, None)

        previous = (
            ImportBatch.objects.filter(owner=owner, checksum=checksum, status=ImportBatch.Status.DONE)
            .exclude(pk=batch.pk if batch else None)
            .first()
        )
        if previous is not None:
            report.duplicate = True
            report.batch = previous.pk
            if batch is not None:
                batch.delete()
            return report

        if via == Consent.Via.CLI:
            give_consent(owner, via=via)
        try:
            with transaction.atomic():
                batch = self._write(parsed.records, report, owner, name, checksum, parsed, batch, progress)
        except Exception:
            self._forget()
            raise
        report.batch = batch.pk
        return report

    def import_files(
        self,
        jobs: Iterable[tuple[str | os.PathLike, Employee]],
        *,
        format: str = "auto",
        progress: ProgressCallback | None = None,
    ) -> Iterator[ImportReport]:
        """Import many files, parsing the next file in a second process meanwhile.

        Parsing is pure and needs no database, so it overlaps with resolving
        and writing the previous file: on two cores that hides most of it.
        """
        jobs = list(jobs)
        if len(jobs) < 2:
            for path, owner in jobs:
                yield self.import_file(path, owner=owner, format=format, progress=progress)
            return
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            ahead = [pool.submit(load_file, path, name=Path(path).name, format=format) for path, _ in jobs[:2]]
            for i, (path, owner) in enumerate(jobs):
                loaded = ahead[i].result()
                if i + 2 < len(jobs):
                    nxt = jobs[i + 2][0]
                    ahead.append(pool.submit(load_file, nxt, name=Path(nxt).name, format=format))
                ahead[i] = None  # free the parsed records once used
                yield self.import_file(path, owner=owner, format=format, progress=progress, loaded=loaded)

    def _fail(self, report, batch, owner, checksum, message, line=None) -> ImportReport:
        if message:
            report.errors = [{"line": line, "message": message}]
        report.status = "failed"
        batch = batch or ImportBatch(organisation=owner.organisation, owner=owner, file_name=report.file)
        batch.checksum = checksum
        batch.format = report.format
        batch.status = ImportBatch.Status.FAILED
        batch.contacts = report.contacts
        batch.skipped = report.skipped
        batch.errors = report.errors
        batch.finished_at = timezone.now()
        batch.save()
        report.batch = batch.pk
        return report

    def _write(self, contacts, report, owner, name, checksum, parsed, batch, progress) -> ImportBatch:
        index, companies, erased = self._warm()
        if batch is None:
            batch = ImportBatch(organisation=owner.organisation, owner=owner, file_name=name)
        batch.checksum, batch.format, batch.encoding = checksum, parsed.format, parsed.encoding
        batch.status = ImportBatch.Status.RUNNING
        batch.save()

        own_person = owner.person_id
        drafts: dict[int, _TieDraft] = {}
        new_people: dict[int, Contact] = {}
        new_identifiers: list[tuple[int, str, str]] = []
        total = len(contacts)
        for i, contact in enumerate(contacts):
            if progress and i % 2000 == 0:
                progress("resolve", i, total)
            if erased and self._is_erased(index, contact, erased):
                report.skipped += 1
                continue
            match = index.resolve(contact)
            if match.key == own_person:
                report.skipped += 1
                continue
            if match.created:
                new_people[match.key] = contact
            companies.key_for(contact.company)
            new_identifiers.extend((match.key, kind, value) for kind, value in match.new_identifiers)
            draft = drafts.get(match.key)
            if draft is None:
                draft = drafts[match.key] = _TieDraft(match.key, set(), None, "", "", "", [])
            _merge(draft, contact)
        if progress:
            progress("store", 0, 1)

        companies.flush()
        mapping = self._store_people(new_people, companies)
        index.rekey(mapping)
        insert_rows(
            "people_personidentifier",
            ("person_id", "kind", "digest"),
            [(mapping.get(key, key), kind, value) for key, kind, value in new_identifiers],
            ignore_conflicts=True,
        )
        report.people_created = len(mapping)
        report.ties_created, report.ties_updated = self._store_ties(owner, drafts, mapping, batch)
        batch.status = ImportBatch.Status.DONE
        batch.contacts = report.contacts
        batch.skipped = report.skipped
        batch.people_created = report.people_created
        batch.ties_created = report.ties_created
        batch.ties_updated = report.ties_updated
        batch.errors = []
        batch.finished_at = timezone.now()
        batch.save()
        if progress:
            progress("done", 1, 1)
        return batch

    @staticmethod
    def _store_people(new_people: dict[int, Contact], companies: CompanyCache) -> dict[int, int]:
        """Insert the people created in this import; returns provisional key → id."""
        ids = reserve_ids("people_person", len(new_people))
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = []
        mapping: dict[int, int] = {}
        for pk, (key, c) in zip(ids, new_people.items(), strict=True):
            mapping[key] = pk
            rows.append(
                (
                    pk,
                    c.first_name[:150],
                    c.last_name[:150],
                    person_name_key(c.first_name, c.last_name)[:300],
                    companies.id_of(company_key(c.company)),
                    c.position[:300],
                    now,
                )
            )
        insert_rows(
            "people_person",
            ("id", "first_name", "last_name", "name_key", "company_id", "position", "created_at"),
            rows,
        )
        return mapping

    @staticmethod
    def _store_ties(owner, drafts: dict[int, _TieDraft], mapping: dict[int, int], batch) -> tuple[int, int]:
        """Merge the drafts into the owner's ties and record provenance; returns (created, updated)."""
        existing = {
            row[1]: row
            for row in Tie.objects.filter(employee=owner).values_list(
                "id", "person_id", "sources", "connected_on", "email", "phone", "profile_url"
            )
        }
        ops = connection.ops
        now = ops.adapt_datetimefield_value(timezone.now())
        fresh = [d for d in drafts.values() if mapping.get(d.person_key, d.person_key) not in existing]
        new_ids = iter(reserve_ids("people_tie", len(fresh)))
        created, updated, provenance = [], [], []
        for draft in drafts.values():
            person_id = mapping.get(draft.person_key, draft.person_key)
            row = existing.get(person_id)
            if row is None:
                tie_id = next(new_ids)
                created.append(
                    (
                        tie_id,
                        owner.pk,
                        person_id,
                        _sources_json(frozenset(draft.sources)),
                        ops.adapt_datefield_value(draft.connected_on),
                        draft.email[:254],
                        draft.phone[:100],
                        draft.profile_url[:500],
                        now,
                        now,
                    )
                )
            else:
                tie_id = row[0]
                merged = _merged_tie(row, draft)
                if merged is not None:
                    sources, connected_on, email, phone, url = merged
                    updated.append(
                        (_sources_json(frozenset(sources)), ops.adapt_datefield_value(connected_on), email, phone, url, now, tie_id)
                    )
            provenance.extend((tie_id, batch.pk, line) for line in draft.lines)
        insert_rows(
            "people_tie",
            ("id", "employee_id", "person_id", "sources", "connected_on", "email", "phone", "profile_url", "created_at", "updated_at"),
            created,
            json_columns=frozenset({"sources"}),
        )
        update_rows(
            "people_tie",
            ("sources", "connected_on", "email", "phone", "profile_url", "updated_at"),
            updated,
            json_columns=frozenset({"sources"}),
        )
        insert_rows("people_tieprovenance", ("tie_id", "batch_id", "line"), provenance, ignore_conflicts=True)
        return len(created), len(updated)

    @staticmethod
    def _is_erased(index: PersonIndex, contact: Contact, erased) -> bool:
        if any(pair in erased for pair in index.identifiers_of(contact)):
            return True
        return ("name", name_company_digest(contact.first_name, contact.last_name, contact.company)) in erased


@functools.lru_cache(maxsize=256)
def _sources_json(sources: frozenset[str]) -> str:
    return json.dumps(sorted(sources))


def _merged_tie(row: tuple, draft: _TieDraft) -> tuple | None:
    """The stored tie ``row`` merged with ``draft``, or ``None`` when nothing changes."""
    _, _, sources, connected_on, email, phone, url = row
    merged_sources = sorted(set(sources) | draft.sources)
    if draft.connected_on and (connected_on is None or draft.connected_on < connected_on):
        connected_on = draft.connected_on
    merged = (
        merged_sources,
        connected_on,
        email or draft.email[:254],
        phone or draft.phone[:100],
        url or draft.profile_url[:500],
    )
    return None if merged == (sorted(sources), row[3], email, phone, url) else merged


def import_network_file(path, *, owner: Employee, **kwargs) -> ImportReport:
    """Import one file with a fresh importer (see :class:`NetworkImporter`)."""
    return NetworkImporter().import_file(path, owner=owner, **kwargs)

