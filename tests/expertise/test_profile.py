"""An employee edits their own profile: page, API and service (issue 10, parts 4 and 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import acme, employee, login
from weakties.accounts.models import ApiToken, AuditEvent
from weakties.core.errors import ServiceError
from weakties.expertise.models import Profile
from weakties.expertise.services.profiles import profile_of, profile_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return acme(networks=False)


def test_profile_update_stores_entries_once_one_per_line_and_audits(org):
    tom = employee("tom.jansen@acme.nl")
    profile = profile_update(
        employee=tom, skills="Python, data engineering\nPython", focus_topics=["energie", " ASML "]
    )
    assert profile.skills == "Python\ndata engineering"
    assert Profile.split(profile.focus_topics) == ["energie", "ASML"]
    assert AuditEvent.objects.filter(action="profile_update").count() == 1
    # None leaves a field as it is
    profile_update(employee=tom, blurb="Ik bouw datapijplijnen.")
    stored = Profile.objects.get(employee=tom)
    assert stored.skills == "Python\ndata engineering"
    assert stored.blurb == "Ik bouw datapijplijnen."


def test_profile_update_refuses_a_long_blurb_and_too_many_skills(org):
    tom = employee("tom.jansen@acme.nl")
    with pytest.raises(ServiceError, match="600"):
        profile_update(employee=tom, blurb="x" * 601)
    with pytest.raises(ServiceError, match="40"):
        profile_update(employee=tom, skills=[f"skill {i}" for i in range(41)])
    assert not Profile.objects.filter(employee=tom).exists()
    assert profile_of(tom).pk is None


def test_profile_page_edits_only_the_signed_in_employee(client, org, settings):
    settings.LANGUAGE_CODE = "en"
    tom = login(client, "tom.jansen@acme.nl")
    page = client.get(reverse("expertise:profile"))
    assert page.status_code == 200 and b"Focus topics" in page.content
    done = client.post(
        reverse("expertise:profile"),
        {"skills": "Kubernetes", "focus_topics": "cloud-migratie", "blurb": "Hoi"},
    )
    assert done.status_code == 302
    assert Profile.objects.get(employee=tom).skills == "Kubernetes"
    assert not Profile.objects.exclude(employee=tom).exists()


def test_profile_page_in_dutch(client, org):
    login(client, "tom.jansen@acme.nl")
    page = client.get(reverse("expertise:profile"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Mijn profiel" in page.content.decode()


def test_profile_api_get_and_put_own_profile(client, org):
    tom = login(client, "tom.jansen@acme.nl")
    _, key = ApiToken.issue(tom.user, "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    empty = client.get("/api/profile", **auth).json()
    assert empty == {
        "employee": "tom.jansen@acme.nl",
        "skills": [],
        "focus_topics": [],
        "blurb": "",
        "updated_at": None,
    }
    put = client.put(
        "/api/profile",
        data={"skills": ["SQL", "dbt"], "blurb": "Data engineer"},
        content_type="application/json",
        **auth,
    )
    assert put.status_code == 200, put.content
    assert put.json()["skills"] == ["SQL", "dbt"]
    assert client.get("/api/profile", **auth).json()["blurb"] == "Data engineer"
    too_long = client.put(
        "/api/profile", data={"blurb": "y" * 700}, content_type="application/json", **auth
    )
    assert too_long.status_code == 422


def test_profile_api_refuses_a_token_of_someone_who_left(client, org):
    tom = login(client, "tom.jansen@acme.nl")
    _, key = ApiToken.issue(tom.user, "t")
    tom.active = False
    tom.save()
    answer = client.get("/api/profile", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 403
