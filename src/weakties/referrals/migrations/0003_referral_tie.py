"""A referral points at the referrer's tie to the candidate (issue 13: calibration learns from it).

The data step links the referrals that came in before: where the candidate's
email address or LinkedIn profile (compared by digest) is an identifier of a
person the referrer has a tie with, the referral gets that tie, as
:func:`weakties.referrals.services.referrals.referral_tie` does for a new
referral.  A referral of someone the referrer has no tie with stays unlinked.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

BATCH = 500


def _link(apps: Any, schema_editor: Any) -> None:
    Referral = apps.get_model("referrals", "Referral")
    PersonIdentifier = apps.get_model("people", "PersonIdentifier")
    Tie = apps.get_model("people", "Tie")
    waiting = list(
        Referral.objects.filter(tie__isnull=True, referrer__isnull=False)
        .order_by("pk")
        .values_list("pk", "referrer_id", "email_digest", "linkedin_digest")
    )
    for start in range(0, len(waiting), BATCH):
        part = waiting[start : start + BATCH]
        keys = {("email", e) for _, _, e, _ in part} | {("linkedin", li) for *_, li in part if li}
        people: dict[tuple[str, str], int] = {}
        for kind in ("email", "linkedin"):
            wanted = [d for k, d in keys if k == kind]
            for person_id, key in PersonIdentifier.objects.filter(
                kind=kind, digest__in=wanted
            ).values_list("person_id", "digest"):
                people[(kind, key)] = person_id
        pairs: dict[int, tuple[int, set[int]]] = {}
        for pk, referrer_id, email_digest, linkedin_digest in part:
            own = [("email", email_digest)]
            if linkedin_digest:
                own.append(("linkedin", linkedin_digest))
            pairs[pk] = (referrer_id, {people[key] for key in own if key in people})
        ties: dict[tuple[int, int], int] = {}
        referrers = {r for r, _ in pairs.values()}
        persons = set().union(*(p for _, p in pairs.values()))
        for tie_id, employee_id, person_id in Tie.objects.filter(
            employee_id__in=referrers, person_id__in=persons
        ).values_list("pk", "employee_id", "person_id"):
            ties[(employee_id, person_id)] = tie_id
        for pk, (referrer_id, candidates) in pairs.items():
            linked = [ties[(referrer_id, p)] for p in candidates if (referrer_id, p) in ties]
            if linked:
                Referral.objects.filter(pk=pk).update(tie_id=min(linked))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_tierank_mutual_job_score"),
        ("referrals", "0002_suggestion_reasons_said_when_shown"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="tie",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="referrals",
                to="people.tie",
            ),
        ),
        migrations.RunPython(_link, migrations.RunPython.noop, elidable=True),
    ]
