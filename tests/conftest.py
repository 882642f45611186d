"""Shared test set-up: a throw-away WEAKTIES_HOME and tasks run in-process."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("WEAKTIES_HOME", tempfile.mkdtemp(prefix="weakties-test-"))
os.environ.setdefault("WEAKTIES_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
