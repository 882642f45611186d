"""A command or setting that is missing from the docs fails the suite (datasette's habit)."""

from __future__ import annotations

import re
from pathlib import Path

import weakties.cli.management.commands as commands

ROOT = Path(__file__).resolve().parents[2]
ALIASES = {"who_knows": "who-knows", "network_sharing": "network-sharing"}


def test_every_command_is_documented_in_usage():
    usage = (ROOT / "docs" / "usage.md").read_text()
    names = sorted(
        p.stem for p in Path(commands.__file__).parent.glob("*.py") if not p.stem.startswith("_")
    )
    assert names, "no commands found"
    missing = [n for n in names if f"weakties {ALIASES.get(n, n)}" not in usage]
    assert not missing, f"commands missing from docs/usage.md: {missing}"


def test_every_environment_setting_is_documented():
    settings_py = (ROOT / "src" / "weakties" / "site" / "settings.py").read_text()
    variables = set(re.findall(r"\b((?:WEAKTIES|DATABASE)_[A-Z_]+)\b", settings_py))
    configuration = (ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(v for v in variables if f"`{v}`" not in configuration)
    assert not missing, f"settings missing from docs/configuration.md: {missing}"
