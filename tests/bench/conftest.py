"""A private PostgreSQL cluster for the load, fault and backup tests (bench/harness.py's Cluster).

The app under load gets a cluster of its own, on its own port: restarting it (the pg-restart fault)
cannot touch the database this test run itself uses, nor anyone else's. Needs PostgreSQL's server
programs (initdb, pg_ctl), which CI has; without them these tests are skipped.
"""

import subprocess
import sys

import pytest

from bench import harness
from tests.studyapp.test_operations import ROOT, clean_env

FIXTURE_CONTENT = "tests/topics/content"


@pytest.fixture(scope="session")
def pg_cluster():
    if harness.postgres_bin() is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    cluster = harness.Cluster().start()
    yield cluster
    cluster.remove()


def run_bench(script: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run bench/<script> as a person would, with the test run's variables left out."""
    return subprocess.run(
        [sys.executable, f"bench/{script}", *args],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
