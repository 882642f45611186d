"""Re-keying companies after the key rules changed (issue 11): ``weakties companies rekey``.

An older database stored "Wagenbouw Private Limited" under ``wagenbouw private``
and "IT Company" under ``it``; today's rules give ``wagenbouw`` and
``it company``.  The step gives every company today's key and merges those
that then share one, with everything that points at them, all or nothing.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from weakties.accounts.models import Organisation
from weakties.ambassadors.models import Target as OrganisationTarget
from weakties.ambassadors.services.targets import target_add
from weakties.expertise.models import CompanyReach, Target
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services.index import index_rebuild
from weakties.expertise.services.target_lists import target_lines, target_list_create
from weakties.people.models import Company, Person, TieRank
from weakties.people.services.company_keys import companies_rekey
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.people.signals import companies_rekeyed

from .conftest import employee

pytestmark = pytest.mark.django_db

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Arjun,Mehta,https://www.linkedin.com/in/arjun-mehta,,Wagenbouw Private Limited,CTO,01 Jan 2021\n"
    "Priya,Nair,https://www.linkedin.com/in/priya-nair,,Wagenbouw Private Limited,CFO,01 Jan 2021\n"
    "Kees,Bos,https://www.linkedin.com/in/kees-bos,,IT Company,Owner,01 Jan 2021\n"
)


@pytest.fixture
def old_keys(orgs, tmp_path):
    """Acme, where Jan knows two people at Wagenbouw and one at "IT Company", stored as an
    older weakties did: one of them at a second company keyed ``wagenbouw private``, the
    other company keyed ``it``; target lines and the finder's counts made from that."""
    acme, _globex = orgs
    jan = employee("jan.vandenberg@acme.nl")
    path = tmp_path / "jan_more_Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    assert NetworkImporter().import_file(path=path, owner=jan).ok
    wagenbouw = Company.objects.get(key="wagenbouw")
    old = Company.objects.create(
        name="Wagenbouw Private", key="wagenbouw private", aliases=["Wagenbouw Private Limited"]
    )
    priya = Person.objects.get(last_name="Nair")
    Person.objects.filter(pk=priya.pk).update(company=old)
    TieRank.objects.filter(person=priya).update(company=old)
    Company.objects.filter(key="it company").update(key="it", name="IT")
    index_rebuild(organisation=acme)
    target_list_create(
        owner=jan, name="Prospects", lines=target_lines(text="Wagenbouw Private Limited\nStripe")
    )
    Target.objects.filter(name="Wagenbouw Private Limited").update(key="wagenbouw private")
    target_add(organisation=acme, kind="company", name="Wagenbouw")
    OrganisationTarget.objects.create(
        organisation=acme, kind="company", key="wagenbouw private", name="Wagenbouw Private Ltd"
    )
    return acme, wagenbouw, old


def _why(org: Organisation, query: str) -> dict[str, list[str]]:
    return {h.employee["name"]: h.why for h in expertise_search(organisation=org, query=query)}


def test_companies_take_todays_keys_and_those_sharing_one_are_merged_with_all_that_points_at_them(
    old_keys,
):
    acme, wagenbouw, old = old_keys
    jan = employee("jan.vandenberg@acme.nl")
    assert CompanyReach.objects.filter(employee=jan, company__in=[wagenbouw, old]).count() == 2
    report = companies_rekey(actor_label="test")
    assert report.keys == {"wagenbouw private": "wagenbouw", "it": "it company"}
    assert report.merged == [("Wagenbouw Private", "Wagenbouw")]
    assert not Company.objects.filter(pk=old.pk).exists()
    wagenbouw.refresh_from_db()
    assert wagenbouw.key == "wagenbouw" and "Wagenbouw Private Limited" in wagenbouw.aliases
    it = Company.objects.get(key="it company")
    assert it.name == "IT Company"
    # the people, their tie ranks and the finder's counts all point at the company that stayed
    assert set(Person.objects.filter(last_name__in=["Mehta", "Nair"]).values_list("company", flat=True)) == {wagenbouw.pk}  # fmt: skip
    assert TieRank.objects.filter(company=wagenbouw).count() == 2
    (reach,) = CompanyReach.objects.filter(employee=jan, company=wagenbouw)
    assert reach.people == 2
    assert _why(acme, "Wagenbouw")["Jan van den Berg"] == ["knows 2 people at Wagenbouw"]
    # target lines find the company by today's key, and the organisation's two targets are one
    assert Target.objects.get(name="Wagenbouw Private Limited").key == "wagenbouw"
    assert list(
        OrganisationTarget.objects.filter(organisation=acme, kind="company").values_list(
            "key", flat=True
        )
    ) == ["wagenbouw"]


def test_a_second_run_and_a_dry_run_change_nothing(old_keys, capsys):
    _acme, _wagenbouw, old = old_keys
    call_command("companies", "rekey", "--dry-run", "--json")
    dry = json.loads(capsys.readouterr().out)
    assert dry["dry_run"] and dry["rekeyed"] == 2 and dry["merged"] == 1
    assert Company.objects.filter(pk=old.pk, key="wagenbouw private").exists()
    assert Company.objects.filter(key="it").exists()
    call_command("companies", "rekey", "--json")
    done = json.loads(capsys.readouterr().out)
    assert (done["rekeyed"], done["merged"], done["dry_run"]) == (2, 1, False)
    assert done["moved"]["people_person"] == 1 and done["moved"]["people_tierank"] == 1
    assert companies_rekey().as_dict()["rekeyed"] == 0


def test_a_failure_part_way_leaves_every_company_as_it_was(old_keys):
    _acme, wagenbouw, old = old_keys
    before = sorted(Company.objects.values_list("pk", "key", "name"))
    priya = Person.objects.get(last_name="Nair")

    def broken(**kwargs):
        raise RuntimeError("a receiver failed")

    companies_rekeyed.connect(broken, dispatch_uid="test.broken")
    try:
        with pytest.raises(RuntimeError):
            companies_rekey()
    finally:
        companies_rekeyed.disconnect(dispatch_uid="test.broken")
    assert sorted(Company.objects.values_list("pk", "key", "name")) == before
    assert Person.objects.get(pk=priya.pk).company_id == old.pk
    assert TieRank.objects.filter(company=old).count() == 1
    assert wagenbouw.pk != old.pk


def test_an_upgrade_with_weakties_init_rekeys_the_companies(old_keys, capsys):
    call_command("init", "--json")
    assert json.loads(capsys.readouterr().out)["companies_rekeyed"] == 2
    assert not Company.objects.filter(key__in=["wagenbouw private", "it"]).exists()
    call_command("init", "--json")
    assert json.loads(capsys.readouterr().out)["companies_rekeyed"] == 0
