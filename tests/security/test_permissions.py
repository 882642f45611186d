"""Every page and every API operation, tried by every role, on its own and on another
organisation's objects (issue 12 §2).

The tables :data:`PAGES` and :data:`API` name, for each URL pattern (by name) and each API
operation (``METHOD path``), how to fill its arguments and which roles get an answer
(``200``). The test walks Django's URL resolver and the OpenAPI schema: a URL or an
operation without an entry fails, naming it. For each, as anonymous and as each role of
the own organisation:

* GET with the own organisation's objects answers 200 exactly for the roles named;
* GET with the *other* organisation's objects (IDOR) never answers 200, except for the
  routes the table marks ``public`` (signed links, whose token names the object);
* a role that may not use a page or operation that changes things is refused when it
  POSTs (403, 404, 405, or the login page for anonymous);
* no answer, whatever its status, shows a contact detail (email, phone) of someone
  else's contact, nor anything of the other organisation.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import OTHER_MARK
from tests.security.conftest import RAW

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "employee", "recruiter", "sales", "admin", "representative", "coordinator")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
EVERYONE = frozenset(ROLES)
ADMIN = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()
#: Who runs an employer network: the delegates of its member organisations.
DELEGATES = frozenset({"representative", "coordinator"})
#: Who asks for introductions and pushes vacancies (DESIGN.md, users).
SEEKERS = frozenset({"recruiter", "sales", "admin"})


@dataclass(frozen=True)
class Entry:
    """How to fill a route's arguments, who gets 200 on GET, and who may POST.

    ``args`` maps an argument to an object of :class:`tests.factories.OrgWorld`
    (``"employee"`` → its pk), to ``"token:<name>"`` (a signed link of that object), or to
    a literal (``"=csv"``). ``post``: who may POST (``None``: the route takes no POST);
    every other role is tried with a POST of ``data`` and must be refused. ``public``: a
    signed link, which is the permission itself: another organisation's link works too.
    """

    ok: frozenset[str]
    args: tuple[tuple[str, str], ...] = ()
    post: frozenset[str] | None = None
    public: bool = False
    data: tuple[tuple[str, str], ...] = ()
    #: A refusal that sends the browser elsewhere: a redirect to this path is one too.
    refused_to: str = ""
    #: A query string for GET (a search the page answers).
    query: str = ""
    #: The page names the organisations on the installation as the controllers (GDPR
    #: Art. 14; ``WEAKTIES_CONTROLLER_NAME`` replaces them): their names, nothing else.
    controllers: bool = False


def E(  # noqa: N802
    ok, *, post=None, public=False, data=None, refused_to="", query="", controllers=False, **args
) -> Entry:
    return Entry(
        frozenset(ok),
        tuple(args.items()),
        None if post is None else frozenset(post),
        public,
        tuple((data or {}).items()),
        refused_to,
        query,
        controllers,
    )


def W(post, **args) -> Entry:  # noqa: N802
    """A route that only takes POST (GET answers 405 to everyone)."""
    return E(NOBODY, post=post, **args)


OWNER = frozenset({"employee"})  # the owner of the objects the world gives employees
MANAGERS = frozenset({"admin", "recruiter"})  # who run vacancies

# fmt: off
PAGES: dict[str, Entry] = {
    # Django's own and the site's frame.
    "set_language": W(EVERYONE),
    "dashboard": E(SIGNED_IN),
    "login": E(EVERYONE, post=EVERYONE),
    "logout": W(EVERYONE),
    "password_change": E(SIGNED_IN, post=SIGNED_IN),
    "password_change_done": E(SIGNED_IN),
    "password_reset": E(EVERYONE, post=EVERYONE),
    "password_reset_done": E(EVERYONE),
    "password_reset_confirm": E(EVERYONE, post=EVERYONE, uidb64="=MQ", token="=set-password"),
    "password_reset_complete": E(EVERYONE),
    "accounts": E(ADMIN),
    "account_invite": W(ADMIN, pk="employee"),
    "account_role": W(ADMIN, pk="employee", data={"role": "admin"}),
    "account_active": W(ADMIN, pk="employee"),
    "employees": E(SIGNED_IN),
    "employee": E(SIGNED_IN, pk="employee"),
    "rate_tie": W(OWNER, pk="tie", data={"rating": "well"}),
    "import": E(SIGNED_IN, post=SIGNED_IN),
    "import_status": E({"employee", "admin"}, pk="import"),
    "withdraw_consent": W(SIGNED_IN),
    "outbox": E(NOBODY),  # the demo's only (WEAKTIES_DEMO)
    "outbox_email": E(NOBODY, pk="=1"),
    "outbox_attachment": E(NOBODY, pk="=1", index="=0"),
    "employees_export": E(SIGNED_IN, fmt="=csv"),
    "network_export": E({"employee", "admin"}, pk="employee", fmt="=csv"),
    "introductions_export": E(SIGNED_IN, fmt="=csv"),
    "referrals_export": E(MANAGERS, fmt="=csv"),
    # Insights.
    "insights:overview": E(ADMIN),
    "insights:refresh": W(ADMIN),
    "insights:refresh_status": E(ADMIN),
    "insights:intro": E(SIGNED_IN),
    "insights:companies": E(SIGNED_IN),
    "insights:ego": E({"employee", "admin"}, pk="employee"),
    "insights:export": E(ADMIN, fmt="=csv"),
    "insights:intro_export": E(NOBODY, fmt="=csv"),
    "insights:network_export": E(NOBODY, fmt="=csv"),
    "insights:ego_export": E(NOBODY, pk="employee", fmt="=csv"),
    # Employer networks.
    "meetings:index": E(SIGNED_IN),
    # Each signed-in employee's own opt-in (a refused organisation opt-in is a message, 302).
    "meetings:network_sharing": E(SIGNED_IN, post=SIGNED_IN),
    "meetings:federation_new": E(ADMIN, post=ADMIN),
    "meetings:federation": E(SIGNED_IN, pk="federation"),
    "meetings:invite": W({"coordinator"}, pk="federation"),
    "meetings:meeting_create": E({"coordinator"}, post={"coordinator"}, pk="federation"),
    "meetings:results": E(SIGNED_IN, pk="federation"),
    "meetings:public_switch": W({"coordinator"}, pk="federation"),
    "meetings:public_results": E(EVERYONE, public=True, token="token:public"),
    "meetings:invitation": E(NOBODY, post=NOBODY, token="=t-no-such-invitation"),
    "meetings:meeting": E(SIGNED_IN, pk="meeting"),
    "meetings:meeting_edit": E({"coordinator"}, post={"coordinator"}, pk="meeting"),
    "meetings:send_call": W({"coordinator"}, pk="meeting"),
    "meetings:ask": E(SIGNED_IN, post=SIGNED_IN, pk="meeting"),
    "meetings:ask_token": E(EVERYONE, post=EVERYONE, public=True, pk="meeting", token="token:ask"),
    "meetings:brief": E(DELEGATES, pk="meeting"),
    "meetings:brief_pdf": E(DELEGATES, pk="meeting"),
    "meetings:import": E(DELEGATES, post=DELEGATES, pk="meeting"),
    "meetings:outcome": E(DELEGATES, post=DELEGATES, pk="help_request"),
    "meetings:contacts": W(DELEGATES, pk="demand"),
    "meetings:stage": W(DELEGATES, pk="match", data={"stage": "contacted"}),
    "meetings:contact_answer": E(NOBODY, post=NOBODY, token="=t-no-such-suggestion"),
    "meetings:org_results": E(SIGNED_IN, pk="organisation"),
    # Notifications.
    "notifications:index": E(SIGNED_IN),
    "notifications:settings": E(SIGNED_IN, post=SIGNED_IN),
    "notifications:read_all": W(SIGNED_IN),
    "notifications:read": W(OWNER, pk="notice"),
    "notifications:open": E(NOBODY, pk="notice"),  # a redirect to the notice's link
    # Introductions.
    "introductions:index": E(SIGNED_IN),
    "introductions:new": E(NOBODY, post=SIGNED_IN),
    "introductions:detail": E({"employee", "sales"}, pk="intro"),
    "introductions:answer": W(OWNER, pk="intro", data={"answer": "accept"}),
    "introductions:draft": E(NOBODY, post=OWNER, pk="intro"),
    "introductions:sent": W(OWNER, pk="intro"),
    "introductions:outcome": W({"sales"}, pk="intro", data={"outcome": "met"}),
    # Referrals.
    "referrals:index": E(SIGNED_IN),
    "referrals:create": E(MANAGERS, post=MANAGERS),
    "referrals:import": E(MANAGERS, post=MANAGERS),
    "referrals:mine": E(SIGNED_IN),
    "referrals:settings": E(ADMIN, post=ADMIN),
    "referrals:leaderboard": E(NOBODY),  # off unless the organisation switches it on
    "referrals:vacancy": E(SIGNED_IN, pk="vacancy"),
    "referrals:edit": E(MANAGERS, post=MANAGERS, pk="vacancy"),
    "referrals:status": W(MANAGERS, pk="vacancy", data={"status": "closed"}),
    "referrals:delete": W(MANAGERS, pk="vacancy"),
    "referrals:candidates": E(MANAGERS, pk="vacancy"),
    "referrals:refresh": W(MANAGERS, pk="vacancy"),
    "referrals:ask": W(MANAGERS, pk="vacancy"),
    "referrals:forward": E(SIGNED_IN, pk="vacancy"),
    "referrals:stage": W(MANAGERS, pk="referral", data={"stage": "interview"}),
    "referrals:apply": E(EVERYONE, post=EVERYONE, public=True, token="token:apply"),
    # Expertise and target lists.
    "expertise:index": E(SIGNED_IN),
    "expertise:profile": E(SIGNED_IN, post=SIGNED_IN),
    "expertise:targets": E({"admin", "recruiter", "sales"}, post={"admin", "recruiter", "sales"}),
    "expertise:target_list": E({"admin", "sales"}, pk="target_list"),
    "expertise:target_list_settings": E(NOBODY, post={"admin", "sales"}, pk="target_list"),
    "expertise:target_list_watch": W({"admin", "sales"}, pk="target_list"),
    "expertise:target_list_replace": W({"admin", "sales"}, pk="target_list"),
    "expertise:target_list_delete": W({"admin", "sales"}, pk="target_list"),
    "expertise:target": E({"admin", "sales"}, list_pk="target_list", pk="target"),
    # Ambassadors.
    "ambassadors:index": E(ADMIN, post=ADMIN, refused_to="/ambassadors/contribution/"),
    "ambassadors:campaign": E(ADMIN, pk="campaign"),
    "ambassadors:remind": W(ADMIN, pk="campaign"),
    "ambassadors:send_again": W(ADMIN, pk="campaign"),
    "ambassadors:sync": E(ADMIN, post=ADMIN),
    "ambassadors:targets": E(ADMIN, post=ADMIN),
    "ambassadors:white_spots": E(ADMIN),
    "ambassadors:target_delete": W(ADMIN, pk="ambassador_target"),
    "ambassadors:material": E(SIGNED_IN, post=ADMIN),
    "ambassadors:shared": W(SIGNED_IN, pk="post"),
    "ambassadors:archive": W(ADMIN, pk="post"),
    "ambassadors:contribution": E(SIGNED_IN),
    # The invitation's link is for the invited employee (the world invites its admin).
    "ambassadors:landing": E({"anonymous", "admin"}, public=True, token="token:landing"),
    "ambassadors:consent": W({"anonymous", "admin"}, public=True, token="token:landing"),
    "ambassadors:decline": W({"anonymous", "admin"}, public=True, token="token:landing"),
    "ambassadors:withdraw": W({"anonymous", "admin"}, public=True, token="token:landing"),
    "ambassadors:landing_import": E(NOBODY, public=True, token="token:landing", pk="import"),
    # Personal networking plan.
    "plans:index": E(SIGNED_IN),
    "plans:goal": E(SIGNED_IN, post=SIGNED_IN),
    "plans:tick": W(SIGNED_IN, key="=profile"),
    "plans:message": W(SIGNED_IN),
    "plans:reminders": W(SIGNED_IN),
    # Privacy: the notice, objections, exports and erasure; the audit log.
    "privacy-notice": E(EVERYONE, controllers=True),
    "privacy:my_data": E(SIGNED_IN),
    "privacy:object": E(EVERYONE, post=EVERYONE),
    "privacy:object_confirm": E(NOBODY, post=NOBODY, token="=no-such-objection"),
    "privacy:requests": E(ADMIN),
    "privacy:request_decide": W(ADMIN, pk="=999999"),
    "privacy:people": E(ADMIN, post=ADMIN),
    "privacy:person_erase": W(ADMIN, data={"email": "mehmet.celik@example.com", "confirm": "on"}),
    "privacy:employee_lookup": W(ADMIN, data={"email": "jan.vandenberg@acme.nl"}),
    "privacy:employee_erase": E(ADMIN, post=ADMIN, pk="employee"),
    "auditlog:log": E(ADMIN),
    "auditlog:export": E(ADMIN),
    "auditlog:mine": E(SIGNED_IN),
    # The API's own pages.
    "api:openapi-json": E(EVERYONE),
    "api:openapi-view": E(EVERYONE),
    "api:api-root": E(NOBODY),
}

#: ``METHOD path`` → entry. GET: who gets 200. Other methods (``W``): who may; every other
#: role, and everyone on the other organisation's objects, is refused (401, 403, 404).
API: dict[str, Entry] = {
    "GET /api/me": E(SIGNED_IN),
    "GET /api/reach": E(SIGNED_IN),
    "GET /api/brokers": E(NOBODY),  # admins: 409 until the network is analysed; others 403
    "POST /api/analyze": W(ADMIN),
    "GET /api/intro": E(SIGNED_IN, query="company=Coolblue"),
    "GET /api/who-knows": E(SIGNED_IN, query="company=Coolblue"),
    "GET /api/federations": E(SIGNED_IN),
    "GET /api/federations/{federation_id}/meetings": E(SIGNED_IN, federation_id="federation"),
    "POST /api/federations/{federation_id}/meetings": W(
        {"coordinator"}, federation_id="federation", data={"date": "2099-01-01"}
    ),
    "GET /api/meetings/{meeting_id}/requests": E(SIGNED_IN, meeting_id="meeting"),
    "POST /api/meetings/{meeting_id}/requests": W(
        SIGNED_IN, meeting_id="meeting", data={"org": "Acme BV", "kind": "question", "title": "Wie weet het?"}
    ),
    "GET /api/meetings/{meeting_id}/matches": E(DELEGATES, meeting_id="meeting"),
    "POST /api/requests/{request_id}/outcome": W(
        DELEGATES, request_id="help_request", data={"outcome": "match"}
    ),
    "POST /api/matches/{match_id}/stage": W(DELEGATES, match_id="match", data={"stage": "contacted"}),
    "GET /api/notifications": E(SIGNED_IN),
    "POST /api/notifications/read-all": W(SIGNED_IN),
    "GET /api/notifications/preference": E(SIGNED_IN),
    "PUT /api/notifications/preference": W(SIGNED_IN),
    "POST /api/notifications/{notice_id}/read": W(OWNER, notice_id="notice"),
    "GET /api/introductions": E(SIGNED_IN),
    "POST /api/introductions": W(SIGNED_IN),
    "GET /api/introductions/{request_id}": E({"employee", "sales"}, request_id="intro"),
    "POST /api/introductions/{request_id}/answer": W(
        OWNER, request_id="intro", data={"answer": "accept"}
    ),
    "PUT /api/introductions/{request_id}/draft": W(
        OWNER, request_id="intro", data={"subject": "Hallo", "body": "Kennismaking"}
    ),
    "POST /api/introductions/{request_id}/sent": W(OWNER, request_id="intro"),
    "POST /api/introductions/{request_id}/outcome": W(
        {"sales"}, request_id="intro", data={"outcome": "met"}
    ),
    "GET /api/vacancies": E(SIGNED_IN),
    "POST /api/vacancies": W(MANAGERS),
    "POST /api/vacancies/import": W(MANAGERS),
    "GET /api/vacancies/mine": E(SIGNED_IN),
    "GET /api/vacancies/{vacancy_id}": E(SIGNED_IN, vacancy_id="vacancy"),
    "PATCH /api/vacancies/{vacancy_id}": W(MANAGERS, vacancy_id="vacancy", data={"title": "Ander"}),
    "DELETE /api/vacancies/{vacancy_id}": W(MANAGERS, vacancy_id="vacancy"),
    "GET /api/vacancies/{vacancy_id}/candidates": E(MANAGERS, vacancy_id="vacancy"),
    "POST /api/vacancies/{vacancy_id}/candidates": W(MANAGERS, vacancy_id="vacancy"),
    "POST /api/vacancies/{vacancy_id}/ask": W(MANAGERS, vacancy_id="vacancy"),
    "GET /api/vacancies/{vacancy_id}/forward": E(SIGNED_IN, vacancy_id="vacancy"),
    "GET /api/vacancies/{vacancy_id}/referrals": E(MANAGERS, vacancy_id="vacancy"),
    "GET /api/referrals/mine": E(SIGNED_IN),
    "GET /api/referrals/contribution": E(SIGNED_IN),
    "GET /api/referrals/settings": E(SIGNED_IN),
    "PUT /api/referrals/settings": W(ADMIN),
    "GET /api/referrals/leaderboard": E(NOBODY),  # off unless the organisation switches it on
    "POST /api/referrals/{referral_id}/stage": W(
        MANAGERS, referral_id="referral", data={"stage": "interview"}
    ),
    "GET /api/profile": E(SIGNED_IN),
    "PUT /api/profile": W(SIGNED_IN),
    "GET /api/expertise": E(SIGNED_IN, query="q=python"),
    "GET /api/targets/lists": E({"admin", "recruiter", "sales"}),
    "POST /api/targets/lists": W({"admin", "recruiter", "sales"}),
    "POST /api/targets/coverage": W({"admin", "recruiter", "sales"}),
    "GET /api/targets/lists/{pk}": E({"admin", "sales"}, pk="target_list"),
    "PATCH /api/targets/lists/{pk}": W({"admin", "sales"}, pk="target_list", data={"name": "Ander"}),
    "DELETE /api/targets/lists/{pk}": W({"admin", "sales"}, pk="target_list"),
    "POST /api/targets/lists/{pk}/watch": W({"admin", "sales"}, pk="target_list"),
    "DELETE /api/targets/lists/{pk}/watch": W({"admin", "sales"}, pk="target_list"),
    "GET /api/targets/lists/{pk}/targets/{target_id}": E(
        {"admin", "sales"}, pk="target_list", target_id="target"
    ),
    "GET /api/ambassadors/campaigns": E(ADMIN),
    "POST /api/ambassadors/campaigns": W(ADMIN),
    "GET /api/ambassadors/campaigns/{campaign_id}": E(ADMIN, campaign_id="campaign"),
    "POST /api/ambassadors/campaigns/{campaign_id}/remind": W(ADMIN, campaign_id="campaign"),
    "GET /api/ambassadors/sync": E(ADMIN),
    "GET /api/ambassadors/white-spots": E(ADMIN),
    "GET /api/ambassadors/targets": E(ADMIN),
    "POST /api/ambassadors/targets": W(ADMIN),
    "DELETE /api/ambassadors/targets/{target_id}": W(ADMIN, target_id="ambassador_target"),
    "GET /api/ambassadors/material": E(SIGNED_IN),
    "POST /api/ambassadors/material": W(ADMIN),
    "POST /api/ambassadors/material/{post_id}/shared": W(
        SIGNED_IN, post_id="post", data={"shared": True}
    ),
    "POST /api/ambassadors/material/{post_id}/archive": W(ADMIN, post_id="post"),
    "GET /api/ambassadors/contribution": E(SIGNED_IN),
    "GET /api/plan": E(OWNER),  # the world gives its employee a plan; the others have none
    "PUT /api/plan": W(SIGNED_IN),
    "POST /api/plan/steps/{key}/tick": W(SIGNED_IN, key="=profile"),
    "GET /api/privacy/my-data": E(SIGNED_IN),
    "POST /api/privacy/people/export": W(ADMIN, data={"email": "mehmet.celik@example.com"}),
    "POST /api/privacy/people/erase": W(
        ADMIN, data={"email": "mehmet.celik@example.com", "confirm": True}
    ),
    "POST /api/privacy/employees/{employee_id}/erase": W(
        ADMIN, employee_id="employee", data={"confirm": True}
    ),
    "GET /api/privacy/requests": E(ADMIN),
    "POST /api/privacy/requests/{request_id}/decide": W(
        ADMIN, request_id="=999999", data={"decision": "confirm"}
    ),
}
# fmt: on

OBSERVE = os.environ.get("WEAKTIES_OBSERVE_PERMISSIONS") == "1"


# Walking the routes -------------------------------------------------------------------------


def _web_routes() -> dict[str, Any]:
    """Every named URL pattern outside Django's admin and the API's operations."""
    found: dict[str, Any] = {}

    def walk(patterns, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    continue
                walk(p.url_patterns, namespace + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern):
                name = namespace + (p.name or "")
                if name.startswith("api:") and name not in PAGES:
                    continue  # an API operation: checked through the OpenAPI schema
                found[name] = p

    walk(get_resolver().url_patterns, "")
    return found


def _api_operations() -> list[str]:
    from weakties.api.routes import api

    schema = api.get_openapi_schema()
    return sorted(
        f"{method.upper()} {path}"
        for path, ops in schema["paths"].items()
        for method in ops
        if method in {"get", "post", "put", "patch", "delete"}
    )


def test_every_url_pattern_and_api_operation_has_an_entry():
    """A new URL or operation must say here who may use it."""
    missing = sorted(set(_web_routes()) - set(PAGES))
    assert not missing, f"URL patterns without an entry in PAGES: {', '.join(missing)}"
    missing_api = sorted(set(_api_operations()) - set(API))
    assert not missing_api, f"API operations without an entry in API: {', '.join(missing_api)}"
    stale = sorted(
        (set(PAGES) - set(_web_routes()) - {"api:api-root"}) | (set(API) - set(_api_operations()))
    )
    assert not stale, f"entries for routes that no longer exist: {', '.join(stale)}"


# Filling arguments ---------------------------------------------------------------------------


def _value(world, side: str, spec: str) -> str:
    objects = world.side(side).objects
    if spec.startswith("="):
        return spec[1:]
    if spec.startswith("token:"):
        return objects["token:" + spec[6:]]
    if spec == "organisation":
        return str(world.side(side).organisation.pk)
    return str(objects[spec].pk)


def _url(name: str, entry: Entry, world, side: str) -> str:
    from django.urls import reverse

    kwargs = {k: _value(world, side, v) for k, v in entry.args}
    url = reverse(name, kwargs=kwargs or None)
    return f"{url}?{entry.query}" if entry.query else url


def _api_path(operation: str, entry: Entry, world, side: str) -> tuple[str, str]:
    method, path = operation.split(" ", 1)
    for k, v in entry.args:
        path = path.replace("{" + k + "}", _value(world, side, v))
    return method, f"{path}?{entry.query}" if entry.query else path


# Reading the answers ---------------------------------------------------------------------------


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _leaks(
    world, role: str, body: str, *, other_allowed: bool = False, html: bool = False
) -> list[str]:
    """Contact details ``role`` may not see, (unless allowed) the other organisation, and in
    HTML a hostile name that was not escaped."""
    text = body.lower()
    found = [v for v in world.forbidden[role] if v in text]
    if html:
        found += [f"an unescaped name: {raw}" for raw in RAW if raw in body]
    if OTHER_MARK in text and not other_allowed:
        at = text.index(OTHER_MARK)
        found.append(f"the other organisation: …{body[max(0, at - 60) : at + 40]}…")
    return found


def _refused(role: str, response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    if response.status_code == 302 and role == "anonymous":
        return "/login/" in response["Location"]
    return False


def _try(world, role: str, method: str, url: str, data: dict | None = None):
    client = world.clients[role]
    headers = {}
    if url.startswith("/api/") and role != "anonymous":
        headers["Authorization"] = f"Bearer {world.tokens[role]}"
    if method == "GET":
        return client.get(url, headers=headers)
    body = json.dumps(data or {})
    return client.generic(method, url, body, content_type="application/json", headers=headers)


def _post_refused(world, role: str, name: str, url: str, side: str, entry: Entry) -> list[str]:
    posted = world.clients[role].post(url, dict(entry.data))
    problems = [
        f"{name} as {role} ({side}: POST {url}) shows {leak}"
        for leak in _leaks(
            world, role, _body(posted), other_allowed=entry.public and side == "other"
        )
    ]
    elsewhere = (
        posted.status_code == 302 and entry.refused_to and posted["Location"] == entry.refused_to
    )
    if (
        not _refused(role, posted)
        and not elsewhere
        and not (entry.data and posted.status_code == 400)
    ):
        problems.append(f"POST {url} as {role} ({side}): {posted.status_code}")
    return problems


def _check_write(world, role, method, url, side, entry) -> list[str]:
    """An API operation that changes things: only the roles refused are tried."""
    if side == "own" and role in (entry.post or NOBODY):
        return []
    response = _try(world, role, method, url, dict(entry.data))
    problems = [
        f"{method} {url} as {role} ({side}) shows {leak}"
        for leak in _leaks(world, role, _body(response))
    ]
    if not _refused(role, response) and not (response.status_code == 422 and not entry.data):
        problems.append(f"{method} {url} as {role} ({side}): {response.status_code}")
    return problems


def _check_read(world, role, name, url, side, entry, observed) -> list[str]:
    response = _try(world, role, "GET", url)
    body = _body(response)
    if entry.controllers:
        body = body.replace(world.other.organisation.name, "")
    html = response.get("Content-Type", "").startswith("text/html")
    problems = [
        f"{name} as {role} ({side}: GET {url}) shows {leak}"
        for leak in _leaks(
            world, role, body, other_allowed=entry.public and side == "other", html=html
        )
    ]
    if side == "own":
        if response.status_code == 200:
            observed.add(role)
        if (response.status_code == 200) != (role in entry.ok) and not OBSERVE:
            problems.append(f"GET {url} as {role}: {response.status_code}")
    elif response.status_code == 200 and not entry.public:
        problems.append(f"GET {url} as {role} (the other organisation's object): 200")
    return problems


def _must_refuse_post(entry: Entry, role: str, side: str) -> bool:
    """Roles that may not POST, and everyone on another organisation's objects."""
    if entry.post is None:
        return False
    if entry.public:
        return role not in entry.post and side == "own"
    return role not in entry.post or side == "other"


def _check(world, name: str, entry: Entry, paths: dict[str, str], method: str) -> list[str]:
    """Every problem with one route, for every role and both organisations."""
    problems: list[str] = []
    observed: set[str] = set()
    # Without an object in its address, a route has no "other organisation's" version.
    sides = ("own", "other") if paths["own"] != paths["other"] else ("own",)
    for role in ROLES:
        for side in sides:
            url = paths[side]
            if method not in ("GET", "PAGE"):
                problems += _check_write(world, role, method, url, side, entry)
                continue
            problems += _check_read(world, role, name, url, side, entry, observed)
            if method == "PAGE" and _must_refuse_post(entry, role, side):
                problems += _post_refused(world, role, name, url, side, entry)
    if OBSERVE:
        print(f"OBSERVED {name}: {sorted(observed)}")
    return problems


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page(world, name):
    entry = PAGES[name]
    paths = {side: _url(name, entry, world, side) for side in ("own", "other")}
    problems = _check(world, name, entry, paths, "PAGE")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("operation", sorted(API))
def test_api_operation(world, operation):
    entry = API[operation]
    paths = {}
    for side in ("own", "other"):
        method, paths[side] = _api_path(operation, entry, world, side)
    problems = _check(world, operation, entry, paths, method)
    assert not problems, "\n".join(problems)


def test_the_ids_differ_between_organisations(world):
    """IDOR only means something when the other organisation's ids are not the own ones."""
    for key, value in world.own.objects.items():
        if hasattr(value, "pk") and not re.match("token:", key):
            assert value.pk != world.other.objects[key].pk, key
