"""Seed 004's case end to end: surplus meat inspectors meet road-inspector vacancies; the brief; contacts."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from weakties.accounts.models import AuditEvent, Employee
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.meetings.models import ContactSuggestion, Match
from weakties.meetings.services.brief import brief_build, brief_html, brief_pdf
from weakties.meetings.services.contacts import contacts_suggest, suggestion_answer
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create
from weakties.meetings.services.proposals import match_set_stage, matches_propose
from weakties.people.services.consent import consent_give

from .conftest import in_days, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(network):
    m = meeting_create(federation=network, date=in_days(30), place="Den Bosch", schedule=False)
    help_request_add(
        meeting=m,
        org="Ministerie LNV",
        kind="surplus",
        title="Vleesinspecteur",
        skills="inspectie, HACCP, voedselveiligheid",
        region="Noord-Brabant",
        count=24,
        email="eva.kok@lnv.nl",
    )
    help_request_add(
        meeting=m,
        org="Rijkswaterstaat",
        kind="vacancy",
        title="Weginspecteur",
        skills="inspectie, verkeersveiligheid",
        region="Noord-Brabant",
        count=30,
        months_ahead=6,
        email="myriam.roo@rws.nl",
    )
    help_request_add(
        meeting=m,
        org="Rijkswaterstaat",
        kind="vacancy",
        title="Software developer",
        skills="python, django",
        region="Utrecht",
    )
    help_request_add(
        meeting=m,
        org="Ministerie LNV",
        kind="vacancy",
        title="Toezichthouder voedselveiligheid",
        region="Noord-Brabant",
    )
    help_request_add(
        meeting=m, org="Ministerie LNV", kind="change", title="Keuringsdienst gaat samen met NVWA"
    )
    return m


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_match_json_contract_best_first_across_organisations(meeting, capsys):
    code, out, err = run(capsys, "match", "--meeting", str(meeting.pk), "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows, "the meat inspectors should match something"
    for row in rows:
        assert set(row) == {"supply", "demand", "score", "why"}
        assert set(row["supply"]) == {"id", "org", "kind", "title"} == set(row["demand"])
        assert row["supply"]["org"] != row["demand"]["org"]  # across member organisations only
        assert row["why"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert (
        rows[0]["supply"]["title"] == "Vleesinspecteur"
        and rows[0]["demand"]["title"] == "Weginspecteur"
    )
    # Running it again keeps the same proposals.
    run(capsys, "match", "--meeting", str(meeting.pk), "--json")
    assert Match.objects.filter(meeting=meeting).count() == len(rows)


def test_matches_keep_their_stage_when_proposed_again(meeting):
    first = matches_propose(meeting=meeting)
    top = first[0]
    match_set_stage(top, stage="talking")
    again = matches_propose(meeting=meeting)
    assert next(m for m in again if m.pk == top.pk).stage == "talking"


def test_match_stage_from_the_command_line(meeting, capsys):
    top = matches_propose(meeting=meeting)[0]
    code, out, err = run(
        capsys, "match", "--stage", str(top.pk), "placed", "--placed", "12", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["stage"] == "placed"
    top.refresh_from_db()
    assert top.placed == 12
    code, _, err = run(capsys, "match", "--stage", "9999", "placed")
    assert code != 0 and "9999" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "match")
    assert code != 0 and "--meeting" in err


def test_brief_groups_requests_by_kind_and_organisation(meeting):
    brief = brief_build(meeting)
    assert [g["kind"] for g in brief["groups"]] == ["surplus", "vacancy", "change"]
    vacancies = next(g for g in brief["groups"] if g["kind"] == "vacancy")
    assert [o["org"] for o in vacancies["orgs"]] == ["Ministerie LNV", "Rijkswaterstaat"]
    surplus = brief["groups"][0]["orgs"][0]["requests"][0]
    assert surplus.proposed and surplus.proposed[0].demand.title == "Weginspecteur"
    html = brief_html(meeting)
    assert "Weginspecteur" in html and "Keuringsdienst gaat samen met NVWA" in html


def test_brief_pdf_from_the_command_line(meeting, capsys, tmp_path, settings):
    settings.LANGUAGE_CODE = (
        "en"  # the wording is English below; Dutch in tests/cli/test_cli_dutch.py
    )
    out_file = tmp_path / "brief.pdf"
    code, out, err = run(
        capsys, "brief", "--meeting", str(meeting.pk), "--pdf", str(out_file), "--json"
    )
    assert code == 0, err
    assert json.loads(out)["pdf"] == str(out_file)
    data = out_file.read_bytes()
    assert data.startswith(b"%PDF")
    from weasyprint import HTML

    document = HTML(string=brief_html(meeting, for_pdf=True)).render()
    text = " ".join(_box_text(page._page_box) for page in document.pages)
    for title in (
        "Vleesinspecteur",
        "Weginspecteur",
        "Software developer",
        "Keuringsdienst gaat samen met NVWA",
    ):
        assert title in text
    assert AuditEvent.objects.filter(action="brief_exported").exists()
    code, _, err = run(
        capsys,
        "brief",
        "--meeting",
        str(meeting.pk),
        "--pdf",
        str(tmp_path / "no" / "such" / "dir.pdf"),
    )
    assert code != 0 and "cannot write" in err


def _box_text(box) -> str:
    parts = []
    if hasattr(box, "text"):
        parts.append(box.text)
    for child in getattr(box, "children", ()):
        parts.append(_box_text(child))
    return " ".join(p for p in parts if p)


def test_brief_pages_for_representatives(meeting, client):
    login_as(client, "myriam.roo@rws.nl")
    html = client.get(reverse("meetings:brief", args=[meeting.pk])).content.decode()
    assert 'data-group="surplus"' in html and "Weginspecteur" in html and "data-match=" in html
    response = client.get(reverse("meetings:brief_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")
    assert brief_pdf(meeting).startswith(b"%PDF")


def test_representative_moves_only_matches_of_their_organisation(meeting, client, network):
    from weakties.meetings.services.federations import delegate_appoint

    top = matches_propose(meeting=meeting)[0]  # LNV → RWS
    delegate_appoint(federation=network, employee="kees.dijk@rws.nl", role="representative")
    login_as(client, "kees.dijk@rws.nl")
    assert (
        client.post(reverse("meetings:stage", args=[top.pk]), {"stage": "talking"}).status_code
        == 302
    )
    top.refresh_from_db()
    assert top.stage == "talking"
    client.logout()
    login_as(client, "eva.kok@lnv.nl")  # not a representative
    assert (
        client.post(reverse("meetings:stage", args=[top.pk]), {"stage": "closed"}).status_code
        == 403
    )


@pytest.fixture
def contacts(network, tmp_path):
    """Kees (Rijkswaterstaat) shares his network: he knows a road inspector at a province and a baker."""
    from weakties.people.services.network_import.importer import NetworkImporter

    kees = Employee.objects.get(email="kees.dijk@rws.nl")
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Lotte,Visser,https://www.linkedin.com/in/lotte-visser,,Provincie Noord-Brabant,Weginspecteur,12 Mar 2021\n"
        "Bram,de Bakker,https://www.linkedin.com/in/bram-de-bakker,,Bakkerij Bram,Bakker,01 Jan 2020\n"
    )
    consent_give(employee=kees, via="cli")
    result = NetworkImporter().import_file(path=path, owner=kees)
    assert result.ok, result.errors
    return kees


def test_a_vacancy_asks_the_colleague_who_knows_a_fitting_contact(
    meeting, contacts, smtp, settings
):
    settings.LANGUAGE_CODE = "en"
    vacancy = meeting.requests.get(title="Weginspecteur")
    found = contacts_suggest(demand=vacancy)
    assert [s.person.name for s in found][:1] == ["Lotte Visser"]
    assert all(s.employee == contacts for s in found)
    assert AuditEvent.objects.filter(action="contact_search").exists()
    from weakties.meetings.services.delivery import ask_owners

    assert ask_owners(vacancy.pk) == len(found)
    assert ask_owners(vacancy.pk) == 0  # asked once
    mails = smtp.to("kees.dijk@rws.nl")
    assert len(mails) == len(found)
    assert "Weginspecteur" in mails[0].subject and "Lotte Visser" in mails[0].body
    # Nothing ever goes to the contact.
    assert all("lotte" not in r.lower() for m in smtp.messages for r in m.rcpt_tos)
    suggestion_answer(found[0], answer="yes")
    assert ContactSuggestion.objects.get(pk=found[0].pk).answer == "yes"
    with pytest.raises(ServiceError):
        contacts_suggest(demand=meeting.requests.get(kind="surplus"))


def test_withdrawn_consent_means_no_contact_suggestions(meeting, contacts):
    from weakties.people.services.consent import consent_withdraw

    consent_withdraw(employee=contacts)
    assert contacts_suggest(demand=meeting.requests.get(title="Weginspecteur")) == []


def test_contact_answer_page_and_web_button(meeting, contacts, client, smtp):
    vacancy = meeting.requests.get(title="Weginspecteur")
    login_as(client, "myriam.roo@rws.nl")
    response = client.post(reverse("meetings:contacts", args=[vacancy.pk]))
    assert response.status_code == 302
    suggestion = ContactSuggestion.objects.filter(demand=vacancy).first()
    assert suggestion is not None and suggestion.asked_at is not None
    client.logout()
    url = reverse("meetings:contact_answer", args=[suggestion.token])
    assert client.post(url, {"answer": "no"}).status_code == 302
    assert ContactSuggestion.objects.get(pk=suggestion.pk).answer == "no"
    assert client.get(reverse("meetings:contact_answer", args=["not-a-token"])).status_code == 404


def test_match_contacts_from_the_command_line(meeting, contacts, smtp, capsys):
    code, out, err = run(capsys, "match", "--meeting", str(meeting.pk), "--contacts", "--json")
    assert code == 0, err
    rows = {r["title"]: r for r in json.loads(out)["contacts"]}
    assert set(rows) == {"Weginspecteur", "Software developer", "Toezichthouder voedselveiligheid"}
    assert rows["Weginspecteur"]["asked"] >= 1
    assert all(r == "kees.dijk@rws.nl" for m in smtp.messages for r in m.rcpt_tos)
