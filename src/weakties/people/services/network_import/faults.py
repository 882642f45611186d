"""What an import does when the database lets it down (issue 12): it is full, or another import
writes the same people at the same time.

**Full.**  A write that finds the disk full (SQLite's ``SQLITE_FULL``, also its
``max_page_count``; PostgreSQL's ``disk_full``, SQLSTATE 53100) rolls the file's transaction
back, so the database keeps nothing of it and stays consistent; :func:`database_full` turns the
driver's error into a :class:`~weakties.core.errors.ServiceError` that says so.

**Concurrent imports.**  An importer resolves contacts against an index of the stored people
that it loaded earlier (:class:`~weakties.resolve.PersonIndex`), and keeps it warm between files.
Two imports at once (the web worker and ``weakties import``) would each create the same new
person, or insert the same company twice.  So:

* every transaction that stores an import takes the *import lock* first
  (:func:`lock_imports`): on SQLite the transaction holds the database's write lock from
  ``BEGIN IMMEDIATE`` on (see the settings), on PostgreSQL a transaction-level advisory lock;
  the stores of two imports never overlap;
* under that lock, :func:`watermark` reads the highest id of people, companies, ties and
  erasures, and how many times this process removed ties.  An importer remembers the watermark
  its caches stand on (taken before it loaded them, and again after each of its own stores); a
  different one means someone wrote since, and the importer loads its index and caches again
  before it plans or stores anything.

Only the writes of others move the watermark past what the importer wrote itself.  Deletions
do not move the highest ids, so the removals of this process are counted as well
(:data:`~weakties.people.signals.ties_removed`, sent by whatever removes ties and the people
with them): compare and forget deletes the people it forgot right after each committed file,
in the same process and between two files of one run, and the next file must not tie a contact
to one of them.  A person erased by another process during an import (an admin, rarely) is not
seen: the store then fails on the missing person (its foreign key) and changes nothing; a new
run starts from a fresh index.  On SQLite a deleted highest row lets its id be taken again.
"""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _

from weakties.core.errors import ServiceError
from weakties.people.signals import ties_removed

__all__ = [
    "IMPORT_LOCK",
    "Watermark",
    "database_full",
    "is_database_full",
    "lock_imports",
    "watermark",
]

#: The PostgreSQL advisory lock key of imports ("WEAK" in ASCII).
IMPORT_LOCK = 0x5745414B

#: Highest ids of people, companies, ties and erasures; this process's removals of ties.
Watermark = tuple[int, ...]

_removals = 0


def _removed(sender: object, **kwargs: object) -> None:
    global _removals
    _removals += 1


ties_removed.connect(_removed, dispatch_uid="network_import.removals", weak=False)

_SQLITE_FULL = 13
_PG_DISK_FULL = "53100"


def lock_imports() -> None:
    """Take the import lock until the current transaction ends (call inside ``atomic()``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
    # SQLite: the transaction began IMMEDIATE and holds the write lock already.


def watermark() -> Watermark:
    """The highest ids of people, companies, ties and erasures, and this process's removals."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT "
            + ", ".join(
                f"(SELECT COALESCE(MAX(id), 0) FROM {table})"
                for table in ("people_person", "people_company", "people_tie", "people_erasure")
            )
        )
        row = cursor.fetchone()
    return (*(int(value) for value in row), _removals)


def is_database_full(exc: BaseException) -> bool:
    """Whether ``exc`` (Django's wrapper or the driver's own) says the database is full."""
    for error in (exc, exc.__cause__):
        if error is None:
            continue
        if getattr(error, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
        if getattr(error, "sqlstate", None) == _PG_DISK_FULL:
            return True
    return "database or disk is full" in str(exc)


def database_full(file: str) -> ServiceError:
    """The error for people when ``file`` could not be stored because the database is full."""
    return ServiceError(
        _(
            "{file}: the database is full (its disk, or the size it may grow to); nothing "
            "of this file was imported and the database is unchanged. Make room, then "
            "import the file again."
        ).format(file=file)
    )
