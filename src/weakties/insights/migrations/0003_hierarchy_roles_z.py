"""Burt's hierarchy and the brokerage z-scores per employee (issue 13)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_delete_tiestrength"),
    ]

    operations = [
        migrations.AddField(
            model_name="employeeinsight",
            name="hierarchy",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="employeeinsight",
            name="roles_z",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
