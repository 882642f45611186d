"""Google Contacts and Outlook CSV exports of an employee's address book.

Google, ``legacy`` variant
    The old "Google CSV": UTF-16 LE with a byte-order mark, CRLF, the
    43-column header starting ``Name,Given Name,Additional Name,Family Name``;
    several values in one cell are joined with ``" ::: "`` (two e-mail
    addresses, or ``* myContacts ::: Werk`` in Group Membership).
Google, ``new`` variant
    Today's export: UTF-8 without BOM, LF, ``First Name,Middle Name,Last Name,
    ...,Organization Name,Organization Title,Organization Department,...,
    E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,...``.
Outlook, ``nl`` and ``en`` variants
    Outlook's "Comma Separated Values": Windows-1252, CRLF, every field quoted,
    with Dutch (``"Voornaam","Middelste naam","Achternaam",...``) or English
    headers; empty dates are written ``0-0-00`` / ``0/0/00`` and the gender
    ``Niet-gespecificeerd`` / ``Unspecified``.  Outlook itself puts a Dutch
    particle in the middle-name field ("Jan" / "van den" / "Berg").
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..model import SynthPerson
from ..names import to_cp1252
from .noise import Look, Noise, is_personal

__all__ = ["GOOGLE_LEGACY", "GOOGLE_NEW", "OUTLOOK_COLUMNS", "write_google", "write_outlook"]

GOOGLE_LEGACY = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
    "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
    "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,"
    "Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,"
    "Website 1 - Type,Website 1 - Value"
).split(",")
GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
    "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value"
).split(",")


# (Dutch header, English header, Dutch filler, English filler)
def _column(spec: str) -> tuple[str, str, str, str]:
    nl, en, *fill = spec.split("|")
    fill_nl, fill_en = fill if fill else ("", "")
    return nl, en, fill_nl, fill_en


OUTLOOK_COLUMNS: tuple[tuple[str, str, str, str], ...] = tuple(
    _column(c)
    for c in (
        "Voornaam|First Name",
        "Middelste naam|Middle Name",
        "Achternaam|Last Name",
        "Titel|Title",
        "Achtervoegsel|Suffix",
        "Bedrijf|Company",
        "Afdeling|Department",
        "Functie|Job Title",
        "Werkadres, straat|Business Street",
        "Werkadres, straat 2|Business Street 2",
        "Werkadres, straat 3|Business Street 3",
        "Werkadres, plaats|Business City",
        "Werkadres, provincie|Business State",
        "Werkadres, postcode|Business Postal Code",
        "Werkadres, land/regio|Business Country/Region",
        "Huisadres, straat|Home Street",
        "Huisadres, plaats|Home City",
        "Huisadres, postcode|Home Postal Code",
        "Huisadres, land/regio|Home Country/Region",
        "Fax op werk|Business Fax",
        "Telefoon op werk|Business Phone",
        "Telefoon op werk 2|Business Phone 2",
        "Hoofdtelefoon bedrijf|Company Main Phone",
        "Telefoon thuis|Home Phone",
        "Mobiele telefoon|Mobile Phone",
        "Andere telefoon|Other Phone",
        "Pager|Pager",
        "Account|Account",
        "Verjaardag|Birthday|0-0-00|0/0/00",
        "Categorieën|Categories",
        "E-mailadres|E-mail Address",
        "E-mailtype|E-mail Type",
        "Weergavenaam e-mail|E-mail Display Name",
        "E-mailadres 2|E-mail 2 Address",
        "E-mailtype 2|E-mail 2 Type",
        "Weergavenaam e-mail 2|E-mail 2 Display Name",
        "Geslacht|Gender|Niet-gespecificeerd|Unspecified",
        "Gevoeligheid|Sensitivity|Normaal|Normal",
        "Initialen|Initials",
        "Notities|Notes",
        "Prioriteit|Priority|Normaal|Normal",
        "Privé|Private|Onwaar|False",
        "Webpagina|Web Page",
    )
)
_OUTLOOK_INDEX = {c[1]: i for i, c in enumerate(OUTLOOK_COLUMNS)}
_LEGACY_INDEX = {c: i for i, c in enumerate(GOOGLE_LEGACY)}
_NEW_INDEX = {c: i for i, c in enumerate(GOOGLE_NEW)}
_GROUPS = ("Werk", "Klanten", "Familie", "Vrienden", "Netwerk")


def _look(noise: Noise, person: SynthPerson, middle: float) -> Look:
    return noise.look(
        person,
        middle=middle,
        suffix_field=True,
        email=1.0,
        url=0.3,
        phone=0.85,
        alt_email=0.7,
        drop_email=0.12,
        drop_company=0.15,
        drop_position=0.3,
        drop_phone=0.05,
    )


def write_google(
    path: Path, variant: str, people: list[SynthPerson], noise: Noise
) -> tuple[dict[int, int], int]:
    """Write a Google Contacts CSV (``variant`` ``"legacy"`` or ``"new"``).

    Returns the ground truth (physical line → person id) and the record count.
    """
    legacy = variant == "legacy"
    header = GOOGLE_LEGACY if legacy else GOOGLE_NEW
    index = _LEGACY_INDEX if legacy else _NEW_INDEX
    newline = "\r\n" if legacy else "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(header)
    truth: dict[int, int] = {}
    r = noise.r
    for n, person in enumerate(people):
        lk = _look(noise, person, middle=0.15)
        row = [""] * len(header)
        groups = "* myContacts" if not legacy else "* My Contacts"
        if r.random() < 0.3:
            groups += " ::: " + r.choice(_GROUPS)
        emails = " ::: ".join(lk.emails)
        etype = "* Home" if lk.email and is_personal(lk.email) else "* Work"
        if legacy:
            name = " ".join(x for x in (lk.first, lk.middle, lk.last) if x)
            values = {
                "Name": name,
                "Given Name": lk.first,
                "Additional Name": lk.middle,
                "Family Name": lk.last,
                "Name Suffix": lk.suffix,
                "Group Membership": groups,
                "Organization 1 - Name": lk.company,
                "Organization 1 - Department": lk.department,
                "Organization 1 - Title": lk.position,
            }
        else:
            values = {
                "First Name": lk.first,
                "Middle Name": lk.middle,
                "Last Name": lk.last,
                "Name Suffix": lk.suffix,
                "Organization Name": lk.company,
                "Organization Department": lk.department,
                "Organization Title": lk.position,
                "Labels": groups,
            }
        kind = "Type" if legacy else "Label"
        if emails:
            values[f"E-mail 1 - {kind}"], values["E-mail 1 - Value"] = etype, emails
        if lk.phone:
            values[f"Phone 1 - {kind}"], values["Phone 1 - Value"] = "Mobile", lk.phone
        if lk.url:
            values[f"Website 1 - {kind}"], values["Website 1 - Value"] = "Profile", lk.url
        for k, v in values.items():
            row[index[k]] = v
        writer.writerow(row)
        truth[n + 2] = person.id
    text = buf.getvalue()
    data = b"\xff\xfe" + text.encode("utf-16-le") if legacy else text.encode("utf-8")
    path.write_bytes(data)
    return truth, len(people)


def _initials(*parts: str) -> str:
    words = " ".join(parts).replace(",", " ").split()
    return "".join(w[0] + "." for w in words if w[0].isalpha())


def write_outlook(
    path: Path, variant: str, people: list[SynthPerson], noise: Noise
) -> tuple[dict[int, int], int]:
    """Write an Outlook contacts CSV (``variant`` ``"nl"`` or ``"en"``), Windows-1252.

    Returns the ground truth (physical line → person id) and the record count.
    """
    dutch = variant == "nl"
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([c[0] if dutch else c[1] for c in OUTLOOK_COLUMNS])
    filler = [c[2] if dutch else c[3] for c in OUTLOOK_COLUMNS]
    truth: dict[int, int] = {}
    for n, person in enumerate(people):
        lk = _look(noise, person, middle=0.6)
        row = list(filler)
        values = {
            "First Name": lk.first,
            "Middle Name": lk.middle,
            "Last Name": lk.last,
            "Suffix": lk.suffix,
            "Company": lk.company,
            "Department": lk.department,
            "Job Title": lk.position,
            "Mobile Phone": lk.phone,
            "Web Page": lk.url,
            "Initials": _initials(lk.first, lk.middle, lk.last),
        }
        full = " ".join(x for x in (lk.first, lk.middle, lk.last) if x)
        for i, e in enumerate(lk.emails[:2]):
            tag = "E-mail" if i == 0 else "E-mail 2"
            values[f"{tag} Address"] = e
            values[f"{tag} Type"] = "SMTP"
            values[f"{tag} Display Name"] = f"{full} ({e})"
        for k, v in values.items():
            row[_OUTLOOK_INDEX[k]] = to_cp1252(v)
        writer.writerow(row)
        truth[n + 2] = person.id
    path.write_bytes(buf.getvalue().encode("cp1252"))
    return truth, len(people)
