"""bench/faults.py, shortened: each fault under a hall of takers, and not one acknowledged answer lost.

The pg-restart test restarts the private cluster of tests/bench/conftest.py, never the server this
test run's own database lives on, so it can run anywhere in the suite.
"""

import json

import pytest

from bench import harness
from tests.bench.conftest import FIXTURE_CONTENT, run_bench

pytestmark = pytest.mark.load
HALL = ("--takers", "100", "--every", "4")


def run_fault(cluster, tmp_path, fault: str, *args: str) -> tuple[dict, str]:
    output = tmp_path / f"{fault}.json"
    result = run_bench(
        "faults.py",
        *("--fault", fault, "--server", cluster.server_url, "--restart-command", cluster.restart_command),
        *("--content", FIXTURE_CONTENT, "--json", str(output), *args),
    )
    assert output.exists(), result.stdout + result.stderr
    return json.loads(output.read_text())[fault], result.stdout


def assert_nothing_lost(result: dict) -> None:
    """Exam and practice saves alike: every acknowledged one stored as sent, nothing half-written."""
    for scenario in ("exam", "practice"):
        check = result["checks"][scenario]
        assert check["acknowledged"] > 0, scenario
        assert check["lost"] == check["changed_without_ack"] == check["half_written"] == 0, (scenario, check)
        assert check["quizzes_finished_wrongly"] == 0, (scenario, check)


def test_a_postgresql_restart_gives_a_brief_503_and_the_app_recovers_by_itself(pg_cluster, tmp_path):
    result, output = run_fault(pg_cluster, tmp_path, "pg-restart", *HALL, "--duration", "12")
    assert result["passed"], output
    assert_nothing_lost(result)
    assert "restart done" in result["events"]
    assert set(result["saves"]["statuses"]) <= {"503"}, result["saves"]  # unavailable, never a 500
    assert result["failed_after_recovery"] == 0
    assert result["saves"]["ok"] > 0


def test_a_killed_worker_loses_no_acknowledged_answer(pg_cluster, tmp_path):
    result, output = run_fault(pg_cluster, tmp_path, "worker-kill", *HALL, "--duration", "10")
    assert result["passed"], output
    assert_nothing_lost(result)
    assert result["failed_after_recovery"] == 0
    assert result["saves"]["errors"] <= 16  # at most the killed worker's requests in flight (8 threads)


def test_stalled_clients_and_huge_uploads_hold_up_neither_healthz_nor_learners(pg_cluster, tmp_path):
    duration = str(harness.CLIENT_IO_TIMEOUT + 4)  # long enough for the server to drop the stalled ones
    result, output = run_fault(pg_cluster, tmp_path, "slow-clients", *HALL, "--duration", duration)
    assert result["passed"], output
    assert_nothing_lost(result)
    assert result["saves"]["errors"] == result["healthz"]["errors"] == 0
    slow = result["slow"]
    assert slow["announced 1 GB"].startswith("HTTP/1.1 413")
    assert slow["stalled connections dropped by the server"] >= 6
    assert slow["longest stall held s"] <= harness.CLIENT_IO_TIMEOUT + 2
    assert "sent before closed" in slow["chunked upload"]


def test_one_learner_alternating_between_two_servers_gets_the_result_of_one(pg_cluster, tmp_path):
    result, output = run_fault(pg_cluster, tmp_path, "two-servers")
    assert result["passed"], output
    practice, exam = result["practice"], result["exam"]
    assert practice["answers_acknowledged"] == practice["questions"] >= 3
    assert practice["second_answer_status"] == 409 and practice["first_answer_kept"]
    assert practice["same_summary_on_both_servers"] and practice["same_summary_as_one_server"]
    assert practice["same_answers_and_cards_as_one_server"]
    assert exam["saves_acknowledged"] == exam["questions"] >= 3
    assert exam["submit_statuses"] == [302, 302]  # submitting again, on the other server, is harmless
    assert exam["save_after_submit_status"] == 409
    assert exam["same_result_on_both_servers"] and exam["same_result_as_one_server"]
