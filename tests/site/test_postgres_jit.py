"""PostgreSQL's JIT is off for weakties' sessions (unless ``WEAKTIES_PG_JIT=1``).

With it on, PostgreSQL compiled the admin dashboard's sync summary with LLVM for
30-35 ms at 3,000 employees, a query that then ran in 2 ms: the slowest page of
the load mix (``bench/load.py``) on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

_SETTINGS = (
    "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'weakties.site.settings';"
    "from django.conf import settings;"
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {}).get('options', '')))"
)


def _options(**env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "WEAKTIES_PG_JIT"}
    environ |= {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/weakties_none", **env}
    done = subprocess.run(
        [sys.executable, "-c", _SETTINGS], env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_settings_turn_postgresqls_jit_off_unless_asked():
    assert "-c jit=off" in _options()
    assert "jit" not in _options(WEAKTIES_PG_JIT="1")
    assert "-c jit=off" in _options(WEAKTIES_DB_POOL="0")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL session's setting")
def test_a_postgresql_session_runs_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
