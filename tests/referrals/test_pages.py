"""The referral pages as people use them: forms, the forward text, the public apply page, the board."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from weakties.referrals.models import Referral, Suggestion, Vacancy

from .conftest import BROUWER, JAN, LARS_EMAIL, bearer, login

pytestmark = pytest.mark.django_db

RITA = BROUWER["recruiter"]
EMMA = BROUWER["employee"]


def _vacancy(client) -> Vacancy:
    login(client, RITA)
    response = client.post(
        "/referrals/new/",
        {"title": "Python developer", "description": "Django", "location": "Utrecht"},
    )
    vacancy = Vacancy.objects.get(title="Python developer")
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/{vacancy.pk}/candidates/"
    return vacancy


def test_a_new_vacancy_shows_its_candidates_at_once(client, orgs):
    vacancy = _vacancy(client)
    assert Suggestion.objects.filter(vacancy=vacancy).exists()  # the task ran (immediate backend)
    page = client.get(f"/referrals/{vacancy.pk}/candidates/").content.decode()
    assert "Lars Visser" in page and "Emma Engineer" in page
    assert "Rajkumar" in page
    assert LARS_EMAIL not in page
    asked = client.post(f"/referrals/{vacancy.pk}/ask/", follow=True).content.decode()
    assert "2" in asked and vacancy.asks.count() == 2


def test_a_form_error_keeps_the_form(client, orgs):
    login(client, RITA)
    response = client.post("/referrals/new/", {"title": "Tester", "closes": "2001-01-01"})
    assert response.status_code == 200
    assert "in het verleden" in response.content.decode()  # the site's language: Dutch
    assert not Vacancy.objects.exists()


def test_the_import_page_lists_every_problem_and_imports_nothing(client, orgs):
    login(client, RITA)
    bad = SimpleUploadedFile("v.csv", b"Functie,Locatie\n,Gent\nTester,Utrecht\n")
    page = client.post("/referrals/import/", {"file": bad}).content.decode()
    assert "regel 2, kolom functie" in page
    assert not Vacancy.objects.exists()
    good = SimpleUploadedFile("v.csv", b"Functie,Locatie\nPython developer,Gent\n")
    response = client.post("/referrals/import/", {"file": good})
    assert response.status_code == 302 and Vacancy.objects.count() == 1


def test_forward_apply_and_the_pipeline(client, orgs):
    vacancy = _vacancy(client)
    emma = Client()
    login(emma, EMMA)
    page = emma.get(f"/referrals/{vacancy.pk}/forward/").content.decode()
    link = re.search(r'id="referral-link">([^<]+)<', page).group(1)
    assert "/referrals/apply/" in link and link in page
    assert LARS_EMAIL in page  # her own contact, with a mailto link: hers alone
    assert "/privacy/" in page
    path = link.split("://", 1)[1].split("/", 1)[1]
    candidate = Client()
    shown = candidate.get(f"/{path}").content.decode()
    assert "Python developer" in shown and 'id="privacy-statement"' in shown
    assert 'href="/privacy/"' in shown
    form = {"name": "Cas Kandidaat", "email": "cas@example.org", "privacy": "on"}
    done = candidate.post(f"/{path}", form).content.decode()
    assert 'id="applied"' in done
    again = Client().post(f"/{path}", form).content.decode()
    assert "hebben je reactie op deze vacature al" in again
    assert Referral.objects.count() == 1
    refused = Client().post(f"/{path}", {**form, "email": "x@example.org", "privacy": ""})
    assert refused.status_code == 200 and Referral.objects.count() == 1
    referral = Referral.objects.get()
    # The recruiter sees the candidate on the board and moves them.
    board = client.get(f"/referrals/{vacancy.pk}/").content.decode()
    assert "cas@example.org" in board and f'id="referral-{referral.pk}"' in board
    client.post(f"/referrals/referral/{referral.pk}/stage/", {"stage": "hired"})
    referral.refresh_from_db()
    assert referral.stage == "hired"
    # The referrer sees the stage, not the candidate.
    mine = emma.get("/referrals/mine/").content.decode()
    assert "aangenomen" in mine and "cas@example.org" not in mine and "Cas" not in mine
    # The recruiters' board on the index.
    index = client.get("/referrals/").content.decode()
    assert 'id="board"' in index and "Cas Kandidaat" in index


def test_a_closed_vacancy_link_takes_no_applications(client, orgs):
    vacancy = _vacancy(client)
    emma = Client()
    login(emma, EMMA)
    page = emma.get(f"/referrals/{vacancy.pk}/forward/").content.decode()
    path = re.search(r'id="referral-link">https?://[^/]+(/[^<]+)<', page).group(1)
    client.post(f"/referrals/{vacancy.pk}/status/", {"status": "closed"})
    shown = Client().get(path).content.decode()
    assert "Deze vacature is gesloten" in shown and 'id="apply-form"' not in shown
    Client().post(path, {"name": "X", "email": "x@example.org", "privacy": "on"})
    assert not Referral.objects.exists()


def test_mine_shows_open_vacancies_that_fit_my_own_contacts(client, orgs):
    vacancy = _vacancy(client)
    jan = Client()
    login(jan, JAN)
    page = jan.get("/referrals/mine/").content.decode()
    assert f'data-vacancy="{vacancy.pk}"' in page
    assert "Lars Visser" in page and "Fleur de Wit" in page
    assert LARS_EMAIL not in page  # Jan's tie to Lars has no email; Emma's does


def test_the_admin_switches_the_leaderboard_on(client, orgs):
    login(client, BROUWER["admin"])
    assert client.get("/referrals/leaderboard/").status_code == 404
    client.post("/referrals/settings/", {"leaderboard": "on", "valid_months": "4"})
    assert client.get("/referrals/leaderboard/").status_code == 200
    assert 'id="leaderboard-link"' in client.get("/referrals/").content.decode()
    assert bearer(BROUWER["admin"])  # the admin also has a token for the API


def test_the_menu_links_to_the_vacancies(client, orgs):
    login(client, EMMA)
    assert 'id="nav-referrals"' in client.get("/referrals/").content.decode()


def test_the_apply_page_speaks_the_candidates_language(client, orgs):
    vacancy = _vacancy(client)
    emma = Client()
    login(emma, EMMA)
    page = emma.get(f"/referrals/{vacancy.pk}/forward/").content.decode()
    path = re.search(r'id="referral-link">https?://[^/]+(/[^<]+)<', page).group(1)
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(path).content.decode()
    dutch = Client(HTTP_ACCEPT_LANGUAGE="nl").get(path).content.decode()
    assert "How your data are handled" in english and "Hoe we met je gegevens omgaan" in dutch
    assert "Emma of Brouwer Software BV" in english and "Emma van Brouwer Software BV" in dutch
