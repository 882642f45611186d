"""``weakties plan show|set|tick --as EMAIL``: the contract, privacy, one-line refusals."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from tests.factories import employee
from weakties.accounts.models import Employee
from weakties.cli.main import main

from .conftest import EVA_EMAIL, JAN, SECRETS, TOM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are compared in English; Dutch is the site's default."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def run(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main(["plan", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 and "--json" in args else None, err


def test_set_show_tick_as_json(orgs, capsys):
    code, body, _ = run(
        capsys,
        "set",
        "--as",
        TOM,
        "--goal",
        "new_job",
        "--target",
        "Bakker Logistiek",
        "--target",
        "zorg",
        "--json",
    )
    assert code == 0 and body["targets"] == ["Bakker Logistiek", "zorg"]
    code, body, _ = run(capsys, "show", "--as", TOM, "--json")
    assert body["goal"] == "new_job" and body["progress"]["total"] == 8
    assert [s["key"] for s in body["steps"]][:2] == ["goal", "helpers"]
    assert all({"key", "title", "done"} <= set(s) for s in body["steps"])
    helper = next(h for h in body["helpers"] if h["via"] == "introduction")
    assert helper["introducer"]["email"] == JAN and helper["why"]
    assert set(helper["person"]) == {"id", "name", "company", "position"}
    assert not any(s.casefold() in json.dumps(body).casefold() for s in SECRETS)
    code, body, _ = run(capsys, "tick", "helpers", "--as", TOM, "--json")
    assert body["progress"]["done"] == 2
    code, body, _ = run(capsys, "tick", "helpers", "--undo", "--as", TOM, "--json")
    assert body["progress"]["done"] == 1


def test_my_own_contacts_details_in_my_own_plan(orgs, capsys):
    run(capsys, "set", "--as", JAN, "--goal", "customers", "--target", "Coolblue")
    code, body, _ = run(capsys, "show", "--as", JAN, "--json")
    (eva,) = [h for h in body["helpers"] if h["person"]["name"] == "Eva Smit"]
    assert eva["person"]["email"] == EVA_EMAIL


def test_the_readable_output(orgs, capsys):
    run(capsys, "set", "--as", TOM, "--goal", "new_job", "--target", "Bakker Logistiek")
    code = main(["plan", "show", "--as", TOM])
    out = capsys.readouterr().out
    assert code == 0 and "Mehmet" in out and "helpers" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "--as", "nobody@acme.nl"], "no employee with email nobody@acme.nl"),
        (["show"], "--as EMAIL"),
        (["show", "--as", TOM], "no networking plan yet"),
        (["set", "--as", TOM], "--goal"),
        (["tick", "--as", TOM], "needs a STEP"),
        (["tick", "helpers", "--as", TOM], "set a goal first"),
    ],
)
def test_refusals_are_one_line_and_exit_non_zero(orgs, capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code != 0 and message in err and err.count("\n") == 1


def test_a_former_employee_is_refused(orgs, capsys):
    Employee.objects.filter(email=TOM).update(active=False)
    code, _, err = run(capsys, "show", "--as", TOM)
    assert code != 0 and "active employee" in err
    assert employee(TOM).active is False


def test_the_employees_own_language(orgs, capsys):
    Employee.objects.filter(email=TOM).update(language="nl")
    run(capsys, "set", "--as", TOM, "--goal", "knowledge")
    code, body, _ = run(capsys, "show", "--as", TOM, "--json")
    assert body["goal_label"] == "meer kennis" and body["steps"][1]["title"].startswith("Maak een")
    assert body["message"]["language"] == "nl" and body["message"]["text"].startswith(
        "Hallo [naam],"
    )
    code, _, err = run(capsys, "tick", "nope", "--as", TOM)
    assert code != 0 and "geen stap nope" in err
