"""bench/pages.py and bench/page_weight.py, shortened: they run and print their tables (figures are for a quiet machine)."""

import re

import pytest

from tests.bench.conftest import FIXTURE_CONTENT, run_bench

pytestmark = pytest.mark.load


def test_the_heaviest_pages_are_timed_with_today_s_data_and_more(pg_cluster, monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_URL", pg_cluster.server_url)
    result = run_bench(
        "pages.py", "--scale", "2", "--repeat", "2", "--learners", "5", "--content", FIXTURE_CONTENT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {
        line.split(" | ")[0].strip("| "): line for line in result.stdout.splitlines() if line.startswith("| ")
    }
    pages = ["topic", "dashboard", "practice question", "practice summary", "exam question", "exam history"]
    for page in [*pages, "due queue", "search", "instructor question list"]:
        queries = rows[page].split(" | ")[2]
        assert 0 < int(queries) <= 15, rows[page]  # counted, and bounded: no query per row
    assert re.search(r"dropped pages_bench_\d+", result.stdout)


@pytest.mark.browser
def test_page_weight_and_first_paint_are_measured_in_chromium(pg_cluster, monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_URL", pg_cluster.server_url)
    result = run_bench("page_weight.py", "--runs", "1", "--content", FIXTURE_CONTENT)
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| practice question |"))
    html_raw, html_sent, _gzip, css_raw, css_sent, _js_raw, js_sent, paint = row.strip("| ").split(" | ")[1:]
    assert 1 < float(html_sent) <= float(html_raw) and float(css_sent) < float(css_raw)  # static: compressed
    assert float(js_sent) > 0 and float(paint) > 0


def test_the_due_queue_benchmark_fills_times_and_drops_its_database(pg_cluster, monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_URL", pg_cluster.server_url)
    args = ("--learners", "30", "--cards", "20", "--questions", "100", "--runs", "3", "--repeat", "1")
    result = run_bench("due_queue.py", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "30 learners, 600 cards" in result.stdout
    assert re.search(r"dropped reviews_bench_\d+", result.stdout)
