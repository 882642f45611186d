"""Every page and API route of the ambassadors app, walked with every role, from Acme and from Globex.

Acme has a campaign (Tom invited), a target and a post; Jan's ties carry
contact details. Each case signs in one person with one role: Sophie of Acme
or Homer of Globex. Expected: admins run their own organisation's campaigns,
targets and material; everyone reads material and their own contribution;
another organisation's campaign, target or post is not found; no response
carries a contact detail, and Globex sees nothing of Acme.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from weakties.accounts.models import Employee, Role
from weakties.ambassadors.mail import invitation_token
from weakties.ambassadors.models import Campaign, Post, Target
from weakties.ambassadors.services.campaigns import campaign_create
from weakties.ambassadors.services.material import post_publish
from weakties.ambassadors.services.targets import target_add
from weakties.people.models import ImportBatch

from .conftest import CONTACT_DETAILS, SOPHIE, TOM, bearer, login

pytestmark = pytest.mark.django_db

HOMER = "homer.simpson@globex.com"
ROLES = [r.value for r in Role]
#: What Globex must never see of Acme.
ACME_ONLY = (
    "tom.jansen@acme.nl",
    "Jansen",
    "jan.vandenberg@acme.nl",
    "Acme zoekt",
    "Coolblue",
    "Rabobank",
)


@pytest.fixture
def world(org, globex, smtp):
    campaign = campaign_create(
        organisation=org, scope="emails", emails=[TOM], actor_label="test"
    ).campaign
    return {
        "campaign": campaign,
        "invitation": campaign.invitations.get(),
        "target": target_add(organisation=org, kind="company", name="Coolblue"),
        "post": post_publish(
            organisation=org,
            title_nl="Acme zoekt developers",
            link="https://acme.nl/werken",
            text_nl="Acme zoekt developers: ken jij iemand?",
        ),
        "jans_batch": ImportBatch.objects.filter(owner__email="jan.vandenberg@acme.nl").first(),
    }


def _check(response, *, own: bool) -> None:
    text = response.content.decode(errors="replace")
    for detail in CONTACT_DETAILS:
        assert detail.lower() not in text.lower(), (response.request["PATH_INFO"], detail)
    if not own:
        for word in ACME_ONLY:
            assert word not in text, (response.request["PATH_INFO"], word)


def expected(kind: str, *, admin: bool, own: bool) -> int:
    """Status codes by the route's rule."""
    table = {
        # the admin's pages of the admin's own organisation
        "admin_page": 200 if admin else 403,
        "admin_post": 302 if admin else 403,
        # an object of Acme's, for Acme's admins only
        "acme_admin_get": (200 if own else 404) if admin else 403,
        "acme_admin_post": (302 if own else 404) if admin else 403,
        # an object of Acme's, for every member of Acme
        "acme_member_post": 302 if own else 404,
        "acme_post_admin": (302 if admin else 403) if own else 404,
        "member_page": 200,
    }
    return table[kind]


def page_walk(client: Client, w: dict, *, admin: bool, own: bool) -> None:
    c, t, p = w["campaign"], w["target"], w["post"]
    token = invitation_token(w["invitation"])
    gets = [
        ("/ambassadors/", 200 if admin else 302),
        (f"/ambassadors/campaigns/{c.pk}/", expected("acme_admin_get", admin=admin, own=own)),
        ("/ambassadors/sync/", expected("admin_page", admin=admin, own=own)),
        ("/ambassadors/sync/?status=stale", expected("admin_page", admin=admin, own=own)),
        ("/ambassadors/targets/", expected("admin_page", admin=admin, own=own)),
        ("/ambassadors/targets/white-spots/", expected("admin_page", admin=admin, own=own)),
        ("/ambassadors/material/", 200),
        ("/ambassadors/contribution/", 200),
        (f"/ambassadors/i/{token}/", 403),  # the link is Tom's: signed in as someone else, no
        (f"/ambassadors/i/{token}/imports/{w['jans_batch'].pk}/", 403),
    ]
    for path, status in gets:
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code)
        _check(response, own=own)
    posts = [
        (
            f"/ambassadors/campaigns/{c.pk}/remind/",
            {},
            expected("acme_admin_post", admin=admin, own=own),
        ),
        (
            f"/ambassadors/campaigns/{c.pk}/send/",
            {},
            expected("acme_admin_post", admin=admin, own=own),
        ),
        (
            "/ambassadors/targets/",
            {"kind": "sector", "name": "zorg"},
            expected("admin_post", admin=admin, own=own),
        ),
        (
            f"/ambassadors/material/{p.pk}/shared/",
            {"shared": "1"},
            expected("acme_member_post", admin=admin, own=own),
        ),
        (f"/ambassadors/i/{token}/consent/", {"consent": "on"}, 403),
        (f"/ambassadors/i/{token}/decline/", {}, 403),
        (f"/ambassadors/i/{token}/withdraw/", {}, 403),
        (
            f"/ambassadors/targets/{t.pk}/delete/",
            {},
            expected("acme_admin_post", admin=admin, own=own),
        ),
        (
            f"/ambassadors/material/{p.pk}/archive/",
            {},
            expected("acme_post_admin", admin=admin, own=own),
        ),
    ]
    for path, data, status in posts:
        response = client.post(path, data)
        assert response.status_code == status, (path, response.status_code)
        _check(response, own=own)
    # Starting a campaign: only an admin, and only for their own organisation's people.
    before = Campaign.objects.count()
    response = client.post("/ambassadors/", {"scope": "emails", "emails": TOM})
    assert response.status_code == 302
    created = Campaign.objects.count() - before
    assert created == 0  # Tom was invited a moment ago (Acme) or is no colleague (Globex)
    # Nobody answered for Tom, and what was refused stayed as it was.
    tom = Employee.objects.get(email=TOM)
    assert not tom.has_consent()
    assert Target.objects.filter(pk=t.pk).exists() == (not (own and admin))
    assert Post.objects.get(pk=p.pk).archived_at is None or (own and admin)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False], ids=["acme", "globex"])
def test_every_page_with_every_role(world, client, role, own):
    login(client, SOPHIE if own else HOMER, role=role)
    page_walk(client, world, admin=role == Role.ADMIN, own=own)


def test_pages_need_a_login_but_the_personal_link_does_not(world, client):
    token = invitation_token(world["invitation"])
    for path in (
        "/ambassadors/",
        "/ambassadors/sync/",
        "/ambassadors/material/",
        "/ambassadors/contribution/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(f"/ambassadors/i/{token}/").status_code == 200
    assert client.post(f"/ambassadors/i/{token}/consent/", {"consent": "on"}).status_code == 302
    assert Employee.objects.get(email=TOM).has_consent()


def api_walk(client: Client, w: dict, headers: dict, *, admin: bool, own: bool) -> None:
    c, t, p = w["campaign"], w["target"], w["post"]
    admin_only = 200 if admin else 403
    acme_admin = (200 if own else 404) if admin else 403
    calls = [
        ("get", "/api/ambassadors/campaigns", None, admin_only),
        ("get", f"/api/ambassadors/campaigns/{c.pk}", None, acme_admin),
        (
            "post",
            f"/api/ambassadors/campaigns/{c.pk}/remind",
            {},
            (422 if own else 404) if admin else 403,
        ),
        ("get", "/api/ambassadors/sync", None, admin_only),
        ("get", "/api/ambassadors/white-spots", None, admin_only),
        ("get", "/api/ambassadors/targets", None, admin_only),
        (
            "post",
            "/api/ambassadors/targets",
            {"kind": "sector", "name": "zorg"},
            201 if admin else 403,
        ),
        ("get", "/api/ambassadors/material", None, 200),
        ("post", f"/api/ambassadors/material/{p.pk}/shared", {"shared": True}, 200 if own else 404),
        ("get", "/api/ambassadors/contribution", None, 200),
        (
            "post",
            "/api/ambassadors/campaigns",
            {"scope": "emails", "emails": [TOM]},
            201 if admin else 403,
        ),
        (
            "post",
            "/api/ambassadors/material",
            {"title_nl": "Nieuw", "text_nl": "Tekst", "link": "https://example.org/"},
            201 if admin else 403,
        ),
        (
            "delete",
            f"/api/ambassadors/targets/{t.pk}",
            None,
            (204 if own else 404) if admin else 403,
        ),
        (
            "post",
            f"/api/ambassadors/material/{p.pk}/archive",
            {},
            ((204 if admin else 403) if own else 404),
        ),
    ]
    for method, path, body, status in calls:
        kwargs = {"headers": headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        response = getattr(client, method)(path, **kwargs)
        assert response.status_code == status, (
            method,
            path,
            response.status_code,
            response.content,
        )
        if path == "/api/ambassadors/campaigns" and method == "post" and status == 201:
            # The caller's own input comes back: Tom is no colleague of Globex's, and was
            # invited by Acme a moment ago.
            result = response.json()
            assert result["campaign"] is None and result["invited"] == 0
            reason = "recently_invited" if own else "unknown"
            assert result["skipped_addresses"] == [{"email": TOM, "reason": reason}]
            continue
        _check(response, own=own)
        assert client.generic(method.upper(), path).status_code == 401  # no token, nothing


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False], ids=["acme", "globex"])
def test_every_api_route_with_every_role(world, client, role, own):
    headers = bearer(SOPHIE if own else HOMER, role=role)
    api_walk(client, world, headers, admin=role == Role.ADMIN, own=own)


def test_the_api_reads_only_the_callers_own_contribution(world, client):
    headers = bearer(SOPHIE)
    body = client.get("/api/ambassadors/contribution", headers=headers).json()
    assert body["employee"] == SOPHIE
    assert set(body) == {
        "employee",
        "sharing",
        "analysed_at",
        "reach",
        "unique_reach",
        "introductions",
        "referrals",
        "shared",
        "shared_posts",
    }


def test_the_walk_covers_every_route():
    """A new page or API route must join the walks above."""
    from django.urls import get_resolver

    from weakties.api.ambassadors import router

    names = {
        pattern.name
        for resolver in get_resolver().url_patterns
        if getattr(resolver, "namespace", None) == "ambassadors"
        for pattern in resolver.url_patterns
    }
    assert names == {
        "index",
        "campaign",
        "remind",
        "send_again",
        "sync",
        "targets",
        "white_spots",
        "target_delete",
        "material",
        "shared",
        "archive",
        "contribution",
        "landing",
        "consent",
        "decline",
        "withdraw",
        "landing_import",
    }
    api = {
        (method, path)
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    }
    assert len(api) == 14, sorted(api)
