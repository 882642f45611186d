"""The referral notices as they arrive by email, read back from a real SMTP server.

Checked: each reaches the right colleague in their own language, links to the
right page, and carries no contact detail of anyone's contacts nor the
candidate's own details.
"""

from __future__ import annotations

import pytest

from weakties.accounts.models import Employee
from weakties.notifications.services.preferences import preference_set
from weakties.referrals.models import Stage
from weakties.referrals.services.asks import asks_send
from weakties.referrals.services.candidates import candidates_refresh
from weakties.referrals.services.referrals import referral_apply, referral_set_stage
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import BROUWER, JAN, SECRETS

pytestmark = pytest.mark.django_db

BASE = "https://weakties.example.org"
EMMA = BROUWER["employee"]
CANDIDATE = "cas.kandidaat@example.org"


@pytest.fixture
def vacancy(orgs, settings):
    settings.WEAKTIES_BASE_URL = BASE
    brouwer, _kiwi = orgs
    for email, language in ((EMMA, "nl"), (JAN, "en"), (BROUWER["recruiter"], "en")):
        preference_set(
            employee=Employee.objects.get(email=email), digest="immediate", language=language
        )
    v = vacancy_create(
        organisation=brouwer,
        title="Python developer",
        actor=Employee.objects.get(email=BROUWER["recruiter"]),
    )
    candidates_refresh(vacancies=[v])
    return v


def _clean(mail) -> None:
    text = mail.subject + mail.body
    for secret in (*SECRETS, CANDIDATE, "Cas Kandidaat"):
        assert secret not in text, (secret, mail.subject)


def test_the_ask_arrives_in_each_colleagues_language(
    vacancy, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asks_send(vacancy=vacancy)
    smtp.wait_for(2)
    (emma,) = smtp.to(EMMA)
    (jan,) = smtp.to(JAN)
    assert "Is dit iets voor je contact?" in emma.subject, emma.subject
    assert "Is this something for your contact?" in jan.subject, jan.subject
    assert f"{BASE}/referrals/{vacancy.pk}/forward/" in emma.body
    assert "Lars Visser" in emma.body  # her own contact, by name only
    for mail in (emma, jan):
        _clean(mail)


def test_the_referrer_is_emailed_at_every_stage_including_not_hired(
    vacancy, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral, _created = referral_apply(
            vacancy=vacancy,
            referrer=Employee.objects.get(email=JAN),
            name="Cas Kandidaat",
            email=CANDIDATE,
        )
    with django_capture_on_commit_callbacks(execute=True):
        for stage in (Stage.CONTACTED, Stage.INTERVIEW, Stage.NOT_HIRED):
            referral_set_stage(referral, stage=stage)
    smtp.wait_for(5)
    to_jan = smtp.to(JAN)
    subjects = [m.subject for m in to_jan]
    assert len(to_jan) == 4, subjects
    assert any(s.endswith(": not hired") for s in subjects), subjects
    assert all(f"{BASE}/referrals/mine/" in m.body for m in to_jan)
    for mail in to_jan:
        _clean(mail)
    (to_rita,) = smtp.to(BROUWER["recruiter"])
    assert "New referral for Python developer" in to_rita.subject
    assert f"{BASE}/referrals/{vacancy.pk}/" in to_rita.body
