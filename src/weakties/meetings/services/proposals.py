"""Matches across member organisations: supply (candidates, surplus staff) against demand.

The scoring is the pure :mod:`weakties.matching`; this module turns help
requests into its :class:`~weakties.matching.Request` records, keeps the
proposals in :class:`~weakties.meetings.models.Match` and moves them through
the pipeline proposed → contacted → talking → placed / closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.meetings.models import HelpRequest, Match, Meeting, Stage

if TYPE_CHECKING:  # the pure layer loads its models on first use (see the functions)
    from weakties import matching

__all__ = [
    "to_request",
    "matches_compute",
    "matches_propose",
    "match_dict",
    "match_set_stage",
    "why_text",
    "TOP_K",
]

#: Proposals kept per supply request.
TOP_K = 5


def to_request(r: HelpRequest) -> matching.Request:
    """A help request as the pure layer's :class:`~weakties.matching.Request`."""
    from weakties.matching import Request

    return Request(
        id=r.pk,
        org=r.organisation.name,
        kind=r.kind,
        title=r.title,
        text=r.text,
        skills=tuple(r.skills or ()),
        region=r.region,
        level=r.level,
        count=r.count,
        date=r.effective_date,
    )


def matches_compute(*, meeting: Meeting, top_k: int = TOP_K) -> list[matching.Match]:
    """The pure layer's matches for a meeting's requests, best first."""
    from weakties.matching import DEMAND_KINDS, SUPPLY_KINDS, match

    requests = list(meeting.requests.select_related("organisation", "meeting"))
    supply = [to_request(r) for r in requests if r.kind in SUPPLY_KINDS]
    demand = [to_request(r) for r in requests if r.kind in DEMAND_KINDS]
    if not supply or not demand:
        return []
    return match(supply, demand, top_k=top_k)


def _reasons_json(reasons: Sequence[matching.Reason]) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "score": float(r.score),
            "message": r.message,
            "params": {k: str(v) for k, v in dict(r.params).items()},
        }
        for r in reasons
    ]


def why_text(match: Match) -> str:
    """The match's explanation in the active language (from its stored reasons)."""
    if not match.reasons:
        return match.why
    from weakties.matching import Reason, explain

    reasons = [
        Reason(r["code"], r["score"], r["message"], r.get("params", {})) for r in match.reasons
    ]
    return explain(reasons, translate=gettext) or match.why


@transaction.atomic
def matches_propose(*, meeting: Meeting, top_k: int = TOP_K) -> list[Match]:
    """Store the current proposals; matches already moved on keep their stage.

    Proposals that no longer come out (a request changed or was removed) are
    dropped while they are still only proposed.
    """
    found = matches_compute(meeting=meeting, top_k=top_k)
    existing = {(m.supply_id, m.demand_id): m for m in Match.objects.filter(meeting=meeting)}
    keep: set[tuple[int, int]] = set()
    new: list[Match] = []
    for m in found:
        key = (m.supply.id, m.demand.id)
        keep.add(key)
        row = existing.get(key)
        reasons = _reasons_json(m.reasons)
        if row is None:
            new.append(
                Match(
                    meeting=meeting,
                    supply_id=key[0],
                    demand_id=key[1],
                    score=float(m.score),
                    why=m.why,
                    reasons=reasons,
                )
            )
        elif row.score != float(m.score) or row.why != m.why:
            row.score, row.why, row.reasons = float(m.score), m.why, reasons
            row.save(update_fields=["score", "why", "reasons"])
    # Two representatives opening the brief at once both propose: the second insert is a no-op.
    Match.objects.bulk_create(new, ignore_conflicts=True)
    stale = [m.pk for key, m in existing.items() if key not in keep and m.stage == Stage.PROPOSED]
    Match.objects.filter(pk__in=stale).delete()
    return list(
        Match.objects.filter(meeting=meeting)
        .select_related("supply__organisation", "demand__organisation")
        .order_by("-score", "id")
    )


def _side(r: HelpRequest) -> dict[str, Any]:
    return {"id": r.pk, "org": r.organisation.name, "kind": r.kind, "title": r.title}


def match_dict(m: Match) -> dict[str, Any]:
    """A match as JSON: both sides, score, why and stage."""
    return {
        "id": m.pk,
        "supply": _side(m.supply),
        "demand": _side(m.demand),
        "score": round(float(m.score), 4),
        "why": m.why,
        "stage": m.stage,
    }


ORDER = [Stage.PROPOSED, Stage.CONTACTED, Stage.TALKING, Stage.PLACED, Stage.CLOSED]


def match_set_stage(
    match: Match,
    *,
    stage: str,
    placed: int | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> Match:
    """Move a match along the pipeline.  ``placed`` people (default: 1) count when placed."""
    if stage not in Stage.values:
        raise ServiceError(
            _("stage must be one of {choices}, not {stage}").format(
                choices=", ".join(Stage.values), stage=repr(stage)
            )
        )
    if placed is not None and placed < 0:
        raise ServiceError(_("the number placed cannot be negative"))
    now = timezone.now()
    match.stage = stage
    match.stage_changed_at = now
    if stage == Stage.PLACED:
        limit = max(1, min(match.supply.count, match.demand.count))
        number = placed if placed is not None else (match.placed or 1)
        if number > limit:
            raise ServiceError(
                _(
                    "at most {limit} can be placed through this match (the requests ask for {limit})"
                ).format(limit=limit)
            )
        match.placed = number
        match.placed_at = match.placed_at or now
    else:
        match.placed = 0
        match.placed_at = None
    match.save(update_fields=["stage", "stage_changed_at", "placed", "placed_at"])
    audit(
        "match_stage",
        actor=actor,
        actor_label=actor_label,
        match=match.pk,
        stage=stage,
        placed=match.placed,
    )
    return match
