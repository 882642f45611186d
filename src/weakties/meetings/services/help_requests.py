"""Help requests: what colleagues ask the network for, one at a time or from a sheet.

HR keeps them in spreadsheets, so :func:`import_requests` reads CSV (``,`` or
``;``, UTF-8 or Windows-1252) and XLSX with English or Dutch column headers.
Every row is parsed into a :class:`RequestRow` first; a file with any bad row
imports nothing and every error names the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.core.errors import ServiceError
from weakties.core.messages import error_entry
from weakties.importers.decoding import decode
from weakties.importers.records import ImportFileError
from weakties.importers.tables import iter_rows, norm, sniff_delimiter
from weakties.meetings.models import HelpRequest, Meeting, RequestKind

__all__ = [
    "RequestRow",
    "RequestImportError",
    "add_request",
    "import_requests",
    "parse_kind",
    "parse_skills",
    "request_dict",
    "KIND_ALIASES",
    "COLUMNS",
]

#: Words people write in the "kind" column, in English and Dutch.
KIND_ALIASES = {
    "candidate": "candidate",
    "career candidate": "candidate",
    "kandidaat": "candidate",
    "loopbaankandidaat": "candidate",
    "mobiliteitskandidaat": "candidate",
    "surplus": "surplus",
    "surplus staff": "surplus",
    "redundancy": "surplus",
    "boventallig": "surplus",
    "boventalligen": "surplus",
    "boventallige medewerkers": "surplus",
    "boventalligheid": "surplus",
    "vacancy": "vacancy",
    "expected vacancy": "vacancy",
    "vacature": "vacancy",
    "verwachte vacature": "vacancy",
    "personeelsvraag": "vacancy",
    "work-experience": "work-experience",
    "work experience": "work-experience",
    "work-experience place": "work-experience",
    "work experience place": "work-experience",
    "werkervaringsplek": "work-experience",
    "werkervaringsplaats": "work-experience",
    "stageplek": "work-experience",
    "stage": "work-experience",
    "change": "change",
    "organisation change": "change",
    "organization change": "change",
    "verandering": "change",
    "wijziging": "change",
    "organisatiewijziging": "change",
    "reorganisatie": "change",
    "question": "question",
    "free question": "question",
    "vraag": "question",
    "vrije vraag": "question",
    "hulpvraag": "question",
}

#: Accepted column headers (normalised) for each field.
COLUMNS = {
    "org": ("organisation", "organization", "org", "organisatie", "werkgever", "employer"),
    "kind": ("kind", "type", "soort", "soort vraag", "request type"),
    "title": (
        "title",
        "role",
        "job title",
        "function",
        "titel",
        "functie",
        "rol",
        "onderwerp",
        "subject",
    ),
    "text": (
        "text",
        "description",
        "notes",
        "details",
        "toelichting",
        "omschrijving",
        "beschrijving",
        "tekst",
    ),
    "skills": ("skills", "vaardigheden", "competenties", "kennis"),
    "region": ("region", "location", "regio", "standplaats", "plaats", "locatie"),
    "level": ("level", "grade", "niveau", "schaal", "salarisschaal"),
    "count": ("count", "number", "number of people", "aantal", "aantal personen", "fte"),
    "date": ("date", "from", "datum", "per", "vanaf", "ingangsdatum"),
    "months_ahead": (
        "months ahead",
        "months_ahead",
        "in months",
        "over maanden",
        "maanden vooruit",
        "verwacht over maanden",
    ),
    "email": (
        "email",
        "e-mail",
        "requester",
        "requester email",
        "contact",
        "e-mailadres",
        "emailadres",
        "aanvrager",
        "contactpersoon",
    ),
}
REQUIRED = ("kind", "title")

MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One help request as parsed from a form, the command line or a sheet row."""

    kind: str
    title: str
    org: str = ""
    text: str = ""
    skills: tuple[str, ...] = ()
    region: str = ""
    level: str = ""
    count: int = 1
    date: dt.date | None = None
    months_ahead: int | None = None
    email: str = ""
    line: int | None = None


class RequestImportError(ServiceError):
    """A sheet with bad rows; ``errors`` is ``[{"line", "message"}]``."""

    def __init__(self, file: str, errors: list[dict]):
        self.file = file
        self.errors = errors
        shown = "; ".join(
            _("line {line}: {message}").format(line=e["line"], message=e["message"])
            if e.get("line")
            else e["message"]
            for e in errors[:3]
        )
        more = _(" (and {count} more)").format(count=len(errors) - 3) if len(errors) > 3 else ""
        super().__init__(
            _("{file}: {problems}{more}; nothing was imported").format(
                file=file, problems=shown, more=more
            )
        )


def parse_kind(value: str) -> str:
    key = " ".join(str(value or "").strip().lower().replace("_", " ").split())
    kind = KIND_ALIASES.get(key) or KIND_ALIASES.get(key.replace("-", " "))
    if kind is None:
        raise ValueError(
            _(
                "kind {value} is not one of {choices} "
                "(Dutch: kandidaat, boventallig, vacature, werkervaringsplek, verandering, vraag)"
            ).format(value=repr(value), choices=", ".join(RequestKind.values))
        )
    return kind


def parse_skills(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        items = value
    else:
        items = re.split(r"[,;|\n]", str(value))
    out: list[str] = []
    for item in items:
        skill = " ".join(str(item).split())
        if skill and skill.lower() not in (s.lower() for s in out):
            out.append(skill[:100])
    return tuple(out)


def _parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        _("date {value} is not a date; write YYYY-MM-DD or DD-MM-YYYY").format(value=repr(text))
    )


def _parse_int(value, what: str, *, minimum: int) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(
            _("{what} {value} is not a whole number").format(what=what, value=repr(value))
        ) from None
    if number < minimum:
        raise ValueError(
            _("{what} must be at least {minimum}, not {number}").format(
                what=what, minimum=minimum, number=number
            )
        )
    return number


def make_row(*, line: int | None = None, **raw) -> RequestRow:
    """Parse loose values (strings from a sheet or a form) into a :class:`RequestRow`.

    Raises ValueError with a message for people.
    """
    title = " ".join(str(raw.get("title") or "").split())
    if not title:
        raise ValueError(_("title is empty; say in a few words what is asked or offered"))
    if len(title) > MAX_TITLE:
        raise ValueError(
            _("title is {length} characters; at most {limit}").format(
                length=len(title), limit=MAX_TITLE
            )
        )
    kind = parse_kind(raw.get("kind") or "")
    months = _parse_int(raw.get("months_ahead"), _("months ahead"), minimum=0)
    if months is not None and months > 60:
        raise ValueError(
            _("months ahead is {months}; at most {limit}").format(months=months, limit=60)
        )
    email = str(raw.get("email") or "").strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ValueError(_("email {email} is not an email address").format(email=repr(email)))
    return RequestRow(
        kind=kind,
        title=title,
        org=" ".join(str(raw.get("org") or "").split()),
        text=str(raw.get("text") or "").strip(),
        skills=parse_skills(raw.get("skills")),
        region=" ".join(str(raw.get("region") or "").split()),
        level=" ".join(str(raw.get("level") or "").split()),
        count=_parse_int(raw.get("count"), _("count"), minimum=1) or 1,
        date=_parse_date(raw.get("date")),
        months_ahead=months,
        email=email,
        line=line,
    )


def _member(meeting: Meeting, name: str) -> Organisation:
    org = meeting.federation.members.filter(name__iexact=name.strip()).first() if name else None
    if org is None:
        members = ", ".join(meeting.federation.members.values_list("name", flat=True)) or _(
            "none yet"
        )
        raise ValueError(
            _("organisation {name} is not a member of {federation} (members: {members})").format(
                name=repr(name), federation=meeting.federation.name, members=members
            )
            if name
            else _("organisation is empty")
        )
    return org


def _create(
    meeting: Meeting, row: RequestRow, org: Organisation, *, source: str, requester: Employee | None
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
        requester_email=row.email or (requester.email if requester else ""),
        source=source,
    )


def add_request(
    meeting: Meeting,
    *,
    org: str | Organisation,
    kind: str,
    title: str,
    text: str = "",
    skills=(),
    region: str = "",
    level: str = "",
    count: int | str | None = 1,
    date=None,
    months_ahead: int | str | None = None,
    email: str = "",
    requester: Employee | None = None,
    source: str = HelpRequest.Source.CLI,
) -> HelpRequest:
    """Add one help request to a meeting; the organisation must be a member."""
    try:
        row = make_row(
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
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    return _create(meeting, row, organisation, source=source, requester=requester)


# --- sheets -----------------------------------------------------------------------


def _header_map(header: list[str], file: str, line: int) -> dict[str, int]:
    names = [norm(str(h or "")) for h in header]
    found: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases or name.replace("_", " ") in aliases:
                found.setdefault(key, i)
                break
    missing = [k for k in REQUIRED if k not in found]
    if missing:
        wanted = "; ".join(f"{k}: {' / '.join(COLUMNS[k][:4])}" for k in missing)
        raise ImportFileError(
            file,
            _("no column for {columns} in the header ({wanted})").format(
                columns=", ".join(missing), wanted=wanted
            ),
            line=line,
        )
    return found


def _sheet_rows(path: Path, data: bytes) -> tuple[int, list[str], list[tuple[int, list]]]:
    """``(header_line, header, [(line, cells)])`` of a CSV or XLSX file."""
    name = path.name
    if data[:2] == b"PK" or path.suffix.lower() in (".xlsx", ".xlsm"):
        import io
        import zipfile

        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise ImportFileError(
                name,
                _(
                    "this is not a readable XLSX workbook ({error}); save it again from Excel as .xlsx or CSV"
                ).format(error=exc.__class__.__name__),
            ) from None
        sheet = book.worksheets[0]
        rows = [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
        book.close()
    else:
        text = decode(data, name).text
        rows = list(iter_rows(text, sniff_delimiter(text[:65536]), name))
    for i, (line, cells) in enumerate(rows):
        if any(c not in (None, "") and str(c).strip() for c in cells):
            return line, [str(c or "") for c in cells], rows[i + 1 :]
    raise ImportFileError(
        name,
        _(
            "the file is empty; the first row must name the columns (kind, title, organisation, ...)"
        ),
    )


def _parse_sheet(
    path: Path, data: bytes | None, name: str
) -> tuple[int, list[RequestRow], list[dict]]:
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        raise ServiceError(
            _("{file}: cannot read the file ({error})").format(file=name, error=exc.strerror)
        ) from None
    try:
        header_line, header, body = _sheet_rows(Path(name), data)
        columns = _header_map(header, name, header_line)
    except ImportFileError as exc:
        raise RequestImportError(name, [error_entry(exc.line, exc.message)]) from None
    rows, errors = [], []
    for line, cells in body:
        if not any(c not in (None, "") and str(c).strip() for c in cells):
            continue
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in columns.items()}
        try:
            rows.append(make_row(line=line, **raw))
        except ValueError as exc:
            errors.append({"line": line, "message": str(exc)})
    if not rows and not errors:
        raise RequestImportError(
            name, [{"line": header_line, "message": _("there are no requests below the header")}]
        )
    return header_line, rows, errors


def read_sheet(
    path: Path | str, *, data: bytes | None = None, file_name: str | None = None
) -> list[RequestRow]:
    """Parse a CSV or XLSX of help requests; raises :class:`RequestImportError` on any bad row."""
    name = file_name or Path(path).name
    _header_line, rows, errors = _parse_sheet(Path(path), data, name)
    if errors:
        raise RequestImportError(name, errors)
    return rows


def import_requests(
    meeting: Meeting,
    path: Path | str,
    *,
    data: bytes | None = None,
    file_name: str | None = None,
    default_org: Organisation | None = None,
    only_orgs: set[int] | None = None,
) -> list[HelpRequest]:
    """Import every row of a sheet as a help request, or none of them.

    ``default_org`` fills an empty organisation column; ``only_orgs`` limits
    which organisations the sheet may speak for (a representative's own).
    """
    name = file_name or Path(path).name
    _header_line, rows, errors = _parse_sheet(Path(path), data, name)
    resolved = []
    for row in rows:
        try:
            org = _member(meeting, row.org) if row.org or default_org is None else default_org
            if only_orgs is not None and org.pk not in only_orgs:
                raise ValueError(_("you may not add requests for {org}").format(org=org.name))
            resolved.append((row, org))
        except ValueError as exc:
            errors.append({"line": row.line, "message": str(exc)})
    if errors:
        raise RequestImportError(name, sorted(errors, key=lambda e: e["line"] or 0))
    with transaction.atomic():
        return [
            _create(meeting, row, org, source=HelpRequest.Source.IMPORT, requester=None)
            for row, org in resolved
        ]


def request_dict(r: HelpRequest, *, personal: bool = True) -> dict:
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
