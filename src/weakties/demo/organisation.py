"""Build the demo: the 100-employee firm of seed 000, imported through the real importers.

A generated organisation (:mod:`weakties.synth`) is written to files in the
real export formats, then imported exactly as a user would: the HR
directory first, then every employee's exports.  Three logins are made: the
admin (who also coordinates and represents in the demo's employer network),
an account manager (sales) and a plain employee who shares their network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from weakties.accounts.models import Consent, Employee, Organisation, Role
from weakties.accounts.services.organisations import organisation_create
from weakties.core.progress import ProgressCallback
from weakties.demo.federation import build_demo_network
from weakties.people.services.directory import directory_import
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.synth import SynthOrganisation, generate_organisation, write_exports

__all__ = ["DemoLogin", "build_demo", "DEMO_PASSWORD"]

DEMO_PASSWORD = "weakties-demo"


@dataclass
class DemoLogin:
    username: str
    password: str
    role: str
    name: str


def build_demo(
    *, employees: int = 100, seed: int = 1, progress: ProgressCallback | None = None
) -> tuple[Organisation, list[DemoLogin]]:
    """Create (or reuse) the demo organisation and its logins."""
    synth = generate_organisation(employees=employees, seed=seed)
    existing = Organisation.objects.filter(name=synth.name).first()
    if existing is None:
        out = Path(settings.HOME) / "demo-files"
        manifest = write_exports(synth, out, seed=seed)
        organisation = organisation_create(name=synth.name, domain=synth.domain)
        report = directory_import(path=manifest.directory, organisation=organisation)
        if not report.ok:
            raise RuntimeError(f"demo directory did not import: {report.errors[:3]}")
        owners = {e.email.lower(): e for e in Employee.objects.filter(organisation=organisation)}
        importer = NetworkImporter()
        total = len(manifest.files)
        jobs = [(export.path, owners[export.owner.lower()]) for export in manifest.files]
        for i, result in enumerate(importer.import_files(jobs=jobs)):
            if progress:
                progress("import", i, total)
            if not result.ok:
                raise RuntimeError(f"demo file {result.file} did not import: {result.errors[:3]}")
        if progress:
            progress("import", total, total)
        _what_owners_know(organisation, seed=seed)
    else:
        organisation = existing
    logins = _logins(organisation, synth)
    build_demo_network(organisation)  # the employer network of issue 4
    return organisation, logins


#: Share of the demo's address-book ties (several sources) with mail and calendar counts,
#: and with an owner's rating; and the same for ties seen on LinkedIn only.
_KNOWN_WELL = (0.6, 0.5)
_KNOWN_LITTLE = (0.1, 0.15)


def _what_owners_know(organisation: Organisation, *, seed: int) -> None:
    """Give the demo's ties what real owners add after importing their contacts.

    A LinkedIn export alone tells how old a tie is, where it shows up and
    whom both know: too little evidence for a tier (issue 13), so a demo of
    LinkedIn files alone would show every tie as "strength unknown".  Real
    owners also import mail and calendar metadata and rate the contacts they
    know; the demo does the same, seeded: contacts in someone's address book
    as well as on LinkedIn are mailed often and lately and mostly known well,
    contacts on LinkedIn only rarely and long ago.
    """
    import datetime as dt

    import numpy as np
    from django.db import connection, transaction
    from django.utils import timezone

    from weakties.people.models import Tie

    rng = np.random.default_rng(seed)
    today = timezone.localdate()
    rows = list(
        Tie.objects.filter(employee__organisation=organisation).values_list("id", "sources")
    )
    updates = []
    for tie_id, sources in rows:
        several = len(sources or ()) > 1
        mailed, rated = _KNOWN_WELL if several else _KNOWN_LITTLE
        count, last, rating = 0, None, ""
        if rng.random() < mailed:
            count = int(rng.integers(4, 60) if several else rng.integers(1, 4))
            days = int(rng.integers(0, 120) if several else rng.integers(200, 900))
            last = today - dt.timedelta(days=days)
        if rng.random() < rated:
            choices = ("well", "somewhat") if several else ("somewhat", "barely")
            rating = choices[int(rng.random() < (0.35 if several else 0.7))]
        if count or rating:
            updates.append((rating, count, last, tie_id))
    table = connection.ops.quote_name(Tie._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET rating = %s, interactions = %s, last_interaction = %s"
            " WHERE id = %s",
            updates,
        )


def _logins(organisation: Organisation, synth: SynthOrganisation) -> list[DemoLogin]:
    staff = list(Employee.objects.filter(organisation=organisation).order_by("id"))
    by_email = {e.email.lower(): e for e in staff}
    admin = next(
        (by_email[e.email.lower()] for e in synth.employees if e.role == "admin"), staff[0]
    )
    member = next(
        (by_email[e.email.lower()] for e in synth.employees if e.role == "account_manager"),
        staff[-1],
    )
    # A plain employee who shares a network: what most people see (issue 11 tried the demo as
    # admin, account manager and employee). The first in the directory, for a stable demo.
    sharing = set(
        Consent.objects.filter(
            employee__organisation=organisation, withdrawn_at__isnull=True
        ).values_list("employee_id", flat=True)
    )
    plain = next(
        (
            by_email[e.email.lower()]
            for e in synth.employees
            if e.role == "employee"
            and by_email[e.email.lower()].pk in sharing
            and by_email[e.email.lower()] not in (admin, member)
        ),
        None,
    )
    chosen = [(admin, Role.ADMIN), (member, Role.SALES)]
    if plain is not None:
        chosen.append((plain, Role.EMPLOYEE))
    logins = []
    for employee, role in chosen:
        User = get_user_model()
        user = (
            employee.user
            or User.objects.filter(username=employee.email).first()
            or User(username=employee.email)
        )
        user.email = employee.email
        user.set_password(DEMO_PASSWORD)
        user.save()
        employee.user, employee.role = user, role
        employee.save(update_fields=["user", "role"])
        # A TextChoices member is a str (mypy sees a tuple: Django has no stubs here).
        logins.append(DemoLogin(user.username, DEMO_PASSWORD, role, employee.full_name))  # type: ignore[arg-type]
    return logins
