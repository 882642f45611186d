""" "Is this something for your contact?": the reasons are kept as data and said in the reader's language (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from weakties.meetings.models import ContactSuggestion
from weakties.meetings.services.contacts import contacts_suggest

from .test_brief_and_matches import contacts, meeting  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_reasons_are_stored_as_data_and_said_in_dutch(meeting, contacts, client):  # noqa: F811
    vacancy = meeting.requests.get(title="Weginspecteur")
    with translation.override("en"):
        found = contacts_suggest(demand=vacancy)
    lotte = ContactSuggestion.objects.get(pk=found[0].pk)
    assert lotte.reasons and {"code", "score", "message", "params"} <= set(lotte.reasons[0])
    with translation.override("en"):
        english = lotte.why_display
    with translation.override("nl"):
        dutch = lotte.why_display
    assert english == lotte.why and dutch and dutch != english
    url = reverse("meetings:contact_answer", args=[lotte.token])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert dutch in html and english not in html
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english in html


def test_a_suggestion_stored_before_reasons_were_kept_shows_its_english_why(meeting, contacts):  # noqa: F811
    vacancy = meeting.requests.get(title="Weginspecteur")
    found = contacts_suggest(demand=vacancy)
    ContactSuggestion.objects.filter(pk=found[0].pk).update(reasons=[], why="Old English reason.")
    with translation.override("nl"):
        assert ContactSuggestion.objects.get(pk=found[0].pk).why_display == "Old English reason."
