"""Fill ``AuditEvent.organisation`` for the events written before it existed.

The rule is the writer's (``accounts.services.audit``): the acting employee's
organisation; else the organisation the details name (``detail.organisation``,
an id or a name); else the one organisation of the employee whose address is
the ``actor_label`` of an event without a login. Others stay empty (system
events). One UPDATE for the actors; the rest are read once and written by id,
in chunks.
"""

from django.db import migrations
from django.db.models import Count, Min, OuterRef, Subquery

CHUNK = 1000


def _write(events, by_organisation):
    for organisation_id, ids in by_organisation.items():
        for start in range(0, len(ids), CHUNK):
            events.filter(pk__in=ids[start : start + CHUNK]).update(organisation_id=organisation_id)


def _by_details(events, organisations):
    ids = {pk for pk, _name in organisations}
    names = {name: pk for pk, name in organisations}
    found = {}
    rows = events.filter(organisation__isnull=True, detail__has_key="organisation")
    for pk, detail in rows.values_list("pk", "detail").iterator(chunk_size=CHUNK):
        named = detail.get("organisation") if isinstance(detail, dict) else None
        if isinstance(named, int) and not isinstance(named, bool) and named in ids:
            found.setdefault(named, []).append(pk)
        elif isinstance(named, str) and named in names:
            found.setdefault(names[named], []).append(pk)
    return found


def _by_address(events, employees):
    single = dict(
        employees.order_by()  # no ordering columns in the GROUP BY
        .values("email")
        .annotate(n=Count("organisation", distinct=True), one=Min("organisation"))
        .filter(n=1)
        .values_list("email", "one")
    )
    found = {}
    rows = events.filter(organisation__isnull=True, actor__isnull=True, actor_label__contains="@")
    for pk, label in rows.values_list("pk", "actor_label").iterator(chunk_size=CHUNK):
        if label in single:
            found.setdefault(single[label], []).append(pk)
    return found


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    Employee = apps.get_model("accounts", "Employee")
    Organisation = apps.get_model("accounts", "Organisation")
    events = AuditEvent.objects.all()
    events.filter(organisation__isnull=True, actor__isnull=False).update(
        organisation_id=Subquery(
            Employee.objects.filter(user_id=OuterRef("actor_id")).values("organisation_id")[:1]
        )
    )
    organisations = list(Organisation.objects.values_list("pk", "name"))
    _write(events, _by_details(events, organisations))
    _write(events, _by_address(events, Employee.objects.all()))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_auditevent_organisation")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
