"""Burt's redundancy per employee under the same-company rule, written once as SQL.

The graph is the one :func:`weakties.insights.services.snapshots.load_network` builds: a node
per employee and per person outside the staff, an undirected tie for every tie of a sharing
employee (a tie to a colleague joins two employees; duplicates merge, self-ties drop). Ties
*between* the people an employee imported are not observed, so Burt's measures [1]_ would call
contacts non-redundant who are colleagues at one company. Under the **same-company rule** any
two people at one company count as tied (:mod:`weakties.network.structural_holes`,
``company_fallback="company"``), with every tie counting 1 (the unweighted measures; the
weighted ones depend on the tie strength of an analysis run and stay in-process).

For an employee ``i`` with ``n`` contacts, ``deg'(q)`` the contacts of ``q`` in that graph (a
person at company ``c`` also has the other ``size(c) - 1`` people there) and ``k_ic`` how many
of ``i``'s contacts work at ``c``:

* **Constraint** ``c(i) = sum_j ((1 + sum_{q in N(i), q ~ j} 1 / deg'(q)) / n)^2`` (Burt 1992,
  p. 54 [1]_), with ``q ~ j`` an observed tie or the same company; **hierarchy** is the
  Coleman-Theil disorder of the contact-level terms (Burt 1992, p. 71).
* **Effective size** ``n - 2 t' / n``, Borgatti's form [2]_ of Burt's measure for unweighted
  ties: ``t'`` is the observed ties among the contacts (``alter_ties``) plus the pairs tied only
  by the rule (``implied_pairs = sum_c k_ic (k_ic - 1) / 2``); **efficiency** is it over ``n``.
* The same measures on the observed ties only, ``*_observed``, as ``weighted=False`` without
  the rule gives them.

Every tie has an employee at one end, and employees have no company in the graph, so no
observed tie joins two people of one company: the rule's pairs never overlap observed ones.
The sums over common contacts are a wedge join of the ties with themselves (``ego -> q -> j``
closed by ``ego -> j``); the company cliques are never built, only ``k_ic`` and
``sum 1 / deg'(q)`` per ``(employee, company)``. Employees without ties get NULL (NetworkX and
:mod:`weakties.network` give NaN).

Over a federation's snapshot the staff is every member's: a tie to an employee of another
member joins two employees, as a colleague tie does within one organisation.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
   University Press.
.. [2] Borgatti, S. P. (1997). Structural Holes: Unpacking Burt's Redundancy Measures.
   *Connections* 20(1), 35-38.
"""

from __future__ import annotations

__all__ = ["EMPLOYEE_REDUNDANCY", "GRAPH"]

#: The undirected graph as arcs (both directions): an employee is node ``-id``, a person ``id``;
#: each node's degree, company (people only) and degree under the same-company rule.
GRAPH = """
    ends AS (
        SELECT -t.employee_id AS a,
               CASE WHEN t.colleague THEN -c.id ELSE t.person_id END AS b
        FROM ties t
        JOIN employees e ON e.id = t.employee_id
        LEFT JOIN employees c ON t.colleague AND c.person_id = t.person_id
        WHERE e.sharing AND (NOT t.colleague OR c.id IS NOT NULL)
    ),
    edges AS (
        SELECT DISTINCT LEAST(a, b) AS lo, GREATEST(a, b) AS hi FROM ends WHERE a <> b
    ),
    arcs AS (
        SELECT lo AS src, hi AS dst FROM edges
        UNION ALL
        SELECT hi AS src, lo AS dst FROM edges
    ),
    degrees AS (
        SELECT src AS node, COUNT(*) AS deg FROM arcs GROUP BY src
    ),
    placed AS (
        SELECT d.node, d.deg, p.company_id
        FROM degrees d LEFT JOIN people p ON d.node > 0 AND p.id = d.node
    ),
    sizes AS (
        SELECT company_id, COUNT(*) AS size FROM placed
        WHERE company_id IS NOT NULL GROUP BY company_id
    ),
    nodes AS (
        SELECT x.node, x.company_id,
               CAST(x.deg AS DOUBLE) AS deg,
               CAST(x.deg + COALESCE(s.size - 1, 0) AS DOUBLE) AS deg_rule
        FROM placed x LEFT JOIN sizes s ON s.company_id = x.company_id
    )"""

EMPLOYEE_REDUNDANCY = f"""
WITH {GRAPH},
wedges AS (
    SELECT a1.src AS ego, a3.dst AS contact,
           CAST(COUNT(*) AS BIGINT) AS common,
           SUM(1 / q.deg) AS via_observed,
           SUM(1 / q.deg_rule) AS via_rule
    FROM arcs a1
    JOIN arcs a2 ON a2.src = a1.dst AND a2.dst <> a1.src
    JOIN arcs a3 ON a3.src = a1.src AND a3.dst = a2.dst
    JOIN nodes q ON q.node = a1.dst
    WHERE a1.src < 0
    GROUP BY a1.src, a3.dst
),
at_company AS (
    SELECT a.src AS ego, n.company_id,
           CAST(COUNT(*) AS BIGINT) AS k,
           SUM(1 / n.deg_rule) AS via_rule
    FROM arcs a JOIN nodes n ON n.node = a.dst
    WHERE a.src < 0 AND n.company_id IS NOT NULL
    GROUP BY a.src, n.company_id
),
per_contact AS (
    SELECT a.src AS ego, n_i.deg AS n,
           COALESCE(w.common, 0) AS common,
           POWER((1 + COALESCE(w.via_rule, 0)
                  + CASE WHEN j.company_id IS NULL THEN 0
                         ELSE g.via_rule - 1 / j.deg_rule END) / n_i.deg, 2) AS c_rule,
           POWER((1 + COALESCE(w.via_observed, 0)) / n_i.deg, 2) AS c_observed
    FROM arcs a
    JOIN nodes n_i ON n_i.node = a.src
    JOIN nodes j ON j.node = a.dst
    LEFT JOIN wedges w ON w.ego = a.src AND w.contact = a.dst
    LEFT JOIN at_company g ON g.ego = a.src AND g.company_id = j.company_id
    WHERE a.src < 0
),
shares AS (
    SELECT ego, n, common, c_rule,
           c_rule * n / SUM(c_rule) OVER (PARTITION BY ego) AS r
    FROM per_contact
),
per_ego AS (
    SELECT ego, MIN(n) AS n,
           CAST(SUM(common) AS BIGINT) AS common,
           SUM(c_rule) AS c_rule,
           SUM(CASE WHEN r > 0 THEN r * LN(r) ELSE 0 END) AS disorder
    FROM shares GROUP BY ego
),
observed AS (
    SELECT ego, SUM(c_observed) AS c_observed FROM per_contact GROUP BY ego
),
implied AS (
    SELECT ego, CAST(SUM(k * (k - 1) / 2) AS BIGINT) AS pairs FROM at_company GROUP BY ego
)
SELECT e.id AS employee_id,
       CAST(COALESCE(x.n, 0) AS BIGINT) AS contacts,
       CAST(COALESCE(x.common, 0) / 2 AS BIGINT) AS alter_ties,
       CAST(COALESCE(m.pairs, 0) AS BIGINT) AS implied_pairs,
       x.c_rule AS constraint_company,
       x.n - (x.common + 2 * COALESCE(m.pairs, 0)) / x.n AS effective_size_company,
       (x.n - (x.common + 2 * COALESCE(m.pairs, 0)) / x.n) / x.n AS efficiency_company,
       CASE WHEN x.n = 1 THEN CAST(1 AS DOUBLE)
            WHEN x.c_rule > 0 THEN x.disorder / (x.n * LN(x.n)) END AS hierarchy_company,
       o.c_observed AS constraint_observed,
       x.n - x.common / x.n AS effective_size_observed,
       (x.n - x.common / x.n) / x.n AS efficiency_observed
FROM employees e
LEFT JOIN per_ego x ON x.ego = -e.id
LEFT JOIN observed o ON o.ego = -e.id
LEFT JOIN implied m ON m.ego = -e.id
ORDER BY e.id
"""
