"""Logins and roles managed by an organisation's administrators (issue 11): services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.factories import acme, employee
from weakties.accounts.models import AuditEvent, Employee, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.accounts.services.users import (
    employee_deactivate,
    employee_reactivate,
    login_create,
    login_state,
    role_set,
)
from weakties.core.errors import ServiceError
from weakties.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org():
    org = acme(networks=False)
    role_set(employee=employee("anna.devries@acme.nl"), role=Role.ADMIN)
    return org


def test_a_login_is_made_without_a_password_and_never_staff(org):
    tom = employee("tom.jansen@acme.nl")
    assert login_state(tom) == "none"
    user = login_create(employee=tom, actor=None)
    tom.refresh_from_db()
    assert tom.user == user and user.username == "tom.jansen@acme.nl"
    assert user.email == "tom.jansen@acme.nl" and user.first_name == "Tom"
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser
    assert login_state(tom) == "invited"
    assert (
        AuditEvent.objects.filter(action="login_created", detail__employee=tom.email).count() == 1
    )
    # again: the same login, no second audit line
    assert login_create(employee=tom) == user
    assert AuditEvent.objects.filter(action="login_created").count() == 1


def test_a_free_login_with_that_username_is_linked_but_not_another_employees(org):
    User = get_user_model()
    free = User.objects.create_user(username="tom.jansen@acme.nl", password="x-Passw0rd-1")
    assert login_create(employee=employee("tom.jansen@acme.nl")) == free
    taken = User.objects.create_user(username="SOPHIE.bakker@acme.nl", password="x")
    jan = employee("jan.vandenberg@acme.nl")
    jan.user = taken
    jan.save()
    with pytest.raises(ServiceError, match="belongs to another employee"):
        login_create(employee=employee("sophie.bakker@acme.nl"))


def test_role_changes_are_audited_and_an_unknown_role_refused(org):
    sophie = employee("sophie.bakker@acme.nl")
    for role in Role.values:
        role_set(employee=sophie, role=role)
        sophie.refresh_from_db()
        assert sophie.role == role
    events = AuditEvent.objects.filter(action="role_changed", detail__employee=sophie.email)
    assert events.count() == len(Role.values) - 1  # "employee" was her role already
    assert {e.detail["after"] for e in events} == set(Role.values) - {"employee"}
    with pytest.raises(ServiceError, match="unknown role"):
        role_set(employee=sophie, role="root")
    User = get_user_model()
    assert not User.objects.filter(is_staff=True).exists()


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(org):
    anna = employee("anna.devries@acme.nl")
    with pytest.raises(ServiceError, match="last active administrator"):
        role_set(employee=anna, role=Role.EMPLOYEE)
    with pytest.raises(ServiceError, match="last active administrator"):
        employee_deactivate(employee=anna)
    anna.refresh_from_db()
    assert anna.role == Role.ADMIN and anna.active
    # With a second admin, Anna may step down; then Tom is the last one.
    role_set(employee=employee("tom.jansen@acme.nl"), role=Role.ADMIN)
    role_set(employee=anna, role=Role.EMPLOYEE)
    with pytest.raises(ServiceError):
        employee_deactivate(employee=employee("tom.jansen@acme.nl"))
    # An admin of another organisation does not count.
    other = organisation_create(name="Other BV", domain="other.nl")
    Employee.objects.create(
        organisation=other,
        person=Person.objects.create(first_name="Olga", last_name="Other"),
        email="olga@other.nl",
        role=Role.ADMIN,
    )
    with translation.override("nl"), pytest.raises(ServiceError, match="laatste actieve beheerder"):
        role_set(employee=employee("tom.jansen@acme.nl"), role=Role.SALES)


def test_deactivate_and_reactivate_the_employee_and_their_login(org):
    tom = employee("tom.jansen@acme.nl")
    user = login_create(employee=tom)
    employee_deactivate(employee=tom)
    tom.refresh_from_db()
    user.refresh_from_db()
    assert not tom.active and not user.is_active and login_state(tom) == "inactive"
    with pytest.raises(ServiceError, match="deactivated"):
        login_create(employee=tom)
    employee_reactivate(employee=tom)
    tom.refresh_from_db()
    user.refresh_from_db()
    assert tom.active and user.is_active and login_state(tom) == "invited"
    actions = list(
        AuditEvent.objects.filter(detail__employee=tom.email).values_list("action", flat=True)
    )
    assert {"employee_deactivated", "employee_reactivated"} <= set(actions)
