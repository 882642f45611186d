"""Accounts pages (issue 11): password change and reset by email over a real SMTP server, the
first login of an invited colleague, and the admins' page of logins and roles, walked by every role
of the own and of another organisation."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import acme, employee, login
from tests.smtp import free_port, smtp_server
from weakties.accounts.models import AuditEvent, Employee, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.people.models import Person

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-Passw0rd"
NEW = "Nieuw-wachtw00rd-42"


@pytest.fixture
def smtp():
    """A real SMTP server; Django's mail goes to it while the test runs."""
    with smtp_server() as inbox, inbox.django():
        yield inbox


@pytest.fixture
def org():
    org = acme(networks=False)
    anna = employee("anna.devries@acme.nl")
    anna.role = Role.ADMIN
    anna.save()
    return org


@pytest.fixture
def other():
    """Another organisation with one employee, Olga, whose role the walk changes."""
    org = organisation_create(name="Other BV", domain="other.nl")
    Employee.objects.create(
        organisation=org,
        person=Person.objects.create(first_name="Olga", last_name="Other"),
        email="olga@other.nl",
        first_name="Olga",
    )
    return org


def _link(body: str) -> str:
    found = re.search(r"https?://\S+/password/reset/\S+/", body)
    assert found, body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _set_password(client, link: str, password: str):
    # Django's confirm view puts the token in the session and redirects to the "set-password" URL.
    response = client.get(link)
    assert response.status_code == 302, response
    page = client.get(response["Location"])
    assert page.status_code == 200 and b'id="password-set"' in page.content
    return client.post(response["Location"], {"new_password1": password, "new_password2": password})


# Permissions -------------------------------------------------------------------------------------


def _acme_urls(target: int) -> list[tuple[str, str]]:
    return [
        ("get", reverse("accounts")),
        ("post", reverse("account_invite", args=[target])),
        ("post", reverse("account_role", args=[target])),
        ("post", reverse("account_active", args=[target])),
    ]


def test_every_accounts_url_walked_by_every_role_of_both_organisations(client, org, other, smtp):
    tom = employee("tom.jansen@acme.nl")
    target = employee("sophie.bakker@acme.nl").pk
    data = {"role": "employee", "active": "1"}
    # Not signed in: to the sign-in page.
    for method, url in _acme_urls(target):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    login(client, tom.email)
    olga_client = type(client)()
    login(olga_client, "olga@other.nl")
    for role in Role.values:
        Employee.objects.filter(email__in=[tom.email, "olga@other.nl"]).update(role=role)
        for method, url in _acme_urls(target):
            mine = getattr(client, method)(url, data)
            theirs = getattr(olga_client, method)(url, data)
            if role == Role.ADMIN:
                assert mine.status_code in (200, 302), (role, url, mine.status_code)
                # Another organisation's admin sees their own list, never Acme's people.
                expected = 200 if url == reverse("accounts") else 404
                assert theirs.status_code == expected, (role, url, theirs.status_code)
                if expected == 200:
                    assert b"olga@other.nl" in theirs.content
                    assert b"sophie.bakker@acme.nl" not in theirs.content
            else:
                assert mine.status_code == 403, (role, url, mine.status_code)
                assert theirs.status_code == 403, (role, url, theirs.status_code)
    # The password pages: every signed-in role may change its own password.
    for role in Role.values:
        Employee.objects.filter(email=tom.email).update(role=role)
        assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200


def test_an_app_admin_is_no_django_staff_and_gets_no_admin_site(client, org, smtp):
    anna = login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    assert client.get(reverse("accounts")).status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/admin/accounts/employee/").status_code == 302
    # Inviting, promoting and reactivating through the page never makes anyone staff.
    tom = employee("tom.jansen@acme.nl")
    client.post(reverse("account_invite", args=[tom.pk]))
    client.post(reverse("account_role", args=[tom.pk]), {"role": "admin"})
    assert not get_user_model().objects.filter(is_staff=True).exists()
    assert anna.user.is_staff is False


# Passwords ---------------------------------------------------------------------------------------


def test_change_password_in_dutch(client, org):
    login(client, "tom.jansen@acme.nl", password=PASSWORD)
    page = client.get(reverse("password_change"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wachtwoord wijzigen" in page and 'id="nav-password"' in page
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200 and "niet juist ingevoerd" in wrong.content.decode()
    done = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Wachtwoord gewijzigd" in done.content.decode()
    assert (
        AuditEvent.objects.filter(
            action="password_changed", actor__username="tom.jansen@acme.nl"
        ).count()
        == 1
    )
    client.logout()
    assert client.login(username="tom.jansen@acme.nl", password=NEW)


@pytest.mark.parametrize(
    "language,subject,line",
    [
        ("nl", "Kies een nieuw wachtwoord voor weakties", "Hallo Tom,"),
        ("en", "Choose a new password for weakties", "Hello Tom,"),
    ],
)
def test_reset_by_email_in_the_owners_language(client, org, smtp, language, subject, line):
    tom = login(client, "tom.jansen@acme.nl", password=PASSWORD)
    tom.language = language
    tom.save()
    client.logout()
    # The page is in the reader's (Dutch) language; the email in Tom's.
    sent = client.post(reverse("password_reset"), {"email": "Tom.Jansen@acme.nl"}, follow=True)
    assert "Kijk in je mail" in sent.content.decode()
    (mail,) = smtp.wait_for(1)
    assert mail.rcpt_tos == ["tom.jansen@acme.nl"]
    assert mail.subject == subject and line in mail.body
    response = _set_password(client, _link(mail.body), NEW)
    assert response.status_code == 302
    assert client.login(username="tom.jansen@acme.nl", password=NEW)
    assert not client.login(username="tom.jansen@acme.nl", password=PASSWORD)
    # The link works once.
    client.logout()
    again = client.get(_link(mail.body), follow=True).content.decode()
    assert "al gebruikt of verlopen" in again


def test_no_mail_for_an_unknown_address_and_the_same_answer(client, org, smtp):
    sent = client.post(reverse("password_reset"), {"email": "nobody@acme.nl"}, follow=True)
    assert sent.status_code == 200 and "Kijk in je mail" in sent.content.decode()
    assert smtp.messages == []


# Logins and roles --------------------------------------------------------------------------------


def test_admin_invites_a_colleague_who_sets_a_password_and_signs_in(client, org, smtp):
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    tom = employee("tom.jansen@acme.nl")
    tom.language = "en"
    tom.save()
    page = client.get(reverse("accounts")).content.decode()
    assert "geen login" in page and "Uitnodigen om in te loggen" in page
    response = client.post(reverse("account_invite", args=[tom.pk]), follow=True)
    assert "Uitnodiging verstuurd naar tom.jansen@acme.nl" in response.content.decode()
    assert "uitgenodigd, nog geen wachtwoord" in response.content.decode()
    (mail,) = smtp.wait_for(1)
    assert mail.subject == "Your weakties login at Acme BV"
    assert "An administrator of Acme BV made a weakties login for you." in mail.body
    assert AuditEvent.objects.filter(
        action="login_created", actor__username="anna.devries@acme.nl"
    ).exists()
    # Tom follows the link in a browser of his own.
    tom_client = type(client)()
    assert _set_password(tom_client, _link(mail.body), NEW).status_code == 302
    assert tom_client.login(username="tom.jansen@acme.nl", password=NEW)
    assert AuditEvent.objects.get(action="password_set", actor__username=tom.email).detail == {
        "first_login": True
    }
    assert tom_client.get(reverse("dashboard")).status_code == 200
    assert "kan inloggen" in client.get(reverse("accounts")).content.decode()
    # The invited may also ask the reset page for the link again before choosing a password:
    sophie = employee("sophie.bakker@acme.nl")
    client.post(reverse("account_invite", args=[sophie.pk]))
    smtp.clear()
    client.logout()
    client.post(reverse("password_reset"), {"email": sophie.email})
    (again,) = smtp.wait_for(1)
    assert again.subject == "Kies een nieuw wachtwoord voor weakties"


def test_mail_server_down_is_told_not_a_crash(client, org, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    tom = employee("tom.jansen@acme.nl")
    response = client.post(reverse("account_invite", args=[tom.pk]), follow=True)
    assert response.status_code == 200
    assert "kon niet worden verstuurd" in response.content.decode()
    tom.refresh_from_db()
    assert tom.user is not None  # the login exists; "send the link again" is offered
    assert "Stuur de link opnieuw" in response.content.decode()
    client.logout()
    assert (
        client.post(reverse("password_reset"), {"email": "anna.devries@acme.nl"}).status_code == 302
    )


def test_roles_and_deactivation_from_the_page_and_no_lock_out(client, org, smtp):
    anna = login(client, "anna.devries@acme.nl", role=Role.ADMIN)
    sophie = employee("sophie.bakker@acme.nl")
    for role in Role.values:
        client.post(reverse("account_role", args=[sophie.pk]), {"role": role})
        sophie.refresh_from_db()
        assert sophie.role == role
    # The last admin cannot demote or deactivate herself (Sophie is admin now: demote her first).
    client.post(reverse("account_role", args=[sophie.pk]), {"role": "recruiter"})
    page = client.post(
        reverse("account_role", args=[anna.pk]), {"role": "employee"}, follow=True
    ).content.decode()
    assert "laatste actieve beheerder" in page
    page = client.post(
        reverse("account_active", args=[anna.pk]), {"active": "0"}, follow=True
    ).content.decode()
    assert "laatste actieve beheerder" in page
    anna.refresh_from_db()
    assert anna.role == Role.ADMIN and anna.active
    # Deactivate Sophie: she can no longer sign in; reactivate: she can again.
    login(type(client)(), sophie.email, password=PASSWORD)
    client.post(reverse("account_active", args=[sophie.pk]), {"active": "0"})
    assert not type(client)().login(username=sophie.email, password=PASSWORD)
    assert "gedeactiveerd" in client.get(reverse("accounts")).content.decode()
    client.post(reverse("account_active", args=[sophie.pk]), {"active": "1"})
    assert type(client)().login(username=sophie.email, password=PASSWORD)
    actions = set(
        AuditEvent.objects.filter(detail__employee=sophie.email).values_list("action", flat=True)
    )
    assert {"role_changed", "employee_deactivated", "employee_reactivated"} <= actions


def test_django_admin_is_for_superusers_only(client, org):
    User = get_user_model()
    staff = User.objects.create_user(username="staff@acme.nl", password=PASSWORD, is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    root = User.objects.create_superuser(username="root", password=PASSWORD, email="root@x.nl")
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
