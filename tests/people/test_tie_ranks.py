"""TieRank holds exactly the sharing employees' ties, through every way the network changes."""

from __future__ import annotations

import pytest

from tests.factories import DATA, acme, employee
from weakties.insights.services.analytics import analytics_refresh
from weakties.insights.services.introductions import introductions
from weakties.people.models import Person, Tie, TieRank
from weakties.people.services.consent import consent_give, consent_withdraw, sharing_employees
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.people.services.privacy import person_erase
from weakties.people.services.tie_ranks import tie_ranks_rebuild

pytestmark = pytest.mark.django_db


def _ranked() -> set[int]:
    return set(TieRank.objects.values_list("tie_id", flat=True))


def _sharing_ties() -> set[int]:
    return set(Tie.objects.filter(employee__in=sharing_employees()).values_list("id", flat=True))


def _assert_true_to_the_ties() -> None:
    assert _ranked() == _sharing_ties()
    for rank in TieRank.objects.select_related("tie__person", "tie__employee", "title"):
        assert rank.person_id == rank.tie.person_id
        assert rank.employee_id == rank.tie.employee_id
        assert rank.organisation_id == rank.tie.employee.organisation_id
        assert rank.company_id == rank.tie.person.company_id
        position = rank.tie.person.position.strip().lower()
        assert (rank.title.key if rank.title_id else "") == position  # the role search's index
        colleague = getattr(rank.tie.person, "employee", None)
        assert rank.colleague == (
            colleague is not None and colleague.organisation_id == rank.organisation_id
        )


def test_an_import_ranks_every_new_tie_of_its_owner():
    acme()
    assert TieRank.objects.count() == Tie.objects.count() > 0
    _assert_true_to_the_ties()
    assert not TieRank.objects.exclude(strength=None).exists()  # nothing analysed yet


def test_many_files_at_once_are_ranked_after_their_consent(tmp_path):
    org = acme(networks=False)
    jobs = [
        (DATA / "jan_Connections.csv", employee("jan.vandenberg@acme.nl")),
        (DATA / "jan_contacts.vcf", employee("jan.vandenberg@acme.nl")),
        (DATA / "sophie_Connections.csv", employee("sophie.bakker@acme.nl")),
    ]
    reports = list(NetworkImporter().import_files(jobs=jobs))
    assert all(r.ok for r in reports)
    assert sharing_employees(organisation=org).count() == 2
    assert TieRank.objects.count() == Tie.objects.count() > 0
    _assert_true_to_the_ties()


def test_withdrawing_consent_takes_the_rows_along():
    acme()
    sophie = employee("sophie.bakker@acme.nl")
    assert TieRank.objects.filter(employee=sophie).exists()
    consent_withdraw(employee=sophie)
    assert not TieRank.objects.filter(employee=sophie).exists()
    _assert_true_to_the_ties()


def test_who_leaves_stops_sharing_and_who_returns_shares_again(tmp_path):
    org = acme()
    jan = employee("jan.vandenberg@acme.nl")
    jans = TieRank.objects.filter(employee=jan).count()
    assert jans > 0
    lines = (DATA / "directory.csv").read_text(encoding="utf-8").splitlines()
    without_jan = tmp_path / "directory.csv"
    without_jan.write_text("\n".join(line for line in lines if "jan." not in line) + "\n")
    assert directory_import(path=without_jan, organisation=org).deactivated == 1
    assert not TieRank.objects.filter(employee=jan).exists()
    _assert_true_to_the_ties()
    assert directory_import(path=DATA / "directory.csv", organisation=org).ok
    assert TieRank.objects.filter(employee=jan).count() == jans
    _assert_true_to_the_ties()


def test_a_returner_without_consent_is_not_ranked(tmp_path):
    org = acme()
    jan = employee("jan.vandenberg@acme.nl")
    lines = (DATA / "directory.csv").read_text(encoding="utf-8").splitlines()
    without_jan = tmp_path / "directory.csv"
    without_jan.write_text("\n".join(line for line in lines if "jan." not in line) + "\n")
    directory_import(path=without_jan, organisation=org)
    jan.consents.update(withdrawn_at="2026-01-01T00:00:00Z")  # consent ended while away
    directory_import(path=DATA / "directory.csv", organisation=org)
    assert not TieRank.objects.filter(employee=jan).exists()
    consent_give(employee=employee("jan.vandenberg@acme.nl"), via="web")
    tie_ranks_rebuild()
    assert TieRank.objects.filter(employee=jan).exists()
    _assert_true_to_the_ties()


def test_erasing_a_person_removes_their_rows():
    acme()
    zoe = Person.objects.get(last_name="Peeters")
    assert TieRank.objects.filter(person=zoe).count() == 2
    person_erase(person_id=zoe.pk, actor_label="dpo")
    assert not TieRank.objects.filter(person_id=zoe.pk).exists()
    _assert_true_to_the_ties()


def test_analyze_stores_strength_and_tier_on_every_row():
    org = acme()
    analytics_refresh(organisation=org)
    assert TieRank.objects.count() == Tie.objects.count()
    assert not TieRank.objects.filter(strength=None).exists()
    assert all(0.0 <= s <= 1.0 for s in TieRank.objects.values_list("strength", flat=True))
    assert not TieRank.objects.filter(tier="").exists()
    _assert_true_to_the_ties()


def test_rebuild_repairs_the_table_and_keeps_measured_strengths():
    org = acme()
    analytics_refresh(organisation=org)
    kept = TieRank.objects.order_by("tie_id").first()
    strength = kept.strength
    lost = TieRank.objects.order_by("-tie_id").first().tie_id
    TieRank.objects.filter(tie_id=lost).delete()
    sophie = employee("sophie.bakker@acme.nl")
    sophie.consents.update(withdrawn_at="2026-01-01T00:00:00Z")  # behind the services' back
    assert _ranked() != _sharing_ties()
    assert tie_ranks_rebuild() == len(_sharing_ties())
    _assert_true_to_the_ties()
    assert lost in _ranked() or Tie.objects.get(pk=lost).employee_id == sophie.pk
    if kept.employee_id != sophie.pk:
        assert TieRank.objects.get(pk=kept.pk).strength == strength


def test_colleagues_are_marked_and_left_out_of_introductions(tmp_path):
    org = acme()
    sophie = employee("sophie.bakker@acme.nl")
    jan = employee("jan.vandenberg@acme.nl")
    # Jan knows Sophie: a colleague, on the row from the start.
    assert TieRank.objects.get(employee=jan, person=sophie.person).colleague
    mehmet = Person.objects.get(last_name="Çelik")  # Jan's contact at Bakker Logistiek
    row = TieRank.objects.get(person=mehmet)
    assert not row.colleague
    before = introductions(organisation=org, company="Bakker Logistiek", purpose="job")
    assert before.total == 1 and before.rows[0]["contact"]["id"] == mehmet.pk
    # Mehmet joins Acme under the address Jan has for him: the same person, a colleague now.
    lines = (DATA / "directory.csv").read_text(encoding="utf-8").rstrip("\n")
    joined = tmp_path / "directory.csv"
    joined.write_text(
        lines + "\nmehmet.celik@example.com,Mehmet,Çelik,Logistics,Planner,Utrecht,\n"
    )
    assert directory_import(path=joined, organisation=org).created == 1
    assert employee("mehmet.celik@example.com").person_id == mehmet.pk
    assert TieRank.objects.get(pk=row.pk).colleague
    after = introductions(organisation=org, company="Bakker Logistiek", purpose="job")
    assert after.total == 0 and after.rows == []
    _assert_true_to_the_ties()


def test_a_reanalysis_writes_only_the_strengths_that_moved():
    org = acme()
    analytics_refresh(organisation=org)
    first, second = TieRank.objects.order_by("tie_id")[:2]
    TieRank.objects.filter(pk=first.pk).update(strength=first.strength / 2 + 0.3, tier="x")
    nudged = second.strength + 0.0005
    TieRank.objects.filter(pk=second.pk).update(strength=nudged)
    analytics_refresh(organisation=org)
    again = TieRank.objects.get(pk=first.pk)
    assert again.strength == pytest.approx(first.strength) and again.tier == first.tier
    assert TieRank.objects.get(pk=second.pk).strength == nudged  # within the tolerance: left
