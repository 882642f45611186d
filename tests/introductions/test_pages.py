"""The introduction pages as the two parties use them: search → ask → answer → draft → sent → outcome."""

from __future__ import annotations

import re
from html import unescape as html_unescape
from urllib.parse import unquote

import pytest
from django.urls import reverse

from tests.factories import employee
from weakties.accounts.models import Employee
from weakties.introductions.models import IntroductionRequest, Status

from .conftest import MEHMET_EMAIL, MEHMET_PHONE, ask, sign_in

pytestmark = pytest.mark.django_db

JAN, TOM = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl"


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def leaks(text: str) -> bool:
    return MEHMET_EMAIL in text.lower() or "12345678" in text or "mehmet.celik%40" in text.lower()


def new_url(mehmet) -> str:
    return f"{reverse('introductions:new')}?via={JAN}&person={mehmet.pk}"


def test_every_search_result_links_to_the_request_form_but_ones_own(client, mehmet):
    sign_in(client, TOM)
    page = html(
        client.get(
            reverse("insights:intro"),
            {"target": "company", "query": "Bakker Logistiek", "purpose": "info"},
        )
    )
    assert f"/introductions/new/?via=jan.vandenberg%40acme.nl&amp;person={mehmet.pk}" in page
    sign_in(client, JAN)
    page = html(
        client.get(
            reverse("insights:intro"),
            {"target": "company", "query": "Bakker Logistiek", "purpose": "info"},
        )
    )
    assert "/introductions/new/" not in page  # Jan does not ask himself


def test_the_form_shows_name_company_position_and_no_contact_details(client, mehmet, english):
    sign_in(client, TOM)
    page = html(client.get(new_url(mehmet)))
    assert "Mehmet Çelik" in page and "Planner" in page and "Bakker Logistiek" in page
    assert not leaks(page)
    assert "Jan van den Berg decides whether to introduce you" in page


def test_asking_through_the_form(client, mehmet, english):
    sign_in(client, TOM)
    data = {"via": JAN, "person": mehmet.pk, "reason": "Logistics", "questions": "", "blurb": ""}
    page = html(client.post(reverse("introductions:new"), data))
    assert "This field is required." in page and not IntroductionRequest.objects.exists()
    data.update(questions="How do you plan?\nWhich tools?", blurb="I plan our routes.")
    response = client.post(reverse("introductions:new"), data)
    made = IntroductionRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "introductions:detail", args=[made.pk]
    )
    assert made.questions == ["How do you plan?", "Which tools?"]
    page = html(client.get(response.url))
    assert "Your request went to Jan van den Berg." in page and not leaks(page)
    # The next form starts with the blurb of the last request.
    zoe = employee(JAN).ties.get(person__first_name__startswith="Zo").person
    page = html(client.get(f"{reverse('introductions:new')}?via={JAN}&person={zoe.pk}"))
    assert "I plan our routes." in page


def test_a_refusal_of_the_use_case_shows_on_the_form(client, mehmet, english):
    r = ask(person=mehmet)
    r.status = Status.DECLINED
    r.save()
    sign_in(client, TOM)
    page = html(client.get(new_url(mehmet)))
    assert (
        'id="earlier"' in page
        and "You asked this colleague for this introduction before (declined)" in page
    )
    data = {"via": JAN, "person": mehmet.pk, "reason": "Again", "questions": "Please?"}
    page = html(client.post(reverse("introductions:new"), data))
    assert "cannot be repeated" in page and IntroductionRequest.objects.count() == 1


def test_the_introducer_answers_edits_sends_and_the_requester_records(client, mehmet, english):
    r = ask(person=mehmet, questions=["How do you plan the peak?"])
    detail = reverse("introductions:detail", args=[r.pk])
    sign_in(client, TOM)
    page = html(client.get(detail))
    assert "How do you plan the peak?" in page and not leaks(page)
    assert 'id="accept"' not in page and 'id="outcome-form"' not in page

    sign_in(client, JAN)
    page = html(client.get(detail))
    assert MEHMET_EMAIL in page and MEHMET_PHONE in page and 'id="accept"' in page
    client.post(reverse("introductions:answer", args=[r.pk]), {"answer": "accept"})
    page = html(client.get(detail))
    assert 'id="draft-form"' in page and 'id="copy-draft"' in page
    mailto = unquote(html_unescape(re.search(r'id="mailto" href="([^"]+)"', page).group(1)))
    assert mailto.startswith(f"mailto:{MEHMET_EMAIL}?cc={TOM}&subject=Introduction")
    assert "Dear Mehmet," in mailto and "/privacy/" in mailto

    client.post(
        reverse("introductions:draft", args=[r.pk]),
        {"subject": "Meet Tom", "draft": "Dear Mehmet, meet Tom."},
    )
    assert IntroductionRequest.objects.get(pk=r.pk).draft == "Dear Mehmet, meet Tom."
    client.post(
        reverse("introductions:sent", args=[r.pk]), {"subject": "Meet Tom", "draft": "Final"}
    )
    r.refresh_from_db()
    assert r.status == Status.INTRODUCED and r.draft == "Final"

    sign_in(client, TOM)
    page = html(client.get(detail))
    assert 'id="outcome-form"' in page and not leaks(page) and "Final" not in page
    client.post(reverse("introductions:outcome", args=[r.pk]), {"outcome": "met"})
    r.refresh_from_db()
    assert r.outcome == "met"


def test_a_decline_reason_is_seen_by_the_two(client, mehmet, english):
    r = ask(person=mehmet)
    sign_in(client, JAN)
    client.post(
        reverse("introductions:answer", args=[r.pk]), {"answer": "decline", "reason": "Lost touch"}
    )
    sign_in(client, TOM)
    page = html(client.get(reverse("introductions:detail", args=[r.pk])))
    assert "Lost touch" in page and "Jan van den Berg declined." in page


def test_the_list_groups_asked_of_me_and_my_requests_by_status(client, mehmet, english):
    first = ask(person=mehmet)
    zoe = employee(JAN).ties.get(person__first_name__startswith="Zo").person
    ask(person=zoe)
    first.status = Status.DECLINED
    first.save()
    sign_in(client, JAN)
    page = html(client.get(reverse("introductions:index")))
    asked = page.split('id="asked-of-me"')[1].split('id="my-requests"')[0]
    assert "Requested" in asked and "Declined" in asked and "asked by Tom Jansen" in asked
    assert "1 waits for you" in page
    sign_in(client, TOM)
    page = html(client.get(reverse("introductions:index")))
    mine = page.split('id="my-requests"')[1]
    assert mine.count('class="intro-row"') == 2 and "through Jan van den Berg" in mine
    assert not leaks(page)


def test_the_nav_links_to_the_requests(client, orgs):
    sign_in(client, TOM)
    page = html(client.get(reverse("introductions:index")))
    assert 'id="nav-intro-requests"' in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            ["Beste Mehmet,", "Graag stel ik je voor aan mijn collega", "Met vriendelijke groet,"],
        ),
        ("en", ["Dear Mehmet,", "I would like to introduce you to my colleague", "Kind regards,"]),
    ],
)
def test_the_draft_is_in_the_introducers_language(client, mehmet, language, expected):
    Employee.objects.filter(email=JAN).update(language=language)
    Employee.objects.filter(email=TOM).update(language="en" if language == "nl" else "nl")
    r = ask(person=mehmet, blurb="Ik plan onze routes.")
    sign_in(client, JAN)
    client.post(reverse("introductions:answer", args=[r.pk]), {"answer": "accept"})
    r.refresh_from_db()
    for text in expected:
        assert text in r.draft, r.draft
    assert "Ik plan onze routes." in r.draft and "http://localhost:8000/privacy/" in r.draft
    assert MEHMET_EMAIL not in r.draft.lower() and "12345678" not in r.draft
