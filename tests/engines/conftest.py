"""What the engine tests share: Spark, the engine each test body runs on, and the snapshots.

* ``spark``: one local SparkSession (starting Java costs seconds). Scoped to this package,
  not the whole run: the JVM's memory is given back as soon as the engine tests are done,
  and its stop does not wait for the end of a suite of thousands of tests (a JVM that went
  away in between made the stop at the end fail the last test's teardown).
* ``engine_name``: ``embedded`` and ``spark``; a test (or fixture) that asks for it runs once
  on each, as splink's backend decorator does.
* ``on_engine``: an engine's dialect over a fresh copy of a snapshot, closed afterwards.
* ``rolled_back`` and ``export_snapshot``: a generated organisation's snapshot on disk (and
  the reference numbers computed from its rows), with the rows rolled back afterwards.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction

from weakties.engines.dialects import Dialect, dialect_for, spark_session


@pytest.fixture(scope="package")
def spark():
    session = spark_session("local[2]", partitions=2)
    yield session
    try:
        session.stop()
    except (ConnectionError, OSError) as gone:  # the JVM is gone already: nothing to stop
        print(f"Spark had stopped already: {gone}")


@pytest.fixture(params=["embedded", pytest.param("spark", marks=pytest.mark.slow)])
def engine_name(request) -> str:
    """Each engine in turn: the same test body runs on both."""
    return request.param


@pytest.fixture(scope="module")
def on_engine(request, tmp_path_factory):
    """``with on_engine(name, snapshot) as (dialect, folder):`` the engine's dialect over
    ``folder``, a fresh copy of the snapshot folder (the engine writes into it); the dialect
    is closed at the end. Spark starts only for a test that runs on Spark."""

    @contextmanager
    def opened(engine: str, snapshot: Path) -> Iterator[tuple[Dialect, Path]]:
        folder = tmp_path_factory.mktemp(engine) / "snapshot"
        shutil.copytree(snapshot, folder)
        session = request.getfixturevalue("spark") if engine == "spark" else None
        dialect = dialect_for(engine, session=session)
        try:
            yield dialect, folder
        finally:
            dialect.close()

    return opened


class _Rollback(Exception):
    pass


@pytest.fixture(scope="session")
def rolled_back(django_db_setup, django_db_blocker):
    """``with rolled_back():`` the database rows the block writes (a generated organisation,
    its analysis) are rolled back at its end; the files it wrote and what it computed stay.
    For the module's fixtures that generate an organisation once."""

    @contextmanager
    def block() -> Iterator[None]:
        with django_db_blocker.unblock():
            try:
                with transaction.atomic():
                    yield
                    raise _Rollback
            except _Rollback:
                pass

    return block


@pytest.fixture(scope="session")
def export_snapshot(tmp_path_factory):
    """``export_snapshot(name, organisation=…)`` (or ``federation=…``): the scope's snapshot,
    exported into a new folder; its path."""
    from weakties.snapshots.services.export import snapshot_export, snapshot_scope

    def export(name: str, **scope: str) -> Path:
        folder = tmp_path_factory.mktemp(name) / "snapshot"
        snapshot_export(directory=folder, scope=snapshot_scope(**scope))
        return folder

    return export
