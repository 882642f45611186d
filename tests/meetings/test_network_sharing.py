"""Networks lent to the employer network: the employee's and the organisation's opt-in (issue 12 §6).

The hole: "ask colleagues about their contacts" for one member's vacancy made
suggestions from another member's employees and emailed them, on the strength
of a consent that covers colleagues only. Each test tries that again.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from weakties.accounts.models import Employee, Role
from weakties.core.errors import ServiceError
from weakties.meetings.models import ContactSuggestion
from weakties.meetings.services.contacts import contacts_suggest
from weakties.meetings.services.delivery import ask_owners
from weakties.meetings.services.help_requests import help_request_add
from weakties.meetings.services.meetings import meeting_create
from weakties.meetings.services.network_sharing import (
    CONSENT_TEXT,
    network_sharing_give,
    network_sharing_state,
    network_sharing_withdraw,
)

from .conftest import in_days
from .test_brief_and_matches import contacts  # noqa: F401 - fixture: Kees (RWS) knows Lotte

pytestmark = pytest.mark.django_db


def _user(email: str, role: str | None = None) -> Employee:
    e = Employee.objects.get(email=email)
    e.user = get_user_model().objects.create_user(username=email, email=email)
    if role:
        e.role = role
    e.save()
    return e


@pytest.fixture
def lnv_vacancy(network):
    """LNV (not Kees's organisation) asks for a road inspector."""
    m = meeting_create(federation=network, date=in_days(30), place="Utrecht", schedule=False)
    return help_request_add(
        meeting=m,
        org="Ministerie LNV",
        kind="vacancy",
        title="Weginspecteur",
        skills="inspectie, verkeersveiligheid",
        region="Noord-Brabant",
        email="eva.kok@lnv.nl",
    )


@pytest.fixture
def people(contacts):  # noqa: F811
    return {
        "kees": _user("kees.dijk@rws.nl"),
        "rws_admin": _user("myriam.roo@rws.nl", Role.ADMIN),
        "lnv_admin": _user("ad.smets@lnv.nl", Role.ADMIN),
    }


def _kees_asked(smtp) -> list:
    return smtp.to("kees.dijk@rws.nl")


def test_without_consent_for_the_employer_network_another_organisation_sees_nothing(
    lnv_vacancy, people, smtp
):
    assert contacts_suggest(demand=lnv_vacancy) == []
    assert ask_owners(lnv_vacancy.pk) == 0
    assert _kees_asked(smtp) == []


@pytest.mark.parametrize("only", ["employee", "organisation"])
def test_one_opt_in_alone_is_not_enough(lnv_vacancy, people, smtp, only):
    rws = people["kees"].organisation
    if only == "employee":
        network_sharing_give(
            organisation=rws, employee=people["kees"], actor=people["kees"].user, via="web"
        )
    else:
        network_sharing_give(organisation=rws, actor=people["rws_admin"].user, via="web")
    assert contacts_suggest(demand=lnv_vacancy) == []
    assert ask_owners(lnv_vacancy.pk) == 0
    assert _kees_asked(smtp) == []


def test_with_both_opt_ins_the_contact_is_suggested_and_only_the_employee_asked(
    lnv_vacancy, people, smtp
):
    kees, rws = people["kees"], people["kees"].organisation
    network_sharing_give(organisation=rws, employee=kees, actor=kees.user, via="web")
    network_sharing_give(organisation=rws, actor=people["rws_admin"].user, via="cli")
    assert network_sharing_state(employee=kees) == {"employee": True, "organisation": True}
    found = contacts_suggest(demand=lnv_vacancy)
    assert [s.person.name for s in found][:1] == ["Lotte Visser"]
    assert {s.employee for s in found} == {kees}
    assert ask_owners(lnv_vacancy.pk) == len(found)
    assert len(_kees_asked(smtp)) == len(found)
    assert all("lotte" not in r.lower() for m in smtp.messages for r in m.rcpt_tos)


def test_a_withdrawal_stops_the_questions_not_yet_sent(lnv_vacancy, people, smtp):
    kees, rws = people["kees"], people["kees"].organisation
    network_sharing_give(organisation=rws, employee=kees, actor=kees.user, via="web")
    network_sharing_give(organisation=rws, actor=people["rws_admin"].user, via="web")
    assert contacts_suggest(demand=lnv_vacancy)
    network_sharing_withdraw(organisation=rws, actor=people["rws_admin"].user, via="web")
    assert ask_owners(lnv_vacancy.pk) == 0
    assert _kees_asked(smtp) == []
    assert ContactSuggestion.objects.filter(demand=lnv_vacancy, asked_at__isnull=False).count() == 0
    assert contacts_suggest(demand=lnv_vacancy) == []


def test_colleagues_still_use_the_network_without_the_opt_ins(network, people):
    """Kees's own organisation's vacancy is his colleagues' business: his consent covers it."""
    m = meeting_create(federation=network, date=in_days(30), schedule=False)
    own = help_request_add(
        meeting=m,
        org="Rijkswaterstaat",
        kind="vacancy",
        title="Weginspecteur",
        skills="inspectie",
        email="myriam.roo@rws.nl",
    )
    assert [s.person.name for s in contacts_suggest(demand=own)][:1] == ["Lotte Visser"]


def test_nobody_opts_in_for_someone_else(people):
    kees, rws = people["kees"], people["kees"].organisation
    lnv = people["lnv_admin"].organisation
    with pytest.raises(ServiceError):  # an admin, but not for the employee's own act
        network_sharing_give(
            organisation=rws, employee=kees, actor=people["rws_admin"].user, via="web"
        )
    with pytest.raises(ServiceError):  # an employee, not an admin
        network_sharing_give(organisation=rws, actor=kees.user, via="web")
    with pytest.raises(ServiceError):  # an admin of another organisation
        network_sharing_give(organisation=rws, actor=people["lnv_admin"].user, via="web")
    with pytest.raises(ServiceError):  # the employee, for another organisation
        network_sharing_give(organisation=lnv, employee=kees, actor=kees.user, via="web")
    assert network_sharing_state(employee=kees) == {"employee": False, "organisation": False}


def test_the_consent_text_says_it_is_for_other_organisations():
    from django.utils import translation

    with translation.override("en"):
        text = str(CONSENT_TEXT)
    assert "employer network" in text and "other member organisation" in text
    assert "withdraw" in text
    with translation.override("nl"):
        assert "andere lidorganisatie" in str(CONSENT_TEXT)


def test_the_page_lets_the_employee_opt_in_and_only_the_admin_for_the_organisation(people, client):
    from django.urls import reverse

    url = reverse("meetings:network_sharing")
    kees = people["kees"]
    client.force_login(kees.user)
    assert url in client.get(reverse("meetings:index")).content.decode()
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "other member organisation" in html
    assert 'value="organisation"' not in html  # no organisation form for an employee
    assert client.post(url, {"scope": "organisation", "give": "1"}).status_code == 302
    assert network_sharing_state(employee=kees) == {"employee": False, "organisation": False}
    assert client.post(url, {"scope": "employee", "give": "1"}).status_code == 302
    assert network_sharing_state(employee=kees) == {"employee": True, "organisation": False}
    client.force_login(people["rws_admin"].user)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "andere lidorganisatie" in html and 'value="organisation"' in html
    client.post(url, {"scope": "organisation", "give": "1"})
    assert network_sharing_state(employee=kees) == {"employee": True, "organisation": True}
    client.force_login(people["lnv_admin"].user)  # another organisation's admin changes its own
    client.post(url, {"scope": "organisation", "give": "0"})
    assert network_sharing_state(employee=kees) == {"employee": True, "organisation": True}


def test_the_cli_acts_as_the_employee_and_refuses_others(people, capsys):
    import json

    from weakties.cli.main import main

    kees = people["kees"]
    # An employee is no admin: the organisation's opt-in is refused, in one line, non-zero.
    assert main(["network-sharing", "give", "--organisation", "--as", kees.email]) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["network-sharing", "give", "--as", kees.email, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"employee": True, "organisation": False}
    assert main(["network-sharing", "give", "--organisation", "--as", "myriam.roo@rws.nl"]) == 0
    assert network_sharing_state(employee=kees) == {"employee": True, "organisation": True}
    assert main(["network-sharing", "withdraw", "--as", kees.email, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["employee"] is False
