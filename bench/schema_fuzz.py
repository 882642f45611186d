"""schemathesis against the running server, long (issue 12 §5): every operation, as an admin and an employee.

Builds the demo organisation in a scratch home (``weakties demo --no-serve``),
gives its admin and one plain employee an API token, starts ``weakties
serve`` on a free loopback port (``bench/hot_server.py``) and runs
``schemathesis run`` against ``/api/openapi.json`` once per role, with the
settings of ``bench/schema_fuzz.toml``. Prints, per role, the operations
tested, the test cases generated and the failures found (with their codes);
the whole output of each run is kept in the scratch home's ``fuzz-ROLE.txt``
(its path is printed). The short run is ``tests/api/test_schema_fuzz.py``.

    .venv/bin/python bench/schema_fuzz.py --examples 50          # as run for issue 12
    .venv/bin/python bench/schema_fuzz.py --examples 5 --seconds 120
    .venv/bin/python bench/schema_fuzz.py --as employee --examples 5  # one role only

``--as admin`` / ``--as employee`` runs one role (both by default); the employee is a
plain one (role ``employee``, a login of their own), and the bench checks that its token
authenticates (``/api/me`` answers 200, an admin only for the admin) before fuzzing with it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from hot_server import HOST, Server  # noqa: E402

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EMPLOYEE = "fuzz.employee@demo.nl"
ROLES = ("admin", "employee")


def _check_token(port: int, token: str, role: str) -> None:
    """The token authenticates, as the role it is for: a 401 run would fuzz nothing."""
    import urllib.request

    request = urllib.request.Request(
        f"http://{HOST}:{port}/api/me", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        me = json.loads(answer.read())
    if me.get("admin") != (role == "admin"):
        raise RuntimeError(f"the {role}'s token is answered as {me}")
    print(f"  {role}: token of {me['email']} ({me['organisation']}), admin {me['admin']}")


def _weakties(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "weakties.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode:
        raise RuntimeError(f"weakties {' '.join(args)}: {done.stderr.strip()[-500:]}")
    return done.stdout


def _prepare(home: Path, employees: int) -> tuple[dict[str, str], dict[str, str]]:
    """The demo in ``home``; tokens of its admin and of one plain employee (made here)."""
    env = dict(os.environ, WEAKTIES_HOME=str(home), WEAKTIES_TOKEN_FAILURE_LIMIT="1000000")
    env["DJANGO_SETTINGS_MODULE"] = "weakties.site.settings"
    env.pop("DATABASE_URL", None)
    _weakties(env, "migrate")
    demo = json.loads(_weakties(env, "demo", "--no-serve", "--employees", str(employees), "--json"))
    admin = next(login["username"] for login in demo["logins"] if login["role"] == "admin")
    employee = next(
        (login["username"] for login in demo["logins"] if login["role"] == "employee"), None
    )
    if employee is None:
        code = (
            "import django; django.setup()\n"
            "from django.contrib.auth import get_user_model\n"
            "from weakties.accounts.models import Employee, Role\n"
            "e = Employee.objects.filter(role=Role.EMPLOYEE, user__isnull=True).first()\n"
            "e.user = get_user_model().objects.create_user(username=e.email, email=e.email)\n"
            "e.save()\nprint(e.email)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        employee = done.stdout.strip().splitlines()[-1]
    tokens = {
        role: json.loads(_weakties(env, "token", "create", who, "--json"))["token"]
        for role, who in (("admin", admin), ("employee", employee))
    }
    return env, tokens


def _summary(text: str) -> dict:
    """Operations, cases and failures from schemathesis' summary."""
    tested = re.search(r"Tested:\s+(\d+)", text)
    cases = re.search(r"(\d+) generated, (\d+) found (\d+) unique failures?", text)
    passed = re.search(r"(\d+) generated, (\d+) passed", text)
    failures = dict(re.findall(r"(ST\d+) [^:\n]+: (\d+)", text.split("Failures:")[-1]))
    generated = cases.group(1) if cases else passed.group(1) if passed else "?"
    return {
        "operations": int(tested.group(1)) if tested else None,
        "cases": int(generated) if generated != "?" else None,
        "failures": int(cases.group(3)) if cases else 0,
        "by_code": {code: int(n) for code, n in failures.items()},
        "server_errors": text.count("Server error"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=50, help="test cases per operation (50)")
    parser.add_argument("--seconds", type=int, default=1200, help="time budget per role (1200)")
    parser.add_argument("--employees", type=int, default=40, help="demo organisation size (40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--as",
        dest="roles",
        action="append",
        choices=ROLES,
        help="the role whose token is used (admin, employee; repeatable; both by default)",
    )
    args = parser.parse_args(argv)
    # The employee first: the admin's run erases and changes people (privacy erasure, logins),
    # the fuzz employee among them, whose token then answers 401 (as it did before this order).
    roles = sorted(set(args.roles or ROLES), key=("employee", "admin").index)

    home = Path(tempfile.mkdtemp(prefix="weakties-schema-fuzz-"))
    env, tokens = _prepare(home, args.employees)
    server = Server(env=env, workers=2, threads=2)
    server.start()
    results = {}
    try:
        for role in roles:
            token = tokens[role]
            _check_token(server.port, token, role)
            started = time.monotonic()
            command = [
                str(SCHEMATHESIS),
                "--config-file",
                str(BENCH / "schema_fuzz.toml"),
                "run",
                f"http://{HOST}:{server.port}/api/openapi.json",
                "-H",
                f"Authorization: Bearer {token}",
                "--max-examples",
                str(args.examples),
                "--seed",
                str(args.seed),
                "--workers",
                "1",
                "--max-time",
                str(args.seconds),
                "--phases",
                "examples,coverage,fuzzing",
                "--no-color",
                "--generation-database",
                "none",
            ]
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=args.seconds + 600
            )
            output = done.stdout + done.stderr
            (home / f"fuzz-{role}.txt").write_text(output)
            results[role] = _summary(output) | {"seconds": round(time.monotonic() - started)}
    finally:
        server.stop()
    print(f"schemathesis against {HOST}:{server.port}, {args.examples} examples per operation")
    for role, figures in results.items():
        codes = ", ".join(f"{c} {n}" for c, n in figures["by_code"].items()) or "none"
        print(
            f"  {role:<9} operations {figures['operations']}, cases {figures['cases']},"
            f" failures {figures['failures']} ({codes}), server errors {figures['server_errors']},"
            f" {figures['seconds']} s; details: {home / f'fuzz-{role}.txt'}"
        )


if __name__ == "__main__":
    main()
