"""Help requests: what colleagues ask the network for, one at a time or from a sheet.

:func:`help_request_add` takes one request (the form, the API, the command
line); :func:`help_requests_import` takes a CSV or XLSX sheet, read by
:func:`~weakties.meetings.services.request_rows.read_request_sheet` through the
pure layer's table reader.  A sheet with any bad row imports nothing, and
every error names the file and the line.  The parsing says what is wrong as
:class:`~weakties.importers.Text`; here, at the service's edge, it is said in
the reader's language (:func:`weakties.core.messages.localize`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.core.errors import ServiceError
from weakties.core.messages import error_entry, localize
from weakties.importers.records import ImportFileError, Text
from weakties.meetings.models import HelpRequest, Meeting
from weakties.meetings.services.request_rows import (
    InvalidRequest,
    RequestRow,
    RequestSheet,
    parse_request,
    read_request_sheet,
)
from weakties.people.models import Erasure
from weakties.people.services.identity import digest
from weakties.resolve import normalize_email
from weakties.translatable import gettext_noop

__all__ = [
    "RequestImportError",
    "help_request_add",
    "help_requests_import",
    "request_dict",
]

# ``str()`` gives a choice's value: "cli", "import".
_FROM_CLI: str = str(HelpRequest.Source.CLI)
_FROM_IMPORT: str = str(HelpRequest.Source.IMPORT)


class RequestImportError(ServiceError):
    """A sheet that imports nothing; ``errors`` is ``[{"line", "message"}]`` in the active language.

    ``problems`` are ``(line, message)`` pairs (``line`` is ``None`` for the
    file as a whole); the error's own message names the file and the first three.
    """

    def __init__(self, file: str, problems: Iterable[tuple[int | None, Text | str]]) -> None:
        self.file = file
        self.errors: list[dict[str, Any]] = [
            error_entry(line, message) for line, message in problems
        ]
        shown = "; ".join(
            _("line {line}: {message}").format(line=e["line"], message=e["message"])
            if e.get("line")
            else e["message"]
            for e in self.errors[:3]
        )
        more = (
            _(" (and {count} more)").format(count=len(self.errors) - 3)
            if len(self.errors) > 3
            else ""
        )
        super().__init__(
            _("{file}: {problems}{more}; nothing was imported").format(
                file=file, problems=shown, more=more
            )
        )


def _member(meeting: Meeting, name: str) -> Organisation:
    org = meeting.federation.members.filter(name__iexact=name.strip()).first() if name else None
    if org is None:
        if not name:
            raise InvalidRequest(Text(gettext_noop("organisation is empty")))
        members = ", ".join(meeting.federation.members.values_list("name", flat=True))
        raise InvalidRequest(
            Text(
                gettext_noop(
                    "organisation {name} is not a member of {federation} (members: {members})"
                ),
                name=repr(name),
                federation=meeting.federation.name,
                members=members or Text(gettext_noop("none yet")),
            )
        )
    return org


def _not_erased(email: str) -> str:
    """The sheet's contact address, or "" where that address was erased on request (issue 12)."""
    if not email:
        return ""
    value = normalize_email(email) or email.strip().lower()
    return "" if Erasure.objects.filter(kind="email", digest=digest(value)).exists() else email


def _create(
    meeting: Meeting,
    row: RequestRow,
    org: Organisation,
    *,
    source: str,
    requester: Employee | None,
) -> HelpRequest:
    if requester is None and row.email:
        requester = Employee.objects.filter(email__iexact=row.email, active=True).first()
    return HelpRequest.objects.create(
        meeting=meeting,
        organisation=org,
        kind=row.kind,
        title=row.title,
        text=row.text,
        skills=list(row.skills),
        region=row.region,
        level=row.level,
        count=row.count,
        date=row.date,
        months_ahead=row.months_ahead,
        requester=requester,
        requester_email=_not_erased(row.email) or (requester.email if requester else ""),
        source=source,
    )


def help_request_add(
    *,
    meeting: Meeting,
    org: str | Organisation,
    kind: str,
    title: str,
    text: str = "",
    skills: str | Sequence[str] = (),
    region: str = "",
    level: str = "",
    count: int | str | None = 1,
    date: dt.date | str | None = None,
    months_ahead: int | str | None = None,
    email: str = "",
    requester: Employee | None = None,
    source: str = _FROM_CLI,
) -> HelpRequest:
    """Add one help request to a meeting; the organisation must be a member."""
    try:
        row = parse_request(
            org=org.name if isinstance(org, Organisation) else org,
            kind=kind,
            title=title,
            text=text,
            skills=skills,
            region=region,
            level=level,
            count=count,
            date=date,
            months_ahead=months_ahead,
            email=email or (requester.email if requester else ""),
        )
        organisation = _member(meeting, row.org)
    except InvalidRequest as exc:
        raise ServiceError(localize(exc.message)) from None
    return _create(meeting, row, organisation, source=source, requester=requester)


def _read(path: Path, data: bytes | None, name: str) -> RequestSheet:
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        raise ServiceError(
            _("{file}: cannot read the file ({error})").format(file=name, error=exc.strerror)
        ) from None
    try:
        return read_request_sheet(data, file=name)
    except ImportFileError as exc:
        raise RequestImportError(name, [(exc.line, exc.message)]) from None


def help_requests_import(
    *,
    meeting: Meeting,
    path: Path | str,
    data: bytes | None = None,
    file_name: str | None = None,
    default_org: Organisation | None = None,
    only_orgs: set[int] | None = None,
) -> list[HelpRequest]:
    """Import every row of a sheet as a help request, or none of them.

    ``data`` is the file's content when it is not read from ``path`` (an
    upload); ``file_name`` names the file in errors (default: ``path``'s
    name).  ``default_org`` fills an empty organisation column; ``only_orgs``
    limits which organisations the sheet may speak for (a representative's own).

    Raises
    ------
    RequestImportError
        The file, or any of its rows, cannot be imported; every problem is listed.
    """
    name = file_name or Path(path).name
    sheet = _read(Path(path), data, name)
    resolved: list[tuple[RequestRow, Organisation]] = []
    for line, row in sheet.rows:
        try:
            org = _member(meeting, row.org) if row.org or default_org is None else default_org
            if only_orgs is not None and org.pk not in only_orgs:
                raise InvalidRequest(
                    Text(gettext_noop("you may not add requests for {org}"), org=org.name)
                )
        except InvalidRequest as exc:
            sheet.errors.add(line, exc.message)
        else:
            resolved.append((row, org))
    problems = sheet.errors.finish()
    if problems:
        raise RequestImportError(name, [(e.line, e.message) for e in problems])
    with transaction.atomic():
        return [
            _create(meeting, row, org, source=_FROM_IMPORT, requester=None) for row, org in resolved
        ]


def request_dict(r: HelpRequest, *, personal: bool = True) -> dict[str, Any]:
    """A help request as JSON (``personal=False`` leaves out who asked)."""
    out = {
        "id": r.pk,
        "meeting": r.meeting_id,
        "org": r.organisation.name,
        "kind": r.kind,
        "title": r.title,
        "text": r.text,
        "skills": list(r.skills),
        "region": r.region,
        "level": r.level,
        "count": r.count,
        "date": r.date.isoformat() if r.date else None,
        "months_ahead": r.months_ahead,
        "outcome": r.outcome or None,
    }
    if personal:
        out["requester"] = r.requester_email or None
    return out
