"""Time a full regeneration of the question bank and print the figures.

Run: DEBUG=true .venv/bin/python bench/regenerate.py [--rounds 3]

It measures, on a scratch database of its own next to the one DATABASE_URL points at (SQLite by
default; created, migrated and dropped again, so practice data elsewhere never gets in the way):
  read      parsing and validating every file in content/
  generate  the pure-Python generator and validator over the whole curriculum
  store     writing the questions into an empty bank (first load) and a no-op re-sync
Target: a full regeneration (generate + store into an empty bank) in 3 s or less. Each figure is
the median of the rounds. The ratios compare figures of this same run, so a busy machine that
slows everything down does not hide a regression: store/generate (the database work against the
pure-Python work) and store/re-sync.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from quizzes.bank import sync_questions  # noqa: E402
from quizzes.generator import distinct_count, generate  # noqa: E402
from quizzes.models import Question  # noqa: E402
from topics.content import read_curriculum  # noqa: E402
from topics.loading import load_curriculum  # noqa: E402


class Rollback(Exception):
    pass


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


@contextlib.contextmanager
def scratch_database():
    """Create and migrate a database of our own (Django's test-database machinery), then drop it."""
    settings_dict = connection.settings_dict
    with tempfile.TemporaryDirectory() as folder:
        if connection.vendor == "sqlite":
            settings_dict["TEST"]["NAME"] = str(Path(folder) / "bench_regenerate.sqlite3")
        else:
            settings_dict["TEST"]["NAME"] = f"{settings_dict['NAME']}_bench_regenerate"
        original_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield settings_dict["NAME"]
        finally:
            connection.creation.destroy_test_db(original_name, verbosity=0)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="Rounds to take the median of (default 3).")
    parser.add_argument(
        "--content",
        type=Path,
        default=ROOT / "content",
        help="The content folder to measure (default content/).",
    )
    args = parser.parse_args()

    with scratch_database() as name:
        print(f"scratch database: {name} (dropped afterwards)")
        measure(args.rounds, args.content)


def measure(rounds, content):
    read_times, generate_times, store_times, resync_times = [], [], [], []
    for _ in range(rounds):
        seconds, curriculum = timed(lambda: read_curriculum(content))
        read_times.append(seconds)
        seconds, generated = timed(lambda curriculum=curriculum: generate(curriculum))
        generate_times.append(seconds)
        try:
            with transaction.atomic():
                load_curriculum(curriculum)
                Question.objects.all().delete()
                seconds, _report = timed(lambda generated=generated: sync_questions(generated.questions))
                store_times.append(seconds)
                seconds, report = timed(lambda generated=generated: sync_questions(generated.questions))
                resync_times.append(seconds)
                assert not report.changed
                raise Rollback  # leave the database as it was
        except Rollback:
            pass

    median = statistics.median
    full = median(generate_times) + median(store_times)
    print(f"database: {connection.vendor}; rounds: {rounds}")
    print(
        f"questions: {len(generated.questions)} valid, {distinct_count(generated.questions)} distinct, {len(generated.rejected)} rejected"
    )
    print(f"read content     {median(read_times):6.2f} s")
    print(f"generate         {median(generate_times):6.2f} s")
    print(f"store (empty)    {median(store_times):6.2f} s")
    print(
        f"re-sync (no-op)  {median(resync_times):6.2f} s  (store/re-sync ratio {median(store_times) / median(resync_times):.1f}x)"
    )
    print(f"store/generate ratio {median(store_times) / median(generate_times):.2f}")
    print(
        f"full regeneration (generate + store): {full:.2f} s  target <= 3 s: {'met' if full <= 3 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
