"""Indexes for the two orders read a few rows at a time: the brokers and the key people.

``insight_brokers_first`` follows ``BROKERS_FIRST`` (``/api/brokers?limit=N`` and the brokers
page read the best N instead of sorting every employee of a run).  PostgreSQL's copy has the
order's NULLS LAST; SQLite's CREATE INDEX takes none, but SQLite's DESC puts NULLs last
already, so the first key serves the order there and the rest is sorted per equal score.
"""

from django.db import migrations, models

_BROKERS = {
    "postgresql": '("run_id", "brokerage_z" DESC NULLS LAST, "constraint" ASC NULLS LAST,'
    ' "betweenness" DESC, "employee_id")',
    "sqlite": '("run_id", "brokerage_z" DESC, "constraint", "betweenness" DESC, "employee_id")',
}


def _create(apps, schema_editor):
    columns = _BROKERS.get(schema_editor.connection.vendor)
    if columns:
        schema_editor.execute(
            f'CREATE INDEX "insight_brokers_first" ON "insights_employeeinsight" {columns}'
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor in _BROKERS:
        schema_editor.execute('DROP INDEX IF EXISTS "insight_brokers_first"')


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0005_organisation_mutual_peak_backfill"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="employeeinsight",
            index=models.Index(
                fields=["run", "-unique_reach", "employee"], name="insight_key_people"
            ),
        ),
        migrations.RunPython(_create, _drop),
    ]
