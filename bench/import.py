"""Benchmark: import + resolve real-format exports end to end.

Generates an organisation (default 1,000 employees, about 400k rows) in the
real export formats, then imports all of it through the real importers,
resolver and database, as ``weakties import`` does.  Prints:

* raw parse floor: the stdlib ``csv`` module reading the same files (rows/s);
* importer parse: :mod:`weakties.importers` alone (rows/s);
* end to end: directory + every file into a fresh SQLite (or ``DATABASE_URL``) (rows/s);
* how long the second process spent reading, parsing and resolving, and how
  long the importer waited for it (which of the two halves is the bottleneck);
* peak memory of the import process and of the second process (ru_maxrss).

Target (DESIGN.md): >= 20,000 rows/s end to end, peak < 2 GB.  Never asserted.

    python bench/import.py [--employees 1000] [--seed 7] [--keep DIR]

``--repeated N`` instead times one LinkedIn file of N copies of one contact
against one of N distinct contacts, each imported in process through
``NetworkImporter().import_file`` into a fresh database (issue 12: repeats
must cost what distinct rows cost).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def generate(employees: int, seed: int, out: Path) -> None:
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "weakties.synth",
            "--employees",
            str(employees),
            "--seed",
            str(seed),
            "--out",
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"generate      {time.perf_counter() - t:8.2f} s   ({employees:,} employees → {out})")


def raw_floor(files: list[Path]) -> tuple[int, float]:
    """Decode and split every file with the stdlib only: the floor for parsing."""
    rows = 0
    t = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
        if path.suffix == ".vcf":
            rows += text.count("BEGIN:VCARD")
            continue
        delimiter = ";" if text[:2000].count(";") > text[:2000].count(",") else ","
        for _ in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows += 1
    return rows, time.perf_counter() - t


_LINKEDIN_HEAD = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def _letters(n: int) -> str:
    """``n`` spelt in letters (names lose their digits when compared)."""
    out = ""
    while True:
        n, digit = divmod(n, 26)
        out += chr(ord("a") + digit)
        if not n:
            return out.capitalize()


def linkedin_rows(path: Path, rows: int, *, repeated: bool) -> None:
    """A LinkedIn ``Connections.csv`` of ``rows`` contacts: one repeated, or all distinct."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(_LINKEDIN_HEAD)
        for i in range(rows):
            n = 0 if repeated else i
            out.write(
                f"{_letters(n)},{_letters(n * 7919 % 1_000_003)},https://www.linkedin.com/in/p-{n},,"
                f'"Stripe, Inc.",Account Executive,07 Feb 2026\n'
            )


def repeated_case(rows: int, work: Path) -> None:
    """Rows/s importing ``rows`` copies of one contact vs ``rows`` distinct contacts."""
    os.environ["WEAKTIES_HOME"] = str(work / "home")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from weakties.accounts.models import Employee
    from weakties.accounts.services.organisations import organisation_create
    from weakties.people.services.directory import directory_import
    from weakties.people.services.network_import.importer import NetworkImporter

    call_command("migrate", interactive=False, verbosity=0)
    if Employee.objects.exists():
        sys.exit(f"{work} already holds an imported organisation; use a fresh --keep DIR")
    directory = work / "directory.csv"
    directory.write_text(
        "email,first_name,last_name,department,job_title,location,manager_email\n"
        "rep@bench.example,Rep,Eated,Sales,Seller,Utrecht,\n"
        "dis@bench.example,Dis,Tinct,Sales,Seller,Utrecht,\n",
        encoding="utf-8",
    )
    org = organisation_create(name="Bench BV", domain="bench.example")
    assert directory_import(path=directory, organisation=org).ok
    for label, owner, repeated in (
        ("distinct", "dis@bench.example", False),
        ("repeated", "rep@bench.example", True),
    ):
        path = work / f"{label}_Connections.csv"
        linkedin_rows(path, rows, repeated=repeated)
        employee = Employee.objects.get(email=owner)
        t = time.perf_counter()
        report = NetworkImporter().import_file(path=path, owner=employee)
        seconds = time.perf_counter() - t
        if not report.ok:
            sys.exit(f"{path}: {report.errors[:3]}")
        print(
            f"{label:<13} {seconds:8.2f} s   {report.contacts / seconds:12,.0f} rows/s   "
            f"({report.contacts:,} contacts, {report.ties_created:,} ties, {connection.vendor})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the generated files and database here")
    parser.add_argument(
        "--repeated",
        type=int,
        metavar="N",
        help="time N repeats of one contact against N distinct contacts (one LinkedIn file each)",
    )
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="weakties-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.repeated:
        repeated_case(args.repeated, work)
        return
    files_dir = work / "files"
    if not (files_dir / "manifest.json").exists():
        generate(args.employees, args.seed, files_dir)

    os.environ["WEAKTIES_HOME"] = str(work / "home")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from weakties.accounts.models import Employee
    from weakties.accounts.services.organisations import organisation_create
    from weakties.importers import parse_path
    from weakties.people.services.directory import directory_import
    from weakties.people.services.network_import.importer import NetworkImporter
    from weakties.synth import load_manifest

    manifest = load_manifest(files_dir)
    paths = [f.path for f in manifest.files]

    rows, seconds = raw_floor(paths)
    print(
        f"raw csv floor {seconds:8.2f} s   {rows / seconds:12,.0f} rows/s   ({rows:,} physical rows)"
    )

    t = time.perf_counter()
    contacts = 0
    for path in paths:
        contacts += len(parse_path(path).records)
    seconds = time.perf_counter() - t
    print(
        f"parse only    {seconds:8.2f} s   {contacts / seconds:12,.0f} rows/s   ({contacts:,} contacts)"
    )

    call_command("migrate", interactive=False, verbosity=0)
    if Employee.objects.exists():
        sys.exit(f"{work} already holds an imported organisation; use a fresh --keep DIR")
    org = organisation_create(name=manifest.name, domain=manifest.domain)
    t0 = time.perf_counter()
    cpu_before = sum(
        getattr(resource.getrusage(who), f)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for f in ("ru_utime", "ru_stime")
    )
    report = directory_import(path=manifest.directory, organisation=org)
    assert report.ok, report.errors
    owners = {e.email.lower(): e for e in Employee.objects.filter(organisation=org)}
    importer = NetworkImporter()
    total = 0
    people = 0
    jobs = [(export.path, owners[export.owner.lower()]) for export in manifest.files]
    for result in importer.import_files(jobs=jobs):
        if not result.ok:
            sys.exit(f"{result.file}: {result.errors[:3]}")
        total += result.contacts
        people += result.people_created
    seconds = time.perf_counter() - t0
    print(
        f"end to end    {seconds:8.2f} s   {total / seconds:12,.0f} rows/s   "
        f"({total:,} contacts, {people:,} people, {len(paths):,} files, {connection.vendor})"
    )
    cpu = (
        sum(
            getattr(resource.getrusage(who), f)
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            for f in ("ru_utime", "ru_stime")
        )
        - cpu_before
    )
    stats = importer.stats
    print(
        f"cpu time      {cpu:8.2f} s   (this process and the ones it started, on {os.cpu_count()} cores)"
    )
    print(
        f"  of which     {stats.planning:8.2f} s   reading, parsing and resolving in the second process; "
        f"the importer waited {stats.waiting:.2f} s for it"
    )
    print(
        f"peak memory   {_peak_mib():8.0f} MiB (ru_maxrss of this process; "
        f"largest child process (the second process or the generator): {_peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB)"
    )
    print("target: >= 20,000 rows/s end to end, peak < 2,048 MiB")


if __name__ == "__main__":
    main()
