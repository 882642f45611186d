"""The written files: formats, encodings, line-exact ground truth, noise, determinism."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import vobject

from weakties.synth import generate_organisation, load_ground_truth, load_manifest, write_exports
from weakties.synth.exports import DIRECTORY_HEADER, DIRECTORY_HEADER_NL
from weakties.synth.exports.addressbook import GOOGLE_LEGACY, GOOGLE_NEW, OUTLOOK_COLUMNS
from weakties.synth.exports.linkedin import HEADER_CURRENT, HEADER_EXCEL, HEADER_OLD, NOTES

from .helpers import canonical_url, company_key, csv_records, decode, name_tokens

LINKEDIN_DATE = {
    "current": r"\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}",
    "old": r"\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}",
    "excel": r"\d{2}\.\d{2}\.\d{4}",
}


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _text(value):
    """vobject splits 2.1 values on their (unescaped, so literal) commas; join them back."""
    if isinstance(value, list):
        return ",".join(value)
    return value


def _records(org, exports):
    """Yield ``(file, line, person, fields)`` for every record of every network file.

    ``fields`` holds first, middle, last, emails, url, company, position as the
    file states them, read back with the standard library (and vobject for vCards).
    """
    truth = load_ground_truth(exports.ground_truth)
    root = exports.out_dir
    for f in exports.files:
        rel = f.path.relative_to(root).as_posix()
        lines = truth[rel]
        if f.format == "vcard":
            text = f.path.read_bytes().decode("utf-8")
            begins = [i for i, line in enumerate(text.split("\r\n"), 1) if line == "BEGIN:VCARD"]
            assert begins == sorted(lines)
            cards = list(vobject.readComponents(text, allowQP=True))
            assert len(cards) == len(begins)
            for line, card in zip(begins, cards, strict=True):
                n = card.n.value
                emails = tuple(e.value for e in card.contents.get("email", []))
                url = ""
                for key in ("url", "x-socialprofile"):
                    if key in card.contents:
                        url = card.contents[key][0].value
                org_v = card.contents["org"][0].value[0] if "org" in card.contents else ""
                title = card.title.value if "title" in card.contents else ""
                fields = tuple(
                    _text(x) for x in (n.given, n.additional, n.family, emails, url, org_v, title)
                )
                yield rel, line, org.person(lines[line]), fields
            continue
        delimiter = ";" if f.format == "linkedin" and f.variant == "excel" else ","
        rows = csv_records(decode(f.path, f.encoding), delimiter)
        seen = set()
        header_line = 4 if f.format == "linkedin" and f.variant == "current" else 1
        header = rows[header_line - 1][1]
        col = {name: i for i, name in enumerate(header)}
        for line, row in rows[header_line:]:
            assert len(row) == len(header), (rel, line)
            if f.format == "linkedin":
                if not any(row[:-1]):  # hidden member
                    assert line not in lines
                    continue
                fields = (
                    row[0],
                    "",
                    row[1],
                    (row[col["Email Address"]],) if row[col["Email Address"]] else (),
                    row[col["URL"]] if "URL" in col else "",
                    row[col["Company"]],
                    row[col["Position"]],
                )
            elif f.format == "google" and f.variant == "legacy":
                v = row[col["E-mail 1 - Value"]]
                fields = (
                    row[col["Given Name"]],
                    row[col["Additional Name"]],
                    row[col["Family Name"]],
                    tuple(v.split(" ::: ")) if v else (),
                    row[col["Website 1 - Value"]],
                    row[col["Organization 1 - Name"]],
                    row[col["Organization 1 - Title"]],
                )
            elif f.format == "google":
                v = row[col["E-mail 1 - Value"]]
                fields = (
                    row[col["First Name"]],
                    row[col["Middle Name"]],
                    row[col["Last Name"]],
                    tuple(v.split(" ::: ")) if v else (),
                    row[col["Website 1 - Value"]],
                    row[col["Organization Name"]],
                    row[col["Organization Title"]],
                )
            else:
                lang = 0 if f.variant == "nl" else 1
                c = {col[lang]: value for col, value in zip(OUTLOOK_COLUMNS, row, strict=True)}

                def k(nl: str, en: str, c=c, lang=lang) -> str:
                    return c[(nl, en)[lang]]

                emails = tuple(
                    x
                    for x in (
                        k("E-mailadres", "E-mail Address"),
                        k("E-mailadres 2", "E-mail 2 Address"),
                    )
                    if x
                )
                fields = (
                    k("Voornaam", "First Name"),
                    k("Middelste naam", "Middle Name"),
                    k("Achternaam", "Last Name"),
                    emails,
                    k("Webpagina", "Web Page"),
                    k("Bedrijf", "Company"),
                    k("Functie", "Job Title"),
                )
            assert line in lines, (rel, line)
            seen.add(line)
            yield rel, line, org.person(lines[line]), fields
        assert seen == set(lines), rel


@pytest.fixture(scope="session")
def records(org, exports):
    return list(_records(org, exports))


def test_ground_truth_lines_point_at_the_right_people(records, exports):
    assert len(records) == exports.rows - exports.hidden
    for rel, line, person, (first, middle, last, emails, url, company, position) in records:
        where = f"{rel}:{line}"
        assert name_tokens(first, middle, last) == name_tokens(
            person.first_name, person.last_name
        ), where
        if url:
            assert canonical_url(url) == person.linkedin_url, where
        for e in emails:
            assert e.lower() in (person.email, person.alt_email), where
        if company:  # never another company, only another spelling of it
            assert company_key(company) == company_key(person.company), where
        if position:
            assert re.sub(r"[^a-z]", "", position.lower()), where


def test_every_tie_appears_in_its_owners_files(org, exports):
    truth = load_ground_truth(exports.out_dir)
    files = {
        (f.owner, f.format): f.path.relative_to(exports.out_dir).as_posix() for f in exports.files
    }
    for e in org.employees:
        ties = org.ties_of(e.email)
        li = Counter(truth[files[(e.email, "linkedin")]].values())
        assert li == Counter(t.person for t in ties if "linkedin" in t.sources)
        book = [t for t in ties if t.sources[-1] != "linkedin"]
        if book:
            fmt = book[0].sources[-1]
            assert Counter(truth[files[(e.email, fmt)]].values()) == Counter(t.person for t in book)
        else:
            assert not any((e.email, fmt) in files for fmt in ("google", "outlook", "vcard"))


def test_linkedin_files_have_their_variant_shape(exports):
    variants = Counter()
    for f in exports.files:
        if f.format != "linkedin":
            continue
        variants[f.variant] += 1
        data = f.path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        text = data.decode(f.encoding)
        lines = text.split("\r\n" if f.variant == "excel" else "\n")
        if f.variant == "current":
            assert "\r" not in text
            assert tuple(lines[:3]) == NOTES
            assert lines[3] == ",".join(HEADER_CURRENT)
        elif f.variant == "old":
            assert lines[0] == ",".join(HEADER_OLD)
        else:
            assert text.count("\n") == text.count("\r\n")
            assert lines[0] == ";".join(HEADER_EXCEL)
            if any(b > 0x7F for b in data):
                with pytest.raises(UnicodeDecodeError):
                    data.decode("utf-8")
        delimiter = ";" if f.variant == "excel" else ","
        rows = csv_records(text, delimiter)
        body = rows[4:] if f.variant == "current" else rows[1:]
        dates = [row[-1] for _, row in body]
        assert all(re.fullmatch(LINKEDIN_DATE[f.variant], d) for d in dates), f.path
        fmt = "%d.%m.%Y" if f.variant == "excel" else "%d %b %Y"
        days = [datetime.strptime(d, fmt).date() for d in dates]
        assert days == sorted(days, reverse=True)  # LinkedIn lists the newest first
    assert variants["current"] > variants["old"] > 0 and variants["excel"] > 0


def test_linkedin_rows_mostly_hide_the_email_and_include_hidden_members(records, exports):
    li = [r for r in records if r[0].startswith("linkedin/")]
    with_email = sum(1 for r in li if r[3][3])
    assert 0.06 < with_email / len(li) < 0.18
    assert exports.hidden > 0
    blank = 0
    for f in exports.files:
        if f.format == "linkedin" and f.variant == "current":
            blank += len(
                re.findall(
                    r"^,,,,,,\d{2} [A-Z][a-z]{2} \d{4}$", f.path.read_bytes().decode("utf-8"), re.M
                )
            )
    assert blank > 0


def test_address_book_encodings(exports):
    seen = Counter()
    for f in exports.files:
        data = f.path.read_bytes()
        seen[(f.format, f.variant)] += 1
        if f.format == "google" and f.variant == "legacy":
            assert data[:2] == b"\xff\xfe" and f.encoding == "utf-16"
            text = data[2:].decode("utf-16-le")
            assert text.split("\r\n")[0] == ",".join(GOOGLE_LEGACY)
            assert " ::: " in text
        elif f.format == "google":
            assert not data.startswith((b"\xff\xfe", b"\xef\xbb\xbf"))
            assert data.decode("utf-8").split("\n")[0] == ",".join(GOOGLE_NEW)
        elif f.format == "outlook":
            assert f.encoding == "cp1252"
            text = data.decode("cp1252")
            lines = text.split("\r\n")
            assert lines[-1] == "" and "\n" not in "".join(lines)
            for line in lines[:-1]:  # every field quoted
                assert line.startswith('"') and line.endswith('"')
                assert line.count('","') == len(OUTLOOK_COLUMNS) - 1
            if f.variant == "nl":
                assert lines[0].startswith('"Voornaam","Middelste naam","Achternaam","Titel"')
                assert '"0-0-00"' in lines[1] and '"Niet-gespecificeerd"' in lines[1]
                with pytest.raises(UnicodeDecodeError):
                    data.decode("utf-8")  # "Categorieën", "Privé" in cp1252
            else:
                assert lines[0].startswith('"First Name","Middle Name","Last Name"')
        elif f.format == "vcard":
            text = data.decode("utf-8")
            lines = text.split("\r\n")
            assert lines[-1] == "" and "\n" not in "".join(lines)
            limit = 76 if f.variant == "2.1" else 75
            assert all(len(line.encode("utf-8")) <= limit for line in lines)
            assert f"VERSION:{f.variant}" in lines
            if f.variant == "3.0":
                assert any(line.startswith("item1.URL:https\\://") for line in lines)
                assert "item1.X-ABLabel:LinkedIn" in lines
            if f.variant == "4.0":
                assert any(line.startswith("X-SOCIALPROFILE;type=linkedin:") for line in lines)
    assert (
        seen[("linkedin", "current")]
        and sum(v for k, v in seen.items() if k[0] != "linkedin") >= 20
    )


def test_vcard_folding_and_quoted_printable_are_exercised(tmp_path):
    """Big address books make long and non-ASCII lines certain; vobject reads them back."""
    org = generate_organisation(employees=60, seed=5)
    m = write_exports(org, tmp_path)
    cards = [f for f in m.files if f.format == "vcard"]
    text = "".join(f.path.read_bytes().decode("utf-8") for f in cards)
    assert "\r\n " in text  # a folded line
    assert "ENCODING=QUOTED-PRINTABLE" in text or not any(f.variant == "2.1" for f in cards)
    for f in cards:
        n = sum(
            1 for _ in vobject.readComponents(f.path.read_bytes().decode("utf-8"), allowQP=True)
        )
        assert n == f.rows


def test_without_noise_every_appearance_is_canonical(org, clean_exports):
    checked = 0
    by_rel = {f.path.relative_to(clean_exports.out_dir).as_posix(): f for f in clean_exports.files}
    for rel, _line, person, (first, middle, last, emails, url, company, position) in _records(
        org, clean_exports
    ):
        f = by_rel[rel]
        if f.encoding == "cp1252":
            continue  # Windows-1252 cannot hold every name; checked by tokens elsewhere
        assert " ".join(x for x in (first, middle, last) if x) == person.full_name, rel
        if url:
            assert url.replace("\\:", ":") == person.linkedin_url
        if f.format == "linkedin":
            assert company == person.company and position == person.position
            checked += 1
        for e in emails:
            assert e in (person.email, person.alt_email)
    assert checked > 10_000


def _url_variations(url: str, person) -> list[str]:
    """How a LinkedIn URL differs from the person's canonical one."""
    kinds = []
    if url and url != person.linkedin_url:
        kinds.append("url")
    if url.endswith("/"):
        kinds.append("slash")
    if url.startswith("http://"):
        kinds.append("http")
    return kinds


def _name_variations(first: str, last: str, person) -> list[str]:
    """How the name fields differ from the person's name."""
    kinds = []
    particle = person.last_name.split(" ")[0]
    if particle in ("van", "de", "ter", "ten") and first.endswith(" " + particle):
        kinds.append("particle in first name")
    if ", " in last and person.last_name.startswith(last.split(", ")[1]):
        kinds.append("particle after comma")
    if (
        any(ord(c) > 127 for c in person.full_name)
        and first + last == (first + last).encode("ascii", "ignore").decode()
    ):
        kinds.append("diacritics dropped")
    if re.search(r"(MSc|MBA|PhD|RA|BSc)\.?$", last):
        kinds.append("credential")
    if re.search(r"[\U0001F300-\U0001FAFF\u2728]$", last):
        kinds.append("emoji")
    return kinds


def _variations(person, fields) -> list[str]:
    """Every kind of variation one appearance shows."""
    first, _middle, last, emails, url, company, position = fields
    kinds = _url_variations(url, person) + _name_variations(first, last, person)
    if any(e != e.lower() for e in emails):
        kinds.append("email case")
    if company and company != person.company:
        kinds.append("company variant")
    if position and position != person.position:
        kinds.append("position variant")
    return kinds


def test_noise_produces_every_kind_of_variation(records):
    kinds = Counter()
    for _rel, _line, person, fields in records:
        kinds.update(_variations(person, fields))
    for kind in (
        "url",
        "slash",
        "http",
        "email case",
        "particle in first name",
        "particle after comma",
        "diacritics dropped",
        "credential",
        "emoji",
        "company variant",
        "position variant",
    ):
        assert kinds[kind] > 0, kind
    assert kinds["company variant"] > 0.05 * len(records)


def test_homonyms_always_carry_an_identifier(records, exports):
    variant = {f.path.relative_to(exports.out_dir).as_posix(): f.variant for f in exports.files}
    homonym_rows = [r for r in records if r[2].homonym]
    assert len(homonym_rows) >= 6
    for rel, _line, person, (_f, _m, _l, emails, url, _c, _p) in homonym_rows:
        assert emails, rel  # the e-mail address tells the namesakes apart in every file
        if rel.startswith("linkedin/") and variant[rel] != "old":
            assert canonical_url(url) == person.linkedin_url, rel


def test_manifest_lists_every_file(org, exports):
    root = exports.out_dir
    raw = json.loads((root / "manifest.json").read_text("utf-8"))
    owners = {e.email for e in org.employees}
    assert raw["employees"] == len(org.employees)
    assert len(raw["files"]) == len(exports.files)
    linkedin = Counter(f["owner"] for f in raw["files"] if f["format"] == "linkedin")
    assert set(linkedin) == owners and set(linkedin.values()) == {1}
    for f in raw["files"]:
        assert (root / f["path"]).is_file()
        assert f["owner"] in owners
        assert f["format"] in {"linkedin", "google", "outlook", "vcard"}
    names = [f["path"] for f in raw["files"]]
    assert len(set(names)) == len(names)
    assert raw["rows"] == exports.rows == sum(f["rows"] for f in raw["files"])
    truth = load_ground_truth(root)
    assert set(truth) == set(names) | {"directory.csv"}
    again = load_manifest(root)
    assert [(f.owner, f.path, f.format, f.variant) for f in again.files] == [
        (f.owner, f.path, f.format, f.variant) for f in exports.files
    ]
    assert again.name == org.name and again.domain == org.domain and again.rows == exports.rows


def test_load_ground_truth_reads_file_or_directory(exports):
    a = load_ground_truth(exports.ground_truth)
    b = load_ground_truth(exports.out_dir)
    assert a == b
    some = next(iter(a.values()))
    assert all(isinstance(k, int) and isinstance(v, int) for k, v in some.items())


def test_directory_matches_the_employees(org, exports):
    rows = csv_records(exports.directory.read_bytes().decode("utf-8"))
    assert rows[0][1] == list(DIRECTORY_HEADER)
    truth = load_ground_truth(exports.out_dir)["directory.csv"]
    emails = {row[0] for _, row in rows[1:]}
    for line, row in rows[1:]:
        person = org.person(truth[line])
        assert row[0] == person.employee
        assert row[6] == "" or row[6] in emails
    assert sum(1 for _, row in rows[1:] if row[6] == "") == 1


def test_dutch_directory(tmp_path):
    org = generate_organisation(employees=25, seed=2)
    m = write_exports(org, tmp_path, dutch_directory=True)
    data = m.directory.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ";".join(DIRECTORY_HEADER_NL)
    rows = csv_records(text, ";")
    assert len(rows) == 26 and all(len(r) == 7 for _, r in rows)


def test_same_seed_gives_identical_files(tmp_path):
    a = write_exports(generate_organisation(employees=30, seed=4), tmp_path / "a")
    b = write_exports(generate_organisation(employees=30, seed=4), tmp_path / "b")
    c = write_exports(generate_organisation(employees=30, seed=5), tmp_path / "c")
    d = write_exports(generate_organisation(employees=30, seed=4), tmp_path / "d", seed=99)
    ha, hb, hc, hd = (_hashes(m.out_dir) for m in (a, b, c, d))
    assert ha == hb
    assert len(ha) > 30
    assert ha["directory.csv"] != hc["directory.csv"]
    assert ha["directory.csv"] == hd["directory.csv"]  # the export seed only changes the noise
    assert sum(ha[k] != hd.get(k) for k in ha) > len(ha) // 2


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """String hashing is randomised per process; nothing may iterate a set of strings."""
    digests = []
    for hash_seed in ("1", "4242"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        cmd = [sys.executable, "-m", "weakties.synth", "--employees", "25", "--seed", "8"]
        subprocess.run([*cmd, "--out", str(out)], check=True, env=env, capture_output=True)
        digests.append(_hashes(out))
    assert digests[0] == digests[1]
