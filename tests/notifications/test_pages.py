"""The notifications pages: the list (unread first), marking read, following a link, the settings.

Only the reader sees and marks their notices: every role of their own
organisation and of another gets a 404 for someone else's.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from weakties.accounts.models import AuditEvent, Role
from weakties.notifications.models import Notice, Preference
from weakties.notifications.services.notify import notify

from .conftest import employee, login

pytestmark = pytest.mark.django_db

INDEX = reverse("notifications:index")
SETTINGS = reverse("notifications:settings")


@pytest.fixture
def jans(acme):
    jan = employee("jan.vandenberg@acme.nl")
    old = notify(
        employee=jan, kind="intro.requested", subject="Oud verzoek", link="/introductions/1/"
    )
    new = notify(
        employee=jan,
        kind="intro.requested",
        subject="Nieuw verzoek",
        body="Regel 1\nRegel 2",
        link="/introductions/2/",
    )
    read = notify(employee=jan, kind="referral.stage", subject="Al gelezen")
    Notice.objects.filter(pk=read.pk).update(read_at=old.created_at)
    return {"old": old, "new": new, "read": read}


def test_pages_need_a_login(client, jans):
    n = jans["new"].pk
    for url in (INDEX, SETTINGS, reverse("notifications:open", args=[n])):
        assert client.get(url).status_code == 302
    for url in (reverse("notifications:read", args=[n]), reverse("notifications:read_all")):
        assert client.post(url).status_code == 302
    assert Notice.objects.get(pk=n).read_at is None


def test_a_login_without_an_employee_is_refused(client, jans):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-Secret-123")
    client.force_login(admin)
    assert client.get(INDEX).status_code == 403
    assert client.post(reverse("notifications:read", args=[jans["new"].pk])).status_code == 403


def test_list_shows_unread_first_and_the_count_in_the_menu(client, jans):
    login(client, "jan.vandenberg@acme.nl")
    notify(employee=employee("tom.jansen@acme.nl"), kind="x", subject="Voor Tom")
    page = client.get(INDEX)
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Nieuw verzoek") < html.index("Oud verzoek") < html.index("Al gelezen")
    assert "Regel 1<br>Regel 2" in html
    assert "Voor Tom" not in html
    assert 'id="nav-notifications"' in html
    assert re.search(
        r'<a href="/notifications/" id="nav-notifications"[^>]*>Meldingen<span id="nav-unread"[^>]*>2</span>',
        html,
    )
    unread_only = client.get(INDEX, {"unread": "1"}).content.decode()
    assert "Nieuw verzoek" in unread_only and "Al gelezen" not in unread_only


def test_mark_one_read_with_htmx_and_without(client, jans):
    login(client, "jan.vandenberg@acme.nl")
    url = reverse("notifications:read", args=[jans["new"].pk])
    part = client.post(url, headers={"HX-Request": "true"})
    html = part.content.decode()
    assert part.status_code == 200
    assert f'id="notice-{jans["new"].pk}"' in html and 'class="notice unread"' not in html
    assert re.search(
        r'<span id="nav-unread" hx-swap-oob="true"[^>]*>1</span>', html
    )  # the menu follows
    assert Notice.objects.get(pk=jans["new"].pk).read_at is not None
    plain = client.post(reverse("notifications:read", args=[jans["old"].pk]))
    assert plain.status_code == 302 and plain["Location"] == INDEX
    assert not Notice.objects.filter(
        employee__email="jan.vandenberg@acme.nl", read_at__isnull=True
    ).exists()


def test_following_a_link_marks_it_read_and_never_leaves_the_site(client, jans):
    login(client, "jan.vandenberg@acme.nl")
    response = client.get(reverse("notifications:open", args=[jans["old"].pk]))
    assert response.status_code == 302 and response["Location"] == "/introductions/1/"
    assert Notice.objects.get(pk=jans["old"].pk).read_at is not None
    jan = employee("jan.vandenberg@acme.nl")
    for link in ("https://evil.example/phish", "//evil.example/x", ""):
        n = notify(employee=jan, kind="x", subject="Link", link=link)
        assert client.get(reverse("notifications:open", args=[n.pk]))["Location"] == INDEX


def test_mark_all_read(client, jans):
    login(client, "jan.vandenberg@acme.nl")
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "2 meldingen als gelezen gemarkeerd." in response.content.decode()
    assert not Notice.objects.filter(
        read_at__isnull=True, employee__email="jan.vandenberg@acme.nl"
    ).exists()


def test_the_list_pages_through_many_notices(client, acme):
    jan = login(client, "jan.vandenberg@acme.nl")
    for i in range(35):
        notify(employee=jan, kind="x", subject=f"Melding nummer {i:02d}")
    first = client.get(INDEX).content.decode()
    assert "Melding nummer 34" in first and "Melding nummer 04" not in first
    assert "pagina 1 van 2" in first
    second = client.get(INDEX, {"page": 2}).content.decode()
    assert "Melding nummer 04" in second and "Melding nummer 34" not in second


def test_settings_save_digest_and_language(client, acme):
    jan = login(client, "jan.vandenberg@acme.nl")
    page = client.get(SETTINGS).content.decode()
    assert "Meldingsinstellingen" in page
    assert re.search(r'value="daily"[^>]*checked', page)  # the default
    response = client.post(SETTINGS, {"digest": "weekly", "language": "en"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert Preference.objects.get(employee=jan).digest == "weekly"
    jan.refresh_from_db()
    assert jan.language == "en"
    event = AuditEvent.objects.filter(action="notifications.preference").get()
    assert event.detail == {"employee": jan.pk, "digest": "weekly", "language": "en"}
    client.cookies.pop("django_language")  # another browser: the remembered language still wins
    after = client.get(SETTINGS).content.decode()
    assert "Notification settings" in after and "Your notification settings are saved." in after
    bad = client.post(SETTINGS, {"digest": "hourly", "language": "fr"})
    assert bad.status_code == 200 and Preference.objects.get(employee=jan).digest == "weekly"


ROLES = [r.value for r in Role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("who", ["anna.devries@acme.nl", "grace.hopper@globex.example"])
def test_nobody_else_sees_or_marks_a_notice_any_role_any_organisation(
    client, jans, globex, role, who
):
    login(client, who, role=role)
    target = jans["new"]
    assert client.get(reverse("notifications:open", args=[target.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[target.pk])).status_code == 404
    assert (
        client.post(
            reverse("notifications:read", args=[target.pk]), headers={"HX-Request": "true"}
        ).status_code
        == 404
    )
    client.post(reverse("notifications:read_all"))
    html = client.get(INDEX).content.decode()
    assert "Nieuw verzoek" not in html and "Oud verzoek" not in html
    assert Notice.objects.get(pk=target.pk).read_at is None
