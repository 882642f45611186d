"""Who can introduce: for every target of a list, the colleagues who know someone there.

A target is a company (by its normalised ``key``, as :class:`~weakties.people.models.Company`
stores it) or a person (by the digest of their LinkedIn profile address, as the database
stores identifiers). A candidate is a sharing employee with a tie to someone outside the
snapshot's staff who works at the target company or is the target person: the same ties that
count for reach (:mod:`.metrics`), and the same candidates as the in-process ranking of
:func:`weakties.network.warm_introductions` (a colleague who knows someone there; Granovetter
1973 [1]_). Per (target, employee) it gives how many people they know there, how many of those
ties the last analysis placed in the strong tier (a colleague who can vouch), and their
strongest tie; the ranking for a purpose (Rajkumar et al. 2022 [2]_) stays with the app.

The SQL is written once and run by any dialect over the snapshot's tables and a ``targets``
table (:data:`TARGETS`).

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American Journal of Sociology*
   78(6), 1360-1380.
.. [2] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. (2022). A
   causal test of the strength of weak ties. *Science* 377, 1304-1310.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from .dialects import Dialect
from .manifest import table_path
from .metrics import EXTERNAL
from .snapshot_tables import open_input, open_snapshot

__all__ = ["INTRODUCERS", "TARGETS", "TARGET_KINDS", "who_can_introduce"]

#: The target list: one row per target; ``key`` is a company key or a LinkedIn digest.
TARGETS = pa.schema([("target_id", pa.int64()), ("kind", pa.string()), ("key", pa.string())])
TARGET_KINDS = ("company", "person")
#: Where the target list and the candidates go, inside the snapshot folder.
FOLDER = "introducers"

INTRODUCERS = f"""
WITH {EXTERNAL},
hits AS (
    SELECT g.target_id, x.tie_id, x.employee_id, x.person_id
    FROM targets g
    JOIN companies c ON c.key = g.key
    JOIN people p ON p.company_id = c.id
    JOIN external x ON x.person_id = p.id
    WHERE g.kind = 'company'
    UNION ALL
    SELECT g.target_id, x.tie_id, x.employee_id, x.person_id
    FROM targets g
    JOIN identifiers i ON i.digest = g.key AND i.kind = 'linkedin'
    JOIN external x ON x.person_id = i.person_id
    WHERE g.kind = 'person'
)
SELECT h.target_id, h.employee_id,
       CAST(COUNT(DISTINCT h.person_id) AS BIGINT) AS people,
       CAST(COUNT(*) AS BIGINT) AS ties,
       CAST(SUM(CASE WHEN t.tier = 'strong' THEN 1 ELSE 0 END) AS BIGINT) AS strong_ties,
       MAX(t.strength) AS best_strength
FROM hits h JOIN ties t ON t.id = h.tie_id
GROUP BY h.target_id, h.employee_id
ORDER BY h.target_id, h.employee_id
"""


def _targets(targets: pa.Table) -> pa.Table:
    table = targets.select(TARGETS.names).cast(TARGETS)
    kinds = set(table.column("kind").to_pylist())
    if not kinds <= set(TARGET_KINDS):
        raise ValueError(f"unknown target kinds: {sorted(map(str, kinds - set(TARGET_KINDS)))}")
    return table


def who_can_introduce(folder: Path, dialect: Dialect, targets: pa.Table) -> Path:
    """Write the candidates for ``targets`` over the snapshot in ``folder``; their path.

    ``targets`` has the columns of :data:`TARGETS`. The snapshot's manifest and checksums are
    checked first. The candidates go to ``folder/introducers/introducers.parquet`` (a folder
    of parts on Spark): ``target_id, employee_id, people, ties, strong_ties, best_strength``,
    one row per target and colleague who knows someone there.
    """
    tables = ("companies", "people", "identifiers", "employees", "ties")
    out = open_snapshot(folder, dialect, tables, output=FOLDER)
    open_input(out, "targets", _targets(targets), dialect)
    result = table_path(out, "introducers")
    dialect.write(INTRODUCERS, result)
    return result
