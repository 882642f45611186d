"""Write the byte-exact sample exports that a text editor cannot keep intact.

Run ``python tests/data/importers/make_samples.py`` after changing this file;
``tests/importers/test_samples.py`` checks the committed files still match.
The people are invented.

* ``linkedin_excel_semicolon.csv`` — Connections.csv re-saved by Excel (nl):
  ``;``, Windows-1252, CRLF, ``Connected on``, numeric dates.
* ``google_old_utf16.csv`` — the old "Google CSV": UTF-16 LE with BOM,
  multi-values joined with ``" ::: "``.
* ``outlook_nl_cp1252.csv`` / ``outlook_en_cp1252.csv`` — Outlook exports:
  Windows-1252, every field quoted, CRLF, placeholder values.
* ``vcard21_qp.vcf`` — vCard 2.1 with quoted-printable, soft line breaks,
  a Latin-1 charset, a base64 photo and folded lines (CRLF).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent

NOTES = (
    "When exporting your connection data, you may notice that some of the email addresses "
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    "https://www.linkedin.com/help/linkedin/answer/261"
)


def linkedin_excel() -> bytes:
    rows = [
        "Notes:;;;;;;",
        NOTES + ";;;;;;",
        ";;;;;;",
        "First Name;Last Name;URL;Email Address;Company;Position;Connected on",
        "Jürgen;Müller;https://www.linkedin.com/in/jurgenmuller;;Café de Zwaan;Eigenaar;16.09.2021",
        'Daphne;van der Meer;https://www.linkedin.com/in/daphnevdmeer;daphne@example.nl;"Bakker; Zonen & Co";Sales;16-09-2021',
        "Ruud;Janssen;https://www.linkedin.com/in/ruudjanssen;;Philips;CFO;2021-09-16",
        "Lotte;Peeters;https://www.linkedin.com/in/lottepeeters;;Proximus;HR-adviseur;9/16/2021",
        ";;;;;;18.08.2025",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


GOOGLE_OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
    "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
    "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,"
    "Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,"
    "Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,"
    "Website 1 - Type,Website 1 - Value"
).split(",")


def _csv(header: list[str], rows: list[dict[str, str]], *, quote_all: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(
        out, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        writer.writerow([row.get(h, "") for h in header])
    return out.getvalue()


def google_old() -> bytes:
    rows = [
        {
            "Name": "Femke de Wit",
            "Group Membership": "* myContacts ::: Klanten",
            "E-mail 1 - Type": "* Work ::: Home",
            "E-mail 1 - Value": "femke.dewit@example.nl ::: femke@home.example",
            "Phone 1 - Type": "Mobile",
            "Phone 1 - Value": "+31 6 55544433 ::: +31 30 1234567",
            "Organization 1 - Type": "Work",
            "Organization 1 - Name": "Rabobank",
            "Organization 1 - Title": "Data-analist",
            "Organization 1 - Department": "Risk",
            "Website 1 - Type": "Profile",
            "Website 1 - Value": "https://femke.example.nl ::: https://www.linkedin.com/in/femkedewit",
        },
        {
            "Name": "Zoë Müller",
            "Given Name": "Zoë",
            "Family Name": "Müller",
            "Group Membership": "* myContacts",
            "E-mail 1 - Type": "* Other",
            "E-mail 1 - Value": "zoe.muller@example.de",
        },
        {
            "Name": "Hendrik van der Linden",
            "Given Name": "Hendrik",
            "Additional Name": "van der",
            "Family Name": "Linden",
            "Notes": "Oud-collega\nnu bij de provincie",
            "Phone 1 - Type": "Work",
            "Phone 1 - Value": "+31 20 7654321",
        },
        {"Group Membership": "* myContacts"},
    ]
    return "\ufeff".encode("utf-16-le") + _csv(GOOGLE_OLD_HEADER, rows, quote_all=False).encode(
        "utf-16-le"
    )


OUTLOOK_NL_HEADER = [
    "Titel", "Voornaam", "Middelste naam", "Achternaam", "Achtervoegsel", "Bedrijf", "Afdeling",
    "Functie", "Werkadres, straat", "Werkadres 2, straat", "Werkadres 3, straat",
    "Werkadres, plaats", "Werkadres, provincie", "Werkadres, postcode", "Werkadres, land/regio",
    "Huisadres, straat", "Huisadres 2, straat", "Huisadres 3, straat", "Huisadres, plaats",
    "Huisadres, provincie", "Huisadres, postcode", "Huisadres, land/regio",
    "Ander adres, straat", "Ander adres, plaats", "Ander adres, postcode",
    "Telefoon assistent", "Fax op werk", "Telefoon op werk", "Telefoon op werk 2",
    "Terugbellen", "Autotelefoon", "Hoofdtelefoon bedrijf", "Fax thuis", "Telefoon thuis",
    "Telefoon thuis 2", "ISDN", "Mobiele telefoon", "Andere fax", "Andere telefoon", "Pager",
    "Hoofdtelefoon", "Radiotelefoon", "Teksttelefoon", "Telex", "Account", "Jubileum",
    "Naam assistent", "Factuurgegevens", "Verjaardag", "Postbus werkadres", "Categorieën",
    "Kinderen", "Directoryserver", "E-mailadres", "E-mailtype", "Weergavenaam e-mail",
    "E-mailadres 2", "E-mailtype 2", "Weergavenaam e-mail 2", "E-mailadres 3", "E-mailtype 3",
    "Weergavenaam e-mail 3", "Geslacht", "Hobby", "Postbus huisadres", "Initialen",
    "Internet beschikbaarheidsinfo", "Trefwoorden", "Taal", "Locatie", "Naam manager",
    "Reisafstand", "Notities", "Kantoorlocatie", "Organisatie-id", "Prioriteit", "Privé",
    "Beroep", "Doorverwezen door", "Gevoeligheid", "Partner", "Gebruiker 1", "Gebruiker 2",
    "Gebruiker 3", "Gebruiker 4", "Webpagina",
]  # fmt: skip
_NL_FILLER = {
    "Jubileum": "0-0-00",
    "Verjaardag": "0-0-00",
    "Geslacht": "Niet-gespecificeerd",
    "Prioriteit": "Normaal",
    "Gevoeligheid": "Normaal",
    "Privé": "Onwaar",
}


def outlook_nl() -> bytes:
    rows = [
        {
            "Titel": "Dhr.",
            "Voornaam": "Jan",
            "Middelste naam": "van den",
            "Achternaam": "Berg",
            "Bedrijf": "Gemeente 's-Hertogenbosch",
            "Afdeling": "Ruimtelijke Ordening",
            "Functie": "Projectleider",
            "E-mailadres": "jan.vandenberg@example.nl",
            "E-mailtype": "SMTP",
            "Weergavenaam e-mail": "Jan van den Berg (jan.vandenberg@example.nl)",
            "Mobiele telefoon": "+31 6 12345678",
            "Telefoon op werk": "073 123 4567",
            "Webpagina": "https://www.linkedin.com/in/janvandenberg",
            "Locatie": "Den Bosch",
        },
        {
            "Titel": "Mevr.",
            "Voornaam": "Zoë",
            "Achternaam": "Müller",
            "Bedrijf": "Café 't Hoekje",
            "Functie": "Eigenaresse",
            "E-mailadres": "zoe@cafethoekje.example.nl; zoe.muller@example.com",
            "E-mailtype": "SMTP",
            "Notities": "Eerste regel\r\nTweede regel\r\nDerde regel",
        },
        {
            "E-mailadres": "/o=ExchangeLabs/ou=Exchange Administrative Group "
            "(FYDIBOHF23SPDLT)/cn=Recipients/cn=8f2c-Piet",
            "E-mailtype": "EX",
            "Weergavenaam e-mail": "Piet Pieters",
            "E-mailadres 2": "piet.pieters@example.nl",
            "E-mailtype 2": "SMTP",
        },
        {},
    ]
    rows = [{**_NL_FILLER, **row} for row in rows]
    return _csv(OUTLOOK_NL_HEADER, rows, quote_all=True).encode("cp1252")


OUTLOOK_EN_HEADER = [
    "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Initials", "Web Page",
    "Gender", "Birthday", "Anniversary", "Location", "Language", "Internet Free Busy", "Notes",
    "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Primary Phone", "Home Phone",
    "Home Phone 2", "Mobile Phone", "Pager", "Home Fax", "Home Address", "Home Street",
    "Home Street 2", "Home Street 3", "Home Address PO Box", "Home City", "Home State",
    "Home Postal Code", "Home Country", "Spouse", "Children", "Manager's Name",
    "Assistant's Name", "Referred By", "Company Main Phone", "Business Phone",
    "Business Phone 2", "Business Fax", "Assistant's Phone", "Company", "Job Title",
    "Department", "Office Location", "Organizational ID Number", "Profession", "Account",
    "Business Address", "Business Street", "Business Street 2", "Business Street 3",
    "Business Address PO Box", "Business City", "Business State", "Business Postal Code",
    "Business Country", "Other Phone", "Other Fax", "Other Address", "Other Street",
    "Other Street 2", "Other Street 3", "Other Address PO Box", "Other City", "Other State",
    "Other Postal Code", "Other Country", "Callback", "Car Phone", "ISDN", "Radio Phone",
    "TTY/TDD Phone", "Telex", "User 1", "User 2", "User 3", "User 4", "Keywords", "Mileage",
    "Hobby", "Billing Information", "Directory Server", "Sensitivity", "Priority", "Private",
    "Categories",
]  # fmt: skip


def outlook_en() -> bytes:
    filler = {
        "Gender": "Unspecified",
        "Birthday": "0/0/00",
        "Anniversary": "0/0/00",
        "Sensitivity": "Normal",
        "Priority": "Normal",
        "Private": "False",
    }
    rows = [
        {
            "First Name": "John",
            "Middle Name": "Fitzgerald",
            "Last Name": "Smith",
            "Company": "Acme Ltd",
            "Job Title": "CTO",
            "Department": "IT",
            "E-mail Address": "john.smith@acme.example.com",
            "Business Phone": "+44 20 7946 0000",
            "Mobile Phone": "+44 7700 900123",
        },
        {
            "First Name": "Hélène",
            "Last Name": "Dubois",
            "Company": "Crème & Brûlée",
            "E-mail Address": "marie@dubois.example.fr",
            "Web Page": "https://dubois.example.fr",
        },
    ]
    rows = [{**filler, **row} for row in rows]
    return _csv(OUTLOOK_EN_HEADER, rows, quote_all=True).encode("cp1252")


def vcard21() -> bytes:
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Zo=C3=AB;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB M=C3=BCller",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 de Zwaan B.V.;Keuken en =",
        "bediening",
        "TITLE:Chef-kok",
        "TEL;CELL:+31 6 12345678",
        "TEL;WORK;VOICE:+31 20 1234567",
        "EMAIL;PREF;INTERNET:zoe@cafedezwaan.example.nl",
        "NOTE;ENCODING=QUOTED-PRINTABLE:Ontmoet op de beurs=0D=0A=",
        "in Utrecht, een lange notitie die met een zachte regeleinde door=",
        "loopt",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Citro=EBn;Ren=E9e;;;",
        "EMAIL;INTERNET:renee.citroen@example.be",
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:",
        "    /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////",
        "    //////////////////////8AAEQgAAQABAwEiAAIRAQMRAf/EABQAAQAAAAAAAAAAAAAAAAAAAAn/",
        "",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Jan van den Berg",
        "TEL;HOME:020-1234567",
        "NOTE:Dit is een lange notitie die over",
        "  meerdere regels is gevouwen",
        "END:VCARD",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


SAMPLES = {
    "linkedin_excel_semicolon.csv": linkedin_excel,
    "google_old_utf16.csv": google_old,
    "outlook_nl_cp1252.csv": outlook_nl,
    "outlook_en_cp1252.csv": outlook_en,
    "vcard21_qp.vcf": vcard21,
}


def main() -> None:
    for name, make in SAMPLES.items():
        (HERE / name).write_bytes(make())
        print("wrote", name)


if __name__ == "__main__":
    main()
