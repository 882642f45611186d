"""REST API of notifications: a token's employee reads and marks only their own notices."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from weakties.accounts.models import ApiToken, Role
from weakties.notifications.models import Notice, Preference
from weakties.notifications.services.notify import notify

from .conftest import BASE, bearer, employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def jans(acme, base_url):
    jan = employee("jan.vandenberg@acme.nl")
    made = [
        notify(
            employee=jan,
            kind="intro.requested",
            subject=f"Verzoek {i}",
            link=f"/introductions/{i}/",
        )
        for i in range(5)
    ]
    Notice.objects.filter(pk=made[0].pk).update(read_at=made[0].created_at)
    return made


def test_every_endpoint_needs_a_token(client, jans):
    n = jans[1].pk
    assert client.get("/api/notifications").status_code == 401
    assert client.post(f"/api/notifications/{n}/read").status_code == 401
    assert client.post("/api/notifications/read-all").status_code == 401
    assert client.get("/api/notifications/preference").status_code == 401
    assert (
        client.put("/api/notifications/preference", {}, content_type="application/json").status_code
        == 401
    )


def test_list_pages_unread_first_with_absolute_links(client, jans):
    jan = bearer("jan.vandenberg@acme.nl")
    first = client.get("/api/notifications", {"limit": 3}, headers=jan).json()
    assert first["total"] == 5 and first["unread"] == 4 and first["next_offset"] == 3
    assert [n["subject"] for n in first["items"]] == ["Verzoek 4", "Verzoek 3", "Verzoek 2"]
    item = first["items"][0]
    assert item["url"] == f"{BASE}/introductions/4/" and item["link"] == "/introductions/4/"
    assert item["read"] is False and item["kind"] == "intro.requested"
    assert set(item) == {
        "id",
        "kind",
        "subject",
        "body",
        "link",
        "url",
        "created",
        "read",
        "read_at",
        "emailed_at",
    }
    rest = client.get("/api/notifications", {"limit": 3, "offset": 3}, headers=jan).json()
    assert [n["subject"] for n in rest["items"]] == ["Verzoek 1", "Verzoek 0"]
    assert rest["items"][-1]["read"] is True and rest["next_offset"] is None
    unread = client.get("/api/notifications", {"unread": True}, headers=jan).json()
    assert unread["total"] == 4 and all(not n["read"] for n in unread["items"])
    assert client.get("/api/notifications", {"limit": 0}, headers=jan).status_code == 422


def test_mark_one_and_all_read(client, jans):
    jan = bearer("jan.vandenberg@acme.nl")
    one = client.post(f"/api/notifications/{jans[2].pk}/read", headers=jan)
    assert one.status_code == 200 and one.json()["read"] is True and one.json()["read_at"]
    assert client.post("/api/notifications/read-all", headers=jan).json() == {"marked": 3}
    assert client.post("/api/notifications/read-all", headers=jan).json() == {"marked": 0}


def test_preference_read_and_changed(client, acme):
    jan = bearer("jan.vandenberg@acme.nl")
    assert client.get("/api/notifications/preference", headers=jan).json() == {
        "digest": "daily",
        "language": "nl",
    }
    changed = client.put(
        "/api/notifications/preference",
        {"digest": "weekly", "language": "en"},
        content_type="application/json",
        headers=jan,
    )
    assert changed.json() == {"digest": "weekly", "language": "en"}
    assert Preference.objects.get(employee__email="jan.vandenberg@acme.nl").digest == "weekly"
    only_digest = client.put(
        "/api/notifications/preference",
        {"digest": "never"},
        content_type="application/json",
        headers=jan,
    )
    assert only_digest.json() == {"digest": "never", "language": "en"}
    bad = client.put(
        "/api/notifications/preference",
        {"language": "fr"},
        content_type="application/json",
        headers=jan,
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "language"
    assert (
        client.put(
            "/api/notifications/preference",
            {"digest": "hourly"},
            content_type="application/json",
            headers=jan,
        ).status_code
        == 422
    )
    assert employee("jan.vandenberg@acme.nl").language == "en"


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("who", ["anna.devries@acme.nl", "grace.hopper@globex.example"])
def test_nobody_else_reads_or_marks_them_any_role_any_organisation(client, jans, globex, role, who):
    other = employee(who)
    other.role = role
    other.save(update_fields=["role"])
    headers = bearer(who)
    assert client.get("/api/notifications", headers=headers).json()["total"] == 0
    assert client.post(f"/api/notifications/{jans[1].pk}/read", headers=headers).status_code == 404
    client.post("/api/notifications/read-all", headers=headers)
    client.put(
        "/api/notifications/preference",
        {"digest": "never"},
        content_type="application/json",
        headers=headers,
    )
    assert Notice.objects.filter(pk__in=[n.pk for n in jans], read_at__isnull=True).count() == 4
    assert not Preference.objects.filter(employee__email="jan.vandenberg@acme.nl").exists()


def test_a_token_without_an_employee_is_refused(client, jans):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw-Secret-123")
    _, key = ApiToken.issue(root, "test")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/notifications", headers=headers).status_code == 403
    assert client.post(f"/api/notifications/{jans[1].pk}/read", headers=headers).status_code == 403
