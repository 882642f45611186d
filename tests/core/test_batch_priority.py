"""Imports, the analysis and the worker yield the CPU to the web server (``core.priority``)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import os, django
django.setup()
from django.core.management import call_command
from weakties.cli.base import CommandError
call_command("migrate", verbosity=0)
try:
    call_command({command!r}, *{args!r})
except (CommandError, SystemExit) as refused:
    pass
print(os.getpriority(os.PRIO_PROCESS, 0))
"""


def niceness_after(command: str, args: list[str], tmp_path, *, nice: str | None = None, start=0):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weakties.site.settings",
        "WEAKTIES_HOME": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    if nice is not None:
        env["WEAKTIES_BATCH_NICE"] = nice
    out = subprocess.run(
        ["nice", "-n", str(start), sys.executable, "-c", SCRIPT.format(command=command, args=args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[-1])


def test_an_import_and_the_worker_lower_their_own_priority(tmp_path):
    assert niceness_after("import", ["no-such-file.csv", "--owner", "x@y.nl"], tmp_path) == 10
    assert niceness_after("worker", ["--batch"], tmp_path) == 10


def test_the_setting_says_how_far_and_never_raises_it(tmp_path):
    assert niceness_after("worker", ["--batch"], tmp_path, nice="0") == 0
    assert niceness_after("worker", ["--batch"], tmp_path, nice="5") == 5
    # a process started lower than the setting stays where it was
    assert niceness_after("worker", ["--batch"], tmp_path, start=15) == 15
