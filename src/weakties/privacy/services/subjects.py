"""An external person as a privacy request names them: by email address or LinkedIn URL.

A :class:`Subject` holds the digests of the identifiers given (compared with
the stored digests, never with plain values) and the resolved
:class:`~weakties.people.models.Person`, if any.  Some data about a person is
not linked to a ``Person`` row at all (a referral holds the candidate's own
digests; a help-request sheet names a contact by address; a target list names
a person by LinkedIn URL), so every read and erasure goes by both.

An organisation's admin handles a subject only where their organisation holds
something about them (:func:`held_by`); elsewhere the subject is "not found",
exactly as an unknown one, so an admin cannot probe another organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from weakties.accounts.models import Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.expertise.models import Target
from weakties.introductions.models import IntroductionRequest
from weakties.meetings.models import HelpRequest
from weakties.minimisation.models import ForgottenContact
from weakties.people.models import Erasure, Person, PersonIdentifier, Tie
from weakties.people.services.identity import digest, name_company_digest
from weakties.referrals.models import Referral
from weakties.resolve import normalize_email, normalize_linkedin_url

__all__ = [
    "Subject",
    "subject_of",
    "subject_find",
    "held_by",
    "help_requests_of",
    "forgotten_of",
    "suppressed",
]


@dataclass
class Subject:
    """Who a request is about: digests by kind, and the resolved person (or ``None``)."""

    emails: set[str] = field(default_factory=set)
    linkedins: set[str] = field(default_factory=set)
    #: The plain addresses given (only to compare with help requests' contact addresses).
    addresses: set[str] = field(default_factory=set)
    person: Person | None = None

    @property
    def pairs(self) -> set[tuple[str, str]]:
        return {("email", d) for d in self.emails} | {("linkedin", d) for d in self.linkedins}

    def widen(self) -> None:
        """Add the person's own stored identifier digests (found by one, erased by all)."""
        if self.person is None:
            return
        for kind, value in self.person.identifiers.values_list("kind", "digest"):
            if kind == "email":
                self.emails.add(value)
            elif kind == "linkedin":
                self.linkedins.add(value)
        for email, url in Tie.objects.filter(person=self.person).values_list(
            "email", "profile_url"
        ):
            if normalize_email(email):
                self.emails.add(digest(normalize_email(email)))
                self.addresses.add(normalize_email(email))
            if normalize_linkedin_url(url):
                self.linkedins.add(digest(normalize_linkedin_url(url)))

    def widen_referrals(self) -> None:
        """Add what a referred candidate typed beside the identifier given.

        A candidate's referral holds the digests of both their address and their LinkedIn
        URL (and the address itself): found by one, the other is theirs too, and is kept
        out on erasure.
        """
        rows = Referral.objects.filter(
            Q(email_digest__in=sorted(self.emails)) | Q(linkedin_digest__in=sorted(self.linkedins))
        )
        for email, email_digest, linkedin_digest in rows.values_list(
            "email", "email_digest", "linkedin_digest"
        ):
            self.emails.add(email_digest)
            if normalize_email(email):
                self.addresses.add(normalize_email(email))
            if linkedin_digest:
                self.linkedins.add(linkedin_digest)

    def widen_forgotten(self) -> None:
        """Add the digests that compare and forget kept beside the ones given.

        A contact forgotten under their LinkedIn URL keeps the digest of the address of
        the same line beside it (``ForgottenContact.email_digest``): found by the
        address, the LinkedIn digest is theirs too (and is kept out on erasure), and
        the other way round.
        """
        if self.emails:
            self.linkedins |= set(
                ForgottenContact.objects.filter(email_digest__in=sorted(self.emails))
                .values_list("digest", flat=True)
                .distinct()
            )
        if self.linkedins:
            self.emails |= set(
                ForgottenContact.objects.filter(digest__in=sorted(self.linkedins))
                .exclude(email_digest="")
                .values_list("email_digest", flat=True)
                .distinct()
            )


def _identifier(value: str) -> tuple[str, str] | None:
    value = (value or "").strip()
    if not value:
        return None
    url = normalize_linkedin_url(value) if "linkedin" in value.lower() else ""
    if url:
        return "linkedin", url
    email = normalize_email(value)
    if email and "@" in email:
        return "email", email
    return None


def subject_of(*identifiers: str, person_id: int | None = None) -> Subject:
    """The subject named by email addresses / LinkedIn URLs (or a person id, from the CLI).

    Raises :class:`ServiceError` when nothing usable is given or a value is
    neither an email address nor a LinkedIn profile URL.
    """
    subject = Subject()
    for value in identifiers:
        if not (value or "").strip():
            continue
        found = _identifier(value)
        if found is None:
            raise ServiceError(
                _("{value} is neither an email address nor a LinkedIn profile URL").format(
                    value=repr(value.strip()[:80])
                )
            )
        kind, plain = found
        if kind == "email":
            subject.emails.add(digest(plain))
            subject.addresses.add(plain)
        else:
            subject.linkedins.add(digest(plain))
    if person_id is not None:
        subject.person = Person.objects.select_related("company").filter(pk=person_id).first()
        if subject.person is None:
            raise ServiceError(_("no person with id {id}").format(id=person_id))
    elif not subject.pairs:
        raise ServiceError(_("give an email address or a LinkedIn profile URL"))
    else:
        ident = (
            PersonIdentifier.objects.filter(
                Q(kind="email", digest__in=subject.emails)
                | Q(kind="linkedin", digest__in=subject.linkedins)
            )
            .select_related("person__company")
            .first()
        )
        subject.person = ident.person if ident else None
    subject.widen()
    subject.widen_referrals()
    subject.widen_forgotten()
    return subject


def help_requests_of(subject: Subject, organisation: Organisation | None = None):
    """Help requests whose contact address is the subject's (compared normalised)."""
    rows = HelpRequest.objects.exclude(requester_email="")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    ids = [
        pk
        for pk, email in rows.values_list("pk", "requester_email")
        if digest(normalize_email(email) or email.strip().lower()) in subject.emails
    ]
    return HelpRequest.objects.filter(pk__in=ids)


def forgotten_of(subject: Subject, organisation: Organisation | None = None):
    """The subject's forgotten-contact rows (compare and forget), by any digest of theirs.

    A forgotten contact is kept as one digest per employee who knew them
    (:class:`~weakties.minimisation.models.ForgottenContact`): of their LinkedIn
    URL, else their address, else their name and company.  All three are
    compared; the name-and-company digest only when the person is still held
    (a request names nobody by name).  A row kept under a LinkedIn URL also
    holds the digest of the address of the same line, where there was one, so
    an address alone finds it.  A row forgotten before that (or from a line
    without an address) is found by the LinkedIn URL only: the objection form
    and the admin's page ask for both, saying why.
    """
    digests = subject.emails | subject.linkedins
    person = subject.person
    if person is not None and person.company_id is not None:
        digests.add(name_company_digest(person.first_name, person.last_name, person.company.name))
    rows = ForgottenContact.objects.filter(
        Q(digest__in=sorted(digests)) | Q(email_digest__in=sorted(subject.emails))
    )
    if organisation is not None:
        rows = rows.filter(employee__organisation=organisation)
    return rows


def held_by(subject: Subject, organisation: Organisation) -> bool:
    """Whether ``organisation`` holds anything about the subject (then its admins may act)."""
    person = subject.person
    if person is not None:
        if Tie.objects.filter(person=person, employee__organisation=organisation).exists():
            return True
        if IntroductionRequest.objects.filter(person=person, organisation=organisation).exists():
            return True
        if hasattr(person, "employee") and person.employee.organisation_id == organisation.pk:
            return True
    referrals = Referral.objects.filter(vacancy__organisation=organisation).filter(
        Q(email_digest__in=subject.emails) | Q(linkedin_digest__in=subject.linkedins or {"-"})
    )
    if referrals.exists():
        return True
    if Target.objects.filter(
        target_list__organisation=organisation,
        kind=Target.Kind.PERSON,
        digest__in=subject.linkedins,
    ).exists():
        return True
    if forgotten_of(subject, organisation).exists():
        return True
    return help_requests_of(subject, organisation).exists()


def suppressed(subject: Subject) -> list[str]:
    """The kinds of the subject's identifiers kept as erasure digests (sorted)."""
    stored = Erasure.objects.filter(
        Q(kind="email", digest__in=subject.emails)
        | Q(kind="linkedin", digest__in=subject.linkedins)
    ).values_list("kind", flat=True)
    return sorted(set(stored))


def subject_find(
    *identifiers: str, actor: Any = None, actor_label: str = "", may_see: Any = None
) -> Subject | None:
    """The subject, if ``may_see(subject)`` allows it; audited as a person search either way.

    Every person search is audited (issue 12).  The entry names the person by id
    only when the searcher may see them (so that the log shown to another
    organisation's admin reveals nothing), and always by the first eight characters
    of the digests asked for: the log holds no address.
    """
    subject = subject_of(*identifiers)
    shown = may_see is None or bool(may_see(subject))
    # Only the digests asked for: the subject's are widened with what is held (another
    # identifier of the same person, perhaps in another organisation), which the searcher
    # could otherwise read back from their own log.
    asked = {digest(found[1]) for found in map(_identifier, identifiers) if found is not None}
    audit(
        "privacy.person_lookup",
        actor=actor,
        actor_label=actor_label,
        person=subject.person.pk if shown and subject.person is not None else None,
        digests=sorted(d[:8] for d in asked),
    )
    return subject if shown else None
