"""`weakties reach` answers in well under a second as a whole process, not only its queries."""

from __future__ import annotations

import os
import subprocess
import sys

from weakties.insights.selectors import TIERS
from weakties.network import TIERS as NETWORK_TIERS


def test_pages_name_the_tiers_of_the_network_layer():
    assert TIERS == NETWORK_TIERS


def test_the_reach_report_does_not_load_the_analytics_stack():
    # The network package loads scipy (about half a second): a report that reads stored
    # figures needs none of it, nor the system checks that import every page and the API.
    code = (
        "import sys, django; django.setup();"
        "import weakties.cli.management.commands.reach as r;"
        "assert r.Command.requires_system_checks == [];"
        "print(sorted(m for m in ('scipy', 'weakties.network', 'ninja') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "weakties.site.settings"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
