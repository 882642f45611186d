"""What the two parties of a request are told, through :func:`notifications.notify` (in-app + email).

Every notice is written in its reader's language (``in_language_of``); the
notifications app emails it at once or in a digest, per the reader's wish,
so several requests to one introducer arrive as one email. No notice ever
carries the contact's email or phone: emails get forwarded, and the
introducer finds the details on the request's page.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.introductions.models import IntroductionRequest
from weakties.notifications.services.notify import in_language_of, notify

__all__ = [
    "tell_requested",
    "tell_reminded",
    "tell_accepted",
    "tell_declined",
    "tell_introduced",
    "tell_expired",
    "tell_thanks",
]


def _name(employee: Employee) -> str:
    return employee.full_name or employee.email


def _link(request: IntroductionRequest) -> str:
    return reverse("introductions:detail", args=[request.pk])


def _contact(request: IntroductionRequest) -> str:
    person = request.person
    company = person.company.name if person.company else ""
    return f"{person.name} ({company})" if company else person.name


def _send(request: IntroductionRequest, to: Employee, kind: str, subject: str, body: str) -> None:
    notify(employee=to, kind=kind, subject=subject, body=body, link=_link(request))


def tell_requested(request: IntroductionRequest) -> None:
    """The introducer: a colleague asks, with the reason and the questions."""
    to = request.introducer
    with in_language_of(to):
        subject = _("%(requester)s asks you for an introduction to %(contact)s") % {
            "requester": _name(request.requester),
            "contact": request.person.name,
        }
        questions = "\n".join(f"- {q}" for q in request.question_list)
        body = _(
            "%(requester)s would like to meet %(contact)s.\n\nWhy: %(reason)s\n\n"
            "Questions:\n%(questions)s\n\n"
            "You decide: accept, decline or snooze. If you accept, you send the "
            "introduction yourself, from your own mailbox."
        ) % {
            "requester": _name(request.requester),
            "contact": _contact(request),
            "reason": request.reason,
            "questions": questions,
        }
    _send(request, to, "intro.requested", subject, body)


def tell_reminded(request: IntroductionRequest) -> None:
    """The introducer, when a snooze ends: the request is back."""
    to = request.introducer
    with in_language_of(to):
        subject = _("Reminder: %(requester)s asks you for an introduction to %(contact)s") % {
            "requester": _name(request.requester),
            "contact": request.person.name,
        }
        body = _("You snoozed this request; it waits for your answer again.")
    _send(request, to, "intro.reminder", subject, body)


def tell_accepted(request: IntroductionRequest) -> None:
    to = request.requester
    with in_language_of(to):
        subject = _("%(introducer)s accepted your request for an introduction to %(contact)s") % {
            "introducer": _name(request.introducer),
            "contact": request.person.name,
        }
        body = _(
            "%(introducer)s will write to %(contact)s from their own mailbox. "
            "You will hear when the introduction is sent."
        ) % {"introducer": _name(request.introducer), "contact": request.person.name}
    _send(request, to, "intro.accepted", subject, body)


def tell_declined(request: IntroductionRequest) -> None:
    """The requester, with the introducer's reason: it stays between the two."""
    to = request.requester
    with in_language_of(to):
        subject = _("%(introducer)s declined your request for an introduction to %(contact)s") % {
            "introducer": _name(request.introducer),
            "contact": request.person.name,
        }
        body = (
            _("Their reason: %(reason)s") % {"reason": request.decline_reason}
            if request.decline_reason
            else _("They gave no reason. Perhaps another colleague knows someone there.")
        )
    _send(request, to, "intro.declined", subject, body)


def tell_introduced(request: IntroductionRequest) -> None:
    to = request.requester
    with in_language_of(to):
        subject = _("%(introducer)s introduced you to %(contact)s") % {
            "introducer": _name(request.introducer),
            "contact": request.person.name,
        }
        body = _(
            "The introduction is sent. Follow up on it, and record later what came of it: "
            "a meeting, a deal, a hire or nothing."
        )
    _send(request, to, "intro.introduced", subject, body)


def tell_expired(request: IntroductionRequest) -> None:
    to = request.requester
    with in_language_of(to):
        subject = _("Your request for an introduction to %(contact)s expired") % {
            "contact": request.person.name
        }
        body = _(
            "%(introducer)s did not answer in time. Perhaps another colleague knows someone there."
        ) % {"introducer": _name(request.introducer)}
    _send(request, to, "intro.expired", subject, body)


def tell_thanks(request: IntroductionRequest) -> None:
    """The requester, once: say thank you to the introducer (seed 002, step 4)."""
    to = request.requester
    with in_language_of(to):
        subject = _("Thank %(introducer)s for the introduction") % {
            "introducer": _name(request.introducer)
        }
        body = _(
            "%(introducer)s introduced you to %(contact)s. A short thank-you, and a word on "
            "what came of it, keeps the door open for the next time."
        ) % {"introducer": _name(request.introducer), "contact": request.person.name}
    _send(request, to, "intro.thanks", subject, body)
