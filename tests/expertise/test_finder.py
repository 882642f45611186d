"""The expertise finder: what colleagues know and whom they know, ranked with reasons."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone, translation

from weakties.accounts.models import AuditEvent, Consent
from weakties.core.errors import ServiceError
from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm
from weakties.expertise.selectors import finder
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services.profiles import profile_update
from weakties.people.services.consent import consent_withdraw

from .conftest import CONTACT_DETAILS, employee

pytestmark = pytest.mark.django_db


def names(hits) -> list[str]:
    return [h.employee["name"] for h in hits]


def search(org, query, **kwargs):
    return expertise_search(organisation=org, query=query, **kwargs)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # Dutch compound and English title share the occupation "data scientist"
        ("data scientist", {"Anna de Vries", "Sophie Bakker"}),
        ("datawetenschappers", {"Anna de Vries", "Sophie Bakker"}),
        # a Dutch plural finds an English job title ("Software engineer")
        ("softwareontwikkelaars", {"Tom Jansen"}),
        # an English skill finds the Dutch one ("werving en selectie" = recruitment)
        ("recruitment", {"Sophie Bakker"}),
        # and the other way: Dutch query, English profile entry
        ("energy transition", {"Tom Jansen"}),
        # a tool names the skill it belongs to (ETL is data engineering)
        ("ETL", {"Tom Jansen"}),
    ],
)
def test_stemming_finds_dutch_and_english_wordings(orgs, query, found):
    acme, _globex = orgs
    assert set(names(search(acme, query))) >= found


def test_best_match_first_with_reasons_in_plain_words(orgs):
    acme, _globex = orgs
    hits = search(acme, "data engineering")
    assert hits[0].employee == {
        "id": employee("tom.jansen@acme.nl").pk,
        "name": "Tom Jansen",
        "department": "Engineering",
        "job_title": "Software engineer",
    }
    assert hits[0].why == ["skill: data engineering"]
    assert all(h.score < hits[0].score for h in hits[1:])
    assert [h.as_dict()["score"] for h in hits] == sorted(
        (h.as_dict()["score"] for h in hits), reverse=True
    )


def test_job_title_and_department_are_found_with_their_reason(orgs):
    acme, _globex = orgs
    hits = search(acme, "accountmanager")
    assert names(hits)[:2] == ["Jan van den Berg", "Sam Sales"]
    assert "job title: Accountmanager" in hits[0].why
    hr = search(acme, "HR")
    assert {"department: HR"} <= set(hr[0].why)


def test_whom_they_know_by_company_sector_and_region(orgs):
    acme, _globex = orgs
    stripe = search(acme, "Stripe")
    assert set(names(stripe)) == {"Jan van den Berg", "Sophie Bakker"}
    assert all(h.why == ["knows 1 person at Stripe"] for h in stripe)
    assert names(search(acme, "", company="Stripe, Inc.")) == names(stripe)
    finance = search(acme, "banken")
    assert names(finance) == ["Jan van den Berg"]
    assert finance[0].why == ["knows 1 person in finance"]
    assert search(acme, "", sector="finance")[0].why == ["knows 1 person in finance"]
    region = search(acme, "Utrecht")
    assert names(region) == ["Sophie Bakker"]
    assert region[0].why == ["knows 1 person in the Utrecht region"]


def test_skill_and_company_together_rank_both_kinds(orgs):
    acme, _globex = orgs
    hits = search(acme, "python Stripe")
    assert names(hits)[0] == "Tom Jansen"
    assert set(names(hits)) == {"Tom Jansen", "Jan van den Berg", "Sophie Bakker"}


def test_reasons_in_dutch(orgs):
    acme, _globex = orgs
    with translation.override("nl"):
        stripe = search(acme, "Stripe")
        skill = search(acme, "python")
        sector = search(acme, "finance")
    assert stripe[0].why == ["kent 1 persoon bij Stripe"]
    assert skill[0].why == ["vaardigheid: Python"]
    assert sector[0].why == ["kent 1 persoon in de financiële sector"]


def test_reasons_follow_the_language_of_each_search(orgs):
    """The process keeps each reason once said (per language): one search after the other
    in English, Dutch and English again, each in its own language."""
    acme, _globex = orgs
    said = []
    for language in ("en", "nl", "en", "nl"):
        with translation.override(language):
            said.append((search(acme, "Stripe")[0].why, search(acme, "finance")[0].why,
                         search(acme, "python")[0].why))  # fmt: skip
    english = (["knows 1 person at Stripe"], ["knows 1 person in finance"],
               ["skill: Python"])  # fmt: skip
    dutch = (["kent 1 persoon bij Stripe"], ["kent 1 persoon in de financiële sector"],
             ["vaardigheid: Python"])  # fmt: skip
    assert said == [english, dutch, english, dutch]


def test_a_search_without_words_builds_indexes_never_built_first(orgs):
    """A search by company alone (no query text) on indexes never built builds them first,
    as a search by words does: it finds whom they know instead of nobody."""
    acme, _globex = orgs
    for model in (ProfileTerm, CompanyReach, GroupReach, IndexState):
        model.objects.filter(organisation=acme).delete()
    hits = search(acme, "", company="Stripe")
    assert set(names(hits)) == {"Jan van den Berg", "Sophie Bakker"}
    assert IndexState.objects.get(organisation=acme).reach_built_at is not None


def test_the_best_text_matches_count_whom_they_know_beyond_the_network_candidates(
    orgs, monkeypatch
):
    """Only the colleagues who know most people at a company are read as its candidates
    (``CANDIDATES``; one here): the best text matches' own counts there are read as well."""
    acme, _globex = orgs
    monkeypatch.setattr(finder, "CANDIDATES", 1)
    for query, colleague in (
        ("accountmanager Stripe", "Jan van den Berg"),
        ("werving Stripe", "Sophie Bakker"),
    ):
        hits = {h.employee["name"]: h for h in search(acme, query)}
        assert "knows 1 person at Stripe" in hits[colleague].why, (query, hits[colleague].why)
        assert hits[colleague].network == pytest.approx(1 / (1 + finder.COMPANY_K))


def test_results_never_name_a_contact(orgs):
    acme, _globex = orgs
    out = []
    for query in ("Stripe", "Rabobank", "finance", "Utrecht", "logistiek", "Coolblue", "Peeters"):
        out.extend(h.as_dict() for h in search(acme, query))
    text = json.dumps(out, ensure_ascii=False)
    assert "Stripe" in text
    for detail in CONTACT_DETAILS:
        assert detail not in text


def test_networks_of_colleagues_who_stopped_sharing_do_not_count(orgs):
    acme, _globex = orgs
    CompanyReach.objects.count()  # built by the first search below
    assert len(search(acme, "Stripe")) == 2
    consent_withdraw(employee=employee("jan.vandenberg@acme.nl"))
    assert names(search(acme, "Stripe")) == ["Sophie Bakker"]
    # consent withdrawn behind the services' back: the ties stay, the search still leaves them out
    Consent.objects.filter(employee__email="sophie.bakker@acme.nl").update(
        withdrawn_at=timezone.now()
    )
    assert search(acme, "Stripe") == []
    # what they know still counts: a profile is not a network
    assert names(search(acme, "werving")) == ["Sophie Bakker"]


def test_colleagues_who_left_are_not_found(orgs):
    acme, _globex = orgs
    assert "Tom Jansen" in names(search(acme, "python"))
    employee_tom = employee("tom.jansen@acme.nl")
    employee_tom.active = False
    employee_tom.save()
    assert "Tom Jansen" not in names(search(acme, "python"))


def test_the_searcher_and_other_organisations_are_left_out(orgs):
    acme, globex = orgs
    assert "Greta Globex" not in names(search(acme, "data engineering"))
    assert names(search(globex, "Stripe")) == ["Greta Globex"]
    tom = employee("tom.jansen@acme.nl")
    assert "Tom Jansen" not in names(search(acme, "python", searcher=tom))


def test_a_profile_edit_is_found_at_once(orgs):
    acme, _globex = orgs
    assert search(acme, "kubernetes") == []
    profile_update(employee=employee("anna.devries@acme.nl"), skills="Kubernetes")
    hits = search(acme, "kubernetes")
    assert names(hits) == ["Anna de Vries"]
    assert not ProfileTerm.objects.filter(
        employee__email="anna.devries@acme.nl", label="Datawetenschapper"
    ).exists()


def test_every_search_is_audited_and_an_empty_one_refused(orgs):
    acme, _globex = orgs
    before = AuditEvent.objects.filter(action="expertise_search").count()
    search(acme, "python", actor_label="tester")
    event = AuditEvent.objects.filter(action="expertise_search").first()
    assert AuditEvent.objects.filter(action="expertise_search").count() == before + 1
    assert event.detail["query"] == "python" and event.actor_label == "tester"
    with pytest.raises(ServiceError):
        search(acme, "   ")
    with pytest.raises(ServiceError):
        search(acme, "python", limit=0)


def test_the_best_active_colleague_is_found_behind_many_who_left(db, tmp_path):
    from weakties.accounts.models import Employee
    from weakties.accounts.services.organisations import organisation_create
    from weakties.people.services.directory import directory_import

    org = organisation_create(name="Planners BV")
    rows = ["email,first_name,last_name,department,job_title,location,manager_email"]
    rows += [f"p{i:02d}@planners.nl,P,{i:02d},Logistiek,Planner,Breda," for i in range(25)]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert directory_import(path=tmp_path / "d.csv", organisation=org).ok
    staff = list(Employee.objects.filter(organisation=org).order_by("pk"))
    assert len(expertise_search(organisation=org, query="planner", limit=25)) == 25
    # they leave without a directory import: the index still holds them, the search skips them
    Employee.objects.filter(pk__in=[e.pk for e in staff[:22]]).update(active=False)
    hits = expertise_search(organisation=org, query="planner", limit=2)
    assert [h.employee["id"] for h in hits] == [staff[22].pk, staff[23].pk]
