"""Benchmark: the expertise finder through HTTP, and a target list of 1,000 companies (issue 10).

On an organisation built by ``bench/analyze.py --employees N --keep DIR``
(built here when ``DIR`` holds none; 3,000 employees ≈ 0.9M ties, 10,000 ≈
3M ties at 40,000 companies), it

1. gives every employee a profile (two to five skills from the matching
   catalogue, in Dutch or English, and a focus topic or two), once;
2. builds the finder's indexes (:func:`weakties.expertise.services.index.index_rebuild`)
   and prints how long that took and how many rows they hold;
3. times a target list of ``--targets`` companies (the 100 largest by ties
   and the rest drawn at random) in-process (``coverage()``, ``--repeat``
   times: min and median) and once through ``POST /api/targets/coverage``;
4. starts ``weakties serve`` (``bench/hot_server.py``) and drives
   ``GET /api/expertise`` with ``--clients`` keep-alive clients
   (``bench/hot_load.py``): an open loop offering ``--rate`` requests/s
   (latency from the scheduled send time), then a closed loop (no think
   time: requests/s).  The queries mix skills (Dutch and English), job
   titles, companies (the 20 largest and random ones), sectors, regions and
   a skill with a company.  Last, ``--alone`` requests one at a time,
   taking turns with ``/api/intro`` (issue 9's hot path) and ``/api/me``
   (the API's floor): what one request costs, the three under the same load
   on a shared machine;
5. prints p50/p95/p99, requests/s and errors beside the targets, never
   asserting them: p99 ≤ 50 ms at 200 requests/s offered by 50 clients;
   a list of 1,000 companies ≤ 5 s.

``--cpu N`` measures instead what one search costs in-process, without a
server: the CPU time (``time.process_time``, the least of ``N`` runs, so
that other work on a shared machine counts as little as it can) of every
query kind through ``expertise_search`` and through ``GET /api/expertise``
(Django's WSGI handler, no socket), the statements each search sends, and
"who can introduce me to" the largest companies (issue 9's hot path) and
``/api/me`` beside them; ``--profile FILE`` also writes a cProfile of those
searches (``python -m pstats FILE``).  ``--served-cpu N`` starts ``weakties
serve`` and reads the server's own CPU time per request, one request at a
time, by kind.  ``--results FILE`` writes what the query mix finds (limits 20
and 5), to compare two versions.  ``--open-only`` runs only the open loop
(``--seconds`` at ``--rate``) on the index as it is.  To compare with an
older version: ``git archive OLD src | tar -x -C /tmp/old`` and run the
bench with ``PYTHONPATH=/tmp/old/src`` (the server inherits it).

    python bench/expertise.py [--employees 3000] [--data DIR | --home DIR] [--seconds 20]
                              [--clients 50] [--rate 200] [--targets 1000] [--json FILE]
                              [--cpu N [--profile FILE]] [--served-cpu N] [--results FILE]
                              [--open-only] [--first-build]

``--first-build`` times instead the first build of the finder's indexes (as
the first search or import after they were never built does it,
:func:`weakties.expertise.services.index.index_ensure`) from empty indexes
twice: in one transaction (as before issue 12) and chunk by chunk.  For each
it prints the total time, the transactions it committed and the longest of
them (how long it held SQLite's write lock), and what a writer beside it (a
thread committing a one-row update every 20 ms, as each search writes its
audit line) waited at worst and at the 99th percentile.

``DATABASE_URL`` set: the organisation lives in that PostgreSQL database
(``bench/analyze.py`` builds it there too).  Traffic goes to 127.0.0.1 only;
the server is always stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import hot_load
from hot_server import Server

BENCH = Path(__file__).resolve().parent
ORG = "Bench BV"
USER_EMAIL = "e0@bench.nl"
TARGET_P99_MS = 50.0
TARGET_LIST_S = 5.0
SEED = 11


def _setup(home: Path, employees: int) -> None:
    """Point Django at ``home``; build the organisation there with bench/analyze.py if missing."""
    os.environ["WEAKTIES_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from weakties.accounts.models import Organisation

    call_command("migrate", interactive=False, verbosity=0)
    if not Organisation.objects.filter(name=ORG).exists():
        print(f"building the organisation of {employees:,} employees (bench/analyze.py) …")
        subprocess.run(
            [sys.executable, str(BENCH / "analyze.py"), "--employees", str(employees)]
            + ["--keep", str(home)],
            check=True,
        )


def _profiles(org) -> float:
    """Profiles for every employee, once; returns the seconds it took (0 when they exist)."""
    from weakties.accounts.models import Employee
    from weakties.expertise.models import Profile
    from weakties.matching import catalogue

    if Profile.objects.filter(employee__organisation=org).exists():
        return 0.0
    t = time.perf_counter()
    rng = random.Random(SEED)
    skills = [label for s in catalogue.skills() for label in (*s.labels_nl[:2], *s.labels_en[:2])]
    topics = skills + ["energietransitie", "AI", "duurzaamheid", "Bedrijf 3", "zorg", "fintech"]
    rows = [
        Profile(
            employee_id=pk,
            skills="\n".join(rng.sample(skills, rng.randint(2, 5))),
            focus_topics="\n".join(rng.sample(topics, rng.randint(0, 2))),
        )
        for pk in Employee.objects.filter(organisation=org).values_list("pk", flat=True)
    ]
    Profile.objects.bulk_create(rows, batch_size=2000)
    return time.perf_counter() - t


def _largest_companies(org, count: int) -> list[str]:
    from django.db.models import Sum

    from weakties.expertise.models import CompanyReach

    rows = (
        CompanyReach.objects.filter(organisation=org)
        .values("company__name")
        .annotate(n=Sum("people"))
        .order_by("-n")[:count]
    )
    return [r["company__name"] for r in rows]


def _target_list(org, count: int, largest: list[str]) -> str:
    from weakties.people.models import Company

    rng = random.Random(SEED)
    names = list(Company.objects.values_list("name", flat=True))
    chosen = list(dict.fromkeys(largest[:100] + rng.sample(names, min(len(names), count * 2))))
    return "\n".join(chosen[:count])


def _time_coverage(org, text: str, repeat: int) -> tuple[list[float], dict]:
    from weakties.expertise.selectors.coverage import coverage, specs_from_lines
    from weakties.expertise.services.target_lists import target_lines

    times, result = [], {}
    for _ in range(repeat):
        t = time.perf_counter()
        result = coverage(organisation=org, targets=specs_from_lines(target_lines(text=text)))
        times.append(time.perf_counter() - t)
    return times, result["summary"]


def _token() -> str:
    from django.contrib.auth import get_user_model

    from weakties.accounts.models import ApiToken, Employee

    employee = Employee.objects.get(email=USER_EMAIL)
    if employee.user is None:
        employee.user = get_user_model().objects.create_user(username=USER_EMAIL, email=USER_EMAIL)
    employee.role = "sales"
    employee.save()
    return ApiToken.issue(employee.user, "bench expertise")[1]


def _plan(largest: list[str], count: int) -> list[hot_load.Request]:
    """The queries: (kind, text) drawn with the weights below, as GET /api/expertise requests."""
    from weakties.matching import catalogue
    from weakties.people.models import Company

    rng = random.Random(SEED)
    skills = [label for s in catalogue.skills() for label in (*s.labels_nl[:2], *s.labels_en[:2])]
    companies = list(Company.objects.values_list("name", flat=True)[:5000])
    kinds = {
        "skill": (40, lambda: rng.choice(skills)),
        "title": (
            10,
            lambda: rng.choice(["software engineer", "adviseur", "manager", "directeur"]),
        ),
        "large company": (10, lambda: rng.choice(largest[:20])),
        "company": (10, lambda: rng.choice(companies)),
        "sector": (10, lambda: rng.choice(["zorg", "finance", "overheid", "logistics", "IT"])),
        "region": (10, lambda: rng.choice(["Utrecht", "Eindhoven", "Gent", "Rotterdam"])),
        "skill + company": (10, lambda: f"{rng.choice(skills)} {rng.choice(largest[:20])}"),
    }
    names = list(kinds)
    weights = [kinds[k][0] for k in names]
    plan = []
    for _ in range(count):
        kind = rng.choices(names, weights)[0]
        plan.append(
            hot_load.Request(f"/api/expertise?q={quote(kinds[kind][1]())}", "/api/expertise", kind)
        )
    return plan


def _coverage_http(target: hot_load.Target, text: str) -> tuple[float, int]:
    import http.client

    conn = http.client.HTTPConnection(target.host, target.port, timeout=120)
    body = json.dumps({"text": text})
    headers = {"Authorization": f"Bearer {target.token}", "Content-Type": "application/json"}
    t = time.perf_counter()
    conn.request("POST", "/api/targets/coverage", body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return time.perf_counter() - t, response.status


def _loop(mode: str, target: hot_load.Target, plan: list, args) -> dict:
    stop = threading.Event()
    if mode == "open":
        results, wall = hot_load.open_loop(
            target, plan, clients=args.clients, seconds=args.seconds, rate=args.rate, stop=stop
        )
    else:
        results, wall = hot_load.closed_loop(
            target, plan, clients=args.clients, seconds=args.seconds, stop=stop,
            max_requests=100_000,
        )  # fmt: skip
    figures = hot_load.summarize(results, wall, args.timeout)
    kinds = sorted({r.request.group for r in results})
    figures["by_kind"] = {
        k: hot_load._latencies([r for r in results if r.request.group == k]) for k in kinds
    }
    return figures


def _ms(value: float | None) -> str:
    return "   -   " if value is None else f"{value:7.1f}"


def _print_loop(mode: str, f: dict, args) -> None:
    offered = f" offering {args.rate:.0f} req/s" if mode == "open" else " (no think time)"
    print(f"\n{mode} loop, {args.clients} clients{offered}, {f['wall_s']:.0f} s:")
    print(
        f"  {f['requests_per_s']:7.1f} req/s   p50 {_ms(f['p50_ms'])} ms   p95 {_ms(f['p95_ms'])} ms"
        f"   p99 {_ms(f['p99_ms'])} ms   errors {f['errors']} {f['errors_by_kind'] or ''}"
    )
    for kind, k in f["by_kind"].items():
        print(f"    {kind:<16} p50 {_ms(k['p50_ms'])}  p99 {_ms(k['p99_ms'])}  ({k['requests']})")
    if mode == "open":
        verdict = "met" if (f["p99_ms"] or 1e9) <= TARGET_P99_MS and not f["errors"] else "NOT met"
        print(f"  target p99 <= {TARGET_P99_MS:.0f} ms at {args.rate:.0f} req/s: {verdict}")


def _baseline(target: hot_load.Target, plan: list, args) -> dict:
    """One request at a time on one connection, taking turns: ``/api/expertise`` (the plan),
    ``/api/intro`` (issue 9's hot path, the 20 largest companies) and ``/api/me`` (the API's
    floor).  Taking turns puts the three under the same load on a machine shared with other
    work; no queue, so the figures are what one request costs."""
    rng = random.Random(SEED)
    client = hot_load.Client(target)
    ms: dict[str, list[float]] = {"/api/expertise": [], "/api/intro": [], "/api/me": []}
    try:
        for request in plan[: args.alone]:
            company = quote(rng.choice(args.largest or ["x"]))
            for name, path in (
                ("/api/expertise", request.path),
                ("/api/intro", f"/api/intro?company={company}"),
                ("/api/me", "/api/me"),
            ):
                t = time.perf_counter()
                status, _error, _size = client.get(path)
                ms[name].append((time.perf_counter() - t) * 1000 if status == 200 else float("inf"))
    finally:
        client.close()
    print(f"\none request at a time, taking turns ({args.alone} each, same server):")
    figures = {}
    for name, values in ms.items():
        values.sort()
        figures[name] = {q: hot_load._percentile(values, q) for q in (50, 90, 99)}
        f = figures[name]
        print(f"  {name:<15} p50 {_ms(f[50])} ms   p90 {_ms(f[90])} ms   p99 {_ms(f[99])} ms")
    return figures


def _serve_and_load(args, token: str, plan: list, text: str) -> dict:
    env = dict(os.environ)
    server = Server(env, workers=args.workers, threads=args.threads)
    figures: dict = {}
    try:
        server.start()
        target = hot_load.Target(server.base[0], server.port, token, args.timeout)
        hot_load.closed_loop(target, plan[:200], clients=8, seconds=10, stop=threading.Event())
        seconds, status = _coverage_http(target, text)
        figures["coverage_http_s"] = seconds
        print(f"target list through HTTP   {seconds:6.2f} s  (status {status})")
        for mode in ("open", "closed"):
            figures[mode] = _loop(mode, target, plan, args)
            _print_loop(mode, figures[mode], args)
        if args.baseline:
            figures["baseline"] = _baseline(target, plan, args)
    finally:
        server.stop()
    return figures


def _open_only(args, token: str, plan: list) -> dict:
    """The open loop alone (after a short closed-loop warm-up), on the index as it is; with
    the server's CPU ms per request answered."""
    server = Server(dict(os.environ), workers=args.workers, threads=args.threads)
    try:
        server.start()
        target = hot_load.Target(server.base[0], server.port, token, args.timeout)
        hot_load.closed_loop(target, plan[:200], clients=8, seconds=5, stop=threading.Event())
        cpu = server.cpu_seconds()
        figures = _loop("open", target, plan, args)
        answered = max(1, figures["requests"] - figures["errors"])
        figures["server_cpu_ms"] = (server.cpu_seconds() - cpu) * 1000 / answered
        _print_loop("open", figures, args)
        print(f"  server CPU {figures['server_cpu_ms']:.2f} ms per request answered")
    finally:
        server.stop()
    return figures


def _cpu_ms(run, repeat: int) -> float:
    """The least CPU time of ``repeat`` runs of ``run()``, in ms."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        run()
        best = min(best, time.process_time() - t)
    return best * 1000


def _queries(plan: list[hot_load.Request], per_kind: int) -> dict[str, list[str]]:
    """The first ``per_kind`` queries of each kind in the plan (the ``q`` of each request)."""
    from urllib.parse import parse_qs, urlsplit

    queries: dict[str, list[str]] = {}
    for request in plan:
        q = parse_qs(urlsplit(request.path).query)["q"][0]
        if len(queries.setdefault(request.group, [])) < per_kind:
            queries[request.group].append(q)
    return queries


def _searcher():
    """The bench's searcher and its login, the employee attached as the API's token look-up does."""
    from weakties.accounts.models import Employee

    me = Employee.objects.select_related("organisation", "user").get(email=USER_EMAIL)
    user = me.user
    type(user)._meta.get_field("employee").set_cached_value(user, me)
    return me, user


def _statements(run) -> int:
    """How many statements ``run()`` sent to the database (prepared ones on PostgreSQL too)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def _environ(path: str, token: str) -> dict:
    """A WSGI request for ``path`` with the bearer token, as gunicorn hands it to Django."""
    import io

    path, _sep, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1",
        "HTTP_AUTHORIZATION": f"Bearer {token}", "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False,
    }  # fmt: skip


def _api_call(application, path: str, token: str) -> None:
    status: list[str] = []
    response = application(_environ(path, token), lambda s, h, exc=None: status.append(s))
    try:
        b"".join(response)
    finally:
        response.close()
    if not status[0].startswith("200"):
        raise RuntimeError(f"{path}: {status[0]}")


def _cpu(org, plan: list[hot_load.Request], largest: list[str], args) -> dict:
    """CPU ms per search in-process, by query kind (median over the kind's queries of the
    least of ``--cpu`` runs each), beside "who can introduce me to" the largest companies.

    Three figures per kind: ``search`` (``expertise_search`` called as the API calls it: the
    searcher's login with their employee attached), ``api`` (``GET /api/expertise`` through
    Django's WSGI handler, no socket: token, permission, search, audit, response validation
    and JSON; ``/api/intro`` and ``/api/me`` beside it) and the statements one search sends.
    """
    import cProfile

    from django.core.wsgi import get_wsgi_application

    from weakties.expertise.selectors.finder import expertise_search
    from weakties.insights.services.introductions import introductions

    token = _token()  # the searcher is a sales person with a login, as through HTTP
    me, user = _searcher()
    application = get_wsgi_application()
    queries = _queries(plan, args.queries)
    profiler = cProfile.Profile() if args.profile else None
    figures: dict[str, dict[str, float]] = {}
    print(
        f"\nCPU per search in-process (least of {args.cpu} runs; median over the queries):"
        f"\n  {'kind':<26} {'search':>8} {'api':>8} {'statements':>11}"
    )
    for kind, texts in sorted(queries.items()):
        search, api, sent = [], [], []
        for q in texts:

            def run(q=q) -> None:
                expertise_search(organisation=org, query=q, searcher=me, actor=user)

            path = f"/api/expertise?q={quote(q)}"
            if profiler:
                profiler.enable()
            search.append(_cpu_ms(run, args.cpu))
            api.append(_cpu_ms(lambda path=path: _api_call(application, path, token), args.cpu))
            if profiler:
                profiler.disable()
            sent.append(_statements(run))
        figures[kind] = {
            "search_ms": statistics.median(search),
            "api_ms": statistics.median(api),
            "statements": statistics.mean(sent),
        }
        f = figures[kind]
        print(
            f"  expertise {kind:<16} {f['search_ms']:8.2f} {f['api_ms']:8.2f}"
            f" {f['statements']:11.2f}  ({len(texts)} queries)"
        )
    every = {
        k: statistics.median([f[k] for f in figures.values()])
        for k in ("search_ms", "api_ms", "statements")
    }
    print(
        f"  {'expertise, median of kinds':<26} {every['search_ms']:8.2f} {every['api_ms']:8.2f}"
        f" {every['statements']:11.2f}"
    )
    figures["expertise (median of kinds)"] = every
    intro_search = [
        _cpu_ms(lambda c=c: introductions(organisation=org, company=c, actor=user), args.cpu)
        for c in largest[:10]
    ]
    intro_api = [
        _cpu_ms(
            lambda c=c: _api_call(application, f"/api/intro?company={quote(c)}", token), args.cpu
        )
        for c in largest[:10]
    ]
    floor = _cpu_ms(lambda: _api_call(application, "/api/me", token), args.cpu * 10)
    figures["intro (10 largest companies)"] = {
        "search_ms": statistics.median(intro_search),
        "api_ms": statistics.median(intro_api),
    }
    figures["/api/me"] = {"api_ms": floor}
    f = figures["intro (10 largest companies)"]
    print(f"  {'intro, 10 largest':<26} {f['search_ms']:8.2f} {f['api_ms']:8.2f}")
    print(f"  {'/api/me (the floor)':<26} {'':8} {floor:8.2f}")
    if profiler:
        profiler.dump_stats(str(args.profile))
        print(f"  profile written to {args.profile}")
    return figures


def _served_cpu(args, token: str, plan: list[hot_load.Request], largest: list[str]) -> dict:
    """The server's CPU ms per request (``weakties serve``, every process of it, from /proc),
    one request at a time on one keep-alive connection: the expertise mix by kind and in
    all, ``/api/intro`` (the 20 largest companies in turn) and ``/api/me``.  What the
    open loop's capacity rests on, told apart from the client's and other work's."""
    env = dict(os.environ)
    server = Server(env, workers=args.workers, threads=args.threads)
    n = args.served_cpu
    blocks: dict[str, list[str]] = {"expertise (the mix)": [r.path for r in plan[:n]]}
    for kind in sorted({r.group for r in plan}):
        paths = [r.path for r in plan if r.group == kind]
        blocks[f"expertise {kind}"] = [paths[i % len(paths)] for i in range(n // 4)]
    companies = largest[:20] or ["x"]
    blocks["/api/intro (20 largest)"] = [
        f"/api/intro?company={quote(companies[i % len(companies)])}" for i in range(n)
    ]
    blocks["/api/me"] = ["/api/me"] * n
    figures: dict[str, float] = {}
    client = None
    try:
        server.start()
        client = hot_load.Client(hot_load.Target(server.base[0], server.port, token, 30.0))
        for path in plan[:50]:  # warm: imports, connections, caches
            client.get(path.path)
        print(f"\nserver CPU per request, one at a time ({args.workers} workers x {args.threads}"
              " threads; all its processes):")  # fmt: skip
        for name, paths in blocks.items():
            before, start = server.cpu_seconds(), time.perf_counter()
            failed = sum(client.get(path)[0] != 200 for path in paths)
            cpu = (server.cpu_seconds() - before) / len(paths) * 1000
            wall = (time.perf_counter() - start) / len(paths) * 1000
            figures[name] = cpu
            print(f"  {name:<28} {cpu:6.2f} ms CPU  {wall:6.2f} ms wall  ({len(paths)} requests"
                  f"{f', {failed} failed' if failed else ''})")  # fmt: skip
    finally:
        if client is not None:
            client.close()
        server.stop()
    return figures


def _results(org, plan: list[hot_load.Request], path: Path) -> None:
    """Write what the bench's queries find (limits 20 and 5) to ``path``, to compare versions."""
    from weakties.expertise.selectors.finder import expertise_search

    _token()
    me, user = _searcher()
    out = []
    for kind, texts in sorted(_queries(plan, 40).items()):
        for q in dict.fromkeys(texts):
            for limit in (20, 5):
                hits = expertise_search(
                    organisation=org, query=q, searcher=me, actor=user, limit=limit
                )
                out.append({"kind": kind, "q": q, "limit": limit,
                            "hits": [h.as_dict() for h in hits]})  # fmt: skip
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False))
    print(f"{len(out)} searches' results written to {path}")


class _Transactions:
    """Times every transaction the build commits: first statement to commit (a connection hook)."""

    def __init__(self) -> None:
        self.spans: list[float] = []
        self._start: float | None = None

    def __call__(self, execute, sql, params, many, context):
        connection = context["connection"]
        if self._start is None and connection.in_atomic_block:
            self._start = time.perf_counter()
            connection.on_commit(self._end)
        return execute(sql, params, many, context)

    def _end(self) -> None:
        assert self._start is not None
        self.spans.append(time.perf_counter() - self._start)
        self._start = None


class _Writer(threading.Thread):
    """A writer beside the build: a one-row update committed every 20 ms; how long each one took."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.waits: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        from django.db import connection, transaction

        while not self.stop.wait(0.02):
            t = time.perf_counter()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("UPDATE bench_writer SET n = n + 1")
            self.waits.append(time.perf_counter() - t)
        connection.close()


def _indexes_dropped(org) -> None:
    from weakties.expertise.models import CompanyReach, GroupReach, IndexState, ProfileTerm

    for model in (ProfileTerm, CompanyReach, GroupReach, IndexState):
        model.objects.filter(organisation=org).delete()


def _first_build(org) -> dict:
    """The first build of the indexes, in one transaction (before issue 12) and in chunks."""
    from django.db import connection, transaction

    from weakties.expertise.services.index import index_ensure, reach_rebuild, terms_rebuild

    def one_transaction() -> None:
        with transaction.atomic():
            terms_rebuild(organisation=org)
            reach_rebuild(organisation=org)

    def chunked() -> None:
        index_ensure(organisation=org)

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_writer (n integer)")
        cursor.execute("DELETE FROM bench_writer")
        cursor.execute("INSERT INTO bench_writer VALUES (0)")
    figures = {}
    print(f"\n{'first build':16} {'total':>8} {'transactions':>13} {'median':>8} {'longest':>9}"
          f" {'writer worst':>13} {'p99':>7} {'writes':>7} {'> 100 ms':>9}")  # fmt: skip
    for name, build in (("one transaction", one_transaction), ("in chunks", chunked)):
        _indexes_dropped(org)
        spans, writer = _Transactions(), _Writer()
        writer.start()
        t = time.perf_counter()
        with connection.execute_wrapper(spans):
            build()
        total = time.perf_counter() - t
        writer.stop.set()
        writer.join()
        waits = sorted(writer.waits)
        f = figures[name] = {
            "total_s": total,
            "transactions": len(spans.spans),
            "median_ms": 1000 * statistics.median(spans.spans),
            "longest_ms": 1000 * max(spans.spans),
            "writer_worst_ms": 1000 * waits[-1],
            "writer_p99_ms": 1000 * waits[min(len(waits) - 1, round(0.99 * len(waits)))],
            "writes": len(waits),
            "writes_over_100ms": sum(w > 0.1 for w in waits),
        }
        print(f"{name:16} {total:7.2f}s {f['transactions']:13,} {f['median_ms']:6.0f}ms"
              f" {f['longest_ms']:7.0f}ms {f['writer_worst_ms']:11.0f}ms {f['writer_p99_ms']:5.0f}ms"
              f" {f['writes']:7,} {f['writes_over_100ms']:9,}")  # fmt: skip
    print(
        "(a transaction: first statement to commit, SQLite's WAL checkpoints after commits"
        " included; the writer: a one-row update committed every 20 ms beside the build)"
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_writer")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=3000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/weakties-bench-expertise"))
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--no-baseline", dest="baseline", action="store_false",
        help="skip the requests one at a time beside /api/me and /api/intro",
    )  # fmt: skip
    parser.add_argument("--alone", type=int, default=200, help="requests of each, one at a time")
    parser.add_argument("--home", type=Path, help="the organisation's WEAKTIES_HOME itself")
    parser.add_argument(
        "--cpu", type=int, default=0, metavar="N",
        help="in-process CPU ms per search instead of HTTP: the least of N runs",
    )  # fmt: skip
    parser.add_argument("--queries", type=int, default=15, help="--cpu: queries per kind")
    parser.add_argument("--profile", type=Path, help="--cpu: write a cProfile of the searches")
    parser.add_argument(
        "--open-only", action="store_true",
        help="only the open loop through HTTP (--seconds, --rate): no index rebuild, no list",
    )  # fmt: skip
    parser.add_argument(
        "--served-cpu", type=int, default=0, metavar="N",
        help="the server's CPU per request, one at a time: N of the mix, of intro and of /api/me",
    )  # fmt: skip
    parser.add_argument(
        "--results", type=Path, metavar="FILE",
        help="write what the query mix finds (limits 20 and 5) to FILE, to compare versions",
    )  # fmt: skip
    parser.add_argument(
        "--first-build", action="store_true",
        help="time the first build of the indexes: one transaction, then in chunks",
    )  # fmt: skip
    args = parser.parse_args(argv)

    home = args.home or (
        args.data / f"{'postgres' if os.environ.get('DATABASE_URL') else 'sqlite'}-{args.employees}"
    )
    home.mkdir(parents=True, exist_ok=True)
    _setup(home, args.employees)
    from weakties.accounts.models import Organisation
    from weakties.expertise.services.index import index_ensure, index_rebuild
    from weakties.people.models import TieRank

    org = Organisation.objects.get(name=ORG)
    ties = TieRank.objects.filter(organisation=org).count()
    print(
        f"{args.employees:,} employees, {ties:,} ties ({os.environ.get('DATABASE_URL', 'sqlite')[:10]})"
    )
    figures: dict = {"employees": args.employees, "ties": ties}
    figures["profiles_s"] = _profiles(org)
    if args.first_build:
        figures["first_build"] = _first_build(org)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str))
        return 0
    t = time.perf_counter()
    if args.cpu or args.results or args.served_cpu or args.open_only:  # the index as it is
        built = {"employees": index_ensure(organisation=org).employees}
    else:
        built = index_rebuild(organisation=org)
    figures["index_s"] = time.perf_counter() - t
    print(f"index build                {figures['index_s']:6.2f} s  {built}")
    largest = _largest_companies(org, 100)
    if args.open_only:
        token, plan = _token(), _plan(largest, 5000)
        from django.db import connection

        connection.close()  # the server's workers open their own
        figures["open"] = _open_only(args, token, plan)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str))
        return 0
    if args.results:
        _results(org, _plan(largest, 2000), args.results)
    if args.cpu or args.results or args.served_cpu:
        if args.cpu:
            figures["cpu_ms"] = _cpu(org, _plan(largest, 2000), largest, args)
        if args.served_cpu:
            token = _token()
            from django.db import connection

            connection.close()  # the server's workers open their own
            figures["served_cpu_ms"] = _served_cpu(args, token, _plan(largest, 5000), largest)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str))
        return 0
    args.largest = largest[:20]
    text = _target_list(org, args.targets, largest)
    times, summary = _time_coverage(org, text, args.repeat)
    figures["coverage_s"] = times
    figures["coverage_summary"] = {k: v for k, v in summary.items() if k != "top_introducers"}
    verdict = "met" if min(times) <= TARGET_LIST_S else "NOT met"
    print(
        f"target list of {args.targets:,} companies  min {min(times):6.2f} s  "
        f"median {statistics.median(times):6.2f} s  (target <= {TARGET_LIST_S:.0f} s: {verdict})"
    )
    print(f"  {figures['coverage_summary']}")
    token = _token()
    plan = _plan(largest, 5000)
    from django.db import connection

    connection.close()  # the server's workers open their own
    figures |= _serve_and_load(args, token, plan, text)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
