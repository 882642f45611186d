""" "Is this something for your contact?" in an employer network: the line to pass on carries the
Art. 14 notice of the employee's own organisation and the privacy link (issue 12)."""

from __future__ import annotations

import pytest
from django.utils import translation

from weakties.meetings.mail import contact_question_message
from weakties.meetings.services.contacts import contacts_suggest

from .test_brief_and_matches import contacts, meeting  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "uses weakties to see which colleague knows whom"),
        ("nl", "gebruikt weakties om te zien"),
    ],
)
def test_the_contact_question_gives_the_notice_to_pass_on(
    meeting,  # noqa: F811
    contacts,  # noqa: F811
    settings,
    language,
    notice,
):
    settings.WEAKTIES_BASE_URL = "https://weakties.example.org"
    settings.LANGUAGE_CODE = language
    vacancy = meeting.requests.get(title="Weginspecteur")
    with translation.override("en"):
        suggestion = contacts_suggest(demand=vacancy)[0]
    body = contact_question_message(suggestion).body
    line = next(line for line in body.splitlines() if notice in line)
    assert suggestion.employee.organisation.name in line
    assert "https://weakties.example.org/privacy/" in line
