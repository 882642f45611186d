"""``weakties serve`` with several workers on one database (PostgreSQL in the suite's second half).

The master migrates before gunicorn forks.  A PostgreSQL pool it opened was
inherited by every worker, with its sockets: two workers then spoke through one
session, their prepared statements clashed ("prepared statement _pg3_0 already
exists") and the pool starved, so every API request failed within seconds.
Many concurrent API requests (token check and audit line, both prepared
statements) must all answer 200.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories import DATA

from .conftest import _free_port, cli, own_database, running_server

pytestmark = pytest.mark.browser

REQUESTS = 120


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    home = tmp_path_factory.mktemp("workers-home")
    env = {k: v for k, v in os.environ.items() if k != "WEAKTIES_TASK_BACKEND"}
    env["WEAKTIES_HOME"] = str(home)
    with own_database(env, "workers"):
        cli(env, "org", "create", "Acme BV")
        cli(env, "import", "directory", str(DATA / "directory.csv"), "--org", "Acme BV")
        cli(env, "user", "create", "anna.devries@acme.nl", "--role", "admin")
        token = json.loads(cli(env, "token", "create", "anna.devries@acme.nl", "--json"))["token"]
        options = ("--workers", "2", "--threads", "4", "--no-worker")
        with running_server(env, _free_port(), *options) as url:
            yield url, token, home / "server.log"


def _get(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_many_requests_at_once_over_two_workers_all_answer(served):
    url, token, log = served
    paths = [f"{url}/api/me", f"{url}/api/who-knows?company=Stripe"] * (REQUESTS // 2)
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda u: _get(u, token), paths))
    assert statuses.count(200) == REQUESTS, (statuses, log.read_text()[-3000:])
    assert "prepared statement" not in log.read_text()
