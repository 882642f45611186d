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

import pytest

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

#: Never imported by ``django.setup()``, which every command but ``--help`` pays first: the
#: libraries that only some commands and pages use (a missing one simply never shows up), and
#: weakties' own layers and services that the apps' models, admin modules and ``ready()`` used
#: to pull in (the compare-and-forget sweep, the matching vocabulary, ``weakties.resolve``).
NOT_FOR_SETUP = [
    *NOT_FOR_A_COMMAND,
    "numpy",
    "pandas",
    "polars",
    "pyarrow",
    "duckdb",
    "pyspark",
    "sklearn",
    "pydantic",
    "rich",
    "vobject",
    "dateutil",
    "openpyxl",
    "matplotlib",
    "jinja2",
    "rapidfuzz",
    "Stemmer",
    "smtplib",
    "gunicorn",
    "weakties.api",
    "weakties.engines",
    "weakties.importers",
    "weakties.matching",
    "weakties.network",
    "weakties.resolve",
    "weakties.synth",
    "weakties.ambassadors.services",
    "weakties.minimisation.services",
    "weakties.notifications.services",
    "weakties.cli.base",
]

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


def test_django_setup_imports_nothing_heavy(tmp_path):
    code = """
import django
django.setup()
from django.apps import apps
assert apps.ready and apps.get_model("people", "Company")
"""
    assert imported(code, NOT_FOR_SETUP, tmp_path) == []


def test_intro_imports_its_search_only_to_search(tmp_path):
    """``intro list`` and ``intro --help`` set up the command without numpy and the ranking."""
    code = """
import django
django.setup()
from django.core.management import load_command_class
command = load_command_class("weakties.cli", "intro")
parser = command.create_parser("weakties", "intro")
assert parser.parse_args(["--company", "Stripe", "--purpose", "sales"]).purpose == "sales"
assert parser.parse_args(["list"]).action == "list"
parser.format_help()
"""
    assert imported(code, ["numpy", "weakties.insights.services.introductions"], tmp_path) == []


def test_intro_offers_the_purposes_its_search_knows():
    from weakties.cli.management.commands.intro import PURPOSES
    from weakties.insights.services.introductions import INTRO_PURPOSES

    assert PURPOSES == INTRO_PURPOSES


FROZEN = """
import contextlib, gc, io, sys
from weakties.cli.main import main
sys.argv = ["weakties", "intro", "--help"]
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main({argv})
assert code == 0 and "--purpose" in out.getvalue(), (code, out.getvalue())
print(gc.get_freeze_count(), gc.isenabled())
"""


def frozen(argv: str, tmp_path) -> tuple[int, bool]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weakties.site.settings",
        "WEAKTIES_HOME": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", FROZEN.format(argv=argv)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    count, enabled = out.stdout.split()
    return int(count), enabled == "True"


def test_the_program_keeps_the_collector_off_what_setup_built(tmp_path):
    """As the ``weakties`` script runs it: set-up's objects frozen, the collector on again."""
    count, enabled = frozen("", tmp_path)
    assert count > 10_000
    assert enabled


def test_main_called_with_arguments_leaves_the_collector_alone(tmp_path):
    """A test or a script calling ``main([...])`` in its own process keeps its collector as it is."""
    assert frozen('["intro", "--help"]', tmp_path) == (0, True)


def test_serve_runs_the_system_checks_first(settings):
    """``weakties serve`` (and the demo's server) refuse to start on a failing system check."""
    from django.core import checks
    from django.core.management import call_command, load_command_class
    from django.core.management.base import SystemCheckError

    def broken(app_configs, **kwargs):
        return [checks.Error("a broken setting", id="tests.E001")]

    checks.register(broken)
    try:
        assert load_command_class("weakties.cli", "serve").requires_system_checks == "__all__"
        with pytest.raises(SystemCheckError, match="a broken setting"):
            call_command("serve", port=1, no_worker=True, skip_checks=False)
    finally:
        checks.registry.registry.registered_checks.discard(broken)


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


WORKER = """
import gc, sys
import django
django.setup()
from weakties.cli.management.commands.serve import worker_ready
before = gc.get_freeze_count()
assert "weakties.web.views" not in sys.modules
worker_ready()
print(before, gc.get_freeze_count(), "weakties.web.views" in sys.modules, gc.isenabled())
"""


def test_a_web_worker_loads_its_views_and_freezes_them_before_serving(tmp_path):
    """``weakties serve``'s workers: a full collection no longer walks what start-up built."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weakties.site.settings",
        "WEAKTIES_HOME": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    before, after, views, enabled = out.stdout.split()
    assert int(before) == 0 and int(after) > 50_000
    assert views == "True" and enabled == "True"
