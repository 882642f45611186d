"""Keeping the expertise finder's indexes true: profile terms and whom employees know.

Three tables serve the finder (:mod:`weakties.expertise.selectors`), so that a
search reads a few short index ranges whatever the size of the organisation
(target: p99 ≤ 50 ms through HTTP at 10,000 employees and 3M ties):

* :class:`~weakties.expertise.models.ProfileTerm`: the terms of every active
  employee's skills, focus topics, job title and department
  (:mod:`weakties.expertise.terms`);
* :class:`~weakties.expertise.models.CompanyReach`: how many people each
  sharing employee knows at each company, counted from
  :class:`~weakties.people.models.TieRank` (which holds only ties of active,
  consenting employees) without the colleagues;
* :class:`~weakties.expertise.models.GroupReach`: the same per sector and
  per region of the companies.

They change where their sources change:

* a profile edit re-indexes that employee's terms (:func:`terms_refresh`);
* a committed network import (``people.signals.ties_imported``) recounts the
  importing employees' reach (:func:`reach_refresh`), in the background
  (:mod:`weakties.expertise.tasks`: about a second per 50,000 ties, which the
  import does not wait for);
* a committed directory import (``people.signals.directory_imported``)
  re-indexes the organisation's terms (titles and departments change) and
  counts the reach of returning employees who have none, in the background
  (:func:`terms_reindex`, in chunks as below);
* :func:`index_ensure` builds an organisation's indexes in full the first
  time the finder is used (or an import arrives) after they were never built;
  :func:`index_rebuild` (``weakties expertise --reindex``) rebuilds them.

* removed ties (``people.signals.ties_removed``: a consent withdrawn, a
  person erased, contacts forgotten, an import removed, employees who left)
  recount those employees' reach at once, inside the transaction that
  removed them (:func:`reach_recount_removed`): what was withdrawn or erased
  is counted by nobody from that commit on.

Every search still checks that the employees it shows share now (a consent
changed behind the services' back), and a target list prunes reach rows of
those who do not (:func:`reach_prune`).  Rows are written with set-based SQL
(``INSERT … SELECT … GROUP BY``): the database counts what it already has.

The first build writes a chunk of employees per transaction (their terms, a
few thousand of their ties counted), so that SQLite's write lock is never
held for long: every request that writes (each search writes its audit line)
waits for one chunk at most, not for the whole organisation (at 3,000
employees and 0.9M ties one transaction held it for 5 to 10 s; in chunks a
writer waits 0.15 s at worst, and the build takes three to four times as
long, a pause between chunks for waiting writers included:
``bench/expertise.py --first-build``).  :class:`IndexState` keeps how far
each index got; a chunk reads it and moves it on in the same transaction,
under the state row's lock (PostgreSQL) or the write lock (SQLite), so
builders that run at once take turns, chunk by chunk, and a build killed
halfway is finished by the next call.  Nothing reads an index before it is
marked built: a search that comes while it is being built helps finish it
(as it built it before), then reads it whole.  A directory import during the
build starts the unfinished parts over (titles and departments changed,
employees left or came back); removed ties are recounted during the build as
after it.

A rebuild (``--reindex``, a directory import's terms) goes through the same
chunks, one pass over every employee from the first: each chunk deletes and
writes again its employees' rows in one transaction, so a search during the
rebuild reads every employee's rows whole, as they were or as rebuilt, and
nobody missing (it does not wait for the rebuild: the index stays marked
built).  ``*_through`` above 0 on a built index is the pass under way;
rebuilders at once take turns on it, the last to come starting it over (what
it rebuilds for changed after the others began).  One killed halfway leaves a
whole index, partly old, and is finished by itself: every chunk records when
and by which process it moved the pass (``IndexState.moved_at``/``moved_by``);
a search or a task that finds a pass that has not moved for
``WEAKTIES_INDEX_STALL_SECONDS`` (300) takes it up, marking it moved and
enqueueing the worker's task that continues it (:func:`index_resume_stalled`:
the search does not wait for it), and ``--reindex`` run again continues a pass
whose process is gone (or stalled) rather than start it over
(:func:`index_rebuild`).  Continuing is right because every chunk the pass
wrote read its sources after the pass began, and what changed since was kept
true by the writers below or started the pass over.

Two writers of one employee's rows never run at once: each (a chunk of a
build or rebuild, :func:`terms_refresh`, :func:`reach_refresh`,
:func:`reach_recount_removed`) takes the organisation's ``IndexState`` row
lock first (:func:`_index_lock`) and holds it to its commit, then deletes and
writes.  Without it, on PostgreSQL (READ COMMITTED) the second's delete waited
for the first's commit, missed the rows the first had inserted, and its insert
hit the reach's unique key or wrote the terms twice
(``tests/expertise/test_index_writers_at_once.py``).  Searches only read and
never wait for it; on SQLite the write lock lets one writer in at a time anyway.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from weakties.accounts.models import Employee, Organisation
from weakties.core.bulk import insert_rows
from weakties.expertise.models import (
    CompanyReach,
    GroupReach,
    IndexState,
    Profile,
    ProfileTerm,
)
from weakties.expertise.signals import pass_stalled
from weakties.expertise.terms import text_terms
from weakties.people.models import TieRank
from weakties.people.services.consent import sharing_employees

__all__ = [
    "index_ensure",
    "index_rebuild",
    "index_resume",
    "index_resume_stalled",
    "index_stalled_before",
    "terms_reindex",
    "index_restart_unfinished",
    "chunk_bounds",
    "terms_refresh",
    "terms_rebuild",
    "reach_refresh",
    "reach_rebuild",
    "reach_add_missing",
    "reach_prune",
    "reach_recount_removed",
    "index_rows_forget",
]

#: Employees per statement: well under SQLite's limit of bound parameters.
_CHUNK = 500
#: A first build's transaction writes the terms of this many employees …
TERMS_PER_CHUNK = 100
#: … or counts this many ties: about 50 ms each at 3,000 employees and 0.9M ties on SQLite.
TIES_PER_CHUNK = 2_000
#: SQLite: the pause between two chunks, in which the writers queued behind the write lock take
#: it (their busy handler retries every 25 ms at first): without it the next chunk's ``BEGIN
#: IMMEDIATE`` comes first, again and again, and a search's audit line waited seconds all the same.
SQLITE_PAUSE_S = 0.03

_COMPANY_SQL = """
    INSERT INTO expertise_companyreach (organisation_id, employee_id, company_id, people)
    SELECT r.organisation_id, r.employee_id, r.company_id, COUNT(*)
    FROM people_tierank r
    WHERE r.company_id IS NOT NULL AND NOT r.colleague AND {where}
    GROUP BY r.organisation_id, r.employee_id, r.company_id
"""
_GROUP_SQL = """
    INSERT INTO expertise_groupreach (organisation_id, employee_id, kind, "group", people)
    SELECT cr.organisation_id, cr.employee_id, %s, c.{column}, SUM(cr.people)
    FROM expertise_companyreach cr
    JOIN people_company c ON c.id = cr.company_id
    WHERE c.{column} <> '' AND {where}
    GROUP BY cr.organisation_id, cr.employee_id, c.{column}
"""


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


# -- profile terms ------------------------------------------------------------------------------


def _entries(employee: Employee, profile: Profile | None) -> Iterable[tuple[str, str]]:
    """``(field, text)`` of everything an employee is found by."""
    if profile is not None:
        for skill in Profile.split(profile.skills):
            yield "skill", skill
        for topic in Profile.split(profile.focus_topics):
            yield "focus", topic
    if employee.job_title:
        yield "title", employee.job_title
    if employee.department:
        yield "department", employee.department


def _term_rows(employees: Iterable[Employee]) -> list[tuple[int, int, str, str, str]]:
    rows = []
    for e in employees:
        profile = getattr(e, "profile", None) if _has_profile(e) else None
        seen: set[tuple[str, str]] = set()
        for field, text in _entries(e, profile):
            for term in text_terms(text):
                if (term, field) not in seen:
                    seen.add((term, field))
                    rows.append((e.organisation_id, e.pk, term, field, text[:200]))
    return rows


def _has_profile(employee: Employee) -> bool:
    try:
        employee.profile  # noqa: B018 - loaded by select_related; absent raises
    except Profile.DoesNotExist:
        return False
    return True


def _write_terms(employees: list[Employee]) -> None:
    insert_rows(
        "expertise_profileterm",
        ("organisation_id", "employee_id", "term", "field", "label"),
        _term_rows(employees),
    )


@transaction.atomic
def terms_refresh(*, employee_ids: Sequence[int]) -> None:
    """Re-index these employees' terms (an inactive employee is left out of the index).

    Under the organisation's index lock (:func:`_index_lock`), as every writer of index rows.
    """
    ids = sorted(set(employee_ids))
    _index_lock(_organisations_of(ids))
    for chunk in _chunks(ids):
        ProfileTerm.objects.filter(employee_id__in=chunk).delete()
        _write_terms(
            list(Employee.objects.filter(pk__in=chunk, active=True).select_related("profile"))
        )


@transaction.atomic
def terms_rebuild(*, organisation: Organisation) -> int:
    """Index every active employee of the organisation; returns how many there are.

    One transaction for the whole organisation: what the chunked builds are held to (tests,
    ``bench/expertise.py``).  The application rebuilds in chunks (:func:`terms_reindex`).
    """
    _index_lock([organisation.pk])
    ProfileTerm.objects.filter(organisation=organisation).delete()
    employees = list(
        Employee.objects.filter(organisation=organisation, active=True).select_related("profile")
    )
    _write_terms(employees)
    IndexState.objects.update_or_create(
        organisation=organisation,
        defaults={"terms_built_at": timezone.now(), "employees": len(employees)},
    )
    return len(employees)


# -- whom they know -----------------------------------------------------------------------------


def _count(where: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_COMPANY_SQL.format(where=where.replace("{t}", "r")), params)
        for kind, column in (
            (GroupReach.Kind.SECTOR, "sector"),
            (GroupReach.Kind.REGION, "region"),
        ):
            cursor.execute(
                _GROUP_SQL.format(column=column, where=where.replace("{t}", "cr")),
                [str(kind), *params],
            )


@transaction.atomic
def reach_refresh(*, employee_ids: Sequence[int]) -> None:
    """Recount whom these employees know (after an import of theirs), from their TieRank rows.

    Under the organisation's index lock (:func:`_index_lock`), as every writer of index rows.
    """
    ids = sorted(set(employee_ids))
    _index_lock(_organisations_of(ids))
    for chunk in _chunks(ids):
        CompanyReach.objects.filter(employee_id__in=chunk).delete()
        GroupReach.objects.filter(employee_id__in=chunk).delete()
        marks = ", ".join(["%s"] * len(chunk))
        _count(f"{{t}}.employee_id IN ({marks})", chunk)


@transaction.atomic
def reach_rebuild(*, organisation: Organisation) -> int:
    """Count whom every sharing employee of the organisation knows; returns the company rows.

    One transaction, as :func:`terms_rebuild`; :func:`index_rebuild` rebuilds in chunks.
    """
    _index_lock([organisation.pk])
    CompanyReach.objects.filter(organisation=organisation).delete()
    GroupReach.objects.filter(organisation=organisation).delete()
    _count("{t}.organisation_id = %s", [organisation.pk])
    IndexState.objects.update_or_create(
        organisation=organisation, defaults={"reach_built_at": timezone.now()}
    )
    return CompanyReach.objects.filter(organisation=organisation).count()


def reach_recount_removed(*, employee_ids: Sequence[int]) -> int:
    """Recount these employees' reach after some of their ties were removed; how many recounted.

    The index lock (:func:`_index_lock`) is taken first and held to the caller's commit: a
    chunk or recount in flight commits first, and the next one waits (reading the ties after
    the caller's commit), so the caller's recount comes after every one that counted what it
    removes.  Nothing to do for an organisation whose reach no chunk has counted yet (it is
    counted in full at the first search, or by the build under way, after this commit).
    Each employee's recount reads their own TieRank rows: a few hundred, so a withdrawal or
    an erasure pays milliseconds.
    """
    ids = sorted(set(employee_ids))
    if not ids:
        return 0
    with transaction.atomic():
        of = dict(Employee.objects.filter(pk__in=ids).values_list("pk", "organisation_id"))
        counted = {
            s.organisation_id
            for s in _index_lock(set(of.values()))
            if s.reach_built_at is not None or s.reach_through > 0
        }
        ids = [pk for pk in ids if of.get(pk) in counted]
        if ids:
            reach_refresh(employee_ids=ids)
    return len(ids)


def index_rows_forget(*, employee: Employee) -> int:
    """Delete an employee's rows from the three indexes (an erasure); how many.

    Under the index lock (:func:`_index_lock`), taken before any of the rows: a chunk holding
    the lock deletes its employees' rows, so a caller that deleted them first and then waited
    for the lock (a recount later in the same transaction) would wait in a circle with it.
    """
    with transaction.atomic():
        _index_lock([employee.organisation_id])
        return sum(
            model.objects.filter(employee=employee).delete()[1].get(model._meta.label, 0)
            for model in (ProfileTerm, CompanyReach, GroupReach)
        )


def _organisations_of(employee_ids: Sequence[int]) -> set[int]:
    return set(
        Employee.objects.filter(pk__in=employee_ids).values_list("organisation_id", flat=True)
    )


def _index_lock(organisation_ids: Iterable[int]) -> list[IndexState]:
    """Take the index state rows of these organisations, to the commit; they, as locked.

    Every writer of an organisation's index rows (a chunk of a build or rebuild, a profile
    edit, a recount) holds it, so that two never delete and write one employee's rows at
    once: on PostgreSQL (READ COMMITTED) the second's delete waited for the first's commit,
    missed what it had inserted, and its insert hit the reach's unique key (or wrote the
    terms twice).  Now the second waits for the lock and reads afresh after it.  Locked in
    organisation order; a missing row is made (nothing built yet: ``None`` dates), so that a
    first build beginning meanwhile waits too.  Searches never take it (they only read), so
    they never wait for it.  On SQLite the write lock already lets one writer in at a time.
    """
    ids = sorted(set(organisation_ids))
    if not ids:
        return []
    states = IndexState.objects.select_for_update().filter(organisation_id__in=ids)
    locked = list(states.order_by("organisation_id"))
    if len(locked) < len(ids):
        there = {s.organisation_id for s in locked}
        IndexState.objects.bulk_create(
            [IndexState(organisation_id=pk) for pk in ids if pk not in there],
            ignore_conflicts=True,
        )
        locked = list(states.order_by("organisation_id"))
    return locked


def reach_add_missing(*, organisation: Organisation) -> list[int]:
    """Count the reach of sharing employees who have ties but no reach rows (they came back)."""
    counted = set(
        CompanyReach.objects.filter(organisation=organisation)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    sharing = set(sharing_employees(organisation=organisation).values_list("pk", flat=True))
    missing = sorted(e for e in sharing - counted if TieRank.objects.filter(employee_id=e).exists())
    if missing:
        reach_refresh(employee_ids=missing)
    return missing


def reach_prune(*, organisation: Organisation) -> int:
    """Drop the reach rows of employees who no longer share (withdrew or left); returns how many.

    Cheap when there are none: one probe of the ``(employee, company)`` index
    per employee who does not share.  Where there are some, they are deleted under the index
    lock (:func:`_index_lock`), as every writer of these rows deletes them.
    """
    sharing = sharing_employees(organisation=organisation).values("pk")
    gone = Employee.objects.filter(organisation=organisation).exclude(pk__in=sharing).values("pk")
    stale = list(
        CompanyReach.objects.filter(employee_id__in=gone).values_list("employee_id", flat=True)[:1]
    )
    if not stale:
        return 0
    removed = 0
    with transaction.atomic():  # under the index lock, as every writer of these rows
        _index_lock([organisation.pk])
        for chunk in _chunks(list(gone.values_list("pk", flat=True))):
            removed += CompanyReach.objects.filter(employee_id__in=chunk).delete()[0]
            GroupReach.objects.filter(employee_id__in=chunk).delete()
    return removed


# -- the whole ----------------------------------------------------------------------------------


def chunk_bounds(work: Iterable[tuple[int, int]], per_chunk: int) -> list[int]:
    """The last employee id of each chunk: ``(employee id, work)`` in id order, cut at ``per_chunk``.

    Examples
    --------
    >>> chunk_bounds([(1, 3), (2, 3), (5, 1), (9, 7), (12, 1)], per_chunk=5)
    [2, 9]
    """
    bounds, load = [], 0
    for pk, amount in work:
        load += amount
        if load >= per_chunk:
            bounds.append(pk)
            load = 0
    return bounds


def _employee_range(lo: int, hi: int | None, name: str = "employee_id") -> Q:
    """Employees after ``lo`` up to ``hi`` (``None``: every one after ``lo``)."""
    return Q(**{f"{name}__gt": lo}) & (Q() if hi is None else Q(**{f"{name}__lte": hi}))


def _terms_plan(organisation: Organisation) -> list[int]:
    ids = Employee.objects.filter(organisation=organisation).order_by("pk")
    return chunk_bounds(((pk, 1) for pk in ids.values_list("pk", flat=True)), TERMS_PER_CHUNK)


def _terms_write(organisation: Organisation, lo: int, hi: int | None) -> None:
    ProfileTerm.objects.filter(_employee_range(lo, hi), organisation=organisation).delete()
    employees = Employee.objects.filter(_employee_range(lo, hi, "pk"), organisation=organisation)
    _write_terms(list(employees.filter(active=True).select_related("profile").order_by("pk")))


def _terms_done(state: IndexState) -> list[str]:
    state.terms_built_at = timezone.now()
    state.employees = Employee.objects.filter(
        organisation_id=state.organisation_id, active=True
    ).count()
    return ["terms_built_at", "employees"]


def _reach_plan(organisation: Organisation) -> list[int]:
    ties = (
        TieRank.objects.filter(
            employee_id__in=Employee.objects.filter(organisation=organisation).values("pk")
        )
        .values_list("employee_id")
        .annotate(n=Count("employee_id"))
        .order_by("employee_id")
    )
    return chunk_bounds(ties, TIES_PER_CHUNK)


def _reach_write(organisation: Organisation, lo: int, hi: int | None) -> None:
    CompanyReach.objects.filter(_employee_range(lo, hi), organisation=organisation).delete()
    GroupReach.objects.filter(_employee_range(lo, hi), organisation=organisation).delete()
    upto = "" if hi is None else " AND {t}.employee_id <= %s"
    _count(
        "{t}.organisation_id = %s AND {t}.employee_id > %s" + upto,
        [organisation.pk, lo] + ([] if hi is None else [hi]),
    )


def _reach_done(state: IndexState) -> list[str]:
    state.reach_built_at = timezone.now()
    return ["reach_built_at"]


@dataclass(frozen=True)
class _Index:
    """One index as a first build writes it, a range of employees at a time."""

    built: str
    through: str
    plan: Callable[[Organisation], list[int]]
    write: Callable[[Organisation, int, int | None], None]
    done: Callable[[IndexState], list[str]]


_TERMS = _Index("terms_built_at", "terms_through", _terms_plan, _terms_write, _terms_done)
_REACH = _Index("reach_built_at", "reach_through", _reach_plan, _reach_write, _reach_done)


def _build_chunk(
    organisation: Organisation, index: _Index, bounds: list[int], *, start: bool = False
) -> bool:
    """Write the next chunk of ``index`` (one transaction); ``True`` once the build or pass is done.

    ``start``: a rebuild's first chunk, the first of a pass over every employee (a pass under way,
    by another rebuilder, starts over with it).  Without it the chunk goes on from where the
    first build, or the rebuild under way, got to; ``True`` when neither is under way.
    """
    with transaction.atomic():
        state = IndexState.objects.select_for_update().get(organisation=organisation)
        lo = 0 if start else getattr(state, index.through)
        if not start and getattr(state, index.built) is not None and lo == 0:
            return True  # built, and no pass under way (or it was just finished)
        at = bisect_right(bounds, lo)
        hi = bounds[at] if at < len(bounds) else None  # None: the rest, employees added since
        index.write(organisation, lo, hi)
        state.moved_at, state.moved_by = timezone.now(), _me()
        moved = [index.through, "moved_at", "moved_by"]
        if hi is None:
            setattr(state, index.through, 0)
            state.save(update_fields=[*moved, *index.done(state)])
            return True
        setattr(state, index.through, hi)
        state.save(update_fields=moved)
        return False


def _pause() -> None:
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(SQLITE_PAUSE_S)  # PostgreSQL: other writers never waited for a chunk


def _build(organisation: Organisation, index: _Index) -> None:
    """Build ``index`` from where it got to, a chunk per transaction (whoever else builds it too)."""
    state = IndexState.objects.get(organisation=organisation)
    if getattr(state, index.built) is not None:
        return
    bounds = index.plan(organisation)
    while not _build_chunk(organisation, index, bounds):
        _pause()


def _rebuild(organisation: Organisation, index: _Index, *, resume: bool = False) -> None:
    """Write ``index`` over, every employee, a chunk per transaction, as :func:`_build` does.

    A chunk deletes and writes again the rows of its employees in one transaction, so a search
    reads each employee's rows whole (as they were, or as rebuilt) and nobody missing, without
    waiting for more than a chunk.  Rebuilders at once take turns on one pass (the one who came
    last starts it over: it began after their change); an index never built is built, searches
    helping as they do.  ``resume``: a pass under way (whose process is gone,
    :func:`_abandoned`) is continued from where it got to instead.
    """
    state, _created = IndexState.objects.get_or_create(organisation=organisation)
    start = not (resume and getattr(state, index.built) and getattr(state, index.through) > 0)
    bounds = index.plan(organisation)
    done = _build_chunk(organisation, index, bounds, start=start)
    while not done:
        _pause()
        done = _build_chunk(organisation, index, bounds)


# -- a pass whose process died ------------------------------------------------------------------


def _me() -> str:
    """This process, as ``moved_by`` names it."""
    return f"{socket.gethostname()} {os.getpid()}"


def index_stalled_before() -> dt.datetime:
    """A pass under way that last moved before this is stalled (its process died, or hangs).

    ``WEAKTIES_INDEX_STALL_SECONDS`` (300) ago: a chunk commits in well under a second, so a
    live pass moves many times in that while.
    """
    seconds = int(getattr(settings, "WEAKTIES_INDEX_STALL_SECONDS", 300))
    return timezone.now() - dt.timedelta(seconds=max(seconds, 1))


def _under_way(state: IndexState) -> bool:
    """A rebuild pass under way on a built index (a first build is finished by any search)."""
    return any(
        getattr(state, i.built) is not None and getattr(state, i.through) > 0
        for i in (_TERMS, _REACH)
    )


def _stalled(state: IndexState, before: dt.datetime) -> bool:
    return _under_way(state) and (state.moved_at is None or state.moved_at < before)


def _gone(moved_by: str) -> bool:
    """The process that last moved the pass has ended (known only for one of this host)."""
    host, _, pid = moved_by.rpartition(" ")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: is it there?
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # there, another user's
    return False


def _abandoned(state: IndexState) -> bool:
    """Nobody moves the pass under way: its process is gone, or it stalled."""
    return _under_way(state) and (_gone(state.moved_by) or _stalled(state, index_stalled_before()))


def index_resume(*, organisation: Organisation) -> bool:
    """Continue the rebuild passes under way from where they got to, chunk by chunk; any?

    What the task :func:`weakties.expertise.tasks.index_resume_stalled_pass` runs for a pass
    whose process died (:func:`index_resume_stalled`).  Continuing is right where starting
    over was not asked for: every chunk the pass wrote read its sources after the pass began,
    and what changed after a chunk was written was kept true by the writers that follow every
    change (profile edits, imports, removed ties) or started the pass over (a directory import,
    another ``--reindex`` while it runs).  Rebuilders that come meanwhile take turns with it.
    """
    state = IndexState.objects.filter(organisation=organisation).first()
    if state is None or not _under_way(state):
        return False
    for index in (_TERMS, _REACH):
        if getattr(state, index.built) is not None and getattr(state, index.through) > 0:
            bounds = index.plan(organisation)
            while not _build_chunk(organisation, index, bounds):
                _pause()
    return True


def index_resume_stalled(*, organisation: Organisation) -> bool:
    """Have a stalled rebuild pass continued in the background; whether this call took it up.

    For a search that read a stalled pass in the index state (:func:`index_stalled_before`):
    the first to come marks it moved (so that the searches after it do not take it up too)
    and enqueues :func:`weakties.expertise.tasks.index_resume_stalled_pass`, which the worker
    runs; the search goes on at once, reading the whole index the pass writes over.  A state
    row locked by a writer is left alone (``SKIP LOCKED``: a search never waits for the lock);
    should the task die too, the pass stalls again and the next search takes it up.
    """
    with transaction.atomic():
        state = (
            IndexState.objects.select_for_update(skip_locked=True)
            .filter(organisation=organisation)
            .first()
        )
        if state is None or not _stalled(state, index_stalled_before()):
            return False
        state.moved_at, state.moved_by = timezone.now(), _me()
        state.save(update_fields=["moved_at", "moved_by"])
        transaction.on_commit(lambda: _enqueue_resume(organisation.pk))
    return True


def _enqueue_resume(organisation_id: int) -> None:
    """Tell the receiver to enqueue the task (:data:`weakties.expertise.signals.pass_stalled`)."""
    pass_stalled.send(sender=IndexState, organisation_id=organisation_id)


def index_ensure(*, organisation: Organisation) -> IndexState:
    """The organisation's index state, after building what was never built (in short transactions).

    Returns once both indexes are built: by this call, by another process
    building at the same time (they take turns, chunk by chunk), or both.
    Called inside an outer transaction, the chunks are only savepoints of it.
    A rebuild under way (:func:`index_rebuild`) is not waited for: the index
    it writes over is whole all the while; one that stalled is continued in the
    background (:func:`index_resume_stalled`).
    """
    state = IndexState.objects.filter(organisation=organisation).first()
    if state is not None and state.terms_built_at and state.reach_built_at:
        if _stalled(state, index_stalled_before()):
            index_resume_stalled(organisation=organisation)
        return state
    IndexState.objects.get_or_create(organisation=organisation)
    _build(organisation, _TERMS)
    _build(organisation, _REACH)
    return IndexState.objects.get(organisation=organisation)


def index_restart_unfinished(*, organisation: Organisation) -> None:
    """Start over the indexes being built: what their first chunks wrote may be out of date now."""
    states = IndexState.objects.filter(organisation=organisation)
    states.filter(terms_built_at__isnull=True).update(terms_through=0)
    states.filter(reach_built_at__isnull=True).update(reach_through=0)


def terms_reindex(*, organisation: Organisation) -> int:
    """Index every employee's terms again, in short transactions; the active employees indexed.

    What a directory import does once it committed (titles and departments changed).
    """
    _rebuild(organisation, _TERMS)
    return IndexState.objects.get(organisation=organisation).employees


def index_rebuild(*, organisation: Organisation) -> dict[str, int]:
    """Rebuild both indexes of the organisation (``weakties expertise --reindex``), in chunks.

    Each transaction writes a chunk of employees (:func:`_rebuild`): SQLite's write lock is held
    for one chunk at a time, not for the whole organisation (seconds at 3,000 employees).
    Killed halfway, the indexes are whole (each employee as before or as rebuilt); a rerun
    continues the pass the killed one left (its process gone, or no chunk for
    ``WEAKTIES_INDEX_STALL_SECONDS``), and starts over a pass that is still moving (another
    rebuilder's, who may have begun before what this one rebuilds for).
    """
    state, _created = IndexState.objects.get_or_create(organisation=organisation)
    abandoned = _abandoned(state)  # before the terms' chunks move the pass again
    _rebuild(organisation, _TERMS, resume=abandoned)
    employees = IndexState.objects.get(organisation=organisation).employees
    _rebuild(organisation, _REACH, resume=abandoned)
    companies = CompanyReach.objects.filter(organisation=organisation).count()
    return {"employees": employees, "company_rows": companies}
