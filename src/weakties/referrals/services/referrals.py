"""Referrals: a candidate applies through a colleague's link and moves through the pipeline.

:func:`referral_apply` records what the candidate typed in on the public
apply page, with its source (the referrer and the vacancy).  The rules:

* **the first referrer wins**: a candidate who already came in for the same
  vacancy (the same email address or LinkedIn profile, compared by digest)
  through a referral that is still valid stays with that referral and its
  referrer; applying again through another colleague's link changes nothing;
* **a referral is valid for a number of months** (the organisation's setting,
  default 6, ``WEAKTIES_REFERRAL_VALID_MONTHS``): a referral still at
  "referred" after that no longer holds the candidate; it can no longer be
  moved, and the candidate's next application through any link is a new
  referral.  Once the recruiter has contacted the candidate the referral holds.

:func:`referral_set_stage` moves a referral along referred → contacted →
interview → offer → hired / not hired; the referrer is told at every stage,
including "not hired", through :func:`~weakties.notifications.services.notify.notify`
(in their own language, with the stage only: the candidate's details stay
with the recruiters).  The recruiter who entered the vacancy is told of every
new referral.

:func:`referral_tie` links a new referral to the referrer's tie to the
candidate, when the candidate's email address or LinkedIn profile is an
identifier of a person the referrer has a tie with (compared by digest, as
identity resolution stores them).  The referral is then an outcome of that
tie: ``weakties analyze --calibrate`` learns the tie-strength weights from it
(:func:`weakties.referrals.selectors.referral_outcomes`, passed to
:func:`weakties.insights.services.calibration.calibration_fit`).  A referral
of someone the referrer has no tie with in the data stays unlinked.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.notifications.services.notify import in_language_of, notify
from weakties.people.models import PersonIdentifier, Tie
from weakties.people.services.identity import digest
from weakties.referrals.models import Referral, Stage, Vacancy, add_months
from weakties.referrals.rules import RECRUITING_ROLES
from weakties.referrals.services.actors import audit_by
from weakties.referrals.services.org_settings import settings_of
from weakties.resolve import normalize_email, normalize_linkedin_url

__all__ = [
    "referral_apply",
    "referral_dict",
    "referral_set_stage",
    "referral_tie",
    "stage_message",
]

MAX_NAME = 200
MAX_MESSAGE = 5_000


def _clean(name: str, email: str, linkedin_url: str, message: str) -> tuple[str, str, str, str]:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_("give your name"))
    if len(name) > MAX_NAME:
        raise ServiceError(_("the name is longer than %(limit)s characters") % {"limit": MAX_NAME})
    address = normalize_email(email or "")
    if not address:
        raise ServiceError(_("%(value)s is not an email address") % {"value": repr(email or "")})
    url = (linkedin_url or "").strip()
    profile = normalize_linkedin_url(url) if url else ""
    if url and not profile:
        raise ServiceError(
            _("%(value)s is not a LinkedIn profile URL (linkedin.com/in/…)") % {"value": repr(url)}
        )
    text = (message or "").strip()
    if len(text) > MAX_MESSAGE:
        raise ServiceError(
            _("the message is longer than %(limit)s characters") % {"limit": MAX_MESSAGE}
        )
    return name, address, profile, text


def _holding(vacancy: Vacancy, email_digest: str, linkedin_digest: str) -> Referral | None:
    """The valid referral that already holds this candidate for this vacancy, if any."""
    same = Referral.objects.filter(vacancy=vacancy, email_digest=email_digest)
    if linkedin_digest:
        same = same | Referral.objects.filter(vacancy=vacancy, linkedin_digest=linkedin_digest)
    for referral in same.order_by("created_at", "pk"):
        if not referral.expired:
            return referral
    return None


def referral_tie(referrer_id: int, email_digest: str, linkedin_digest: str = "") -> Tie | None:
    """The referrer's tie to the person with this email or LinkedIn digest, if there is one.

    Identity resolution may have kept the email and the LinkedIn profile on two
    people; the referrer's tie to either counts (the lowest id when both).
    """
    keys = [("email", email_digest)] + ([("linkedin", linkedin_digest)] if linkedin_digest else [])
    match = Q()
    for kind, key in keys:
        match |= Q(kind=kind, digest=key)
    people = PersonIdentifier.objects.filter(match).values("person_id")
    return Tie.objects.filter(employee_id=referrer_id, person_id__in=people).order_by("pk").first()


def _tell_recruiters(referral: Referral) -> None:
    vacancy = referral.vacancy
    creator = vacancy.created_by
    if creator is not None and creator.active:
        recruiters = [creator]
    else:
        recruiters = list(
            Employee.objects.filter(
                organisation_id=vacancy.organisation_id, active=True, role__in=RECRUITING_ROLES
            )
        )
    for recruiter in recruiters:
        with in_language_of(recruiter):
            notify(
                employee=recruiter,
                kind="referral.new",
                subject=_("New referral for %(title)s") % {"title": vacancy.title},
                body=_("A candidate applied through a colleague's referral link."),
                link=reverse("referrals:vacancy", args=[vacancy.pk]),
            )


@transaction.atomic
def referral_apply(
    *,
    vacancy: Vacancy,
    referrer: Employee,
    name: str,
    email: str,
    linkedin_url: str = "",
    message: str = "",
) -> tuple[Referral, bool]:
    """Record a candidate's application through ``referrer``'s link: ``(referral, created)``.

    ``created`` is false when a valid referral already holds the candidate
    for this vacancy (the first referrer wins); nothing changes then.
    """
    if not vacancy.is_open:
        raise ServiceError(_("this vacancy is closed"))
    if referrer.organisation_id != vacancy.organisation_id or not referrer.active:
        raise ServiceError(_("this referral link is not valid"))
    name, address, profile, text = _clean(name, email, linkedin_url, message)
    email_digest = digest(address)
    linkedin_digest = digest(profile) if profile else ""
    Vacancy.objects.select_for_update().filter(pk=vacancy.pk).first()  # one applicant at a time
    held = _holding(vacancy, email_digest, linkedin_digest)
    if held is not None:
        audit_by("referral_repeat", None, "apply page", vacancy=vacancy.pk, referral=held.pk)
        return held, False
    today = timezone.localdate()
    referral = Referral.objects.create(
        vacancy=vacancy,
        referrer=referrer,
        name=name,
        email=address,
        linkedin_url=f"https://www.{profile}" if profile else "",
        message=text,
        email_digest=email_digest,
        linkedin_digest=linkedin_digest,
        valid_until=add_months(today, settings_of(vacancy.organisation).valid_months),
        tie=referral_tie(referrer.pk, email_digest, linkedin_digest),
    )
    audit_by("referral_apply", None, "apply page", vacancy=vacancy.pk, referral=referral.pk)
    _tell_referrer(referral)
    _tell_recruiters(referral)
    return referral, True


def stage_message(stage: str, title: str) -> tuple[str, str]:
    """``(subject, body)`` telling a referrer their referral reached ``stage`` (active language)."""
    subject = _("Your referral for %(title)s: %(stage)s") % {
        "title": title,
        "stage": Stage(stage).label,
    }
    body = {
        Stage.REFERRED: _(
            "Someone you referred applied through your link. The recruiters take it from here; "
            "you hear at every step."
        ),
        Stage.CONTACTED: _("The recruiters have contacted the candidate you referred."),
        Stage.INTERVIEW: _("The candidate you referred is invited for an interview."),
        Stage.OFFER: _("The candidate you referred has received an offer."),
        Stage.HIRED: _("The candidate you referred was hired. Thank you for the referral!"),
        Stage.NOT_HIRED: _(
            "It did not work out this time for the candidate you referred. Thank you for "
            "thinking of us; keep forwarding the vacancies that fit people you know."
        ),
    }[Stage(stage)]
    return subject, body


def _tell_referrer(referral: Referral) -> None:
    referrer = referral.referrer
    if referrer is None or not referrer.active:
        return
    with in_language_of(referrer):
        subject, body = stage_message(referral.stage, referral.vacancy.title)
        notify(
            employee=referrer,
            kind="referral.stage",
            subject=subject,
            body=body,
            link=reverse("referrals:mine"),
        )


def referral_set_stage(
    referral: Referral, *, stage: str, actor: Any = None, actor_label: str = ""
) -> Referral:
    """Move a referral to ``stage`` and tell its referrer.  An expired referral stays put."""
    if stage not in Stage.values:
        raise ServiceError(
            _("stage must be one of %(choices)s, not %(stage)s")
            % {"choices": ", ".join(Stage.values), "stage": repr(stage)}
        )
    if referral.expired:
        raise ServiceError(
            _(
                "this referral expired on %(day)s; the candidate can apply again through a "
                "referral link"
            )
            % {"day": referral.valid_until.isoformat()}
        )
    if stage == referral.stage:
        return referral
    referral.stage = stage
    referral.stage_changed_at = timezone.now()
    referral.save(update_fields=["stage", "stage_changed_at"])
    audit_by("referral_stage", actor, actor_label, referral=referral.pk, stage=stage)
    _tell_referrer(referral)
    return referral


def referral_dict(r: Referral, *, details: bool) -> dict[str, Any]:
    """A referral as JSON; ``details`` (recruiters only) adds the candidate's own data."""
    out: dict[str, Any] = {
        "id": r.pk,
        "vacancy": {"id": r.vacancy_id, "title": r.vacancy.title},
        "stage": r.stage,
        "created": r.created_at.isoformat(),
        "valid_until": r.valid_until.isoformat(),
        "expired": r.expired,
    }
    if details:
        out["referrer"] = r.referrer.email if r.referrer else None
        out["candidate"] = {
            "name": r.name,
            "email": r.email,
            "linkedin_url": r.linkedin_url,
            "message": r.message,
        }
    return out
