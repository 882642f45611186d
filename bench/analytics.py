"""Benchmark of the network analytics: a full ``analyze()`` and the ratio to NetworkX.

Usage::

    python bench/analytics.py                       # 10,000 employees, ~3M ties
    python bench/analytics.py --employees 1000 --ties 300000 --skip-networkx
    python bench/analytics.py --only-networkx --nodes 5000

Part (a) generates a realistic organisation as arrays (heavy-tailed numbers
of contacts per employee, some famous people known by hundreds of
employees, companies with Zipf-like sizes, sectors, regions, departments,
managers, connection dates, sources, ratings and interaction counts) and
times :func:`weakties.network.analyze` end to end, step by step, with the
peak resident memory.  Targets (DESIGN.md): <= 60 s and < 4 GB on a 2-core
machine.

Part (b) times constraint, effective size and betweenness on a connected
5,000-node power-law cluster graph (Holme & Kim 2002) against NetworkX and
prints the speed ratio (goal >= 100x) and the largest absolute difference
(should be <= 1e-9).  Where NetworkX would take too long it runs on a random
subset of nodes (or of betweenness sources) and its time is extrapolated;
the output says so.

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from weakties.network import (  # noqa: E402
    AnalysisConfig,
    AnalysisInputs,
    NetworkSnapshot,
    analyze,
    betweenness,
    constraint,
    effective_size,
)

# -- memory -------------------------------------------------------------------------------------


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS counter (Linux); False where not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak_mib() -> float:
    """Peak resident memory of this process since the last reset, in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _workers_cpu() -> float:
    """CPU seconds of finished betweenness workers (children of the forkserver), Linux only."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return 0.0
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


# -- (a) a synthetic organisation ---------------------------------------------------------------


def generate(employees: int, ties: int, seed: int = 2026) -> tuple[NetworkSnapshot, AnalysisInputs]:
    """A realistic organisation as arrays (see the module docstring)."""
    rng = np.random.default_rng(seed)
    E = employees
    P = max(ties // 3, 1)  # ~3 ties per resolved person: people are shared
    n_companies = max(P // 10, 1)
    n_departments = max(E // 50, 1)

    # Contacts per employee: log-normal (median ~ 190, a long tail of super-connectors).
    per_emp = rng.lognormal(mean=5.25, sigma=0.9, size=E)
    per_emp = np.maximum(1, per_emp * (ties * 0.97 / per_emp.sum())).astype(np.int64)
    owner = np.repeat(np.arange(E), per_emp)
    m_ext = owner.size
    # Who they know: popularity is heavy-tailed (the top person is known by a few hundred).
    person = (P * rng.random(m_ext) ** 1.6).astype(np.int64)
    person = rng.permutation(P)[np.minimum(person, P - 1)]  # popularity unrelated to id
    # Colleagues in each other's imports: ~3% of the ties, mostly within the department.
    m_col = max(int(ties * 0.03), 1)
    department = np.minimum(
        (n_departments * rng.random(E) ** 1.3).astype(np.int64), n_departments - 1
    )
    a = rng.integers(0, E, m_col)
    same = rng.random(m_col) < 0.6
    by_dept = np.argsort(department, kind="stable")
    dept_start = np.searchsorted(department[by_dept], department[a])
    dept_size = np.bincount(department, minlength=n_departments)[department[a]]
    b_same = by_dept[dept_start + (rng.random(m_col) * dept_size).astype(np.int64)]
    b = np.where(same, b_same, rng.integers(0, E, m_col))
    src = np.concatenate([owner, a])
    dst = np.concatenate([E + person, b])
    n_rows = src.size

    company = np.minimum((n_companies * rng.random(P) ** 2.2).astype(np.int64), n_companies - 1)
    company[rng.random(P) < 0.08] = -1
    n_sectors, n_regions = 21, 12
    company_sector = rng.integers(0, n_sectors, n_companies)
    sector = np.where(company >= 0, company_sector[np.maximum(company, 0)], -1)
    region = rng.choice(n_regions, P, p=np.r_[0.3, 0.2, 0.1, np.full(9, 0.4 / 9)])
    region[rng.random(P) < 0.15] = -1
    functions = 14
    snap = NetworkSnapshot.from_edges(
        np.arange(1, E + 1),
        np.arange(10**7, 10**7 + P),
        src,
        dst,
        employee_groups={
            "department": (department, [f"Department {k}" for k in range(n_departments)]),
            "region": (rng.choice(3, E, p=[0.6, 0.3, 0.1]), ["Noord-Holland", "Utrecht", "Zuid"]),
            "function": (rng.integers(0, functions, E), [f"F{k}" for k in range(functions)]),
        },
        person_groups={
            "company": (company, [f"Company {k}" for k in range(n_companies)]),
            "sector": (sector, [f"Sector {k}" for k in range(n_sectors)]),
            "region": (region, ["Noord-Holland", "Utrecht", "Zuid"] + [f"R{k}" for k in range(9)]),
            "function": (rng.integers(-1, functions, P), [f"F{k}" for k in range(functions)]),
        },
    )

    # Managers: the first member of each department leads it and reports to a director.
    first = np.full(n_departments, -1)
    first[department[by_dept[::-1]]] = by_dept[::-1]
    manager = first[department]
    directors = first[first >= 0][:20]
    heads = first[first >= 0]
    manager[heads] = directors[np.arange(heads.size) % max(directors.size, 1)]
    manager[manager == np.arange(E)] = -1

    today = np.datetime64("2026-12-01")
    connected = today - (rng.exponential(900, n_rows).astype(np.int64)).astype("timedelta64[D]")
    connected[rng.random(n_rows) < 0.25] = np.datetime64("NaT")
    duration = (today - connected).astype(np.float64)
    duration[np.isnat(connected)] = np.nan
    has_mail = rng.random(E) < 0.3
    measured = has_mail[src]
    interactions = np.where(measured, rng.poisson(rng.gamma(0.5, 8, n_rows)), np.nan)
    recency = np.where(measured & (interactions > 0), rng.exponential(200, n_rows), np.nan)
    reciprocity = np.where(measured & (interactions > 0), rng.random(n_rows), np.nan)
    rating = np.where(rng.random(n_rows) < 0.05, rng.integers(0, 3, n_rows), np.nan)
    imported = today - rng.integers(0, 700, n_rows).astype("timedelta64[D]")
    tie_day = np.where(np.isnat(connected), imported, connected)
    inputs = AnalysisInputs(
        duration_days=duration,
        sources=rng.choice([1, 2, 3], n_rows, p=[0.8, 0.15, 0.05]),
        interactions=interactions,
        recency_days=recency,
        reciprocity=reciprocity,
        rating=rating,
        tie_day=tie_day,
        consented=rng.random(E) < 0.9,
        manager=manager,
        skills=rng.poisson(12, E).astype(float),
        seniority=rng.choice([0.0, 0.2, 0.4, 0.7, 0.85, 1.0], E),
        endorsements=np.where(rng.random(E) < 0.5, rng.poisson(20, E), np.nan),
        today=today,
    )
    return snap, inputs


def bench_analyze(employees: int, ties: int, n_jobs: int, pivots: int) -> None:
    print(f"== (a) analyze(): {employees:,} employees, ~{ties:,} ties ==")
    t0 = time.perf_counter()
    snap, inputs = generate(employees, ties)
    t_gen = time.perf_counter() - t0
    deg = snap.degree()
    E = snap.n_employees
    print(
        f"generated in {t_gen:.1f} s: {snap.n_employees:,} employees, {snap.n_people:,} people, "
        f"{snap.n_edges:,} ties (contacts per employee: median {np.median(deg[:E]):.0f}, "
        f"max {deg[:E].max():,}; employees per person: max {deg[E:].max():,}); "
        f"peak so far {_peak_mib():,.0f} MiB"
    )
    reset = _reset_peak()
    base = _peak_mib()
    config = AnalysisConfig(n_jobs=n_jobs, betweenness_pivots=pivots)

    last = [time.perf_counter()]

    def progress(step: str, done: int, total: int) -> None:
        now = time.perf_counter()
        print(
            f"  [{done}/{total}] {step:<18} {now - last[0]:7.2f} s   rss peak {_peak_mib():7,.0f} MiB"
        )
        last[0] = now

    load_before = os.getloadavg()[0]
    cpu0, workers0 = _cpu_seconds(), _workers_cpu()
    t0 = time.perf_counter()
    result = analyze(snap, inputs=inputs, config=config, progress=progress)
    total = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    workers = _workers_cpu() - workers0
    peak = _peak_mib()
    bt = result.betweenness
    print(
        f"total analyze(): {total:.1f} s wall (target <= 60 s); CPU {cpu:.1f} s here "
        f"+ {workers:.1f} s in betweenness workers; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
        f"on {os.cpu_count()} CPUs (other processes slow the wall time)"
    )
    print(
        f"peak RSS during analyze(): {peak:,.0f} MiB "
        f"({'since reset; ' if reset else 'whole process; '}{base:,.0f} MiB held before; "
        "betweenness workers are forkserver processes holding only the tie list) "
        "(target < 4 GB)"
    )
    if bt is not None:
        how = "exact" if bt.exact else f"sampled from {bt.sample_size} pivots"
        print(f"whole-network betweenness: {how}")
    ib = result.internal_betweenness
    how = "exact" if ib.exact else f"sampled from {ib.sample_size} pivots"
    print(
        f"internal network: {result.internal_ties:,} ties; betweenness {how}, "
        f"{ib.searches:,} breadth-first searches (one per twin class)"
    )
    names, counts = np.unique(result.typology.labels(), return_counts=True)
    types = ", ".join(f"{a} {b:,}" for a, b in zip(names.tolist(), counts.tolist(), strict=True))
    print(f"people reached {result.people_reached:,}; types: {types}")


# -- (b) against NetworkX -----------------------------------------------------------------------


def _timed(fn, repeat: int = 1):
    """Best ``(wall, cpu)`` seconds of ``repeat`` runs, and the last result.

    CPU time counts this process, its finished children and the finished betweenness
    workers; on a machine shared with other work it is the steadier figure.
    """
    best = (float("inf"), float("inf"))
    out = None
    for _ in range(repeat):
        t, c = time.perf_counter(), _cpu_seconds() + _workers_cpu()
        out = fn()
        best = min(best, (time.perf_counter() - t, _cpu_seconds() + _workers_cpu() - c))
    return best, out


def _scaled(t: tuple[float, float], k: float) -> tuple[float, float]:
    return t[0] * k, t[1] * k


def bench_networkx(n: int, subset: int, sources: int, seed: int = 7) -> None:
    import networkx as nx

    print(f"\n== (b) against NetworkX {nx.__version__}: powerlaw_cluster_graph({n}, 5, 0.3) ==")
    G = nx.powerlaw_cluster_graph(n, 5, 0.3, seed=seed)
    assert nx.is_connected(G)
    rng = np.random.default_rng(seed)
    for a, b in G.edges():
        G[a][b]["weight"] = float(rng.integers(1, 10))
    src, dst = zip(*G.edges(), strict=True)
    w = [G[a][b]["weight"] for a, b in G.edges()]
    snap = NetworkSnapshot.from_edges(np.arange(n), [], src, dst, w)
    print(f"{n:,} nodes, {G.number_of_edges():,} edges")
    pick = sorted(rng.choice(n, size=min(subset, n), replace=False).tolist())
    scale = n / len(pick)
    note = "" if len(pick) == n else f" (NetworkX on {len(pick)} random nodes, time x{scale:.0f})"
    rows = []
    for weighted in (False, True):
        weight = "weight" if weighted else None
        label = "weighted" if weighted else "unweighted"
        t_ours, ours = _timed(lambda weighted=weighted: constraint(snap, weighted=weighted), 3)
        t_nx, ref = _timed(lambda weight=weight: nx.constraint(G, nodes=pick, weight=weight))
        diff = max(abs(ours[v] - ref[v]) for v in pick)
        rows.append((f"constraint ({label})", t_ours, _scaled(t_nx, scale), diff, note))
        t_ours, ours = _timed(lambda weighted=weighted: effective_size(snap, weighted=weighted), 3)
        if weighted:
            # NetworkX's sparse path (nodes=None) disagrees with Burt's definition for
            # weighted graphs (DESIGN.md): the reference is its per-node path.
            t_nx, ref = _timed(lambda: nx.effective_size(G, nodes=pick, weight="weight"))
            diff = max(abs(ours[v] - ref[v]) for v in pick)
            rows.append((f"effective size ({label})", t_ours, _scaled(t_nx, scale), diff, note))
        else:
            # Unweighted, NetworkX's fastest path is its sparse one, on the whole graph.
            t_nx, ref = _timed(lambda: nx.effective_size(G))
            diff = max(abs(ours[v] - ref[v]) for v in G)
            rows.append(
                (f"effective size ({label})", t_ours, t_nx, diff, " (NetworkX sparse path)")
            )

    # Betweenness: ours is exact on all n sources.  NetworkX runs the same Brandes
    # accumulation from a random subset of sources and is extrapolated; the values
    # compared are the subset sums, which igraph computes from the same sources.
    t_ours, ours = _timed(lambda: betweenness(snap).raw, 1)
    t_ours2, _ = _timed(lambda: betweenness(snap, n_jobs=2).raw, 1)
    src_pick = sorted(rng.choice(n, size=min(sources, n), replace=False).tolist())
    t_nx, ref = _timed(
        lambda: nx.betweenness_centrality_subset(G, sources=src_pick, targets=list(G))
    )
    g = snap.to_igraph(weighted=False)
    part = np.asarray(g.betweenness(directed=False, sources=src_pick))
    diff = max(abs(part[v] - ref[v]) for v in G)
    src_note = (
        ""
        if len(src_pick) == n
        else f" (NetworkX from {len(src_pick)} sources, time x{n / len(src_pick):.0f})"
    )
    rows.append(("betweenness (exact)", t_ours, _scaled(t_nx, n / len(src_pick)), diff, src_note))
    rows.append(
        ("betweenness, 2 processes", t_ours2, _scaled(t_nx, n / len(src_pick)), diff, src_note)
    )

    print(
        f"{'measure':<28}{'weakties s':>11}{'NetworkX s':>11}{'ratio':>8}"
        f"{'CPU s':>9}{'NX CPU s':>10}{'CPU ratio':>10}{'max |diff|':>11}"
    )
    for name, ours_t, nx_t, diff, why in rows:
        print(
            f"{name:<28}{ours_t[0]:11.4f}{nx_t[0]:11.2f}{nx_t[0] / ours_t[0]:7.0f}x"
            f"{ours_t[1]:9.4f}{nx_t[1]:10.2f}{nx_t[1] / max(ours_t[1], 1e-9):9.0f}x"
            f"{diff:11.1e}{why}"
        )
    # The three measures together, as a refresh computes them (unweighted, one process).
    chosen = [r for r in rows if r[0] != "betweenness, 2 processes" and "(weighted)" not in r[0]]
    ours_total = [sum(r[1][k] for r in chosen) for k in (0, 1)]
    nx_total = [sum(r[2][k] for r in chosen) for k in (0, 1)]
    print(
        f"{'all three (unweighted)':<28}{ours_total[0]:11.4f}{nx_total[0]:11.2f}"
        f"{nx_total[0] / ours_total[0]:7.0f}x{ours_total[1]:9.4f}{nx_total[1]:10.2f}"
        f"{nx_total[1] / ours_total[1]:9.0f}x"
    )
    print(
        "betweenness is igraph's Brandes in C (one breadth-first search per source); "
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--ties", type=int, default=3_000_000)
    parser.add_argument("--n-jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--pivots", type=int, default=AnalysisConfig().betweenness_pivots)
    parser.add_argument("--nodes", type=int, default=5_000, help="graph size for part (b)")
    parser.add_argument("--subset", type=int, default=500, help="NetworkX nodes for (b)")
    parser.add_argument("--sources", type=int, default=250, help="NetworkX sources for (b)")
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--only-networkx", action="store_true")
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}"
    )
    if not args.only_networkx:
        bench_analyze(args.employees, args.ties, args.n_jobs, args.pivots)
    if not args.skip_networkx:
        bench_networkx(args.nodes, args.subset, args.sources)


if __name__ == "__main__":
    main()
