"""One local SparkSession for the whole test session (starting Java costs seconds)."""

from __future__ import annotations

import pytest

from weakties.engines.dialects import spark_session


@pytest.fixture(scope="session")
def spark():
    session = spark_session("local[2]", partitions=2)
    yield session
    session.stop()
