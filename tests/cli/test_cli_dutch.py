"""The `weakties` command speaks Dutch by default; its ``--json`` output is the same in every language."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import acme
from tests.meetings.conftest import make_org
from weakties.cli.main import main

pytestmark = pytest.mark.django_db


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def human(capsys, *argv) -> str:
    """What a person reads, with the console's line wrapping undone (ids and widths vary)."""
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return " ".join(out.split())


def same_json_in_both_languages(capsys, settings, *argv):
    outputs = {}
    for language in ("nl", "en"):
        settings.LANGUAGE_CODE = language
        code, out, err = run(capsys, *argv, "--json")
        assert code == 0, err
        outputs[language] = out
    settings.LANGUAGE_CODE = "nl"
    assert outputs["nl"] == outputs["en"], argv
    return json.loads(outputs["nl"])


def test_organisation_commands_speak_dutch(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    acme()
    out = human(capsys, "reach")
    assert (
        "2 van 4 medewerkers delen hun netwerk: 8 relaties met 5 unieke personen bij 5 bedrijven."
        in " ".join(out.split())
    )
    assert "employees" not in out

    out = human(capsys, "who-knows", "--company", "Stripe, Inc.")
    assert "medewerker" in out and "functie" in out and "bronnen" in out
    assert "position" not in out
    assert "Nog niemand die zijn of haar netwerk deelt, kent daar iemand." in human(
        capsys, "who-knows", "--company", "Nergens BV"
    )

    code, _, err = run(capsys, "brokers")
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert (
        err.startswith("weakties: error: nog geen analyse van Acme") and "`weakties analyze`" in err
    )

    assert "medewerkers geanalyseerd" in human(capsys, "analyze")
    out = human(capsys, "brokers")
    assert "graad" in out and "rollen" in out and "degree" not in out

    assert "Organisatie Beta BV aangemaakt (id " in human(capsys, "org", "create", "Beta BV")
    assert "medewerkers)" in human(capsys, "org", "list")
    code, _, err = run(capsys, "org", "create")
    assert code != 0 and "org create heeft een NAAM nodig" in err


def test_organisation_json_is_the_same_in_dutch_and_english(capsys, settings):
    acme()
    human(capsys, "analyze")
    assert same_json_in_both_languages(capsys, settings, "reach")["ties"] == 8
    assert (
        len(same_json_in_both_languages(capsys, settings, "who-knows", "--company", "Stripe, Inc."))
        == 2
    )
    assert same_json_in_both_languages(capsys, settings, "org", "list")[0]["name"] == "Acme BV"
    assert same_json_in_both_languages(capsys, settings, "brokers")


def test_employer_network_commands_speak_dutch(capsys, settings, tmp_path):
    settings.LANGUAGE_CODE = "nl"
    make_org("Ministerie LNV", tmp_path)
    make_org("Rijkswaterstaat", tmp_path)
    assert "Nog geen werkgeversnetwerken" in human(capsys, "federation", "list")

    out = human(
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
    assert "leden: Ministerie LNV, Rijkswaterstaat" in out and "coördinator: ad.smets@lnv.nl" in out
    assert "(2 leden, 0 bijeenkomsten)" in human(capsys, "federation", "list")

    date = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    out = human(capsys, "meeting", "create", "--federation", "SAM", "--date", date)
    assert out.startswith("Bijeenkomst ") and "van SAM op" in out and "de oproep gaat uit op" in out
    meeting = json.loads(run(capsys, "meeting", "list", "--json")[1])[0]["id"]

    out = human(
        capsys,
        "request",
        "add",
        "--meeting",
        str(meeting),
        "--org",
        "Ministerie LNV",
        "--kind",
        "surplus",
        "--title",
        "Vleesinspecteurs",
    )
    assert "toegevoegd: boventallig personeel Vleesinspecteurs (Ministerie LNV)" in out
    assert "boventallig personeel" in human(capsys, "request", "list", "--meeting", str(meeting))
    assert "Geen matches: de bijeenkomst heeft zowel aanbod" in human(
        capsys, "match", "--meeting", str(meeting)
    )

    code, _, err = run(capsys, "meeting", "create", "--federation", "SAM")
    assert code != 0 and "meeting create heeft --federation NAAM en --date JJJJ-MM-DD nodig" in err

    assert same_json_in_both_languages(capsys, settings, "federation", "show", "SAM")[
        "members"
    ] == ["Ministerie LNV", "Rijkswaterstaat"]
    assert len(same_json_in_both_languages(capsys, settings, "federation", "list")) == 1
    assert (
        same_json_in_both_languages(capsys, settings, "meeting", "show", str(meeting))["id"]
        == meeting
    )
    requests = same_json_in_both_languages(
        capsys, settings, "request", "list", "--meeting", str(meeting)
    )
    assert requests[0]["kind"] == "surplus"
    assert same_json_in_both_languages(capsys, settings, "match", "--meeting", str(meeting)) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Maak organisaties aan of som ze op."),
        ("en", "Create or list organisations."),
    ],
)
def test_help_is_translated(capsys, settings, language, expected):
    settings.LANGUAGE_CODE = language
    code, out, _ = run(capsys, "org", "--help")
    assert code == 0
    assert expected in out
