"""Benchmark of erasure (issue 12 §1): how long erasing takes on a long audit log.

    python bench/privacy.py [--ties 20000] [--audit 500000] [--home /tmp/weakties-bench-privacy]

Builds, in a fresh ``WEAKTIES_HOME`` (SQLite; ``DATABASE_URL`` picks PostgreSQL), one
organisation with an employee who knows ``--ties`` people (each with an email digest and
a ranked tie), an external person known by 50 colleagues, and an audit log of ``--audit``
entries of which a few name them.  Then it times

* ``employee_erase`` (ties, the contacts only they knew, the audit entries anonymised);
* ``subject_erase`` of the external person by email address;
* ``employee_export`` of a colleague ("my data", as JSON).

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def _setup(home: str) -> None:
    os.environ["WEAKTIES_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _build(ties: int, audit: int):
    from django.utils import timezone

    from weakties.accounts.models import AuditEvent, Employee
    from weakties.accounts.services.organisations import organisation_create
    from weakties.people.models import Person, PersonIdentifier, Tie, TieRank
    from weakties.people.services.identity import digest

    org = organisation_create(name="Bench BV", domain="bench.nl")

    def staff(i: int) -> Employee:
        p = Person.objects.create(first_name=f"Staff{i}", last_name="Bench")
        return Employee.objects.create(organisation=org, person=p, email=f"staff{i}@bench.nl")

    leaver = staff(0)
    colleagues = [staff(i) for i in range(1, 51)]
    people = Person.objects.bulk_create(
        [
            Person(first_name=f"Contact{i}", last_name="Extern").fill_name_parts()
            for i in range(ties)
        ],
        batch_size=5000,
    )
    PersonIdentifier.objects.bulk_create(
        [PersonIdentifier(person=p, kind="email", digest=digest(f"c{p.pk}@x.nl")) for p in people],
        batch_size=5000,
    )
    made = Tie.objects.bulk_create(
        [
            Tie(employee=leaver, person=p, sources=["linkedin"], email=f"c{p.pk}@x.nl")
            for p in people
        ],
        batch_size=5000,
    )
    TieRank.objects.bulk_create(
        [TieRank(tie=t, organisation=org, person_id=t.person_id, employee=leaver) for t in made],
        batch_size=5000,
    )
    known = Person.objects.create(first_name="Known", last_name="Widely")
    PersonIdentifier.objects.create(person=known, kind="email", digest=digest("known@x.nl"))
    Tie.objects.bulk_create(
        [Tie(employee=c, person=known, sources=["google"], email="known@x.nl") for c in colleagues]
    )
    now = timezone.now()
    rows = []
    for i in range(audit):
        if i % 50_000 == 0:
            detail = {"employee": leaver.pk, "company": "X"}
        elif i % 50_000 == 1:
            detail = {"person": known.pk}
        else:
            detail = {"company": f"Company {i % 997}", "limit": 20}
        rows.append(AuditEvent(at=now, actor_label="cli", action="who_knows", detail=detail))
        if len(rows) == 10_000:
            AuditEvent.objects.bulk_create(rows)
            rows = []
    AuditEvent.objects.bulk_create(rows)
    return leaver, colleagues[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ties", type=int, default=20_000)
    parser.add_argument("--audit", type=int, default=500_000)
    parser.add_argument("--home", default="")
    args = parser.parse_args()
    _setup(args.home or tempfile.mkdtemp(prefix="weakties-bench-privacy-"))

    from weakties.privacy.services.erasure import employee_erase, subject_erase
    from weakties.privacy.services.exports import employee_export
    from weakties.privacy.services.subjects import subject_of

    started = time.perf_counter()
    leaver, colleague = _build(args.ties, args.audit)
    print(f"built: {args.ties:,} ties, {args.audit:,} audit entries in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip

    t = time.perf_counter()
    result = employee_erase(employee=leaver, actor_label="bench")
    print(f"employee_erase: {time.perf_counter() - t:.2f} s "
          f"(ties {result['removed']['ties']:,}, contacts only they knew "
          f"{result['removed']['contacts_only_they_knew']:,}, audit entries anonymised "
          f"{result['removed']['audit_entries_anonymised']})")  # fmt: skip
    t = time.perf_counter()
    result = subject_erase(subject=subject_of("known@x.nl"), actor_label="bench")
    print(f"subject_erase: {time.perf_counter() - t:.2f} s (ties {result['ties_removed']}, "
          f"audit entries anonymised {result['removed']['audit_entries_anonymised']})")  # fmt: skip
    t = time.perf_counter()
    data = employee_export(employee=colleague, actor_label="bench")
    print(f"employee_export: {time.perf_counter() - t:.2f} s ({len(data['audit'])} audit rows)")


if __name__ == "__main__":
    main()
