"""Ask a colleague for an introduction: the checks that protect introducers, then the request.

A request carries why (``reason``) and one or more concrete questions, both
required (seed 002, step 4: ask with concrete questions), and a short blurb
about the requester that the introducer can forward. The introducer is told
in the app and by email (``notifications``: at once or in their digest, so
several requests arrive as one email).

Refused, each with a message that says why: a requester who is not an active
colleague, an introducer who does not share their network or does not know
the person, a colleague as the "contact", a request already open, a request
the introducer declined before (never repeated), and the limits
(:mod:`weakties.introductions.conf`): the introducer's open requests in 30
days, and the requester's requests in 30 days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.introductions import conf, rules
from weakties.introductions.models import OPEN, IntroductionRequest, Status
from weakties.introductions.services import notices
from weakties.introductions.services._audit import audit_transition
from weakties.introductions.tasks import schedule_sweep
from weakties.people.models import Person, Tie

__all__ = ["introduction_request", "clean_questions", "MAX_QUESTIONS"]

#: Enough for concrete questions; more reads as a questionnaire.
MAX_QUESTIONS = 10


def clean_questions(questions: Any) -> list[str]:
    """The non-empty questions, one per line of each given text, without bullets."""
    if isinstance(questions, str):
        questions = [questions]
    found: list[str] = []
    for text in questions or []:
        for line in str(text).splitlines():
            line = line.strip().lstrip("-•*").strip()
            if line:
                found.append(line[:500])
    return found


def _name(employee: Employee) -> str:
    return employee.full_name or employee.email


def _check_parties(requester: Employee, introducer: Employee, person: Person) -> Tie:
    """The tie the request goes through, or why the request is refused."""
    if not rules.may_ask_for_introductions(requester):
        raise ServiceError(_("only an active employee can ask for an introduction"))
    if not rules.is_colleague(requester, introducer):
        if introducer is not None and introducer.pk == requester.pk:
            raise ServiceError(_("you cannot ask yourself for an introduction"))
        raise ServiceError(_("you can only ask an active colleague of your own organisation"))
    if not rules.is_sharing(introducer):
        raise ServiceError(
            _("%(introducer)s does not share their network") % {"introducer": _name(introducer)}
        )
    colleague = Employee.objects.filter(person=person, organisation=requester.organisation_id)
    if colleague.exists():
        raise ServiceError(_("%(name)s is a colleague: ask them yourself") % {"name": person.name})
    tie = Tie.objects.filter(employee=introducer, person=person).first()
    if tie is None:
        # Not the person's name: whoever guesses an id learns nothing of people nobody here knows.
        raise ServiceError(
            _("%(introducer)s does not know this person") % {"introducer": _name(introducer)}
        )
    return tie


def _check_history(requester: Employee, introducer: Employee, person: Person) -> None:
    same = IntroductionRequest.objects.filter(
        requester=requester, introducer=introducer, person=person
    )
    if same.filter(status=Status.DECLINED).exists():
        raise ServiceError(
            _(
                "%(introducer)s declined this introduction before; the same request "
                "cannot be repeated"
            )
            % {"introducer": _name(introducer)}
        )
    if same.filter(status__in=OPEN).exists():
        raise ServiceError(
            _("you already asked %(introducer)s for this introduction; wait for the answer")
            % {"introducer": _name(introducer)}
        )
    if same.filter(status=Status.INTRODUCED).exists():
        raise ServiceError(
            _("%(introducer)s already introduced you to %(name)s")
            % {"introducer": _name(introducer), "name": person.name}
        )


def _check_limits(requester: Employee, introducer: Employee, now: dt.datetime) -> None:
    since = now - conf.MONTH
    made = IntroductionRequest.objects.filter(requester=requester, created_at__gte=since).count()
    if made >= conf.requester_limit():
        raise ServiceError(
            _(
                "you made %(n)s introduction requests in the last 30 days, the most allowed; "
                "try again later"
            )
            % {"n": made}
        )
    waiting = IntroductionRequest.objects.filter(
        introducer=introducer, status__in=OPEN, created_at__gte=since
    ).count()
    if waiting >= conf.introducer_limit():
        raise ServiceError(
            _(
                "%(introducer)s already has %(n)s open introduction requests this month; "
                "ask another colleague or try again later"
            )
            % {"introducer": _name(introducer), "n": waiting}
        )


@transaction.atomic
def introduction_request(
    *,
    requester: Employee,
    introducer: Employee,
    person: Person,
    reason: str,
    questions: Any,
    blurb: str = "",
    actor_label: str = "",
    now: dt.datetime | None = None,
) -> IntroductionRequest:
    """Ask ``introducer`` to introduce ``requester`` to ``person``; the introducer is told."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    asked = clean_questions(questions)
    if not reason:
        raise ServiceError(_("say why you would like to be introduced"))
    if not asked:
        raise ServiceError(_("ask at least one concrete question"))
    if len(asked) > MAX_QUESTIONS:
        raise ServiceError(_("ask at most %(n)s questions") % {"n": MAX_QUESTIONS})
    # Lock the introducer's row: two requests at once do not both slip under the limit.
    Employee.objects.select_for_update().filter(pk=introducer.pk).first()
    tie = _check_parties(requester, introducer, person)
    _check_history(requester, introducer, person)
    _check_limits(requester, introducer, now)
    request = IntroductionRequest.objects.create(
        organisation_id=requester.organisation_id,
        requester=requester,
        introducer=introducer,
        person=person,
        tie=tie,
        reason=reason[:4000],
        questions=asked,
        blurb=(blurb or "").strip()[:2000],
        created_at=now,
        expires_at=now + dt.timedelta(days=conf.expiry_days()),
    )
    audit_transition("requested", request, actor=requester, actor_label=actor_label)
    notices.tell_requested(request)
    schedule_sweep(request.expires_at)
    return request
