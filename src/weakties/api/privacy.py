"""REST API of the privacy rights (issue 12 §1): same tokens and the same rules as the pages.

* ``GET /api/privacy/my-data``: the caller's own data (any employee), as
  ``/privacy/my-data/?format=json`` gives it;
* ``POST /api/privacy/people/export`` and ``/people/erase``: an external person
  by email address and/or LinkedIn URL, in the body (never in an address that
  ends up in logs); admins only, and only a person their organisation holds
  something about: anyone else is "not found" (404), as an unknown person;
* ``POST /api/privacy/employees/{id}/erase``: an employee of the admin's
  organisation (404 for another organisation's, 403 for oneself);
* ``GET /api/privacy/requests`` and ``POST /api/privacy/requests/{id}/decide``:
  the confirmed objection requests an admin handles.

Erasure cannot be undone; the API asks no confirmation beyond the explicit
``"confirm": true`` in the body.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.privacy import rules
from weakties.privacy.models import ObjectionRequest
from weakties.privacy.services.erasure import employee_erase, subject_erase
from weakties.privacy.services.exports import employee_export, subject_export
from weakties.privacy.services.objections import may_decide, objection_decide, objections_for
from weakties.privacy.services.subjects import Subject, subject_find

from .inputs import Id, In

router = Router(tags=["privacy"])


#: The forms said in the schema (issue 12 §5): a plain address; a LinkedIn profile address.
#: Dots only between the parts of an address; a domain's labels start and end with a letter or digit.
#: Capitals are allowed (``Noor.Haddad@Example.net``): the service compares addresses folded.
_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,28}[A-Za-z0-9])?"
_EMAIL = (
    "^$|^[A-Za-z0-9_+-]{1,40}([.][A-Za-z0-9_+-]{1,40}){0,3}"
    f"@{_LABEL}([.]{_LABEL}){{0,4}}[.][A-Za-z]{{2,10}}$"
)
#: www., a country's (nl.) or no prefix; http or https; a slug as LinkedIn writes it (%-escaped
#: letters of a name included).
_LINKEDIN = "^$|^https?://([a-z]{2}[.]|www[.])?linkedin[.]com/in/[A-Za-z0-9%_-]{3,100}/?$"


class PersonIn(In):
    """One of the two at least: the schema says it (``anyOf``), the use case refuses neither."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["email"], "properties": {"email": {"minLength": 1}}},
                {"required": ["linkedin_url"], "properties": {"linkedin_url": {"minLength": 1}}},
            ]
        }
    )

    email: str = Field("", max_length=254, pattern=_EMAIL, description="the person's email address")
    linkedin_url: str = Field(
        "", max_length=500, pattern=_LINKEDIN, description="the person's LinkedIn profile URL"
    )


class EraseIn(PersonIn):
    confirm: Literal[True] = Field(description="must be true: erasure cannot be undone")


class EmployeeEraseIn(In):
    confirm: Literal[True] = Field(description="must be true: erasure cannot be undone")


class ErasureOut(Schema):
    erased: bool
    person: int | None = None
    employee: str | None = None
    removed: dict[str, int]
    suppressed: list[str] = []
    tombstones: int


class ObjectionOut(Schema):
    id: int
    kind: str
    email: str
    linkedin_url: str
    reason: str
    status: str
    created_at: str
    confirmed_at: str | None


class DecideIn(In):
    decision: Literal["confirm", "reject"]
    answer: str = Field("", max_length=2000, description="to the person; needed to reject")


def _admin(request: HttpRequest) -> None:
    if not rules.may_handle_privacy(request.user):
        raise HttpError(403, _("only the organisation's admins may do this"))


def _subject(request: HttpRequest, body: PersonIn) -> Subject:
    _admin(request)
    if not (body.email.strip() or body.linkedin_url.strip()):
        raise HttpError(422, _("give an email address or a LinkedIn profile URL"))
    subject = subject_find(
        body.email,
        body.linkedin_url,
        actor=request.user,
        may_see=lambda found: rules.may_handle_subject(request.user, found),
    )
    if subject is None:
        raise HttpError(404, _("not found"))
    return subject


@router.get("/privacy/my-data", response=dict[str, Any], summary="My data (export)")
def my_data(request: HttpRequest):
    """Everything weakties holds about the caller, by section; colleagues by name only."""
    if not rules.may_export_own(request.user):
        raise HttpError(403, _("this token's user is not an employee of an organisation"))
    return employee_export(employee=current_employee(request), actor=request.user)


@router.post("/privacy/people/export", response=dict[str, Any], summary="Export a person")
def person_export(request: HttpRequest, body: PersonIn):
    """What the caller's organisation holds about an external person (admins)."""
    subject = _subject(request, body)
    return subject_export(
        subject=subject, organisation=rules.scope_of(request.user), actor=request.user
    )


@router.post("/privacy/people/erase", response=ErasureOut, summary="Erase a person")
def person_erase(request: HttpRequest, body: EraseIn):
    """Erase an external person everywhere; their identifiers are kept as digests (admins)."""
    subject = _subject(request, body)
    if not body.confirm:
        raise HttpError(422, _('erasure cannot be undone: send "confirm": true'))
    return subject_erase(subject=subject, actor=request.user)


@router.post(
    "/privacy/employees/{employee_id}/erase", response=ErasureOut, summary="Erase an employee"
)
def employee_erase_api(request: HttpRequest, employee_id: Id, body: EmployeeEraseIn):
    """Erase an employee of the caller's organisation and everything of theirs (admins)."""
    _admin(request)
    found = Employee.objects.select_related("organisation").filter(pk=employee_id).first()
    me = getattr(request.user, "employee", None)
    if found is not None and me is not None and me.pk == found.pk:
        raise HttpError(403, _("you cannot erase yourself; ask another admin"))
    if found is None or not rules.may_erase_employee(request.user, found):
        raise HttpError(404, _("not found"))
    if not body.confirm:
        raise HttpError(422, _('erasure cannot be undone: send "confirm": true'))
    return employee_erase(employee=found, actor=request.user)


def _request_out(r: ObjectionRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "kind": r.kind,
        "email": r.email,
        "linkedin_url": r.linkedin_url,
        "reason": r.reason,
        "status": r.status,
        "created_at": r.created_at.isoformat(),
        "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
    }


@router.get("/privacy/requests", response=list[ObjectionOut], summary="Privacy requests waiting")
def requests_list(request: HttpRequest):
    """The confirmed objection requests the caller handles (admins)."""
    _admin(request)
    return [_request_out(r) for r in objections_for(request.user)]


@router.post("/privacy/requests/{request_id}/decide", response=ObjectionOut, summary="Decide")
def request_decide(request: HttpRequest, request_id: Id, body: DecideIn):
    """Carry out (erase) or reject a request; the person is told by email (admins)."""
    _admin(request)
    found = ObjectionRequest.objects.filter(pk=request_id).first()
    if found is None or not may_decide(request.user, found):
        raise HttpError(404, _("not found"))
    done = objection_decide(
        request=found, accept=body.decision == "confirm", actor=request.user, answer=body.answer
    )
    return _request_out(done)
