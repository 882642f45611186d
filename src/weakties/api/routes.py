"""The REST API under ``/api/`` (django-ninja; OpenAPI docs at ``/api/docs``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import BaseModel

from weakties.accounts.models import Organisation
from weakties.accounts.rules import employee_of, is_org_admin
from weakties.core.errors import ServiceError
from weakties.insights.selectors import reach_report, stored_run
from weakties.insights.services.analytics import employee_rows
from weakties.insights.services.introductions import TooManySearches, introductions
from weakties.insights.tasks import run_analytics
from weakties.notifications.language import is_language
from weakties.people.selectors.ranked_ties import DEFAULT_PAGE, Page
from weakties.people.selectors.reach import coverage, growth, organisation_reach, unique_reach
from weakties.people.selectors.who_knows import who_knows

from .auth import TokenAuth
from .docs import LocalSwagger
from .errors import Error, document_errors
from .inputs import BLANK, Cursor, NotBlank, PageLimit, no_nul_in_schema, refuse_nul

#: The largest page a search returns.
MAX_PAGE = 500


class _TokenAuthInTheirLanguage(TokenAuth):
    """:class:`TokenAuth`, then the employee's remembered language unless the request names one.

    ``Accept-Language`` (an explicit choice of the client) wins, as
    ``LocaleMiddleware`` already applied it; without it the answer speaks the
    language the employee chose on the site (``Employee.language``), which the
    token look-up loaded with the user: no extra query.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = super().authenticate(request, token)
        if user is not None and not request.META.get("HTTP_ACCEPT_LANGUAGE"):
            me = employee_of(user)
            if me is not None and is_language(me.language):
                translation.activate(me.language)
                request.LANGUAGE_CODE = me.language
        return user


class _Api(NinjaAPI):
    """The API: every error answer documented with :class:`~.errors.Error`; NUL refused first.

    ``create_temporal_response`` is the first thing ninja does for every
    operation after authentication, before it reads a parameter: the place to
    refuse text with NUL characters (:func:`~.inputs.refuse_nul`) once.
    """

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return no_nul_in_schema(document_errors(schema))

    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        refuse_nul(request)
        return super().create_temporal_response(request)


api = _Api(
    title="weakties API",
    version="1",
    description="The organisation's second-degree network: reach and who knows whom.",
    auth=_TokenAuthInTheirLanguage(),
    urls_namespace="api",
    docs=LocalSwagger(),
)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    """A use case refused (ServiceError): 422 with its message, for every endpoint of every router."""
    return api.create_response(request, {"detail": str(exc)}, status=422)


#: Ninja's (pydantic's) explanations of a malformed request, in words the catalogue translates.
_INVALID = {
    "missing": gettext_lazy("this field is required"),
    "int_parsing": gettext_lazy("must be a whole number"),
    "int_from_float": gettext_lazy("must be a whole number"),
    "float_parsing": gettext_lazy("must be a number"),
    "bool_parsing": gettext_lazy("must be true or false"),
    "literal_error": gettext_lazy("must be one of: %(expected)s"),
    "enum": gettext_lazy("must be one of: %(expected)s"),
    "date_from_datetime_parsing": gettext_lazy("must be a date (YYYY-MM-DD)"),
    "date_parsing": gettext_lazy("must be a date (YYYY-MM-DD)"),
    "json_invalid": gettext_lazy("the body is not valid JSON"),
    "string_nul": gettext_lazy("text may not contain NUL characters"),
    "greater_than_equal": gettext_lazy("must be at least %(ge)s"),
    "greater_than": gettext_lazy("must be more than %(gt)s"),
    "less_than_equal": gettext_lazy("must be at most %(le)s"),
    "less_than": gettext_lazy("must be less than %(lt)s"),
    "string_too_short": gettext_lazy("must be at least %(min_length)s characters"),
    "string_too_long": gettext_lazy("must be at most %(max_length)s characters"),
    "too_long": gettext_lazy("must have at most %(max_length)s items"),
    "string_pattern_mismatch": gettext_lazy("is not in the expected form"),
    "model_attributes_type": gettext_lazy("must be an object"),
    "dict_type": gettext_lazy("must be an object"),
    "list_type": gettext_lazy("must be a list"),
    "string_type": gettext_lazy("must be text"),
    "int_type": gettext_lazy("must be a whole number"),
    "bool_type": gettext_lazy("must be true or false"),
    "date_type": gettext_lazy("must be a date (YYYY-MM-DD)"),
}


def _explained(error: dict[str, Any]) -> dict[str, Any]:
    kind = str(error.get("type", ""))
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    if kind == "value_error" and "error" in context:  # a validator's own (translated) words
        message = context["error"]
    elif context.get("pattern") == BLANK or (
        kind == "string_too_short" and context.get("min_length") == "1"
    ):
        message = str(gettext_lazy("must not be empty"))
    else:
        words = str(_INVALID.get(kind, gettext_lazy("this value is not valid")))
        try:
            message = words % context if "%(" in words else words
        except (KeyError, ValueError):
            message = str(gettext_lazy("this value is not valid"))
    return {key: error[key] for key in ("type", "loc") if key in error} | {"msg": message}


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A malformed request: ninja's 422 list (type, loc), each ``msg`` in the request's language.

    A path whose id is no number (``/api/targets/lists/null``) names nothing: 404.
    """
    if exc.errors and all(
        e.get("type") == "int_parsing" and list(e.get("loc") or [])[:1] == ["path"]
        for e in exc.errors
    ):
        return not_found(request, Http404())
    return api.create_response(request, {"detail": [_explained(e) for e in exc.errors]}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """No or a wrong token: 401, said in the request's language."""
    return api.create_response(
        request,
        {"detail": _("a valid API token is needed: Authorization: Bearer wt_…")},
        status=exc.status_code,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """A refusal with its status; ninja's English "Cannot parse request body" in the request's words."""
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = _("the body is not valid JSON")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(OperationalError)
def database_busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    """SQLite's write lock held past its busy timeout (a long import): 503 and Retry-After, not 500.

    A search writes its audit line; while an import holds the write lock of an
    embedded (SQLite) database longer than the busy timeout, that line cannot
    be written and the search is refused, said as such (``bench/load.py``
    found these as 500s). Any other database error is the server's (500).
    """
    if "locked" not in str(exc):
        raise exc
    response = api.create_response(
        request, {"detail": _("the database is busy; try again in a moment")}, status=503
    )
    response["Retry-After"] = "5"
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("not found")}, status=404)


@api.exception_handler(TooManySearches)
def too_many_searches(request: HttpRequest, exc: TooManySearches) -> HttpResponse:
    """Over the hourly person-search limit: 429, and when to try again."""
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = "3600"
    return response


class Reach(Schema):
    employees: int
    employees_sharing: int
    ties: int
    unique_people: int
    companies: int


class Group(Schema):
    name: str
    people: int


class Coverage(Schema):
    company: list[Group]
    sector: list[Group]
    region: list[Group]
    unknown: dict[str, int]
    hidden_groups: int


class KeyPerson(Schema):
    employee: str
    name: str
    unique_reach: int
    reach: int


class YearReach(Schema):
    year: int
    people: int


class ReachDetails(Reach):
    coverage: Coverage
    unique_reach: list[KeyPerson]
    growth: list[YearReach]


class Roles(Schema):
    coordinator: int = 0
    gatekeeper: int = 0
    representative: int = 0
    consultant: int = 0
    liaison: int = 0


class Holes(Schema):
    constraint: float | None
    effective_size: float | None
    efficiency: float | None


class Broker(Schema):
    employee: str
    degree: int
    constraint: float | None
    effective_size: float | None
    efficiency: float | None
    hierarchy: float | None = None
    betweenness: float
    roles: Roles
    roles_z: dict[str, float | None] = {}
    unique_reach: int
    type: str
    data_coverage: float | None = None
    observed: Holes | None = None


class Rows(BaseModel):
    """A search result row: a plain pydantic model, not a ninja ``Schema``.

    The searches return dicts; ninja's ``Schema`` reads every field through an
    attribute getter made for model instances, which cost about as much as the
    search itself on the hot path (issue 9). The OpenAPI schema is the same.
    """


class IntroContact(Rows):
    id: int
    name: str
    company: str
    position: str


class Introduction(Rows):
    introducer: str
    contact: IntroContact
    strength: float
    tier: str
    score: float
    why: str
    #: The company the search matched ("Rabo" → "Rabobank"); empty for a person or role.
    matched: str = ""
    #: People both the introducer and the contact know, as far as the data shows (issue 13).
    mutual_connections: int = 0
    #: Share of the tie-strength model the strength rests on, in [0, 1] (None: not analysed).
    evidence: float | None = None


class Queued(Schema):
    task: str
    status: str


class KnownContact(Rows):
    name: str
    company: str
    position: str


class Acquaintance(Rows):
    employee: str
    contact: KnownContact
    sources: list[str]
    #: The company the search matched ("Rabo" → "Rabobank").
    matched: str = ""


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation the token's user acts for (a superuser's: the only one there is).

    Resolved once per request without a query: :class:`~.auth.TokenAuth` fetched the
    employee and organisation with the token. A superuser who is no employee costs one
    query, and the answer is kept on the request.
    """
    employee = employee_of(request.user)
    if employee is not None:
        return employee.organisation
    cached = getattr(request, "_weakties_organisation", None)
    if cached is not None:
        return cached
    if request.user.is_superuser:
        only = list(Organisation.objects.all()[:2])
        if len(only) == 1:
            request._weakties_organisation = only[0]  # type: ignore[attr-defined]
            return only[0]
    raise HttpError(403, _("this token's user is not an employee of an organisation"))


def _admin(request: HttpRequest) -> Organisation:
    organisation = _organisation(request)
    if not is_org_admin(request.user, organisation):
        raise HttpError(403, _("only an administrator of the organisation may see this"))
    return organisation


class Me(Schema):
    email: str
    organisation: str
    admin: bool


@api.get("/me", response=Me, summary="Who this token acts for")
def me(request: HttpRequest):
    """The caller's email, organisation and whether they administer it; no work, no write.

    The cheapest authenticated request: its cost is the API's fixed cost per request
    (``bench/request_floor.py``).
    """
    organisation = _organisation(request)
    employee = employee_of(request.user)
    return {
        "email": employee.email if employee is not None else request.user.email,
        "organisation": organisation.name,
        "admin": is_org_admin(request.user, organisation),
    }


@api.get("/reach", response=ReachDetails, summary="Reach of the organisation's second degree")
def reach(request: HttpRequest):
    """Reach, coverage by company/sector/region (groups under 5 people hidden) and growth.

    As the last ``weakties analyze`` counted them (counted live before the
    first).  ``unique_reach`` (the key-person risk) is listed for
    administrators only.
    """
    organisation = _organisation(request)
    admin = is_org_admin(request.user, organisation)
    stored = reach_report(organisation=organisation, details=True)
    if stored is not None:
        return stored.figures | ({} if admin else {"unique_reach": []})
    figures = organisation_reach(organisation=organisation)
    figures["coverage"] = coverage(organisation=organisation)
    figures["growth"] = growth(organisation=organisation)
    figures["unique_reach"] = unique_reach(organisation=organisation) if admin else []
    return figures


@api.get(
    "/brokers",
    response={200: list[Broker], 409: Error},
    summary="Network position of every employee (admins)",
)
def brokers(request: HttpRequest, limit: PageLimit | None = None):
    run = stored_run(organisation=_admin(request))  # its figures are not read
    if run is None:
        raise HttpError(409, _("no analysis yet: POST /api/analyze first"))
    return employee_rows(run=run, limit=limit)


@api.post(
    "/analyze", response={202: Queued}, summary="Recompute the analytics in the background (admins)"
)
def analyze_endpoint(request: HttpRequest):
    organisation = _admin(request)
    result = run_analytics.enqueue(organisation.id)
    return Status(202, {"task": str(result.id), "status": str(result.status).lower()})


#: Said on each of the three: the rule no JSON Schema of separate query parameters can state.
_EXACTLY_ONE = "Give exactly one of company, person and role (the others absent or empty)."


@api.get(
    "/intro",
    response=list[Introduction],
    summary="Who can introduce me to a company, person or role",
    description=(
        'The best introducers first, a page at a time (X-Total-Count, Link: …; rel="next"). '
        + _EXACTLY_ONE
        + " A person is an email address or a LinkedIn address; person searches are"
        " limited per user and hour (429)."
    ),
)
def intro(
    request: HttpRequest,
    response: HttpResponse,
    company: Annotated[str | None, Query(description=_EXACTLY_ONE)] = None,
    person: Annotated[str | None, Query(description=_EXACTLY_ONE)] = None,
    role: Annotated[str | None, Query(description=_EXACTLY_ONE)] = None,
    purpose: Literal["job", "sales", "info"] = "info",
    limit: PageLimit = 20,
    cursor: Cursor | None = None,
):
    page = introductions(
        organisation=_organisation(request),
        company=company,
        person=person,
        role=role,
        purpose=purpose,
        limit=limit,
        cursor=cursor,
        actor=request.user,
    )
    return _paged(request, response, page)


@api.get(
    "/who-knows",
    response=list[Acquaintance],
    summary="Who knows someone at a company",
    description='The strongest ties first, a page at a time (X-Total-Count, Link: …; rel="next").',
)
def who_knows_endpoint(
    request: HttpRequest,
    response: HttpResponse,
    company: NotBlank,
    limit: PageLimit = DEFAULT_PAGE,
    cursor: Cursor | None = None,
):
    if not company.strip():  # the schema's pattern says it; kept for the record
        raise HttpError(422, _("company must not be empty"))
    page = who_knows(
        company=company,
        organisation=_organisation(request),
        actor=request.user,
        limit=limit,
        cursor=cursor,
    )
    return _paged(request, response, page)


def _paged(request: HttpRequest, response: HttpResponse, page: Page[Any]) -> list[Any]:
    """The page's rows as the body; its total and the next page's address in the headers."""
    response["X-Total-Count"] = str(page.total)
    if page.next_cursor is not None:
        query = request.GET.copy()
        query["cursor"] = page.next_cursor
        response["X-Next-Cursor"] = page.next_cursor
        response["Link"] = (
            f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="next"'
        )
    return page.rows


api.add_router("/", "weakties.api.meetings.router")  # employer networks (issue 4)
# ambassadors (issue 10): one router per app, each in its own module
api.add_router("/", "weakties.api.notifications.router")
api.add_router("/", "weakties.api.introductions.router")
api.add_router("/", "weakties.api.referrals.router")
api.add_router("/", "weakties.api.expertise.router")
api.add_router("/", "weakties.api.ambassadors.router")
api.add_router("/", "weakties.api.plans.router")
api.add_router("/", "weakties.api.privacy.router")  # export, erasure, objections (issue 12)
