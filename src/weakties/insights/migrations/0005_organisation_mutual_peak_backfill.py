"""Each organisation's job-ranking peak from its last finished analysis (see accounts 0006)."""

from django.db import migrations


def backfill(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    AnalysisRun = apps.get_model("insights", "AnalysisRun")
    for organisation in Organisation.objects.filter(mutual_peak__isnull=True).only("pk"):
        run = (
            AnalysisRun.objects.filter(organisation=organisation, status="done")
            .order_by("-finished_at", "-id")
            .only("figures")
            .first()
        )
        peak = (run.figures or {}).get("mutual_peak") if run is not None else None
        if peak is not None:
            Organisation.objects.filter(pk=organisation.pk).update(mutual_peak=float(peak))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_organisation_mutual_peak"),
        ("insights", "0004_brokerage_z"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
