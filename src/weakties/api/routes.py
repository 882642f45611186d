"""The REST API under ``/api/`` (django-ninja; OpenAPI docs at ``/api/docs``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError

from weakties.accounts.models import Organisation
from weakties.services.reach import organisation_reach
from weakties.services.who_knows import who_knows

from .auth import TokenAuth

api = NinjaAPI(
    title="weakties API",
    version="1",
    description="The organisation's second-degree network: reach and who knows whom.",
    auth=TokenAuth(),
    urls_namespace="api",
)


class Reach(Schema):
    employees: int
    employees_sharing: int
    ties: int
    unique_people: int
    companies: int


class Contact(Schema):
    name: str
    company: str
    position: str


class Acquaintance(Schema):
    employee: str
    contact: Contact
    sources: list[str]


def _organisation(request: HttpRequest) -> Organisation:
    employee = getattr(request.user, "employee", None)
    if employee is not None:
        return employee.organisation
    if request.user.is_superuser and Organisation.objects.count() == 1:
        return Organisation.objects.get()
    raise HttpError(403, "this token's user is not an employee of an organisation")


@api.get("/reach", response=Reach, summary="Reach of the organisation's second degree")
def reach(request: HttpRequest):
    return organisation_reach(_organisation(request))


@api.get("/who-knows", response=list[Acquaintance], summary="Who knows someone at a company")
def who_knows_endpoint(request: HttpRequest, company: str):
    if not company.strip():
        raise HttpError(422, "company must not be empty")
    return who_knows(company, organisation=_organisation(request), actor=request.user)
api.add_router("/", "weakties.api.meetings.router")  # employer networks (issue 4)
