"""``weakties serve`` for ``bench/hot.py``: started on a free loopback port, measured from /proc, always stopped.

The server runs in its own session (process group), so Ctrl-C in the
terminal reaches the bench only; :meth:`Server.stop` then ends that one
group: SIGTERM, and SIGKILL if it has not gone after a grace period.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Server", "free_port", "machine_cpu"]

HOST = "127.0.0.1"
_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree(root: int) -> list[int]:
    tree, todo, found = _children(), [root], []
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:  # the process has gone
        return ""


def _kib(text: str, key: str) -> int:
    for line in text.splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


def _cpu_ticks(pid: int | str) -> int:
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return 0
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores (/proc/stat)."""
    values = [int(v) for v in _read("/proc/stat").splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / _TICK, sum(values) / _TICK


@dataclass
class Server:
    """One ``weakties serve`` with the given environment (home and database)."""

    env: dict[str, str]
    workers: int = 2
    threads: int = 4
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def __post_init__(self) -> None:
        url = self.env.get("DATABASE_URL")
        if url:  # names the server's PostgreSQL connections, to find their backends
            sep = "&" if "?" in url else "?"
            self.env = dict(self.env, DATABASE_URL=f"{url}{sep}application_name={self.name}")

    @property
    def name(self) -> str:
        return f"weakties-hot-{self.port}"

    @property
    def base(self) -> tuple[str, int]:
        return HOST, self.port

    @property
    def log(self) -> Path:
        return Path(self.env["WEAKTIES_HOME"]) / "hot-serve.log"

    def start(self, *, timeout: float = 120.0) -> None:
        """Start and wait until it answers; its own output goes to :attr:`log`."""
        command = [sys.executable, "-m", "weakties.cli", "serve", "--host", HOST]
        command += ["--port", str(self.port), "--workers", str(self.workers)]
        command += ["--threads", str(self.threads)]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        """Until every worker is up: /api/openapi.json answers and the tree has its processes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"weakties serve exited with {self.process.returncode}; see {self.log}"
                )
            if self._answers() and len(self.pids()) >= 2 + self.workers:
                return
            time.sleep(0.25)
        raise RuntimeError(f"weakties serve did not answer within {timeout:.0f} s; see {self.log}")

    def _answers(self) -> bool:
        conn = http.client.HTTPConnection(*self.base, timeout=5)
        try:
            conn.request("GET", "/api/openapi.json")
            return conn.getresponse().status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def pids(self) -> list[int]:
        return _tree(self.process.pid) if self.process else []

    def memory(self) -> dict[str, float]:
        """RSS and PSS (MiB) summed over the server's processes: gunicorn, its workers, the task worker."""
        rss = pss = 0
        pids = self.pids()
        for pid in pids:
            rss += _kib(_read(f"/proc/{pid}/status"), "VmRSS:")
            pss += _kib(_read(f"/proc/{pid}/smaps_rollup"), "Pss:")
        return {"rss_mib": rss / 1024, "pss_mib": pss / 1024, "processes": len(pids)}

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server's processes so far."""
        return sum(_cpu_ticks(pid) for pid in self.pids()) / _TICK

    def database_cpu(self) -> dict[int, int]:
        """CPU ticks so far of each PostgreSQL backend of this server (none on SQLite).

        They do most of the work of a request on PostgreSQL and are not the
        server's children.  Compare two readings pid by pid: a backend that
        ended in between (idle for ``CONN_MAX_AGE``, a parallel worker) is lost.
        """
        url = self.env.get("DATABASE_URL")
        if not url:
            return {}
        import psycopg

        query = (
            "SELECT pid FROM pg_stat_activity WHERE application_name = %(name)s OR leader_pid IN"
            " (SELECT pid FROM pg_stat_activity WHERE application_name = %(name)s)"
        )
        with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
            pids = [pid for (pid,) in conn.execute(query, {"name": self.name})]
        return {pid: _cpu_ticks(pid) for pid in pids}

    @staticmethod
    def database_cpu_between(before: dict[int, int], after: dict[int, int]) -> float:
        return sum(ticks - before.get(pid, 0) for pid, ticks in after.items()) / _TICK

    def stop(self, *, grace: float = 5.0) -> None:
        """SIGTERM to the server's process group, SIGKILL after ``grace`` seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        try:  # workers still busy with a long request outlive the master: end them too
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
