"""What weakties holds about someone, for them to take away (GDPR Art. 15 and 20).

* :func:`employee_export`: "my data" of a signed-in employee: their own
  record, consents, ties *with their own contacts' details* (which are theirs),
  imports (each with how many of its contacts compare and forget kept as
  digests only, and those counts per import as ``forgotten_contacts``),
  introduction requests as requester and as introducer, referrals,
  plans, profile and target lists, notices, invitations, help requests and the
  audit entries by or about them.  Colleagues appear by name only: no other
  person's email address or phone number is in it.
* :func:`subject_export`: what is held about an external person found by
  email address or LinkedIn URL: who knows them (no contact details: the kinds
  held only), introduction requests and suggestions about them, referrals of
  them (what they typed themselves), help requests naming their address,
  target-list lines and whether they are suppressed.  An organisation's admin
  sees what their organisation holds; an operator (CLI, superuser) sees all.

Both are lists of flat rows per section, so that the same dictionary is the
JSON and, one CSV per section, the zip (:func:`as_zip`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.db.models import Q

from weakties.accounts.models import AuditEvent, Employee, Organisation
from weakties.accounts.services.audit import audit
from weakties.ambassadors.models import Invitation
from weakties.core.tables_out import csv_bytes
from weakties.expertise.models import Profile, Target, TargetList
from weakties.introductions.models import IntroductionRequest
from weakties.meetings.models import ContactSuggestion, HelpRequest
from weakties.minimisation.selectors import ForgottenFrom, forgotten_by_import
from weakties.notifications.models import Notice
from weakties.people.models import ImportBatch, Tie
from weakties.people.services.privacy import person_export
from weakties.plans.models import Plan
from weakties.privacy.services.audit_scrub import EMPLOYEE_KEYS, naming
from weakties.privacy.services.subjects import (
    Subject,
    forgotten_of,
    help_requests_of,
    suppressed,
)
from weakties.referrals.models import Referral, Suggestion

__all__ = ["employee_export", "subject_export", "as_zip"]

Rows = list[dict[str, Any]]


def _when(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _name(employee: Employee | None) -> str:
    return (employee.full_name or "—") if employee is not None else "—"


def _ties(me: Employee) -> Rows:
    ties = (
        Tie.objects.filter(employee=me)
        .select_related("person__company", "measured")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    rows = []
    for t in ties:
        measured = getattr(t, "measured", None)
        rows.append(
            {
                "person": t.person_id,
                "name": t.person.name,
                "company": t.person.company.name if t.person.company else "",
                "position": t.person.position,
                "email": t.email,
                "phone": t.phone,
                "profile_url": t.profile_url,
                "sources": ", ".join(t.sources or []),
                "connected_on": _when(t.connected_on),
                "rating": t.rating,
                "interactions": t.interactions,
                "last_interaction": _when(t.last_interaction),
                "strength": measured.strength if measured else None,
                "tier": measured.tier if measured else "",
            }
        )
    return rows


def _introductions(me: Employee) -> Rows:
    rows = []
    asked = IntroductionRequest.objects.filter(Q(requester=me) | Q(introducer=me)).select_related(
        "requester", "introducer", "person__company"
    )
    for r in asked:
        mine = r.requester_id == me.pk
        rows.append(
            {
                "id": r.pk,
                "role": "requester" if mine else "introducer",
                "colleague": _name(r.introducer if mine else r.requester),
                "person": r.person.name,
                "company": r.person.company.name if r.person.company else "",
                "status": r.status,
                "reason": r.reason,
                "questions": r.question_list,
                "decline_reason": r.decline_reason,
                "draft": r.draft if not mine else "",
                "outcome": r.outcome,
                "created_at": _when(r.created_at),
                "answered_at": _when(r.answered_at),
            }
        )
    return rows


def _plans(me: Employee) -> Rows:
    return [
        {
            "goal": p.goal,
            "targets": p.targets,
            "reminders": p.reminders,
            "message": p.message,
            "active": p.active,
            "steps_done": sorted(p.ticks.values_list("step", flat=True)),
            "created_at": _when(p.created_at),
            "closed_at": _when(p.closed_at),
        }
        for p in Plan.objects.filter(employee=me).prefetch_related("ticks")
    ]


def _expertise(me: Employee) -> tuple[Rows, Rows]:
    profile = Profile.objects.filter(employee=me).first()
    rows = (
        [{"skills": profile.skills, "focus_topics": profile.focus_topics, "blurb": profile.blurb}]
        if profile
        else []
    )
    lists = [
        {
            "list": t.target_list.name,
            "purpose": t.target_list.purpose,
            "kind": t.kind,
            "name": t.name,
            "url": t.url,
        }
        for t in Target.objects.filter(target_list__owner=me).select_related("target_list")
    ]
    lists += [
        {"list": tl.name, "purpose": tl.purpose, "kind": "", "name": "", "url": ""}
        for tl in TargetList.objects.filter(owner=me, targets__isnull=True)
    ]
    return rows, lists


def _imports(me: Employee, forgotten: list[ForgottenFrom]) -> Rows:
    """The employee's imports, each with how many of its contacts were compared and forgotten."""
    per_import = {row.batch_id: row.contacts for row in forgotten if row.batch_id is not None}
    return [
        {
            "id": b.pk,
            "file_name": b.file_name,
            "format": b.format,
            "status": b.status,
            "contacts": b.contacts,
            "skipped": b.skipped,
            "ties_created": b.ties_created,
            "forgotten_contacts": per_import.get(b.pk, 0),
            "created_at": _when(b.created_at),
            "finished_at": _when(b.finished_at),
        }
        for b in ImportBatch.objects.filter(owner=me).order_by("created_at", "pk")
    ]


def _audit_about(me: Employee) -> Rows:
    """Entries by the employee, or naming them (by id under an employee key, or by address)."""
    names: dict[int, str] = dict(
        (e.user_id, e.full_name)
        for e in Employee.objects.filter(organisation=me.organisation, user__isnull=False)
    )
    email = me.email.lower()
    rows = []
    found = naming(me.user_id, {"employee": {me.pk}, "person": set()}, {email})
    for event in AuditEvent.objects.filter(found).order_by("at", "pk").iterator(chunk_size=2000):
        detail = event.detail or {}
        by_me = (me.user_id is not None and event.actor_id == me.user_id) or (
            event.actor_label or ""
        ).lower() == email
        about_me = any(
            (k in EMPLOYEE_KEYS and v == me.pk) or (isinstance(v, str) and v.lower() == email)
            for k, v in detail.items()
        )
        if not (by_me or about_me):
            continue
        if by_me:
            actor = "you"
        elif event.actor_id in names:
            actor = names[event.actor_id] or "—"
        else:
            actor = "—" if "@" in (event.actor_label or "") else event.actor_label
        rows.append({"at": _when(event.at), "action": event.action, "by": actor, "detail": detail})
    return rows


def employee_export(
    *, employee: Employee, actor: Any = None, actor_label: str = ""
) -> dict[str, Any]:
    """The employee's own data, by section (see the module).  Audited."""
    me = Employee.objects.select_related("organisation", "user").get(pk=employee.pk)
    profile, target_lists = _expertise(me)
    forgotten = forgotten_by_import(employee=me)
    data: dict[str, Any] = {
        "employee": [
            {
                "email": me.email,
                "first_name": me.first_name,
                "last_name": me.last_name,
                "organisation": me.organisation.name,
                "department": me.department,
                "job_title": me.job_title,
                "location": me.location,
                "manager": _name(me.manager) if me.manager_id else "",
                "role": me.role,
                "language": me.language,
                "active": me.active,
                "created_at": _when(me.created_at),
            }
        ],
        "consents": [
            {"given_at": _when(c.given_at), "withdrawn_at": _when(c.withdrawn_at), "via": c.via}
            for c in me.consents.all()
        ],
        "ties": _ties(me),
        "imports": _imports(me, forgotten),
        # Compare and forget: how many contacts each import gave that were kept as digests only.
        "forgotten_contacts": [row.as_row() for row in forgotten],
        "introduction_requests": _introductions(me),
        "referrals": [
            {
                "id": r.pk,
                "vacancy": r.vacancy.title,
                "candidate": r.name,
                "stage": r.stage,
                "created_at": _when(r.created_at),
            }
            for r in Referral.objects.filter(referrer=me).select_related("vacancy")
        ],
        "vacancy_suggestions": [
            {
                "vacancy": s.vacancy.title,
                "contact": s.person.name,
                "created_at": _when(s.created_at),
            }
            for s in Suggestion.objects.filter(employee=me).select_related("vacancy", "person")
        ],
        "plans": _plans(me),
        "profile": profile,
        "target_lists": target_lists,
        "notifications": [
            {
                "kind": n.kind,
                "subject": n.subject,
                "body": n.body,
                "created_at": _when(n.created_at),
                "read_at": _when(n.read_at),
            }
            for n in Notice.objects.filter(employee=me)
        ],
        "invitations": [
            {
                "campaign": _when(i.campaign.created_at),
                "sent_at": _when(i.sent_at),
                "opened_at": _when(i.opened_at),
                "consented_at": _when(i.consented_at),
                "declined_at": _when(i.declined_at),
            }
            for i in Invitation.objects.filter(employee=me).select_related("campaign")
        ],
        "help_requests": [
            {
                "meeting": _when(h.meeting.date),
                "kind": h.kind,
                "title": h.title,
                "outcome": h.outcome,
                "created_at": _when(h.created_at),
            }
            for h in HelpRequest.objects.filter(requester=me).select_related("meeting")
        ],
        "contact_suggestions": [
            {"request": c.demand.title, "contact": c.person.name, "answer": c.answer}
            for c in ContactSuggestion.objects.filter(employee=me).select_related(
                "demand", "person"
            )
        ],
        "audit": _audit_about(me),
    }
    audit("privacy.my_data_export", actor=actor, actor_label=actor_label, employee=me.pk)
    return data


def _scope(queryset: Any, organisation: Organisation | None, path: str) -> Any:
    return queryset if organisation is None else queryset.filter(**{path: organisation})


def subject_export(
    *,
    subject: Subject,
    organisation: Organisation | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> dict[str, Any]:
    """What is held about an external person (in ``organisation``, or everywhere).  Audited."""
    person = subject.person
    data: dict[str, Any] = {"found": person is not None}
    if person is not None:
        data |= person_export(person_id=person.pk, actor_label=actor_label or "privacy")
        if organisation is not None:
            inside = set(
                Employee.objects.filter(organisation=organisation).values_list("email", flat=True)
            )
            data["known_by"] = [k for k in data["known_by"] if k["employee"] in inside]
        intros = _scope(
            IntroductionRequest.objects.filter(person=person), organisation, "organisation"
        ).select_related("requester", "introducer")
        data["introductions"] = [
            {
                "id": r.pk,
                "requester": _name(r.requester),
                "introducer": _name(r.introducer),
                "status": r.status,
                "reason": r.reason,
                "questions": r.question_list,
                "outcome": r.outcome,
                "created_at": _when(r.created_at),
            }
            for r in intros
        ]
        data["vacancy_suggestions"] = [
            {
                "vacancy": s.vacancy.title,
                "via": _name(s.employee),
                "created_at": _when(s.created_at),
            }
            for s in _scope(
                Suggestion.objects.filter(person=person), organisation, "vacancy__organisation"
            ).select_related("vacancy", "employee")
        ]
        data["contact_suggestions"] = [
            {"request": c.demand.title, "via": _name(c.employee), "answer": c.answer}
            for c in _scope(
                ContactSuggestion.objects.filter(person=person),
                organisation,
                "employee__organisation",
            ).select_related("demand", "employee")
        ]
    referrals = _scope(
        Referral.objects.filter(
            Q(email_digest__in=subject.emails) | Q(linkedin_digest__in=subject.linkedins or {"-"})
        ),
        organisation,
        "vacancy__organisation",
    ).select_related("vacancy__organisation", "referrer")
    data["referrals"] = [
        {
            "id": r.pk,
            "organisation": r.vacancy.organisation.name,
            "vacancy": r.vacancy.title,
            "referred_by": _name(r.referrer),
            "name": r.name,
            "email": r.email,
            "linkedin_url": r.linkedin_url,
            "message": r.message,
            "stage": r.stage,
            "created_at": _when(r.created_at),
        }
        for r in referrals
    ]
    data["help_requests"] = [
        {"meeting": _when(h.meeting.date), "kind": h.kind, "title": h.title}
        for h in help_requests_of(subject, organisation).select_related("meeting")
    ]
    data["target_lists"] = [
        {"list": t.target_list.name, "owner": _name(t.target_list.owner)}
        for t in _scope(
            Target.objects.filter(kind=Target.Kind.PERSON, digest__in=subject.linkedins),
            organisation,
            "target_list__organisation",
        ).select_related("target_list__owner")
    ]
    # Compare and forget kept only a digest of them, per employee who knew them.
    data["forgotten_by"] = [
        {"employee": _name(f.employee), "forgotten_at": _when(f.forgotten_at)}
        for f in forgotten_of(subject, organisation)
        .select_related("employee")
        .order_by("employee__email")
    ]
    data["suppressed"] = suppressed(subject)
    data["found"] = bool(
        data["found"]
        or data["referrals"]
        or data["help_requests"]
        or data["target_lists"]
        or data["forgotten_by"]
    )
    audit(
        "privacy.person_export",
        actor=actor,
        actor_label=actor_label,
        person=person.pk if person is not None else None,
        organisation=organisation.pk if organisation is not None else None,
    )
    return data


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def as_zip(data: dict[str, Any]) -> bytes:
    """One CSV per section (formula-safe, :mod:`weakties.core.tables_out`), zipped; plus the JSON."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section, rows in data.items():
            if not isinstance(rows, list) or (rows and not isinstance(rows[0], dict)):
                continue
            header: list[str] = []
            for row in rows:
                header += [k for k in row if k not in header]
            table = [header] + [[_cell(row.get(k)) for k in header] for row in rows]
            archive.writestr(f"{section}.csv", csv_bytes(table))
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return buffer.getvalue()
