"""Parse and resolve files ahead of the importer, in a second process.

For a run of many files the importing process does only the database work.
A forked worker process reads, parses and plans each file (see
:func:`~weakties.people.services.network_import.plan.plan_file`) with its own copy of the
resolution index, taken at the fork.  Files are planned strictly in order by
that one process, so its index grows exactly as the importer's would: the
plans of both are the same, and the importer maps the worker's provisional
person keys to the ids it stores.

The worker decides which files it plans with the same rules the importer
applies (:func:`plannable`), so the two never disagree; a file it does not
plan (unreadable, with errors, a directory, already imported) comes back
parsed but unplanned, and the importer reports it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from weakties.people.services.network_import.files import LoadedFile, load_file
from weakties.people.services.network_import.plan import plan_file
from weakties.resolve import PersonIndex

if TYPE_CHECKING:
    from weakties.accounts.models import Employee

__all__ = ["AheadJob", "AheadState", "AheadStats", "plan_ahead", "plannable"]

#: A file to import and its owner.
AheadJob = tuple["str | os.PathLike[str]", "Employee"]

#: How many files the worker may run ahead of the importer ...
LOOKAHEAD = 16
#: ... and about how many bytes of them (a plan is a few times its file's size).
LOOKAHEAD_BYTES = 32 * 2**20


@dataclass
class AheadState:
    """What the worker starts from: the index and what is already imported."""

    index: PersonIndex
    erased: set[tuple[str, str]]
    done: set[tuple[int, str]]  # (owner id, checksum) of finished imports
    companies: set[str]  # keys of the companies known


_state: AheadState | None = None  # the worker's own copy, inherited at the fork


def plannable(
    loaded: LoadedFile, owner_id: int, done: set[tuple[int, str]] | dict[tuple[int, str], int]
) -> bool:
    """Whether a loaded file is to be resolved and stored (same rule on both sides)."""
    parsed = loaded.parsed
    return (
        loaded.error is None
        and parsed is not None
        and parsed.format != "directory"
        and not parsed.errors
        and (owner_id, loaded.checksum) not in done
    )


def _load_and_plan(
    path: str | os.PathLike[str], name: str, format: str, owner_id: int, own_person: int | None
) -> LoadedFile:
    assert _state is not None
    started = time.perf_counter()
    loaded = load_file(path=path, name=name, format=format)
    if plannable(loaded, owner_id, _state.done):
        parsed = loaded.parsed
        assert parsed is not None  # plannable
        loaded.plan = plan_file(
            index=_state.index,
            contacts=parsed.records,
            own_person=own_person,
            erased=_state.erased,
            known_companies=_state.companies,
        )
        _state.done.add((owner_id, loaded.checksum))
        parsed.records = []  # the plan says all the importer needs; don't send them back
    loaded.seconds = time.perf_counter() - started
    return loaded


@dataclass
class AheadStats:
    """Where the time of a run went: the worker's and the importer's waiting for it."""

    planning: float = 0.0  # seconds the worker spent reading, parsing and planning
    waiting: float = 0.0  # seconds the importer waited for a planned file

    def as_dict(self) -> dict[str, float]:
        return {
            "planning_seconds": round(self.planning, 2),
            "waiting_seconds": round(self.waiting, 2),
        }


def _size(path: str | os.PathLike[str]) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports the file as unreadable


def plan_ahead(
    *, state: AheadState, jobs: list[AheadJob], format: str, stats: AheadStats | None = None
) -> Generator[tuple[str | os.PathLike[str], Employee, LoadedFile], None, None]:
    """Yield ``(path, owner, LoadedFile)`` for every job, in order, planned ahead."""
    stats = stats if stats is not None else AheadStats()
    global _state
    _state = state  # the forked worker inherits it
    try:
        context = multiprocessing.get_context("fork")
        # The worker allocates heavily and creates no reference cycles worth
        # collecting: like the importer (see bulk.gc_paused) it runs without
        # the cyclic collector walking its large index.
        with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=gc.disable) as pool:
            pending: list[Future[LoadedFile] | None] = []
            sizes = [_size(path) for path, _ in jobs]
            in_flight = 0  # bytes of the files submitted and not yet handed over

            def fill(consumed: int) -> None:
                """Keep up to LOOKAHEAD files, and about LOOKAHEAD_BYTES, in flight."""
                nonlocal in_flight
                while len(pending) < len(jobs) and len(pending) - consumed < LOOKAHEAD:
                    if in_flight >= LOOKAHEAD_BYTES and len(pending) > consumed:
                        break
                    i = len(pending)
                    path, owner = jobs[i]
                    pending.append(
                        pool.submit(
                            _load_and_plan, path, Path(path).name, format, owner.pk, owner.person_id
                        )
                    )
                    in_flight += sizes[i]

            fill(0)
            # The worker has its copy now; let this process's copy go.
            _state = None
            del state
            for i, (path, owner) in enumerate(jobs):
                future = pending[i]
                assert future is not None
                started = time.perf_counter()
                loaded = future.result()
                stats.waiting += time.perf_counter() - started
                stats.planning += loaded.seconds
                pending[i] = None
                in_flight -= sizes[i]
                fill(i + 1)
                yield path, owner, loaded
    finally:
        _state = None
