"""REST API of notifications: same tokens and the same rules as the pages.

A token's employee reads and marks only their own notices; another
employee's notice, of the same organisation or another, is a 404 (its
existence is not told).  A token whose login is linked to no employee has
no notices: 403.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from weakties.accounts.models import Employee
from weakties.accounts.rules import employee_of
from weakties.notifications.mail import notice_url
from weakties.notifications.models import Notice
from weakties.notifications.selectors import notice_dict, notice_of, notices_of, unread_count
from weakties.notifications.services.notices import notice_mark_read, notices_mark_all_read
from weakties.notifications.services.preferences import preference_dict, preference_set

from .inputs import MAX_OFFSET, Id, In, one_of

router = Router(tags=["notifications"])

#: The largest page of notices.
MAX_PAGE = 200


class NoticeOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    link: str
    url: str = Field(description="where the notice points, as an absolute link")
    created: str
    read: bool
    read_at: str | None
    emailed_at: str | None


class NoticePage(Schema):
    items: list[NoticeOut]
    total: int = Field(description="notices matching the filter")
    unread: int = Field(description="all unread notices of the employee")
    next_offset: int | None = Field(description="offset of the next page; null on the last")


class NoticeFilter(Schema):
    unread: bool = Field(False, description="only unread notices")
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class Marked(Schema):
    marked: int


class PreferenceOut(Schema):
    digest: Literal["immediate", "daily", "weekly", "never"]
    language: str


class PreferenceIn(In):
    digest: Literal["immediate", "daily", "weekly", "never"] | None = None
    language: Annotated[str, one_of(("nl", "en", ""))] | None = Field(
        None, description="nl or en; empty: the site's default"
    )


def _me(request: HttpRequest) -> Employee:
    me = employee_of(request.user)
    if me is None:
        raise HttpError(403, _("This login is not linked to an employee."))
    return me


def _out(notice: Notice) -> dict:
    return notice_dict(notice, url=notice_url(notice))


def _own(request: HttpRequest, notice_id: Id) -> Notice:
    notice = notice_of(employee=_me(request), notice_id=notice_id)
    if notice is None:
        raise HttpError(404, _("No such notification."))
    return notice


@router.get(
    "/notifications",
    response=NoticePage,
    summary="Your notifications, unread first (a page at a time)",
)
def notifications(request: HttpRequest, filters: Query[NoticeFilter]):
    me = _me(request)
    qs = notices_of(employee=me, unread=filters.unread)
    total = qs.count()
    rows = list(qs[filters.offset : filters.offset + filters.limit])
    end = filters.offset + len(rows)
    return {
        "items": [_out(n) for n in rows],
        "total": total,
        "unread": total if filters.unread else unread_count(employee=me),
        "next_offset": end if end < total else None,
    }


@router.post("/notifications/read-all", response=Marked, summary="Mark all your notifications read")
def read_all(request: HttpRequest):
    return {"marked": notices_mark_all_read(employee=_me(request))}


@router.get(
    "/notifications/preference",
    response=PreferenceOut,
    summary="How often you are emailed, and your language",
)
def preference(request: HttpRequest):
    return preference_dict(_me(request))


@router.put(
    "/notifications/preference",
    response=PreferenceOut,
    summary="Change how often you are emailed (immediate, daily, weekly, never) and your language",
)
def preference_update(request: HttpRequest, payload: PreferenceIn):
    return preference_set(
        employee=_me(request),
        digest=payload.digest,
        language=payload.language,
        actor=request.user,
    )


@router.post(
    "/notifications/{notice_id}/read", response=NoticeOut, summary="Mark one notification read"
)
def read(request: HttpRequest, notice_id: Id):
    return _out(notice_mark_read(_own(request, notice_id)))
