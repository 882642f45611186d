"""The load of ``bench/hot.py``: keep-alive HTTP clients in threads, closed and open loop.

* **closed loop**: every client sends its next request as soon as the last one
  answered (no think time); it measures throughput.
* **open loop**: requests are scheduled at a fixed rate (request ``i`` at
  ``start + i / rate``) and taken by whichever client is free; latency runs
  from the *scheduled* time, so a server that falls behind shows its queue in
  the latency instead of slowing the clients down (no coordinated omission).
  Requests still unsent when the run's time is up count as errors ("not
  sent"), with the time they had waited as a lower bound of their latency.

Every loop stops by itself: at the end of its time, after a maximum number of
requests, or when ``stop`` is set; a request waits at most ``timeout`` seconds
for each read (a timeout is an error).  Only the standard library is used.
"""

from __future__ import annotations

import http.client
import itertools
import random
import resource
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["Target", "request_plan", "alone", "closed_loop", "open_loop", "summarize"]

ENDPOINTS = ("/api/intro", "/api/who-knows")
NOT_SENT = "not sent"


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    token: str
    timeout: float


@dataclass(frozen=True)
class Request:
    path: str
    endpoint: str
    group: str  # large, medium or small company


@dataclass
class Result:
    request: Request
    scheduled: float  # monotonic seconds; latency runs from here
    finished: float
    status: int  # 0: no HTTP answer (see error)
    error: str
    size: int

    @property
    def latency_ms(self) -> float:
        return (self.finished - self.scheduled) * 1000

    @property
    def ok(self) -> bool:
        return self.status == 200


class Client:
    """One keep-alive connection; reconnects once when the server closed an idle one."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.conn: http.client.HTTPConnection | None = None
        self.headers = {"Authorization": f"Bearer {target.token}"}

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def get(self, path: str) -> tuple[int, str, int]:
        """``(status, error, bytes)``; status 0 with an error when no answer came."""
        for attempt in (0, 1):
            reused = self.conn is not None
            if self.conn is None:
                t = self.target
                self.conn = http.client.HTTPConnection(t.host, t.port, timeout=t.timeout)
            try:
                return self._exchange(path)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if not reused or attempt:
                    return 0, type(exc).__name__, 0
            except TimeoutError:
                self.close()
                return 0, "timeout", 0
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                return 0, type(exc).__name__, 0
        return 0, "unreachable", 0  # pragma: no cover - the loop always returns

    def _exchange(self, path: str) -> tuple[int, str, int]:
        self.conn.request("GET", path, headers=self.headers)
        response = self.conn.getresponse()
        body = response.read()
        if response.will_close:
            self.close()
        return response.status, "" if response.status == 200 else str(response.status), len(body)


def request_plan(companies: dict[str, list], *, count: int, seed: int) -> list[Request]:
    """``count`` requests: a company drawn uniformly from all groups, intro or who-knows at random."""
    rng = random.Random(seed)
    pool = [(group, name) for group, rows in companies.items() for name, _ties in rows]
    plan = []
    for _ in range(count):
        group, name = rng.choice(pool)
        endpoint = rng.choice(ENDPOINTS)
        plan.append(Request(f"{endpoint}?company={quote(name)}", endpoint, group))
    return plan


def _send(client: Client, request: Request, scheduled: float) -> Result:
    status, error, size = client.get(request.path)
    return Result(request, scheduled, time.monotonic(), status, error, size)


def alone(target: Target, company: str, *, repeat: int) -> dict[str, dict]:
    """Each endpoint for ``company``, ``repeat`` times one after the other, on one connection."""
    client = Client(target)
    figures = {}
    try:
        for endpoint in ENDPOINTS:
            request = Request(f"{endpoint}?company={quote(company)}", endpoint, "large")
            runs = [_send(client, request, time.monotonic()) for _ in range(repeat)]
            ms = [r.latency_ms for r in runs]
            figures[endpoint] = {
                "min_ms": min(ms),
                "median_ms": statistics.median(ms),
                "runs_ms": ms,
                "statuses": [r.status or r.error for r in runs],
                "lower_bound": any(r.error == "timeout" for r in runs),
                "bytes": max(r.size for r in runs),
            }
    finally:
        client.close()
    return figures


def _run_clients(worker, clients: int, limit: float, stop: threading.Event) -> None:
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + limit
    try:
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0))
    finally:
        stop.set()  # Ctrl-C or past the limit: no client sends again


def closed_loop(
    target: Target,
    plan: list[Request],
    *,
    clients: int,
    seconds: float,
    stop: threading.Event,
    max_requests: int | None = None,
) -> tuple[list[Result], float]:
    """Clients without think time for ``seconds`` (the plan repeats); the results and the wall time.

    At most ``max_requests`` are sent (default: the plan once).
    """
    max_requests = len(plan) if max_requests is None else max_requests
    results: list[Result] = []
    counter = itertools.count()
    start = time.monotonic()
    end = start + seconds

    def worker() -> None:
        client = Client(target)
        try:
            while not stop.is_set() and time.monotonic() < end:
                i = next(counter)
                if i >= max_requests:
                    break
                results.append(_send(client, plan[i % len(plan)], time.monotonic()))
        finally:
            client.close()

    _run_clients(worker, clients, seconds + target.timeout + 10, stop)
    return list(results), time.monotonic() - start


def open_loop(
    target: Target,
    plan: list[Request],
    *,
    clients: int,
    seconds: float,
    rate: float,
    stop: threading.Event,
) -> tuple[list[Result], float]:
    """``rate`` requests per second for ``seconds`` (the plan repeats), sent by ``clients`` clients."""
    results: list[Result] = []
    total = int(rate * seconds)
    counter = itertools.count()
    start = time.monotonic() + 0.05
    end = start + seconds

    def worker() -> None:
        client = Client(target)
        try:
            while not stop.is_set():
                i = next(counter)
                at = start + i / rate
                if i >= total or time.monotonic() >= end:
                    break
                time.sleep(max(at - time.monotonic(), 0))
                results.append(_send(client, plan[i % len(plan)], at))
        finally:
            client.close()

    _run_clients(worker, clients, seconds + target.timeout + 10, stop)
    finished = time.monotonic()
    sent = len(results)
    for i in range(sent, total):  # never taken by a client: waited at least until now
        results.append(Result(plan[i % len(plan)], start + i / rate, finished, 0, NOT_SENT, 0))
    return results, finished - start


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _percentile(sorted_ms: list[float], q: float) -> float | None:
    if not sorted_ms:
        return None
    rank = max(int(round(q / 100 * len(sorted_ms) + 0.5)) - 1, 0)  # nearest rank
    return sorted_ms[min(rank, len(sorted_ms) - 1)]


def _latencies(results: list[Result]) -> dict:
    ms = sorted(r.latency_ms for r in results)
    return {f"p{q}_ms": _percentile(ms, q) for q in (50, 95, 99)} | {"requests": len(ms)}


def summarize(results: list[Result], wall: float, timeout: float) -> dict:
    """Requests/s (answered 200), percentiles over every request, errors by kind, per group.

    Failed requests count in the percentiles with the time they took (a timeout
    as the timeout), so a tail of errors shows; ``lower_bound`` says so.
    """
    errors = Counter(r.error or str(r.status) for r in results if not r.ok)
    ok = sum(r.ok for r in results)
    figures = {
        "requests": len(results),
        "ok": ok,
        "requests_per_s": ok / wall if wall else 0.0,
        "wall_s": wall,
        "errors": sum(errors.values()),
        "errors_by_kind": dict(errors),
        "lower_bound": bool(errors.get("timeout") or errors.get(NOT_SENT)),
        "timeout_s": timeout,
        "bytes": sum(r.size for r in results),
    }
    figures |= _latencies(results)
    groups = sorted({r.request.group for r in results})
    figures["by_group"] = {
        g: _latencies([r for r in results if r.request.group == g]) for g in groups
    }
    figures["by_endpoint"] = {
        e: _latencies([r for r in results if r.request.endpoint == e]) for e in ENDPOINTS
    }
    return figures
