"""CSV and Excel downloads of the pages' tables: ``<page>/export.csv`` and ``<page>/export.xlsx``.

Each download checks what its page checks and holds what its page shows
(every row, not one page of 50).  Contact details (a contact's email and
phone) appear in one download only: an employee's own network, downloaded
by that employee.  Cells a spreadsheet would read as a formula are
neutralised by :mod:`weakties.core.tables_out`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee
from weakties.core.tables_out import table_response
from weakties.introductions import selectors as intro_selectors
from weakties.introductions.models import IntroductionRequest
from weakties.people.models import Tie
from weakties.people.rules import may_see_contact_details, may_see_network
from weakties.people.selectors.network import strongest_ties
from weakties.people.selectors.reach import employee_counts
from weakties.referrals import rules as referral_rules
from weakties.referrals.models import Referral, Vacancy

#: The most rows a download holds (a safety limit far above any page).
MAX_ROWS = 50_000


@login_required
def employees(request, fmt: str):
    """The colleagues list (with the page's search ``q``)."""
    me = current_employee(request)
    qs = Employee.objects.filter(organisation=me.organisation, active=True).order_by(
        "last_name", "first_name", "id"
    )
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(department__icontains=q)
            | Q(job_title__icontains=q)
        )
    rows: list[list] = [[_("Name"), _("Department"), _("Job title"), _("Location"), _("Ties")]]
    for row in employee_counts(employees=list(qs[:MAX_ROWS])):
        e = row.employee
        ties = row.ties if row.sharing else _("not shared")
        rows.append([e.full_name or e.email, e.department, e.job_title, e.location, ties])
    return table_response(rows, fmt, name=_("colleagues"))


@login_required
def network(request, pk: int, fmt: str):
    """An employee's network table: for them (with their contacts' details) and their admins (without)."""
    me = current_employee(request)
    person = get_object_or_404(Employee, pk=pk, organisation=me.organisation)
    if not may_see_network(request.user, person):
        raise PermissionDenied(
            _("Only this colleague and the administrators can see whom they know.")
        )
    details = may_see_contact_details(request.user, person) and person.pk == me.pk
    header = [_("Name"), _("Company"), _("Position"), _("Sources"), _("Connected on")]
    header += [_("Strength"), _("Score")]
    if details:
        header += [_("Email"), _("Phone")]
    rows: list[list] = [header]
    ties = strongest_ties(employee=person, q=request.GET.get("q", "").strip())
    for t in _all(ties):
        measured = getattr(t, "measured", None)
        row = [
            t.person.name,
            t.person.company.name if t.person.company else "",
            t.person.position,
            ", ".join(t.sources or []),
            t.connected_on,
            _(measured.tier) if measured and measured.tier else "",
            round(measured.strength, 3) if measured and measured.strength is not None else None,
        ]
        if details:
            row += [t.email, t.phone]
        rows.append(row)
    name = _("my-network") if person.pk == me.pk else _("network")
    return table_response(rows, fmt, name=name)


def _all(ties) -> list[Tie]:
    """Every tie of a ``strongest_ties`` result, strongest first, in slices of 1,000."""
    out: list[Tie] = []
    step = 1000
    while len(out) < MAX_ROWS:
        chunk = list(ties[len(out) : len(out) + step])
        out += chunk
        if len(chunk) < step:
            break
    return out


@login_required
def introductions(request, fmt: str):
    """The signed-in employee's introduction requests: asked of them and their own."""
    me = current_employee(request)
    rows: list[list] = [
        [_("Side"), _("Status"), _("Contact"), _("Position"), _("Company"), _("Colleague")]
        + [_("Asked on")]
    ]
    sides = (("asked", _("Asked of me")), ("mine", _("My requests")))
    for side, label in sides:
        found: list[IntroductionRequest] = list(
            intro_selectors.requests_of(employee=me, side=side)[:MAX_ROWS]
        )
        for r in found:
            other = r.requester if side == "asked" else r.introducer
            rows.append(
                [
                    label,
                    r.get_status_display(),
                    r.person.name,
                    r.person.position,
                    r.person.company.name if r.person.company else "",
                    other.full_name or other.email,
                    r.created_at.date(),
                ]
            )
    return table_response(rows, fmt, name=_("introduction-requests"))


@login_required
def referrals(request, fmt: str):
    """The recruiters' board: every vacancy and the referrals that came in, per stage."""
    me = current_employee(request)
    if not referral_rules.is_recruiter(request.user, me.organisation):
        raise PermissionDenied(_("Only the organisation's recruiters and admins may do this."))
    rows: list[list] = [
        [_("Vacancy"), _("Location"), _("Closes"), _("Status"), _("Candidate"), _("Stage")]
        + [_("Referred by"), _("Referred on")]
    ]
    vacancies = Vacancy.objects.filter(organisation=me.organisation).order_by("title", "pk")
    by_vacancy: dict[int, list[Referral]] = {}
    for r in (
        Referral.objects.filter(vacancy__organisation=me.organisation)
        .select_related("referrer")
        .order_by("created_at", "pk")[:MAX_ROWS]
    ):
        by_vacancy.setdefault(r.vacancy_id, []).append(r)
    for v in vacancies[:MAX_ROWS]:
        status = _("open") if v.is_open else _("closed")
        head = [v.title, v.location, v.closes_on, status]
        if v.pk not in by_vacancy:
            rows.append([*head, "", "", "", None])
        for r in by_vacancy.get(v.pk, []):
            referrer = (r.referrer.full_name or r.referrer.email) if r.referrer else ""
            rows.append([*head, r.name, r.get_stage_display(), referrer, r.created_at.date()])
    return table_response(rows, fmt, name=_("vacancies"))
