"""Bearer-token authentication for the REST API (tokens: ``weakties token create``).

One query per request finds the token, its user, the employee the user is and
that employee's organisation (``select_related``), so the endpoints resolve the
caller from memory (``routes._organisation``, ``accounts.rules``). The read
path writes nothing but its audit line: ``last_used_at`` is written at most
once a minute per token (:data:`LAST_USED_RESOLUTION`), decided on the value
the same query fetched.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from weakties.accounts.models import ApiToken

__all__ = ["LAST_USED_RESOLUTION", "TokenAuth"]

#: ``ApiToken.last_used_at`` is at most this much behind the token's last use.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer wt_…``: the token's user, with their employee and organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        tokens = ApiToken.objects.select_related("user__employee__organisation").filter(
            key_hash=ApiToken.hash(token)
        )
        found = next(iter(tokens[:1]), None)  # key_hash is unique: no ORDER BY needed
        if found is None or not found.user.is_active:
            return None
        _mark_used(found)
        request.user = found.user
        return found.user


def _mark_used(token: ApiToken) -> None:
    """Move ``last_used_at`` to now when it is older than a minute: one conditional UPDATE.

    The condition is repeated in SQL so that concurrent requests with the same
    stale value change the row once; the others match nothing.
    """
    now = timezone.now()
    last = token.last_used_at
    if last is not None and now - last < LAST_USED_RESOLUTION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
