"""schemathesis against the API's own OpenAPI schema, as an admin and as an employee (issue 12 §5).

A short, derandomized run of every operation through the WSGI application
(the real middleware, views and database): no answer is a server error, every
answer is documented with its schema (one :class:`~weakties.api.errors.Error`
for the refusals), requests the schema allows are accepted and those it forbids
are refused. The long run is ``bench/schema_fuzz.py``.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import acme, employee, meeting
from weakties.accounts.models import ApiToken
from weakties.api.routes import api
from weakties.site.wsgi import application

pytestmark = pytest.mark.django_db

#: The token is the test's to give (an admin's, an employee's): cases that drop or spoil the
#: Authorization header would be sent with it anyway; ignored_auth tries wrong tokens itself.
_CONFIG = SchemathesisConfig.from_dict({"generation": {"with-security-parameters": False}})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=_CONFIG)
schema.app = application

#: Rules between query parameters that a schema of separate parameters cannot state (their
#: operations' descriptions say them): a client that keeps them, as this hook does, is answered.
_ONE_OF = {"/api/intro": ("company", "person", "role"), "/api/expertise": ("q",)}
#: Uploads: their content is fuzzed per importer by bench/fuzz.py (issue 12 §4).
_FILES = {("POST", "/api/vacancies/import")}
#: Rules that depend on stored data or on how a text is read, which no schema states (the
#: operations' descriptions say them; bench/schema_fuzz.toml leaves out the same): a schema-valid
#: request may be refused with a sentence (422). Every other check still runs on them.
_RULES_OF_DATA = {
    # a campaign "to a list of addresses" needs one that reads as an address
    ("POST", "/api/ambassadors/campaigns"),
    # a company's name must keep a name once legal forms and signs are set aside ("B.V.")
    ("POST", "/api/ambassadors/targets"),
    # a pasted list must name at least one company or LinkedIn profile
    ("POST", "/api/targets/coverage"),
    # a meeting's host is a member organisation, by its stored name
    ("POST", "/api/federations/{federation_id}/meetings"),
    # a match places at most as many people as the smaller of its two requests asks for
    ("POST", "/api/matches/{match_id}/stage"),
}


def _keep_the_rules(case: schemathesis.Case) -> None:
    """Give exactly one of the parameters the operation's description asks one of."""
    names = _ONE_OF.get(case.path)
    if not names or not isinstance(case.query, dict):
        return
    given = [n for n in names if str(case.query.get(n) or "").strip()]
    keep = given[0] if given else names[0]
    for name in names:
        if name != keep:
            case.query.pop(name, None)
    if not str(case.query.get(keep) or "").strip():
        case.query[keep] = "Stripe"


def _call(case: schemathesis.Case, headers: dict[str, str]) -> None:
    _keep_the_rules(case)
    excluded = []
    # whether random bytes are a readable sheet is the importer's to say
    if (case.method.upper(), case.path) in _FILES | _RULES_OF_DATA:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=headers, excluded_checks=excluded)


def callers_in() -> dict[str, dict[str, str]]:
    """Acme with its networks and an employer-network meeting; an admin's and an employee's token."""
    from django.contrib.auth import get_user_model

    organisation = acme()
    meeting(organisation)
    headers = {}
    for role, email in (("admin", "tom.jansen@acme.nl"), ("employee", "jan.vandenberg@acme.nl")):
        e = employee(email)
        e.user = get_user_model().objects.create_user(username=email, email=email)
        e.role = role
        e.save()
        _, key = ApiToken.issue(e.user, "fuzz")
        headers[role] = {"Authorization": f"Bearer {key}"}
    return headers


SHORT = settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def callers(settings_override):
    return callers_in()


@pytest.fixture
def connection_kept():
    """Keep the test's database connection across WSGI requests, as Django's test client does.

    The WSGI handler closes connections at the end of each request; inside the test's
    transaction (PostgreSQL) the next request could not open one again.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def settings_override(settings, connection_kept):
    # schemathesis sends wrong tokens on purpose (ignored_auth): they must be answered 401, not
    # block the test's address for the rest of the run.
    settings.WEAKTIES_TOKEN_FAILURE_LIMIT = 1_000_000
    return settings


@schema.parametrize()
@SHORT
def test_every_operation_as_an_admin(case: schemathesis.Case, callers):
    _call(case, callers["admin"])


@schema.parametrize()
@SHORT
def test_every_operation_as_an_employee(case: schemathesis.Case, callers):
    _call(case, callers["employee"])
