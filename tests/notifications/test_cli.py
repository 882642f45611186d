"""``weakties notifications`` and ``weakties digest`` as scripts use them: JSON, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from weakties.cli.main import main
from weakties.notifications.models import Notice
from weakties.notifications.services.notify import notify

from .conftest import BASE, employee

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


@pytest.fixture
def jans(acme, base_url):
    jan = employee("jan.vandenberg@acme.nl")
    made = [
        notify(employee=jan, kind="x", subject=f"Verzoek {i}", link=f"/introductions/{i}/")
        for i in range(3)
    ]
    notify(employee=employee("tom.jansen@acme.nl"), kind="x", subject="Voor Tom")
    return made


def test_list_as_an_employee_sees_only_their_own(capsys, jans):
    rows = ok_json(capsys, "notifications", "--as", "jan.vandenberg@acme.nl")
    assert [r["subject"] for r in rows] == ["Verzoek 2", "Verzoek 1", "Verzoek 0"]
    assert rows[0]["url"] == f"{BASE}/introductions/2/" and rows[0]["read"] is False
    code, out, _ = run(capsys, "notifications", "--as", "jan.vandenberg@acme.nl")
    assert code == 0 and "Verzoek 1" in out and "Voor Tom" not in out


def test_mark_read_and_list_unread(capsys, jans):
    rows = ok_json(
        capsys,
        "notifications",
        "--as",
        "jan.vandenberg@acme.nl",
        "--read",
        str(jans[0].pk),
        "--unread",
    )
    assert [r["subject"] for r in rows] == ["Verzoek 2", "Verzoek 1"]
    assert (
        ok_json(capsys, "notifications", "--as", "jan.vandenberg@acme.nl", "--read-all", "--unread")
        == []
    )
    code, out, _ = run(capsys, "notifications", "--as", "jan.vandenberg@acme.nl", "--unread")
    assert code == 0 and "Geen meldingen." in out


def test_another_employees_notice_is_refused(capsys, jans, globex):
    line = one_line_error(
        capsys, "notifications", "--as", "tom.jansen@acme.nl", "--read", str(jans[0].pk)
    )
    assert f"geen melding {jans[0].pk}" in line
    one_line_error(
        capsys, "notifications", "--as", "grace.hopper@globex.example", "--read", str(jans[0].pk)
    )
    assert Notice.objects.get(pk=jans[0].pk).read_at is None
    unknown = one_line_error(capsys, "notifications", "--as", "nobody@acme.nl")
    assert "geen medewerker met e-mailadres nobody@acme.nl" in unknown


def test_digest_sends_what_is_due_once(capsys, jans, smtp):
    assert ok_json(capsys, "digest") == {"sent": 2, "notices": 4, "failed": 0}  # Jan's 3, Tom's 1
    assert sorted(r for m in smtp.wait_for(2) for r in m.rcpt_tos) == [
        "jan.vandenberg@acme.nl",
        "tom.jansen@acme.nl",
    ]
    assert ok_json(capsys, "digest") == {"sent": 0, "notices": 0, "failed": 0}
    code, out, _ = run(capsys, "digest")
    assert code == 0 and "Verstuurde samenvattingen: 0" in out
