"""The app served as in production: real gunicorn with the repository's gunicorn.conf.py.

Slow clients must not starve the health check, and an oversized body is refused before it is read.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.studyapp.test_operations import PRODUCTION_ENV, ROOT, clean_env

GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "study.example.com"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, raw: bytes, *, timeout: float) -> bytes:
    """Send raw bytes, return the response head (or b'' when none came in time)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(raw)
        try:
            return s.recv(4096)
        except TimeoutError:
            return b""


def get(port: int, path: str, *, timeout: float, proto: str = "https") -> bytes:
    """GET as the TLS proxy forwards it (proto="https") or as a plain-HTTP visitor would (proto="")."""
    forwarded = f"X-Forwarded-Proto: {proto}\r\n" if proto else ""
    raw = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n{forwarded}Connection: close\r\n\r\n"
    return request(port, raw.encode(), timeout=timeout)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """Start gunicorn with the production settings on a free port; yield the port."""
    port = free_port()
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite3'}"
    env = clean_env(**{**PRODUCTION_ENV, "DATABASE_URL": database})
    with subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "studyapp.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            for line in server.stderr:  # gunicorn logs to stderr: wait until it listens
                if "Listening at" in line:
                    break
            # The first answer may wait for the workers to boot.
            assert get(port, "/healthz", timeout=30).startswith(b"HTTP/1.1 200"), "gunicorn did not start"
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)
            server.stderr.close()


def test_three_stalled_clients_do_not_hold_up_the_health_check(gunicorn):
    stalled = []
    try:
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", gunicorn))
            # A form post whose body never comes: the app blocks reading it.
            s.sendall(
                f"POST /accounts/login/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogin=".encode()
            )
            stalled.append(s)
        started = time.perf_counter()
        answer = get(gunicorn, "/healthz", timeout=5)
        assert answer.startswith(b"HTTP/1.1 200"), answer
        assert time.perf_counter() - started < 1
    finally:
        for s in stalled:
            s.close()


def test_a_huge_upload_is_refused_before_its_body_is_read(gunicorn):
    started = time.perf_counter()
    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1073741824\r\n\r\n--x\r\n"
    )
    answer = request(gunicorn, head.encode(), timeout=5)  # the gigabyte itself is never sent
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert time.perf_counter() - started < 1


def test_the_container_health_check_passes_with_the_https_settings_on(gunicorn):
    # Over plain HTTP a page is redirected to HTTPS ...
    assert get(gunicorn, "/", timeout=5, proto="").startswith(b"HTTP/1.1 301")
    # ... but the health check of docker-compose.yml, run inside the container, gets its 200.
    result = subprocess.run(
        [sys.executable, "-m", "studyapp.healthcheck"],
        cwd=ROOT,
        env=clean_env(PORT=str(gunicorn), ALLOWED_HOSTS=HOST),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stdout + result.stderr
