"""The referral API: shapes, the same rules as the pages, and OpenAPI documentation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from weakties.accounts.models import Employee
from weakties.referrals.models import Referral, Vacancy
from weakties.referrals.services.referrals import referral_apply

from .conftest import BROUWER, JAN, LARS_EMAIL, LARS_PHONE, SECRETS, bearer

pytestmark = pytest.mark.django_db

RITA = BROUWER["recruiter"]
EMMA = BROUWER["employee"]


def _new(client, **body):
    response = client.post(
        "/api/vacancies",
        {"title": "Python developer", "location": "Utrecht", **body},
        content_type="application/json",
        headers=bearer(RITA),
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_a_recruiter_enters_changes_and_closes_a_vacancy(client, orgs):
    made = _new(client, description="Backend in Django", level="medior")
    assert made["title"] == "Python developer" and made["created_by"] == RITA
    pk = made["id"]
    changed = client.patch(
        f"/api/vacancies/{pk}",
        {"location": "Amsterdam", "status": "closed"},
        content_type="application/json",
        headers=bearer(RITA),
    ).json()
    assert changed["location"] == "Amsterdam" and changed["open"] is False
    assert client.get(f"/api/vacancies/{pk}", headers=bearer(EMMA)).status_code == 404
    wrong = client.post(
        "/api/vacancies",
        {"title": ""},
        content_type="application/json",
        headers=bearer(RITA),
    )
    # In the site's language (Dutch) unless the reader asks for another.
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"][-1] == "title"
    assert wrong.json()["detail"][0]["msg"] == "mag niet leeg zijn"


def test_import_answers_every_problem_and_imports_nothing(client, orgs):
    upload = SimpleUploadedFile(
        "v.csv", b"Functie,Locatie,Sluitingsdatum\n,Gent,\nTester,,morgen\n"
    )
    response = client.post("/api/vacancies/import", {"file": upload}, headers=bearer(RITA))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["line"] for e in errors] == [2, 3]
    assert errors[0]["message"].startswith("regel 2, kolom functie:")
    assert not Vacancy.objects.exists()


def test_candidates_are_looked_up_and_carry_no_contact_details(client, orgs):
    pk = _new(client)["id"]
    rows = client.post(f"/api/vacancies/{pk}/candidates", headers=bearer(RITA)).json()
    assert rows[0]["contact"]["name"] == "Lars Visser" and rows[0]["employee"] == EMMA
    assert set(rows[0]["contact"]) == {"id", "name", "company", "position"}
    stored = client.get(f"/api/vacancies/{pk}/candidates?limit=2", headers=bearer(RITA)).json()
    assert stored == rows[:2]
    for secret in SECRETS:
        assert secret not in str(rows)
    asked = client.post(f"/api/vacancies/{pk}/ask", headers=bearer(RITA)).json()
    assert asked["asked"] == 2


def test_a_colleague_gets_their_forward_text_and_own_fitting_contacts(client, orgs):
    pk = _new(client)["id"]
    text = client.get(f"/api/vacancies/{pk}/forward", headers=bearer(EMMA)).json()
    assert text["link"] in text["body"] and "/referrals/apply/" in text["link"]
    mine = client.get("/api/vacancies/mine", headers=bearer(EMMA)).json()
    (item,) = mine
    assert item["vacancy"]["id"] == pk
    lars = next(c for c in item["contacts"] if c["name"] == "Lars Visser")
    assert lars["email"] == LARS_EMAIL and lars["phone"] == LARS_PHONE  # Emma's own contact
    jan = client.get("/api/vacancies/mine", headers=bearer(JAN)).json()
    assert LARS_EMAIL not in str(jan) and LARS_PHONE not in str(jan)


def test_referrals_move_through_the_api_and_the_referrer_sees_the_stage(client, orgs):
    pk = _new(client)["id"]
    referral, _created = referral_apply(
        vacancy=Vacancy.objects.get(pk=pk),
        referrer=Employee.objects.get(email=EMMA),
        name="Cas Kandidaat",
        email="cas@example.org",
    )
    moved = client.post(
        f"/api/referrals/{referral.pk}/stage",
        {"stage": "interview"},
        content_type="application/json",
        headers=bearer(RITA),
    ).json()
    assert moved["stage"] == "interview" and moved["candidate"]["email"] == "cas@example.org"
    listed = client.get(f"/api/vacancies/{pk}/referrals", headers=bearer(RITA)).json()
    assert listed[0]["referrer"] == EMMA
    mine = client.get("/api/referrals/mine", headers=bearer(EMMA)).json()
    assert mine[0]["stage"] == "interview" and mine[0]["candidate"] is None
    assert mine[0]["referrer"] is None and "cas@example.org" not in str(mine)
    contribution = client.get("/api/referrals/contribution", headers=bearer(EMMA)).json()
    assert contribution["referrals"] == 1 and contribution["stages"]["interview"] == 1
    bad = client.post(
        f"/api/referrals/{referral.pk}/stage",
        {"stage": "maybe"},
        content_type="application/json",
        headers=bearer(RITA),
    )
    assert bad.status_code == 422
    assert Referral.objects.get(pk=referral.pk).stage == "interview"


def test_settings_and_leaderboard(client, orgs):
    admin = bearer(BROUWER["admin"])
    assert client.get("/api/referrals/leaderboard", headers=admin).status_code == 404
    changed = client.put(
        "/api/referrals/settings",
        {"leaderboard": True, "valid_months": 3},
        content_type="application/json",
        headers=admin,
    ).json()
    assert changed == {"leaderboard": True, "valid_months": 3}
    board = client.get("/api/referrals/leaderboard", headers=bearer(EMMA)).json()
    assert board["departments"] == [] and board["minimum"] == 5
    refused = client.put(
        "/api/referrals/settings",
        {"valid_months": 99},
        content_type="application/json",
        headers=admin,
    )
    assert refused.status_code == 422


def test_the_routes_are_in_the_openapi_document(client, orgs):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/vacancies",
        "/api/vacancies/import",
        "/api/vacancies/mine",
        "/api/vacancies/{vacancy_id}",
        "/api/vacancies/{vacancy_id}/candidates",
        "/api/vacancies/{vacancy_id}/ask",
        "/api/vacancies/{vacancy_id}/forward",
        "/api/vacancies/{vacancy_id}/referrals",
        "/api/referrals/{referral_id}/stage",
        "/api/referrals/mine",
        "/api/referrals/settings",
        "/api/referrals/leaderboard",
        "/api/referrals/contribution",
    ):
        assert path in paths, path
    assert "referrals" in paths["/api/vacancies"]["get"]["tags"]
