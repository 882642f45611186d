"""Erasure on request (GDPR Art. 17): of an employee, and of an external person.

**An employee** (:func:`employee_erase`): their ties and imports (the
uploaded files too), the contacts only they knew, the introduction requests
they made or were asked, the referrals they made, their plans, profile and
target lists, notices, invitations and shares, help-request suggestions,
their consent records, their login and API tokens; then the employee and the
person they are (colleagues' ties to them go with it).  Their address and
LinkedIn digests are kept as erasure records, so a later import of an old
file does not bring them back.  Audit entries stay, with the person replaced
by a placeholder (:mod:`.audit_scrub`), and so do colleagues' notices naming
them (:mod:`.notice_scrub`).

**An external person** (:func:`subject_erase`), found by email address or
LinkedIn URL: the person everywhere (ties, tie ranks, introduction requests
and suggestions about them, through :func:`weakties.people.services.privacy.person_erase`),
the referrals of them (which hold their own digests), their address on help
requests, their line on target lists, and the forgotten-contact digests
that compare and forget kept of them (one per employee who knew them:
"employee X knew this digest" is data about them too, and the count it
keeps is not worth keeping a trace), and colleagues' notices about them
(:mod:`.notice_scrub`: those about a deleted introduction request go, the
others keep a placeholder for their name).  The digests of every identifier are
kept (:class:`~weakties.people.models.Erasure`), and nothing else: every
importer leaves them out from then on, so they are neither stored nor
forgotten again.  This holds even when nothing is found: the person asked
not to be held, so nothing is taken in later either.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit
from weakties.ambassadors.models import Decline, Invitation, Share
from weakties.core.errors import ServiceError
from weakties.expertise.models import Profile, Target, TargetList
from weakties.expertise.services.index import index_rows_forget, reach_refresh
from weakties.introductions.models import IntroductionRequest
from weakties.meetings.models import CallDelivery, ContactSuggestion, Delegate, HelpRequest
from weakties.minimisation.models import ForgottenContact
from weakties.notifications.models import Notice, Preference
from weakties.people.models import Erasure, ImportBatch, InteractionSeen, Person, Tie
from weakties.people.services.identity import digest
from weakties.people.services.privacy import person_erase
from weakties.plans.models import Plan
from weakties.privacy.services.audit_scrub import audit_scrub, placeholder
from weakties.privacy.services.notice_scrub import notices_scrub
from weakties.privacy.services.subjects import Subject, forgotten_of, help_requests_of
from weakties.referrals.models import Referral
from weakties.resolve import normalize_email

__all__ = ["employee_erase", "subject_erase"]


def _deleted(queryset: Any) -> int:
    """Delete; the number of rows of the queryset's own model (not the rows that cascade)."""
    _total, per_model = queryset.delete()
    return int(per_model.get(queryset.model._meta.label, 0))


def _request_links(requests: Any) -> set[str]:
    """The pages of these introduction requests: the notices about them link there."""
    return {
        reverse("introductions:detail", args=[pk]) for pk in requests.values_list("pk", flat=True)
    }


def _remove_uploads(employee: Employee) -> None:
    for path in (
        ImportBatch.objects.filter(owner=employee)
        .exclude(upload_path="")
        .values_list("upload_path", flat=True)
    ):
        with contextlib.suppress(OSError):
            os.remove(path)


def _work_of(employee: Employee) -> dict[str, int]:
    """Delete what the employee made or was asked; counts by kind."""
    me = employee
    return {
        "introduction_requests": _deleted(
            IntroductionRequest.objects.filter(Q(requester=me) | Q(introducer=me))
        ),
        "referrals": _deleted(Referral.objects.filter(referrer=me)),
        "plans": _deleted(Plan.objects.filter(employee=me)),
        "target_lists": _deleted(TargetList.objects.filter(owner=me)),
        "profile": _deleted(Profile.objects.filter(employee=me)) + index_rows_forget(employee=me),
        "notices": _deleted(Notice.objects.filter(employee=me))
        + _deleted(Preference.objects.filter(employee=me)),
        "invitations": _deleted(Invitation.objects.filter(employee=me))
        + _deleted(Decline.objects.filter(employee=me))
        + _deleted(Share.objects.filter(employee=me)),
        "meetings": _deleted(ContactSuggestion.objects.filter(employee=me))
        + _deleted(Delegate.objects.filter(employee=me))
        + _deleted(CallDelivery.objects.filter(employee=me))
        + HelpRequest.objects.filter(requester=me).update(requester=None, requester_email="")
        + HelpRequest.objects.filter(requester_email__iexact=me.email).update(requester_email=""),
    }


def _network_of(employee: Employee) -> dict[str, int]:
    """Delete the ties, imports and the contacts nobody else knows; counts by kind."""
    contacts = list(Tie.objects.filter(employee=employee).values_list("person_id", flat=True))
    _remove_uploads(employee)
    counts = {
        "ties": _deleted(Tie.objects.filter(employee=employee)),
        "imports": _deleted(ImportBatch.objects.filter(owner=employee)),
        "interactions_seen": _deleted(InteractionSeen.objects.filter(employee=employee)),
        "consents": _deleted(employee.consents.all()),
    }
    orphans = (
        Person.objects.filter(id__in=contacts, employee__isnull=True)
        .annotate(n=Count("ties"))
        .filter(n=0)
        .values_list("id", flat=True)
    )
    counts["contacts_only_they_knew"] = (
        Person.objects.filter(id__in=list(orphans)).delete()[1].get("people.Person", 0)
    )
    return counts


@transaction.atomic
def employee_erase(
    *, employee: Employee, actor: Any = None, actor_label: str = ""
) -> dict[str, Any]:
    """Erase an employee and everything of theirs (see the module); what was removed."""
    employee = Employee.objects.select_related("person", "user").get(pk=employee.pk)
    mark = placeholder(f"employee:{employee.pk}:{employee.email.lower()}")
    person, user = employee.person, employee.user
    words = {employee.email, employee.full_name}
    if user is not None:
        words |= {user.username, user.email}
    tombstones = {("email", digest(normalize_email(employee.email) or employee.email.lower()))}
    tombstones |= {
        (k, d)
        for k, d in person.identifiers.values_list("kind", "digest")
        if k in ("email", "linkedin")
    }
    links = _request_links(
        IntroductionRequest.objects.filter(Q(requester=employee) | Q(introducer=employee))
    )
    counts: dict[str, Any] = {**_work_of(employee), **_network_of(employee)}
    organisation_id, employee_id = employee.organisation_id, employee.pk
    employee.delete()
    colleagues = list(Tie.objects.filter(person=person).values_list("employee_id", flat=True))
    counts["colleagues_ties"] = len(colleagues)
    person_id = person.pk
    person.delete()
    reach_refresh(employee_ids=colleagues)
    Erasure.objects.bulk_create(
        [Erasure(kind=k, digest=d) for k, d in sorted(tombstones)], ignore_conflicts=True
    )
    # Before the login goes: its deletion would cut the link that finds its entries.
    counts["audit_entries_anonymised"] = audit_scrub(
        mark=mark,
        user_id=user.pk if user is not None else None,
        employee_ids=[employee_id],
        person_ids=[person_id],
        words=words,
    )
    counts["colleagues_notices"] = notices_scrub(mark=mark, words=words, links=links)
    if user is not None:
        user.delete()
    audit(
        "privacy.employee_erased",
        actor=actor,
        actor_label=actor_label,
        organisation=organisation_id,
        erased=mark,
        **{k: v for k, v in counts.items() if isinstance(v, int)},
    )
    return {"employee": mark, "erased": True, "removed": counts, "tombstones": len(tombstones)}


@transaction.atomic
def subject_erase(*, subject: Subject, actor: Any = None, actor_label: str = "") -> dict[str, Any]:
    """Erase an external person everywhere and keep their digests (see the module)."""
    person = subject.person
    if person is not None and hasattr(person, "employee"):
        raise ServiceError(
            _("this person is an employee; erase them as an employee (weakties employee erase)")
        )
    mark = placeholder("person:" + ",".join(sorted(d for _k, d in subject.pairs)))
    removed: dict[str, int] = {"ties": 0, "introduction_requests": 0}
    words = set(subject.addresses)
    person_ids: list[int] = []
    knew: list[int] = []
    links: set[str] = set()
    # Before the person goes: their name and company find the digest of a contact without
    # an identifier.
    forgotten = list(forgotten_of(subject).values_list("pk", flat=True))
    if person is not None:
        knew = list(Tie.objects.filter(person=person).values_list("employee_id", flat=True))
        removed["introduction_requests"] = IntroductionRequest.objects.filter(person=person).count()
        links |= _request_links(IntroductionRequest.objects.filter(person=person))
        words.add(person.name)
        person_ids.append(person.pk)
        result = person_erase(person_id=person.pk, actor_label=actor_label or "privacy")
        removed["ties"] = result["ties_removed"]
    referrals = Referral.objects.filter(
        Q(email_digest__in=subject.emails) | Q(linkedin_digest__in=subject.linkedins or {"-"})
    )
    words |= set(referrals.values_list("name", flat=True))  # what the candidate typed
    removed["referrals"] = _deleted(referrals)
    removed["help_request_contacts"] = help_requests_of(subject).update(requester_email="")
    removed["target_lines"] = _deleted(
        Target.objects.filter(kind=Target.Kind.PERSON, digest__in=subject.linkedins)
    )
    removed["forgotten_contacts"] = _deleted(ForgottenContact.objects.filter(pk__in=forgotten))
    Erasure.objects.bulk_create(
        [Erasure(kind=k, digest=d) for k, d in sorted(subject.pairs)], ignore_conflicts=True
    )
    reach_refresh(employee_ids=knew)  # "knows 12 people at X" no longer counts them
    removed["colleagues_notices"] = notices_scrub(mark=mark, words=words, links=links)
    removed["audit_entries_anonymised"] = audit_scrub(mark=mark, person_ids=person_ids, words=words)
    audit("privacy.person_erased", actor=actor, actor_label=actor_label, erased=mark, **removed)
    return {
        "person": person.pk if person is not None else None,
        "erased": True,
        "found": person is not None
        or any(
            removed[k]
            for k in ("referrals", "help_request_contacts", "target_lines", "forgotten_contacts")
        ),
        "removed": removed,
        "ties_removed": removed["ties"],
        "suppressed": sorted({k for k, _d in subject.pairs}),
        "tombstones": len(subject.pairs),
    }
