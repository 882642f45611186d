"""Where the engines differ, and nothing else: opening a Parquet table, running SQL, writing out.

The metrics (:mod:`.metrics`) are SQL that DuckDB and Spark SQL both read. A dialect opens the
snapshot's tables under their names, runs a query, and writes its rows to Parquet, as splink's
``DatabaseAPI`` does for DuckDB, Spark and Postgres. Adding an engine is adding a dialect.

* :class:`EmbeddedDialect`: DuckDB in this process, the default; no server, no Java.
* :class:`SparkDialect`: PySpark, ``local[2]`` by default, or a cluster's master URL. Spark and
  Java start only when this dialect is made.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["ENGINES", "Dialect", "EmbeddedDialect", "SparkDialect", "dialect_for", "spark_session"]

#: The engines ``weakties analyze --engine`` and ``weakties snapshot compute`` know.
ENGINES = ("embedded", "spark")
DEFAULT_MASTER = "local[2]"


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class Dialect:
    """One engine, seen by the metrics: open tables, run SQL, write Parquet."""

    name: ClassVar[str] = ""

    def open(self, table: str, path: Path) -> None:
        """Make the Parquet at ``path`` readable as ``table`` in the queries."""
        raise NotImplementedError

    def fetch(self, sql: str) -> pa.Table:
        """The rows of a small query (a summary), here in this process."""
        raise NotImplementedError

    def write(self, sql: str, path: Path) -> None:
        """Write the rows of ``sql`` to Parquet at ``path``, without bringing them here."""
        raise NotImplementedError

    def register_scalar(self, name: str, function: Callable[..., float], *, arguments: int) -> None:
        """Make ``function`` (``arguments`` strings → a float) callable as ``name`` in the SQL:
        what SQL cannot say, said once in Python (the resolver's name comparison)."""
        raise NotImplementedError

    def describe(self) -> str:
        """What ran the query, for the results' manifest."""
        return self.name

    def close(self) -> None:
        """Free what the dialect holds (a session lent by the caller is left open)."""


class EmbeddedDialect(Dialect):
    """DuckDB in this process (the embedded engine): columnar, multi-core, reads Parquet as is."""

    name = "embedded"

    def __init__(self, *, threads: int | None = None, memory_limit: str | None = None) -> None:
        import duckdb

        self.con = duckdb.connect(":memory:")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])

    def open(self, table: str, path: Path) -> None:
        self.con.execute(
            f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet({_quoted(path)})"
        )

    def fetch(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def write(self, sql: str, path: Path) -> None:
        self.con.execute(f"COPY ({sql}) TO {_quoted(path)} (FORMAT parquet)")

    def register_scalar(self, name: str, function: Callable[..., float], *, arguments: int) -> None:
        from duckdb import sqltypes

        try:
            self.con.remove_function(name)
        except Exception:  # noqa: BLE001 (duckdb raises its own kinds): none by that name yet
            pass
        # One call a row: DuckDB's Arrow-vectorised functions measured slower here (37 s
        # against 17 s for 1.1M name comparisons).
        self.con.create_function(
            name, function, [sqltypes.VARCHAR] * arguments, sqltypes.DOUBLE, side_effects=False
        )

    def describe(self) -> str:
        import duckdb

        return f"embedded (DuckDB {duckdb.__version__})"

    def close(self) -> None:
        self.con.close()


def spark_session(master: str = DEFAULT_MASTER, *, partitions: int = 2, **conf: str) -> Any:
    """A SparkSession for the metrics (made once per process; PySpark reuses it).

    The web UI is off and, in local mode, Spark binds to 127.0.0.1: nothing listens on the
    network. ``partitions`` is ``spark.sql.shuffle.partitions``: 2 on this 2-core machine and
    in the tests, a few per core on a cluster.
    """
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName("weakties")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
    )
    if master.startswith("local"):
        # The Python functions a query calls (Dialect.register_scalar) run in Spark's Python
        # workers: this interpreter, with weakties and its dependencies (a cluster's workers
        # have theirs, named by PYSPARK_PYTHON).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Spark would look the host name up and warn when it resolves to a loopback address.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    for key, value in conf.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkDialect(Dialect):
    """Apache Spark SQL through PySpark: the same SQL, run by a local or a cluster's Spark."""

    name = "spark"

    def __init__(self, *, session: Any = None, master: str = DEFAULT_MASTER) -> None:
        self._own = session is None
        self.spark = session if session is not None else spark_session(master)

    def open(self, table: str, path: Path) -> None:
        self.spark.read.parquet(str(path)).createOrReplaceTempView(table)

    def fetch(self, sql: str) -> pa.Table:
        return self.spark.sql(sql).toArrow()

    def write(self, sql: str, path: Path) -> None:
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        self.spark.sql(sql).write.parquet(str(path))

    def register_scalar(self, name: str, function: Callable[..., float], *, arguments: int) -> None:
        from pyspark.sql.types import DoubleType

        self.spark.udf.register(name, function, DoubleType())

    def describe(self) -> str:
        return f"spark (Spark {self.spark.version}, {self.spark.sparkContext.master})"

    def close(self) -> None:
        if self._own:
            self.spark.stop()


def dialect_for(engine: str, *, master: str | None = None, session: Any = None) -> Dialect:
    """The dialect of ``engine`` (one of :data:`ENGINES`)."""
    if engine == "embedded":
        return EmbeddedDialect()
    if engine == "spark":
        return SparkDialect(session=session, master=master or DEFAULT_MASTER)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def read_table(path: Path) -> pa.Table:
    """A results table, written by either dialect (one file, or a folder of parts)."""
    return pq.read_table(str(path))
