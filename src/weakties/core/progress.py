"""Progress of long work, readable from another process (web page, CLI).

An import holds one database transaction from start to end (all-or-nothing),
so its progress cannot live in the database: other connections would not see
it before the commit.  It is written to Django's cache instead, which is
file-based in ``$WEAKTIES_HOME/cache`` and so shared by the web server and
the background worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

__all__ = ["Progress", "ProgressCallback", "read_progress", "clear_progress", "CacheProgress"]

#: ``callback(phase, done, total)``
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class Progress:
    phase: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def _key(name: str) -> str:
    return f"weakties:progress:{name}"


class CacheProgress:
    """A progress callback that writes at most a few times per second."""

    def __init__(self, name: str, interval: float = 0.3) -> None:
        self.name = name
        self.interval = interval
        self._last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < self.interval:
            return
        self._last = now
        cache.set(_key(self.name), {"phase": phase, "done": done, "total": total}, 3600)


def read_progress(name: str) -> Progress | None:
    value = cache.get(_key(name))
    return Progress(**value) if value else None


def clear_progress(name: str) -> None:
    """Forget the progress of work that is about to start again (the last run's "done")."""
    cache.delete(_key(name))
