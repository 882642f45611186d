"""Every referral page and API route, walked by every role of both organisations and by nobody.

What each may do follows :mod:`weakties.referrals.rules`; on top of the status
code every answer is searched for what its reader must never see: a contact
detail of somebody else's tie, a referred candidate's own details (for all
but the organisation's recruiters and admins), and anything of the other
organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from weakties.accounts.models import Employee
from weakties.referrals.models import Referral, Vacancy
from weakties.referrals.services.asks import asks_send, referral_link
from weakties.referrals.services.candidates import candidates_refresh
from weakties.referrals.services.referrals import referral_apply
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import (
    BROUWER,
    FLEUR_EMAIL,
    JAN,
    KIWI,
    KIWI_EMAIL,
    LARS_EMAIL,
    LARS_PHONE,
    NOOR_EMAIL,
    ROLES,
    bearer,
    login,
)

pytestmark = pytest.mark.django_db

CANDIDATE_EMAIL = "cas.kandidaat@example.org"
CANDIDATE_MESSAGE = "Ik ken Emma van de hockeyclub"
MARKER = "webshop"
#: Whose tie carries which detail: only that employee may ever see it.
OWNERS = {
    LARS_EMAIL: BROUWER["employee"],
    LARS_PHONE: BROUWER["employee"],
    NOOR_EMAIL: BROUWER["employee"],
    FLEUR_EMAIL: JAN,
    KIWI_EMAIL: KIWI["employee"],
}


@dataclass(frozen=True)
class Actor:
    email: str | None
    org: str | None  # "brouwer", "kiwi" or None (nobody signed in)
    role: str | None

    @property
    def recruiter(self) -> bool:
        return self.org == "brouwer" and self.role in ("recruiter", "admin")

    def __str__(self) -> str:
        return self.email or "anonymous"


ACTORS = (
    [Actor(BROUWER[r], "brouwer", r) for r in ROLES]
    + [Actor(JAN, "brouwer", "employee")]
    + [Actor(KIWI[r], "kiwi", r) for r in ROLES]
    + [Actor(None, None, None)]
)


@pytest.fixture
def world(orgs):
    brouwer, _kiwi = orgs
    recruiter = Employee.objects.get(email=BROUWER["recruiter"])
    vacancy = vacancy_create(
        organisation=brouwer,
        title=f"Python developer ({MARKER})",
        description="Backend in Python en Django",
        actor=recruiter,
    )
    closed = vacancy_create(organisation=brouwer, title=f"Tester ({MARKER})", actor=recruiter)
    closed.status = "closed"
    closed.save()
    spare = vacancy_create(organisation=brouwer, title=f"Planner ({MARKER})", actor=recruiter)
    candidates_refresh(vacancies=[vacancy])
    asks_send(vacancy=vacancy)
    emma = Employee.objects.get(email=BROUWER["employee"])
    referral, _ = referral_apply(
        vacancy=vacancy,
        referrer=emma,
        name="Cas Kandidaat",
        email=CANDIDATE_EMAIL,
        message=CANDIDATE_MESSAGE,
    )
    token = referral_link(vacancy, emma).rstrip("/").rsplit("/", 1)[1]
    return {
        "vacancy": vacancy,
        "closed": closed,
        "spare": spare,
        "referral": referral,
        "token": token,
    }


def _leaks(actor: Actor, text: str, *, public: bool = False) -> list[str]:
    """What ``text`` shows that ``actor`` must not see (a public page may show the vacancy)."""
    found = [s for s, owner in OWNERS.items() if owner != actor.email and s in text]
    if not actor.recruiter:
        found += [s for s in (CANDIDATE_EMAIL, CANDIDATE_MESSAGE) if s in text]
    if actor.org != "brouwer" and not public and MARKER in text:
        found.append(MARKER)
    return found


def _client(actor: Actor) -> Client:
    client = Client()
    if actor.email:
        login(client, actor.email)
    return client


# Who may: functions of the actor giving the status; ``anon`` is what nobody signed in gets
# (a redirect to the login page, or 401 from the API).


def signed_in(ok: int, anon: int = 302):
    return lambda a: anon if a.org is None else ok


def own(ok_recruiter: int, ok_member: int, anon: int = 302):
    """A Brouwer object: its recruiters, its other colleagues, Kiwi (404), nobody."""

    def expected(a: Actor) -> int:
        if a.org is None:
            return anon
        if a.org != "brouwer":
            return 404
        return ok_recruiter if a.recruiter else ok_member

    return expected


def any_recruiter(ok: int, anon: int = 302):
    """Their own organisation's recruiters and admins, of either organisation."""
    return lambda a: anon if a.org is None else (ok if a.role in ("recruiter", "admin") else 403)


def admin_only(ok: int, anon: int = 302):
    return lambda a: anon if a.org is None else (ok if a.role == "admin" else 403)


def move_referral(ok: int, anon: int = 302):
    """Recruiters move it; the referrer may see that it exists but not move it; others 404."""

    def expected(a: Actor) -> int:
        if a.org is None:
            return anon
        if a.recruiter:
            return ok
        return 403 if a.email == BROUWER["employee"] else 404

    return expected


def _page_expectations(world) -> list[tuple[str, str, object]]:
    """``(method, url, expected)``; ``expected`` is a status or a function of the actor."""
    v, c, r, spare = world["vacancy"], world["closed"], world["referral"], world["spare"]
    return [
        ("get", "/referrals/", signed_in(200)),
        ("get", "/referrals/mine/", signed_in(200)),
        ("get", "/referrals/new/", any_recruiter(200)),
        ("get", "/referrals/import/", any_recruiter(200)),
        ("get", "/referrals/settings/", admin_only(200)),
        ("get", "/referrals/leaderboard/", signed_in(404)),
        ("get", f"/referrals/{v.pk}/", own(200, 200)),
        ("get", f"/referrals/{c.pk}/", own(200, 404)),
        ("get", f"/referrals/{v.pk}/edit/", own(200, 403)),
        ("get", f"/referrals/{v.pk}/candidates/", own(200, 403)),
        ("get", f"/referrals/{v.pk}/forward/", own(200, 200)),
        ("get", f"/referrals/{c.pk}/forward/", own(403, 404)),
        ("post", f"/referrals/{v.pk}/candidates/refresh/", own(302, 403)),
        ("post", f"/referrals/{v.pk}/ask/", own(302, 403)),
        ("post", f"/referrals/{c.pk}/status/", own(302, 404)),
        ("post", f"/referrals/{spare.pk}/delete/", own(302, 403)),
        ("post", f"/referrals/referral/{r.pk}/stage/", move_referral(302)),
        ("get", f"/referrals/apply/{world['token']}/", 200),
        ("get", "/referrals/apply/not-a-token/", 404),
    ]


def _post_data(url: str) -> dict:
    if url.endswith("/stage/"):
        return {"stage": "contacted"}
    if url.endswith("/status/"):
        return {"status": "open"}
    return {}


@pytest.mark.parametrize("actor", ACTORS, ids=str)
def test_every_page_with_every_role(world, actor):
    client = _client(actor)
    for method, url, expected in _page_expectations(world):
        want = expected(actor) if callable(expected) else expected
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, _post_data(url))
        assert response.status_code == want, (actor, method, url, response.status_code)
        text = response.content.decode()
        public = url.startswith("/referrals/apply/")
        assert not _leaks(actor, text, public=public), (actor, url, _leaks(actor, text))
        if method == "post" and want == 302:
            Vacancy.objects.filter(pk=world["closed"].pk).update(status="closed")
            if not Vacancy.objects.filter(pk=world["spare"].pk).exists():
                world["spare"].save(force_insert=True)  # deleted: back for the next actor
            Referral.objects.filter(pk=world["referral"].pk).update(stage="referred")


def _api_expectations(world) -> list[tuple[str, str, dict | None, object]]:
    v, r = world["vacancy"], world["referral"]
    return [
        ("get", "/api/vacancies", None, signed_in(200, 401)),
        ("get", "/api/vacancies/mine", None, signed_in(200, 401)),
        ("post", "/api/vacancies", {"title": "Monteur"}, any_recruiter(201, 401)),
        ("get", f"/api/vacancies/{v.pk}", None, own(200, 200, 401)),
        ("patch", f"/api/vacancies/{v.pk}", {"location": "Utrecht"}, own(200, 403, 401)),
        ("get", f"/api/vacancies/{v.pk}/candidates", None, own(200, 403, 401)),
        ("post", f"/api/vacancies/{v.pk}/candidates", None, own(200, 403, 401)),
        ("post", f"/api/vacancies/{v.pk}/ask", None, own(200, 403, 401)),
        ("get", f"/api/vacancies/{v.pk}/forward", None, own(200, 200, 401)),
        ("get", f"/api/vacancies/{v.pk}/referrals", None, own(200, 403, 401)),
        ("get", f"/api/vacancies/{world['closed'].pk}", None, own(200, 404, 401)),
        ("delete", f"/api/vacancies/{world['spare'].pk}", None, own(204, 403, 401)),
        ("post", f"/api/referrals/{r.pk}/stage", {"stage": "contacted"}, move_referral(200, 401)),
        ("get", "/api/referrals/mine", None, signed_in(200, 401)),
        ("get", "/api/referrals/contribution", None, signed_in(200, 401)),
        ("get", "/api/referrals/settings", None, signed_in(200, 401)),
        ("put", "/api/referrals/settings", {"valid_months": 6}, admin_only(200, 401)),
        ("get", "/api/referrals/leaderboard", None, signed_in(404, 401)),
    ]


@pytest.mark.parametrize("actor", ACTORS, ids=str)
def test_every_api_route_with_every_role(world, actor):
    client = Client()
    headers = bearer(actor.email) if actor.email else {}
    for method, url, body, expected in _api_expectations(world):
        want = expected(actor) if callable(expected) else expected
        call = getattr(client, method)
        if body is None:
            response = call(url, headers=headers)
        else:
            response = call(url, body, content_type="application/json", headers=headers)
        assert response.status_code == want, (actor, method, url, response.status_code)
        text = response.content.decode()
        assert not _leaks(actor, text), (actor, url, _leaks(actor, text))
        if not Vacancy.objects.filter(pk=world["spare"].pk).exists():
            world["spare"].save(force_insert=True)
        Referral.objects.filter(pk=world["referral"].pk).update(stage="referred")


def test_the_import_route_is_for_recruiters_of_the_organisation(world):
    for email, want in ((BROUWER["recruiter"], 201), (BROUWER["employee"], 403)):
        client = Client()
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("v.csv", b"titel,locatie\nMonteur,Gent\n", "text/csv")
        response = client.post("/api/vacancies/import", {"file": upload}, headers=bearer(email))
        assert response.status_code == want, (email, response.content)
