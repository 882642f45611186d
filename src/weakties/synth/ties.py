"""Who knows whom: network sizes, contact mixtures, colleague ties and dates.

Network sizes are log-normal (median a few hundred, a tail beyond 3,000), the
shape observed for LinkedIn and Facebook degree distributions [2]_; account
managers and recruiters have larger networks.  Colleague ties on LinkedIn are
symmetric, so they are drawn as one undirected graph (a degree-corrected
block model: same department, manager and report) and appear in both
employees' exports with the same date.

References
----------
.. [1] Barabási, A.-L., Albert, R. (1999). Emergence of scaling in random
   networks. *Science* 286(5439), 509-512.
.. [2] Ugander, J., Karrer, B., Backstrom, L., Marlow, C. (2011). The anatomy
   of the Facebook social graph. arXiv:1111.4503.
.. [3] Chung, F., Lu, L. (2002). Connected components in random graphs with
   given expected degree sequences. *Annals of Combinatorics* 6, 125-145.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from .companies import REGIONS
from .model import SynthEmployee
from .population import N_CLUSTERS, SECTOR_KEYS

__all__ = [
    "MEAN_DEGREE",
    "Colleagues",
    "SIGMA",
    "colleague_edges",
    "connection_dates",
    "contact_mixture",
    "sample_degrees",
]

#: Mean number of LinkedIn connections per employee (about 400k for 1,000 employees).
MEAN_DEGREE = 400.0
#: Log-normal shape; mean / median = exp(SIGMA**2 / 2) ≈ 1.38.
SIGMA = 0.8
#: LinkedIn caps a member's connections at 30,000.
MAX_DEGREE = 30_000
YEARS = 15

_ROLE_FACTOR = {"account_manager": 2.5, "recruiter": 4.0, "representative": 2.5, "admin": 1.4}
_DEPT_FACTOR = {"Sales": 1.3, "Management": 1.5, "Engineering": 0.9, "Customer Service": 0.7}


def sample_degrees(rng: np.random.Generator, employees: list[SynthEmployee]) -> np.ndarray:
    """LinkedIn network size per employee (colleagues included).

    Log-normal with shape :data:`SIGMA`, scaled per role and department, and
    then rescaled so that the organisation's mean is exactly
    :data:`MEAN_DEGREE` (one extreme recruiter does not inflate the total, so
    1,000 employees give about 400k rows for every seed).
    """
    factor = np.array(
        [_ROLE_FACTOR.get(e.role, 1.0) * _DEPT_FACTOR.get(e.department, 1.0) for e in employees]
    )
    raw = rng.lognormal(0.0, SIGMA, size=len(employees)) * factor
    scaled = raw * (MEAN_DEGREE * len(employees) / raw.sum())
    return np.clip(np.rint(scaled), 3, MAX_DEGREE).astype(np.int64)


def _sector_vector(weights: dict[str, float]) -> np.ndarray:
    v = np.array([weights.get(s, 0.0) for s in SECTOR_KEYS])
    return v / v.sum()


_DEPT_SECTORS = {
    "Management": {"finance": 0.2, "zakelijke dienstverlening": 0.2, "it": 0.2, "overheid": 0.1},
    "Engineering": {"it": 0.6, "onderwijs": 0.12, "zakelijke dienstverlening": 0.08},
    "Finance": {"finance": 0.5, "zakelijke dienstverlening": 0.25, "it": 0.1},
    "Marketing": {"media": 0.4, "it": 0.2, "retail": 0.15},
    "Operations": {"logistiek": 0.3, "industrie": 0.2, "it": 0.2, "bouw": 0.1},
    "Customer Service": {"retail": 0.3, "it": 0.25, "logistiek": 0.1},
    "HR & Recruitment": {"zakelijke dienstverlening": 0.35, "onderwijs": 0.2, "it": 0.2},
    "Sales": {"it": 0.2},
}


def contact_mixture(
    rng: np.random.Generator,
    employee: SynthEmployee,
    index: int,
    customer_sectors: tuple[str, ...],
    hq_region: int,
) -> np.ndarray:
    """Probability over (sector, region) clusters that one employee's contacts come from.

    The sector part mixes a role/department profile (account manager ``i``
    covers customer sector ``i mod k``; recruiters know IT people, students and
    agencies) with an individual Dirichlet component (earlier jobs, study);
    the region part favours the employee's own region and the head office.
    """
    if employee.role == "account_manager" and customer_sectors:
        own = customer_sectors[index % len(customer_sectors)]
        prof = {s: 0.25 / len(customer_sectors) for s in customer_sectors}
        prof[own] = prof[own] + 0.5
        prof["it"] = prof.get("it", 0.0) + 0.15
    elif employee.role == "recruiter":
        prof = {"it": 0.45, "onderwijs": 0.2, "zakelijke dienstverlening": 0.2}
    else:
        prof = dict(_DEPT_SECTORS.get(employee.department, {"it": 0.3}))
        if employee.department == "Sales":
            for s in customer_sectors:
                prof[s] = prof.get(s, 0.0) + 0.6 / len(customer_sectors)
    base = _sector_vector(prof)
    spread = np.full(len(SECTOR_KEYS), 1.0 / len(SECTOR_KEYS))
    sector_p = 0.72 * base + 0.08 * spread + 0.20 * rng.dirichlet(np.full(len(SECTOR_KEYS), 0.3))
    region_names = [r.name for r in REGIONS]
    own_region = region_names.index(employee.location)  # offices lie in the region of that name
    reg_w = np.array([r.weight for r in REGIONS])
    region_p = 0.30 * reg_w / reg_w.sum()
    region_p[own_region] += 0.50
    region_p[hq_region] += 0.20
    return np.outer(sector_p, region_p).ravel()[:N_CLUSTERS]


def colleague_edges(
    rng: np.random.Generator,
    employees: list[SynthEmployee],
    degrees: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Undirected LinkedIn ties between colleagues as two index arrays ``(i, j)``, ``i < j``.

    ``P(i ~ j) = 1 - exp(-lam * s_i * s_j * B)`` with ``s = sqrt(degree)``,
    ``B = 1`` within a department and ``0.2`` across, and a manager and their
    report connected with probability 0.9 (Chung-Lu with blocks, [3]_).
    ``lam`` is set so that the mean colleague degree is about
    ``min(0.35 (n - 1), 8 + 3 sqrt(n))``.
    """
    n = len(employees)
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    depts = sorted({e.department for e in employees})
    dept = np.array([depts.index(e.department) for e in employees])
    s = np.sqrt(degrees.astype(float))
    same_w = 1.0
    cross_w = 0.2
    dept_sum = np.bincount(dept, weights=s, minlength=len(depts))
    total = s.sum()
    pair_mass = cross_w * (total**2 - (s**2).sum()) + (same_w - cross_w) * (
        (dept_sum**2).sum() - (s**2).sum()
    )
    target = min(0.35 * (n - 1), 8.0 + 3.0 * np.sqrt(n))
    lam = target * n / max(pair_mass, 1e-9)
    index = {e.email: k for k, e in enumerate(employees)}
    manager = np.array([index.get(e.manager_email, -1) for e in employees])
    rows_i: list[np.ndarray] = []
    rows_j: list[np.ndarray] = []
    for i in range(n - 1):
        j = np.arange(i + 1, n)
        b = np.where(dept[j] == dept[i], same_w, cross_w)
        p = 1.0 - np.exp(-lam * s[i] * s[j] * b)
        p = np.where((manager[j] == i) | (manager[i] == j), 0.9, p)
        hit = j[rng.random(len(j)) < p]
        if len(hit):
            rows_i.append(np.full(len(hit), i))
            rows_j.append(hit)
    if not rows_i:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(rows_i), np.concatenate(rows_j)


class Colleagues:
    """Symmetric colleague ties in compressed sparse row form.

    ``of(k)`` gives employee ``k``'s colleagues (indices) and the ordinal day
    each connection was made; a tie appears under both ends with one day.
    """

    def __init__(self, n: int, ei: np.ndarray, ej: np.ndarray, days: np.ndarray) -> None:
        src = np.concatenate((ei, ej))
        dst = np.concatenate((ej, ei))
        order = np.lexsort((dst, src))
        self.nbr = dst[order]
        self.day = np.concatenate((days, days))[order]
        self.start = np.searchsorted(src[order], np.arange(n + 1))

    def count(self, k: int) -> int:
        return int(self.start[k + 1] - self.start[k])

    def of(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        s, e = self.start[k], self.start[k + 1]
        return self.nbr[s:e], self.day[s:e]


def connection_dates(
    rng: np.random.Generator, size: int, today: date, years: float = YEARS
) -> np.ndarray:
    """Ordinal dates over the last ``years`` years, recent ones more likely.

    The age is ``years * Beta(1, 2)``: a density that falls linearly from today
    back to ``years`` ago (networks grow, and recent contacts dominate exports).
    """
    age = np.floor(rng.beta(1.0, 2.0, size=size) * years * 365.25).astype(np.int64)
    return today.toordinal() - age
