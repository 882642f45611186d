"""Whom colleagues know stays true when ties go: a withdrawn, erased or departed network counts for nobody.

The finder's reach rows (:class:`~weakties.expertise.models.CompanyReach`,
:class:`~weakties.expertise.models.GroupReach`) are recounted inside the
transaction that removes ties (``people.signals.ties_removed``), so no count
waits for a later recount (DESIGN.md: a network counts only while its owner
consents, and is gone when they withdraw).
"""

from __future__ import annotations

import pytest
from django.db import transaction

from weakties.expertise.models import CompanyReach, GroupReach
from weakties.expertise.selectors.coverage import coverage, specs_from_lines
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services.index import index_ensure
from weakties.expertise.services.target_lists import target_lines
from weakties.people.models import Company, Person
from weakties.people.services.consent import consent_give, consent_withdraw
from weakties.people.services.directory import directory_import
from weakties.people.services.privacy import person_erase
from weakties.people.signals import ties_removed

from .conftest import employee

pytestmark = pytest.mark.django_db


def _why(org, query: str) -> dict[str, list[str]]:
    return {h.employee["name"]: h.why for h in expertise_search(organisation=org, query=query)}


def _reach(email: str) -> tuple[int, int]:
    pk = employee(email).pk
    return (
        CompanyReach.objects.filter(employee_id=pk).count(),
        GroupReach.objects.filter(employee_id=pk).count(),
    )


def test_a_withdrawn_network_is_not_counted_even_when_consent_comes_back(orgs):
    acme, _globex = orgs
    index_ensure(organisation=acme)
    assert set(_why(acme, "Stripe")) == {"Jan van den Berg", "Sophie Bakker"}
    jan = employee("jan.vandenberg@acme.nl")
    assert _reach(jan.email) != (0, 0)
    consent_withdraw(employee=jan)
    assert _reach(jan.email) == (0, 0)  # in the same commit, not at a later recount
    # sharing again, without importing anything: Jan knows nobody the finder could count
    consent_give(employee=jan, via="web")
    assert _why(acme, "Stripe") == {"Sophie Bakker": ["knows 1 person at Stripe"]}
    assert "Jan van den Berg" not in _why(acme, "finance")
    (stripe,) = coverage(organisation=acme, targets=specs_from_lines(target_lines(text="Stripe")))[
        "targets"
    ]
    assert (stripe["introducers"], stripe["people"]) == (1, 1)


def test_an_erased_contact_is_no_longer_counted_by_the_colleagues_who_knew_them(orgs):
    acme, _globex = orgs
    index_ensure(organisation=acme)
    stripe = Company.objects.get(key="stripe")
    assert set(_why(acme, "Stripe")) == {"Jan van den Berg", "Sophie Bakker"}
    known = Person.objects.filter(company=stripe, ties__employee__organisation=acme)
    for pk in sorted(set(known.values_list("pk", flat=True))):
        person_erase(person_id=pk, actor_label="test")
    assert not CompanyReach.objects.filter(company=stripe, organisation=acme).exists()
    assert _why(acme, "Stripe") == {}
    (row,) = coverage(organisation=acme, targets=specs_from_lines(target_lines(text="Stripe")))[
        "targets"
    ]
    assert (row["status"], row["people"], row["introducers"]) == ("none", 0, 0)


def test_a_colleague_who_left_is_counted_again_only_when_back(
    orgs, tmp_path, django_capture_on_commit_callbacks
):
    acme, _globex = orgs
    index_ensure(organisation=acme)
    sophie = employee("sophie.bakker@acme.nl")
    before = _reach(sophie.email)
    assert before != (0, 0)
    directory = (tmp_path / "acme.csv").read_text(encoding="utf-8").splitlines()
    without = tmp_path / "without.csv"
    without.write_text(
        "\n".join(line for line in directory if not line.startswith(sophie.email)) + "\n",
        encoding="utf-8",
    )
    assert directory_import(path=without, organisation=acme).ok
    assert _reach(sophie.email) == (0, 0)
    again = tmp_path / "again.csv"
    again.write_text("\n".join(directory) + "\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):  # its task counts her again
        assert directory_import(path=again, organisation=acme).ok
    assert _reach(sophie.email) == before


def test_a_recount_that_fails_leaves_the_withdrawal_undone(orgs):
    """All or nothing: the recount runs in the withdrawal's transaction."""
    acme, _globex = orgs
    index_ensure(organisation=acme)
    jan = employee("jan.vandenberg@acme.nl")
    before = _reach(jan.email)

    def broken(**kwargs):
        raise RuntimeError("the recount failed")

    ties_removed.connect(broken, dispatch_uid="test.broken")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            consent_withdraw(employee=jan)
    finally:
        ties_removed.disconnect(dispatch_uid="test.broken")
    assert jan.consents.filter(withdrawn_at__isnull=True).exists()
    assert jan.ties.exists() and _reach(jan.email) == before
