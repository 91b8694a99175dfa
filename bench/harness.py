"""Shared pieces of the load and fault benchmarks (bench/answers.py, bench/faults.py) and their tests.

- PostgreSQL: a database of the benchmark's own on a server (BENCH_DATABASE_URL), or a private,
  throwaway cluster (initdb in a temporary folder, 127.0.0.1 only) that a fault run may restart
  without touching anyone else's databases.
- gunicorn with the production settings (gunicorn.conf.py, DEBUG off, HTTPS behind the TLS proxy),
  bound to 127.0.0.1, with the bare baseline view mounted (BENCH_BASELINE=true).
- An asyncio HTTP client (aiohttp) sending what a browser behind the TLS proxy sends (the learners it
  sends for are signed in by bench/learners.py).
- Percentiles and markdown rows.

Nothing here imports Django at module level: the scripts set Django up against the database this
module gives them, and the tests use the cluster and server helpers from a process of their own.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "study.example.com"
ORIGIN = f"https://{HOST}"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# The production variables of .env.example ("production:") that change what a request costs, plus the
# shared cache and the baseline view. A key of the run's own: the benchmark signs the sessions the
# server it starts must accept.
SERVER_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": HOST,
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_COOKIES": "true",
    "BEHIND_TLS_PROXY": "true",
    "CACHE_BACKEND": "database",
    "TASKS_BACKEND": "database",
    "DATABASE_POOL": "true",
    "BENCH_BASELINE": "true",
    "LOG_LEVEL": "ERROR",
}
CLIENT_IO_TIMEOUT = 10  # gunicorn.conf.py: a stalled client connection is dropped after this
TEST_ONLY = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a benchmarked server: this process's, less test-only variables, plus SERVER_ENV."""
    base = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return {**base, **SERVER_ENV, "DATABASE_URL": database_url, **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rerun_command() -> str:
    return " ".join(shlex.quote(part) for part in [".venv/bin/python", *sys.argv])


def machine() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load {load[0]:.1f}"


def today() -> str:
    return datetime.date.today().isoformat()


# ------------------------------------------------------------------------------------------ PostgreSQL


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def create_database(server_url: str, name: str, *, fresh: bool = False) -> tuple[str, bool]:
    """Create database `name` on the server unless it exists (or drop it first with fresh); return its URL
    and whether it was created."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        if fresh:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return with_database(server_url, name), not exists


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl: Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1 only.

    Restarting it (what a fault run does) disturbs nobody else's databases, and no test's own
    connection. As root, its processes run as the `postgres` user (PostgreSQL refuses root)."""

    def __init__(self):
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        self.folder = Path(tempfile.mkdtemp(prefix="studyapp-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def server_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> list[str]:
        return [*self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]

    @property
    def restart_command(self) -> str:
        """The shell command that restarts it, as `pg_ctlcluster ... restart` restarts the machine's own."""
        return shlex.join(self._pg_ctl("-m", "fast", "-l", str(self.folder / "log"), "restart"))

    def start(self) -> Cluster:
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
        subprocess.run(
            [
                *self.as_owner,
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        start = self._pg_ctl("-l", str(self.folder / "log"), "-o", options, "start")
        subprocess.run(start, check=True, capture_output=True)
        return self

    def remove(self) -> None:
        subprocess.run(self._pg_ctl("-m", "immediate", "stop"), capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


# ------------------------------------------------------------------------------------------ gunicorn


def get(port: int, path: str = "/healthz", *, timeout: float = 5) -> tuple[int, float]:
    """GET as the TLS proxy forwards it; return the status (0 when no answer came) and the seconds taken."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


@dataclass
class Server:
    """gunicorn with gunicorn.conf.py and the production settings on 127.0.0.1:port."""

    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> Server:
        command = [
            str(GUNICORN),
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{self.port}",
            "studyapp.wsgi",
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        self.wait_until_healthy(timeout)
        return self

    def wait_until_healthy(self, timeout: float = 90) -> float:
        """Wait until /healthz answers 200 with every worker up; return the seconds waited."""
        started = time.perf_counter()
        expected = int(self.env.get("WEB_CONCURRENCY", "2"))
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            if len(self.workers()) == expected and get(self.port, timeout=2)[0] == 200:
                return time.perf_counter() - started
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn on port {self.port} was not healthy within {timeout} s; see {self.log}")

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill_worker(self) -> int:
        """SIGKILL one worker (the master starts another); return its pid."""
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ------------------------------------------------------------------------------------------ the client


def client_session(*, limit: int, force_close: bool = False):
    """An aiohttp session that leaves cookies and decompression alone: each request carries its learner's
    cookies, and the benchmark counts bytes, it does not read pages."""
    import aiohttp

    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit, force_close=force_close),
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,
        timeout=aiohttp.ClientTimeout(total=30),
    )


async def send(session, url: str, *, headers: dict, data=None) -> int:
    """POST (with data) or GET, read the whole answer; the status, or 0 for no answer (reset, timeout)."""
    import aiohttp

    try:
        method = session.post if data is not None else session.get
        async with method(url, data=data, headers=headers, allow_redirects=False) as response:
            await response.read()
            return response.status
    except (TimeoutError, aiohttp.ClientError, OSError):
        return 0


# ------------------------------------------------------------------------------------------ figures


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (0 when empty)."""
    if not ordered:
        return 0.0
    rank = max(1, round(p / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def latency_ms(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(s * 1000 for s in seconds)
    return {f"p{p}": round(percentile(ordered, p), 1) for p in (50, 95, 99)} | {
        "max": round(ordered[-1], 1) if ordered else 0.0
    }


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def readme_rows(rows: list[tuple[str, str, str]], *, note: str = "") -> str:
    """Rows for the README's Performance table: what, figure, target, then date and machine."""
    when = f"{today()}, {machine()}" + (f", {note}" if note else "")
    return "\n".join(f"| {what} | {figure} | {target} | {when} |" for what, figure, target in rows)


@contextlib.contextmanager
def cpu_share():
    """Measure this process's CPU use over a block, as a share of one core (the client's own cost)."""
    result = {}
    wall, cpu = time.perf_counter(), time.process_time()
    yield result
    result["share"] = (time.process_time() - cpu) / max(time.perf_counter() - wall, 1e-9)
