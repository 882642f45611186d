"""Importing many files at once: planned ahead in a second process, committed in groups.

The fast path must store exactly what importing the files one at a time
stores, keep every file all-or-nothing, and be safe to run again after a
failure.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.factories import DATA
from weakties.accounts.models import Consent, Employee
from weakties.accounts.services.organisations import organisation_create
from weakties.people.models import Company, ImportBatch, Person, PersonIdentifier, Tie
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.synth import generate_organisation, write_exports

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    return write_exports(
        generate_organisation(employees=12, seed=5), tmp_path_factory.mktemp("many")
    )


def _jobs(manifest):
    org = organisation_create(name=manifest.name, domain=manifest.domain)
    assert directory_import(path=manifest.directory, organisation=org).ok
    owners = {e.email.lower(): e for e in Employee.objects.filter(organisation=org)}
    jobs = [(f.path, owners[f.owner.lower()]) for f in manifest.files]
    first_path, first_owner = jobs[0]
    # A broken file in the middle and the first file again at the end.
    jobs.insert(len(jobs) // 2, (DATA / "unquoted_comma_Connections.csv", first_owner))
    jobs.append((first_path, first_owner))
    return jobs


def _company(person) -> str:
    return person.company.key if person.company_id else ""


def _snapshot() -> dict:
    """Everything an import stores, by natural keys (ids may differ)."""
    ties = set()
    for tie in Tie.objects.select_related("employee", "person__company"):
        provenance = tuple(sorted(tie.provenance.values_list("batch__file_name", "line")))
        ties.add(
            (
                tie.employee.email,
                tie.person.name_key,
                _company(tie.person),
                tuple(tie.sources),
                tie.connected_on,
                tie.email,
                tie.phone,
                tie.profile_url,
                provenance,
            )
        )
    people = sorted(
        (p.name_key, p.first_name, p.last_name, _company(p), p.position)
        for p in Person.objects.select_related("company")
    )
    identifiers = sorted(
        (i.person.name_key, i.kind, i.digest)
        for i in PersonIdentifier.objects.select_related("person")
    )
    companies = sorted(
        (c.key, c.name, c.sector, c.region, tuple(sorted(c.aliases))) for c in Company.objects.all()
    )
    batches = sorted(
        (
            b.file_name,
            b.owner.email if b.owner else "",
            b.status,
            b.contacts,
            b.skipped,
            b.people_created,
            b.ties_created,
            b.ties_updated,
        )
        for b in ImportBatch.objects.select_related("owner")
    )
    consents = sorted(
        Consent.objects.filter(withdrawn_at__isnull=True).values_list("employee__email", flat=True)
    )
    return {
        "ties": ties,
        "people": people,
        "identifiers": identifiers,
        "companies": companies,
        "batches": batches,
        "consents": consents,
    }


def _reports(reports) -> list[dict]:
    return [{k: v for k, v in r.as_dict().items() if k != "batch"} for r in reports]


def test_many_files_store_exactly_what_one_at_a_time_stores(manifest):
    jobs = _jobs(manifest)
    with transaction.atomic():
        # One index of everyone, warm from file to file, as the run ahead keeps it.
        one_by_one = NetworkImporter(partial=False)
        expected_reports = _reports(
            one_by_one.import_file(path=path, owner=owner) for path, owner in jobs
        )
        expected = _snapshot()
        transaction.set_rollback(True)
    assert Tie.objects.count() == 0

    importer = NetworkImporter()
    importer.group_contacts = 2_000  # several groups
    reports = _reports(importer.import_files(jobs=jobs))

    assert reports == expected_reports
    assert _snapshot() == expected
    statuses = [(r["status"], r["duplicate"]) for r in reports]
    assert statuses.count(("failed", False)) == 1  # the broken file
    assert statuses[-1] == ("done", True)  # the first file again
    assert len(expected["ties"]) > 1_000 and len(expected["people"]) > 500
    assert importer.stats.planning > 0


class _FailsOn(NetworkImporter):
    """An importer whose store step breaks on one file, as a full disk would."""

    def __init__(self, file_name: str) -> None:
        super().__init__()
        self.file_name = file_name

    def _store(self, plan, report, owner, name, checksum, parsed, batch):
        if name == self.file_name:
            raise OSError("disk full")
        return super()._store(plan, report, owner, name, checksum, parsed, batch)


def _lines() -> list[tuple[str, str, int]]:
    """Every stored contact line: (owner, file, line)."""
    return sorted(
        Tie.objects.values_list(
            "employee__email", "provenance__batch__file_name", "provenance__line"
        )
    )


def test_a_failure_rolls_back_its_group_only_and_a_rerun_completes(manifest):
    jobs = _jobs(manifest)
    with transaction.atomic():
        list(NetworkImporter().import_files(jobs=jobs))
        expected = _lines()
        transaction.set_rollback(True)

    doomed = jobs[-3][0].name
    importer = _FailsOn(doomed)
    importer.group_contacts = 2_000
    committed = []
    with pytest.raises(OSError, match="disk full"):
        for report in importer.import_files(jobs=jobs):
            committed.append(report.file)
    assert committed and doomed not in committed
    stored = set(ImportBatch.objects.values_list("file_name", flat=True))
    # Every reported file is stored; nothing of the failed group is.
    assert set(committed) <= stored
    assert doomed not in stored
    assert not Tie.objects.filter(provenance__batch__file_name=doomed).exists()
    assert len(_lines()) < len(expected)

    again = list(NetworkImporter().import_files(jobs=jobs))
    assert all(r.duplicate for r in again if r.file in committed and r.status == "done")
    # Every contact line of every file is stored once, as if nothing had failed.
    assert _lines() == expected
    done = ImportBatch.objects.filter(status=ImportBatch.Status.DONE, owner__isnull=False)
    assert (
        done.count() == len({(path.name, owner.pk) for path, owner in jobs}) - 1
    )  # less the broken file
