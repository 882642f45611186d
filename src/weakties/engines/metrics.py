"""The join-shaped metrics, each written once as SQL that every dialect runs.

They read the snapshot's tables (:mod:`.manifest`) and mean what :mod:`weakties.network`
means by the same names; the parity tests hold them to the same numbers.

Only employees who share their network (``employees.sharing``) contribute ties, and a tie to a
person who is an employee in the snapshot (``ties.colleague``) is internal: it is no reach.

* **Reach** of an employee: the distinct people they know. **Unique reach**: those only they
  know among the sharing employees (key-person risk) [1]_.
* **Embeddedness** of a tie: how many *other* sharing employees know the same person, the
  structural overlap (mutual connections) that predicts tie strength [2]_ [3]_ and weak ties'
  value for job mobility [4]_. Per employee, the mean over their ties.
* **Growth**: people reached by the end of each year, from the day each was first reached.
* **Coverage** of companies, sectors and regions: per category, the people reached and the
  employees who know someone there [5]_; people whose category is unknown are counted apart.
* **Redundancy** under the same-company rule: Burt's constraint, effective size, efficiency
  and hierarchy of every employee, contacts at one company counting as tied [5]_
  (:mod:`.redundancy`, with Borgatti 1997).

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American Journal of Sociology*
   78(6), 1360-1380.
.. [2] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with Social Media.
   *Proceedings of CHI 2009*, 211-220.
.. [3] Marsden, P. V. & Campbell, K. E. (1984). Measuring Tie Strength. *Social Forces* 63(2).
.. [4] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. (2022). A
   causal test of the strength of weak ties. *Science* 377, 1304-1310.
.. [5] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
"""

from __future__ import annotations

from .redundancy import EMPLOYEE_REDUNDANCY

__all__ = ["ATTRIBUTES", "EXTERNAL", "METRICS"]

#: Ties that count for reach: from a sharing employee to someone outside the snapshot's staff.
EXTERNAL = """
    external AS (
        SELECT t.id AS tie_id, t.employee_id, t.person_id
        FROM ties t JOIN employees e ON e.id = t.employee_id
        WHERE e.sharing AND NOT t.colleague
    ),
    known AS (
        SELECT person_id, COUNT(*) AS known_by FROM external GROUP BY person_id
    )"""

EMPLOYEE_REACH = f"""
WITH {EXTERNAL}
SELECT e.id AS employee_id,
       CAST(COUNT(x.person_id) AS BIGINT) AS reach,
       CAST(COALESCE(SUM(CASE WHEN k.known_by = 1 THEN 1 ELSE 0 END), 0) AS BIGINT)
           AS unique_reach,
       AVG(CAST(k.known_by - 1 AS DOUBLE)) AS mean_embeddedness
FROM employees e
LEFT JOIN external x ON x.employee_id = e.id
LEFT JOIN known k ON k.person_id = x.person_id
GROUP BY e.id
ORDER BY e.id
"""

TIE_EMBEDDEDNESS = f"""
WITH {EXTERNAL}
SELECT x.tie_id, x.employee_id, x.person_id, CAST(k.known_by - 1 AS BIGINT) AS embeddedness
FROM external x JOIN known k ON k.person_id = x.person_id
ORDER BY x.tie_id
"""

#: The attribute, its category's key and label; a person's category comes from their company.
ATTRIBUTES = {
    "company": ("CAST(c.id AS STRING)", "c.name"),
    "sector": ("NULLIF(c.sector, '')", "NULLIF(c.sector, '')"),
    "region": ("NULLIF(c.region, '')", "NULLIF(c.region, '')"),
}

_LABELLED = ",\n".join(
    f"{key} AS {name}_key, {label} AS {name}_label" for name, (key, label) in ATTRIBUTES.items()
)
_PER_ATTRIBUTE = "\nUNION ALL\n".join(
    f"""SELECT '{name}' AS attribute, {name}_key AS category, MIN({name}_label) AS label,
       CAST(COUNT(DISTINCT person_id) AS BIGINT) AS people,
       CAST(COUNT(DISTINCT employee_id) AS BIGINT) AS employees
FROM labelled WHERE {name}_key IS NOT NULL GROUP BY {name}_key"""
    for name in ATTRIBUTES
)

COVERAGE = f"""
WITH {EXTERNAL},
labelled AS (
    SELECT x.employee_id, x.person_id,
{_LABELLED}
    FROM external x
    JOIN people p ON p.id = x.person_id
    LEFT JOIN companies c ON c.id = p.company_id
),
reached AS (SELECT COUNT(DISTINCT person_id) AS people_reached FROM external),
per AS (
{_PER_ATTRIBUTE}
)
SELECT per.attribute, per.category, per.label, per.people, per.employees,
       CAST(per.people AS DOUBLE) / CAST(reached.people_reached AS DOUBLE) AS share
FROM per CROSS JOIN reached
ORDER BY per.attribute, per.category
"""

_UNKNOWN = ",\n".join(
    f"CAST(COUNT(DISTINCT CASE WHEN {key} IS NULL THEN x.person_id END) AS BIGINT)"
    f" AS unknown_{name}"
    for name, (key, _label) in ATTRIBUTES.items()
)

SUMMARY = f"""
WITH {EXTERNAL}
SELECT CAST(COUNT(DISTINCT x.person_id) AS BIGINT) AS people_reached,
       CAST(COUNT(*) AS BIGINT) AS external_ties,
       CAST((SELECT COUNT(*) FROM employees WHERE sharing) AS BIGINT) AS employees_sharing,
       CAST((SELECT COUNT(*) FROM employees) AS BIGINT) AS employees,
{_UNKNOWN}
FROM external x
JOIN people p ON p.id = x.person_id
LEFT JOIN companies c ON c.id = p.company_id
"""

#: People reached by the end of each year in which someone was first reached (cumulative): a
#: person counts from the day of their first tie, made (``connected_on``) or else imported.
GROWTH = f"""
WITH {EXTERNAL},
first AS (
    SELECT x.person_id, MIN(COALESCE(t.connected_on, t.first_seen)) AS day
    FROM external x JOIN ties t ON t.id = x.tie_id
    GROUP BY x.person_id
),
per_year AS (
    SELECT YEAR(day) AS year, COUNT(*) AS people FROM first WHERE day IS NOT NULL
    GROUP BY YEAR(day)
)
SELECT CAST(year AS BIGINT) AS year,
       CAST(SUM(people) OVER (ORDER BY year ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            AS BIGINT) AS people
FROM per_year
ORDER BY year
"""

#: Results table → the SQL that fills it (the tables of ``manifest.RESULT_TABLES``).
METRICS = {
    "employee_reach": EMPLOYEE_REACH,
    "tie_embeddedness": TIE_EMBEDDEDNESS,
    "coverage": COVERAGE,
    "summary": SUMMARY,
    "growth": GROWTH,
    "employee_redundancy": EMPLOYEE_REDUNDANCY,
}
