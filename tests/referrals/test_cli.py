"""``weakties vacancy`` and ``weakties refer`` as scripts use them: JSON contracts, --as, exit codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from weakties.cli.main import main
from weakties.notifications.models import Notice
from weakties.referrals.models import Vacancy

from .conftest import BROUWER, KIWI, SECRETS

pytestmark = pytest.mark.django_db


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def one_line_error(capsys, *argv) -> str:
    code, _, err = run(capsys, *argv)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("weakties: error:"), err
    return lines[0]


def _create(capsys, *extra):
    closes = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    return ok_json(
        capsys,
        "vacancy",
        "create",
        "--org",
        "Brouwer Software BV",
        "--title",
        "Python developer",
        "--description",
        "Backend in Python en Django",
        "--location",
        "Utrecht",
        "--level",
        "medior",
        "--closes",
        closes,
        *extra,
    )


def test_vacancy_create_returns_the_vacancy_with_its_id(capsys, orgs):
    made = _create(capsys)
    assert isinstance(made["id"], int)
    assert made["title"] == "Python developer" and made["location"] == "Utrecht"
    assert made["level"] == "medior" and made["status"] == "open" and made["open"] is True
    assert Vacancy.objects.get(pk=made["id"]).source == "cli"


def test_vacancy_create_as_someone_has_their_permissions(capsys, orgs):
    made = _create(capsys, "--as", BROUWER["recruiter"])
    assert made["created_by"] == BROUWER["recruiter"]
    error = one_line_error(
        capsys, "vacancy", "create", "--title", "Tester", "--as", BROUWER["employee"]
    )
    assert "not a recruiter or admin" in error
    error = one_line_error(
        capsys,
        "vacancy",
        "create",
        "--org",
        "Brouwer Software BV",
        "--title",
        "Tester",
        "--as",
        KIWI["recruiter"],
    )
    assert "not a recruiter or admin of Brouwer Software BV" in error
    assert Vacancy.objects.filter(title="Tester").count() == 0


def test_vacancy_import_and_list(capsys, orgs, tmp_path):
    path = tmp_path / "vacatures.csv"
    path.write_text("Functie;Locatie\nPython developer;Utrecht\nTester;Gent\n")
    done = ok_json(capsys, "vacancy", "import", str(path), "--org", "Brouwer Software BV")
    assert done["imported"] == 2 and len(done["ids"]) == 2
    listed = ok_json(capsys, "vacancy", "list", "--org", "Brouwer Software BV")
    assert {v["title"] for v in listed} == {"Python developer", "Tester"}
    ok_json(capsys, "vacancy", "close", str(done["ids"][1]), "--as", BROUWER["recruiter"])
    as_emma = ok_json(capsys, "vacancy", "list", "--as", BROUWER["employee"])
    assert [v["title"] for v in as_emma] == ["Python developer"]  # colleagues see open ones
    assert ok_json(capsys, "vacancy", "list", "--as", KIWI["admin"]) == []


def test_a_broken_sheet_is_one_line_and_imports_nothing(capsys, orgs, tmp_path):
    path = tmp_path / "vacatures.csv"
    path.write_text("Functie;Sluitingsdatum\nPython developer;morgen\n")
    error = one_line_error(capsys, "vacancy", "import", str(path), "--org", "Brouwer Software BV")
    assert "line 2, column sluitingsdatum" in error and "nothing was imported" in error
    assert not Vacancy.objects.exists()


def test_refer_prints_the_contract_best_first_without_contact_details(capsys, orgs):
    made = _create(capsys)
    rows = ok_json(capsys, "refer", "--vacancy", str(made["id"]), "--limit", "3")
    assert 1 <= len(rows) <= 3
    for row in rows:
        assert set(row) == {"employee", "contact", "score", "why"}
        assert set(row["contact"]) == {"id", "name", "company", "position"}
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert rows[0]["contact"]["name"] == "Lars Visser"
    assert rows[0]["employee"] == BROUWER["employee"]
    code, out, err = run(capsys, "refer", "--vacancy", str(made["id"]), "--json")
    for secret in SECRETS:
        assert secret not in out + err


def test_refer_as_a_colleague_is_refused_and_as_a_recruiter_asks(capsys, orgs):
    made = _create(capsys)
    error = one_line_error(
        capsys, "refer", "--vacancy", str(made["id"]), "--as", BROUWER["employee"]
    )
    assert "not a recruiter or admin" in error
    error = one_line_error(capsys, "refer", "--vacancy", str(made["id"]), "--as", KIWI["admin"])
    assert f"no vacancy with id {made['id']}" in error
    rows = ok_json(
        capsys, "refer", "--vacancy", str(made["id"]), "--ask", "--as", BROUWER["recruiter"]
    )
    assert rows
    assert Notice.objects.filter(kind="referral.ask", employee__email=BROUWER["employee"]).exists()


def test_refer_unknown_vacancy_is_one_line(capsys, orgs):
    assert "no vacancy with id 9999" in one_line_error(capsys, "refer", "--vacancy", "9999")


def test_refer_prints_a_table_for_people(capsys, orgs):
    made = _create(capsys)
    code, out, err = run(capsys, "refer", "--vacancy", str(made["id"]))
    assert code == 0, err
    assert "Lars Visser" in out
