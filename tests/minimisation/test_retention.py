"""Retention (issue 12): old imports are flagged to their owner, then removed, with a moved clock.

The clock is moved by passing ``now`` to the run (the imports keep their real
``created_at``); SQLite and PostgreSQL alike (``DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import acme, employee
from weakties.accounts.models import AuditEvent
from weakties.minimisation.models import RetentionFlag
from weakties.minimisation.services.retention import retention_run
from weakties.notifications.models import Notice
from weakties.people.models import ImportBatch, Person, Tie

pytestmark = pytest.mark.django_db

JAN, SOPHIE = "jan.vandenberg@acme.nl", "sophie.bakker@acme.nl"


def _names(email: str) -> set[str]:
    return {
        t.person.name for t in Tie.objects.filter(employee=employee(email)).select_related("person")
    }


@pytest.fixture
def world(settings):
    settings.WEAKTIES_RETENTION_DAYS = 365
    settings.WEAKTIES_RETENTION_GRACE_DAYS = 30
    acme()
    # Jan's vCard is his fresh export, imported 300 days after the rest.
    start = timezone.now()
    ImportBatch.objects.filter(file_name="jan_contacts.vcf").update(
        created_at=start + dt.timedelta(days=300)
    )
    return start


def test_nothing_happens_before_the_age(world):
    report = retention_run(now=world + dt.timedelta(days=364))
    assert report.flagged == 0 and report.imports_removed == 0
    assert not Notice.objects.filter(kind="import.retention").exists()


def test_old_imports_are_flagged_once_with_a_notice_and_an_email_in_the_owners_language(world):
    employee(JAN).__class__.objects.filter(email=JAN).update(language="nl")
    employee(SOPHIE).__class__.objects.filter(email=SOPHIE).update(language="en")
    mail.outbox.clear()
    report = retention_run(now=world + dt.timedelta(days=366))
    assert report.flagged == 2 and report.emailed == 2  # Jan's LinkedIn file, Sophie's
    jan = Notice.objects.get(employee=employee(JAN), kind="import.retention")
    assert "jan_Connections.csv" in jan.subject and "verwijderd" in jan.subject
    assert jan.link == "/import/" and jan.emailed_at is not None
    sophie = Notice.objects.get(employee=employee(SOPHIE), kind="import.retention")
    assert "will be removed on" in sophie.subject
    assert sorted(m.to[0] for m in mail.outbox) == [JAN, SOPHIE]
    # Again the next week: nobody is told twice.
    again = retention_run(now=world + dt.timedelta(days=373))
    assert again.flagged == 0 and Notice.objects.filter(kind="import.retention").count() == 2
    assert len(mail.outbox) == 2


def test_after_the_grace_the_import_goes_with_the_ties_only_it_holds(world):
    before_jan, before_sophie = _names(JAN), _names(SOPHIE)
    assert {"Mehmet Çelik", "Lotte van Dijk", "Eva Smit"} <= before_jan and before_sophie
    retention_run(now=world + dt.timedelta(days=366))
    early = retention_run(now=world + dt.timedelta(days=366 + 29))
    assert early.imports_removed == 0 and _names(JAN) == before_jan

    report = retention_run(now=world + dt.timedelta(days=366 + 31))
    assert report.imports_removed == 2
    assert not ImportBatch.objects.filter(file_name__endswith="Connections.csv").exists()
    # Mehmet is in Jan's newer vCard too: he stays; Lotte was only in the old file.
    assert _names(JAN) == {"Mehmet Çelik", "Eva Smit"}
    assert _names(SOPHIE) == set()
    # People nobody knows any more are gone; employees stay.
    assert not Person.objects.filter(last_name="van Dijk").exists()
    assert not Person.objects.filter(last_name="de Graaf").exists()
    assert Person.objects.filter(employee__email=SOPHIE).exists()
    assert RetentionFlag.objects.count() == 0
    removed = AuditEvent.objects.filter(action="import.removed")
    assert removed.count() == 2 and all(e.detail["reason"] == "retention" for e in removed)


def test_the_newer_import_is_flagged_and_removed_in_its_own_time(world):
    retention_run(now=world + dt.timedelta(days=366))
    retention_run(now=world + dt.timedelta(days=400))
    assert retention_run(now=world + dt.timedelta(days=300 + 366)).flagged == 1
    retention_run(now=world + dt.timedelta(days=300 + 366 + 31))
    assert _names(JAN) == set() and not ImportBatch.objects.filter(owner__isnull=False).exists()


def test_zero_days_turns_retention_off(world, settings):
    settings.WEAKTIES_RETENTION_DAYS = 0
    report = retention_run(now=world + dt.timedelta(days=3000))
    assert report.flagged == 0 and ImportBatch.objects.filter(owner__isnull=False).count() == 3


def test_the_command_runs_the_weekly_run(world, capsys):
    call_command("retention", "--json")
    out = capsys.readouterr().out
    assert '"flagged": 0' in out and '"forgotten": 0' in out


def test_the_weekly_run_is_sunday_night_local_time():
    from weakties.minimisation.tasks import next_run_at

    tz = timezone.get_current_timezone()
    wednesday = dt.datetime(2026, 12, 2, 12, 0, tzinfo=tz)
    assert next_run_at(wednesday) == dt.datetime(2026, 12, 6, 3, 0, tzinfo=tz)
    sunday_late = dt.datetime(2026, 12, 6, 4, 0, tzinfo=tz)
    assert next_run_at(sunday_late) == dt.datetime(2026, 12, 13, 3, 0, tzinfo=tz)


def test_the_weekly_task_flags_as_the_run_does(world, settings):
    from weakties.minimisation.tasks import minimisation_weekly

    settings.WEAKTIES_RETENTION_DAYS = 1
    ImportBatch.objects.filter(owner__isnull=False).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    result = minimisation_weekly.enqueue()
    assert result.return_value["flagged"] == 3
    assert RetentionFlag.objects.count() == 3


def test_the_import_page_tells_the_owner_when_a_flagged_import_goes(world, client, settings):
    from tests.factories import login

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    retention_run(now=world + dt.timedelta(days=366))
    login(client, JAN)
    html = client.get("/import/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert html.count('class="muted retention-flag"') == 1  # the LinkedIn file, not the vCard
    assert "verwijderd op" in html


def test_failed_and_withdrawn_imports_go_at_the_age_without_a_flag(world):
    batch = ImportBatch.objects.get(file_name="sophie_Connections.csv")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.FAILED)
    report = retention_run(now=world + dt.timedelta(days=366))
    assert not ImportBatch.objects.filter(pk=batch.pk).exists()
    assert report.imports_removed == 1 and report.flagged == 1  # Jan's LinkedIn file is flagged
    assert not Notice.objects.filter(employee=employee(SOPHIE), kind="import.retention").exists()


def test_the_last_import_takes_the_forgotten_digests_with_it(world):
    """Sophie's only import goes: her forgotten-contact digests too. Jan keeps his fresh vCard,
    so his stay: these rows have no source (as those kept before sources were), so their import
    cannot be told (``test_forgotten_sources`` has the rows that know theirs)."""
    from weakties.minimisation.models import ForgottenContact

    for email in (JAN, SOPHIE):
        ForgottenContact.objects.create(
            employee=employee(email), digest=f"{email:x<64}"[:64], forgotten_at=world
        )
    retention_run(now=world + dt.timedelta(days=366))
    retention_run(now=world + dt.timedelta(days=366 + 31))
    assert not ImportBatch.objects.filter(owner=employee(SOPHIE)).exists()
    assert not ForgottenContact.objects.filter(employee=employee(SOPHIE)).exists()
    assert ForgottenContact.objects.filter(employee=employee(JAN)).count() == 1
