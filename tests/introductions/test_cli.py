"""``weakties intro request|answer|sent|outcome|list|sweep``: the contract, acting as a user, refusals."""

from __future__ import annotations

import json

import pytest

from weakties.cli.main import main
from weakties.introductions.models import IntroductionRequest

from .conftest import MEHMET_EMAIL, MEHMET_PHONE

pytestmark = pytest.mark.django_db

JAN, TOM = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl"
LIST_KEYS = {"id", "requester", "introducer", "person", "status", "created", "outcome"}


@pytest.fixture(autouse=True)
def _english(english):
    """One-line errors compared in English."""


def run(capsys, *args: str) -> tuple[int, object, str]:
    code = main(["intro", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in args and code == 0 else out), err


def request(capsys, person: int, *extra: str):
    return run(
        capsys,
        "request",
        "--from",
        TOM,
        "--via",
        JAN,
        "--person",
        str(person),
        "--reason",
        "Logistics",
        "--question",
        "How do you plan the peak?",
        "--question",
        "Which tools?",
        "--json",
        *extra,
    )


def test_the_contract_from_request_to_outcome(capsys, mehmet):
    code, made, _ = request(capsys, mehmet.pk)
    assert code == 0 and set(made) == {"id", "status"} and made["status"] == "requested"
    pk = str(made["id"])
    assert IntroductionRequest.objects.get(pk=made["id"]).questions == [
        "How do you plan the peak?",
        "Which tools?",
    ]

    code, answered, _ = run(capsys, "answer", pk, "--accept", "--as", JAN, "--json")
    assert code == 0 and answered == {"id": made["id"], "status": "accepted"}
    code, sent, _ = run(capsys, "sent", pk, "--as", JAN, "--json")
    assert code == 0 and sent == {"id": made["id"], "status": "introduced"}
    code, outcome, _ = run(capsys, "outcome", pk, "--result", "met", "--as", TOM, "--json")
    assert code == 0 and outcome == {"id": made["id"], "status": "introduced", "outcome": "met"}

    code, rows, _ = run(capsys, "list", "--for", TOM, "--json")
    assert code == 0 and [set(r) for r in rows] == [LIST_KEYS]
    assert set(rows[0]["person"]) == {"id", "name", "company", "position"}
    assert rows[0]["person"]["id"] == mehmet.pk and rows[0]["outcome"] == "met"
    assert MEHMET_EMAIL not in json.dumps(rows).lower()

    code, rows, _ = run(capsys, "list", "--for", JAN, "--json")
    assert rows[0]["person"]["email"] == MEHMET_EMAIL
    assert rows[0]["person"]["phone"] == MEHMET_PHONE

    code, every, _ = run(capsys, "list", "--json")  # nobody named: nobody's details
    assert len(every) == 1 and "email" not in every[0]["person"]


def test_json_before_the_action_counts_too(capsys, mehmet):
    request(capsys, mehmet.pk)
    code, rows, _ = run(capsys, "--json", "list", "--for", TOM)
    assert code == 0 and rows[0]["status"] == "requested"


def test_decline_with_a_reason_then_the_repeat_is_refused(capsys, mehmet):
    _, made, _ = request(capsys, mehmet.pk)
    code, answered, _ = run(
        capsys,
        "answer",
        str(made["id"]),
        "--decline",
        "--reason",
        "Lost touch",
        "--as",
        JAN,
        "--json",
    )
    assert answered["status"] == "declined"
    code, _, err = request(capsys, mehmet.pk)
    assert code == 1 and err.count("\n") == 1 and "cannot be repeated" in err


def test_snooze(capsys, mehmet):
    _, made, _ = request(capsys, mehmet.pk)
    code, answered, _ = run(capsys, "answer", str(made["id"]), "--snooze", "--as", JAN, "--json")
    assert code == 0 and answered["status"] == "snoozed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("answer", "{pk}", "--accept", "--as", TOM), "only the colleague who was asked"),
        (
            ("answer", "{pk}", "--accept", "--as", "sophie.bakker@acme.nl"),
            "no introduction request with id",
        ),
        (
            ("answer", "{pk}", "--accept", "--as", "admin@globex.be"),
            "no introduction request with id",
        ),
        (("sent", "{pk}", "--as", TOM), "only the introducer marks"),
        (("sent", "{pk}", "--as", JAN), "accept the request before"),
        (("outcome", "{pk}", "--result", "met", "--as", JAN), "only the requester records"),
        (("outcome", "{pk}", "--result", "met", "--as", TOM), "once the introduction was sent"),
        (("answer", "999999", "--accept", "--as", JAN), "no introduction request with id 999999"),
        (
            ("answer", "{pk}", "--accept", "--as", "nobody@acme.nl"),
            "no employee with email nobody@acme.nl",
        ),
    ],
)
def test_refused_actions_exit_non_zero_with_one_line(capsys, mehmet, args, message):
    _, made, _ = request(capsys, mehmet.pk)
    code, _, err = run(capsys, *(a.format(pk=made["id"]) for a in args))
    assert code == 1 and err.count("\n") == 1 and message in err, err
    assert IntroductionRequest.objects.get(pk=made["id"]).status == "requested"


def test_a_request_through_someone_of_another_organisation_is_refused(capsys, lotte):
    code, _, err = run(
        capsys,
        "request",
        "--from",
        TOM,
        "--via",
        "sales@globex.be",
        "--person",
        str(lotte.pk),
        "--reason",
        "x",
        "--question",
        "y",
    )
    assert code == 1 and "sales@globex.be is no colleague of tom.jansen@acme.nl" in err


def test_an_unknown_person_id_says_where_ids_come_from(capsys, orgs):
    code, _, err = request(capsys, 999999)
    assert code == 1 and "weakties export ties" in err


def test_the_person_id_is_the_one_export_ties_shows(capsys, mehmet):
    assert main(["export", "ties", "--json"]) == 0
    exported = capsys.readouterr().out
    assert f'"id": {mehmet.pk}' in exported


def test_sweep_closes_what_is_due(capsys, mehmet):
    from django.utils import timezone

    _, made, _ = request(capsys, mehmet.pk)
    IntroductionRequest.objects.filter(pk=made["id"]).update(expires_at=timezone.now())
    code, swept, _ = run(capsys, "sweep", "--json")
    assert code == 0 and swept == {"expired": 1, "woken": 0, "reminded": 0}


def test_the_search_still_needs_a_target(capsys, orgs):
    code, _, err = run(capsys, "--purpose", "job")
    assert code == 1 and "give --company, --person or --role" in err
    code, _, err = run(capsys, "list", "--company", "Stripe")
    assert code != 0
