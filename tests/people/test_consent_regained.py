"""Issue 12, attack: an operator's import must not give back consent the employee withdrew."""

from __future__ import annotations

import pytest

from tests.factories import DATA, acme, employee
from weakties.accounts.models import AuditEvent, Consent
from weakties.cli.main import main
from weakties.people.models import Tie
from weakties.people.selectors.who_knows import who_knows
from weakties.people.services.consent import sharing_employees
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db

JAN = "jan.vandenberg@acme.nl"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _withdraw(capsys):
    code, _, err = run(capsys, "consent", "withdraw", "--owner", JAN, "--json")
    assert code == 0, err


def test_cli_import_after_withdrawal_is_refused_in_one_line(capsys, settings):
    settings.LANGUAGE_CODE = "en"
    acme()
    _withdraw(capsys)
    code, _, err = run(capsys, "import", str(DATA / "jan_Connections.csv"), "--owner", JAN)
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "withdrew their consent" in err and JAN in err
    assert "--consent-given-by-owner" in err
    jan = employee(JAN)
    assert not Tie.objects.filter(employee=jan).exists()
    assert not Consent.objects.filter(employee=jan, withdrawn_at__isnull=True).exists()
    assert jan not in sharing_employees()
    assert all(r["employee"] != JAN for r in who_knows(company="Stripe").rows)


def test_many_files_and_the_service_refuse_too(capsys):
    acme()
    _withdraw(capsys)
    jan = employee(JAN)
    code, _, _ = run(
        capsys,
        "import",
        str(DATA / "jan_Connections.csv"),
        str(DATA / "jan_contacts.vcf"),
        "--owner",
        JAN,
    )
    assert code != 0
    # The service itself, as the API or a script would call it.
    report = NetworkImporter().import_file(path=DATA / "jan_Connections.csv", owner=jan)
    assert not report.ok and report.errors
    assert not Tie.objects.filter(employee=jan).exists()
    assert not jan.consents.filter(withdrawn_at__isnull=True).exists()


def test_operator_names_the_record_and_it_is_audited(capsys):
    acme()
    _withdraw(capsys)
    code, _, err = run(
        capsys,
        "import",
        str(DATA / "jan_Connections.csv"),
        "--owner",
        JAN,
        "--consent-given-by-owner",
        "HR file 2026-114, signed form",
    )
    assert code == 0, err
    jan = employee(JAN)
    assert Tie.objects.filter(employee=jan).exists()
    assert jan in sharing_employees()
    event = AuditEvent.objects.get(action="consent.given_by_owner")
    assert event.detail["record"] == "HR file 2026-114, signed form"
    assert event.detail["employee"] == jan.pk


def test_the_employee_consenting_again_on_the_web_lets_imports_through(capsys):
    acme()
    _withdraw(capsys)
    jan = employee(JAN)
    Consent.objects.create(employee=jan, via="web")  # what the import page records
    code, _, err = run(capsys, "import", str(DATA / "jan_Connections.csv"), "--owner", JAN)
    assert code == 0, err
    assert Tie.objects.filter(employee=jan).exists()


def test_someone_who_never_consented_is_still_imported_by_the_operator(capsys):
    acme(networks=False)
    code, _, err = run(capsys, "import", str(DATA / "jan_Connections.csv"), "--owner", JAN)
    assert code == 0, err
    assert employee(JAN) in sharing_employees()
