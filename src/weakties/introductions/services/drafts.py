"""The introduction message weakties drafts for the introducer, in the introducer's language.

The introducer edits it and sends it from their own mailbox; weakties never
writes to the contact (DESIGN.md). The contact never agreed to anything
(GDPR Art. 14; Belgian DPA decision 25/2020), so the draft ends with a short
notice and the link to the privacy page and objection form (``/privacy/``).
The draft names the contact by first name only and carries none of their
details: the address goes in the ``mailto:`` link, on the introducer's page.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from weakties.introductions.models import IntroductionRequest
from weakties.notifications.services.notify import in_language_of

__all__ = ["PRIVACY_PATH", "privacy_url", "draft_build", "mailto_link"]

#: The privacy page with the objection form (built by the trust work; the path is fixed here).
PRIVACY_PATH = "/privacy/"


def privacy_url() -> str:
    return f"{settings.WEAKTIES_BASE_URL}{PRIVACY_PATH}"


def _requester_line(request: IntroductionRequest) -> str:
    requester = request.requester
    name = requester.full_name or requester.email
    org = request.organisation.name
    if requester.job_title:
        return _("%(name)s, %(title)s at %(organisation)s") % {
            "name": name,
            "title": requester.job_title,
            "organisation": org,
        }
    return _("%(name)s of %(organisation)s") % {"name": name, "organisation": org}


def draft_build(request: IntroductionRequest) -> tuple[str, str]:
    """``(subject, body)`` of the introduction, in the introducer's language."""
    requester, introducer, person = request.requester, request.introducer, request.person
    with in_language_of(introducer):
        greeting = (
            _("Dear %(name)s,") % {"name": person.first_name} if person.first_name else _("Hello,")
        )
        questions = "\n".join(f"- {q}" for q in request.question_list)
        parts = [
            greeting,
            _("I would like to introduce you to my colleague %(requester)s.")
            % {"requester": _requester_line(request)},
        ]
        if request.blurb.strip():
            parts.append(request.blurb.strip())
        parts += [
            _("Why %(first)s would like to talk to you: %(reason)s")
            % {"first": requester.first_name or requester.full_name, "reason": request.reason},
            _("%(first)s's questions:") % {"first": requester.first_name or requester.full_name}
            + "\n"
            + questions,
            _(
                "Would you be open to a short conversation? If so, reply to both of us and "
                "take it from there. No problem at all if it does not suit you now."
            ),
            _("Kind regards,") + "\n" + (introducer.first_name or introducer.full_name),
            "—\n"
            + _(
                "I prepared this introduction with weakties, the tool %(organisation)s uses to "
                "see who can introduce whom. Your details stay in my own address book. How "
                "your details are handled, and how to object: %(url)s"
            )
            % {"organisation": request.organisation.name, "url": privacy_url()},
        ]
        subject = _("Introduction: %(requester)s and %(contact)s") % {
            "requester": requester.full_name or requester.email,
            "contact": person.name,
        }
    return subject[:200], "\n\n".join(parts)


def mailto_link(*, to: str, cc: str, subject: str, body: str) -> str:
    """A ``mailto:`` link that opens the introducer's own mail program (RFC 6068)."""
    return (
        f"mailto:{quote(to, safe='@')}?cc={quote(cc, safe='@')}"
        f"&subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
