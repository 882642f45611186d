"""Candidate pairs for identity resolution on the engines: blocking and pair scoring.

The import resolves each contact to a person one at a time (:class:`weakties.resolve.PersonIndex`).
Over a national network the same rules are run here as a batch, over the snapshot's people, to
find the pairs of stored people that the rules would take for one person: duplicates left
apart (contacts resolved in another order, in another organisation of a federation, before a
rule existed), to be reviewed or merged. The SQL is written once and every dialect runs it; the
one thing SQL cannot say, the name comparison, is the resolver's own
:func:`~weakties.resolve.names.name_similarity`, lent to each engine as a function
(:meth:`~weakties.engines.dialects.Dialect.register_scalar`).

The people table carries the keys the rules compare (:func:`resolution_columns`, at export):
the parsed name (given names, particles, core family name: :func:`~weakties.resolve.parse_name`),
the company as the resolver compares it (``company_key`` without spaces and "&") and the job
title without its level words. Identifiers are the snapshot's digests.

A pair ``(left_id < right_id)`` is a candidate under the first rule that gives it:

``name+company`` (rule 2 of :mod:`weakties.resolve.people`)
    Both named, at the same company, sharing a block (the company plus the first three letters
    of the core family name or of the given names, one namespace for both), and
    ``name_similarity >= threshold`` (0.92): 1.0 for the same compact name, 0.99 for the same
    given and core names with compatible particles, else rapidfuzz's ``token_sort_ratio``. A
    fuzzy score under 0.99 is vetoed when both differing given (or core) names are each borne
    by two or more people with a company: two names, not a typo.
``rare name`` (rule 5)
    The only two bearers of the same full name, when by chance at most ``rare`` (0.1) bearers
    of it would be expected, ``n_given * n_core / N`` over the named people (Winkler's
    term-frequency adjustment [3]_), or ten times that when both have the same job title; no
    company on both sides that differs, and no job title on both sides that differs.

A pair whose identifiers contradict (rule 3: both have a LinkedIn profile and share none, or
both have e-mail addresses and share none) is never a candidate. The score is the name
similarity (1.0 for a rare name); ``namesakes`` the bearers expected by chance (rare names
only). Deterministic record linkage after Fellegi & Sunter [1]_ with blocking as in
Christen [2]_. Frequencies count the whole snapshot, where the incremental index counts the
people before the contact: the batch rules are the index's with every person present.

A person without a company takes part in the rare-name rule only: the e-mail domain that the
import reads a company from is not in the snapshot (digests only).

References
----------
.. [1] Fellegi, I. P. & Sunter, A. B. (1969). A Theory for Record Linkage. *Journal of the
   American Statistical Association* 64(328), 1183-1210.
.. [2] Christen, P. (2012). *Data Matching*. Springer, ch. 4 (indexing / blocking).
.. [3] Winkler, W. E. (1988). Using the EM algorithm for weight computation in the
   Fellegi-Sunter model of record linkage. *Proceedings of the Section on Survey Research
   Methods*, American Statistical Association, 667-671.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from weakties.resolve.names import NameParts, name_similarity, parse_name
from weakties.resolve.people import AGREEING_TITLE, RARE_NAME, compact_company, title_key

from .dialects import Dialect, read_table
from .manifest import read_manifest, table_path

__all__ = [
    "FOLDER",
    "PAIRS",
    "RULES",
    "THRESHOLD",
    "candidate_pairs",
    "pairs_sql",
    "resolution_columns",
    "rule_counts",
    "score_names",
]

#: The resolver's default threshold for a fuzzy name match (``PersonIndex(threshold=)``).
THRESHOLD = 0.92
RULES = ("name+company", "rare name")
#: Where the pairs go, inside the snapshot folder.
FOLDER = "resolution"
PAIRS = pa.schema(
    [
        ("left_id", pa.int64()),
        ("right_id", pa.int64()),
        ("rule", pa.string()),
        ("score", pa.float64()),
        ("namesakes", pa.float64()),
    ]
)
#: The columns :func:`resolution_columns` adds to the snapshot's people.
COLUMNS = (
    ("given_name", pa.string()),
    ("name_particles", pa.string()),
    ("family_name", pa.string()),
    ("company_compact", pa.string()),
    ("title", pa.string()),
)


def resolution_columns(
    first_name: str, last_name: str, company: str, position: str
) -> tuple[str, str, str, str, str]:
    """What the resolver compares of a stored person (:data:`COLUMNS`), as the index reads it.

    >>> resolution_columns("Jan van den", "Berg MSc", "Müller & Zonen B.V.", "Senior Calculator")
    ('jan', 'van den', 'berg', 'mullerzonen', 'calculator')
    """
    name = parse_name(first_name or "", last_name or "")
    return (
        name.given,
        name.particles,
        name.core,
        compact_company(company) if company else "",
        title_key(position) if position else "",
    )


def score_names(
    given_a: str, particles_a: str, core_a: str, given_b: str, particles_b: str, core_b: str
) -> float:
    """:func:`~weakties.resolve.names.name_similarity` of two names given by their parts.

    >>> score_names("jan", "van den", "berg", "jan", "vd", "berg")
    0.99
    """
    return name_similarity(
        _parts(given_a, particles_a, core_a), _parts(given_b, particles_b, core_b)
    )


@lru_cache(maxsize=1 << 16)
def _parts(given: str, particles: str, core: str) -> NameParts:
    key = " ".join(w for w in (given, particles, core) if w)
    return NameParts(key, given, particles, core, key.replace(" ", ""))


def _double(value: float) -> str:
    """A float as a SQL double, exactly (a plain ``0.92`` is a decimal in both engines)."""
    return f"CAST('{float(value)!r}' AS DOUBLE)"


def pairs_sql(
    *, threshold: float = THRESHOLD, rare: float = RARE_NAME, function: str = "name_similarity"
) -> str:
    """The candidate pairs as one query over ``people`` and ``identifiers``.

    ``function`` is the name the dialect registered :func:`score_names` under.
    """
    slack = _double(1.0 - threshold)
    return f"""
WITH named AS (
    SELECT id, given_name AS given, name_particles AS particles, family_name AS core,
           replace(concat(given_name, name_particles, family_name), ' ', '') AS compact,
           length(given_name) + length(name_particles) + length(family_name)
               + CASE WHEN name_particles <> '' THEN 2 ELSE 1 END AS size,
           company_compact AS company, title
    FROM people
    WHERE given_name <> '' AND family_name <> ''
),
blocks AS (
    SELECT company, substring(replace(core, ' ', ''), 1, 3) AS block, id
    FROM named WHERE company <> ''
    UNION
    SELECT company, substring(replace(given, ' ', ''), 1, 3) AS block, id
    FROM named WHERE company <> ''
),
given_counts AS (
    SELECT given, COUNT(*) AS n FROM named WHERE company <> '' GROUP BY given
),
core_counts AS (
    SELECT core, COUNT(*) AS n FROM named WHERE company <> '' GROUP BY core
),
held AS (
    SELECT person_id,
           SUM(CASE WHEN kind = 'linkedin' THEN 1 ELSE 0 END) AS linkedins,
           SUM(CASE WHEN kind = 'email' THEN 1 ELSE 0 END) AS emails
    FROM identifiers GROUP BY person_id
),
shared AS (
    SELECT a.person_id AS left_id, b.person_id AS right_id,
           SUM(CASE WHEN a.kind = 'linkedin' THEN 1 ELSE 0 END) AS linkedins,
           SUM(CASE WHEN a.kind = 'email' THEN 1 ELSE 0 END) AS emails
    FROM identifiers a
    JOIN identifiers b ON b.kind = a.kind AND b.digest = a.digest AND a.person_id < b.person_id
    GROUP BY a.person_id, b.person_id
),
blocked AS (
    SELECT DISTINCT a.id AS left_id, b.id AS right_id
    FROM blocks a JOIN blocks b ON b.company = a.company AND b.block = a.block AND a.id < b.id
),
near AS (
    SELECT k.left_id, k.right_id,
           a.given AS given_a, a.particles AS particles_a, a.core AS core_a,
           b.given AS given_b, b.particles AS particles_b, b.core AS core_b
    FROM blocked k JOIN named a ON a.id = k.left_id JOIN named b ON b.id = k.right_id
    WHERE (a.given = b.given AND a.core = b.core)
       OR NOT ABS(a.size - b.size) > {slack} * (a.size + b.size)
),
scored AS (
    SELECT left_id, right_id, given_a, core_a, given_b, core_b,
           {function}(given_a, particles_a, core_a, given_b, particles_b, core_b) AS score
    FROM near
),
name_company AS (
    SELECT s.left_id, s.right_id, s.score
    FROM scored s
    JOIN given_counts ga ON ga.given = s.given_a
    JOIN given_counts gb ON gb.given = s.given_b
    JOIN core_counts ca ON ca.core = s.core_a
    JOIN core_counts cb ON cb.core = s.core_b
    WHERE s.score >= {_double(threshold)}
      AND NOT (s.score < {_double(0.99)} AND (
           (s.given_a <> s.given_b AND ga.n >= 2 AND gb.n >= 2)
        OR (s.core_a <> s.core_b AND ca.n >= 2 AND cb.n >= 2)))
),
bearers AS (
    SELECT compact, COUNT(*) AS n FROM named GROUP BY compact
),
name_given AS (SELECT given, COUNT(*) AS n FROM named GROUP BY given),
name_core AS (SELECT core, COUNT(*) AS n FROM named GROUP BY core),
everyone AS (SELECT COUNT(*) AS n FROM named),
expected AS (
    SELECT m.id, m.compact, m.company, m.title,
           CAST(g.n * c.n AS DOUBLE) / e.n AS namesakes
    FROM named m
    JOIN name_given g ON g.given = m.given
    JOIN name_core c ON c.core = m.core
    CROSS JOIN everyone e
),
rare AS (
    SELECT a.id AS left_id, b.id AS right_id,
           GREATEST(a.namesakes, b.namesakes) AS namesakes
    FROM expected a
    JOIN expected b ON b.compact = a.compact AND a.id < b.id
    JOIN bearers n ON n.compact = a.compact AND n.n = 2
    WHERE NOT (a.company <> '' AND b.company <> '' AND a.company <> b.company)
      AND NOT (a.title <> '' AND b.title <> '' AND a.title <> b.title)
      AND GREATEST(a.namesakes, b.namesakes) <= CASE WHEN a.title <> '' AND a.title = b.title
          THEN {_double(rare * AGREEING_TITLE)} ELSE {_double(rare * 1.0)} END
),
found AS (
    SELECT left_id, right_id, 'name+company' AS rule, score,
           CAST(NULL AS DOUBLE) AS namesakes
    FROM name_company
    UNION ALL
    SELECT r.left_id, r.right_id, 'rare name' AS rule, CAST(1.0 AS DOUBLE) AS score, r.namesakes
    FROM rare r
    LEFT JOIN name_company x ON x.left_id = r.left_id AND x.right_id = r.right_id
    WHERE x.left_id IS NULL
)
SELECT f.left_id, f.right_id, f.rule, f.score, f.namesakes
FROM found f
LEFT JOIN held ha ON ha.person_id = f.left_id
LEFT JOIN held hb ON hb.person_id = f.right_id
LEFT JOIN shared s ON s.left_id = f.left_id AND s.right_id = f.right_id
WHERE NOT (COALESCE(ha.linkedins, 0) > 0 AND COALESCE(hb.linkedins, 0) > 0
           AND COALESCE(s.linkedins, 0) = 0)
  AND NOT (COALESCE(ha.emails, 0) > 0 AND COALESCE(hb.emails, 0) > 0
           AND COALESCE(s.emails, 0) = 0)
ORDER BY f.left_id, f.right_id
"""


def candidate_pairs(
    folder: Path, dialect: Dialect, *, threshold: float = THRESHOLD, rare: float = RARE_NAME
) -> Path:
    """Write the candidate pairs of the snapshot in ``folder``; their path.

    The snapshot's manifest and checksums are checked first. The pairs go to
    ``folder/resolution/pairs.parquet`` (a folder of parts on Spark), with the columns of
    :data:`PAIRS`, ordered by ``left_id, right_id``.
    """
    folder = Path(folder)
    read_manifest(folder)
    for table in ("people", "identifiers"):
        dialect.open(table, table_path(folder, table))
    dialect.register_scalar("name_similarity", score_names, arguments=6)
    out = folder / FOLDER
    out.mkdir(exist_ok=True)
    result = table_path(out, "pairs")
    dialect.write(pairs_sql(threshold=threshold, rare=rare), result)
    return result


def rule_counts(path: Path) -> dict[str, int]:
    """How many pairs each rule gave (every rule named, 0 for none)."""
    counts = dict.fromkeys(RULES, 0)
    for rule in read_table(path).column("rule").to_pylist():
        counts[rule] += 1
    return counts
