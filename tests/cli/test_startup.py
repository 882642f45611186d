"""Start-up (issue 11): the command line and the URLconf import no analytics until they are used.

Every `weakties` command used to spend about 1.4 s importing scipy.stats, igraph and the whole
network analysis before doing anything. Each check runs in a fresh interpreter and reads its
``sys.modules``: what this test process imported already does not count. ``bench/cli.py`` prints
the times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

#: Never imported by a plain command or by loading the site's URLs.
HEAVY = [
    "scipy",
    "igraph",
    "networkx",
    "bm25s",
    "weasyprint",
    "weakties.network.analysis",
    "weakties.network.betweenness",
    "weakties.network.structural_holes",
    "weakties.matching.engine",
]

#: Not for a plain command either: the API (the system checks would import it) and the
#: analysis pipeline's services.
NOT_FOR_A_COMMAND = [*HEAVY, "ninja", "weakties.api.routes", "weakties.insights.services.analytics"]

REPORT = """
import json, sys
print(json.dumps(sorted(m for m in {names} if m in sys.modules)))
"""


def imported(code: str, names: list[str], tmp_path) -> list[str]:
    """Which of ``names`` a fresh interpreter has imported after running ``code``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weakties.site.settings",
        "WEAKTIES_HOME": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)  # nothing here touches a database
    script = code + REPORT.format(names=names)
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_help_imports_neither_django_apps_nor_analytics(tmp_path):
    code = """
import contextlib, io
from weakties.cli.main import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    assert main(["--help"]) == 0
assert "who-knows" in out.getvalue()
"""
    assert imported(code, [*NOT_FOR_A_COMMAND, "numpy", "weakties.people.models"], tmp_path) == []


def test_a_plain_command_imports_no_analytics(tmp_path):
    """who-knows, reach and org as far as running them: set-up, command, options."""
    code = """
import django
django.setup()
from django.core.management import load_command_class
for name, argv in [
    ("who_knows", ["--company", "Stripe"]),
    ("reach", ["--json"]),
    ("org", ["list"]),
]:
    command = load_command_class("weakties.cli", name)
    command.create_parser("weakties", name).parse_args(argv)
    assert not command.requires_system_checks, name
"""
    assert imported(code, NOT_FOR_A_COMMAND, tmp_path) == []


def test_the_urls_import_no_analytics(tmp_path):
    code = """
import django
django.setup()
import weakties.site.urls
"""
    assert imported(code, HEAVY, tmp_path) == []


def test_the_analysis_still_finds_what_it_imports_late():
    """The late imports are real: the measures and scipy load when the analysis runs."""
    from weakties.network import NetworkSnapshot, structural_holes
    from weakties.network.typology import percentile_rank

    snap = NetworkSnapshot.from_edges([1, 2], [10, 11, 12], [0, 0, 1, 1], [2, 3, 3, 4])
    assert structural_holes(snap, weighted=False).effective_size[:2].tolist() == [2.0, 2.0]
    assert percentile_rank([10, 30, 20]).tolist() == [1 / 6, 5 / 6, 0.5]
    assert snap.to_scipy().shape == (snap.n_nodes, snap.n_nodes)
