"""The committed byte-exact samples are what make_samples.py writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"

_spec = importlib.util.spec_from_file_location("make_samples", DATA / "make_samples.py")
assert _spec is not None and _spec.loader is not None
make_samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_samples)


@pytest.mark.parametrize("name", sorted(make_samples.SAMPLES))
def test_committed_sample_matches_generator(name):
    assert (DATA / name).read_bytes() == make_samples.SAMPLES[name](), (
        f"{name} is stale; run python tests/data/importers/make_samples.py"
    )
