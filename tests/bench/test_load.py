"""bench/answers.py, shortened: answer saves measured beside the bare view, and not one acknowledged answer lost."""

import json

import pytest
from django.urls import NoReverseMatch, reverse

from tests.bench.conftest import FIXTURE_CONTENT, run_bench
from tests.studyapp.test_operations import run_django

pytestmark = pytest.mark.load


def test_answer_saves_under_load_are_measured_beside_the_bare_view_and_none_is_lost(pg_cluster, tmp_path):
    figures = tmp_path / "answers.json"
    result = run_bench(
        "answers.py",
        *("--server", pg_cluster.server_url, "--content", FIXTURE_CONTENT, "--json", str(figures)),
        *("--clients", "10", "--seconds", "2", "--rounds", "1"),
        *("--takers", "100", "--duration", "8", "--every", "4", "--readers", "5"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(figures.read_text())
    capacity, hall, checks = data["figures"]["capacity"], data["figures"]["hall"], data["checks"]
    assert set(checks) == {"practice", "exam"}
    for view in ("bare", "practice", "exam"):
        assert capacity[view]["per_second"] > 0 and capacity[view]["errors"] == 0, (view, capacity[view])
        assert hall[view]["requests"] > 0 and hall[view]["errors"] == 0, (view, hall[view])
    for view in ("practice", "exam"):
        ratio = round(capacity[view]["per_second"] / capacity["bare"]["per_second"], 2)
        assert capacity[view]["ratio"] == ratio
        assert f"{view} / bare: {ratio:.2f} (target >= 0.70" in result.stdout
        # Every save the server acknowledged is in the database, with the version the learner was shown.
        check = checks[view]
        assert check["acknowledged"] == check["sent"] >= capacity[view]["requests"] + hall[view]["requests"]
        assert check["lost"] == check["changed_without_ack"] == check["half_written"] == 0, (view, check)
        assert check["quizzes_finished_wrongly"] == 0
    assert hall["practice readers"]["requests"] > 0 and hall["practice readers"]["errors"] == 0
    assert "| exam answer saves, hall of 100 (8 s): p50 / p95 / p99, errors |" in result.stdout
    assert "Rerun: .venv/bin/python bench/answers.py --server" in result.stdout


def test_the_bare_benchmark_view_is_mounted_only_when_the_setting_is_on(client, learner):
    with pytest.raises(NoReverseMatch):
        reverse("bench-baseline")
    client.force_login(learner)
    assert client.post("/bench/baseline/").status_code == 404
    mounted = run_django(
        "from django.urls import reverse; print(reverse('bench-baseline'))", BENCH_BASELINE="true"
    )
    assert mounted.stdout.strip() == "/bench/baseline/", mounted.stderr
