"""Benchmark: ``weakties analyze`` end to end on a generated organisation in the database.

Writes a synthetic organisation straight into a fresh database (default
10,000 employees, about 3M ties to about 1M people at 40,000 companies;
heavy-tailed degrees, departments, managers, connection dates, sources),
then times what ``weakties analyze`` does:

* load: the snapshot read from the database (``services.snapshots``);
* every analytic step (``network.analysis.analyze``);
* store: tie strength onto every tie, one insight row per employee.

Prints seconds per step, the total, and peak memory (ru_maxrss).
Target (DESIGN.md): ≤ 60 s and < 4 GB for 10,000 employees / ~3M ties.
Never asserted.

    python bench/analyze.py [--employees 10000] [--ties-per-employee 300] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def populate(employees: int, per_employee: int, seed: int) -> int:
    from django.db import connection, transaction

    from weakties.accounts.models import Consent, Employee, Organisation
    from weakties.core.bulk import insert_rows, reserve_ids
    from weakties.people.models import Company
    from weakties.people.services.network_import.importer import PERSON_COLUMNS
    from weakties.people.services.tie_ranks import tie_ranks_rebuild
    from weakties.synth.companies import SECTORS

    rng = np.random.default_rng(seed)
    n_people = employees * per_employee // 3
    n_companies = max(n_people // 25, 10)
    org = Organisation.objects.create(name="Bench BV", domain="bench.nl")
    sectors = list(SECTORS)
    regions = [
        "Amsterdam",
        "Utrecht",
        "Rotterdam",
        "Den Haag",
        "Eindhoven",
        "Gent",
        "Antwerpen",
        "",
    ]
    departments = [f"Afdeling {i}" for i in range(max(employees // 100, 1))]  # ~100 people each
    titles = [
        "Adviseur",
        "Senior adviseur",
        "Manager",
        "Directeur",
        "Medewerker",
        "Software engineer",
    ]
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic():
        Company.objects.bulk_create(
            [
                Company(
                    name=f"Bedrijf {i}",
                    key=f"bedrijf {i}",
                    sector=sectors[i % len(sectors)],
                    region=regions[i % len(regions)],
                )
                for i in range(n_companies)
            ],
            batch_size=5000,
        )
        company_ids = np.array(Company.objects.order_by("id").values_list("id", flat=True))
        # Zipf-ish company sizes
        weights = 1.0 / np.arange(1, n_companies + 1) ** 0.8
        person_company = rng.choice(
            company_ids, size=n_people + employees, p=weights / weights.sum()
        )
        ids = reserve_ids("people_person", n_people + employees)
        insert_rows(
            "people_person",
            PERSON_COLUMNS,
            [
                (
                    pid,
                    "Voornaam",
                    f"Achternaam{k}",
                    f"voornaam achternaam{k}",  # parse_name's parts of the two fields
                    "voornaam",
                    f"achternaam{k}",
                    f"voornaamachternaam{k}",
                    int(person_company[k]),
                    titles[k % len(titles)],
                    now,
                )
                for k, pid in enumerate(ids)
            ],
        )
        staff = Employee.objects.bulk_create(
            [
                Employee(
                    organisation=org,
                    person_id=ids[n_people + k],
                    email=f"e{k}@bench.nl",
                    first_name="E",
                    last_name=str(k),
                    department=departments[k % len(departments)],
                    job_title=titles[k % len(titles)],
                    location=regions[k % len(regions)],
                )
                for k in range(employees)
            ],
            batch_size=5000,
        )
        emp_ids = np.array([e.id for e in staff])
        for k, e in enumerate(staff):
            if k % 25:
                e.manager_id = int(emp_ids[(k // 25) * 25])
        Employee.objects.bulk_update(staff, ["manager"], batch_size=5000)
        Consent.objects.bulk_create([Consent(employee_id=int(e), via="cli") for e in emp_ids])
        # heavy-tailed degrees around the mean; contacts drawn with preferential popularity
        degree = np.minimum(
            rng.lognormal(np.log(per_employee) - 0.5, 1.0, employees).astype(int) + 1, n_people
        )
        popularity = rng.pareto(1.5, n_people) + 1
        popularity /= popularity.sum()
        today = np.datetime64(dt.date.today(), "D")
        sources = ['["linkedin"]', '["linkedin", "google"]', '["outlook"]', '["linkedin", "vcard"]']
        total = 0
        for k, e in enumerate(emp_ids):
            people = np.unique(rng.choice(n_people, size=int(degree[k]), p=popularity))
            if k % 50 == 0 and k + 1 < employees:  # some colleagues in each other's imports
                people = np.append(people, n_people + k + 1)
            days = rng.integers(0, 15 * 365, people.size)
            tie_ids = reserve_ids("people_tie", people.size)
            insert_rows(
                "people_tie",
                (
                    "id",
                    "employee_id",
                    "person_id",
                    "sources",
                    "connected_on",
                    "email",
                    "phone",
                    "profile_url",
                    "created_at",
                    "updated_at",
                ),
                [
                    (
                        tid,
                        int(e),
                        int(ids[p]),
                        sources[(tid + p) % 4],
                        str(today - np.timedelta64(int(d), "D")),
                        "",
                        "",
                        "",
                        now,
                        now,
                    )
                    for tid, p, d in zip(tie_ids, people.tolist(), days.tolist(), strict=True)
                ],
            )
            total += people.size
        tie_ranks_rebuild()  # the searches' index of sharing ties, as an import keeps it
    connection.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--ties-per-employee", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="weakties-bench-analyze-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["WEAKTIES_HOME"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from weakties.accounts.models import Organisation
    from weakties.insights.services.analytics import analytics_refresh

    call_command("migrate", interactive=False, verbosity=0)
    t = time.perf_counter()
    if not Organisation.objects.filter(name="Bench BV").exists():
        ties = populate(args.employees, args.ties_per_employee, args.seed)
        print(
            f"populate      {time.perf_counter() - t:8.1f} s   {ties:,} ties, {args.employees:,} employees"
        )
    org = Organisation.objects.get(name="Bench BV")
    base = _peak_mib()
    t = time.perf_counter()
    steps: list[tuple[str, float]] = []
    last = [t]

    def progress(step: str, done: int, total: int) -> None:
        now = time.perf_counter()
        steps.append((step, now - last[0]))
        last[0] = now

    run = analytics_refresh(organisation=org, progress=progress)
    total = time.perf_counter() - t
    for step, seconds in run.figures["seconds"].items():
        if step != "total":
            print(f"  {step:<18}{seconds:8.2f} s")
    f = run.figures
    print(
        f"analyze       {total:8.1f} s   {f['ties']:,} ties, {f['people_reached']:,} people, "
        f"{f['employees']:,} employees ({os.environ.get('DATABASE_URL', 'sqlite')[:10]})"
    )
    print(f"peak memory   {_peak_mib():8.0f} MiB (ru_maxrss; {base:,.0f} MiB before analyze)")
    print("target: <= 60 s, peak < 4,096 MiB for 10,000 employees / ~3M ties")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
