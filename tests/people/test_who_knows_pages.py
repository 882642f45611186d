"""Who knows someone at a company: strongest first, in pages with a total and a cursor, on every edge."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.factories import acme, employee
from weakties.accounts.models import ApiToken, AuditEvent
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.insights.services.introductions import introductions
from weakties.people.models import TieRank
from weakties.people.selectors.who_knows import who_knows
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db


def _globex(tmp_path, owner: str, people: range) -> None:
    path = tmp_path / f"{owner}.csv"
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    rows += [
        f"Person,Number{i},https://www.linkedin.com/in/globex-{i},,Globex,Engineer,0{1 + i % 9} Jan 20{10 + i}"
        for i in people
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert NetworkImporter().import_file(path=path, owner=employee(owner)).ok


@pytest.fixture
def globex(tmp_path):
    """12 ties at Globex: Jan knows 7 people there, Sophie 5 (two of them Jan's too)."""
    org = acme()
    _globex(tmp_path, "jan.vandenberg@acme.nl", range(0, 7))
    _globex(tmp_path, "sophie.bakker@acme.nl", range(5, 10))
    return org


def _names(rows) -> list[str]:
    return [f"{r['employee']}:{r['contact']['name']}" for r in rows]


def test_pages_cover_every_tie_once_with_the_total(globex):
    first = who_knows(company="Globex", organisation=globex, limit=5)
    assert first.total == 12 and len(first.rows) == 5 and first.next_cursor
    second = who_knows(company="Globex", organisation=globex, limit=5, cursor=first.next_cursor)
    third = who_knows(company="Globex", organisation=globex, limit=5, cursor=second.next_cursor)
    assert len(second.rows) == 5 and len(third.rows) == 2 and third.next_cursor is None
    seen = _names(first.rows) + _names(second.rows) + _names(third.rows)
    assert len(seen) == len(set(seen)) == 12
    assert set(seen) == set(_names(who_knows(company="globex", limit=100).rows))


def test_strongest_first_measured_and_provisional_together(globex):
    jan = employee("jan.vandenberg@acme.nl")
    strongest = TieRank.objects.filter(employee=jan, company__name="Globex").order_by("tie_id")
    TieRank.objects.filter(pk=strongest[0].pk).update(strength=0.99, tier="strong")
    TieRank.objects.filter(pk=strongest[1].pk).update(strength=0.01, tier="dormant")
    rows = who_knows(company="Globex", organisation=globex, limit=12).rows
    names = _names(rows)
    top = f"{jan.email}:{strongest[0].person.name}"
    bottom = f"{jan.email}:{strongest[1].person.name}"
    assert names[0] == top  # measured 0.99 beats every provisional strength
    assert names[-1] == bottom  # measured 0.01 is below them all
    assert len(names) == 12


def test_each_page_is_one_audited_search_and_a_bad_cursor_is_refused(globex):
    before = AuditEvent.objects.filter(action="who_knows").count()
    who_knows(company="Globex", organisation=globex, limit=5, actor_label="t")
    assert AuditEvent.objects.filter(action="who_knows").count() == before + 1
    with translation.override("en"):
        for bad in ("-5", "five", "1e3"):
            with pytest.raises(ServiceError, match="cursor"):
                who_knows(company="Globex", organisation=globex, cursor=bad)
        with pytest.raises(ServiceError, match="at least 1"):
            who_knows(company="Globex", organisation=globex, limit=0)


def test_introductions_page_with_the_same_cursor(globex):
    first = introductions(organisation=globex, company="Globex", purpose="job", limit=4)
    assert first.total == 12 and len(first.rows) == 4 and first.next_cursor == "4"
    rest = introductions(
        organisation=globex, company="Globex", purpose="job", limit=20, cursor=first.next_cursor
    )
    assert len(rest.rows) == 8 and rest.next_cursor is None
    scores = [r["score"] for r in first.rows + rest.rows]
    assert scores == sorted(scores, reverse=True)


def test_cli_limit_and_all(globex, capsys):
    assert main(["who-knows", "--company", "Globex", "--limit", "3", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and set(rows[0]) == {"employee", "contact", "sources", "matched"}
    assert main(["who-knows", "--company", "Globex", "--all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 12
    assert main(["who-knows", "--company", "Globex"]) == 0  # the default page holds all 12
    assert main(["intro", "--company", "Globex", "--limit", "2"]) == 0
    assert "2 of 12" in capsys.readouterr().out.replace("2 van 12", "2 of 12")
    assert main(["intro", "--company", "Globex", "--all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 12


def test_api_pages_by_headers_and_keeps_the_body(globex, client):
    user = get_user_model().objects.create_user(username="jan", password="x-Passw0rd-x")
    jan = employee("jan.vandenberg@acme.nl")
    jan.user = user
    jan.save()
    _, key = ApiToken.issue(user, "test")
    auth = {"Authorization": f"Bearer {key}"}
    got = client.get("/api/who-knows", {"company": "Globex", "limit": 5}, headers=auth)
    assert got.status_code == 200
    assert len(got.json()) == 5 and set(got.json()[0]) == {
        "employee",
        "contact",
        "sources",
        "matched",
    }
    assert got["X-Total-Count"] == "12" and got["X-Next-Cursor"] == "5"
    assert (
        'rel="next"' in got["Link"]
        and "cursor=5" in got["Link"]
        and "company=Globex" in got["Link"]
    )
    last = client.get(
        "/api/who-knows", {"company": "Globex", "limit": 5, "cursor": "10"}, headers=auth
    )
    assert len(last.json()) == 2 and "Link" not in last and last["X-Total-Count"] == "12"
    intro = client.get("/api/intro", {"company": "Globex", "limit": 3}, headers=auth)
    assert len(intro.json()) == 3 and intro["X-Total-Count"] == "12"
    bad = client.get("/api/who-knows", {"company": "Globex", "cursor": "x"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "cursor"]
    brokers = client.get("/api/brokers", {"limit": -1}, headers=auth)
    assert brokers.status_code in (403, 422)  # Jan is no admin; an admin gets the 422 below
    jan.role = "admin"
    jan.save()
    brokers = client.get("/api/brokers", {"limit": -1}, headers=auth)
    assert brokers.status_code == 422
