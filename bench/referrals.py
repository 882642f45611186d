"""Benchmark: referral candidates for 100 vacancies on an organisation at real size (issue 10).

Run it on an organisation that ``bench/analyze.py`` built and analysed::

    python bench/analyze.py --employees 3000 --keep /tmp/bench-3000
    python bench/referrals.py --data /tmp/bench-3000 [--vacancies 100] [--limit 50]

(``DATABASE_URL`` picks PostgreSQL for both, as for ``bench/analyze.py``.)  The
bench adds its vacancies to "Bench BV" once (titles of real jobs, the
organisation's own contacts' positions among them) and then times what the
recruiters' "look again" and ``weakties refer`` do for all of them at once:

* **load**: the distinct positions of the sharing ties' contacts and their
  term index (one pass over the people; :mod:`weakties.referrals.services.tie_table`);
* **match**: per vacancy, blocking by index terms and occupation family, then
  one matching engine over the blocked distinct positions × all vacancies;
* **read**: the heads of the best positions' ties, for all vacancies at once
  (best first for a job lead, down to a bar: :meth:`~weakties.referrals.services.tie_table.TieTable.read`);
* **rank**: per vacancy, the ties of its best positions by match × fit for a
  job lead (each position's head is read best first, so few are scored);
* **page**: the recruiters' list of one vacancy's 50 suggestions with their
  "why" (the engine's reasons for the positions shown), p50 of a few;
* **store**: the suggestions written (50 per vacancy);
* **total** of the three, against the target of issue 10: ≤ 10 s for 100 vacancies
  at 10,000 employees and about 3M ties;
* **mine**: "open vacancies that fit people I know" for the employee with the
  most ties (a page), p50 of a few runs.

``analyze.py`` gives its million contacts six positions only, so the blocking
and the matching see six distinct titles.  ``--titles N`` first rewrites the
contacts' positions (once, seeded) into about N distinct realistic titles:
the Dutch and English job titles of :mod:`weakties.synth.positions`, some
with "Senior", "bij <company>" or a second role, as LinkedIn shows them.
Then the term index, the blocking and the matcher work at real variety.

``--one`` times only what ``weakties refer --vacancy ID`` does for one
vacancy (positions, matching, its heads, ranking, storing), with its own peak
memory.  ``--dump FILE`` writes every vacancy's candidates (ids, order,
scores, why) as JSON, to compare two versions' results.

Prints the figures and peak memory (ru_maxrss); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

TITLES = (
    "Software engineer",
    "Senior software engineer",
    "Python developer",
    "Data scientist",
    "Adviseur",
    "Senior adviseur",
    "Beleidsadviseur",
    "Manager",
    "Operationeel manager",
    "Directeur",
    "Financieel directeur",
    "Medewerker klantenservice",
    "Medewerker",
    "Accountmanager",
    "Recruiter",
    "HR adviseur",
    "Projectleider",
    "Verpleegkundige",
    "Docent wiskunde",
    "Jurist",
    "Controller",
    "Marketing manager",
    "Logistiek planner",
    "Monteur",
    "Weginspecteur",
)
TARGET_S = 10.0


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vacancies(organisation, n: int) -> list:
    from weakties.referrals.models import Vacancy

    mine = list(
        Vacancy.objects.filter(organisation=organisation, description__startswith="[bench]")
        .select_related("organisation")
        .order_by("pk")[:n]
    )
    for k in range(len(mine), n):
        mine.append(
            Vacancy.objects.create(
                organisation=organisation,
                title=TITLES[k % len(TITLES)],
                description=f"[bench] vacature {k}",
                location=("Utrecht", "Amsterdam", "Gent", "")[k % 4],
            )
        )
    return mine


def _titles(distinct: int, seed: int = 11) -> list[str]:
    import random

    from weakties.synth.positions import DEPARTMENTS, GENERIC_POSITIONS, SECTOR_POSITIONS

    base = set(GENERIC_POSITIONS)
    for titles in SECTOR_POSITIONS.values():
        base.update(titles)
    for _weight, heads, lead, staff in DEPARTMENTS.values():
        base.update((*heads, lead, *staff))
    words = sorted(t for t in base if t)
    rng = random.Random(seed)
    out = set(words)
    while len(out) < distinct:
        title, r = rng.choice(words), rng.random()
        if r < 0.4:
            title = f"{title} bij Bedrijf {rng.randrange(distinct // 4)}"
        elif r < 0.7:
            title = f"Senior {title} {rng.randrange(100)}"
        else:
            title = f"{title} | {rng.choice(words)} {rng.randrange(100)}"
        out.add(title)
    return sorted(out)


def _diversify(distinct: int) -> None:
    """Give the people about ``distinct`` distinct positions (once: skipped when already so)."""
    from django.db import connection, transaction

    from weakties.people.models import Person

    have = Person.objects.exclude(position="").values("position").distinct().count()
    if have >= distinct // 2:
        return
    titles = _titles(distinct)
    ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE people_person SET position = %s WHERE id = %s",
            [(titles[(pk * 2654435761) % len(titles)], pk) for pk in ids],
        )
    print(f"positions rewritten into {len(titles):,} titles in {time.perf_counter() - t:.0f} s")


def _one(vacancy, repeat: int) -> None:
    """One vacancy as ``weakties refer --vacancy ID`` finds it: its ties read, ranked and stored."""
    from weakties.referrals.services.candidates import candidates_refresh

    for run in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = candidates_refresh(vacancies=[vacancy], actor_label="bench")
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"one vacancy {wall:7.2f} s   (CPU {cpu:.2f} s)  run {run + 1}: "
            f"{len(found[vacancy.pk])} suggestions for {vacancy.title!r}"
        )


def _dump(path: Path, vacancies: list, found: dict, *, limit: int) -> None:
    """Every vacancy's candidates as found and as shown (with the why), for comparing two runs."""
    import dataclasses
    import json

    from weakties.referrals.selectors import candidate_rows

    out = {}
    for v in vacancies:
        shown = candidate_rows(v, limit=limit)
        out[str(v.pk)] = {
            "title": v.title,
            "found": [dataclasses.asdict(f) for f in found.get(v.pk, [])],
            "shown": [
                {
                    "employee": r["employee"],
                    "contact": r["contact"]["id"],
                    "score": r["score"],
                    "match": r["match"],
                    "strength": r["strength"],
                    "tier": r["tier"],
                    "why": str(r["why"]),
                }
                for r in shown
            ],
        }
    path.write_text(json.dumps(out, indent=1, sort_keys=True))
    print(f"candidates of {len(out)} vacancies written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the --keep DIR of analyze.py")
    parser.add_argument("--vacancies", type=int, default=100)
    parser.add_argument("--limit", type=int, default=50, help="suggestions kept per vacancy")
    parser.add_argument("--repeat", type=int, default=1, help="time the whole run this often")
    parser.add_argument(
        "--titles", type=int, default=0, help="first rewrite positions into N distinct titles"
    )
    parser.add_argument(
        "--one",
        action="store_true",
        help="time only what `weakties refer --vacancy ID` does for one vacancy (peak memory too)",
    )
    parser.add_argument(
        "--dump",
        type=Path,
        help="write every vacancy's candidates (ids, order, scores, why) as JSON",
    )
    args = parser.parse_args()
    os.environ["WEAKTIES_HOME"] = str(args.data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from weakties.accounts.models import Organisation
    from weakties.people.models import TieRank
    from weakties.referrals.selectors import fitting_vacancies
    from weakties.referrals.services import candidates as service
    from weakties.referrals.services.tie_table import tie_table_load

    call_command("migrate", interactive=False, verbosity=0)
    organisation = Organisation.objects.get(name="Bench BV")
    if args.titles:
        _diversify(args.titles)
    vacancies = _vacancies(organisation, args.vacancies)
    ties = TieRank.objects.filter(organisation=organisation).count()
    database = os.environ.get("DATABASE_URL", "sqlite")[:10]
    print(f"Bench BV: {ties:,} sharing ties, {len(vacancies)} vacancies ({database})")
    if args.one:
        _one(vacancies[0], args.repeat)
        print(f"peak memory   {_peak_mib():7.0f} MiB (ru_maxrss)")
        return
    for run in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        table = tie_table_load(organisation=organisation)
        load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
        steps: dict[str, float] = {}
        found = service.candidates_find_many(table, vacancies, limit=args.limit, timings=steps)
        t = time.perf_counter()
        service.candidates_store(found, vacancies=vacancies)
        store = time.perf_counter() - t
        total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"run {run + 1}")
        print(
            f"  load        {load:7.2f} s   (CPU {load_cpu:.2f} s)  "
            f"{len(table.positions):,} distinct positions of {table.contacts:,} contacts"
        )
        print(f"  match       {steps['match']:7.2f} s   blocked positions x vacancies, one matcher")
        print(
            f"  read        {steps['read']:7.2f} s   {len(table):,} ties: the heads of the "
            f"{int((table.lo >= 0).sum()):,} best-matching positions"
        )
        print(f"  rank        {steps['rank']:7.2f} s   ties of the best positions, per vacancy")
        print(f"  store       {store:7.2f} s   {sum(len(r) for r in found.values()):,} suggestions")
        print(
            f"  total       {total:7.2f} s   (CPU {total_cpu:.2f} s of this process; the "
            f"database's own work is in the wall time)  target ≤ {TARGET_S:.0f} s for 100 vacancies"
        )
    from weakties.referrals.selectors import candidate_rows

    if args.dump:
        _dump(args.dump, vacancies, found, limit=args.limit)
    times = []
    for vacancy in vacancies[:5]:
        t = time.perf_counter()
        candidate_rows(vacancy, limit=50)
        times.append(time.perf_counter() - t)
    print(
        f"page          {statistics.median(times) * 1000:7.1f} ms   p50 of 5: 50 suggestions, why"
    )
    busiest = (
        TieRank.objects.filter(organisation=organisation)
        .values("employee")
        .annotate(n=Count("tie"))
        .order_by("-n")
        .first()
    )
    if busiest is not None:
        from weakties.accounts.models import Employee

        employee = Employee.objects.get(pk=busiest["employee"])
        times = []
        for _ in range(3):
            t = time.perf_counter()
            fitting_vacancies(employee=employee)
            times.append(time.perf_counter() - t)
        print(
            f"mine          {statistics.median(times) * 1000:7.1f} ms   p50 of 3; "
            f"{busiest['n']:,} ties of the busiest employee, {len(vacancies)} open vacancies"
        )
    print(f"peak memory   {_peak_mib():7.0f} MiB (ru_maxrss)")


if __name__ == "__main__":
    sys.exit(main())
