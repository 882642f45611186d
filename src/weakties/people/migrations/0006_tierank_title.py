"""Job titles and ``TieRank.title``: the role search reads an index instead of scanning (issue 9)."""

import django.db.models.deletion
from django.db import migrations, models

#: A person's title key, as :mod:`weakties.people.services.tie_ranks` writes it.
KEY = "NULLIF(lower(trim(p.position)), '')"

INSERT_TITLES = f"""
INSERT INTO people_title (key)
SELECT DISTINCT {KEY} FROM people_person p
WHERE {KEY} IS NOT NULL AND p.id IN (SELECT person_id FROM people_tierank)
ON CONFLICT DO NOTHING
"""

SET_TITLES = f"""
UPDATE people_tierank SET title_id = (
    SELECT tt.id FROM people_person p JOIN people_title tt ON tt.key = {KEY}
    WHERE p.id = people_tierank.person_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_employee_language"),
        ("people", "0005_tie_intros_accepted_tie_intros_declined"),
    ]

    operations = [
        migrations.CreateModel(
            name="Title",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=300, unique=True)),
            ],
            options={
                "verbose_name": "job title",
                "verbose_name_plural": "job titles",
            },
        ),
        migrations.AddField(
            model_name="tierank",
            name="title",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="people.title",
            ),
        ),
        # The rows there are get their titles before the index exists (one write per row).
        migrations.RunSQL(INSERT_TITLES, migrations.RunSQL.noop),
        migrations.RunSQL(SET_TITLES, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="tierank",
            index=models.Index(
                fields=["title", "organisation", "strength", "tie"], name="tierank_title"
            ),
        ),
    ]
