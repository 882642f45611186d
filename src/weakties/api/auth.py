"""Bearer-token authentication for the REST API (tokens: ``weakties token create``).

One query per request finds the token, its user, the employee the user is and
that employee's organisation, so the endpoints resolve the caller from memory
(``routes._organisation``, ``accounts.rules``). The read path writes nothing but
its audit line: ``last_used_at`` is written at most once a minute per token
(:data:`LAST_USED_RESOLUTION`), decided by the same query.

Wrong tokens are counted per client address (issue 12), in memory and only
at a failure, so a valid token costs one truth test of an (almost always
empty) dict. An address with ``WEAKTIES_TOKEN_FAILURE_LIMIT``
failures within the cool-off (``WEAKTIES_LOGIN_COOLOFF_MINUTES``) is answered
429 for the rest of it, whatever token it sends.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from weakties.accounts.models import ApiToken
from weakties.core.prepared import fetch_one

__all__ = ["LAST_USED_RESOLUTION", "TokenAuth", "forget_token_failures"]

log = logging.getLogger(__name__)

#: ``ApiToken.last_used_at`` is at most this much behind the token's last use.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer wt_…``: the token's user, with their employee and organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if _blocked_until:  # empty unless some address failed too often: free for valid tokens
            _refuse_if_blocked(request)
        found = _load(ApiToken.hash(token))
        if found is None:
            return _failed(request)
        user, stale = found
        if not user.is_active:
            return _failed(request)
        if stale:
            _mark_used(user.pk, ApiToken.hash(token))
        request.user = user
        return user


#: Wrong tokens per client address in this process: (count, start of its window), and the
#: addresses over the limit with the end of their block (``time.monotonic()``). Kept in
#: memory, not in the shared cache: a count that outlives the process (or is shared by
#: every test run on the machine) blocked callers it should not; each web worker counts
#: on its own, so the limit holds per worker.
_failures: dict[str, tuple[int, float]] = {}
_blocked_until: dict[str, float] = {}
#: Addresses remembered at most; beyond it, those whose window has passed are dropped.
MAX_ADDRESSES = 10_000


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "?"


def _refuse_if_blocked(request: HttpRequest) -> None:
    address = _address(request)
    until = _blocked_until.get(address)
    if until is None:
        return
    if time.monotonic() < until:
        raise HttpError(429, _("too many wrong API tokens from this address; try again later"))
    _blocked_until.pop(address, None)
    _failures.pop(address, None)


def _failed(request: HttpRequest) -> None:
    """Count a wrong (or deleted) token for the caller's address; block it at the limit."""
    address = _address(request)
    cooloff = settings.WEAKTIES_LOGIN_COOLOFF_MINUTES * 60
    now = time.monotonic()
    count, since = _failures.get(address, (0, now))
    if now - since >= cooloff:  # the window starts at the first failure
        count, since = 0, now
    if address not in _failures and len(_failures) >= MAX_ADDRESSES:
        _forget_old(now, cooloff)
    count += 1
    _failures[address] = (count, since)
    if count >= settings.WEAKTIES_TOKEN_FAILURE_LIMIT:
        _blocked_until[address] = since + cooloff
        if count == settings.WEAKTIES_TOKEN_FAILURE_LIMIT:
            log.warning("API: %s wrong tokens from %s; refused for the cool-off", count, address)
        _refuse_if_blocked(request)
    return None


def _forget_old(now: float, cooloff: float) -> None:
    for address, (_count, since) in list(_failures.items()):
        if now - since >= cooloff:
            _failures.pop(address, None)
            _blocked_until.pop(address, None)
    if len(_failures) >= MAX_ADDRESSES:  # all recent: start over rather than grow
        _failures.clear()


def forget_token_failures(address: str) -> None:
    """Lift a block and its count (the tests)."""
    _failures.pop(address, None)
    _blocked_until.pop(address, None)


def _models() -> list[type[models.Model]]:
    from django.contrib.auth import get_user_model

    from weakties.accounts.models import Employee, Organisation

    return [get_user_model(), Employee, Organisation]


def _columns(model: type[models.Model]) -> list[models.Field]:
    """The fields read with the token: all but dates and times (deferred: read when used).

    The rows are read with plain SQL; values of these fields arrive as Python
    values from both SQLite and PostgreSQL, while dates and times would need
    the ORM's converters (time zones) that a raw cursor does not apply.
    """
    skip = (models.DateTimeField, models.DateField, models.JSONField)
    return [f for f in model._meta.concrete_fields if not isinstance(f, skip)]


@functools.cache
def _statement() -> tuple[str, list[list[models.Field]]]:
    """The one query: token → user → employee → organisation (the last two may be missing)."""
    user_model, employee_model, organisation_model = _models()
    fields = [_columns(m) for m in _models()]
    q = connection.ops.quote_name
    select = ", ".join(
        f"{alias}.{q(f.column)}" for alias, group in zip("ueo", fields, strict=True) for f in group
    )
    sql = (
        f"SELECT CASE WHEN t.last_used_at IS NULL OR t.last_used_at < %s THEN 1 ELSE 0 END,"
        f" {select}"
        f" FROM {q(ApiToken._meta.db_table)} t"
        f" JOIN {q(user_model._meta.db_table)} u ON u.id = t.user_id"
        f" LEFT JOIN {q(employee_model._meta.db_table)} e ON e.user_id = u.id"
        f" LEFT JOIN {q(organisation_model._meta.db_table)} o ON o.id = e.organisation_id"
        f" WHERE t.key_hash = %s"
    )
    return sql, fields


def _load(key_hash: str) -> tuple[Any, bool] | None:
    """The token's user (employee and organisation attached), and whether ``last_used_at`` is stale.

    One query, written as SQL: composing it through the ORM (``select_related``
    over four tables) cost more CPU than the rest of an authenticated request
    (issue 9, ``bench/request_floor.py``). The user, employee and organisation
    are real model instances (``Model.from_db``) with their relations cached,
    so ``request.user.employee.organisation`` asks the database nothing.
    """
    sql, fields = _statement()
    stale_before = connection.ops.adapt_datetimefield_value(timezone.now() - LAST_USED_RESOLUTION)
    row = fetch_one(sql, [stale_before, key_hash])  # planned once per connection
    if row is None:
        return None
    instances = []
    at = 1
    for model, group in zip(_models(), fields, strict=True):
        values = row[at : at + len(group)]
        at += len(group)
        pk = values[0]
        names = [f.attname for f in group]
        instances.append(None if pk is None else model.from_db(connection.alias, names, values))
    user, employee, organisation = instances
    user_model, employee_model, _organisation = _models()
    user_model._meta.get_field("employee").set_cached_value(user, employee)
    if employee is not None:
        employee_model._meta.get_field("organisation").set_cached_value(employee, organisation)
        employee_model._meta.get_field("user").set_cached_value(employee, user)
    return user, bool(row[0])


def _mark_used(user_id: int, key_hash: str) -> None:
    """Move ``last_used_at`` to now when it is older than a minute: one conditional UPDATE.

    The condition is repeated in SQL so that concurrent requests that all saw
    a stale value change the row once; the others match nothing.
    """
    now = timezone.now()
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ApiToken.objects.filter(stale, key_hash=key_hash, user_id=user_id).update(last_used_at=now)
