"""The employer-network commands as scripts use them: JSON contracts, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from weakties.cli.main import main
from weakties.meetings.models import FederationInvitation, HelpRequest, Meeting

from .conftest import in_days, make_org

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


def test_federation_create_with_members_returns_id(capsys, tmp_path):
    make_org("Ministerie LNV", tmp_path)
    make_org("Rijkswaterstaat", tmp_path)
    made = ok_json(
        capsys,
        "federation",
        "create",
        "SAM",
        "--member",
        "Ministerie LNV",
        "Rijkswaterstaat",
        "--coordinator",
        "ad.smets@lnv.nl",
    )
    assert isinstance(made["id"], int)
    assert made["name"] == "SAM" and made["members"] == ["Ministerie LNV", "Rijkswaterstaat"]
    assert made["representatives"] == [
        {"email": "ad.smets@lnv.nl", "org": "Ministerie LNV", "role": "coordinator"}
    ]
    listed = ok_json(capsys, "federation", "list")
    assert [f["name"] for f in listed] == ["SAM"]


def test_federation_errors_are_one_line(capsys, tmp_path, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    make_org("Ministerie LNV", tmp_path)
    assert "Nope" in one_line_error(capsys, "federation", "create", "X", "--member", "Nope")
    ok_json(capsys, "federation", "create", "SAM", "--member", "Ministerie LNV")
    assert "already exists" in one_line_error(capsys, "federation", "create", "sam")
    assert "no federation" in one_line_error(capsys, "federation", "show", "Other")


def test_invite_and_join_by_invitation(capsys, network, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    code, out, err = run(
        capsys, "federation", "join", "SAM", "--org", "Omgevingsdienst Brabant Noord"
    )
    assert code != 0 and "no open invitation" in err
    inv = ok_json(capsys, "federation", "invite", "SAM", "--org", "Omgevingsdienst Brabant Noord")
    assert inv["status"] == "open" and inv["token"]
    joined = ok_json(
        capsys,
        "federation",
        "join",
        "SAM",
        "--org",
        "Omgevingsdienst Brabant Noord",
        "--token",
        inv["token"],
        "--representative",
        "sjaak.verweij@odbn.nl",
    )
    assert joined["status"] == "accepted"
    show = ok_json(capsys, "federation", "show", "SAM")
    assert "Omgevingsdienst Brabant Noord" in show["members"]
    assert {
        "email": "sjaak.verweij@odbn.nl",
        "org": "Omgevingsdienst Brabant Noord",
        "role": "representative",
    } in show["representatives"]
    assert FederationInvitation.objects.get().status == "accepted"
    assert "already a member" in one_line_error(
        capsys, "federation", "invite", "SAM", "--org", "Rijkswaterstaat"
    )


def test_appoint_must_be_a_member_employee(capsys, network, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    assert "not a member" in one_line_error(
        capsys, "federation", "appoint", "SAM", "--employee", "sjaak.verweij@odbn.nl"
    )
    made = ok_json(
        capsys,
        "federation",
        "appoint",
        "SAM",
        "--employee",
        "kees.dijk@rws.nl",
        "--role",
        "representative",
    )
    assert made["role"] == "representative" and made["email"] == "kees.dijk@rws.nl"


def test_meeting_create_json_contract(capsys, network):
    date = in_days(40).isoformat()
    made = ok_json(
        capsys,
        "meeting",
        "create",
        "--federation",
        "SAM",
        "--date",
        date,
        "--call-days",
        "10",
        "--place",
        "Den Bosch",
        "--host",
        "Rijkswaterstaat",
    )
    assert isinstance(made["id"], int)
    assert made["date"] == date and made["call_days"] == 10 and made["host"] == "Rijkswaterstaat"
    assert made["call_at"].startswith(in_days(30).isoformat())
    meeting = Meeting.objects.get(pk=made["id"])
    assert meeting.place == "Den Bosch"
    shown = ok_json(capsys, "meeting", "show", str(made["id"]))
    assert shown["id"] == made["id"]
    assert [m["id"] for m in ok_json(capsys, "meeting", "list", "--federation", "SAM")] == [
        made["id"]
    ]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--federation", "SAM", "--date", "15-12-2026"], "YYYY-MM-DD"),
        (["--federation", "SAM", "--date", "2001-01-01"], "in the past"),
        (["--federation", "Nope", "--date", "2099-01-01"], "Nope"),
        (
            [
                "--federation",
                "SAM",
                "--date",
                "2099-01-01",
                "--host",
                "Omgevingsdienst Brabant Noord",
            ],
            "not a member",
        ),
        (["--federation", "SAM", "--date", "2099-01-01", "--call-days", "0"], "call-days"),
    ],
)
def test_meeting_create_errors(capsys, network, args, expected, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    assert expected in one_line_error(capsys, "meeting", "create", *args, "--json")


def test_meeting_call_sends_now_and_not_twice(capsys, network, smtp):
    made = ok_json(
        capsys, "meeting", "create", "--federation", "SAM", "--date", in_days(40).isoformat()
    )
    first = ok_json(capsys, "meeting", "call", str(made["id"]))
    assert first["sent"] == 5 and first["skipped"] == 0
    again = ok_json(capsys, "meeting", "call", str(made["id"]))
    assert again["sent"] == 0 and again["skipped"] == 5
    assert len(smtp.messages) == 5


def test_request_add_json_contract(capsys, network):
    meeting = ok_json(
        capsys, "meeting", "create", "--federation", "SAM", "--date", in_days(40).isoformat()
    )
    added = ok_json(
        capsys,
        "request",
        "add",
        "--meeting",
        str(meeting["id"]),
        "--org",
        "ministerie lnv",
        "--kind",
        "surplus",
        "--title",
        "Vleesinspecteur",
        "--skills",
        "HACCP, inspectie,voedselveiligheid",
        "--region",
        "Noord-Brabant",
        "--count",
        "24",
        "--date",
        "2027-03-01",
        "--text",
        "Keuringsdienst wordt afgebouwd",
    )
    assert isinstance(added["id"], int)
    assert added["org"] == "Ministerie LNV" and added["kind"] == "surplus" and added["count"] == 24
    assert added["skills"] == ["HACCP", "inspectie", "voedselveiligheid"]
    assert added["date"] == "2027-03-01"
    listed = ok_json(capsys, "request", "list", "--meeting", str(meeting["id"]))
    assert [r["id"] for r in listed] == [added["id"]]


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["--org", "Omgevingsdienst Brabant Noord", "--kind", "vacancy", "--title", "X"],
            "not a member",
        ),
        (["--org", "Rijkswaterstaat", "--kind", "vacancy", "--title", "   "], "title"),
        (
            ["--org", "Rijkswaterstaat", "--kind", "vacancy", "--title", "X", "--date", "soon"],
            "date",
        ),
        (
            ["--org", "Rijkswaterstaat", "--kind", "vacancy", "--title", "X", "--count", "0"],
            "count",
        ),
        (["--org", "Rijkswaterstaat", "--title", "X"], "--kind"),
    ],
)
def test_request_add_errors(capsys, network, args, expected, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    meeting = ok_json(
        capsys, "meeting", "create", "--federation", "SAM", "--date", in_days(40).isoformat()
    )
    assert expected in one_line_error(
        capsys, "request", "add", "--meeting", str(meeting["id"]), *args, "--json"
    )
    assert not HelpRequest.objects.exists()


def test_request_for_unknown_meeting(capsys, network, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    assert "no meeting with id 999" in one_line_error(
        capsys,
        "request",
        "add",
        "--meeting",
        "999",
        "--org",
        "Rijkswaterstaat",
        "--kind",
        "vacancy",
        "--title",
        "X",
    )


def test_request_outcome_emails_the_requester(capsys, network, smtp, settings):
    settings.LANGUAGE_CODE = "en"
    meeting = ok_json(
        capsys, "meeting", "create", "--federation", "SAM", "--date", in_days(40).isoformat()
    )
    added = ok_json(
        capsys,
        "request",
        "add",
        "--meeting",
        str(meeting["id"]),
        "--org",
        "Ministerie LNV",
        "--kind",
        "candidate",
        "--title",
        "Beleidsmedewerker",
        "--email",
        "piet.bos@lnv.nl",
    )
    done = ok_json(
        capsys,
        "request",
        "outcome",
        str(added["id"]),
        "--outcome",
        "conversation",
        "--note",
        "Gesprek met directeur Z geregeld",
        "--next-step",
        "Bel Kees Dijk deze week",
    )
    assert done == {"id": added["id"], "outcome": "conversation", "requester": "piet.bos@lnv.nl"}
    (mail,) = smtp.to("piet.bos@lnv.nl")
    assert "Beleidsmedewerker" in mail.subject
    assert (
        "Gesprek met directeur Z geregeld" in mail.body and "Bel Kees Dijk deze week" in mail.body
    )
    assert (
        f"/federations/meetings/{meeting['id']}/ask/" in mail.body
    )  # their own requests, no login needed
    assert "bad" in one_line_error(
        capsys, "request", "outcome", str(added["id"]), "--outcome", "bad"
    )


def test_meeting_update_moves_the_call_and_the_calendar_event(capsys, network, settings):
    settings.LANGUAGE_CODE = "en"  # the error wording is English below
    made = ok_json(
        capsys,
        "meeting",
        "create",
        "--federation",
        "SAM",
        "--date",
        in_days(40).isoformat(),
        "--place",
        "Utrecht",
    )
    moved = ok_json(
        capsys,
        "meeting",
        "update",
        str(made["id"]),
        "--date",
        in_days(50).isoformat(),
        "--place",
        "Den Bosch",
    )
    assert moved["date"] == in_days(50).isoformat() and moved["place"] == "Den Bosch"
    assert moved["call_at"].startswith(in_days(36).isoformat())
    assert Meeting.objects.get(pk=made["id"]).sequence == 1
    assert "in the past" in one_line_error(
        capsys, "meeting", "update", str(made["id"]), "--date", "2001-01-01"
    )
    assert "not a member" in one_line_error(
        capsys, "meeting", "update", str(made["id"]), "--host", "Omgevingsdienst Brabant Noord"
    )


def test_federation_results_json_hides_small_groups(capsys, network, settings):
    settings.LANGUAGE_CODE = (
        "en"  # the wording is English below; Dutch in tests/cli/test_cli_dutch.py
    )
    results = ok_json(capsys, "federation", "results", "SAM")
    assert results["federation"] == "SAM" and results["members"] == 2
    assert {
        "placements",
        "redundancies_prevented",
        "vacancies_filled",
        "time_to_fill_days",
        "by_meeting",
        "organisations",
    } <= set(results)
    code, out, _ = run(capsys, "federation", "results", "SAM")
    assert code == 0 and "people placed" in out
