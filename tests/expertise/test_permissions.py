"""Every page and API route of the expertise app, walked by every role of both organisations.

Acme's Jan (sales) owns the target list; Anna is Acme's admin; Globex has one
employee of each role.  Each user gets exactly what the rules in
:mod:`weakties.expertise.rules` say (finder and profile: every active
employee; target lists: sales, recruiters and admins; a list: its owner, and
to see, the admins of its organisation; nothing of the other organisation,
not even that it exists), and no answer carries a contact's address; a
person target's LinkedIn URL reaches the list's owner alone.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from weakties.expertise.models import Profile, TargetList
from weakties.expertise.services.target_lists import target_lines, target_list_create

from .conftest import ACME_EXTRA, ACME_ROLES, CONTACT_ADDRESSES, GLOBEX, bearer, employee, signed_in

pytestmark = pytest.mark.django_db

LIST_ROLES = {"sales", "recruiter", "admin"}
USERS = [*ACME_ROLES, *(e for e, *_r in ACME_EXTRA), *(e for e, *_r in GLOBEX)]
OWNER = "jan.vandenberg@acme.nl"
ACME_ADMIN = "anna.devries@acme.nl"
ZOE_URL = "linkedin.com/in/zoe-peeters-1a2b3c"
ACME_ONLY = ["Jan van den Berg", "Sophie Bakker", "Prospects"]
GLOBEX_ONLY = ["Greta Globex", "Hanna", "Globex list"]


@pytest.fixture
def lists(orgs):
    mine = target_list_create(
        owner=employee(OWNER),
        name="Prospects",
        lines=target_lines(text=f"Stripe\nRabobank\nhttps://www.{ZOE_URL}\n"),
    )
    theirs = target_list_create(
        owner=employee("greta.sales@globex.nl"),
        name="Globex list",
        lines=target_lines(text="Stripe\n"),
    )
    return mine, theirs


def expected(email: str) -> dict[str, int]:
    """Status codes for the user: what they may see and do of Jan's list."""
    me = employee(email)
    acme = me.organisation.name == "Acme BV"
    lists = me.role in LIST_ROLES
    see = 200 if email == OWNER or (acme and email == ACME_ADMIN) else 404
    change = 200 if email == OWNER else 403 if see == 200 else 404
    return {"lists": 200 if lists else 403, "see": see, "change": change}


def clean(body: str, email: str) -> None:
    """No contact address, the URL only for the owner, nothing of the other organisation."""
    for address in CONTACT_ADDRESSES:
        if address in body:
            assert email == OWNER and address in ZOE_URL, (address, email)
    other = GLOBEX_ONLY if employee(email).organisation.name == "Acme BV" else ACME_ONLY
    for name in other:
        assert name not in body, (name, email)


@pytest.mark.parametrize("email", USERS)
def test_pages(client, lists, email):
    mine, _theirs = lists
    target = mine.targets.order_by("line").first()
    me = signed_in(client, email)
    codes = expected(email)
    pages = {
        reverse("expertise:index") + "?q=Stripe": 200,
        reverse("expertise:profile"): 200,
        reverse("expertise:targets"): codes["lists"],
        reverse("expertise:target_list", args=[mine.pk]): codes["see"],
        reverse("expertise:target", args=[mine.pk, target.pk]): codes["see"],
        reverse("expertise:target_list", args=[mine.pk]) + "?status=none": codes["see"],
    }
    for url, code in pages.items():
        answer = client.get(url)
        assert answer.status_code == code, (url, email, answer.status_code)
        clean(answer.content.decode(), email)
    # the profile page changes one's own profile only
    assert client.post(reverse("expertise:profile"), {"skills": "Excel"}).status_code == 302
    assert list(Profile.objects.filter(skills="Excel").values_list("employee_id", flat=True)) == [
        me.pk
    ]
    new = client.post(
        reverse("expertise:targets"), {"name": "Mine", "purpose": "sales", "text": "ASML"}
    )
    assert new.status_code == (302 if codes["lists"] == 200 else 403)
    posts = [
        ("expertise:target_list_settings", {"name": "Renamed", "purpose": "job"}),
        ("expertise:target_list_watch", {"watch": "1"}),
        ("expertise:target_list_replace", {"replace-text": "ASML"}),
        ("expertise:target_list_delete", {}),
    ]
    for name, data in posts:
        answer = client.post(reverse(name, args=[mine.pk]), data)
        want = 302 if codes["change"] == 200 else codes["change"]
        assert answer.status_code == want, (name, email, answer.status_code)
    assert TargetList.objects.filter(pk=mine.pk).exists() == (email != OWNER)


@pytest.mark.parametrize("email", USERS)
def test_api(client, lists, email):
    mine, _theirs = lists
    target = mine.targets.order_by("line").first()
    auth = bearer(email)
    codes = expected(email)
    gets = {
        "/api/profile": 200,
        "/api/expertise?q=Stripe": 200,
        "/api/targets/lists": codes["lists"],
        f"/api/targets/lists/{mine.pk}": codes["see"],
        f"/api/targets/lists/{mine.pk}/targets/{target.pk}": codes["see"],
    }
    for url, code in gets.items():
        answer = client.get(url, **auth)
        assert answer.status_code == code, (url, email, answer.status_code)
        clean(answer.content.decode(), email)
    put = client.put("/api/profile", {"skills": ["Excel"]}, content_type="application/json", **auth)
    assert put.status_code == 200 and put.json()["employee"] == email
    made = client.post(
        "/api/targets/lists",
        {"name": "Mine", "text": "ASML"},
        content_type="application/json",
        **auth,
    )
    assert made.status_code == (201 if codes["lists"] == 200 else 403)
    covered = client.post(
        "/api/targets/coverage", {"text": "Stripe"}, content_type="application/json", **auth
    )
    assert covered.status_code == codes["lists"]
    clean(covered.content.decode(), email)
    changes = [
        ("patch", f"/api/targets/lists/{mine.pk}", {"name": "Renamed"}),
        ("post", f"/api/targets/lists/{mine.pk}/watch", None),
        ("delete", f"/api/targets/lists/{mine.pk}/watch", None),
        ("delete", f"/api/targets/lists/{mine.pk}", None),
    ]
    for method, url, data in changes:
        call = getattr(client, method)
        answer = (
            call(url, data, content_type="application/json", **auth) if data else call(url, **auth)
        )
        want = (
            codes["change"]
            if codes["change"] != 200
            else (204 if method == "delete" and url.endswith(str(mine.pk)) else 200)
        )
        assert answer.status_code == want, (method, url, email, answer.status_code)
    assert TargetList.objects.filter(pk=mine.pk).exists() == (email != OWNER)


def test_anonymous_is_sent_to_sign_in_and_the_api_wants_a_token(client, lists):
    mine, _theirs = lists
    for url in (
        reverse("expertise:index"),
        reverse("expertise:profile"),
        reverse("expertise:targets"),
        reverse("expertise:target_list", args=[mine.pk]),
    ):
        assert client.get(url).status_code == 302
    for url in (
        "/api/profile",
        "/api/expertise?q=x",
        "/api/targets/lists",
        f"/api/targets/lists/{mine.pk}",
    ):
        assert client.get(url).status_code == 401


def test_an_employee_who_left_is_refused_everywhere(client, lists):
    mine, _theirs = lists
    signed_in(client, OWNER)
    auth = bearer(OWNER)
    jan = employee(OWNER)
    jan.active = False
    jan.save()
    assert client.get(reverse("expertise:index") + "?q=x").status_code == 403
    assert client.get(reverse("expertise:profile")).status_code == 403
    assert client.get(reverse("expertise:target_list", args=[mine.pk])).status_code == 404
    assert client.get("/api/profile", **auth).status_code == 403
    assert client.get(f"/api/targets/lists/{mine.pk}", **auth).status_code == 403
