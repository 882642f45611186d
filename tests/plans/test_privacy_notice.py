"""The connection-request draft carries the Art. 14 notice and the privacy link (issue 12)."""

from __future__ import annotations

import pytest

from tests.factories import employee
from weakties.plans.drafts import LINKEDIN_NOTE_LIMIT, draft_message
from weakties.plans.models import Goal
from weakties.plans.services.plans import plan_set

from .conftest import TOM

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "notice"), [("en", "Privacy & objection:"), ("nl", "Privacy & bezwaar:")]
)
def test_the_draft_links_the_privacy_page_in_either_language_within_linkedins_limit(
    orgs, settings, language, notice
):
    settings.WEAKTIES_BASE_URL = "https://weakties.acme.example"
    for targets in (["data engineering"], ["Rabobank"]):
        plan = plan_set(employee=employee(TOM), goal=Goal.NEW_JOB, targets=targets)
        text = draft_message(plan=plan, language=language)
        assert text.endswith(f"{notice} https://weakties.acme.example/privacy/"), text
        assert len(text) <= LINKEDIN_NOTE_LIMIT, len(text)
