"""The fixed cost of an authenticated API request, next to Django's floor (issue 9, "a cheap request").

Usage::

    python bench/request_floor.py                     # in process, SQLite in a throw-away home
    python bench/request_floor.py --served            # also through `weakties serve` on loopback
    createdb -h 127.0.0.1 -U postgres weakties_floor
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/weakties_floor python bench/request_floor.py

(On PostgreSQL the bench migrates the database it is given, adds one organisation and removes
it at the end: give it a database of its own.)

Five requests, each answered with almost no work:

``floor``
    ``GET /floor``: a plain Django view that returns ``ok``, through the whole middleware stack,
    with no authentication and no query. Nothing the API does can be cheaper.
``ninja-bare``
    ``GET /bench-api/ping``: a django-ninja endpoint without authentication that returns a
    constant: the floor of the API framework.
``login``
    ``GET /floor-login``: a plain Django view for a signed-in user (session cookie): Django's
    own floor for an authenticated request (the session and its user: two queries).
``ninja``
    ``GET /bench-api/me``: a django-ninja endpoint registered only here, with the API's own
    :class:`~weakties.api.auth.TokenAuth` and ``_organisation``; it works on every version of
    weakties, so it compares a version before a change with the one after.
``api/me``
    ``GET /api/me``: the real endpoint (skipped where this version has none).

*In process*, the bench calls Django's WSGI handler directly, the way gunicorn does, without a
socket; that isolates the per-request cost. With ``--served`` it starts ``weakties serve`` on a
free ``127.0.0.1`` port (1 worker unless told otherwise) and sends the same requests over
keep-alive connections: first one client alone (latency), then ``--clients`` at once
(requests/s). Every loop is bounded by ``--requests``; the server is always stopped.

To compare with an older version, run the same script with that version's source first on the
path: ``git archive OLD src | tar -x -C /tmp/old && PYTHONPATH=/tmp/old/src python
bench/request_floor.py``.

Prints p50/p99 latency, requests/s, the CPU time of the serving thread per request (in
process; steadier than wall time on a busy machine) and the queries each request made. Figures
are printed, never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"

#: name → (path, headers); the headers are filled in by :func:`_targets`.
Targets = dict[str, tuple[str, dict[str, str]]]

# The settings and URLs of the bench: the real site plus one plain view and one ninja endpoint.
SETTINGS = """
from weakties.site.settings import *  # noqa: F403
ROOT_URLCONF = "floor_urls"
"""

URLS = '''
from django.http import HttpResponse
from django.urls import include, path
from ninja import NinjaAPI

from weakties.api import routes
from weakties.api.auth import TokenAuth


def floor(request):
    """The floor: Django's middleware and URL resolution, nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def floor_login(request):
    """Django's own authenticated floor: the session and its user, loaded by Django's middleware."""
    if not request.user.is_authenticated:
        return HttpResponse("login first", status=403, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


bench_api = NinjaAPI(
    auth=TokenAuth(), urls_namespace="bench_floor", docs_url=None, openapi_url=None
)


@bench_api.get("/ping", auth=None)
def ping(request):
    """django-ninja's own floor: an endpoint without authentication and without work."""
    return {"ok": True}


@bench_api.get("/me")
def me(request):
    """Token auth and the caller's organisation: the fixed part of every API endpoint."""
    organisation = routes._organisation(request)
    return {"email": request.user.email, "organisation": organisation.name}


urlpatterns = [
    path("floor", floor),
    path("floor-login", floor_login),
    path("bench-api/", bench_api.urls),
    path("", include("weakties.site.urls")),
]
'''


def _prepare_home() -> tuple[Path, Path]:
    """A throw-away home (SQLite database unless DATABASE_URL is set) and the bench's modules."""
    home = Path(tempfile.mkdtemp(prefix="weakties-floor-"))
    code = home / "bench_site"
    code.mkdir()
    (code / "floor_settings.py").write_text(SETTINGS)
    (code / "floor_urls.py").write_text(URLS)
    os.environ["WEAKTIES_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "floor_settings"
    sys.path.insert(0, str(code))
    return home, code


def _caller() -> tuple[str, str, object]:
    """An organisation with one employee who has a login, a session and an API token.

    Returns the token's key, the session cookie and the organisation.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from weakties.accounts.models import ApiToken, Employee, Organisation
    from weakties.people.models import Person

    tag = secrets.token_hex(4)
    organisation = Organisation.objects.create(name=f"Floor bench {tag}", domain="floor.test")
    email = f"bench-{tag}@floor.test"
    user = get_user_model().objects.create_user(username=email, email=email)
    person = Person.objects.create(first_name="Bench", last_name=tag)
    Employee.objects.create(organisation=organisation, person=person, user=user, email=email)
    _, key = ApiToken.issue(user, "request_floor bench")
    browser = Client()
    browser.force_login(user)
    return key, browser.cookies[settings.SESSION_COOKIE_NAME].value, organisation


def _targets(key: str, session: str) -> Targets:
    from django.conf import settings
    from django.urls import Resolver404, resolve

    token = {"Authorization": f"Bearer {key}"}
    targets = {
        "floor": ("/floor", {}),
        "ninja-bare": ("/bench-api/ping", {}),
        "login": ("/floor-login", {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}),
        "ninja": ("/bench-api/me", token),
        "api/me": ("/api/me", token),
    }
    try:
        resolve("/api/me")
    except Resolver404:  # a version before the endpoint
        del targets["api/me"]
    return targets


def _cleanup(organisation, session: str) -> None:
    """Remove what :func:`_caller` made (matters on a shared PostgreSQL database)."""
    from django.contrib.sessions.models import Session

    from weakties.accounts.models import AuditEvent, Employee

    Session.objects.filter(session_key=session).delete()

    for e in Employee.objects.filter(organisation=organisation).select_related("person", "user"):
        AuditEvent.objects.filter(actor=e.user).delete()
        e.delete()
        e.person.delete()
        if e.user is not None:
            e.user.delete()
    organisation.delete()


# -- in process ------------------------------------------------------------------------------


def _environ(path: str, headers: dict[str, str]) -> dict:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": HOST,
        "HTTP_HOST": HOST,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    environ.update({"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()})
    return environ


def _call(application, path: str, headers: dict[str, str]) -> tuple[str, bytes]:
    status: list[str] = []
    response = application(_environ(path, headers), lambda s, h, exc=None: status.append(s))
    try:
        body = b"".join(response)
    finally:
        response.close()  # request_finished: Django closes or keeps the connection here
    return status[0], body


def in_process(targets: Targets, n: int) -> None:
    """Run :func:`_in_process` in a thread of its own, like one of gunicorn's.

    The main thread keeps its database connection open meanwhile, as a server's other threads
    and the background worker do; SQLite checkpoints its WAL when the last connection closes,
    which a served request does not pay for.
    """
    worker = threading.Thread(target=_in_process, args=(targets, n))
    worker.start()
    worker.join()


def _in_process(targets: Targets, n: int) -> None:
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    application = get_wsgi_application()
    print(f"\nin process (WSGI handler, no socket), {n} requests each")
    print(
        f"{'request':<11} {'p50 µs':>9} {'p99 µs':>9} {'req/s':>8} {'CPU µs':>8} {'queries':>8}"
        "  status"
    )
    for name, (path, hdrs) in targets.items():
        status, _ = _call(application, path, hdrs)  # warm-up: imports, URL caches, connection
        with CaptureQueriesContext(connection) as queries:
            _call(application, path, hdrs)
        count = len(queries)  # now: the next request clears the connection's log
        times = []
        start, cpu = time.perf_counter(), time.thread_time()
        for _ in range(n):
            t = time.perf_counter_ns()
            _call(application, path, hdrs)
            times.append(time.perf_counter_ns() - t)
        elapsed, cpu = time.perf_counter() - start, time.thread_time() - cpu
        p50, p99 = _percentiles(times)
        print(
            f"{name:<11} {p50 / 1e3:>9.0f} {p99 / 1e3:>9.0f} {n / elapsed:>8.0f} "
            f"{cpu / n * 1e6:>8.0f} {count:>8}  {status}"
        )


def _percentiles(times: list[int]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[98]


# -- through `weakties serve` ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _start_server(code: Path, *, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(code), *sys.path[1:]]))
    server = subprocess.Popen(
        [sys.executable, "-m", "weakties.cli", "serve", "--no-worker", "--host", HOST]
        + ["--port", str(port), "--workers", str(workers), "--threads", str(threads)],
        env=env,
        start_new_session=True,  # its own process group: stopped as one below
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"weakties serve exited with {server.returncode}")
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return server, port
        except OSError:
            time.sleep(0.2)
    _stop_server(server)
    raise SystemExit("weakties serve did not start within 60 s")


def _stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)


def _client(port: int, path: str, headers: dict[str, str], n: int, times: list[int]) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        for _ in range(n):
            t = time.perf_counter_ns()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"GET {path}: HTTP {response.status}")
            times.append(time.perf_counter_ns() - t)
    finally:
        conn.close()


def served(targets: Targets, args, code: Path) -> None:
    server, port = _start_server(code, workers=args.workers, threads=args.threads)
    try:
        print(
            f"\nthrough `weakties serve` on {HOST}:{port} ({args.workers} worker × "
            f"{args.threads} threads), {args.requests} requests each"
        )
        print(
            f"{'request':<11} {'p50 µs':>9} {'p99 µs':>9} {'req/s':>8}   ({args.clients} clients)"
        )
        for name, (path, hdrs) in targets.items():
            _client(port, path, hdrs, 20, [])  # warm-up of every worker's imports
            alone: list[int] = []
            _client(port, path, hdrs, args.requests, alone)
            p50, p99 = _percentiles(alone)
            together: list[int] = []
            share = max(1, args.requests // args.clients)
            clients = [
                threading.Thread(target=_client, args=(port, path, hdrs, share, together))
                for _ in range(args.clients)
            ]
            start = time.perf_counter()
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            rate = len(together) / (time.perf_counter() - start)
            print(f"{name:<11} {p50 / 1e3:>9.0f} {p99 / 1e3:>9.0f} {rate:>8.0f}")
    finally:
        _stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per measurement")
    parser.add_argument("--served", action="store_true", help="also through `weakties serve`")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (--served)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (--served)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (--served)")
    args = parser.parse_args()

    home, code = _prepare_home()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import weakties

    call_command("migrate", interactive=False, verbosity=0)
    key, session, organisation = _caller()
    targets = _targets(key, session)
    print(
        f"weakties from {Path(weakties.__file__).parent}, {connection.vendor}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    try:
        in_process(targets, args.requests)
        if args.served:
            served(targets, args, code)
    finally:
        _cleanup(organisation, session)
        connection.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
