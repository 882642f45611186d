"""Benchmark of the admin's audit log ``/audit/`` (issue 12): milliseconds per page.

    python bench/audit.py [--events 500000] [--repeat 3] [--home DIR]

Builds, in a fresh ``WEAKTIES_HOME`` (SQLite; ``DATABASE_URL`` picks PostgreSQL), two
organisations of 50 employees with logins, and an audit log of ``--events`` entries,
half of each: searches by their logins, commands acting as them by address, and events
about the organisation (``detail.organisation``), spread over a year. Then it renders
``/audit/`` as the first organisation's admin (``django.test.Client``, in-process: the
view, the filter form, the paginator's count, the page's query and the template) for
the first, a middle and the last page, filtered by action, and by actor, and prints
the median milliseconds of ``--repeat`` renders of each,

* **before**: the organisation found as before ``AuditEvent.organisation`` existed: its
  logins, its addresses and its name or id in the details (joins and JSON over the whole
  log; reproduced here as :func:`legacy_scope`);
* **after**: the organisation column, one range of the ``(organisation, -at, -id)`` index.

Both read the same rows; the bench checks that each page has the same events.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

EMPLOYEES = 50
ACTIONS = ("intro", "who_knows", "expertise_search", "intro.requested", "plan.set")


def _setup(home: str) -> None:
    os.environ["WEAKTIES_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def legacy_scope(organisation):
    """The organisation's events as ``auditlog.selectors`` found them before the column."""
    from django.db.models import Q

    from weakties.accounts.models import Employee

    users = Employee.objects.filter(organisation=organisation, user__isnull=False).values("user_id")
    emails = Employee.objects.filter(organisation=organisation).values("email")
    return (
        Q(actor_id__in=users)
        | Q(actor__isnull=True, actor_label__in=emails)
        | Q(detail__organisation=organisation.pk)
        | Q(detail__organisation=organisation.name)
    )


def _organisation(name: str, domain: str):
    from django.contrib.auth import get_user_model

    from weakties.accounts.models import Employee, Role
    from weakties.accounts.services.organisations import organisation_create
    from weakties.people.models import Person

    org = organisation_create(name=name, domain=domain)
    staff = []
    for i in range(EMPLOYEES):
        email = f"staff{i}@{domain}"
        person = Person.objects.create(first_name=f"Staff{i}", last_name=name.split()[0])
        user = get_user_model().objects.create_user(username=email, email=email)
        role = Role.ADMIN if i == 0 else Role.EMPLOYEE
        staff.append(
            Employee.objects.create(
                organisation=org, person=person, email=email, user=user, role=role
            )
        )
    return org, staff


def _build(events: int):
    from django.utils import timezone

    from weakties.accounts.models import AuditEvent

    orgs = [_organisation("Alpha BV", "alpha.example"), _organisation("Beta NV", "beta.example")]
    now = timezone.now()
    rows = []
    for i in range(events):
        org, staff = orgs[i % 2]
        who = staff[(i // 2) % EMPLOYEES]
        action = ACTIONS[(i // 2) % len(ACTIONS)]
        at = now - dt.timedelta(seconds=(events - i) * 60)  # a year for 500,000 events
        detail = {"company": f"Company {i % 997}", "organisation": org.name}
        if i % 10 == 3:  # a command acting as the employee, by address
            rows.append(
                AuditEvent(
                    at=at,
                    actor_label=who.email,
                    action=action,
                    detail=detail,
                    organisation=org,
                )
            )
        elif i % 10 == 7:  # about the organisation, by no one of it
            rows.append(
                AuditEvent(
                    at=at,
                    actor_label="system",
                    action="retention.flagged",
                    detail={"organisation": org.pk, "batch": i},
                    organisation=org,
                )
            )
        else:
            rows.append(
                AuditEvent(
                    at=at,
                    actor=who.user,
                    actor_label=who.email,
                    action=action,
                    detail=detail,
                    organisation=org,
                )
            )
        if len(rows) == 10_000:
            AuditEvent.objects.bulk_create(rows)
            rows = []
    AuditEvent.objects.bulk_create(rows)
    return orgs[0]


def _time(client, url: str, repeat: int) -> tuple[float, bytes]:
    times = []
    body = b""
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content
    return statistics.median(times), body


def _rows(body: bytes) -> bytes:
    """The page's table (the events), to compare before and after."""
    start, end = body.find(b"<tbody"), body.find(b"</tbody>")
    return body[start:end]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--home", default="")
    args = parser.parse_args()
    _setup(args.home or tempfile.mkdtemp(prefix="weakties-bench-audit-"))

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from weakties.accounts.models import AuditEvent
    from weakties.auditlog import selectors
    from weakties.auditlog.views import PAGE_SIZE

    setup_test_environment()  # the test client's ALLOWED_HOSTS
    started = time.perf_counter()
    alpha, staff = _build(args.events)
    print(
        f"built: {args.events:,} audit events of two organisations in "
        f"{time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    if connection.vendor == "postgresql":  # as autovacuum would after a load of this size
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE accounts_auditevent")
    client = Client()
    client.force_login(staff[0].user)
    own = AuditEvent.objects.filter(organisation=alpha).count()
    last = (own + PAGE_SIZE - 1) // PAGE_SIZE
    cases = {
        "page 1": "/audit/",
        f"page {last // 2}": f"/audit/?page={last // 2}",
        f"page {last} (last)": f"/audit/?page={last}",
        "action who_knows, page 1": "/audit/?action=who_knows",
        "one actor, page 1": f"/audit/?actor={staff[5].user_id}",
    }
    column = selectors._scope
    figures: dict[str, dict[str, float]] = {}
    pages: dict[str, dict[str, bytes]] = {}
    for label, scope in (("before", legacy_scope), ("after", column)):
        selectors._scope = scope
        try:
            for case, url in cases.items():
                ms, body = _time(client, url, args.repeat)
                figures.setdefault(case, {})[label] = ms
                pages.setdefault(case, {})[label] = _rows(body)
        finally:
            selectors._scope = column
    print(f"/audit/ as Alpha's admin ({own:,} of its events), median ms of {args.repeat}:")
    print(f"  {'page':<28} {'before':>9} {'after':>9}  same events")
    for case, ms in figures.items():
        same = pages[case]["before"] == pages[case]["after"]
        print(f"  {case:<28} {ms['before']:>9.1f} {ms['after']:>9.1f}  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
