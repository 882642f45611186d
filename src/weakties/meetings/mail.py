"""The emails of the meeting cycle and the calendar invite that goes with the call.

Every message goes through Django's email backend (real SMTP in production:
``WEAKTIES_EMAIL_HOST``/``PORT``).  The calendar invite is an iCalendar
``METHOD:REQUEST`` event written by vobject (RFC 5545: CRLF line ends, lines
folded at 75 octets, escaped text); the same UID with a higher SEQUENCE
updates the event in the attendee's calendar when the meeting moves.

Links in emails are absolute (``WEAKTIES_BASE_URL``).  The link to the
help-request form carries a signed token naming the meeting and the employee,
so colleagues without a login can answer the call.
"""

from __future__ import annotations

import datetime as dt
import re
from email.mime.text import MIMEText
from urllib.parse import urlparse

import vobject
from dateutil import tz
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from weakties.accounts.models import Employee
from weakties.meetings.models import ContactSuggestion, FederationInvitation, HelpRequest, Meeting
from weakties.meetings.services.proposals import why_text

__all__ = [
    "absolute",
    "request_link",
    "read_request_token",
    "calendar_invite",
    "call_message",
    "feedback_message",
    "contact_question_message",
    "invitation_message",
]

_SALT = "weakties.meetings.help-request"
#: A link in a call works this long: through the meeting and the feedback after it.
TOKEN_MAX_AGE = dt.timedelta(days=365)


def absolute(path: str) -> str:
    """``path`` as a link that works outside the site (``WEAKTIES_BASE_URL``)."""
    return settings.WEAKTIES_BASE_URL + path


def request_link(meeting: Meeting, employee: Employee) -> str:
    """The help-request form for this employee, signed: it works without a login."""
    token = signing.dumps({"m": meeting.pk, "e": employee.pk}, salt=_SALT, compress=True)
    return absolute(reverse("meetings:ask_token", args=[meeting.pk, token]))


def read_request_token(meeting: Meeting, token: str) -> Employee | None:
    """The employee a form link was made for, or None when the token is not for this meeting."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("m") != meeting.pk:
        return None
    return (
        Employee.objects.filter(pk=data.get("e"), active=True)
        .select_related("organisation")
        .first()
    )


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(tz.UTC)


def calendar_invite(meeting: Meeting, attendee: Employee) -> str:
    """The meeting as an iCalendar ``METHOD:REQUEST`` for one attendee (text with CRLF)."""
    host = urlparse(settings.WEAKTIES_BASE_URL).hostname or "localhost"
    cal = vobject.iCalendar()
    cal.add("method").value = "REQUEST"
    event = cal.add("vevent")
    event.add("uid").value = f"weakties-meeting-{meeting.pk}@{host}"
    event.add("dtstamp").value = _utc(timezone.now())
    event.add("dtstart").value = _utc(meeting.starts_at)
    event.add("dtend").value = _utc(meeting.ends_at)
    event.add("sequence").value = str(meeting.sequence)
    event.add("summary").value = str(meeting.federation.name)
    if meeting.place:
        event.add("location").value = meeting.place
    description = meeting.agenda or ""
    event.add("description").value = (
        description
        + ("\n\n" if description else "")
        + absolute(reverse("meetings:meeting", args=[meeting.pk]))
    )
    organizer = event.add("organizer")
    organizer.value = f"mailto:{settings.DEFAULT_FROM_EMAIL}"
    organizer.params["CN"] = [str(meeting.federation.name)]
    att = event.add("attendee")
    att.value = f"mailto:{attendee.email}"
    if attendee.full_name:
        att.params["CN"] = [attendee.full_name]
    att.params["ROLE"] = ["REQ-PARTICIPANT"]
    att.params["PARTSTAT"] = ["NEEDS-ACTION"]
    att.params["RSVP"] = ["TRUE"]
    text = cal.serialize()
    # vobject writes its own PRODID; name the product that made the invite.
    return re.sub(
        r"^PRODID:[^\r\n]*", "PRODID:-//weakties//meetings//EN", text, count=1, flags=re.M
    )


def _invite_part(ics: str) -> MIMEText:
    part = MIMEText(ics, "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def call_message(meeting: Meeting, employee: Employee, *, reminder: bool = False) -> EmailMessage:
    """The call for help requests (or its reminder), with the form link and the calendar invite."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "meeting": meeting,
            "employee": employee,
            "link": request_link(meeting, employee),
            "reminder": reminder,
            "kinds": HelpRequest._meta.get_field("kind").choices,
        }
        subject = render_to_string("meetings/email/call_subject.txt", context).strip()
        body = render_to_string("meetings/email/call.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[employee.email])
    if not reminder:
        message.attach(_invite_part(calendar_invite(meeting, employee)))
    return message


def feedback_message(request: HelpRequest) -> EmailMessage:
    """What happened to a help request at the meeting, and the next step."""

    with translation.override(settings.LANGUAGE_CODE):
        matches = list(request.as_supply.select_related("demand__organisation")) + list(
            request.as_demand.select_related("supply__organisation")
        )
        for m in matches:
            m.why_display = why_text(m)
        # The requester's own form link shows their requests and outcomes, with or without a login.
        link = (
            request_link(request.meeting, request.requester)
            if request.requester_id
            else absolute(reverse("meetings:meeting", args=[request.meeting_id]))
        )
        context = {"request": request, "meeting": request.meeting, "matches": matches, "link": link}
        subject = render_to_string("meetings/email/feedback_subject.txt", context).strip()
        body = render_to_string("meetings/email/feedback.txt", context)
    return EmailMessage(subject=subject, body=body, to=[request.requester_email])


def contact_question_message(suggestion: ContactSuggestion) -> EmailMessage:
    """ "Is this something for your contact?" to the employee who knows them (never to the contact)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "suggestion": suggestion,
            "demand": suggestion.demand,
            "person": suggestion.person,
            "link": absolute(reverse("meetings:contact_answer", args=[suggestion.token])),
            # The Art. 14 notice the employee passes on with it (the site's privacy page).
            "privacy": absolute("/privacy/"),
        }
        subject = render_to_string("meetings/email/contact_subject.txt", context).strip()
        body = render_to_string("meetings/email/contact.txt", context)
    return EmailMessage(subject=subject, body=body, to=[suggestion.employee.email])


def invitation_message(invitation: FederationInvitation, employee: Employee) -> EmailMessage:
    """An organisation is invited to join a federation: to its admins and representatives."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "employee": employee,
            "link": absolute(reverse("meetings:invitation", args=[invitation.token])),
        }
        subject = render_to_string("meetings/email/invitation_subject.txt", context).strip()
        body = render_to_string("meetings/email/invitation.txt", context)
    return EmailMessage(subject=subject, body=body, to=[employee.email])
