"""Find, export and erase a person on request (DESIGN.md, privacy by design).

Erasing keeps only digests of the person's identifiers and of their name
plus company (:class:`~weakties.people.models.Erasure`), so that importing
the same file again does not bring them back.  The name-plus-company digest
also blocks a namesake at the same company: privacy wins over recall.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.people.models import Erasure, Person, PersonIdentifier, Tie, TieProvenance
from weakties.people.services.identity import digest, name_company_digest
from weakties.people.signals import ties_removed
from weakties.resolve import normalize_email, normalize_linkedin_url

__all__ = ["person_find", "person_export", "person_erase"]


def person_find(*, query: str, actor_label: str) -> Person | None:
    """The person with this LinkedIn URL or email (compared by digest).  Audited."""
    audit(
        "find_person",
        actor_label=actor_label,
        query_kind="url" if "linkedin" in query.lower() else "email",
    )
    url = normalize_linkedin_url(query)
    if url:
        ident = PersonIdentifier.objects.filter(kind="linkedin", digest=digest(url)).first()
    else:
        email = normalize_email(query)
        ident = (
            PersonIdentifier.objects.filter(kind="email", digest=digest(email)).first()
            if email
            else None
        )
    return ident.person if ident else None


def _get(person_id: int) -> Person:
    person = Person.objects.select_related("company").filter(pk=person_id).first()
    if person is None:
        raise ServiceError(_("no person with id {id}").format(id=person_id))
    return person


def person_export(*, person_id: int, actor_label: str) -> dict[str, Any]:
    """Everything weakties holds about one person (a subject access request)."""
    person = _get(person_id)
    audit("export_person", actor_label=actor_label, person=person_id)
    ties = Tie.objects.filter(person=person).select_related("employee").order_by("employee__email")
    provenance: dict[int, list[dict[str, Any]]] = {}
    for tie_id, file, line in TieProvenance.objects.filter(tie__person=person).values_list(
        "tie_id", "batch__file_name", "line"
    ):
        provenance.setdefault(tie_id, []).append({"file": file, "line": line})
    return {
        "id": person.pk,
        "name": person.name,
        "company": person.company.name if person.company else "",
        "position": person.position,
        "identifiers": sorted({kind for kind in person.identifiers.values_list("kind", flat=True)}),
        "known_by": [
            {
                "employee": t.employee.email,
                "sources": list(t.sources),
                "connected_on": t.connected_on.isoformat() if t.connected_on else None,
                "contact_details_held": sorted(
                    k
                    for k, v in (
                        ("email", t.email),
                        ("phone", t.phone),
                        ("profile_url", t.profile_url),
                    )
                    if v
                ),
                "provenance": provenance.get(t.pk, []),
            }
            for t in ties
        ],
    }


@transaction.atomic
def person_erase(*, person_id: int, actor_label: str) -> dict[str, Any]:
    """Delete the person, their ties and identifiers; keep tombstones so they stay erased."""
    person = _get(person_id)
    if hasattr(person, "employee"):
        raise ServiceError(
            _("this person is an employee; remove them from the HR directory instead")
        )
    tombstones = set(person.identifiers.values_list("kind", "digest"))
    company = person.company.name if person.company else ""
    if company:
        tombstones.add(("name", name_company_digest(person.first_name, person.last_name, company)))
    for tie in Tie.objects.filter(person=person).exclude(email="", profile_url=""):
        for kind, value in (
            ("email", normalize_email(tie.email)),
            ("linkedin", normalize_linkedin_url(tie.profile_url)),
        ):
            if value:
                tombstones.add((kind, digest(value)))
    Erasure.objects.bulk_create(
        [Erasure(kind=k, digest=d) for k, d in sorted(tombstones)], ignore_conflicts=True
    )
    holders = list(Tie.objects.filter(person=person).values_list("employee_id", flat=True))
    ties = len(holders)
    person.delete()
    ties_removed.send(sender=Tie, employee_ids=sorted(set(holders)))
    audit("erase_person", actor_label=actor_label, person=person_id, ties=ties)
    return {
        "person": person_id,
        "erased": True,
        "ties_removed": ties,
        "tombstones": len(tombstones),
    }
