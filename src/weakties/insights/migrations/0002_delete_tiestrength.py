"""Tie strength moved to ``people.TieRank`` (people/0004 copied it over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("people", "0004_tierank"),
    ]

    operations = [
        migrations.DeleteModel(
            name="TieStrength",
        ),
    ]
