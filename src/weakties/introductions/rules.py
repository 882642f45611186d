"""Who may ask, answer and see introduction requests (DESIGN.md, privacy by design).

Named predicates, the one home of these rules: the pages
(:mod:`weakties.introductions.views`), the API (:mod:`weakties.api.introductions`),
the CLI (``weakties intro request|answer|sent|outcome|list``) and the use cases
(:mod:`weakties.introductions.services`) all ask them. Each takes an
*employee* (``None`` for a login that is none: it may nothing) and answers
``True`` or ``False``; refusing (404, 403, a message) is the edge's business.
:func:`acting_employee` turns a user into the employee the rules take.

* only an active colleague of the same organisation asks, and never themself;
* the introducer is an active colleague who consents to share their network
  and has a tie to the person (only consenting employees' ties count);
* a request is seen by its two parties only: the requester and the
  introducer (not by admins: the decline reason stays between the two);
* only the introducer answers (accept, decline, snooze), edits the draft and
  marks the introduction sent;
* only the requester records the outcome, once the introduction was sent;
* the contact's email and phone are for the introducer alone, who owns the tie.
"""

from __future__ import annotations

from typing import TypeGuard

from weakties.accounts.models import Employee
from weakties.accounts.rules import employee_of
from weakties.introductions.models import UNANSWERED, IntroductionRequest, Status
from weakties.people.models import Person, Tie

__all__ = [
    "acting_employee",
    "is_active",
    "is_sharing",
    "is_colleague",
    "has_tie_to",
    "is_requester",
    "is_introducer",
    "may_ask_for_introductions",
    "may_request_introduction",
    "may_see_request",
    "may_answer",
    "may_mark_sent",
    "may_record_outcome",
    "may_see_contact_details",
]


def acting_employee(user) -> Employee | None:
    """The employee a signed-in user (page, API token) acts as; ``None`` for other logins."""
    return employee_of(user)


def is_active(employee: Employee | None) -> TypeGuard[Employee]:
    """An employee who still works here (one who left asks and answers nothing)."""
    return employee is not None and employee.active


def is_sharing(employee: Employee | None) -> bool:
    """An active employee who consents to share their network: only their ties count."""
    return is_active(employee) and employee.has_consent()


def is_colleague(employee: Employee | None, other: Employee | None) -> bool:
    """Two different active employees of the same organisation."""
    return (
        is_active(employee)
        and is_active(other)
        and employee.pk != other.pk
        and employee.organisation_id == other.organisation_id
    )


def has_tie_to(employee: Employee | None, person: Person) -> bool:
    """The employee knows the person (a tie of theirs)."""
    return employee is not None and Tie.objects.filter(employee=employee, person=person).exists()


def is_requester(employee: Employee | None, request: IntroductionRequest) -> bool:
    return is_active(employee) and request.requester_id == employee.pk


def is_introducer(employee: Employee | None, request: IntroductionRequest) -> bool:
    return is_active(employee) and request.introducer_id == employee.pk


def may_ask_for_introductions(employee: Employee | None) -> bool:
    """Every active employee, whatever their role, may ask a colleague for an introduction."""
    return is_active(employee)


def may_request_introduction(
    requester: Employee | None, *, introducer: Employee | None, person: Person
) -> bool:
    """A colleague asks a sharing colleague who knows the person (limits are checked apart)."""
    return (
        is_colleague(requester, introducer)
        and is_sharing(introducer)
        and has_tie_to(introducer, person)
    )


def may_see_request(employee: Employee | None, request: IntroductionRequest) -> bool:
    """The two parties, nobody else (not an admin either)."""
    return is_requester(employee, request) or is_introducer(employee, request)


def may_answer(employee: Employee | None, request: IntroductionRequest) -> bool:
    """The introducer answers a request that waits for them, while they still have the tie."""
    return (
        is_introducer(employee, request)
        and request.status in UNANSWERED
        and request.tie_id is not None
    )


def may_mark_sent(employee: Employee | None, request: IntroductionRequest) -> bool:
    """The introducer edits the draft of an accepted request and marks it sent."""
    return is_introducer(employee, request) and request.status == Status.ACCEPTED


def may_record_outcome(employee: Employee | None, request: IntroductionRequest) -> bool:
    """The requester records (and later corrects) what came of a sent introduction."""
    return is_requester(employee, request) and request.status == Status.INTRODUCED


def may_see_contact_details(employee: Employee | None, request: IntroductionRequest) -> bool:
    """The contact's email and phone: the introducer alone, who owns the tie."""
    return is_introducer(employee, request) and request.tie_id is not None
