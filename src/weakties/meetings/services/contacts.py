"""A vacancy against the second degree: "is this something for your contact?" (seed 003).

Weak ties find jobs (Granovetter 1973); moderately weak ties help job
mobility most (Rajkumar et al. 2022).  A vacancy brought to the meeting is
matched against the people that consenting employees of the member
organisations know (their position and company).  The employee who knows a
fitting person is asked whether the vacancy is something for them; weakties
never writes to the contact (DESIGN.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.meetings.models import ContactSuggestion, HelpRequest, MailJob
from weakties.meetings.services.mail_jobs import mail_job_queue
from weakties.meetings.services.network_sharing import employer_network_employees
from weakties.meetings.services.proposals import _reasons_json as reasons_data
from weakties.meetings.services.proposals import to_request
from weakties.meetings.tasks import ask_contact_owners
from weakties.people.models import Tie
from weakties.people.services.consent import sharing_employees

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from weakties import matching

__all__ = ["contacts_suggest", "contact_owners_ask", "suggestion_answer", "MAX_CONTACTS"]

#: Contacts looked at per vacancy (the most recent ties first).
MAX_CONTACTS = 50_000


def _ties(demand: HelpRequest) -> QuerySet[Tie]:
    """The ties that may serve the demand: colleagues' (their consent), others' only when lent.

    An employee's consent covers their colleagues: the requester's own
    organisation. Another member's employees count only when they and their
    organisation lent their networks to the employer network (issue 12 §6,
    :mod:`~weakties.meetings.services.network_sharing`).
    """
    others = demand.meeting.federation.members.exclude(pk=demand.organisation_id)
    colleagues = sharing_employees(organisation=demand.organisation).values("pk")
    lent = employer_network_employees(organisations=others).values("pk")
    return (
        Tie.objects.filter(Q(employee__in=colleagues) | Q(employee__in=lent))
        .exclude(person__position="")
        .filter(person__employee__isnull=True)  # colleagues are not second-degree contacts
        .select_related("person", "person__company", "employee")
        .order_by("-id")
    )


@transaction.atomic
def contacts_suggest(
    *, demand: HelpRequest, top_k: int = 5, actor: Any = None, actor_label: str = ""
) -> list[ContactSuggestion]:
    """Find contacts who fit a vacancy or work-experience place; one employee is asked per contact.

    The employee asked is a colleague of the requester when one knows the
    contact, otherwise whoever knows them longest in the records.
    """
    from weakties.matching import DEMAND_KINDS, Contact, match_contacts

    if demand.kind not in DEMAND_KINDS:
        raise ServiceError(
            _(
                "only vacancies and work-experience places are matched with contacts, not {kind}"
            ).format(kind=demand.kind)
        )
    knowers: dict[int, list[Tie]] = {}
    contacts: dict[int, matching.Contact] = {}
    for tie in _ties(demand)[:MAX_CONTACTS]:
        person = tie.person
        knowers.setdefault(person.pk, []).append(tie)
        if person.pk not in contacts:
            contacts[person.pk] = Contact(
                id=person.pk,
                title=person.position,
                company=person.company.name if person.company else "",
            )
    audit(
        "contact_search",
        actor=actor,
        actor_label=actor_label,
        request=demand.pk,
        contacts=len(contacts),
    )
    if not contacts:
        return []
    found = match_contacts(to_request(demand), list(contacts.values()), top_k=top_k)
    out: list[ContactSuggestion] = []
    for cm in found:
        ties = sorted(
            knowers[cm.contact.id],
            key=lambda t: (t.employee.organisation_id != demand.organisation_id, t.pk),
        )
        tie = ties[0]
        suggestion, _created = ContactSuggestion.objects.update_or_create(
            demand=demand,
            employee=tie.employee,
            person=tie.person,
            defaults={"score": float(cm.score), "why": cm.why, "reasons": reasons_data(cm.reasons)},
        )
        out.append(suggestion)
    return out


def contact_owners_ask(demand: HelpRequest) -> MailJob:
    """Queue the questions to the employees who know a suggested contact; the job's state after.

    With a backend that runs tasks at once the state is already *sent*,
    *retrying* or *failed*; with the worker it is *queued* until it runs.
    """
    job = mail_job_queue(meeting=demand.meeting_id, kind="contacts", request=demand)
    ask_contact_owners.enqueue(demand.pk)
    job.refresh_from_db()
    return job


def suggestion_answer(suggestion: ContactSuggestion, *, answer: str) -> ContactSuggestion:
    """The employee's answer (yes or no) to "is this something for your contact?"."""
    if answer not in (ContactSuggestion.Answer.YES, ContactSuggestion.Answer.NO):
        raise ServiceError(_("answer yes or no"))
    suggestion.answer = answer
    suggestion.answered_at = timezone.now()
    suggestion.save(update_fields=["answer", "answered_at"])
    return suggestion
