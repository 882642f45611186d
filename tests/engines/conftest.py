"""One local SparkSession for the engine tests (starting Java costs seconds).

Scoped to this package, not the whole run: the JVM's memory is given back as
soon as the engine tests are done, and its stop does not wait for the end of a
suite of thousands of tests (a JVM that went away in between made the stop at
the end fail the last test's teardown).
"""

from __future__ import annotations

import pytest

from weakties.engines.dialects import spark_session


@pytest.fixture(scope="package")
def spark():
    session = spark_session("local[2]", partitions=2)
    yield session
    try:
        session.stop()
    except (ConnectionError, OSError) as gone:  # the JVM is gone already: nothing to stop
        print(f"Spark had stopped already: {gone}")
