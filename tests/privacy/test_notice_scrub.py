"""Colleagues' notices after an erasure (issue 12 §1): nothing in them names the erased person.

The introduction request is made through the real service, so its notice is the one a
colleague really gets ("Sophie Bakker asks you for an introduction to Mehmet Çelik").
"""

from __future__ import annotations

import pytest

from tests.factories import employee
from weakties.introductions.services.requests import introduction_request
from weakties.notifications.models import Notice
from weakties.notifications.services.notify import notify
from weakties.people.models import Person
from weakties.privacy.services.erasure import employee_erase, subject_erase
from weakties.privacy.services.subjects import subject_of

pytestmark = pytest.mark.django_db

JAN, SOPHIE, TOM = "jan.vandenberg@acme.nl", "sophie.bakker@acme.nl", "tom.jansen@acme.nl"


@pytest.fixture
def asked(org):
    """Sophie asks Jan for an introduction to Mehmet (whom Jan knows); Tom got a notice naming
    Mehmet about something else (a vacancy he may fit)."""
    mehmet = Person.objects.get(first_name="Mehmet")
    introduction_request(
        requester=employee(SOPHIE),
        introducer=employee(JAN),
        person=mehmet,
        reason="a customer question",
        questions=["Does Bakker Logistiek plan its routes in-house?"],
    )
    notify(
        employee=employee(TOM),
        kind="referral.ask",
        subject="Vacancy Planner",
        body="Mehmet Çelik may fit the vacancy Planner.",
        link="/vacancies/1/",
    )
    assert Notice.objects.filter(employee=employee(JAN), subject__contains="Mehmet").exists()
    return mehmet


def _naming(word: str) -> list[str]:
    return [n.subject + " | " + n.body for n in Notice.objects.all() if word in n.subject + n.body]


def test_erasing_an_external_person_leaves_no_notice_naming_them(asked):
    result = subject_erase(subject=subject_of("mehmet.celik@example.com"), actor_label="test")
    assert result["removed"]["colleagues_notices"] == 2
    assert _naming("Mehmet") == [] and _naming("Çelik") == []
    # The request's notice went with the request; Tom keeps his, with a placeholder.
    assert not Notice.objects.filter(employee=employee(JAN), kind="intro.requested").exists()
    tom = Notice.objects.get(employee=employee(TOM), kind="referral.ask")
    assert tom.body.startswith("erased-") and tom.body.endswith("may fit the vacancy Planner.")


def test_erasing_an_employee_leaves_no_colleagues_notice_naming_them(asked):
    sophie = employee(SOPHIE)
    name = sophie.full_name
    assert Notice.objects.filter(employee=employee(JAN), subject__contains=name).exists()
    notify(employee=employee(TOM), kind="test", subject=f"{name} liked your post", body="")
    result = employee_erase(employee=sophie, actor_label="test")
    assert result["removed"]["colleagues_notices"] == 2  # Jan's (request gone), Tom's (scrubbed)
    assert _naming(name) == [] and _naming(SOPHIE) == []
    assert Notice.objects.get(employee=employee(TOM), kind="test").subject.endswith(
        " liked your post"
    )
