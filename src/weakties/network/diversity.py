"""Diversity and homophily of each employee's contacts.

A network of people just like you yields less: they know what you know.
Two classic numbers say how varied a network is.

* **Shannon entropy** of an employee's contacts over a category (sector,
  company, region, function): ``H = -sum_x p_x log2 p_x`` with ``p_x`` the
  share of the contacts in category ``x``.  The *normalised* entropy divides
  by the largest value possible for that many contacts,
  ``log2(min(K, n))`` with ``K`` categories and ``n`` contacts, so 1 means
  spread as evenly as possible and 0 means all in one category.  It is NaN
  with fewer than two contacts (or one category) where nothing can vary.
  Contacts of unknown category are left out and counted apart.
* **Krackhardt & Stern's E-I index** ``(E - I) / (E + I)``, with ``E`` ties
  to people of another group and ``I`` ties within the own group: ``-1``
  all internal, ``+1`` all external.  For employees against people, use
  :meth:`~weakties.network.NetworkSnapshot.shared_codes` to put both sides
  in one code space (the employee's function against the contact's).

:func:`homophily_message` turns the two into a plain-language sentence when
a network is mostly people like the employee, with what to do about it.

References
----------
.. [1] Shannon, C. E. (1948). A Mathematical Theory of Communication. *Bell
   System Technical Journal* 27, 379-423.
.. [2] Krackhardt, D. & Stern, R. N. (1988). Informal Networks and
   Organizational Crises: An Experimental Simulation. *Social Psychology
   Quarterly* 51(2), 123-140.
.. [3] McPherson, M., Smith-Lovin, L. & Cook, J. M. (2001). Birds of a
   Feather: Homophily in Social Networks. *Annual Review of Sociology* 27,
   415-444.

Examples
--------
>>> from weakties.network import NetworkSnapshot, contact_entropy
>>> snap = NetworkSnapshot.from_edges(
...     [1, 2], [10, 11, 12, 13], [0, 0, 0, 0, 1], [2, 3, 4, 5, 2],
...     person_groups={"sector": ([0, 1, 2, 3], ["ICT", "Care", "Retail", "Energy"])})
>>> d = contact_entropy(snap, "sector")
>>> d.entropy[:2].tolist(), d.normalized[:2].tolist()
([2.0, 0.0], [1.0, nan])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..translatable import gettext_noop
from .snapshot import NetworkSnapshot

__all__ = [
    "HOMOPHILY_MESSAGES",
    "ContactDiversity",
    "EIIndex",
    "GroupEIIndex",
    "contact_entropy",
    "EIExpectation",
    "ei_expected",
    "ei_index",
    "group_ei_index",
    "homophily_message",
]


@dataclass(frozen=True, eq=False)
class ContactDiversity:
    """Entropy of each employee's contacts over one attribute (arrays over employees).

    Attributes
    ----------
    attribute : str
    entropy : ndarray
        Shannon entropy in bits (0 without known contacts).
    normalized : ndarray
        Entropy over its largest possible value (NaN below two contacts).
    known : ndarray of int64
        Contacts with a known category.
    unknown : ndarray of int64
        Contacts of unknown category (left out).
    categories : ndarray of int64
        Distinct categories among the contacts.
    """

    attribute: str
    entropy: np.ndarray
    normalized: np.ndarray
    known: np.ndarray
    unknown: np.ndarray
    categories: np.ndarray


def contact_entropy(snapshot: NetworkSnapshot, attribute: str) -> ContactDiversity:
    """Shannon entropy of every employee's contacts (people) over a person attribute.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    attribute : str
        A person group attribute: ``"sector"``, ``"company"``, ``"region"``, ...

    Returns
    -------
    ContactDiversity
        Arrays of length ``n_employees``.
    """
    E = snapshot.n_employees
    codes = snapshot.node_codes(attribute, "person")
    n_labels = len(snapshot.group(attribute, "person").labels)
    stop = int(snapshot.indptr[E])
    rows = snapshot.rows[:stop].astype(np.int64)
    cols = snapshot.indices[:stop]
    person = cols >= E
    c = codes[cols]
    known_mask = person & (c >= 0)
    key = rows[known_mask] * max(n_labels, 1) + c[known_mask]
    uniq, cnt = np.unique(key, return_counts=True)
    owner = uniq // max(n_labels, 1)
    known = np.bincount(owner, weights=cnt, minlength=E).astype(np.float64)
    unknown = np.bincount(rows[person & (c < 0)], minlength=E).astype(np.int64)
    share = cnt / known[owner]
    entropy = np.bincount(owner, weights=-share * np.log2(share), minlength=E).astype(np.float64)
    entropy = np.abs(entropy)  # -0.0 -> 0.0
    ceiling = np.log2(np.minimum(known, n_labels).clip(min=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        normalized = np.where(ceiling > 0, entropy / ceiling, np.nan)
    return ContactDiversity(
        attribute=attribute,
        entropy=entropy,
        normalized=normalized,
        known=known.astype(np.int64),
        unknown=unknown,
        categories=np.bincount(owner, minlength=E).astype(np.int64),
    )


@dataclass(frozen=True, eq=False)
class EIIndex:
    """Krackhardt & Stern's E-I index of every node (arrays over all nodes).

    ``index`` is NaN where the node's own group is unknown or it has no
    contact of known group.
    """

    index: np.ndarray
    external: np.ndarray
    internal: np.ndarray


def _codes(snapshot: NetworkSnapshot, codes: np.ndarray) -> np.ndarray:
    g = np.asarray(codes, dtype=np.int64).reshape(-1)
    if g.size != snapshot.n_nodes:
        raise ValueError(f"got {g.size} codes for {snapshot.n_nodes} nodes")
    return g


def _ei(external: np.ndarray, internal: np.ndarray) -> np.ndarray:
    total = external + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / total, np.nan)


def ei_index(snapshot: NetworkSnapshot, codes: np.ndarray) -> EIIndex:
    """E-I index ``(E - I) / (E + I)`` of every node over one code per node.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    codes : ndarray of int
        One group code per node, ``-1`` where unknown; e.g.
        ``snapshot.shared_codes("function", "function")[0]``.

    Examples
    --------
    >>> from weakties.network import NetworkSnapshot, ei_index
    >>> snap = NetworkSnapshot.from_edges([1, 2, 3], [], [0, 0], [1, 2])
    >>> ei_index(snap, [0, 0, 1]).index.tolist()
    [0.0, -1.0, 1.0]
    """
    g = _codes(snapshot, codes)
    rows = snapshot.rows
    gr, gc = g[rows], g[snapshot.indices]
    ok = (gr >= 0) & (gc >= 0)
    n = snapshot.n_nodes
    internal = np.bincount(rows[ok & (gr == gc)], minlength=n).astype(np.int64)
    external = np.bincount(rows[ok & (gr != gc)], minlength=n).astype(np.int64)
    return EIIndex(index=_ei(external, internal), external=external, internal=internal)


@dataclass(frozen=True, eq=False)
class EIExpectation:
    """Each node's E-I index against random mixing given the group sizes.

    ``expected = 1 - 2 (n_g - 1) / (N - 1)`` (Krackhardt & Stern 1988) with
    ``N`` the nodes of known group and ``n_g`` the size of the node's own
    group: the E-I index a node would have if its contacts were drawn at
    random from everyone else.  ``p`` is a one-sided permutation p-value
    (``(1 + #{permuted <= observed}) / (1 + permutations)``): the group labels
    of the contacts are shuffled over the nodes of known group (the node keeps
    its own), with a fixed seed.  NaN where the index is NaN.
    """

    index: np.ndarray
    expected: np.ndarray
    p: np.ndarray
    permutations: int
    seed: int

    @property
    def difference(self) -> np.ndarray:
        """Observed minus expected: negative when more alike than chance."""
        return self.index - self.expected


def ei_expected(
    snapshot: NetworkSnapshot,
    codes: np.ndarray,
    *,
    nodes: int | None = None,
    permutations: int = 999,
    seed: int = 0,
) -> EIExpectation:
    """E-I index, its expectation under random mixing and a permutation p-value.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    codes : ndarray of int
        One group code per node, ``-1`` where unknown.
    nodes : int, optional
        Only the first ``nodes`` nodes (normally the employees) are tested;
        the others get NaN.
    permutations, seed : int
        Number of label permutations and the seed of the generator.

    Examples
    --------
    >>> from weakties.network import NetworkSnapshot, ei_expected
    >>> snap = NetworkSnapshot.from_edges([1, 2, 3, 4], [], [0, 0], [1, 2])
    >>> r = ei_expected(snap, [0, 0, 0, 1])
    >>> r.expected.round(3).tolist()
    [-0.333, -0.333, -0.333, nan]
    """
    g = _codes(snapshot, codes)
    n = snapshot.n_nodes
    limit = n if nodes is None else int(nodes)
    obs = ei_index(snapshot, g)
    known = g >= 0
    N = int(known.sum())
    sizes = np.bincount(g[known], minlength=int(g.max()) + 1 if N else 1)
    expected = np.full(n, np.nan)
    if N > 1:
        expected[known] = 1 - 2 * (sizes[g[known]] - 1) / (N - 1)
    expected[np.isnan(obs.index)] = np.nan
    expected[limit:] = np.nan
    stop = int(snapshot.indptr[limit])
    rows, cols = snapshot.rows[:stop], snapshot.indices[:stop]
    keep = known[rows] & known[cols]
    rows, cols = rows[keep], cols[keep]
    own = g[rows]
    total = obs.internal + obs.external
    rng = np.random.default_rng(seed)
    pool = np.flatnonzero(known)
    at_most = np.zeros(n, dtype=np.int64)
    shuffled = g.copy()
    for _ in range(permutations):
        shuffled[pool] = rng.permutation(g[pool])
        internal = np.bincount(rows[shuffled[cols] == own], minlength=n)
        at_most += internal >= obs.internal  # more internal ties = E-I as low or lower
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(total > 0, (1 + at_most) / (1 + permutations), np.nan)
    p[np.isnan(expected)] = np.nan
    index = obs.index.copy()
    index[limit:] = np.nan
    return EIExpectation(index=index, expected=expected, p=p, permutations=permutations, seed=seed)


@dataclass(frozen=True, eq=False)
class GroupEIIndex:
    """E-I index per group and for the whole network.

    ``external[g]`` and ``internal[g]`` sum the members' ties, so a tie inside
    a group counts once for each of its two members (the ordered-dyad count of
    a symmetric matrix).  ``overall`` counts every tie once.
    """

    index: np.ndarray
    external: np.ndarray
    internal: np.ndarray
    overall: float


def group_ei_index(snapshot: NetworkSnapshot, codes: np.ndarray) -> GroupEIIndex:
    """E-I index of every group (length ``max(code) + 1``) and of the whole network.

    Examples
    --------
    >>> from weakties.network import NetworkSnapshot, group_ei_index
    >>> snap = NetworkSnapshot.from_edges([1, 2, 3], [], [0, 0], [1, 2])
    >>> r = group_ei_index(snap, [0, 0, 1])
    >>> r.index.tolist(), r.overall
    ([-0.3333333333333333, 1.0], 0.0)
    """
    g = _codes(snapshot, codes)
    per = ei_index(snapshot, g)
    k = int(g.max()) + 1 if g.size and g.max() >= 0 else 0
    known = g >= 0
    external = np.bincount(g[known], weights=per.external[known], minlength=k).astype(np.int64)
    internal = np.bincount(g[known], weights=per.internal[known], minlength=k).astype(np.int64)
    ext_ties = int(per.external.sum()) // 2
    int_ties = int(per.internal.sum()) // 2
    total = ext_ties + int_ties
    overall = (ext_ties - int_ties) / total if total else float("nan")
    return GroupEIIndex(
        index=_ei(external, internal), external=external, internal=internal, overall=overall
    )


#: Plain-language messages (English msgids for translation), by attribute and finding.
HOMOPHILY_MESSAGES: dict[tuple[str, str], str] = {
    ("sector", "alike"): gettext_noop(
        "Most of your contacts work in the same sector as you. People in other sectors "
        "hear about news and openings that your own circle does not: ask a colleague to "
        "introduce you to someone outside your field."
    ),
    ("sector", "narrow"): gettext_noop(
        "Your contacts are concentrated in a few sectors. A handful of contacts in other "
        "sectors would widen what you hear about: join a group or event outside your field."
    ),
    ("company", "alike"): gettext_noop(
        "Most of your contacts work at the same company as you. Contacts at other "
        "organisations bring new information and opportunities: reconnect with former "
        "colleagues, customers or partners."
    ),
    ("company", "narrow"): gettext_noop(
        "Your contacts are concentrated at a few companies. Contacts spread over more "
        "organisations hear about more: reconnect with people from earlier jobs or studies."
    ),
    ("region", "alike"): gettext_noop(
        "Most of your contacts are in the same region as you. Contacts elsewhere bring "
        "news from other markets: ask a colleague in another office for an introduction."
    ),
    ("region", "narrow"): gettext_noop(
        "Your contacts are concentrated in a few regions. A few contacts in other regions "
        "would widen what you hear about."
    ),
    ("function", "alike"): gettext_noop(
        "Most of your contacts do the same kind of work as you. People in other roles see "
        "problems and openings you do not: ask a colleague to introduce you to someone in "
        "another profession."
    ),
    ("function", "narrow"): gettext_noop(
        "Your contacts are concentrated in a few professions. Contacts in other roles "
        "would bring different knowledge: meet someone from another discipline this month."
    ),
    ("department", "alike"): gettext_noop(
        "Most of your colleagues in your network work in your own department. Links to "
        "other departments make you a bridge: have coffee with someone from another team."
    ),
    ("*", "alike"): gettext_noop(
        "Most of your contacts are people like you. A network of people just like you "
        "yields less: ask a colleague to introduce you to someone different."
    ),
    ("*", "narrow"): gettext_noop(
        "Your contacts are concentrated in a few groups. Spreading your network wider "
        "brings new information: meet someone from outside your usual circles."
    ),
}


def homophily_message(
    ei: float,
    normalized_entropy: float,
    *,
    attribute: str = "*",
    contacts: int | None = None,
    min_contacts: int = 10,
    ei_threshold: float = -0.5,
    entropy_threshold: float = 0.4,
    expected: float | None = None,
    p: float | None = None,
    min_difference: float = 0.2,
    alpha: float = 0.05,
) -> str | None:
    """A plain-language warning when a network is mostly people like the employee.

    With ``expected`` and ``p`` (from :func:`ei_expected`) the network is
    "alike" only when the E-I index is both clearly and significantly below
    what random mixing given the group sizes gives: ``ei - expected <=
    -min_difference`` and ``p < alpha``, and at least half the contacts are
    alike (``ei <= 0``, so the sentence "most of your contacts ..." holds).
    Members of a large department or sector are no longer flagged for its
    size alone.  Without them the fixed ``ei_threshold`` is used.

    Parameters
    ----------
    ei : float
        The employee's E-I index on ``attribute`` (NaN if not known).
        ``-0.5`` or lower means at least three in four contacts are alike.
    normalized_entropy : float
        Normalised entropy of the contacts over ``attribute`` (NaN if not known).
    attribute : str
        ``"sector"``, ``"company"``, ``"region"``, ``"function"``,
        ``"department"``; other names get a generic sentence.
    contacts : int, optional
        Number of contacts behind the figures; below ``min_contacts`` nothing
        is said (too little to judge).
    ei_threshold, entropy_threshold : float
        At or below these, the network is "alike" or "narrow".

    Returns
    -------
    str or None
        An English sentence from :data:`HOMOPHILY_MESSAGES` (translate it with
        gettext), or None when there is nothing to say.

    Examples
    --------
    >>> from weakties.network import homophily_message
    >>> homophily_message(-0.8, 0.9, attribute="sector", contacts=40)[:44]
    'Most of your contacts work in the same secto'
    >>> homophily_message(0.4, 0.9, attribute="sector", contacts=40) is None
    True
    >>> homophily_message(-0.9, 0.1, attribute="sector", contacts=3) is None
    True
    """
    if contacts is not None and contacts < min_contacts:
        return None
    if expected is not None and p is not None:
        alike = (
            np.isfinite(ei)
            and np.isfinite(expected)
            and np.isfinite(p)
            and ei - expected <= -min_difference
            and p < alpha
            and ei <= 0
        )
    else:
        alike = bool(np.isfinite(ei) and ei <= ei_threshold)
    if alike:
        finding = "alike"
    elif np.isfinite(normalized_entropy) and normalized_entropy <= entropy_threshold:
        finding = "narrow"
    else:
        return None
    return HOMOPHILY_MESSAGES.get((attribute, finding)) or HOMOPHILY_MESSAGES[("*", finding)]
