"""Erasure is complete: after it, no row of any table points at the person or names them.

The check walks every model Django knows: each foreign key to the erased
employee, their person or their login, and each text or JSON column that
holds their address, must count zero.  Audit entries stay, anonymised.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from tests.factories import employee, meeting
from tests.privacy.conftest import user_of
from weakties.accounts.models import AuditEvent, Employee
from weakties.accounts.services.audit import audit
from weakties.ambassadors.models import Campaign, Invitation
from weakties.core.errors import ServiceError
from weakties.expertise.models import Profile, Target, TargetList
from weakties.introductions.models import IntroductionRequest
from weakties.meetings.models import HelpRequest
from weakties.notifications.models import Notice
from weakties.people.models import Erasure, Person, PersonIdentifier, Tie, TieRank
from weakties.people.services.identity import digest
from weakties.plans.models import Plan
from weakties.privacy.services.erasure import employee_erase, subject_erase
from weakties.privacy.services.subjects import subject_of
from weakties.referrals.models import Referral, Vacancy

pytestmark = pytest.mark.django_db


def _rows_pointing_at(target_model, ids: set[int]) -> dict[str, int]:
    """Rows of every model whose foreign key to ``target_model`` is one of ``ids``."""
    found = {}
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if (
                isinstance(f, models.ForeignKey | models.OneToOneField)
                and f.related_model is target_model
            ):
                n = model._default_manager.filter(**{f"{f.name}__in": ids}).count()
                if n:
                    found[f"{model._meta.label}.{f.name}"] = n
    return found


def _rows_naming(word: str) -> dict[str, int]:
    """Rows of every model with ``word`` in a text or JSON column (case-insensitive)."""
    found = {}
    for model in apps.get_models():
        if model._meta.label.startswith(("sessions.", "django_tasks")):
            continue
        for f in model._meta.get_fields():
            if isinstance(f, models.CharField | models.TextField | models.JSONField) and f.concrete:
                n = model._default_manager.filter(**{f"{f.name}__icontains": word}).count()
                if n:
                    found[f"{model._meta.label}.{f.name}"] = n
    return found


def _busy_jan(org):
    """Jan with a login, ties, a request each way, a referral, a plan, a profile, a notice ..."""
    jan, sophie = employee("jan.vandenberg@acme.nl"), employee("sophie.bakker@acme.nl")
    user_of(jan.email)
    user_of(sophie.email)
    jan.refresh_from_db()
    mehmet = Person.objects.get(first_name="Mehmet")  # known by Jan only
    zoe = Tie.objects.filter(employee=sophie).exclude(person__employee__isnull=False).first().person
    later = timezone.now() + dt.timedelta(days=14)
    IntroductionRequest.objects.create(
        organisation=org,
        requester=jan,
        introducer=sophie,
        person=zoe,
        reason="jan asks",
        expires_at=later,
    )
    IntroductionRequest.objects.create(
        organisation=org,
        requester=sophie,
        introducer=jan,
        person=mehmet,
        tie=Tie.objects.get(employee=jan, person=mehmet),
        reason="sophie asks",
        expires_at=later,
    )
    vacancy = Vacancy.objects.create(organisation=org, title="Planner", created_by=jan)
    Referral.objects.create(
        vacancy=vacancy,
        referrer=jan,
        name="Kandidaat",
        email="kandidaat@example.com",
        email_digest=digest("kandidaat@example.com"),
        valid_until=dt.date(2027, 1, 1),
    )
    Plan.objects.create(employee=jan, goal="customers", targets=["Coolblue"])
    Profile.objects.create(employee=jan, skills="planning", focus_topics="logistiek")
    Notice.objects.create(employee=jan, kind="test", subject="Hallo Jan")
    tl = TargetList.objects.create(organisation=org, owner=jan, name="mijn doelen")
    Target.objects.create(target_list=tl, line=1, kind="company", name="Coolblue")
    Invitation.objects.create(
        campaign=Campaign.objects.create(organisation=org, scope="all"), employee=jan
    )
    HelpRequest.objects.create(
        meeting=meeting(org),
        organisation=org,
        kind="vacancy",
        title="Planner",
        requester=jan,
        requester_email=jan.email,
    )
    audit("who_knows", actor=jan.user, company="Coolblue")
    audit("intro.request", actor=sophie.user, requester=sophie.pk, introducer=jan.pk)
    audit("consent_given", actor_label=jan.email, employee=jan.pk)
    return jan


def test_erasing_an_employee_leaves_no_row_that_points_at_them_or_names_them(org):
    jan = _busy_jan(org)
    ids = {"employee": {jan.pk}, "person": {jan.person_id}, "user": {jan.user_id}}
    mehmet = Person.objects.get(first_name="Mehmet").pk
    eva_shared = Person.objects.get(first_name="Zoë").pk  # known by Sophie too: stays
    audit_before = AuditEvent.objects.count()
    before = _rows_pointing_at(Employee, ids["employee"])
    assert len(before) >= 8, before  # the set-up reaches many tables

    result = employee_erase(employee=jan, actor_label="test")

    assert _rows_pointing_at(Employee, ids["employee"]) == {}
    assert _rows_pointing_at(Person, ids["person"]) == {}
    assert _rows_pointing_at(get_user_model(), ids["user"]) == {}
    assert _rows_naming("jan.vandenberg") == {}
    assert _rows_naming("van den Berg") == {}
    # the contacts only Jan knew are gone, those Sophie knows too stay (with her tie only)
    assert not Person.objects.filter(pk=mehmet).exists()
    assert Tie.objects.filter(person_id=eva_shared).exists()
    assert result["removed"]["contacts_only_they_knew"] >= 1
    # the audit entries stay (plus the erasure's own), anonymised with one placeholder
    assert AuditEvent.objects.count() == audit_before + 1  # the erasure's own entry
    mark = result["employee"]
    assert AuditEvent.objects.filter(actor_label=mark).count() >= 2
    assert AuditEvent.objects.filter(detail__introducer=mark).exists()
    # the vacancy Jan created stays for the organisation, without him
    assert Vacancy.objects.get(title="Planner").created_by is None
    assert Erasure.objects.filter(kind="email", digest=digest("jan.vandenberg@acme.nl")).exists()


def test_erasing_an_external_person_removes_them_from_every_table(org):
    jan = _busy_jan(org)
    mehmet = Person.objects.get(first_name="Mehmet")
    Referral.objects.create(
        vacancy=Vacancy.objects.get(title="Planner"),
        referrer=jan,
        name="Mehmet Çelik",
        email="mehmet.celik@example.com",
        email_digest=digest("mehmet.celik@example.com"),
        valid_until=dt.date(2027, 1, 1),
    )
    tl = TargetList.objects.get(name="mijn doelen")
    url = "https://www.linkedin.com/in/mehmet-celik"
    PersonIdentifier.objects.create(
        person=mehmet, kind="linkedin", digest=digest("linkedin.com/in/mehmet-celik")
    )
    Target.objects.create(
        target_list=tl,
        line=2,
        kind="person",
        url=url,
        digest=digest("linkedin.com/in/mehmet-celik"),
    )
    audit("intro.search", actor=jan.user, person=mehmet.pk)
    ids = {mehmet.pk}
    assert _rows_pointing_at(Person, ids)  # ties, tie ranks, an introduction request

    result = subject_erase(subject=subject_of("MEHMET.CELIK@example.com"), actor_label="test")

    assert _rows_pointing_at(Person, ids) == {}
    assert _rows_naming("mehmet") == {}
    assert _rows_naming("12345678") == {}  # his phone number, on Jan's tie
    assert result["removed"]["referrals"] == 1 and result["removed"]["target_lines"] == 1
    assert result["suppressed"] == ["email", "linkedin"]
    assert not TieRank.objects.filter(person_id=mehmet.pk).exists()
    assert (
        AuditEvent.objects.filter(action="intro.search")
        .get()
        .detail["person"]
        .startswith("erased-")
    )


def test_an_employee_is_not_erased_as_an_external_person(org):
    with pytest.raises(ServiceError):
        subject_erase(subject=subject_of("sophie.bakker@acme.nl"), actor_label="test")
    assert employee("sophie.bakker@acme.nl")


def test_an_unknown_address_is_still_kept_out_from_then_on(org):
    result = subject_erase(subject=subject_of("nobody@example.net"), actor_label="test")
    assert result["found"] is False and result["suppressed"] == ["email"]
    assert Erasure.objects.filter(kind="email", digest=digest("nobody@example.net")).exists()


def test_the_expertise_reach_counts_forget_an_erased_contact(org):
    from weakties.expertise.models import CompanyReach
    from weakties.expertise.services.index import reach_rebuild

    reach_rebuild(organisation=org)
    mehmet = Person.objects.get(first_name="Mehmet")
    jan = employee("jan.vandenberg@acme.nl")
    at_company = CompanyReach.objects.filter(employee=jan, company=mehmet.company)
    assert at_company.get().people == 1
    subject_erase(subject=subject_of("mehmet.celik@example.com"), actor_label="test")
    assert not at_company.exists()


def test_the_counts_are_of_the_rows_named_not_of_what_cascades(org):
    jan = employee("jan.vandenberg@acme.nl")
    ties = Tie.objects.filter(employee=jan).count()
    assert TieRank.objects.filter(employee=jan).exists()  # these go with the ties
    result = employee_erase(employee=jan, actor_label="test")
    assert result["removed"]["ties"] == ties
