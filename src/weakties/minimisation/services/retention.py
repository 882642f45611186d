"""Storage limitation (GDPR Art. 5(1)(e)): old imports are flagged to their owner, then removed.

An import (one :class:`~weakties.people.models.ImportBatch`) older than
``WEAKTIES_RETENTION_DAYS`` is flagged once: its owner gets a notice in the app
and an email, in their language, naming the day it goes.  ``WEAKTIES_RETENTION_GRACE_DAYS``
later it is removed: the batch, and the ties that only it supports (a tie that
a newer import also holds stays), and the people nobody else knows any more —
as a withdrawal of consent removes them.  Importing a fresh export in the grace
period keeps the contacts that are still in it.  The forgotten-contact digests
(compare and forget) that only the import held go too (:mod:`.forgotten_sources`);
with the owner's last import, all those that came from an import.

Everything takes ``now`` so the tests move the clock; the weekly run
(:mod:`weakties.minimisation.tasks`, ``weakties retention``) calls
:func:`retention_run`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from weakties.accounts.services.audit import audit
from weakties.minimisation.models import RetentionFlag
from weakties.minimisation.services.forgotten_sources import (
    forgotten_of_import_remove,
    forgotten_without_imports_remove,
)
from weakties.notifications.mail import notice_message
from weakties.notifications.models import Notice
from weakties.notifications.services.delivery import MAIL_ERRORS
from weakties.notifications.services.notify import notify
from weakties.people.models import ImportBatch, Person, Tie, TieProvenance
from weakties.people.signals import ties_removed

__all__ = [
    "Retention",
    "RetentionReport",
    "retention_rules",
    "retention_run",
    "import_remove",
    "people_forget_unknown",
]

log = logging.getLogger(__name__)

#: Ids per statement when people are looked up by id.
CHUNK = 500

#: Imports that hold someone's network (a directory import has no owner).
KEPT = (ImportBatch.Status.DONE,)


@dataclass(frozen=True)
class Retention:
    """The configured rule: flag at ``days`` old, remove ``grace_days`` after the flag."""

    days: int
    grace_days: int

    @property
    def active(self) -> bool:
        return self.days > 0


@dataclass
class RetentionReport:
    flagged: int = 0
    emailed: int = 0
    imports_removed: int = 0
    ties_removed: int = 0
    people_removed: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def retention_rules() -> Retention:
    return Retention(
        days=max(int(settings.WEAKTIES_RETENTION_DAYS), 0),
        grace_days=max(int(settings.WEAKTIES_RETENTION_GRACE_DAYS), 0),
    )


def retention_run(*, now: dt.datetime | None = None) -> RetentionReport:
    """Flag the imports that reached the age, remove the flagged ones whose grace is over."""
    now = now or timezone.now()
    rules = retention_rules()
    report = RetentionReport()
    if not rules.active:
        return report
    for flag in RetentionFlag.objects.filter(remove_after__lte=now).select_related("batch"):
        removed = import_remove(batch=flag.batch, reason="retention")
        report.imports_removed += 1
        report.ties_removed += removed["ties_removed"]
        report.people_removed += removed["people_removed"]
    # A failed or withdrawn import holds no ties any more, only its record (and a failed one
    # its error lines): it goes at the age, without a flag, since nothing of the network is lost.
    for batch in ImportBatch.objects.filter(
        status__in=(ImportBatch.Status.FAILED, ImportBatch.Status.WITHDRAWN),
        owner__isnull=False,
        created_at__lt=now - dt.timedelta(days=rules.days),
    ):
        import_remove(batch=batch, reason="retention")
        report.imports_removed += 1
    due = (
        ImportBatch.objects.filter(
            status__in=KEPT,
            owner__isnull=False,
            created_at__lt=now - dt.timedelta(days=rules.days),
            retention_flag__isnull=True,
        )
        .select_related("owner")
        .order_by("pk")
    )
    for batch in due:
        report.flagged += 1
        report.emailed += _flag(batch, now=now, rules=rules)
    return report


@transaction.atomic
def _flag(batch: ImportBatch, *, now: dt.datetime, rules: Retention) -> int:
    """Record the flag and tell the owner (notice and email); 1 when the email went."""
    remove_after = now + dt.timedelta(days=rules.grace_days)
    RetentionFlag.objects.create(batch=batch, flagged_at=now, remove_after=remove_after)
    owner = batch.owner
    assert owner is not None
    notice = notify(
        employee=owner,
        kind="import.retention",
        subject=format_lazy(
            gettext_lazy("Your import {file} will be removed on {day}"),
            file=batch.file_name,
            day=remove_after.date().isoformat(),
        ),
        body=format_lazy(
            gettext_lazy(
                "You imported {file} on {imported}. Imports are kept for {days} days. "
                "On {day} it will be removed, with the contacts that only this import holds. "
                "To keep your network current, import a fresh export before then: the "
                "contacts that are in it stay."
            ),
            file=batch.file_name,
            imported=batch.created_at.date().isoformat(),
            days=rules.days,
            day=remove_after.date().isoformat(),
        ),
        link="/import/",
    )
    audit(
        "retention.flagged",
        actor_label="system",
        organisation=batch.organisation_id,
        batch=batch.pk,
        owner=owner.pk,
        remove_after=remove_after.isoformat(),
    )
    return _email_now(notice)


def _email_now(notice: Notice) -> int:
    """Email the notice whatever the owner's digest wish: the removal of their data is due.

    Marked as emailed first, so the immediate task and the digest do not send it again;
    a mail error gives the mark back (the digest run then tries it).
    """
    employee = notice.employee
    if not (employee.active and employee.email):
        return 0
    stamp = timezone.now()
    Notice.objects.filter(pk=notice.pk).update(emailed_at=stamp)
    try:
        notice_message(notice).send()
    except MAIL_ERRORS as exc:
        Notice.objects.filter(pk=notice.pk).update(emailed_at=None)
        log.warning("retention notice %s not emailed: %s", notice.pk, exc)
        return 0
    return 1


def people_forget_unknown(person_ids: list[int]) -> int:
    """Delete those of ``person_ids`` whom no tie holds and who are no employee; how many.

    In chunks: an import holds tens of thousands of people, more than one
    statement may name on SQLite.
    """
    removed = 0
    for start in range(0, len(person_ids), CHUNK):
        orphans = (
            Person.objects.filter(id__in=person_ids[start : start + CHUNK], employee__isnull=True)
            .annotate(n=Count("ties"))
            .filter(n=0)
            .values_list("id", flat=True)
        )
        _, deleted = Person.objects.filter(id__in=list(orphans)).delete()
        removed += deleted.get("people.Person", 0)
    return removed


@transaction.atomic
def import_remove(*, batch: ImportBatch, reason: str) -> dict[str, int]:
    """Remove ``batch`` with the ties only it supports and the people nobody knows any more.

    A tie that another import of its owner also holds keeps its other
    provenance and stays; a tie without any provenance (added otherwise) is
    not this import's to remove.  The forgotten-contact digests go alike: those
    only this import held (:func:`.forgotten_sources.forgotten_of_import_remove`).
    """
    elsewhere = TieProvenance.objects.filter(tie=OuterRef("pk")).exclude(batch=batch)
    only_here = Tie.objects.filter(provenance__batch=batch).exclude(Exists(elsewhere)).distinct()
    person_ids = list(only_here.values_list("person_id", flat=True))
    _, deleted = only_here.delete()
    ties = deleted.get("people.Tie", 0)
    if ties and batch.owner_id is not None:
        ties_removed.send(sender=Tie, employee_ids=[batch.owner_id])
    people = people_forget_unknown(person_ids)
    forgotten = forgotten_of_import_remove(batch_id=batch.pk)
    batch_id, owner_id = batch.pk, batch.owner_id
    batch.delete()
    if owner_id is not None:
        forgotten += _forget_digests_without_import(owner_id)
    audit(
        "import.removed",
        actor_label="system",
        organisation=batch.organisation_id,
        batch=batch_id,
        owner=owner_id,
        reason=reason,
        ties=ties,
        people=people,
        forgotten=forgotten,
    )
    return {"ties_removed": ties, "people_removed": people, "forgotten_removed": forgotten}


def _forget_digests_without_import(owner_id: int) -> int:
    """The owner's forgotten-contact digests go with their last import; how many.

    They came from the owner's imports; with none left, nothing holds those
    contacts any more and the count they keep is of nothing.  Those that no
    import held stay (their ties were added otherwise).  While another import is
    left, a digest whose import cannot be told (forgotten before that was kept) stays.
    """
    if ImportBatch.objects.filter(owner_id=owner_id, status__in=KEPT).exists():
        return 0
    return forgotten_without_imports_remove(owner_id=owner_id)
