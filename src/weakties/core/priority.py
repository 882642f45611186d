"""Batch work yields the CPU to the web server on the same machine.

An import of one LinkedIn file loads every stored person first (about ten
seconds of one core at 300,000 people), and the analysis and the worker's
tasks run for longer.  On the same machine as ``weakties serve`` they took a
core from the searches: who-can-introduce's p99 rose from 23 to 69 ms while
an import ran (``bench/load.py``).  These processes lower their own CPU
priority (``nice``) to ``WEAKTIES_BATCH_NICE`` (10; 0 leaves it): with
cores to spare nothing changes, under contention the web answers first and
the batch work takes a little longer.
"""

from __future__ import annotations

import os

from django.conf import settings

__all__ = ["batch_priority"]


def batch_priority() -> int:
    """Lower this process's CPU priority to ``WEAKTIES_BATCH_NICE``, never raise it; the niceness now."""
    target = int(getattr(settings, "WEAKTIES_BATCH_NICE", 10))
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if target > current:
        os.nice(target - current)
    return os.getpriority(os.PRIO_PROCESS, 0)
