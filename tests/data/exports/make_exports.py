"""Write the real-format exports of issue 11: the seven classes that failed, and a vCard corpus.

Run ``python tests/data/exports/make_exports.py`` after changing this file;
``tests/importers/test_real_exports.py`` checks the committed files still match
and what each one imports.  Every person and company is invented; each file
copies the *structure and bytes* of a public export that showed the problem
(named in its docstring entry), not its people.

The seven classes (``classes/``):

1. ``linkedin_excel_dmonyy.csv`` — a Connections.csv re-saved by Excel with
   ``d-mmm-yy`` dates (``9-Sep-22``, ``04-May-22``, ``30-oct-09``), no URL
   column, blank hidden members (as ``Sajiah/mylinkedindata``).
2. ``linkedin_2018_us.csv`` — the 2018 export: quoted ``"1/8/18, 6:14 PM"``
   dates, month first, and a ``urn:li:member:`` id in the e-mail column (as
   ``abhishekwebcode/...LinkedInDataExport_11-04-2018``).
3. ``vcard21_ansi_charsets.vcf`` — vCard 2.1 in 8-bit charsets, the
   ``CHARSET`` given on one quoted-printable ``LABEL`` only: one card in
   Windows-1251, one in Windows-1253, one in Windows-1252 without a charset
   (as ``FolkerKinzel/VCards`` ``MultiAnsiFilterTests``).
4. ``vcard_organisations.vcf`` — a vCard 4 ``KIND:org`` card, Apple's company
   card (empty ``N``, ``X-ABShowAs:COMPANY``, base64 photo), an Apple group
   card and one person (as ``lucc/khard`` ``org.vcf`` and
   ``roundcube/roundcubemail`` ``apple.vcf``).
5. ``linkedin_utf8_stray_bytes.csv`` — a UTF-8 Connections.csv (``;``,
   CRLF) in which some names were retyped in Windows-1252, once inside a word
   that also holds a UTF-8 ``ä`` (as ``PhilCPH/Python_Network_Visualization_LinkedIn``).
6. ``vcard_bare_n.vcf`` and ``vcard_grouped_begin.vcf`` — a bare ``N`` line
   beside a good ``FN``; ``TEST.BEGIN:VCARD`` … ``TEST.END:VCARD`` (as
   ``l0b0/vcard`` ``missing_n_value.vcf`` and ``missing_group.vcf``).
7. ``linkedin_no_spaces.csv`` — ``FirstName,LastName,EmailAddress,Company,
   Position,ConnectedOn`` with ``04-May-22`` dates (as ``DelphineLeconte/Repo``).

Also ``vcard_bad_email.vcf``: an ``EMAIL`` row of "Ñ".

The corpus (``corpus/``): vCards as the common writers make them, which
imported right before issue 11 and must keep doing so — 2.1, 3.0 and 4.0;
folded lines, quoted-printable with soft line breaks, groups, photos (inline,
unindented 2.1 base64, data URIs), several e-mail addresses; Apple, Google,
Outlook, Android, Thunderbird, Nextcloud and iOS flavours.
"""

from __future__ import annotations

import base64
from pathlib import Path

HERE = Path(__file__).resolve().parent

# A tiny JPEG-like blob: only its base64 shape matters (the importer never decodes photos).
_PHOTO = base64.b64encode(bytes(range(256)) * 3).decode("ascii")


def _folded(text: str, width: int = 74, indent: str = " ") -> list[str]:
    """``text`` folded into lines of ``width`` characters, continuations indented."""
    lines = [text[:width]]
    lines += [indent + text[i : i + width - 1] for i in range(width, len(text), width - 1)]
    return lines


def _crlf(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


# -- the seven classes --------------------------------------------------------------------------


def linkedin_excel_dmonyy() -> bytes:
    rows = [
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        "Anouk,Verbeek,,Universiteit Utrecht,Promovendus,9-Sep-22",
        "Bram,de Jong,,Koninklijke Wagenbouw Private Limited,Inkoper,8-Sep-22",
        'Charlotte,Smits,,"Smits, Bakker & Partners",Advocaat,04-May-22',
        ",,,,,21-Jul-22",
        "Daan,Mulder,daan.mulder@example.nl,IT Company,Developer,30-oct-09",
        "Eva,Bos,,Rijksmuseum,Conservator,7-mrt-23",
        "Finn,Visser,,,,31-Dec-21",
    ]
    return "\n".join(rows).encode("utf-8") + b"\n"


def linkedin_2018_us() -> bytes:
    rows = [
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        'Gijs,Hendriks,gijs.hendriks@example.nl,Hendriks Installatietechniek,Eigenaar,"1/8/18, 6:14 PM"',
        'Hanna,Dekker,hanna.dekker@example.com,Variance Technologies Private Limited,CEO,"4/4/18, 10:35 AM"',
        'Ilse,Kok,ilse.kok@example.org,Stedelijk Gymnasium,Docent biologie,"11/17/17, 9:40 PM"',
        'Jesse,Peters,jesse.peters@example.net,,,"7/21/15, 8:13 PM"',
        'Kim,van Dijk,urn:li:member:664293716,,,"8/3/18, 3:21 AM"',
        'Lars,Jacobs,lars.jacobs@example.nl,Truelancer,Developer,"10/18/18, 1:21 AM"',
    ]
    return "\n".join(rows).encode("utf-8") + b"\n"


def vcard21_ansi_charsets() -> bytes:
    ukrainian = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Оксана Коваленко",
            "N:Коваленко;Оксана;Ігорівна",
            "ADR:;;;Київ;;;",
            "LABEL;CHARSET=Windows-1251;QUOTED-PRINTABLE:=CA=E8=BF=E2",
            "END:VCARD",
        ]
    ).encode("cp1251")
    greek = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Νίκος Παππάς",
            "N:Παππάς;Νίκος",
            "ORG:Ελληνικά Ταχυδρομεία",
            "ADR:;;;Αθήνα;;;",
            "LABEL;CHARSET=Windows-1253;QUOTED-PRINTABLE:=C1=E8=DE=ED=E1",
            "END:VCARD",
        ]
    ).encode("cp1253")
    german = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Jürgen Weiß",
            "N:Weiß;Jürgen",
            "EMAIL;INTERNET:juergen.weiss@example.de",
            "END:VCARD",
        ]
    ).encode("cp1252")
    return ukrainian + greek + german


def vcard_organisations() -> bytes:
    org = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:4.0",
            "UID:7C3F31E2-1B0D-4C4A-9E60-1D3F4B7A2C11",
            "KIND:org",
            "FN:Zonnepark Noord B.V.",
            "ORG:Zonnepark Noord B.V.;",
            "EMAIL:info@zonnepark-noord.example.nl",
            "END:VCARD",
        ]
    )
    apple = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:;;;;",
            "FN:Bakkerij Van Houten",
            "ORG:Bakkerij Van Houten;",
            "item1.ADR;type=WORK;type=pref:;;Dorpsstraat 4;Houten;;3991 AB;Nederland",
            "item1.X-ABADR:nl",
            "item2.URL;type=pref:http\\://www.bakkerij-vanhouten.example.nl",
            "item2.X-ABLabel:_$!<HomePage>!$_",
            "PHOTO;BASE64:",
            *("  " + _PHOTO[i : i + 76] for i in range(0, 600, 76)),
            "X-ABShowAs:COMPANY",
            "X-ABUID:2E4CB084-4767-4C85-BBCA-805B1DCB1C8E\\:ABPerson",
            "END:VCARD",
        ]
    )
    group = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//AddressBook 6.1//EN",
            "N:Vrijwilligers",
            "FN:Vrijwilligers",
            "X-ADDRESSBOOKSERVER-KIND:group",
            "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:0b9a3c1e-6d8e-4d0a-9a57-4f5e0c1d2e3f",
            "END:VCARD",
        ]
    )
    person = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "N:van Houten;Marieke;;;",
            "FN:Marieke van Houten",
            "ORG:Bakkerij Van Houten;",
            "TITLE:Bakker",
            "EMAIL;type=INTERNET;type=WORK;type=pref:marieke@bakkerij-vanhouten.example.nl",
            "X-ABShowAs:COMPANY",
            "END:VCARD",
        ]
    )
    return (org + apple + group + person).encode("utf-8")


def linkedin_utf8_stray_bytes() -> bytes:
    utf8 = lambda text: text.encode("utf-8")  # noqa: E731
    ansi = lambda text: text.encode("cp1252")  # noqa: E731
    rows = [
        utf8("First Name;Last Name;Company;Position;Connected on"),
        utf8("Søren;Dahl-Iversen;Leapwork;Developer trainee;16.09.2021"),
        utf8("Louise;Raaskou ") + ansi("Jørgensen") + utf8(";Academic Work;Consultant;14.09.2021"),
        utf8("Raphael;Heinz;Universitätsklinikum St P")
        + ansi("ö")
        + utf8("lten;Analytiker;02.03.2021"),
        utf8("Katja;Bauer;Synergy GmbH;Gesch")
        + utf8("ä")
        + utf8("ftsf")
        + ansi("ü")
        + utf8("hrerin;26.04.2020"),
        utf8("Zoë;Müller;Café de Zwaan;Eigenaar;07.09.2021"),
        utf8("Gökhan;Çelik;Çelik Bouw;Directeur;01.11.2017"),
    ]
    return b"\r\n".join(rows) + b"\r\n"


def vcard_bare_n() -> bytes:
    return _crlf(["BEGIN:VCARD", "VERSION:3.0", "N", "FN:Jan de Boer", "END:VCARD", ""]).encode()


def vcard_grouped_begin() -> bytes:
    return _crlf(
        [
            "TEST.BEGIN:VCARD",
            "TEST.VERSION:3.0",
            "TEST.N:de Boer;Jan;;Dhr.;",
            "FN:Jan de Boer",
            "TEST.EMAIL:jan.deboer@example.nl",
            "TEST.END:VCARD",
            "",
        ]
    ).encode()


def linkedin_no_spaces() -> bytes:
    rows = [
        "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn",
        'Maarten,"Willems, PhD",,Confidential ,Applied Research Scientist,04-May-22',
        "Noor,El Amrani,noor.elamrani@example.nl,GlobVision,Operations Lead,03-May-22",
        ",,,,,25-Oct-21",
        'Olivier,"Gagnon, LL.B/M.B.A",,"Olivier Gagnon, Avocat",Avocat,28-Oct-21',
    ]
    return "\n".join(rows).encode("utf-8") + b"\n"


def vcard_bad_email() -> bytes:
    return _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Pieter Smit",
            "N:Smit;Pieter;;;",
            "EMAIL;TYPE=INTERNET:ÑÑÑÑÑÑÑÑÑÑ",
            "EMAIL;TYPE=INTERNET:pieter.smit@example.nl",
            "END:VCARD",
        ]
    ).encode("utf-8")


CLASSES = {
    "linkedin_excel_dmonyy.csv": linkedin_excel_dmonyy,
    "linkedin_2018_us.csv": linkedin_2018_us,
    "vcard21_ansi_charsets.vcf": vcard21_ansi_charsets,
    "vcard_organisations.vcf": vcard_organisations,
    "linkedin_utf8_stray_bytes.csv": linkedin_utf8_stray_bytes,
    "vcard_bare_n.vcf": vcard_bare_n,
    "vcard_grouped_begin.vcf": vcard_grouped_begin,
    "linkedin_no_spaces.csv": linkedin_no_spaces,
    "vcard_bad_email.vcf": vcard_bad_email,
}


# -- the corpus: vCards as common writers make them ---------------------------------------------


def outlook_21() -> bytes:
    """Outlook 2016: 2.1, Windows-1252, quoted-printable with soft breaks, unindented photo."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;LANGUAGE=nl;CHARSET=Windows-1252:Vermeulen;Hélène;van;Mevr.",
        "FN;CHARSET=Windows-1252:Mevr. Hélène van Vermeulen",
        "ORG;CHARSET=Windows-1252:Gemeente 's-Hertogenbosch;Ruimtelijke Ordening",
        "TITLE;CHARSET=Windows-1252:Beleidsmedewerker – wonen",
        "TEL;WORK;VOICE:+31 73 615 5555",
        "TEL;CELL;VOICE:+31 6 1111 2222",
        "ADR;WORK;PREF;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:;;Wolvenhoek 1=",
        ";'s-Hertogenbosch;;5211 HH;Nederland",
        "LABEL;WORK;PREF;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Wolvenhoek 1=0D=0A=",
        "5211 HH 's-Hertogenbosch",
        "EMAIL;PREF;INTERNET:s.vanvermeulen@example.nl",
        "EMAIL;INTERNET:sanne.v@example.com",
        "PHOTO;TYPE=JPEG;ENCODING=BASE64:",
        *(_PHOTO[i : i + 76] for i in range(0, 456, 76)),
        "",
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
        "REV:20240115T101500Z",
        "END:VCARD",
    ]
    text = _crlf(lines).encode("cp1252")
    qp_name = _crlf(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "N;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Ren=E9e;Fran=E7ois",
            "FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Fran=E7ois Ren=E9e",
            "ORG;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Caf=E9 Ren=E9e & Fils=",
            "",
            "NOTE;ENCODING=QUOTED-PRINTABLE:Ontmoet op de beurs in Gent.=0D=0AZie ook=",
            " de notities.",
            "EMAIL;PREF;INTERNET:francois@example.be",
            "END:VCARD",
        ]
    ).encode("ascii")
    return text + qp_name


def apple_30() -> bytes:
    """macOS/iOS Contacts: 3.0, grouped items with labels, escaped URLs, folded photo."""
    cards = [
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//macOS 14.2//EN",
            "N:'t Hart;Kees;;;",
            "FN:Kees 't Hart",
            "ORG:Hart & Partners;Advies",
            "TITLE:Partner",
            "item1.EMAIL;type=INTERNET;type=pref:kees@hartpartners.example.nl",
            "item1.X-ABLabel:_$!<Work>!$_",
            "item2.EMAIL;type=INTERNET:kees.thart@example.com",
            "item2.X-ABLabel:_$!<Home>!$_",
            "item3.TEL;type=pref:+31 6 12 34 56 78",
            "item3.X-ABLabel:_$!<Mobile>!$_",
            "item4.URL:https\\://www.linkedin.com/in/kees-t-hart",
            "item4.X-ABLabel:LinkedIn",
            "item5.X-SOCIALPROFILE;type=twitter:https\\://twitter.com/keesthart",
            *_folded("PHOTO;ENCODING=b;TYPE=JPEG:" + _PHOTO[:400]),
            "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE\\:ABPerson",
            "END:VCARD",
        ],
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//iPhone OS 17.1//EN",
            "N:Janssens;Els;;;",
            "FN:Els Janssens",
            "ORG:Janssens\\, Peeters & Co;",
            "item1.URL:https\\://be.linkedin.com/in/elsjanssens",
            "item1.X-ABLabel:_$!<HomePage>!$_",
            "TEL;type=CELL;type=VOICE;type=pref:+32 470 12 34 56",
            "BDAY:1985-03-12",
            "END:VCARD",
        ],
    ]
    return "".join(_crlf(card) for card in cards).encode("utf-8")


def google_30() -> bytes:
    """Google Contacts "vCard (for iOS Contacts)": 3.0, folded notes, several e-mails."""
    note = (
        "Leerde haar kennen bij de open dag van de TU Delft; wil graag meer weten over "
        "onderzoek naar waterbeheer en de samenwerking met Rijkswaterstaat."
    )
    cards = [
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Fatima El Idrissi",
            "N:El Idrissi;Fatima;;;",
            "EMAIL;TYPE=INTERNET;TYPE=WORK:f.elidrissi@tudelft.example.nl",
            "EMAIL;TYPE=INTERNET;TYPE=HOME:fatima.elidrissi@example.com",
            "EMAIL;TYPE=INTERNET:fatima@example.org",
            "TEL;TYPE=CELL:+31 6 98765432",
            "ORG:TU Delft",
            "TITLE:Universitair docent",
            "item1.URL:https\\://www.linkedin.com/in/fatima-el-idrissi",
            "item1.X-ABLabel:Profile",
            *_folded("NOTE:" + note, 75),
            "CATEGORIES:myContacts,Werk",
            "END:VCARD",
        ],
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Thomas Wouters",
            "N:Wouters;Thomas;;;",
            "TEL;TYPE=WORK:020-5551234",
            "CATEGORIES:myContacts",
            "END:VCARD",
        ],
        [  # only an e-mail address: kept as a contact without a name
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:",
            "N:;;;;",
            "EMAIL;TYPE=INTERNET:inkoop@groothandel.example.nl",
            "CATEGORIES:myContacts",
            "END:VCARD",
        ],
    ]
    return "".join(_crlf(card) for card in cards).encode("utf-8")


def android_21() -> bytes:
    """An Android phone's export: 2.1, UTF-8 quoted-printable names, LF line ends."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen=20M=C3=BCller",
        "TEL;CELL;PREF:+49 171 2345678",
        "TEL;HOME:+49 30 1234567",
        "EMAIL;HOME:juergen.mueller@example.de",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:B=C3=A4ckerei=20M=C3=BCller",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:;Mama;;;",
        "FN:Mama",
        "TEL;CELL:06-12345678",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "TEL;CELL:+31612345679",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "END:VCARD",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def thunderbird_30() -> bytes:
    """Thunderbird's address book: 3.0, LF, one card per person, no ORG department."""
    cards = [
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Mozilla.org/NONSGML Thunderbird//EN",
            "UID:4f6b1e1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
            "FN:Lieke Bakker",
            "N:Bakker;Lieke;;;",
            "EMAIL;PREF=1:lieke.bakker@example.nl",
            "EMAIL:l.bakker@werk.example.nl",
            "NICKNAME:Lie",
            "END:VCARD",
        ],
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Bakkerij Jansen",
            "EMAIL:bestellingen@bakkerij-jansen.example.nl",
            "END:VCARD",
        ],
    ]
    return "".join("\n".join(card) + "\n" for card in cards).encode("utf-8")


def nextcloud_40() -> bytes:
    """Nextcloud/DAVx5: 4.0, tel: URIs, data-URI photo, X-SOCIALPROFILE, KIND:individual."""
    cards = [
        [
            "BEGIN:VCARD",
            "VERSION:4.0",
            "PRODID:-//Sabre//Sabre VObject 4.5.4//EN",
            "UID:9a0c3b1d-7e6f-4a2b-8c9d-0e1f2a3b4c5d",
            "KIND:individual",
            "FN:Sophie de Wit",
            "N:Wit;Sophie;de;;",
            "ORG:Universiteit Gent;Vakgroep Informatica",
            "TITLE:Onderzoeker",
            "EMAIL;TYPE=work;PREF=1:sophie.dewit@ugent.example.be",
            "EMAIL;TYPE=home:sophie@example.be",
            "TEL;VALUE=uri;TYPE=cell:tel:+32-470-123456",
            "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/sophiedewit",
            *_folded("PHOTO:data:image/jpeg;base64," + _PHOTO[:300]),
            "END:VCARD",
        ],
        [
            "BEGIN:VCARD",
            "VERSION:4.0",
            "UID:1b2c3d4e-5f60-4718-293a-4b5c6d7e8f90",
            "FN:Mohammed Bouzid",
            "N:Bouzid;Mohammed;;;",
            "EMAIL:m.bouzid@example.nl",
            "ADR;TYPE=home:;;Kanaalweg 12;Utrecht;;3526 KL;Nederland",
            "END:VCARD",
        ],
    ]
    return "".join(_crlf(card) for card in cards).encode("utf-8")


def folded_utf8_30() -> bytes:
    """A 3.0 file whose long values are folded with tabs, in lower case, with a BOM."""
    lines = [
        "begin:vcard",
        "version:3.0",
        "fn:Marloes van",
        "\tLeeuwen",
        "n:van Leeuwen;Marloes;;;",
        "org:Stichting Natuur en Milieu Zuid-Holland;Afdeling Communicatie en Pub",
        " licaties",
        "title:Woordvoerder",
        "email;type=internet:marloes.vanleeuwen@natuurenmilieu.example.nl",
        "end:vcard",
    ]
    return b"\xef\xbb\xbf" + _crlf(lines).encode("utf-8")


CORPUS = {
    "outlook_21.vcf": outlook_21,
    "apple_30.vcf": apple_30,
    "google_30.vcf": google_30,
    "android_21.vcf": android_21,
    "thunderbird_30.vcf": thunderbird_30,
    "nextcloud_40.vcf": nextcloud_40,
    "folded_utf8_30.vcf": folded_utf8_30,
}

SAMPLES = {
    **{f"classes/{name}": make for name, make in CLASSES.items()},
    **{f"corpus/{name}": make for name, make in CORPUS.items()},
}


def main() -> None:
    for name, make in SAMPLES.items():
        path = HERE / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(make())
        print(path.relative_to(HERE))


if __name__ == "__main__":
    main()
