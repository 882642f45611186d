"""TieRank: the sharing employees' ties, indexed for the hot searches (issue 9).

It takes over from ``insights.TieStrength``: the strengths of the last
analysis are copied over, and every other tie of an active, consenting
employee gets a row without strength (searches use a provisional one until
the next ``weakties analyze``).
"""

import django.db.models.deletion
from django.db import migrations, models

COPY = """
INSERT INTO people_tierank
    (tie_id, organisation_id, company_id, person_id, employee_id, strength, tier, colleague)
SELECT t.id, e.organisation_id, p.company_id, t.person_id, t.employee_id, s.strength,
    COALESCE(s.tier, ''),
    EXISTS (SELECT 1 FROM accounts_employee ce
            WHERE ce.person_id = t.person_id AND ce.organisation_id = e.organisation_id)
FROM people_tie t
JOIN people_person p ON p.id = t.person_id
JOIN accounts_employee e ON e.id = t.employee_id
LEFT JOIN insights_tiestrength s ON s.tie_id = t.id
WHERE e.active AND EXISTS (
    SELECT 1 FROM accounts_consent c WHERE c.employee_id = e.id AND c.withdrawn_at IS NULL
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("people", "0003_interaction_seen"),
        ("insights", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="TieRank",
            fields=[
                (
                    "tie",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="measured",
                        serialize=False,
                        to="people.tie",
                    ),
                ),
                ("strength", models.FloatField(blank=True, null=True)),
                ("tier", models.CharField(blank=True, max_length=10)),
                ("colleague", models.BooleanField(default=False)),
                (
                    "company",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="people.company",
                    ),
                ),
                (
                    "employee",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.employee",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.person",
                    ),
                ),
            ],
            options={
                "verbose_name": "tie strength",
                "verbose_name_plural": "tie strengths",
                "indexes": [
                    models.Index(
                        condition=models.Q(("colleague", True)),
                        fields=["company", "organisation"],
                        name="tierank_colleagues",
                    ),
                    models.Index(
                        fields=["company", "organisation", "strength", "tie"],
                        name="tierank_company",
                    ),
                    models.Index(
                        fields=["person", "organisation", "strength", "tie"], name="tierank_person"
                    ),
                    models.Index(fields=["employee", "strength", "tie"], name="tierank_employee"),
                ],
            },
        ),
        migrations.RunSQL(COPY, migrations.RunSQL.noop),
    ]
