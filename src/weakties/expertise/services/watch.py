"""Watched target lists: tell the owner when an import creates a path to one of their targets.

Called after a network import committed (``people.signals.ties_imported``,
:mod:`weakties.expertise.receivers`) with the importers and the range of the
ties created.  A **new path** is a tie the import created, of a colleague who
shares their network, to someone at a watched company or to a watched
person.  The owner gets one notice per list
(:func:`weakties.notifications.services.notify.notify`: in-app, and email at
once or in their digest), in their own language, naming the targets, the
colleagues who know someone there now and how many people — never a
contact's details.  An owner who may no longer use target lists (their role
changed, they left) is not told.
"""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weakties.accounts.models import Employee
from weakties.expertise import rules
from weakties.expertise.models import Target, TargetList
from weakties.notifications.services.notify import in_language_of, notify
from weakties.people.models import Company, PersonIdentifier, TieRank

__all__ = ["watch_check"]

#: Targets named in one notice; the rest are counted.
NAMED = 8


def _watched_targets(organisation_id: int) -> list[Target]:
    return list(
        Target.objects.filter(
            target_list__organisation_id=organisation_id, target_list__watched=True
        ).select_related("target_list__owner")
    )


def _new_ties(
    organisation_id: int,
    employee_ids: list[int],
    first_tie: int,
    last_tie: int,
    targets: list[Target],
) -> tuple[dict[str, dict[int, int]], dict[str, dict[int, int]], dict[str, str]]:
    """The import's new ties at the targets, by company key and by person digest.

    ``({key: {employee: new ties}}, {digest: {employee: new ties}}, {digest: name})``.
    """
    company_keys = dict(
        Company.objects.filter(
            key__in={t.key for t in targets if t.kind == Target.Kind.COMPANY}
        ).values_list("id", "key")
    )
    person_digests = dict(
        PersonIdentifier.objects.filter(
            kind="linkedin", digest__in={t.digest for t in targets if t.kind == Target.Kind.PERSON}
        ).values_list("person_id", "digest")
    )
    by_company: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    by_person: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    if not company_keys and not person_digests:
        return by_company, by_person, names
    new = TieRank.objects.filter(
        tie_id__gte=first_tie,
        tie_id__lte=last_tie,
        organisation_id=organisation_id,
        employee_id__in=employee_ids,
        colleague=False,
    ).values_list(
        "employee_id", "company_id", "person_id", "person__first_name", "person__last_name"
    )
    for employee_id, company_id, person_id, first, last in new:
        if company_id in company_keys:
            by_company[company_keys[company_id]][employee_id] += 1
        if person_id in person_digests:
            by_person[person_digests[person_id]][employee_id] += 1
            names[person_digests[person_id]] = " ".join(p for p in (first, last) if p)
    return by_company, by_person, names


def _line(target: Target, known: dict[int, int], colleagues: dict[int, str], person: str) -> str:
    who = ", ".join(sorted(colleagues.get(e, "?") for e in known))
    if target.kind == Target.Kind.COMPANY:
        people = sum(known.values())
        contacts = ngettext("%(n)d new contact", "%(n)d new contacts", people) % {"n": people}
        return _("%(target)s: %(contacts)s, through %(who)s") % {
            "target": target.name,
            "contacts": contacts,
            "who": who,
        }
    return _("%(person)s (line %(line)d of your list): now known by %(who)s") % {
        "person": person or _("a person"),
        "line": target.line,
        "who": who,
    }


def watch_check(
    *, organisation_id: int, employee_ids: list[int], first_tie: int, last_tie: int
) -> int:
    """Notify the owners of watched lists about new paths to their targets; returns the notices sent."""
    targets = _watched_targets(organisation_id)
    if not targets:
        return 0
    by_company, by_person, persons = _new_ties(
        organisation_id, employee_ids, first_tie, last_tie, targets
    )
    found: dict[TargetList, list[tuple[Target, dict[int, int]]]] = defaultdict(list)
    for target in targets:
        known = (
            by_company.get(target.key)
            if target.kind == Target.Kind.COMPANY
            else by_person.get(target.digest)
        )
        if known:
            found[target.target_list].append((target, known))
    if not found:
        return 0
    names = {
        pk: " ".join(p for p in (first, last) if p) or email
        for pk, first, last, email in Employee.objects.filter(pk__in=employee_ids).values_list(
            "pk", "first_name", "last_name", "email"
        )
    }
    sent = 0
    for target_list, hits in found.items():
        owner = target_list.owner
        if not rules.may_change_target_list(owner, target_list):
            continue
        with in_language_of(owner):
            subject = ngettext(
                "A new path to %(n)d target of “%(list)s”",
                "New paths to %(n)d targets of “%(list)s”",
                len(hits),
            ) % {"n": len(hits), "list": target_list.name}
            lines = [_line(t, known, names, persons.get(t.digest, "")) for t, known in hits[:NAMED]]
            if len(hits) > NAMED:
                lines.append(_("… and %(n)d more.") % {"n": len(hits) - NAMED})
            body = "\n".join(lines)
        notify(
            employee=owner,
            kind="expertise.target_path",
            subject=subject,
            body=body,
            link=reverse("expertise:target_list", args=[target_list.pk]),
        )
        sent += 1
    return sent
