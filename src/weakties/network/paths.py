r"""Ranked warm introductions: which colleague should introduce you to whom.

For a target (a company, a person, a role) every tie of a consenting
employee (the *introducer*) to an external contact is a candidate.  Its score
multiplies how relevant the contact is to the target by how well the tie's
strength fits the purpose:

.. math::

   \text{score} = \text{relevance} \times \text{fit}(s)

**Fit for job leads and new information: Rajkumar et al. (2022) on two
axes.**  Granovetter (1973) found that weak ties carry new information and
job leads.  Rajkumar et al. (2022), in randomised experiments on about 20
million LinkedIn members, found an inverted U over **mutual connections**
(peaking near ten) and, over **interaction intensity**, the weakest ties
best.  ``purpose="job"`` and ``"info"`` therefore score a tie with
:func:`~weakties.network.job_leads.job_score`: the inverted U over the tie's
mutual connections (:mod:`~weakties.network.mutual`), peaking at
``mutual_peak`` (ten scaled to how complete the data is), times a fit that
falls with the composite strength (weaker is better).  The paper's effect
sizes used, and how, are in :mod:`~weakties.network.job_leads`.

(:func:`strength_fit` with the ``"inverted_u"`` preferences of
:data:`PURPOSES` is a Gaussian bump on the strength scale; it remains for the
callers that have no mutual connections, and is not what Rajkumar et al.
measured.)

**Fit for sales and senior or critical roles: strong ties.**  Important
positions are still filled through close contacts, and a deal needs a
colleague who can vouch for you: ``fit(s) = s ** exponent`` (1 for sales, 2
for senior roles, favouring the strongest ties more).

A tie of unknown strength is scored at ``unknown_strength`` and marked so in
the "why".  Contacts that *are* a target person get relevance 1; contacts
observed to know a target person get at least ``knows_target_relevance``.

References
----------
.. [1] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.
.. [2] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. &
   Aral, S. (2022). A causal test of the strength of weak ties. *Science*
   377(6612), 1304-1310.
.. [3] Granovetter, M. S. (1995). *Getting a Job*, 2nd ed. University of
   Chicago Press.

Examples
--------
Two colleagues know the target company's CTO: the weaker tie wins for a
job lead, the strong tie for a sales deal.

>>> import numpy as np
>>> from weakties.network import NetworkSnapshot, warm_introductions
>>> snap = NetworkSnapshot.from_edges([1, 2], [50], [0, 1], [2, 2])
>>> strength = np.array([0.9, 0.2])        # tie 0-2 strong, tie 1-2 weak
>>> relevance = np.array([1.0])            # one value per person
>>> job = warm_introductions(snap, relevance, strength, purpose="job", mutual=[1, 1], mutual_peak=1)
>>> job.introducer.tolist(), job.score.round(3).tolist()
([1, 0], [0.9, 0.55])
>>> warm_introductions(snap, relevance, strength, purpose="sales").introducer.tolist()
[0, 1]
>>> job.why(0)["reason"], job.why(0)["mutual_connections"], job.why(0)["intensity"]
('weak_tie_near_peak', 1, 'weak')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from .job_leads import MUTUAL_PEAK, MUTUAL_WIDTH, job_score
from .mutual import mutual_connections
from .snapshot import NetworkSnapshot
from .strength import TIERS, StrengthWeights, tier_of

__all__ = [
    "JOB_PURPOSES",
    "PURPOSES",
    "Introductions",
    "StrengthPreference",
    "intensity_of",
    "mutual_position",
    "strength_fit",
    "warm_introductions",
]

#: Purposes ranked by :func:`~weakties.network.job_leads.job_score` (mutual connections, intensity).
JOB_PURPOSES = ("job", "info")


@dataclass(frozen=True)
class StrengthPreference:
    """How a purpose values tie strength (see the module docstring)."""

    shape: Literal["inverted_u", "increasing"]
    peak: float = 0.3
    width: float = 0.2
    exponent: float = 1.0


#: The purposes and their strength preferences.
PURPOSES: dict[str, StrengthPreference] = {
    "job": StrengthPreference("inverted_u", peak=0.3, width=0.2),
    "info": StrengthPreference("inverted_u", peak=0.25, width=0.2),
    "sales": StrengthPreference("increasing", exponent=1.0),
    "senior": StrengthPreference("increasing", exponent=2.0),
}


def strength_fit(strength: Any, preference: StrengthPreference) -> np.ndarray:
    """How well tie strengths fit a purpose, in [0, 1].

    >>> from weakties.network.paths import PURPOSES, strength_fit
    >>> strength_fit([0.05, 0.3, 0.8], PURPOSES["job"]).round(3).tolist()
    [0.458, 1.0, 0.044]
    >>> strength_fit([0.05, 0.3, 0.8], PURPOSES["sales"]).tolist()
    [0.05, 0.3, 0.8]
    """
    s = np.clip(np.asarray(strength, dtype=np.float64), 0.0, 1.0)
    if preference.shape == "inverted_u":
        if preference.width <= 0:
            raise ValueError("width must be positive")
        return np.exp(-0.5 * ((s - preference.peak) / preference.width) ** 2)
    if preference.shape == "increasing":
        return s**preference.exponent
    raise ValueError(f"unknown strength preference shape {preference.shape!r}")


@dataclass(frozen=True, eq=False)
class Introductions:
    """Candidate introductions, best first (parallel arrays).

    Attributes
    ----------
    introducer : ndarray of int64
        Node index of the employee who would introduce.
    contact : ndarray of int64
        Node index of the person they know.
    tie : ndarray of int64
        Tie index (into ``snapshot.edge_src``).
    strength, relevance, fit, score : ndarray of float64
        ``strength`` is NaN where unknown (then ``fit`` used ``unknown_strength``).
    tier : ndarray of int8
        Index into :data:`~weakties.network.strength.TIERS` (-1 unknown).
    relation : ndarray of int8
        0 contact relevant to the target, 1 contact knows a target person,
        2 contact is a target person.
    purpose : str
    preference : StrengthPreference
    mutual : ndarray of int64
        Mutual connections of each tie (:mod:`~weakties.network.mutual`).
    mutual_peak : float
        Where the job fit peaks over mutual connections (job and info).
    """

    introducer: np.ndarray
    contact: np.ndarray
    tie: np.ndarray
    strength: np.ndarray
    relevance: np.ndarray
    fit: np.ndarray
    score: np.ndarray
    tier: np.ndarray
    relation: np.ndarray
    purpose: str
    preference: StrengthPreference
    mutual: np.ndarray
    mutual_peak: float = MUTUAL_PEAK

    def __len__(self) -> int:
        return int(self.score.size)

    def why(self, k: int) -> dict[str, Any]:
        """The factors behind suggestion ``k``, for a sentence a person can read.

        ``reason`` is a key: for job and info (:data:`JOB_PURPOSES`)
        ``weak_tie_near_peak`` / ``strong_tie_near_peak`` /
        ``few_mutual_connections`` / ``many_mutual_connections``; otherwise
        ``moderately_weak_tie`` / ``tie_too_strong_for_purpose`` /
        ``tie_very_weak`` (inverted U on strength), ``strong_tie`` /
        ``tie_weak_for_purpose`` (increasing), or ``strength_unknown``.
        ``mutual_connections`` and ``intensity`` (:func:`intensity_of`) are
        always given.
        """
        s = float(self.strength[k])
        m = int(self.mutual[k])
        pref = self.preference
        position = mutual_position(m, self.mutual_peak)
        if self.purpose in JOB_PURPOSES:
            if position == "near_peak":
                strong = intensity_of(s) == "strong"
                reason = "strong_tie_near_peak" if strong else "weak_tie_near_peak"
            else:
                reason = f"{position}_mutual_connections"
        elif not np.isfinite(s):
            reason = "strength_unknown"
        elif pref.shape == "inverted_u":
            if abs(s - pref.peak) <= pref.width:
                reason = "moderately_weak_tie"
            elif s > pref.peak:
                reason = "tie_too_strong_for_purpose"
            else:
                reason = "tie_very_weak"
        else:
            reason = "strong_tie" if s >= StrengthWeights().strong else "tie_weak_for_purpose"
        relation = ("relevant_to_target", "knows_target", "is_target")[int(self.relation[k])]
        t = int(self.tier[k])
        return {
            "reason": reason,
            "relation": relation,
            "purpose": self.purpose,
            "strength": None if not np.isfinite(s) else round(s, 4),
            "tier": TIERS[t] if t >= 0 else "unknown",
            "relevance": round(float(self.relevance[k]), 4),
            "fit": round(float(self.fit[k]), 4),
            "score": round(float(self.score[k]), 4),
            "mutual_connections": m,
            "mutual_position": position,
            "mutual_peak": round(self.mutual_peak, 2),
            "intensity": intensity_of(s),
            "preferred_strength": (
                "weaker is better"
                if self.purpose in JOB_PURPOSES
                else pref.peak
                if pref.shape == "inverted_u"
                else "as strong as possible"
            ),
        }


def intensity_of(strength: float) -> str:
    """The tie's intensity in a word: ``weak`` (below moderate), ``moderate``, ``strong``, ``unknown``."""
    if not np.isfinite(strength):
        return "unknown"
    cfg = StrengthWeights()
    return (
        "strong" if strength >= cfg.strong else "moderate" if strength >= cfg.moderate else "weak"
    )


def mutual_position(mutual: int, peak: float, width: float = MUTUAL_WIDTH) -> str:
    """Where a tie's mutual connections stand: ``near_peak`` (within one width), ``few``, ``many``.

    >>> mutual_position(0, 10.0), mutual_position(6, 10.0), mutual_position(40, 10.0)
    ('few', 'near_peak', 'many')
    """
    z = float(np.log((max(mutual, 0) + 1.0) / (peak + 1.0))) / width
    return "near_peak" if abs(z) <= 1.0 else "few" if z < 0 else "many"


def warm_introductions(
    snapshot: NetworkSnapshot,
    relevance: Any,
    strength: Any,
    *,
    purpose: str = "info",
    targets: Any = None,
    introducers: Any = None,
    preference: StrengthPreference | None = None,
    min_relevance: float = 0.0,
    knows_target_relevance: float = 0.5,
    unknown_strength: float = 0.25,
    best_per_contact: bool = False,
    limit: int | None = None,
    mutual: Any = None,
    mutual_peak: float = MUTUAL_PEAK,
) -> Introductions:
    """Rank (introducer, contact) ties for reaching a target.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    relevance : array_like
        Relevance of each person to the target in [0, 1] (length
        ``n_people``, or ``n_nodes`` with employees ignored), e.g. 1 for
        people at the target company and a text-match score for a role.
    strength : array_like
        Tie strength per tie (length ``n_edges``), NaN where unknown.
    purpose : {"job", "info", "sales", "senior"}
        Job and info rank by :func:`~weakties.network.job_leads.job_score`
        (mutual connections and intensity, Rajkumar et al. 2022); sales and
        senior by the strength preference of :data:`PURPOSES`.
    targets : array_like of int, optional
        Node indices of target people: they get relevance 1, and contacts with
        an observed tie to them at least ``knows_target_relevance``.
    introducers : bool mask or index array over employees, optional
        Who may introduce (only consenting employees); default all.
    preference : StrengthPreference, optional
        Overrides the purpose's preference.
    min_relevance : float
        Candidates must have relevance above this.
    best_per_contact : bool
        Keep only the best introducer for each contact.
    limit : int, optional
        Keep the best ``limit`` candidates.
    mutual : array_like, optional
        Mutual connections per tie (length ``n_edges``); computed from the
        snapshot when not given.
    mutual_peak : float
        Where the job fit peaks (:func:`~weakties.network.job_leads.mutual_peak`
        scales Rajkumar's ten to the data's completeness).

    Returns
    -------
    Introductions
        Sorted by score (then strength, introducer, contact), best first.
    """
    preference = _preference(purpose, preference)
    E = snapshot.n_employees
    rel = _person_relevance(snapshot, relevance)
    relation_of = np.zeros(snapshot.n_nodes, dtype=np.int8)
    if targets is not None:
        _relate_to_targets(snapshot, targets, rel, relation_of, knows_target_relevance)
    s_tie = np.asarray(strength, dtype=np.float64).reshape(-1)
    if s_tie.size != snapshot.n_edges:
        raise ValueError(f"strength has {s_tie.size} values for {snapshot.n_edges} ties")
    allowed = _allowed_introducers(introducers, E)

    stop = int(snapshot.indptr[E])
    rows = snapshot.rows[:stop]
    cols = snapshot.indices[:stop]
    cand = np.flatnonzero((cols >= E) & allowed[rows] & (rel[cols] > min_relevance))
    introducer = rows[cand].astype(np.int64)
    contact = cols[cand].astype(np.int64)
    tie = snapshot.edge_id[:stop][cand].astype(np.int64)
    s = s_tie[tie]
    m_tie = _mutual(snapshot, mutual)
    m = m_tie[tie]
    job = purpose in JOB_PURPOSES and preference is PURPOSES.get(purpose)
    if job:
        fit = job_score(m, s, peak=mutual_peak)
    else:
        fit = strength_fit(np.where(np.isfinite(s), s, unknown_strength), preference)
    r_c = rel[contact]
    score = r_c * fit
    key = -np.abs(np.log((m + 1.0) / (mutual_peak + 1.0))) if job else None
    order = _ranking(introducer, contact, s, score, preference, best_per_contact, limit, key)
    return Introductions(
        introducer=introducer[order],
        contact=contact[order],
        tie=tie[order],
        strength=s[order],
        relevance=r_c[order],
        fit=fit[order],
        score=score[order],
        tier=tier_of(s[order]),
        relation=relation_of[contact[order]],
        purpose=purpose,
        preference=preference,
        mutual=m[order],
        mutual_peak=float(mutual_peak),
    )


def _mutual(snapshot: NetworkSnapshot, mutual: Any) -> np.ndarray:
    """Mutual connections per tie: as given, or counted from the snapshot."""
    if mutual is None:
        return mutual_connections(snapshot)
    m = np.asarray(mutual, dtype=np.int64).reshape(-1)
    if m.size != snapshot.n_edges:
        raise ValueError(f"mutual has {m.size} values for {snapshot.n_edges} ties")
    return m


def _preference(purpose: str, preference: StrengthPreference | None) -> StrengthPreference:
    """The given preference, else the purpose's one from :data:`PURPOSES`."""
    if preference is not None:
        return preference
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {sorted(PURPOSES)}, not {purpose!r}")
    return PURPOSES[purpose]


def _person_relevance(snapshot: NetworkSnapshot, relevance: Any) -> np.ndarray:
    """Relevance over all nodes, clipped to [0, 1]; employees and unknown values get 0."""
    E, P, n = snapshot.n_employees, snapshot.n_people, snapshot.n_nodes
    rel = np.asarray(relevance, dtype=np.float64).reshape(-1)
    if rel.size == P:
        rel = np.concatenate([np.zeros(E), rel])
    elif rel.size != n:
        raise ValueError(f"relevance has {rel.size} values; give one per person ({P})")
    rel = np.clip(np.nan_to_num(rel, nan=0.0), 0.0, 1.0)
    rel[:E] = 0.0
    return rel


def _relate_to_targets(
    snapshot: NetworkSnapshot,
    targets: Any,
    rel: np.ndarray,
    relation_of: np.ndarray,
    knows_target_relevance: float,
) -> None:
    """Raise the relevance of target people (to 1) and of the people who know one.

    ``rel`` and ``relation_of`` (0 none, 1 knows a target, 2 is a target) change in place.
    """
    E, n = snapshot.n_employees, snapshot.n_nodes
    tgt = np.asarray(targets, dtype=np.int64).reshape(-1)
    tgt = tgt[(tgt >= E) & (tgt < n)]
    is_target = np.zeros(n, dtype=bool)
    is_target[tgt] = True
    # people with an observed tie to a target person
    r, c = snapshot.rows, snapshot.indices
    knows = np.zeros(n, dtype=bool)
    knows[r[is_target[c] & (r >= E)]] = True
    knows &= ~is_target
    rel[knows] = np.maximum(rel[knows], knows_target_relevance)
    relation_of[knows] = 1
    rel[is_target] = 1.0
    relation_of[is_target] = 2


def _allowed_introducers(introducers: Any, E: int) -> np.ndarray:
    """Who may introduce, as a bool mask over employees (from a mask or indices; default all)."""
    if introducers is None:
        return np.ones(E, dtype=bool)
    mask = np.asarray(introducers)
    if mask.dtype == bool:
        if mask.size != E:
            raise ValueError(f"introducer mask has {mask.size} entries for {E} employees")
        return mask
    allowed = np.zeros(E, dtype=bool)
    allowed[mask.astype(np.int64)] = True
    return allowed


def _ranking(
    introducer: np.ndarray,
    contact: np.ndarray,
    strength: np.ndarray,
    score: np.ndarray,
    preference: StrengthPreference,
    best_per_contact: bool,
    limit: int | None,
    key: np.ndarray | None = None,
) -> np.ndarray:
    """Order of the candidates: score, then ``key`` (job: mutual connections closest to the
    peak) or strength (closest to the peak for an inverted U), introducer and contact;
    optionally the best per contact, the first ``limit``."""
    s_key = np.where(np.isfinite(strength), strength, -1.0)
    if key is not None:
        s_key = key
    elif preference.shape == "inverted_u":
        s_key = -np.abs(s_key - preference.peak)
    order = np.lexsort((contact, introducer, -s_key, -score))
    if best_per_contact and order.size:
        _, first = np.unique(contact[order], return_index=True)
        order = order[np.sort(first)]
    if limit is not None:
        order = order[: max(limit, 0)]
    return order
