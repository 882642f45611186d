"""A short, personal connection request that asks no favour (seed ``002_*``, step 3).

"Send a personalised message with the polite question to connect. Don't ask
for a favour straight away: that comes across as too aggressive."  The draft
names who the employee is and why this person interests them, in the
employee's language (or the one asked for), and stays under LinkedIn's 300
characters for an invitation note.  The employee edits it and sends it
themselves; weakties never writes to anyone outside the organisation.  The
person never agreed to anything (GDPR Art. 14, Belgian DPA 25/2020), so the
draft ends with a short notice linking the privacy page and objection form
(``weakties.site.privacy.privacy_url``), short enough for the 300 characters.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.expertise.models import Profile
from weakties.plans.models import Goal, Plan
from weakties.plans.targets import classify

__all__ = ["LINKEDIN_NOTE_LIMIT", "draft_message", "draft_language"]

#: LinkedIn's limit for the note on a connection request.
LINKEDIN_NOTE_LIMIT = 300


def draft_language(employee: Employee, asked: str | None = None) -> str:
    """``asked`` if it is a language of the site, else the employee's, else the page's."""
    codes = ("nl", "en")
    if asked in codes:
        return str(asked)
    if employee.language in codes:
        return employee.language
    current = (translation.get_language() or "nl")[:2]
    return current if current in codes else "nl"


def _area(plan: Plan) -> tuple[str, str]:
    """``(area, kind)``: the first target (``company`` or ``field``), else a focus topic."""
    if plan.targets:
        first = plan.targets[0]
        return first, "company" if classify([first]).companies else "field"
    profile = Profile.objects.filter(employee=plan.employee).first()
    topics = Profile.split(profile.focus_topics) if profile else []
    return (topics[0], "field") if topics else ("", "field")


def _who(employee: Employee) -> str:
    first = employee.first_name or employee.full_name or employee.email
    if employee.job_title:
        return _("I am %(first)s, %(job)s at %(org)s.") % {
            "first": first,
            "job": employee.job_title,
            "org": employee.organisation.name,
        }
    return _("I am %(first)s from %(org)s.") % {"first": first, "org": employee.organisation.name}


def _about_company(goal: str, company: str) -> str:
    values = {"company": company}
    if goal in (Goal.NEW_JOB, Goal.NEW_DIRECTION):
        return (
            _(
                "I am curious about the work at %(company)s, and your profile caught my eye. "
                "I would be glad to connect and follow what you do."
            )
            % values
        )
    if goal == Goal.KNOWLEDGE:
        return (
            _(
                "I am learning more about what %(company)s does and value what you share. "
                "I would be glad to connect."
            )
            % values
        )
    if goal == Goal.PROMOTION:
        return (
            _(
                "I like how people at %(company)s work and would be glad to connect "
                "and follow your experience."
            )
            % values
        )
    return (
        _(
            "I follow %(company)s with interest and enjoyed what you shared about it. "
            "I would be glad to connect."
        )
        % values
    )


def _about_field(goal: str, area: str) -> str:
    values = {"area": area}
    if goal in (Goal.NEW_JOB, Goal.NEW_DIRECTION):
        return (
            _(
                "I am finding my way in %(area)s, and your work there caught my eye. "
                "I would be glad to connect and follow what you do."
            )
            % values
        )
    if goal == Goal.KNOWLEDGE:
        return (
            _(
                "I am learning more about %(area)s and value what you share about it. "
                "I would be glad to connect."
            )
            % values
        )
    if goal == Goal.PROMOTION:
        return (
            _(
                "I like how you work in %(area)s and would be glad to connect "
                "and follow your experience."
            )
            % values
        )
    return (
        _(
            "I follow %(area)s with interest and enjoyed what you shared about it. "
            "I would be glad to connect."
        )
        % values
    )


def _privacy_url() -> str:
    """The public privacy page (``site``'s ``privacy-notice``), absolute: the note leaves the site."""
    return f"{settings.WEAKTIES_BASE_URL}/privacy/"


def draft_message(*, plan: Plan, language: str | None = None) -> str:
    """weakties' draft of the connection request, in ``language`` (default: the employee's)."""
    employee = plan.employee
    with translation.override(draft_language(employee, language)):
        area, kind = _area(plan)
        about = (
            _about_company(plan.goal, area)
            if kind == "company"
            else _about_field(plan.goal, area or _("your field"))
        )
        lines = [
            _("Hello [name],"),
            f"{_who(employee)} {about}",
            _("Kind regards,") + "\n" + (employee.full_name or employee.email),
            _("Privacy & objection: %(url)s") % {"url": _privacy_url()},
        ]
        return "\n\n".join(lines)
