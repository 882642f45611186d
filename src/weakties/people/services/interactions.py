"""Import mail and calendar metadata (mbox, .ics) as interaction counts on ties.

Tie strength grows with the intensity, recency and reciprocity of contact
(Gilbert & Karahalios 2009).  An employee can import their mailbox or
calendar; :mod:`weakties.importers` reads only From/To/Cc/Date and
ATTENDEE/ORGANIZER/DTSTART, never a subject or a body.  Here each message
or meeting is matched, by email digest, to the people the employee already
has a tie with, and counted on that tie:

* ``interactions``: messages and meetings with the contact;
* ``interactions_sent``: those the employee sent or organised (reciprocity
  is the balance of sent and received);
* ``last_interaction``: the most recent one (recency).

Who counts: for a message the employee sent, every recipient; for one
they received, the sender only (colleagues cc'd beside them did not write to
them); for a meeting, everyone invited.  Nobody new is added: a mailbox says
whom you wrote to, not whom you know.

The same rules as every import hold: all-or-nothing, clear errors with file
and line, and the same file imported twice changes nothing (by checksum).
Overlapping exports (Inbox and All Mail, last month's and this month's) count
each message once: a fingerprint of every counted message is kept
(:class:`~weakties.people.models.InteractionSeen`, a digest only).
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from weakties.accounts.models import Consent, Employee
from weakties.core.bulk import insert_rows, update_rows
from weakties.core.errors import ServiceError
from weakties.core.messages import error_entry
from weakties.importers import ImportFileError, Text, parse_interactions_path
from weakties.importers.records import InteractionRecord, ParseResult
from weakties.people.models import ImportBatch, InteractionSeen, PersonIdentifier, Tie
from weakties.people.services.consent import consent_for_import, consent_give
from weakties.people.services.identity import digest
from weakties.people.services.network_import.importer import ImportReport
from weakties.resolve import normalize_email

__all__ = ["INTERACTION_FORMATS", "interactions_import", "is_interaction_file"]

INTERACTION_FORMATS = ("mbox", "ics")


def is_interaction_file(path: str | os.PathLike[str], format: str = "auto") -> bool:
    """Whether ``path`` is a mailbox or calendar (by format, or by its first bytes)."""
    if format in INTERACTION_FORMATS:
        return True
    if format != "auto":
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"BEGIN:VCALENDAR") or text.startswith(b"From ")


def _checksum(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _batch(batch: ImportBatch | None, owner: Employee, name: str) -> ImportBatch:
    return batch or ImportBatch(organisation=owner.organisation, owner=owner, file_name=name)


def _fail(
    report: ImportReport,
    batch: ImportBatch,
    problems: list[tuple[int | None, Text | str]],
    checksum: str = "",
) -> ImportReport:
    # The report speaks the active language; the batch keeps the text to show in the viewer's.
    report.errors = [error_entry(line, message) for line, message in problems]
    report.status = "failed"
    batch.checksum, batch.format, batch.status = checksum, report.format, ImportBatch.Status.FAILED
    batch.errors = [error_entry(line, message, keep_text=True) for line, message in problems]
    batch.contacts, batch.finished_at = report.contacts, timezone.now()
    batch.save()
    report.batch = batch.pk
    return report


def interactions_import(
    *,
    path: str | os.PathLike[str],
    owner: Employee,
    format: str = "auto",
    file_name: str | None = None,
    via: str = Consent.Via.CLI,  # type: ignore[assignment]  # TextChoices: a str (no Django stubs)
    batch: ImportBatch | None = None,
    consent_given_by_owner: str = "",
) -> ImportReport:
    """Count the messages and meetings in one mbox or .ics file on ``owner``'s ties.

    An owner who withdrew consent is refused unless they gave it again
    (:func:`~weakties.people.services.consent.consent_for_import`).

    The report's ``contacts`` is the number of messages/meetings read,
    ``ties_updated`` the ties that gained interactions; ``skipped`` those
    with nobody the owner has a tie with.
    """
    path = Path(path)
    name = file_name or path.name
    batch = _batch(batch, owner, name)
    report = ImportReport(file=name, format=format if format != "auto" else "")
    try:
        consent_for_import(employees=[owner], given_by_owner=consent_given_by_owner, via=via)
    except ServiceError as exc:
        return _fail(report, batch, [(None, str(exc))])
    try:
        parsed = parse_interactions_path(path, format=format, file=name)
    except ImportFileError as exc:
        return _fail(report, batch, [(exc.line, exc.message)])
    report.format = parsed.format
    report.contacts = len(parsed.records)
    checksum = _checksum(path)
    if parsed.errors:
        return _fail(report, batch, [(e.line, e.message) for e in parsed.errors], checksum)
    previous = ImportBatch.objects.filter(
        owner=owner, checksum=checksum, status=ImportBatch.Status.DONE
    ).first()
    if previous is not None:
        report.duplicate = True
        report.batch = previous.pk
        if batch.pk:
            batch.delete()
        return report
    if via == Consent.Via.CLI:
        consent_give(employee=owner, via=via)
    own = {normalize_email(owner.email)}
    ties = _ties_by_address(owner, parsed.records, own)
    tally = _tally(parsed.records, owner, own, ties, report)
    _store(tally, batch, owner, checksum, parsed, report)
    report.ties_updated = len(tally.count)
    report.batch = batch.pk
    return report


def _ties_by_address(
    owner: Employee, records: Sequence[InteractionRecord], own: set[str]
) -> dict[str, int]:
    """``{address: tie id}`` for every counterpart the owner has a tie with (by email digest)."""
    counterparts: set[str] = set()
    for record in records:
        counterparts.update(p for p in record.participants if p not in own)
    by_digest = {digest(normalize_email(e)): e for e in counterparts if normalize_email(e)}
    person_of: dict[str, int] = {}
    keys = list(by_digest)
    for start in range(0, len(keys), 900):
        for person_id, d in PersonIdentifier.objects.filter(
            kind="email", digest__in=keys[start : start + 900]
        ).values_list("person_id", "digest"):
            person_of[by_digest[d]] = person_id
    tie_of_person = dict(
        Tie.objects.filter(employee=owner, person_id__in=set(person_of.values())).values_list(
            "person_id", "id"
        )
    )
    return {
        address: tie_of_person[person]
        for address, person in person_of.items()
        if person in tie_of_person
    }


@dataclass
class _Tally:
    """Per tie: interactions, how many the owner sent, the last day and the first line seen."""

    count: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    sent: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    last: dict[int, date] = field(default_factory=dict)
    first_line: dict[int, int] = field(default_factory=dict)
    new_keys: list[str] = field(default_factory=list)

    def add(self, tie_id: int, *, owner_sent: bool, day: date, line: int) -> None:
        self.count[tie_id] += 1
        self.sent[tie_id] += int(owner_sent)
        if tie_id not in self.last or day > self.last[tie_id]:
            self.last[tie_id] = day
        self.first_line.setdefault(tie_id, line)


def _counterparts(record: InteractionRecord, own: set[str]) -> tuple[bool, tuple[str, ...]]:
    """Whether the owner sent it, and who it counts for: all participants of what the
    owner sent and of meetings, the sender of what the owner received."""
    owner_sent = record.sender in own
    if owner_sent or record.kind == "meeting":
        return owner_sent, tuple(record.participants)
    return owner_sent, (record.sender,) if record.sender else ()


def _tally(
    records: Sequence[InteractionRecord],
    owner: Employee,
    own: set[str],
    ties: dict[str, int],
    report: ImportReport,
) -> _Tally:
    """Count each message or meeting not seen before on the ties it concerns.

    One seen before (its key is in ``InteractionSeen``), or one with nobody
    the owner has a tie with, counts as skipped.
    """
    seen = set(InteractionSeen.objects.filter(employee=owner).values_list("key", flat=True))
    tally = _Tally()
    for record in records:
        if record.key in seen:
            report.skipped += 1
            continue
        seen.add(record.key)
        owner_sent, counterparts = _counterparts(record, own)
        hit = False
        for address in counterparts:
            tie_id = ties.get(address)
            if tie_id is None or address in own:
                continue
            hit = True
            tally.add(tie_id, owner_sent=owner_sent, day=record.when.date(), line=record.line)
        if hit:
            tally.new_keys.append(record.key)
        else:
            report.skipped += 1
    return tally


def _store(
    tally: _Tally,
    batch: ImportBatch,
    owner: Employee,
    checksum: str,
    parsed: ParseResult,
    report: ImportReport,
) -> None:
    """Add the counts to the ties, remember what was seen, and close the batch: all or nothing."""
    with transaction.atomic():
        batch.checksum, batch.format, batch.encoding = checksum, parsed.format, parsed.encoding
        batch.status = ImportBatch.Status.RUNNING
        batch.contacts, batch.skipped = report.contacts, report.skipped
        batch.save()
        current = {
            t.id: t
            for t in Tie.objects.filter(pk__in=list(tally.count)).only(
                "id", "interactions", "interactions_sent", "last_interaction"
            )
        }
        update_rows(
            "people_tie",
            ("interactions", "interactions_sent", "last_interaction"),
            [
                (
                    current[t].interactions + n,
                    current[t].interactions_sent + tally.sent[t],
                    max(filter(None, (current[t].last_interaction, tally.last[t]))),
                    t,
                )
                for t, n in tally.count.items()
            ],
        )
        insert_rows(
            "people_interactionseen",
            ("employee_id", "key"),
            [(owner.pk, k) for k in tally.new_keys],
        )
        insert_rows(
            "people_tieprovenance",
            ("tie_id", "batch_id", "line"),
            [(t, batch.pk, line) for t, line in tally.first_line.items()],
        )
        batch.ties_updated = len(tally.count)
        batch.status = ImportBatch.Status.DONE
        batch.finished_at = timezone.now()
        batch.save()
