"""``weakties expertise`` and ``weakties targets`` as scripts use them: JSON contracts, --as, errors."""

from __future__ import annotations

import json

import pytest

from weakties.cli.main import main
from weakties.expertise.models import TargetList

from .conftest import CONTACT_DETAILS

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


def test_expertise_json_contract(orgs, capsys):
    rows = ok_json(capsys, "expertise", "--query", "data engineering", "--org", "Acme BV")
    assert rows[0] == {
        "employee": {
            "id": rows[0]["employee"]["id"],
            "name": "Tom Jansen",
            "department": "Engineering",
            "job_title": "Software engineer",
        },
        "score": rows[0]["score"],
        "why": ["skill: data engineering"],
    }
    assert isinstance(rows[0]["score"], float)


def test_expertise_as_an_employee_searches_their_own_organisation_without_themself(orgs, capsys):
    rows = ok_json(capsys, "expertise", "--query", "data engineering", "--as", "gert.emp@globex.nl")
    assert [r["employee"]["name"] for r in rows] == ["Greta Globex", "Gijs Globex"]
    stripe = ok_json(capsys, "expertise", "--query", "Stripe", "--as", "tom.jansen@acme.nl")
    assert {r["employee"]["name"] for r in stripe} == {"Jan van den Berg", "Sophie Bakker"}
    assert not any(d in json.dumps(stripe, ensure_ascii=False) for d in CONTACT_DETAILS)
    mine = ok_json(capsys, "expertise", "--query", "Stripe", "--as", "jan.vandenberg@acme.nl")
    assert [r["employee"]["name"] for r in mine] == ["Sophie Bakker"]


def test_expertise_refuses_one_who_left_and_an_empty_query(orgs, capsys):
    from weakties.accounts.models import Employee

    Employee.objects.filter(email="tom.jansen@acme.nl").update(active=False)
    assert "may not search" in one_line_error(
        capsys, "expertise", "--query", "python", "--as", "tom.jansen@acme.nl"
    )
    assert "type a skill" in one_line_error(capsys, "expertise", "--org", "Acme BV")
    assert "several" in one_line_error(capsys, "expertise", "--query", "python")


def test_expertise_reindex(orgs, capsys):
    done = ok_json(capsys, "expertise", "--reindex", "--org", "Acme BV")
    assert done["employees"] == 8 and done["company_rows"] >= 5


def test_targets_file_as_sales_with_save_watch_list_and_lists(orgs, capsys, tmp_path):
    path = tmp_path / "targets.txt"
    path.write_text(
        "Stripe\nASML\nhttps://www.linkedin.com/in/zoe-peeters-1a2b3c\n", encoding="utf-8"
    )
    answer = ok_json(capsys, "targets", "--file", str(path), "--as", "sam.sales@acme.nl")
    assert answer["id"] is None
    assert answer["summary"]["with_path"] == 2 and answer["summary"]["none"] == 1
    assert [t["status"] for t in answer["targets"]] == ["weak", "none", "weak"]
    assert set(answer["targets"][0]) >= {"paths", "introducers", "strong", "status", "found"}
    saved = ok_json(
        capsys, "targets", "--file", str(path), "--as", "sam.sales@acme.nl",
        "--save", "Fintech", "--watch", "--purpose", "job",
    )  # fmt: skip
    stored = TargetList.objects.get(pk=saved["id"])
    assert stored.watched and stored.purpose == "job" and stored.owner.email == "sam.sales@acme.nl"
    again = ok_json(capsys, "targets", "--list", str(stored.pk), "--as", "sam.sales@acme.nl")
    assert again["summary"] == saved["summary"]
    assert again["targets"][2]["url"] == "linkedin.com/in/zoe-peeters-1a2b3c"
    seen_by_admin = ok_json(
        capsys, "targets", "--list", str(stored.pk), "--as", "anna.devries@acme.nl"
    )
    assert "url" not in seen_by_admin["targets"][2]
    lists = ok_json(capsys, "targets", "--lists", "--as", "sam.sales@acme.nl")
    assert [t["name"] for t in lists] == ["Fintech"]


def test_targets_refusals(orgs, capsys, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Stripe\n", encoding="utf-8")
    for who in ("tom.jansen@acme.nl", "rita.reps@acme.nl", "cor.coord@acme.nl"):
        assert "may not use target lists" in one_line_error(
            capsys, "targets", "--file", str(path), "--as", who
        )
    ok_json(capsys, "targets", "--file", str(path), "--as", "greta.sales@globex.nl", "--save", "G")
    theirs = TargetList.objects.get(name="G")
    for who in ("jan.vandenberg@acme.nl", "anna.devries@acme.nl", "gerda.rec@globex.nl"):
        assert f"no target list {theirs.pk}" in one_line_error(
            capsys, "targets", "--list", str(theirs.pk), "--as", who
        )
    assert "--as EMAIL" in one_line_error(capsys, "targets", "--file", str(path), "--save", "X")
    assert "cannot read" in one_line_error(
        capsys, "targets", "--file", str(tmp_path / "nope.txt"), "--as", "jan.vandenberg@acme.nl"
    )


def test_targets_as_the_operator_for_an_organisation(orgs, capsys, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Stripe\n", encoding="utf-8")
    answer = ok_json(capsys, "targets", "--file", str(path), "--org", "Globex NV")
    assert answer["targets"][0]["paths"][0]["employee"]["name"] == "Greta Globex"
    code, out, _err = run(capsys, "targets", "--file", str(path), "--org", "Acme BV")
    assert code == 0 and "1 of 1 targets have a path" in out
