"""Asking colleagues, applying through a link, the pipeline and what the referrer hears."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.notifications.models import Notice
from weakties.referrals.models import Ask, Referral, Stage, add_months
from weakties.referrals.selectors import contribution, leaderboard
from weakties.referrals.services.asks import (
    asks_send,
    forward_text,
    read_referral_token,
    referral_link,
)
from weakties.referrals.services.candidates import candidates_refresh
from weakties.referrals.services.org_settings import settings_update
from weakties.referrals.services.referrals import referral_apply, referral_set_stage
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import BROUWER, JAN, SECRETS

pytestmark = pytest.mark.django_db

EMMA = BROUWER["employee"]


@pytest.fixture
def vacancy(orgs):
    brouwer, _kiwi = orgs
    v = vacancy_create(
        organisation=brouwer,
        title="Python developer",
        location="Utrecht",
        actor=Employee.objects.get(email=BROUWER["recruiter"]),
    )
    candidates_refresh(vacancies=[v])
    return v


def _emma() -> Employee:
    return Employee.objects.get(email=EMMA)


def _apply(vacancy, referrer, email="candidate@example.org", **extra):
    return referral_apply(
        vacancy=vacancy, referrer=referrer, name="Cas Kandidaat", email=email, **extra
    )


def test_colleagues_who_know_the_candidates_are_asked_once(vacancy):
    result = asks_send(vacancy=vacancy)
    assert result["asked"] == 2 and result["waiting"] == 0  # Emma and Jan
    notices = Notice.objects.filter(kind="referral.ask")
    assert {n.employee.email for n in notices} == {EMMA, JAN}
    emma = notices.get(employee__email=EMMA)
    assert emma.link == f"/referrals/{vacancy.pk}/forward/"
    assert "Lars Visser" in emma.body  # her own contact, named to her
    for notice in notices:
        for secret in SECRETS:
            assert secret not in notice.subject + notice.body
    again = asks_send(vacancy=vacancy)
    assert again["asked"] == 0
    assert Notice.objects.filter(kind="referral.ask").count() == 2


def test_nobody_is_asked_more_often_than_the_setting_allows(vacancy, orgs):
    brouwer, _kiwi = orgs
    asks_send(vacancy=vacancy)
    second = vacancy_create(organisation=brouwer, title="Backend developer Python")
    candidates_refresh(vacancies=[second])
    result = asks_send(vacancy=second)
    assert result["asked"] == 0 and result["waiting"] >= 1
    due = dt.datetime.fromisoformat(result["due"])
    assert due - timezone.now() > dt.timedelta(days=6)
    later = asks_send(vacancy=second, now=timezone.now() + dt.timedelta(days=8))
    assert later["asked"] == result["waiting"]


def test_the_ask_interval_is_a_setting(vacancy, orgs):
    brouwer, _kiwi = orgs
    asks_send(vacancy=vacancy)
    second = vacancy_create(organisation=brouwer, title="Backend developer Python")
    candidates_refresh(vacancies=[second])
    with override_settings(WEAKTIES_REFERRAL_ASK_DAYS=0):
        assert asks_send(vacancy=second)["asked"] >= 1


def test_the_forward_text_speaks_the_colleagues_language_and_links_privacy(vacancy):
    emma = _emma()
    emma.language = "en"
    emma.save()
    en = forward_text(vacancy, emma)
    assert "Python developer" in en["subject"] and "Brouwer Software BV" in en["body"]
    assert en["link"] in en["body"]
    assert en["privacy"].endswith("/privacy/") and en["privacy"] in en["body"]
    emma.language = "nl"
    emma.save()
    nl = forward_text(vacancy, emma)
    assert nl["subject"].startswith("Iets voor jou?"), nl["subject"]
    assert "persoonlijke link" in nl["body"]


def test_a_referral_link_is_personal_and_cannot_be_forged(vacancy):
    emma = _emma()
    link = referral_link(vacancy, emma)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert read_referral_token(token) == (vacancy, emma)
    assert read_referral_token(token[:-2] + "xx") is None
    jan = Employee.objects.get(email=JAN)
    assert referral_link(vacancy, jan) != link


def test_the_first_referrer_wins(vacancy):
    emma, jan = _emma(), Employee.objects.get(email=JAN)
    first, created = _apply(vacancy, emma, linkedin_url="https://nl.linkedin.com/in/Cas-K/")
    assert created and first.referrer == emma
    # The same candidate through Jan's link, by email or by LinkedIn profile: still Emma's.
    again, created = _apply(vacancy, jan, email="CANDIDATE@example.org")
    assert not created and again.pk == first.pk and again.referrer == emma
    again, created = _apply(
        vacancy, jan, email="other@example.org", linkedin_url="linkedin.com/in/cas-k"
    )
    assert not created and again.pk == first.pk
    assert Referral.objects.filter(vacancy=vacancy).count() == 1


def test_a_referral_expires_after_its_months_and_the_next_referrer_wins(vacancy, orgs):
    brouwer, _kiwi = orgs
    settings_update(organisation=brouwer, valid_months=3)
    emma, jan = _emma(), Employee.objects.get(email=JAN)
    first, _created = _apply(vacancy, emma)
    assert first.valid_until == add_months(timezone.localdate(), 3)
    Referral.objects.filter(pk=first.pk).update(valid_until=timezone.localdate() - dt.timedelta(1))
    first.refresh_from_db()
    assert first.expired
    with pytest.raises(ServiceError, match="expired"):
        referral_set_stage(first, stage=Stage.CONTACTED)
    second, created = _apply(vacancy, jan)
    assert created and second.referrer == jan


def test_a_contacted_referral_holds_past_its_validity(vacancy):
    first, _created = _apply(vacancy, _emma())
    referral_set_stage(first, stage=Stage.CONTACTED)
    Referral.objects.filter(pk=first.pk).update(valid_until=timezone.localdate() - dt.timedelta(1))
    first.refresh_from_db()
    assert not first.expired
    _again, created = _apply(vacancy, Employee.objects.get(email=JAN))
    assert not created


def test_the_referrer_hears_every_stage_without_the_candidates_details(vacancy):
    emma = _emma()
    emma.language = "en"
    emma.save()
    referral, _created = _apply(vacancy, emma, message="Ik ken Emma van de hockeyclub")
    for stage in (Stage.CONTACTED, Stage.INTERVIEW, Stage.OFFER, Stage.NOT_HIRED, Stage.HIRED):
        referral_set_stage(referral, stage=stage)
    notices = list(Notice.objects.filter(employee=emma, kind="referral.stage").order_by("pk"))
    assert len(notices) == 6  # referred, then the five moves
    assert "not hired" in notices[4].subject and "hired" in notices[5].subject
    assert all(n.link == "/referrals/mine/" for n in notices)
    for n in notices:
        assert "candidate@example.org" not in n.subject + n.body
        assert "Cas" not in n.subject + n.body and "hockey" not in n.body
    # The recruiter who entered the vacancy hears of the new referral.
    assert Notice.objects.filter(employee__email=BROUWER["recruiter"], kind="referral.new").exists()


def test_the_referrer_is_told_in_their_own_language(vacancy):
    emma = _emma()
    emma.language = "nl"
    emma.save()
    referral, _created = _apply(vacancy, emma)
    referral_set_stage(referral, stage=Stage.INTERVIEW)
    latest = Notice.objects.filter(employee=emma, kind="referral.stage").latest("pk")
    assert latest.subject == "Je doorverwijzing voor Python developer: gesprek", latest.subject


def test_applying_checks_what_the_candidate_typed(vacancy):
    with pytest.raises(ServiceError):
        _apply(vacancy, _emma(), email="not an address")
    with pytest.raises(ServiceError, match="LinkedIn"):
        _apply(vacancy, _emma(), linkedin_url="https://example.org/me")
    vacancy.status = "closed"
    vacancy.save()
    with pytest.raises(ServiceError, match="closed"):
        _apply(vacancy, _emma())
    assert not Referral.objects.exists()


def test_an_unknown_stage_is_refused(vacancy):
    referral, _created = _apply(vacancy, _emma())
    with pytest.raises(ServiceError, match="stage must be one of"):
        referral_set_stage(referral, stage="maybe")


def test_contribution_counts_the_referrers_referrals_and_hires(vacancy):
    emma = _emma()
    first, _ = _apply(vacancy, emma)
    second, _ = _apply(vacancy, emma, email="two@example.org")
    referral_set_stage(first, stage=Stage.HIRED)
    referral_set_stage(second, stage=Stage.INTERVIEW)
    got = contribution(employee=emma)
    assert got["referrals"] == 2 and got["hired"] == 1
    assert got["stages"]["interview"] == 1 and set(got["stages"]) == set(Stage.values)
    assert contribution(employee=Employee.objects.get(email=JAN))["referrals"] == 0


def test_the_leaderboard_is_off_by_default_and_pools_small_departments(vacancy, orgs):
    brouwer, _kiwi = orgs
    assert leaderboard(brouwer) is None
    settings_update(organisation=brouwer, leaderboard=True)
    referral, _ = _apply(vacancy, _emma())
    referral_set_stage(referral, stage=Stage.HIRED)
    board = leaderboard(brouwer)
    # Engineering has two colleagues, fewer than the minimum group of 5: pooled.
    assert board["departments"] == [{"department": None, "referrals": 1, "hired": 1}]
    with override_settings(WEAKTIES_MIN_GROUP=2):
        board = leaderboard(brouwer)
    assert board["departments"] == [{"department": "Engineering", "referrals": 1, "hired": 1}]


def test_a_closed_vacancy_asks_nobody(vacancy):
    vacancy.status = "closed"
    vacancy.save()
    assert asks_send(vacancy=vacancy)["asked"] == 0
    assert not Ask.objects.exists()
