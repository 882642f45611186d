"""Target lists: reading the list, the paths per target and the coverage summary."""

from __future__ import annotations

import io
import json

import pytest
from django.utils import timezone
from openpyxl import Workbook

from weakties.accounts.models import Consent
from weakties.core.errors import ServiceError
from weakties.expertise.models import CompanyReach, Target, TargetList
from weakties.expertise.selectors.coverage import coverage, specs_from_lines, specs_of
from weakties.expertise.services.target_lists import (
    target_lines,
    target_list_create,
    target_list_delete,
    target_list_update,
)
from weakties.people.models import TieRank
from weakties.people.services.consent import consent_withdraw

from .conftest import CONTACT_DETAILS, employee

pytestmark = pytest.mark.django_db

LIST = (
    "Stripe, Inc.\n"
    "Rabobank\n"
    "ASML\n"
    "https://www.linkedin.com/in/zoe-peeters-1a2b3c\n"
    "https://www.linkedin.com/in/nobody-known\n"
    "rabobank\n"
)


def cover(org, text=LIST, **kwargs):
    return coverage(organisation=org, targets=specs_from_lines(target_lines(text=text)), **kwargs)


def by_name(result):
    return {t["name"] or t.get("url") or t["line"]: t for t in result["targets"]}


def test_reading_pasted_lines_csv_and_xlsx():
    lines = target_lines(text=LIST)
    assert [(t.kind, t.name or t.url) for t in lines] == [
        ("company", "Stripe, Inc."),
        ("company", "Rabobank"),
        ("company", "ASML"),
        ("person", "linkedin.com/in/zoe-peeters-1a2b3c"),
        ("person", "linkedin.com/in/nobody-known"),
    ]  # "rabobank" again counts once
    csv_lines = target_lines(
        data="Bedrijfsnaam;Website;LinkedIn\nASML;asml.com;\n;;https://nl.linkedin.com/in/Jan-X/\n".encode(
            "cp1252"
        ),
        file_name="doelen.csv",
    )
    assert [(t.line, t.kind, t.name or t.url) for t in csv_lines] == [
        (2, "company", "ASML"),
        (3, "person", "linkedin.com/in/jan-x"),
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(["Company", "Owner"])
    sheet.append(["Philips", "me"])
    sheet.append(["https://www.linkedin.com/company/tennet-tso", None])
    data = io.BytesIO()
    book.save(data)
    assert [t.name for t in target_lines(data=data.getvalue(), file_name="t.xlsx")] == [
        "Philips",
        "tennet tso",
    ]


def test_a_list_without_targets_or_a_broken_workbook_is_refused():
    with pytest.raises(ServiceError, match="no company"):
        target_lines(text="\n  \n")
    with pytest.raises(ServiceError, match="XLSX"):
        target_lines(data=b"PK\x03\x04 broken", file_name="t.xlsx")


def test_paths_and_coverage_summary(orgs):
    acme, _globex = orgs
    result = cover(acme)
    summary = result["summary"]
    assert {k: summary[k] for k in ("targets", "found", "with_path", "strong", "weak", "none")} == {
        "targets": 5,
        "found": 3,
        "with_path": 3,
        "strong": 0,
        "weak": 3,
        "none": 2,
    }
    targets = by_name(result)
    stripe = targets["Stripe, Inc."]
    assert stripe["status"] == "weak" and stripe["introducers"] == 2 and stripe["people"] == 2
    assert {p["employee"]["name"] for p in stripe["paths"]} == {"Jan van den Berg", "Sophie Bakker"}
    assert targets["ASML"]["status"] == "none" and not targets["ASML"]["found"]
    zoe = targets["Zoë Peeters"]
    assert zoe["kind"] == "person" and zoe["introducers"] == 2 and zoe["company"] == "Stripe"
    top = summary["top_introducers"][0]
    assert top["employee"]["name"] == "Jan van den Berg" and top["targets"] == 3


def test_a_strong_tie_makes_a_strong_path_and_leads(orgs):
    acme, _globex = orgs
    TieRank.objects.filter(employee__email="sophie.bakker@acme.nl", company__name="Stripe").update(
        strength=0.9, tier="strong"
    )
    result = cover(acme)
    stripe = by_name(result)["Stripe, Inc."]
    assert stripe["status"] == "strong" and stripe["strong"] == 1
    assert stripe["paths"][0] == {"employee": stripe["paths"][0]["employee"], "strong": True}
    assert stripe["paths"][0]["employee"]["name"] == "Sophie Bakker"
    assert result["summary"]["strong"] == 2  # Stripe, and Zoë (the same tie)


def test_coverage_names_no_contact_and_shows_urls_to_the_owner_only(orgs):
    acme, _globex = orgs
    shown = json.dumps(cover(acme), ensure_ascii=False)
    assert "linkedin.com/in/" not in shown
    for detail in CONTACT_DETAILS:
        if detail not in ("Zoë", "Peeters"):  # a person target shows the name a colleague knows
            assert detail not in shown
    assert "linkedin.com/in/nobody-known" in json.dumps(cover(acme, show_urls=True))


def test_a_person_no_colleague_knows_stays_nameless_even_if_another_organisation_knows_them(orgs):
    acme, globex = orgs
    result = cover(acme, "https://www.linkedin.com/in/hanna-hendriks\n")
    (hanna,) = result["targets"]
    assert hanna["name"] == "" and hanna["status"] == "none" and not hanna["found"]
    (seen,) = cover(globex, "https://www.linkedin.com/in/hanna-hendriks\n")["targets"]
    assert (
        seen["name"] == "Hanna Hendriks" and seen["paths"][0]["employee"]["name"] == "Greta Globex"
    )


def test_colleagues_who_stopped_sharing_open_no_path(orgs):
    acme, _globex = orgs
    consent_withdraw(employee=employee("jan.vandenberg@acme.nl"))
    targets = by_name(cover(acme))
    assert [p["employee"]["name"] for p in targets["Stripe, Inc."]["paths"]] == ["Sophie Bakker"]
    assert targets["Rabobank"]["status"] == "none"


def test_reach_of_a_consent_changed_behind_the_services_back_is_pruned(orgs):
    """A consent withdrawn by a bare update (no recount): the list prunes that reach."""
    acme, _globex = orgs
    cover(acme)  # builds the indexes
    jan = employee("jan.vandenberg@acme.nl")
    assert CompanyReach.objects.filter(employee=jan).exists()
    Consent.objects.filter(employee=jan).update(withdrawn_at=timezone.now())
    targets = by_name(cover(acme))
    assert [p["employee"]["name"] for p in targets["Stripe, Inc."]["paths"]] == ["Sophie Bakker"]
    assert not CompanyReach.objects.filter(employee=jan).exists()


def test_a_stored_list_keeps_its_targets_and_settings(orgs):
    acme, _globex = orgs
    jan = employee("jan.vandenberg@acme.nl")
    stored = target_list_create(owner=jan, name=" Prospects  Q1 ", lines=target_lines(text=LIST))
    assert stored.name == "Prospects Q1" and stored.purpose == "sales" and not stored.watched
    assert stored.targets.count() == 5
    zoe = stored.targets.get(kind=Target.Kind.PERSON, url__contains="zoe")
    assert len(zoe.digest) == 40
    assert (
        cover(acme)["summary"] == coverage(organisation=acme, targets=specs_of(stored))["summary"]
    )
    target_list_update(target_list=stored, actor=jan, watched=True, purpose="job")
    stored.refresh_from_db()
    assert stored.watched and stored.purpose == "job"
    with pytest.raises(ServiceError):
        target_list_update(target_list=stored, actor=jan, purpose="gossip")
    with pytest.raises(ServiceError):
        target_list_create(owner=jan, name="  ", lines=target_lines(text="ASML"))
    target_list_delete(target_list=stored, actor=jan)
    assert not TargetList.objects.exists() and not Target.objects.exists()
