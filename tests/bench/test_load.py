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
        *("--clients", "10", "--seconds", "3", "--rounds", "1"),
        *("--takers", "100", "--duration", "8", "--every", "4", "--readers", "5"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(figures.read_text())
    capacity, hall, check = data["figures"]["capacity"], data["figures"]["hall"], data["check"]
    assert capacity["bare"]["per_second"] > 0 and capacity["practice"]["per_second"] > 0
    assert capacity["ratio"] == round(capacity["practice"]["per_second"] / capacity["bare"]["per_second"], 2)
    assert capacity["bare"]["errors"] == capacity["practice"]["errors"] == 0
    for view in ("bare", "practice", "practice readers"):
        assert hall[view]["requests"] > 0 and hall[view]["errors"] == 0, (view, hall[view])
    # Every answer the server acknowledged is in the database, with the version the learner was shown.
    assert (
        check["acknowledged"]
        == check["sent"]
        >= capacity["practice"]["requests"] + hall["practice"]["requests"]
        > 0
    )
    assert check["lost"] == check["half_written"] == check["quizzes_finished_wrongly"] == 0
    assert "practice / bare:" in result.stdout and "| practice answer saves, hall of 100" in result.stdout
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
