"""Supply and demand across an employer network: candidate contacts for vacancies, as SQL.

An employer network's demand (vacancies and work-experience places, :mod:`weakties.matching`)
is matched against the second degree: the people the members' sharing employees know, by
their position ("is this something for your contact?", Granovetter 1973 [1]_; moderately weak
ties help job mobility most, Rajkumar et al. 2022 [2]_). In-process the matcher scores a
vacancy against every contact (:func:`weakties.matching.match_contacts`); over a national
network that is a join of every vacancy with millions of people, and it runs on an engine.

The engines generate the **candidates**: the (vacancy, contact) pairs whose occupations are
close, with the matcher's occupation component, :func:`weakties.matching.taxonomy.
occupation_similarity` (ESCO/ISCO-style occupations and families [3]_): 1.0 for the same
occupation, 0.7 for the same family, 0.35 for related families. A pair with no occupational
link is no candidate (its content rests on words and skills alone). The titles are read in
Python once per *distinct* position (:func:`~weakties.matching.taxonomy.read_title`), not per
person; the join of vacancies, people, ties and occupation terms is the one SQL
(:data:`CANDIDATES`) every dialect runs. Per pair it also gives how many sharing employees
know the contact, the people the app then asks. The rest of the score (skills, BM25 over the
words, region and level) and the reasons are the in-process matcher's, over these candidates.

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American Journal of Sociology*
   78(6), 1360-1380.
.. [2] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. (2022). A
   causal test of the strength of weak ties. *Science* 377, 1304-1310.
.. [3] European Commission (2017). ESCO: European Skills, Competences, Qualifications and
   Occupations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa

from weakties.matching.records import DEMAND_KINDS, Request
from weakties.matching.taxonomy import (
    RELATED_FAMILY,
    SAME_FAMILY,
    SAME_OCCUPATION,
    TitleProfile,
    read_title,
    related_families,
)

from .dialects import Dialect
from .manifest import table_path
from .metrics import EXTERNAL
from .snapshot_tables import open_input, open_snapshot

__all__ = ["CANDIDATES", "FOLDER", "LINKS", "TERMS", "profile_terms", "supply_demand_candidates"]

#: Where the demand, the occupation terms and the candidates go, inside the snapshot folder.
FOLDER = "supply_demand"
#: What a title names: ``kind`` is ``occupation`` or ``family``, ``value`` its id.
TERMS = pa.schema([("key", pa.string()), ("kind", pa.string()), ("value", pa.string())])
RELATED = pa.schema([("family", pa.string()), ("other", pa.string())])
#: The links, weakest first, as ``least`` names them; their grade in the SQL is 1, 2, 3.
LINKS = ("related", "family", "synonym")

CANDIDATES = f"""
WITH {EXTERNAL},
contacts AS (
    SELECT x.person_id, MIN(p.position) AS position, CAST(COUNT(*) AS BIGINT) AS knowers
    FROM external x JOIN people p ON p.id = x.person_id
    WHERE p.position IS NOT NULL
    GROUP BY x.person_id
),
contact_terms AS (
    SELECT c.person_id, t.kind, t.value
    FROM contacts c JOIN position_terms t ON t.key = c.position
),
grades AS (
    SELECT d.key AS request, c.person_id, 3 AS grade
    FROM demand_terms d
    JOIN contact_terms c ON c.kind = 'occupation' AND c.value = d.value
    WHERE d.kind = 'occupation'
    UNION ALL
    SELECT d.key AS request, c.person_id, 2 AS grade
    FROM demand_terms d
    JOIN contact_terms c ON c.kind = 'family' AND c.value = d.value
    WHERE d.kind = 'family'
    UNION ALL
    SELECT d.key AS request, c.person_id, 1 AS grade
    FROM demand_terms d
    JOIN related r ON r.other = d.value
    JOIN contact_terms c ON c.kind = 'family' AND c.value = r.family
    WHERE d.kind = 'family'
),
best AS (
    SELECT request, person_id, MAX(grade) AS grade FROM grades GROUP BY request, person_id
)
SELECT CAST(b.request AS BIGINT) AS request_id, b.person_id,
       CASE b.grade WHEN 3 THEN 'synonym' WHEN 2 THEN 'family' ELSE 'related' END AS link,
       CAST(CASE b.grade WHEN 3 THEN {SAME_OCCUPATION!r} WHEN 2 THEN {SAME_FAMILY!r}
            ELSE {RELATED_FAMILY!r} END AS DOUBLE) AS occupation,
       c.knowers
FROM best b JOIN contacts c ON c.person_id = b.person_id
WHERE b.grade >= {{least}}
ORDER BY request_id, b.person_id
"""


def profile_terms(key: str, profile: TitleProfile) -> list[tuple[str, str, str]]:
    """The rows of :data:`TERMS` for one title's profile."""
    return [(key, "occupation", o) for o in sorted(profile.occupation_ids)] + [
        (key, "family", f) for f in sorted(profile.families)
    ]


def _terms(rows: Iterable[tuple[str, str, str]]) -> pa.Table:
    key, kind, value = zip(*rows, strict=True) if rows else ((), (), ())
    return pa.table([list(key), list(kind), list(value)], schema=TERMS)


def _positions(dialect: Dialect) -> list[str]:
    """The distinct positions of the people the sharing employees know (a small query)."""
    rows = dialect.fetch(
        f"WITH {EXTERNAL} SELECT DISTINCT p.position FROM external x "
        "JOIN people p ON p.id = x.person_id WHERE p.position IS NOT NULL"
    )
    return [str(v) for v in rows.column(0).to_pylist()]


def supply_demand_candidates(
    folder: Path, dialect: Dialect, demand: Sequence[Request], *, least: str = "related"
) -> Path:
    """Write the candidate contacts of every vacancy in ``demand`` over the snapshot; their path.

    Requests of other kinds than :data:`~weakties.matching.DEMAND_KINDS` are left out. The
    snapshot's manifest and checksums are checked first. The candidates go to
    ``folder/supply_demand/candidates.parquet`` (a folder of parts on Spark): ``request_id,
    person_id, link, occupation, knowers``, one row per vacancy and contact whose occupations
    are linked, by ``least`` at least (``"family"`` leaves out related families, ``"synonym"``
    keeps the same occupation only: the candidates of a large network are many).
    """
    if least not in LINKS:
        raise ValueError(f"least must be one of {', '.join(LINKS)}, not {least!r}")
    out = open_snapshot(folder, dialect, ("people", "employees", "ties"), output=FOLDER)
    wanted = [r for r in demand if r.kind in DEMAND_KINDS]
    demand_rows = [
        row for r in wanted for row in profile_terms(str(r.id), read_title(r.title, r.text))
    ]
    position_rows = [
        row
        for position in _positions(dialect)
        for row in profile_terms(position, read_title(position))
    ]
    related = [(f, o) for f, others in sorted(related_families().items()) for o in sorted(others)]
    open_input(out, "demand_terms", _terms(demand_rows), dialect)
    open_input(out, "position_terms", _terms(position_rows), dialect)
    pairs = list(zip(*related, strict=True)) if related else [(), ()]
    related_table = pa.table([list(pairs[0]), list(pairs[1])], schema=RELATED)
    open_input(out, "related", related_table, dialect)
    result = table_path(out, "candidates")
    dialect.write(CANDIDATES.format(least=LINKS.index(least) + 1), result)
    return result
