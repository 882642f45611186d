"""Every search for a person is audited, through the web, the API and the CLI (issue 12 §2).

Tom (sales) looks up Jan's contact Mehmet by his email address, once through each edge.
Each search leaves an audit entry with who searched (the login, or ``cli``), that it was a
person, and whom it found (the person's id, which the owner sees on "Who looked up my
contacts"), and never the address itself. Company searches (who knows, who can introduce)
are audited the same way.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from weakties.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

EMAIL = "mehmet.celik@example.com"


def _search_web(world) -> None:
    answer = world.clients["sales"].get(
        "/insights/intro/", {"target": "person", "query": EMAIL, "purpose": "info"}
    )
    assert answer.status_code == 200


def _search_api(world) -> None:
    token = world.tokens["sales"]
    answer = world.clients["anonymous"].get(
        "/api/intro", {"person": EMAIL}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200, answer.content


def _search_cli(world) -> None:
    out = StringIO()
    call_command("intro", "--person", EMAIL, "--org", "Acme BV", "--json", stdout=out)
    json.loads(out.getvalue())


def _mehmet(world) -> int:
    from weakties.people.models import Tie

    return Tie.objects.get(employee=world.own.people["employee"], email__iexact=EMAIL).person_id


@pytest.mark.parametrize(
    ("edge", "search", "by"),
    [("web", _search_web, "sales"), ("api", _search_api, "sales"), ("cli", _search_cli, None)],
)
def test_a_person_search_is_audited_with_whom_it_found(world, edge, search, by):
    before = AuditEvent.objects.filter(action="intro").count()
    search(world)
    events = list(AuditEvent.objects.filter(action="intro").order_by("-pk"))
    assert len(events) == before + 1, f"{edge}: one audit entry per search"
    event = events[0]
    assert event.detail["target"] == "person"
    assert event.detail["person_ids"] == [_mehmet(world)]
    if by:
        assert event.actor == world.own.people[by].user
    else:
        assert event.actor is None and event.actor_label == "cli"
    assert "mehmet" not in json.dumps(event.detail).lower(), "the address itself is not kept"


def test_the_owner_sees_who_looked_up_their_contact(world):
    _search_web(world)
    page = world.clients["employee"].get("/audit/mine/").content.decode()
    assert "Tom Jansen" in page or world.own.people["sales"].email in page
    # Nobody else's searches show there, and the others do not see Jan's.
    assert world.clients["recruiter"].get("/audit/mine/").content.decode().count("Tom Jansen") == 0


@pytest.mark.parametrize("edge", ["web", "api", "cli"])
def test_a_company_search_is_audited(world, edge):
    before = AuditEvent.objects.filter(action__in=("intro", "who_knows")).count()
    if edge == "web":
        world.clients["sales"].get(
            "/insights/intro/", {"target": "company", "query": "Coolblue", "purpose": "info"}
        )
    elif edge == "api":
        world.clients["anonymous"].get(
            "/api/who-knows",
            {"company": "Coolblue"},
            headers={"Authorization": f"Bearer {world.tokens['sales']}"},
        )
    else:
        call_command("who_knows", "--company", "Coolblue", "--org", "Acme BV", stdout=StringIO())
    event = AuditEvent.objects.filter(action__in=("intro", "who_knows")).order_by("-pk").first()
    assert AuditEvent.objects.filter(action__in=("intro", "who_knows")).count() == before + 1
    assert "Coolblue" in json.dumps(event.detail)
