"""The public objection form's requests: filed, confirmed by their address, decided by an admin.

1. :func:`objection_submit`: anyone files a request (erase, or stop using my
   data) with an email address, optionally a LinkedIn URL, and a reason.  A
   link to confirm it goes to the address given, whatever is known about it:
   the page says the same in every case (no oracle), and a person can only
   ask for an address they read.  At most ``PRIVACY_MAILS_PER_ADDRESS`` such
   mails per address a day (default 3); the web edge also limits requests per
   client.  A request whose link is not opened within a week is forgotten, with
   its address, and a decided one after ``WEAKTIES_OBJECTION_RETENTION_DAYS``
   (:func:`objections_purge`, run weekly by the worker: :mod:`weakties.privacy.tasks`).
2. :func:`objection_confirm`: the link was opened: the request waits for an admin.
3. :func:`objection_decide`: an admin confirms (the person is erased everywhere
   and their digests kept, :func:`.erasure.subject_erase`; an objection to the
   use of their data is honoured the same way, as weakties holds them for no
   other purpose) or rejects with an answer.  The person is told at the
   address given, in the language they used, and the address is then emptied
   (the digest stays, as the record of the request).

Every step is audited, with digests instead of the address.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.people.services.identity import digest
from weakties.privacy.models import ObjectionRequest
from weakties.privacy.services.erasure import subject_erase
from weakties.privacy.services.subjects import held_by, subject_of
from weakties.resolve import normalize_email, normalize_linkedin_url

__all__ = [
    "objection_submit",
    "objection_confirm",
    "objection_decide",
    "objections_for",
    "objections_purge",
    "PRIVACY_MAILS_PER_ADDRESS",
]

PRIVACY_MAILS_PER_ADDRESS = 3
MAX_REASON = 2000


def _absolute(path: str) -> str:
    return str(getattr(settings, "WEAKTIES_BASE_URL", "")) + path


def _clean(email: str, linkedin_url: str, reason: str) -> tuple[str, str, str]:
    address = normalize_email(email or "")
    if not address or "@" not in address:
        raise ServiceError(_("give the email address at which we can answer you"))
    profile = ""
    if (linkedin_url or "").strip():
        profile = normalize_linkedin_url(linkedin_url.strip()) or ""
        if not profile:
            raise ServiceError(
                _("{value} is not a LinkedIn profile URL").format(value=repr(linkedin_url[:80]))
            )
    reason = (reason or "").replace("\x00", "").strip()
    if len(reason) > MAX_REASON:
        raise ServiceError(
            _("the reason is too long: at most %(n)d characters") % {"n": MAX_REASON}
        )
    return address, profile, reason


def _mail(to: str, language: str, subject: str, body: str) -> None:
    """Send, or refuse with a clear message (the caller's transaction then changes nothing)."""
    try:
        EmailMessage(subject=subject, body=body, to=[to]).send()
    except (OSError, smtplib.SMTPException) as exc:
        raise ServiceError(
            _("the mail server could not be reached just now, so nothing was done; try again later")
        ) from exc


def _confirmation_mail(request: ObjectionRequest, address: str) -> None:
    link = _absolute(reverse("privacy:object_confirm", args=[request.token]))
    with translation.override(request.language or settings.LANGUAGE_CODE):
        subject = _("Confirm your privacy request")
        body = _(
            "Someone, probably you, asked weakties to {what} for this address.\n\n"
            "If that was you, confirm it here:\n{link}\n\n"
            "An administrator then handles your request, and we tell you at this address what was "
            "done. If it was not you, ignore this message: nothing happens.\n\n"
            "How weakties handles data: {privacy}"
        ).format(what=request.get_kind_display(), link=link, privacy=_absolute(PRIVACY_PAGE))
        _mail(address, request.language, subject, body)


#: The public privacy notice (built in the ``site`` app).
PRIVACY_PAGE = "/privacy/"


#: Days an unconfirmed request (and the address in it) is kept before it is forgotten.
UNCONFIRMED_DAYS = 7

#: Days a decided request is kept as the record of it (``WEAKTIES_OBJECTION_RETENTION_DAYS``).
RETENTION_DAYS = 365


def retention_days() -> int:
    return max(int(getattr(settings, "WEAKTIES_OBJECTION_RETENTION_DAYS", RETENTION_DAYS)), 0)


def objections_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete the requests that are kept no longer; how many of each.

    * unconfirmed, filed more than :data:`UNCONFIRMED_DAYS` days ago: the link
      was never opened, so the address in it was perhaps typed by someone else;
    * decided (carried out or rejected) more than ``WEAKTIES_OBJECTION_RETENTION_DAYS``
      days ago (``0``: kept): the record of the request, its reason and answer.

    A confirmed request waiting for an admin is kept: it must be answered.  The
    erasure digests of a carried-out request are not here and stay
    (:class:`~weakties.people.models.Erasure`), so the person stays out.
    """
    now = now or timezone.now()
    rows = ObjectionRequest.objects
    removed = {
        "unconfirmed": int(
            rows.filter(
                status=ObjectionRequest.Status.UNCONFIRMED,
                created_at__lt=now - dt.timedelta(days=UNCONFIRMED_DAYS),
            ).delete()[0]
        ),
        "decided": 0,
    }
    days = retention_days()
    if days:
        removed["decided"] = int(
            rows.filter(
                status__in=(ObjectionRequest.Status.CONFIRMED, ObjectionRequest.Status.REJECTED),
                decided_at__lt=now - dt.timedelta(days=days),
            ).delete()[0]
        )
    if removed["unconfirmed"] or removed["decided"]:
        audit("privacy.objections_purged", actor_label="system", **removed)
    return removed


@transaction.atomic
def objection_submit(
    *, kind: str, email: str, linkedin_url: str = "", reason: str = "", language: str = ""
) -> ObjectionRequest:
    """File a request and mail its confirmation link to ``email`` (see the module)."""
    if kind not in ObjectionRequest.Kind.values:
        raise ServiceError(_("choose what you ask: erase, or stop using your data"))
    address, profile, reason = _clean(email, linkedin_url, reason)
    objections_purge()
    email_digest = digest(address)
    request = ObjectionRequest.objects.create(
        kind=kind,
        email=address,
        linkedin_url=profile,
        reason=reason,
        email_digest=email_digest,
        linkedin_digest=digest(profile) if profile else "",
        language=(language or "")[:8],
    )
    since = timezone.now() - dt.timedelta(days=1)
    mailed = ObjectionRequest.objects.filter(email_digest=email_digest, created_at__gte=since)
    limit = int(getattr(settings, "PRIVACY_MAILS_PER_ADDRESS", PRIVACY_MAILS_PER_ADDRESS))
    if mailed.count() <= limit:
        _confirmation_mail(request, address)
    audit("privacy.objection_filed", actor_label="objection form", request=request.pk, kind=kind)
    return request  # its saving starts the weekly purge (weakties.privacy.receivers)


def objection_confirm(*, token: str) -> ObjectionRequest | None:
    """The confirmation link was opened: the request waits for an admin (``None``: no such link)."""
    request = ObjectionRequest.objects.filter(token=token).first()
    if request is None:
        return None
    if request.status == ObjectionRequest.Status.UNCONFIRMED:
        request.status = ObjectionRequest.Status.PENDING
        request.confirmed_at = timezone.now()
        request.save(update_fields=["status", "confirmed_at"])
        audit("privacy.objection_confirmed", actor_label="objection form", request=request.pk)
    return request


def _organisations_of(request: ObjectionRequest) -> list[Organisation]:
    subject = subject_of(request.email, request.linkedin_url)
    return [org for org in Organisation.objects.all() if held_by(subject, org)]


def objections_for(user: Any, *, status: str = "pending") -> QuerySet:
    """The requests this admin handles: about their organisation, or about none (a superuser: all)."""
    rows = ObjectionRequest.objects.filter(status=status)
    me = getattr(user, "employee", None) if getattr(user, "is_authenticated", False) else None
    if me is None:
        return rows if getattr(user, "is_superuser", False) else rows.none()
    visible = []
    for request in rows.exclude(email=""):
        orgs = _organisations_of(request)
        if not orgs or any(o.pk == me.organisation_id for o in orgs):
            visible.append(request.pk)
    return rows.filter(Q(pk__in=visible))


def may_decide(user: Any, request: ObjectionRequest) -> bool:
    """An admin who sees the request in their list (see :func:`objections_for`)."""
    from weakties.privacy.rules import may_handle_privacy

    return may_handle_privacy(user) and objections_for(user).filter(pk=request.pk).exists()


def _answer_mail(request: ObjectionRequest, erased: dict[str, Any] | None) -> None:
    with translation.override(request.language or settings.LANGUAGE_CODE):
        if erased is not None:
            subject = _("Your privacy request was carried out")
            body = _(
                "We handled your request to {what}. Whatever weakties held about this address"
                "{linkedin} is erased, and only a one-way digest of it is kept so that it is not "
                "imported again.\n\nHow weakties handles data: {privacy}"
            )
        else:
            subject = _("Your privacy request was not carried out")
            body = _(
                "We handled your request to {what} and did not carry it out, for this reason:\n\n"
                "{answer}\n\nYou may complain to the data protection authority. "
                "How weakties handles data: {privacy}"
            )
        body = body.format(
            what=request.get_kind_display(),
            linkedin=_(" and LinkedIn profile") if request.linkedin_url else "",
            answer=request.answer,
            privacy=_absolute(PRIVACY_PAGE),
        )
        _mail(request.email, request.language, subject, body)


@transaction.atomic
def objection_decide(
    *, request: ObjectionRequest, accept: bool, actor: Any, answer: str = ""
) -> ObjectionRequest:
    """Carry out or reject a confirmed request; tell the person; forget their address."""
    request = ObjectionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ObjectionRequest.Status.PENDING:
        raise ServiceError(_("this request is not waiting for a decision"))
    if not accept and not answer.strip():
        raise ServiceError(_("say why the request is rejected: the person is told"))
    label = getattr(actor, "username", "") or "admin"
    erased = None
    if accept:
        subject = subject_of(request.email, request.linkedin_url)
        if subject.person is not None and Employee.objects.filter(person=subject.person).exists():
            raise ServiceError(
                _(
                    "this address is an employee's: erase them as an employee (weakties employee erase)"
                )
            )
        erased = subject_erase(subject=subject, actor=actor, actor_label=label)
        request.result = erased["removed"]
    request.status = (
        ObjectionRequest.Status.CONFIRMED if accept else ObjectionRequest.Status.REJECTED
    )
    request.answer = answer.strip()
    request.decided_at = timezone.now()
    request.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    _answer_mail(request, erased)
    request.email = ""
    request.linkedin_url = ""
    request.save()
    audit(
        "privacy.objection_decided",
        actor=actor,
        request=request.pk,
        accepted=accept,
    )
    return request
