""" "Is this something for your contact?": asking colleagues, and what they forward.

The colleagues whose contacts may fit a vacancy (its stored suggestions) are
asked through :func:`weakties.notifications.services.notify.notify`, which
shows the notice in the app and emails it at once or in the colleague's
digest.  A colleague is asked at most once per vacancy, and about any vacancy
at most once every ``WEAKTIES_REFERRAL_ASK_DAYS`` days (default 7): weak ties
are a favour, not a channel (seed ``003``).  Those asked too recently wait;
:func:`asks_send` asks them on a later run (the edges schedule one for when
the first of them is due, where the task backend can defer).

The notice links to the forward page: a ready-to-forward text in the
colleague's own language with their **personal referral link** (a signed
token naming the vacancy and the colleague, :func:`referral_link`) and a
short privacy notice linking ``/privacy/`` (GDPR Art. 14: the contact never
agreed to anything; DESIGN.md).  weakties never writes to the contact: the
colleague forwards it from their own mailbox.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weakties.accounts.models import Employee
from weakties.notifications.services.notify import in_language_of, notify
from weakties.referrals.conf import ask_days
from weakties.referrals.models import Ask, Suggestion, Vacancy
from weakties.referrals.services.actors import audit_by

__all__ = [
    "ask_days",
    "absolute",
    "asks_send",
    "forward_text",
    "mailto",
    "read_referral_token",
    "referral_link",
]

_SALT = "weakties.referrals.link"
#: A referral link works this long (the vacancy must still be open, too).
LINK_MAX_AGE = dt.timedelta(days=730)
#: Contacts named in one notice.
_NAMED = 5


def absolute(path: str) -> str:
    """``path`` as a link that works outside the site (``WEAKTIES_BASE_URL``)."""
    return settings.WEAKTIES_BASE_URL + path


def referral_link(vacancy: Vacancy, employee: Employee) -> str:
    """The personal referral link of ``employee`` for ``vacancy``: signed, works without a login."""
    token = signing.dumps({"v": vacancy.pk, "e": employee.pk}, salt=_SALT, compress=True)
    return absolute(reverse("referrals:apply", args=[token]))


def read_referral_token(token: str) -> tuple[Vacancy, Employee] | None:
    """The vacancy and referrer a link was made for, or ``None`` (forged, old, unknown)."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    vacancy = Vacancy.objects.select_related("organisation").filter(pk=data.get("v")).first()
    employee = Employee.objects.filter(pk=data.get("e"), active=True).first()
    if vacancy is None or employee is None or employee.organisation_id != vacancy.organisation_id:
        return None
    return vacancy, employee


def forward_text(vacancy: Vacancy, employee: Employee) -> dict[str, str]:
    """``{"subject", "body", "link", "privacy"}``: what the colleague forwards, in their language."""
    link = referral_link(vacancy, employee)
    privacy = absolute("/privacy/")
    with in_language_of(employee):
        where = (
            _("%(title)s in %(location)s") % {"title": vacancy.title, "location": vacancy.location}
            if vacancy.location
            else vacancy.title
        )
        subject = _("Something for you? %(title)s at %(organisation)s") % {
            "title": vacancy.title,
            "organisation": vacancy.organisation.name,
        }
        closes = (
            _("You can respond until %(day)s.") % {"day": date_format(vacancy.closes_on)}
            if vacancy.closes_on
            else ""
        )
        notice = _(
            "You get this message from %(name)s, who knows you. %(organisation)s uses weakties "
            "to see which colleague knows whom; how your data are handled and how to object: "
            "%(privacy)s"
        ) % {
            "name": employee.full_name or employee.email,
            "organisation": vacancy.organisation.name,
            "privacy": privacy,
        }
        body = "\n\n".join(
            part
            for part in (
                _("Hi,"),
                _(
                    "At %(organisation)s we are looking for a %(where)s. I thought of you: "
                    "is this something for you, or do you know someone it would suit?"
                )
                % {"organisation": vacancy.organisation.name, "where": where},
                _("Read the vacancy and respond through my personal link: %(link)s")
                % {"link": link},
                closes,
                _("Kind regards,") + "\n" + (employee.first_name or employee.full_name),
                "—\n" + notice,
            )
            if part
        )
    return {"subject": subject, "body": body, "link": link, "privacy": privacy}


def mailto(text: dict[str, str], to: str = "") -> str:
    """A ``mailto:`` link with the forward text filled in (RFC 6068)."""
    return f"mailto:{quote(to)}?subject={quote(text['subject'])}&body={quote(text['body'])}"


def _last_asked(employee_ids: list[int]) -> dict[int, dt.datetime]:
    rows = (
        Ask.objects.filter(employee_id__in=employee_ids)
        .values("employee_id")
        .annotate(last=Max("asked_at"))
    )
    return {r["employee_id"]: r["last"] for r in rows}


def _notify_ask(vacancy: Vacancy, employee: Employee, names: list[str], more: int) -> None:
    with in_language_of(employee):
        shown = ", ".join(names) + (
            " " + ngettext("and %(n)s other", "and %(n)s others", more) % {"n": more}
            if more
            else ""
        )
        subject = _("Is this something for your contact? %(title)s") % {"title": vacancy.title}
        body = _(
            "%(organisation)s is looking for a %(title)s. People you know may fit: %(names)s. "
            "Would you forward the vacancy to them? A text to forward and your personal "
            "referral link are ready."
        ) % {"organisation": vacancy.organisation.name, "title": vacancy.title, "names": shown}
        notify(
            employee=employee,
            kind="referral.ask",
            subject=subject,
            body=body,
            link=reverse("referrals:forward", args=[vacancy.pk]),
        )


def asks_send(
    *,
    vacancy: Vacancy,
    now: dt.datetime | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> dict[str, Any]:
    """Ask the colleagues who know the vacancy's suggested contacts; ``{"asked", "waiting", "due"}``.

    ``asked`` colleagues got a notice now; ``waiting`` were asked about some
    vacancy less than :func:`ask_days` ago and are asked when ``due`` (the
    earliest such moment, ISO 8601, or ``None``).  Colleagues already asked
    about this vacancy, and those who left or withdrew, are not asked again.
    """
    now = now or timezone.now()
    if not vacancy.is_open:
        return {"asked": 0, "waiting": 0, "due": None}
    contacts: dict[int, list[str]] = {}
    suggestions = (
        Suggestion.objects.filter(vacancy=vacancy, employee__active=True)
        .exclude(employee__in=Ask.objects.filter(vacancy=vacancy).values("employee"))
        .select_related("person")
        .order_by("rank")
    )
    for s in suggestions:
        contacts.setdefault(s.employee_id, []).append(s.person.name)
    last = _last_asked(list(contacts))
    gap = dt.timedelta(days=ask_days())
    employees = Employee.objects.in_bulk(list(contacts))
    asked, waiting = 0, []
    with transaction.atomic():
        for employee_id, names in contacts.items():
            if employee_id in last and now - last[employee_id] < gap:
                waiting.append(last[employee_id] + gap)
                continue
            Ask.objects.create(vacancy=vacancy, employee_id=employee_id, asked_at=now)
            _notify_ask(
                vacancy, employees[employee_id], names[:_NAMED], max(0, len(names) - _NAMED)
            )
            asked += 1
        audit_by(
            "referral_ask",
            actor,
            actor_label,
            vacancy=vacancy.pk,
            asked=asked,
            waiting=len(waiting),
        )
    due = min(waiting).isoformat() if waiting else None
    return {"asked": asked, "waiting": len(waiting), "due": due}
