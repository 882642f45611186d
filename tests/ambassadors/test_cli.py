"""``weakties invite`` and ``weakties campaign``: the exact JSON contract, --as, and one-line refusals."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from weakties.ambassadors.models import Campaign, Invitation
from weakties.cli.main import main

from .conftest import ANNA, JAN, TOM, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_language():
    """The command speaks the site's language (Dutch), as it does in a shell."""
    with translation.override("nl"):
        yield


def run(*args, capsys) -> tuple[dict | list, str]:
    assert main(list(args)) == 0
    out, err = capsys.readouterr()
    return json.loads(out), err


def refused(*args, capsys) -> str:
    """A refusal: non-zero exit and one line on stderr."""
    assert main(list(args)) != 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("weakties: error: "), err
    return err


def test_invite_everyone_prints_exactly_the_three_counts(org, smtp, capsys):
    result, err = run("invite", "--org", "Acme BV", "--json", capsys=capsys)
    assert result == {"invited": 2, "skipped": 0, "already_sharing": 2}
    assert list(result) == ["invited", "skipped", "already_sharing"]
    assert err == ""
    assert len(smtp.wait_for(2)) == 2


def test_invite_a_department(org, smtp, capsys):
    result, _ = run(
        "invite", "--org", "acme bv", "--department", "Engineering", "--json", capsys=capsys
    )
    assert result == {"invited": 1, "skipped": 0, "already_sharing": 0}
    assert Campaign.objects.get().department == "Engineering"


def test_invite_a_file_of_addresses_names_the_skipped_on_stderr(org, smtp, capsys, tmp_path):
    path = tmp_path / "adressen.txt"
    path.write_text("tom.jansen@acme.nl\nJan.vandenBerg@acme.nl\nonbekend@elders.nl\n")
    result, err = run("invite", "--org", "Acme BV", "--emails", str(path), "--json", capsys=capsys)
    assert result == {"invited": 1, "skipped": 1, "already_sharing": 1}
    assert "onbekend@elders.nl" in err
    assert [i.employee.email for i in Invitation.objects.all()] == [TOM]


def test_the_reminder_through_the_cli_once(org, smtp, capsys):
    run("invite", "--org", "Acme BV", "--json", capsys=capsys)
    campaign = Campaign.objects.get()
    assert "vanaf" in refused(
        "invite", "--org", "Acme BV", "--reminder", str(campaign.pk), capsys=capsys
    )
    campaign.invitations.update(sent_at=days_ago(8), created_at=days_ago(8))
    result, _ = run(
        "invite", "--org", "Acme BV", "--reminder", str(campaign.pk), "--json", capsys=capsys
    )
    assert result == {"invited": 2, "skipped": 0, "already_sharing": 0}
    assert "maar één" in refused(
        "invite", "--org", "Acme BV", "--reminder", str(campaign.pk), capsys=capsys
    )


def test_as_acts_with_that_employees_permissions(org, smtp, capsys):
    assert JAN in refused("invite", "--org", "Acme BV", "--as", JAN, capsys=capsys)
    assert not Campaign.objects.exists()
    result, _ = run("invite", "--org", "Acme BV", "--as", ANNA, "--json", capsys=capsys)
    assert result["invited"] == 2
    assert Campaign.objects.get().created_by.email == ANNA
    refused("campaign", "--org", "Acme BV", "--as", TOM, capsys=capsys)


def test_another_organisations_campaign_is_not_found(org, globex, smtp, capsys):
    run("invite", "--org", "Acme BV", "--json", capsys=capsys)
    campaign = Campaign.objects.get()
    refused("invite", "--org", "Globex", "--reminder", str(campaign.pk), capsys=capsys)
    refused("campaign", str(campaign.pk), "--org", "Globex", capsys=capsys)


def test_campaign_lists_the_funnel(org, smtp, capsys):
    run("invite", "--org", "Acme BV", "--json", capsys=capsys)
    campaigns, _ = run("campaign", "--org", "Acme BV", "--json", capsys=capsys)
    assert len(campaigns) == 1
    one = campaigns[0]
    assert {k: one[k] for k in ("invited", "opened", "consented", "imported", "declined")} == {
        "invited": 2,
        "opened": 0,
        "consented": 0,
        "imported": 0,
        "declined": 0,
    }
    assert one["sent"] == 2 and one["reminder_sent"] is None and one["reminder_from"]
    shown, _ = run("campaign", str(one["id"]), "--org", "Acme BV", "--json", capsys=capsys)
    assert shown == one
    assert main(["campaign", "--org", "Acme BV"]) == 0
    out = capsys.readouterr().out
    assert f"Campagne {one['id']}" in out and "iedereen" in out  # in the site's language
    assert "uitgenodigd 2 → geopend 0 → toestemming gegeven 0 → geïmporteerd 0" in out


def test_an_unreadable_file_is_one_line(org, capsys, tmp_path):
    err = refused(
        "invite", "--org", "Acme BV", "--emails", str(tmp_path / "missing.txt"), capsys=capsys
    )
    assert "kan" in err and "niet lezen" in err
