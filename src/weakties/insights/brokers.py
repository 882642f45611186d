"""The brokers table: only measures and roles that tell the people in it apart, in plain words (issue 11).

A column whose values are all equal at the precision shown (constraint 0,001
for everyone in a firm whose people each know hundreds of outsiders) says
nothing and is left out.  On undirected ties Gould & Fernandez's gatekeeper
and representative counts are the same pair counts seen from either side:
when they are equal for everyone they are one role, "links their department
with others".  A role with the same count for everyone is left out too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

__all__ = ["BrokerColumn", "broker_table"]


@dataclass(frozen=True)
class BrokerColumn:
    key: str
    label: str
    help: str
    digits: int


#: ``(insight field, plain label, what it means, decimals shown)``.
MEASURES = (
    (
        "effective_size",
        gettext_noop("Independent contacts"),
        gettext_noop("Effective size: how many of their contacts do not know each other."),
        1,
    ),
    (
        "constraint",
        gettext_noop("Closed circle"),
        gettext_noop(
            "Constraint: high when their contacts all know each other, low when they span gaps."
        ),
        3,
    ),
    (
        "hierarchy",
        gettext_noop("One dominant contact"),
        gettext_noop(
            "Hierarchy (Burt): 0 when their closed circle is spread evenly over their contacts,"
            " near 1 when one contact accounts for most of it (always 1 with a single contact)."
        ),
        2,
    ),
    (
        "betweenness",
        gettext_noop("Between colleagues"),
        gettext_noop(
            "Betweenness: how often they lie on the shortest path between two colleagues."
        ),
        1,
    ),
)
#: Gould & Fernandez's roles, in plain words; ``gatekeeper_representative`` when the two are one.
ROLE_WORDS = {
    "coordinator": gettext_noop("links colleagues within their department"),
    "gatekeeper": gettext_noop("brings outsiders into their department"),
    "representative": gettext_noop("speaks for their department to others"),
    "gatekeeper_representative": gettext_noop("links their department with others"),
    "consultant": gettext_noop("links colleagues of one other department"),
    "liaison": gettext_noop("links two other departments"),
}
ROLE_ORDER = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
#: How the roles in a row are ordered, in plain words (shown under the table).
ROLES_RANKED = gettext_noop(
    "Each person's roles are listed from the most to the least above chance: the count is"
    " compared with what their department's size and the network's density would give if"
    " ties fell at random (Gould & Fernandez's z-score), so a role does not come first just"
    " because someone knows many people."
)


def _telling(values: Sequence[float | None], digits: int) -> bool:
    """More than one distinct value at the precision shown."""
    shown = {round(v, digits) for v in values if v is not None}
    return len(shown) > 1


def _roles(all_roles: list[dict[str, int]]) -> tuple[list[str], bool]:
    """The role keys that differ between people, and whether gatekeeper and representative are one."""
    merged = any(r.get("gatekeeper") for r in all_roles) and all(
        (r.get("gatekeeper") or 0) == (r.get("representative") or 0) for r in all_roles
    )
    keys = [k for k in ROLE_ORDER if not (merged and k == "representative")]
    if merged:
        keys[keys.index("gatekeeper")] = "gatekeeper_representative"

    def count(r: dict[str, int], k: str) -> int:
        return (r.get("gatekeeper") or 0) if k == "gatekeeper_representative" else (r.get(k) or 0)

    several = len(all_roles) > 1
    kept = [
        k
        for k in keys
        if any(count(r, k) for r in all_roles)
        and (not several or len({count(r, k) for r in all_roles}) > 1)
    ]
    return kept, merged


def broker_table(insights: Sequence[Any], type_label) -> dict[str, Any]:
    """``{"columns": [BrokerColumn], "rows": [...], "hidden": [labels]}`` for the shown brokers.

    Each row: ``employee``, ``values`` (``(value, digits)`` per column), ``roles``
    (``[(plain words, count)]``) and ``type``.
    """
    several = len(insights) > 1
    columns, hidden = [], []
    for key, label, help_text, digits in MEASURES:
        values = [getattr(i, key, None) for i in insights]
        if all(v is None for v in values):
            continue
        if several and not _telling(values, digits):
            hidden.append(_(label))
            continue
        columns.append(BrokerColumn(key, _(label), _(help_text), digits))
    all_roles = [dict(i.roles or {}) for i in insights]
    role_keys, _merged = _roles(all_roles)
    rows = []
    for i, roles in zip(insights, all_roles, strict=True):
        z = dict(getattr(i, "roles_z", None) or {})
        ranked = []
        for k in role_keys:
            key = "gatekeeper" if k == "gatekeeper_representative" else k
            n = roles.get(key) or 0
            if n:
                score = z.get(key)
                ranked.append((score is None, -(score or 0.0), (_(ROLE_WORDS[k]), n)))
        # Highest z-score first (stable: roles without one keep the Gould & Fernandez order last).
        said = [item for *_key, item in sorted(ranked, key=lambda r: (r[0], r[1]))]
        rows.append(
            {
                "insight": i,
                "employee": i.employee,
                "values": [(getattr(i, c.key, None), c.digits) for c in columns],
                "roles": said,
                "type": type_label(i.type),
            }
        )
    return {
        "columns": columns,
        "rows": rows,
        "hidden": hidden,
        "roles_shown": bool(role_keys),
        "roles_ranked": _(ROLES_RANKED),
    }
