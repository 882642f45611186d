"""Every transition of an introduction request, and every refusal, through the use cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import employee
from weakties.accounts.models import AuditEvent
from weakties.core.errors import ServiceError
from weakties.introductions.models import IntroductionRequest, Status
from weakties.introductions.selectors import contribution
from weakties.introductions.services.answers import (
    introduction_answer,
    introduction_draft_save,
    introduction_mark_sent,
    introduction_outcome,
)
from weakties.introductions.services.lifecycle import requests_close_due
from weakties.notifications.models import Notice
from weakties.people.models import Tie
from weakties.people.services.consent import consent_withdraw

from .conftest import ask

pytestmark = pytest.mark.django_db

JAN, TOM, SOPHIE = "jan.vandenberg@acme.nl", "tom.jansen@acme.nl", "sophie.bakker@acme.nl"


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are compared in English."""


def notices(email: str, kind: str) -> list[Notice]:
    return list(Notice.objects.filter(employee__email=email, kind=kind))


def actions(request: IntroductionRequest) -> list[str]:
    return list(
        AuditEvent.objects.filter(detail__request=request.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_request_accept_send_outcome_is_audited_told_and_feeds_the_tie(mehmet):
    r = ask(person=mehmet, questions=["How do you plan the peak?", "Which tools do you use?"])
    assert r.status == Status.REQUESTED and r.questions == [
        "How do you plan the peak?",
        "Which tools do you use?",
    ]
    told = notices(JAN, "intro.requested")
    assert len(told) == 1 and "Tom Jansen" in told[0].subject and "peak" in told[0].body
    assert told[0].link == f"/introductions/{r.pk}/"

    r = introduction_answer(r, actor=employee(JAN), answer="accept")
    assert r.status == Status.ACCEPTED and r.answered_at is not None
    assert "Mehmet" in r.draft and "/privacy/" in r.draft
    assert Tie.objects.get(pk=r.tie_id).intros_accepted == 1
    assert len(notices(TOM, "intro.accepted")) == 1

    introduction_draft_save(r, actor=employee(JAN), subject="Kennismaking", draft="Hoi Mehmet")
    r = introduction_mark_sent(r, actor=employee(JAN))
    assert r.status == Status.INTRODUCED and r.sent_at is not None and r.draft == "Hoi Mehmet"
    assert len(notices(TOM, "intro.introduced")) == 1

    r = introduction_outcome(r, actor=employee(TOM), outcome="met")
    assert r.outcome == "met" and r.outcome_at is not None
    assert len(notices(TOM, "intro.thanks")) == 1
    introduction_outcome(r, actor=employee(TOM), outcome="deal")  # corrected later
    assert len(notices(TOM, "intro.thanks")) == 1  # the reminder goes once
    assert actions(r) == [
        "intro.requested",
        "intro.accepted",
        "intro.draft_saved",
        "intro.introduced",
        "intro.outcome",
        "intro.thanks_reminded",
        "intro.outcome",
    ]
    assert contribution(employee=employee(JAN)) == {
        "asked_of_me": 1,
        "accepted": 1,
        "introduced": 1,
        "outcomes": {"met": 0, "deal": 1, "hire": 0, "nothing": 0},
        "requested_by_me": 0,
    }
    assert contribution(employee=employee(TOM))["requested_by_me"] == 1


def test_decline_with_a_reason_tells_the_requester_and_cannot_be_repeated(mehmet):
    r = ask(person=mehmet)
    r = introduction_answer(r, actor=employee(JAN), answer="decline", reason="We lost touch")
    assert r.status == Status.DECLINED and r.decline_reason == "We lost touch"
    assert Tie.objects.get(pk=r.tie_id).intros_declined == 1
    told = notices(TOM, "intro.declined")
    assert len(told) == 1 and "We lost touch" in told[0].body
    # The audit line leaves the reason out: it stays between the two.
    assert "We lost touch" not in str(
        AuditEvent.objects.filter(action="intro.declined").get().detail
    )
    with pytest.raises(ServiceError, match="declined this introduction before"):
        ask(person=mehmet, reason="Another reason", questions=["Another question?"])


def test_snooze_comes_back_and_can_then_be_accepted(mehmet):
    r = ask(person=mehmet)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    r = introduction_answer(r, actor=employee(JAN), answer="snooze", until=tomorrow)
    assert r.status == Status.SNOOZED and r.snoozed_until == tomorrow
    assert not notices(TOM, "intro.snoozed")  # the requester is not told of a snooze
    assert requests_close_due(now=timezone.now())["woken"] == 0
    later = timezone.now() + dt.timedelta(days=2)
    assert requests_close_due(now=later) == {"expired": 0, "woken": 1, "reminded": 0}
    r.refresh_from_db()
    assert r.status == Status.REQUESTED and len(notices(JAN, "intro.reminder")) == 1
    assert introduction_answer(r, actor=employee(JAN), answer="accept").status == "accepted"


def test_snooze_past_the_expiry_is_refused(mehmet):
    r = ask(person=mehmet)
    with pytest.raises(ServiceError, match="expires on"):
        introduction_answer(
            r, actor=employee(JAN), answer="snooze", until=timezone.localdate() + dt.timedelta(60)
        )


def test_an_unanswered_request_expires_by_itself_and_can_no_longer_be_answered(mehmet):
    r = ask(person=mehmet)
    assert r.expires_at - r.created_at == dt.timedelta(days=30)
    IntroductionRequest.objects.filter(pk=r.pk).update(expires_at=timezone.now())
    with pytest.raises(ServiceError, match="this request expired"):
        introduction_answer(r, actor=employee(JAN), answer="accept")  # the check on read
    r.refresh_from_db()
    assert r.status == Status.EXPIRED and actions(r)[-1] == "intro.expired"
    assert len(notices(TOM, "intro.expired")) == 1
    # An expired request may be asked again.
    assert ask(person=mehmet).status == Status.REQUESTED


def test_the_expiry_is_a_setting(mehmet, settings):
    settings.WEAKTIES_INTRO_EXPIRY_DAYS = 3
    r = ask(person=mehmet)
    assert r.expires_at - r.created_at == dt.timedelta(days=3)


def test_the_thank_you_reminder_comes_days_after_the_sending_without_an_outcome(mehmet):
    r = ask(person=mehmet)
    introduction_answer(r, actor=employee(JAN), answer="accept")
    introduction_mark_sent(r, actor=employee(JAN))
    assert requests_close_due()["reminded"] == 0
    later = timezone.now() + dt.timedelta(days=8)
    assert requests_close_due(now=later)["reminded"] == 1
    assert requests_close_due(now=later)["reminded"] == 0  # once
    assert len(notices(TOM, "intro.thanks")) == 1
    introduction_outcome(r, actor=employee(TOM), outcome="met")
    assert len(notices(TOM, "intro.thanks")) == 1


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        (TOM, "only the colleague who was asked answers"),
        (SOPHIE, "no introduction request with id"),
        ("employee@globex.be", "no introduction request with id"),
    ],
)
def test_only_the_introducer_answers(mehmet, actor, message):
    r = ask(person=mehmet)
    for answer in ("accept", "decline", "snooze"):
        with pytest.raises(ServiceError, match=message):
            introduction_answer(r, actor=employee(actor), answer=answer)
    r.refresh_from_db()
    assert r.status == Status.REQUESTED


def test_only_the_introducer_marks_sent_and_only_after_accepting(mehmet):
    r = ask(person=mehmet)
    with pytest.raises(ServiceError, match="accept the request before"):
        introduction_mark_sent(r, actor=employee(JAN))
    introduction_answer(r, actor=employee(JAN), answer="accept")
    for other in (TOM, SOPHIE):
        with pytest.raises(ServiceError):
            introduction_mark_sent(r, actor=employee(other))
        with pytest.raises(ServiceError):
            introduction_draft_save(r, actor=employee(other), subject="x", draft="y")
    r.refresh_from_db()
    assert r.status == Status.ACCEPTED


def test_only_the_requester_records_the_outcome_once_sent(mehmet):
    r = ask(person=mehmet)
    with pytest.raises(ServiceError, match="once the introduction was sent"):
        introduction_outcome(r, actor=employee(TOM), outcome="met")
    introduction_answer(r, actor=employee(JAN), answer="accept")
    introduction_mark_sent(r, actor=employee(JAN))
    with pytest.raises(ServiceError, match="only the requester"):
        introduction_outcome(r, actor=employee(JAN), outcome="met")
    with pytest.raises(ServiceError, match="outcome must be one of met, deal, hire, nothing"):
        introduction_outcome(r, actor=employee(TOM), outcome="great")
    assert introduction_outcome(r, actor=employee(TOM), outcome="hire").outcome == "hire"


def test_an_answered_request_is_not_answered_again(mehmet):
    r = ask(person=mehmet)
    introduction_answer(r, actor=employee(JAN), answer="decline")
    with pytest.raises(ServiceError, match=r"already answered \(declined\)"):
        introduction_answer(r, actor=employee(JAN), answer="accept")


def test_reason_and_a_question_are_required(mehmet):
    with pytest.raises(ServiceError, match="say why"):
        ask(person=mehmet, reason="  ")
    with pytest.raises(ServiceError, match="at least one concrete question"):
        ask(person=mehmet, questions=["", "  - "])
    assert not IntroductionRequest.objects.exists()


def test_questions_come_one_per_line(mehmet):
    r = ask(person=mehmet, questions=["- first?\n• second?\n\n"])
    assert r.questions == ["first?", "second?"]


@pytest.mark.parametrize(
    ("requester", "introducer", "message"),
    [
        ("employee@globex.be", JAN, "only ask an active colleague of your own organisation"),
        (JAN, JAN, "cannot ask yourself"),
        (TOM, "anna.devries@acme.nl", "does not share their network"),
        (TOM, SOPHIE, "does not know this person"),
    ],
)
def test_who_may_ask_whom(mehmet, requester, introducer, message):
    with pytest.raises(ServiceError, match=message):
        ask(requester, introducer, person=mehmet)


def test_an_introducer_who_left_or_withdrew_is_not_asked(mehmet):
    consent_withdraw(employee=employee(JAN))
    with pytest.raises(ServiceError, match="does not share their network"):
        ask(person=mehmet)


def test_a_requester_who_left_asks_nobody(mehmet):
    type(employee(TOM)).objects.filter(email=TOM).update(active=False)
    with pytest.raises(ServiceError, match="only an active employee"):
        ask(person=mehmet)


def test_a_colleague_is_not_introduced(orgs):
    jan_as_person = employee(JAN).person  # Sophie knows Jan from LinkedIn
    with pytest.raises(ServiceError, match="is a colleague"):
        ask(TOM, SOPHIE, person=jan_as_person)


def test_an_open_request_is_not_made_twice(mehmet):
    ask(person=mehmet)
    with pytest.raises(ServiceError, match="already asked"):
        ask(person=mehmet)


def test_the_introducer_limit_of_open_requests_per_month(mehmet, settings):
    settings.WEAKTIES_INTRO_INTRODUCER_LIMIT = 2
    ask(TOM, person=mehmet)
    ask("sam.sales@acme.nl", person=mehmet)
    with pytest.raises(ServiceError, match="already has 2 open introduction requests"):
        ask("anna.devries@acme.nl", person=mehmet)
    # A declined request frees its place; so does a month gone by.
    first = IntroductionRequest.objects.get(requester__email=TOM)
    introduction_answer(first, actor=employee(JAN), answer="decline")
    ask("anna.devries@acme.nl", person=mehmet)
    IntroductionRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=31))
    ask("rita.rep@acme.nl", person=mehmet)


def test_the_requester_limit_per_month(mehmet, orgs, settings):
    settings.WEAKTIES_INTRO_REQUESTER_LIMIT = 1
    zoe = Tie.objects.get(employee__email=SOPHIE, person__first_name__startswith="Zo").person
    ask(person=mehmet)
    with pytest.raises(ServiceError, match="you made 1 introduction requests in the last 30 days"):
        ask(TOM, SOPHIE, person=zoe)
    IntroductionRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=31))
    assert ask(TOM, SOPHIE, person=zoe).status == Status.REQUESTED


def test_a_withdrawal_takes_the_tie_and_the_answer_with_it(mehmet):
    """Zoë is known by Sophie too: she stays, Jan's tie goes, and Jan can no longer answer."""
    zoe = Tie.objects.get(employee__email=JAN, person__first_name__startswith="Zo").person
    r = ask(person=zoe)
    consent_withdraw(employee=employee(JAN))
    r.refresh_from_db()
    assert r.tie_id is None
    with pytest.raises(ServiceError, match="no longer in your network"):
        introduction_answer(r, actor=employee(JAN), answer="accept")


def test_a_contact_nobody_knows_any_more_takes_the_requests_about_them_along(mehmet):
    """Withdrawing deletes the people nobody else knows (people.services.consent): and their requests."""
    r = ask(person=mehmet)
    consent_withdraw(employee=employee(JAN))
    assert not IntroductionRequest.objects.filter(pk=r.pk).exists()


def test_the_list_page_orders_every_status():
    from weakties.introductions.selectors import STATUS_ORDER

    assert sorted(STATUS_ORDER) == sorted(Status.values)
