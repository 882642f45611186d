"""The `weakties` command as scripts use it: JSON contracts, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from tests.factories import DATA, acme
from weakties.cli.main import main
from weakties.people.models import Tie

pytestmark = pytest.mark.django_db

IMPORT_KEYS = {
    "file",
    "format",
    "contacts",
    "skipped",
    "people_created",
    "ties_created",
    "ties_updated",
    "errors",
}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_org_create_and_directory_import(capsys):
    code, out, _ = run(capsys, "org", "create", "Acme BV", "--domain", "acme.nl", "--json")
    assert code == 0 and json.loads(out)["name"] == "Acme BV"
    code, out, err = run(
        capsys, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV", "--json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["employees"] == 4 and report["created"] == 4


def test_import_prints_one_json_object_per_file(capsys):
    acme(networks=False)
    code, out, _ = run(
        capsys,
        "import",
        str(DATA / "jan_Connections.csv"),
        str(DATA / "jan_contacts.vcf"),
        "--owner",
        "Jan.VandenBerg@acme.nl",
        "--json",
    )
    assert code == 0
    lines = [json.loads(line) for line in out.strip().splitlines()]
    assert [r["file"] for r in lines] == ["jan_Connections.csv", "jan_contacts.vcf"]
    assert all(IMPORT_KEYS <= set(r) for r in lines)
    assert lines[0]["format"] == "linkedin" and lines[1]["format"] == "vcard"
    assert (
        lines[1]["ties_created"] == 1 and lines[1]["ties_updated"] == 1
    )  # Eva new, Mehmet gains vcard


def test_import_of_a_broken_file_exits_nonzero_with_one_line(capsys, settings):
    settings.LANGUAGE_CODE = (
        "en"  # the Dutch wording is tested in tests/core/test_import_messages_i18n.py
    )
    acme(networks=False)
    code, out, err = run(
        capsys,
        "import",
        str(DATA / "unquoted_comma_Connections.csv"),
        "--owner",
        "tom.jansen@acme.nl",
        "--json",
    )
    assert code != 0
    report = json.loads(out)
    assert report["errors"][0]["line"] == 3
    assert len(err.strip().splitlines()) == 1
    assert "unquoted_comma_Connections.csv" in err and "line 3" in err
    assert not Tie.objects.exists()


def test_import_owner_must_be_in_the_directory(capsys, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    acme(networks=False)
    code, _, err = run(
        capsys, "import", str(DATA / "jan_Connections.csv"), "--owner", "nobody@acme.nl"
    )
    assert code != 0
    assert "not in the directory" in err and len(err.strip().splitlines()) == 1


def test_reach_json_contract(capsys):
    acme()
    code, out, _ = run(capsys, "reach", "--json")
    assert code == 0
    figures = json.loads(out)
    assert {
        k: figures[k]
        for k in ("employees", "employees_sharing", "ties", "unique_people", "companies")
    } == {"employees": 4, "employees_sharing": 2, "ties": 8, "unique_people": 5, "companies": 5}
    assert {"coverage", "unique_reach", "growth"} <= set(figures)


def test_who_knows_json_contract(capsys):
    acme()
    code, out, _ = run(capsys, "who-knows", "--company", "Stripe, Inc.", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    assert {r["employee"] for r in rows} == {"jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"}
    assert rows[0]["contact"]["company"] == "Stripe"
    assert "email" not in rows[0]["contact"]


def test_export_ties_has_provenance_lines(capsys):
    acme()
    code, out, _ = run(capsys, "export", "ties", "--json")
    assert code == 0
    ties = json.loads(out)
    assert len(ties) == 8
    mehmet = next(t for t in ties if t["person"]["name"] == "Mehmet Çelik")
    assert set(mehmet) == {"owner", "person", "sources", "connected_on", "provenance"}
    assert set(mehmet["person"]) == {"id", "name", "company", "position"}
    assert mehmet["owner"] == "jan.vandenberg@acme.nl"
    assert mehmet["connected_on"] == "2021-09-16"
    assert sorted((p["file"], p["line"]) for p in mehmet["provenance"]) == [
        ("jan_Connections.csv", 6),
        ("jan_contacts.vcf", 1),
    ]


def test_unknown_organisation_is_a_one_line_error(capsys):
    code, _, err = run(capsys, "reach", "--org", "Nope", "--json")
    assert code != 0
    assert "Nope" in err and len(err.strip().splitlines()) == 1


def test_consent_withdraw_from_the_command_line(capsys):
    acme()
    code, out, _ = run(capsys, "consent", "withdraw", "--owner", "jan.vandenberg@acme.nl", "--json")
    assert code == 0 and json.loads(out)["ties_removed"] == 5
    code, out, _ = run(capsys, "reach", "--json")
    assert json.loads(out)["ties"] == 3


def test_import_speaks_dutch_by_default(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    acme(networks=False)
    code, out, err = run(
        capsys,
        "import",
        str(DATA / "unquoted_comma_Connections.csv"),
        "--owner",
        "tom.jansen@acme.nl",
    )
    assert code != 0
    assert "niet geïmporteerd" in out and "regel 3" in out
    assert "line" not in out
    assert err.count("regel 3") == 1 and "er is niets uit geïmporteerd" in err
    code, out, _ = run(
        capsys, "import", str(DATA / "jan_Connections.csv"), "--owner", "jan.vandenberg@acme.nl"
    )
    assert code == 0
    assert "4 contacten" in out and "nieuwe relaties" in out
