"""An employee's own profile: skills, focus topics and a short blurb (issue 10, parts 4 and 5).

The focus topics say what contacts should send the employee's way: a clear
focus tells weak ties what to forward (seed ``003_*``; Granovetter 1973).
The skills and focus topics are what the expertise finder searches; the
blurb is what an introducer may forward about the employee.  Only the
employee edits it (:func:`weakties.expertise.rules.may_edit_profile`, asked
at the edges).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.expertise.models import Profile
from weakties.expertise.services.index import terms_refresh

__all__ = ["MAX_ENTRIES", "MAX_ENTRY", "MAX_BLURB", "profile_of", "profile_update"]

#: At most this many skills (and as many focus topics), each at most MAX_ENTRY characters.
MAX_ENTRIES = 40
MAX_ENTRY = 100
MAX_BLURB = 600


def profile_of(employee: Employee) -> Profile:
    """The employee's profile; an unsaved empty one when they never wrote it."""
    try:
        return employee.profile
    except Profile.DoesNotExist:
        return Profile(employee=employee)


def _entries(value: str | Sequence[str], field: str) -> str:
    """The entries of a skills or focus-topics value, one per line, each once, in order."""
    text = value if isinstance(value, str) else "\n".join(str(v) for v in value)
    entries = list(dict.fromkeys(" ".join(e.split()) for e in Profile.split(text)))
    if len(entries) > MAX_ENTRIES:
        raise ServiceError(
            _("at most %(n)d %(field)s, please; %(given)d were given")
            % {"n": MAX_ENTRIES, "field": field, "given": len(entries)}
        )
    long = [e for e in entries if len(e) > MAX_ENTRY]
    if long:
        raise ServiceError(
            _("“%(entry)s…” is too long: at most %(n)d characters per entry")
            % {"entry": long[0][:30], "n": MAX_ENTRY}
        )
    return "\n".join(entries)


def profile_update(
    *,
    employee: Employee,
    skills: str | Sequence[str] | None = None,
    focus_topics: str | Sequence[str] | None = None,
    blurb: str | None = None,
) -> Profile:
    """Change what is given (``None`` leaves a field as it is) and re-index the finder's terms.

    Skills and focus topics are lists, or text with one entry per line or
    comma; they are stored one per line, each once.  Refused with a
    :class:`ServiceError` for too many or too long entries or a blurb over
    600 characters.
    """
    if not employee.active:
        raise ServiceError(_("%(who)s no longer works here") % {"who": employee.email})
    profile = profile_of(employee)
    if skills is not None:
        profile.skills = _entries(skills, _("skills"))
    if focus_topics is not None:
        profile.focus_topics = _entries(focus_topics, _("focus topics"))
    if blurb is not None:
        blurb = blurb.strip()
        if len(blurb) > MAX_BLURB:
            raise ServiceError(
                _("the blurb has %(n)d characters; at most %(max)d, please")
                % {"n": len(blurb), "max": MAX_BLURB}
            )
        profile.blurb = blurb
    with transaction.atomic():
        profile.save()
        terms_refresh(employee_ids=[employee.pk])
        audit(
            "profile_update",
            actor=employee.user,
            actor_label=employee.email,
            employee=employee.email,
            fields=[
                name
                for name, value in (
                    ("skills", skills),
                    ("focus_topics", focus_topics),
                    ("blurb", blurb),
                )
                if value is not None
            ],
        )
    return profile
