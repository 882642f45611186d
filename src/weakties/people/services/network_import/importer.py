"""Import an employee's network export: parse, resolve, store — all or nothing.

Flow: bytes → :mod:`weakties.importers` (typed contacts) → a plan
(:mod:`~weakties.people.services.network_import.plan`: the resolver's
:class:`~weakties.resolve.PersonIndex` finds the people, contacts fold into
one tie per person) → one transaction that writes companies, people,
identifier digests, ties and their provenance.

A file with any unreadable row changes nothing; the report lists every
error with its line.  Importing the same file again for the same owner
changes nothing.  A :class:`NetworkImporter` keeps its resolution index
between files; for many files it hands parsing and resolving to a second
process (:mod:`~weakties.people.services.network_import.ahead`) and commits in groups.
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from weakties.accounts.models import Consent, Employee
from weakties.core.bulk import dialect, gc_paused, insert_rows, reserve_ids, update_rows
from weakties.core.errors import ServiceError
from weakties.core.messages import error_entry
from weakties.core.progress import ProgressCallback
from weakties.importers import Text
from weakties.importers.records import Contact, ParseResult
from weakties.people.models import ImportBatch, Tie
from weakties.people.services.consent import consent_for_import, consent_give, consent_give_many
from weakties.people.services.identity import CompanyCache, erasure_digests, load_person_index
from weakties.people.services.network_import.ahead import (
    AheadJob,
    AheadState,
    AheadStats,
    plan_ahead,
)
from weakties.people.services.network_import.faults import (
    Watermark,
    database_full,
    is_database_full,
    lock_imports,
    watermark,
)
from weakties.people.services.network_import.files import LoadedFile, load_file
from weakties.people.services.network_import.plan import (
    FilePlan,
    NewPerson,
    TiePlans,
    plan_file,
    sources_json,
)
from weakties.people.services.tie_ranks import tie_ranks_add
from weakties.people.signals import send_after_commit, ties_imported
from weakties.resolve import PersonIndex

__all__ = ["ImportReport", "NetworkImporter"]

NETWORK_FORMATS = ("auto", "linkedin", "google", "outlook", "vcard")

_DIRECTORY_NOT_NETWORK = Text(
    gettext_noop(
        "this is an HR directory, not a personal network; import it with `weakties import directory FILE --org NAME`"
    )
)


def _unknown_format(format: str) -> Text:
    return Text(
        gettext_noop("unknown format {format}; use one of {formats}"),
        format=repr(format),
        formats=", ".join(NETWORK_FORMATS),
    )


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
    #: Lines read in part or left out of a file that was imported (an unreadable date, an
    #: organisation card, a bad e-mail value): ``{"line", "message"}``, never a reason to refuse.
    warnings: list[dict] = field(default_factory=list)
    status: str = "done"
    duplicate: bool = False
    batch: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "done"

    def as_dict(self) -> dict:
        return asdict(self)


#: The columns of ``people_person`` a bulk insert of people fills, the name parts included.
PERSON_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "name_key",
    "name_given",
    "name_core",
    "name_compact",
    "company_id",
    "position",
    "created_at",
)


class NetworkImporter:
    """Imports network files, keeping what it learned warm between files."""

    #: :meth:`import_files` commits after about this many contacts.
    group_contacts = 50_000

    def __init__(self, *, partial: bool = True) -> None:
        """``partial``: resolve each file of :meth:`import_file` against the stored people it
        can match, read afresh (see :meth:`_warm`), as a new process would; ``False`` keeps
        one index of every person warm from file to file, which then also remembers the
        names and companies earlier files showed for a person beyond the stored ones."""
        self._index: PersonIndex | None = None
        self._load_partial = partial
        self._partial = False  # the index holds one file's people only (see _warm)
        self._companies: CompanyCache | None = None
        self._erased: set[tuple[str, str]] | None = None
        # What this importer already knows, so that importing many files does
        # not ask the database the same questions once per file.
        self._done: dict[tuple[int, str], int] | None = None  # (owner, checksum) -> batch
        self._consenting: set[int] | None = None  # owners whose consent is recorded
        self._ahead = False  # plans come from the second process
        self._person_ids: dict[int, int] = {}  # provisional person key -> stored id
        self._consents_due: list[Employee] = []  # consent to record with the group
        self._ranks_due: dict[int, tuple[int, int]] = {}  # owner -> new ties to rank (id range)
        self._with_ties: set[int] | None = None  # owners who have ties
        # The database the caches above stand on (see faults.watermark): another process's
        # import moves it, and then they are loaded again.
        self._mark: Watermark | None = None
        #: Where :meth:`import_files` spent its time (for benchmarks and tuning).
        self.stats = AheadStats()

    # -- state kept between files ------------------------------------------------
    def _warm(
        self, contacts: Sequence[Contact] | None = None
    ) -> tuple[PersonIndex, set[tuple[str, str]]]:
        """The person index and the erased identifiers, loaded when not warm.

        With ``contacts`` (one file), a cold index holds only the people those contacts can
        resolve to (:func:`~weakties.people.services.identity.load_person_index`): a file of
        200 contacts reads a few hundred people, not the 300,000 of an organisation of 3,000
        employees.  Such an index serves that file only (see :meth:`_plan_and_store`).
        """
        if self._index is None:
            if self._mark is None:  # read before loading: a write in between is seen as one
                self._mark = watermark()
            if not self._load_partial:
                contacts = None
            self._index = load_person_index(contacts)
            self._partial = contacts is not None
            self._erased = erasure_digests()
            self._person_ids = {}
        assert self._erased is not None
        return self._index, self._erased

    def _company_cache(self) -> CompanyCache:
        if self._companies is None:
            self._companies = CompanyCache()
        return self._companies

    def _forget(self) -> None:
        self._index = self._companies = self._erased = self._done = self._consenting = None
        self._partial = False
        self._with_ties = None
        self._mark = None
        self._person_ids = {}
        self._consents_due = []
        self._ranks_due = {}

    def _lock_and_catch_up(self) -> bool:
        """Take the import lock; drop the caches when another process wrote since they were
        loaded (see :mod:`~weakties.people.services.network_import.faults`).  Returns whether
        they were dropped.  Inside the transaction that stores."""
        lock_imports()
        if self._mark is None or self._mark == watermark():
            return False
        self._forget()
        return True

    def _prime(self) -> None:
        """Load which files are imported and who consented, for many files at once."""
        self._done = {
            (owner, checksum): pk
            for pk, owner, checksum in ImportBatch.objects.filter(
                status=ImportBatch.Status.DONE, owner__isnull=False
            ).values_list("pk", "owner_id", "checksum")
        }
        self._consenting = set(
            Consent.objects.filter(withdrawn_at__isnull=True).values_list("employee_id", flat=True)
        )
        self._with_ties = set(Tie.objects.values_list("employee_id", flat=True).distinct())

    def _previous_import(
        self, owner: Employee, checksum: str, batch: ImportBatch | None
    ) -> int | None:
        """The id of a finished import of the same file by the same owner, if any."""
        if self._done is None:
            return (
                ImportBatch.objects.filter(
                    owner=owner, checksum=checksum, status=ImportBatch.Status.DONE
                )
                .exclude(pk=batch.pk if batch else None)
                .values_list("pk", flat=True)
                .first()
            )
        return self._done.get((owner.pk, checksum))

    # -- the use case -------------------------------------------------------------
    def import_file(
        self,
        *,
        path: str | os.PathLike[str],
        owner: Employee,
        format: str = "auto",
        file_name: str | None = None,
        via: str = Consent.Via.CLI,  # type: ignore[assignment]  # TextChoices: a str (no Django stubs)
        batch: ImportBatch | None = None,
        progress: ProgressCallback | None = None,
        loaded: LoadedFile | None = None,
        consent_given_by_owner: str = "",
    ) -> ImportReport:
        """Import one network export of ``owner``.

        ``via`` records how consent was given: importing on the command line
        records the owner's consent; the web asks for it before calling this.
        ``loaded`` is the file already read and parsed (see :meth:`import_files`).
        An owner who withdrew consent is refused unless they gave it again
        (:func:`~weakties.people.services.consent.consent_for_import`).
        """
        name = file_name or Path(path).name
        report = ImportReport(file=name)
        if loaded is None:  # import_files checked all owners before planning
            try:
                consent_for_import(
                    employees=[owner], given_by_owner=consent_given_by_owner, via=via
                )
            except ServiceError as exc:
                return self._fail(report, batch, owner, "", str(exc))
        if format not in NETWORK_FORMATS:
            return self._fail(report, batch, owner, "", _unknown_format(format))
        if progress:
            progress("parse", 0, 1)
        loaded = loaded or load_file(path=path, name=name, format=format)
        refused = self._refuse_unreadable(loaded, report, batch, owner)
        if refused is not None:
            return refused
        previous = self._previous_import(owner, loaded.checksum, batch)
        if previous is not None:
            report.duplicate = True
            report.batch = previous
            if batch is not None:
                batch.delete()
            return report
        self._note_consent(owner, via)
        batch = self._plan_and_store(loaded, report, owner, name, batch, progress)
        if progress:
            progress("done", 1, 1)
        report.batch = batch.pk
        return report

    def _refuse_unreadable(
        self,
        loaded: LoadedFile,
        report: ImportReport,
        batch: ImportBatch | None,
        owner: Employee,
    ) -> ImportReport | None:
        """The failed report of a file that cannot be stored, or ``None`` when it can."""
        if loaded.error is not None:
            message, line = loaded.error
            return self._fail(report, batch, owner, "", message, line)
        parsed = loaded.parsed
        assert parsed is not None
        report.format = parsed.format
        if parsed.format == "directory":
            return self._fail(report, batch, owner, "", _DIRECTORY_NOT_NETWORK)
        report.contacts = loaded.contacts
        report.skipped = parsed.skipped
        if parsed.errors:
            errors = [(e.line, e.message) for e in parsed.errors]
            return self._fail(report, batch, owner, loaded.checksum, None, errors=errors)
        return None

    def _note_consent(self, owner: Employee, via: str) -> None:
        """Importing one's own network on the command line records one's consent."""
        if via != Consent.Via.CLI or (
            self._consenting is not None and owner.pk in self._consenting
        ):
            return
        if self._ahead:
            self._consents_due.append(owner)  # recorded with the group
        else:
            consent_give(employee=owner, via=via)
        if self._consenting is not None:
            self._consenting.add(owner.pk)

    def _plan_and_store(
        self,
        loaded: LoadedFile,
        report: ImportReport,
        owner: Employee,
        name: str,
        batch: ImportBatch | None,
        progress: ProgressCallback | None,
    ) -> ImportBatch:
        """Resolve the file (unless the second process did) and write it, all or nothing."""
        parsed = loaded.parsed
        assert parsed is not None
        plan = loaded.plan
        if self._ahead and plan is None:  # the two processes must agree on every file
            raise RuntimeError(
                f"{name}: the planning process skipped a file the importer would store"
            )
        if plan is None and not self._ahead:
            # Load the people outside the import lock (seconds at 300,000 people): on SQLite
            # the lock is the database's write lock, and every search's audit line waits for
            # it.  The watermark read before loading says, under the lock, whether another
            # import wrote in between; then the caches are dropped and loaded again.
            self._warm(parsed.records)
        try:
            with gc_paused(), transaction.atomic():
                if not self._ahead:  # a run ahead holds the lock for its whole group
                    self._lock_and_catch_up()
                if plan is None:
                    index, erased = self._warm(parsed.records)
                    plan = plan_file(
                        index=index,
                        contacts=parsed.records,
                        own_person=owner.person_id,
                        erased=erased,
                        total=report.contacts,
                        progress=progress,
                    )
                if progress:
                    progress("store", 0, 1)
                stored = self._store(plan, report, owner, name, loaded.checksum, parsed, batch)
                if not self._ahead:
                    self._mark = watermark()  # our own writes, under the lock
                return stored
        except Exception as exc:
            self._forget()
            if is_database_full(exc):
                raise database_full(name) from exc
            raise
        finally:
            if self._partial:  # it knows this file's people only: the next file loads its own
                self._index = None
                self._partial = False

    def import_files(
        self,
        *,
        jobs: Iterable[AheadJob],
        format: str = "auto",
        progress: ProgressCallback | None = None,
        consent_given_by_owner: str = "",
    ) -> Iterator[ImportReport]:
        """Import many files; yields one report per file, in order.

        Raises :class:`~weakties.core.errors.ServiceError` before importing
        anything when an owner withdrew consent and did not give it again.

        Two things make this much faster than calling :meth:`import_file` in a
        loop:

        * a second process reads, parses and resolves the next files while
          this one writes (:mod:`~weakties.people.services.network_import.ahead`): on two
          cores the two halves overlap;
        * files are committed in groups of about :attr:`group_contacts`
          contacts, one transaction per group, instead of one per file.  Each
          file is still all-or-nothing: a file with errors writes nothing but
          its failed batch, and an unexpected error rolls the whole group back
          and is raised, so no file is ever half stored.  Reports are yielded
          only after their group is committed.
        """
        jobs = list(jobs)
        if len(jobs) < 2 or format not in NETWORK_FORMATS:
            for path, owner in jobs:
                yield self.import_file(
                    path=path,
                    owner=owner,
                    format=format,
                    progress=progress,
                    consent_given_by_owner=consent_given_by_owner,
                )
            return
        owners = list({owner.pk: owner for _path, owner in jobs}.values())
        consent_for_import(employees=owners, given_by_owner=consent_given_by_owner)
        self._forget()
        self._mark = watermark()  # before loading: a write in between is seen as one
        self._prime()
        index, erased = self._warm()
        self._index = None  # from here on the second process holds it
        assert self._done is not None
        state = AheadState(index, erased, set(self._done), self._company_cache().keys())
        loaded = plan_ahead(state=state, jobs=jobs, format=format, stats=self.stats)
        del state
        del index
        self._ahead = True
        try:
            consumed = yield from self._in_groups(loaded, format, progress)
            if consumed < len(jobs):
                # Another import stored people since this run loaded its index: the plans
                # made ahead may create them again.  The rest goes one file at a time, each
                # resolved under the import lock against the database as it is.
                loaded.close()
                self._ahead = False
                for path, owner in jobs[consumed:]:
                    yield self.import_file(
                        path=path,
                        owner=owner,
                        format=format,
                        progress=progress,
                        consent_given_by_owner=consent_given_by_owner,
                    )
        finally:
            loaded.close()
            self._ahead = False
            self._forget()  # this process's index does not know the new people

    def _in_groups(
        self,
        loaded: Iterator[tuple[str | os.PathLike[str], Employee, LoadedFile]],
        format: str,
        progress: ProgressCallback | None,
    ) -> Generator[ImportReport, None, int]:
        """Store the planned files in groups; returns how many files it took from ``loaded``:
        all of them, or fewer when another process wrote since the plans were made."""
        consumed = 0
        while True:
            reports: list[ImportReport] = []
            contacts = 0
            with gc_paused(), transaction.atomic():
                if self._lock_and_catch_up():
                    return consumed  # nothing written in this transaction
                for path, owner, item in loaded:
                    consumed += 1
                    report = self.import_file(
                        path=path, owner=owner, format=format, progress=progress, loaded=item
                    )
                    reports.append(report)
                    contacts += report.contacts
                    if contacts >= self.group_contacts:
                        break
                if self._companies is not None:
                    self._companies.flush_aliases()
                if self._consents_due:
                    consent_give_many(
                        employees=self._consents_due,
                        via=Consent.Via.CLI,  # type: ignore[arg-type]  # TextChoices: a str
                    )
                    self._consents_due = []
                self._rank_new_ties()  # after the consents: only sharing ties are ranked
                self._mark = watermark()  # our own writes, under the lock
            if not reports:
                return consumed
            yield from reports

    def _fail(
        self,
        report: ImportReport,
        batch: ImportBatch | None,
        owner: Employee,
        checksum: str,
        message: Text | str | None,
        line: int | None = None,
        errors: Sequence[tuple[int | None, Text]] | None = None,
    ) -> ImportReport:
        problems: Sequence[tuple[int | None, Text | str | None]] = errors or [(line, message)]
        # The report speaks the active language; the batch keeps the text to show in the viewer's.
        report.errors = [error_entry(n, m) for n, m in problems]
        report.status = "failed"
        batch = batch or ImportBatch(
            organisation=owner.organisation, owner=owner, file_name=report.file
        )
        batch.checksum = checksum
        batch.format = report.format
        batch.status = ImportBatch.Status.FAILED
        batch.contacts = report.contacts
        batch.skipped = report.skipped
        batch.errors = [error_entry(n, m, keep_text=True) for n, m in problems]
        batch.finished_at = timezone.now()
        batch.save()
        report.batch = batch.pk
        return report

    def _store(
        self,
        plan: FilePlan,
        report: ImportReport,
        owner: Employee,
        name: str,
        checksum: str,
        parsed: ParseResult,
        batch: ImportBatch | None,
    ) -> ImportBatch:
        """Write a file's plan: companies, new people and identifiers, ties, the batch."""
        new_batch = batch is None
        if batch is None:
            # Written once, at the end: the foreign keys are checked at commit,
            # so the ties' provenance may name the batch before it exists.
            batch = ImportBatch(
                pk=reserve_ids("people_importbatch", 1)[0],
                organisation_id=owner.organisation_id,
                owner=owner,
                file_name=name,
            )
        batch.checksum, batch.format, batch.encoding = checksum, parsed.format, parsed.encoding
        companies = self._company_cache()
        companies.add_names(plan.companies, plan.company_facts)
        companies.flush(aliases=not self._ahead)
        mapping = self._store_people(plan.new_people, companies)
        self._person_ids.update(mapping)
        if self._index is not None:
            self._index.rekey(mapping)
        ids = self._person_ids
        insert_rows(
            "people_personidentifier",
            ("person_id", "kind", "digest"),
            [(ids.get(key, key), kind, value) for key, kind, value in plan.new_identifiers],
            ignore_conflicts=True,
        )
        report.skipped += plan.skipped
        report.people_created = len(mapping)
        report.ties_created, report.ties_updated = self._store_ties(owner, plan.ties, ids, batch)
        batch.status = ImportBatch.Status.DONE
        batch.contacts = report.contacts
        batch.skipped = report.skipped
        batch.people_created = report.people_created
        batch.ties_created = report.ties_created
        batch.ties_updated = report.ties_updated
        # A finished batch keeps its warnings where a failed one keeps its errors.
        batch.errors = [error_entry(w.line, w.message, keep_text=True) for w in parsed.warnings]
        report.warnings = [error_entry(w.line, w.message) for w in parsed.warnings]
        batch.finished_at = timezone.now()
        if new_batch:
            _insert_batch(batch)
        else:
            batch.save()
        if self._done is not None:
            self._done[(owner.pk, checksum)] = batch.pk
        return batch

    @staticmethod
    def _store_people(new_people: list[NewPerson], companies: CompanyCache) -> dict[int, int]:
        """Insert the people created in this import; returns provisional key → id."""
        ids = reserve_ids("people_person", len(new_people))
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        company_id = companies.id_of
        rows = [
            (
                pk,
                first[:150],
                last[:150],
                name_key[:300],
                given[:150],
                core[:150],
                name_key.replace(" ", "")[:300],
                company_id(company),
                position[:300],
                now,
            )
            for pk, (_, first, last, name_key, company, position, given, core) in zip(
                ids, new_people, strict=True
            )
        ]
        insert_rows(
            "people_person",
            PERSON_COLUMNS,
            rows,
        )
        return {person[0]: pk for pk, person in zip(ids, new_people, strict=True)}

    def _existing_ties(self, owner: Employee) -> dict[int, tuple]:
        """The owner's stored ties by person: ``(id, person, sources, connected_on, email, phone, url)``.

        Read with plain SQL: ``sources`` may still be JSON text and
        ``connected_on`` ISO text (see :func:`_merged_tie`).
        """
        if self._with_ties is not None and owner.pk not in self._with_ties:
            return {}  # known to have none: spare the query
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, person_id, sources, connected_on, email, phone, profile_url "
                "FROM people_tie WHERE employee_id = %s",
                [owner.pk],
            )
            return {row[1]: row for row in cursor.fetchall()}

    def _store_ties(
        self, owner: Employee, ties: TiePlans, ids: dict[int, int], batch: ImportBatch
    ) -> tuple[int, int]:
        """Merge the planned ties into the owner's ties and record provenance; returns (created, updated)."""
        existing = self._existing_ties(owner)
        iso_date = dialect().iso_date
        adapt_date = connection.ops.adapt_datefield_value
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        owner_id, batch_id = owner.pk, batch.pk
        persons = [ids.get(key, key) for key in ties.person]
        fresh = [i for i, person_id in enumerate(persons) if person_id not in existing]
        tie_ids = reserve_ids("people_tie", len(fresh))
        created = [
            (
                tie_id,
                owner_id,
                persons[i],
                sources_json(ties.sources[i]),
                iso_date(ties.connected_on[i]),
                ties.email[i][:254],
                ties.phone[i][:100],
                ties.profile_url[i][:500],
                now,
                now,
            )
            for tie_id, i in zip(tie_ids, fresh, strict=True)
        ]
        provenance = [
            (tie_id, batch_id, line)
            for tie_id, i in zip(tie_ids, fresh, strict=True)
            for line in ties.lines[i]
        ]
        updated: list[tuple] = []
        for i, person_id in enumerate(persons if existing else ()):
            row = existing.get(person_id)
            if row is None:
                continue  # stored above
            connected_on = ties.connected_on[i]
            when = date.fromisoformat(connected_on) if connected_on else None
            planned = (ties.sources[i], when, ties.email[i], ties.phone[i], ties.profile_url[i])
            merged = _merged_tie(row, planned)
            if merged is not None:
                sources, when, email, phone, url = merged
                updated.append(
                    (sources_json(tuple(sources)), adapt_date(when), email, phone, url, now, row[0])
                )
            provenance.extend([(row[0], batch_id, line) for line in ties.lines[i]])
        insert_rows(
            "people_tie",
            (
                "id",
                "employee_id",
                "person_id",
                "sources",
                "connected_on",
                "email",
                "phone",
                "profile_url",
                "created_at",
                "updated_at",
            ),
            created,
            json_columns=frozenset({"sources"}),
        )
        update_rows(
            "people_tie",
            ("sources", "connected_on", "email", "phone", "profile_url", "updated_at"),
            updated,
            json_columns=frozenset({"sources"}),
        )
        insert_rows("people_tieprovenance", ("tie_id", "batch_id", "line"), provenance)
        if self._with_ties is not None and created:
            self._with_ties.add(owner_id)
        if tie_ids:
            low, high = self._ranks_due.get(owner_id, (tie_ids[0], tie_ids[0]))
            self._ranks_due[owner_id] = (min(low, min(tie_ids)), max(high, max(tie_ids)))
            if not self._ahead:  # the owner's consent is recorded already
                self._rank_new_ties()
        return len(created), len(updated)

    def _rank_new_ties(self) -> None:
        """Give the ties created since the last call their :class:`TieRank` rows."""
        if not self._ranks_due:
            return
        employee_ids = sorted(self._ranks_due)
        first_tie = min(low for low, _high in self._ranks_due.values())
        last_tie = max(high for _low, high in self._ranks_due.values())
        tie_ranks_add(employee_ids=employee_ids, first_tie=first_tie, last_tie=last_tie)
        send_after_commit(
            ties_imported,
            sender=NetworkImporter,
            employee_ids=employee_ids,
            first_tie=first_tie,
            last_tie=last_tie,
        )
        self._ranks_due = {}


def _merged_tie(row: tuple, tie: tuple) -> tuple | None:
    """The stored tie ``row`` merged with ``tie`` = ``(sources, connected_on,
    email, phone, url)``, or ``None`` when nothing changes."""
    _, _, sources, connected_on, email, phone, url = row
    if isinstance(sources, str):  # JSON text, as SQLite returns it
        sources = json.loads(sources)
    if isinstance(connected_on, str):
        connected_on = date.fromisoformat(connected_on)
    row = (*row[:2], sources, connected_on, *row[4:])
    new_sources, new_date, new_email, new_phone, new_url = tie
    merged_sources = sorted(set(sources) | set(new_sources))
    if new_date and (connected_on is None or new_date < connected_on):
        connected_on = new_date
    merged = (
        merged_sources,
        connected_on,
        email or new_email[:254],
        phone or new_phone[:100],
        url or new_url[:500],
    )
    return None if merged == (sorted(sources), row[3], email, phone, url) else merged


def _insert_batch(batch: ImportBatch) -> None:
    """Insert a finished batch with plain SQL: one per file, and the ORM's save costs more than the rows."""
    adapt = connection.ops.adapt_datetimefield_value
    insert_rows(
        "people_importbatch",
        (
            "id",
            "file_name",
            "checksum",
            "format",
            "encoding",
            "status",
            "contacts",
            "skipped",
            "people_created",
            "ties_created",
            "ties_updated",
            "errors",
            "upload_path",
            "created_at",
            "finished_at",
            "organisation_id",
            "owner_id",
        ),
        [
            (
                batch.pk,
                batch.file_name[:255],
                batch.checksum,
                batch.format,
                batch.encoding,
                batch.status,
                batch.contacts,
                batch.skipped,
                batch.people_created,
                batch.ties_created,
                batch.ties_updated,
                json.dumps(batch.errors),
                batch.upload_path,
                adapt(batch.finished_at),
                adapt(batch.finished_at),
                batch.organisation_id,
                batch.owner_id,
            )
        ],
        json_columns=frozenset({"errors"}),
    )
