"""Backup and restore with the README's commands: a dump restored into a fresh database holds everything.

Runs on the private cluster of tests/bench/conftest.py; the learners' work (practice quizzes and
items, mock exam attempts, one submitted and one running, answers, cards and review logs) is made
through the app's own services.
"""

import subprocess

import psycopg
import pytest

from bench import harness
from tests.studyapp.test_operations import run_django

pytestmark = pytest.mark.load

SEED = """
import random
from django.core.management import call_command
call_command("migrate", verbosity=0)
from accounts.models import User
from tests.conftest import load_fixture_curriculum, make_user
load_fixture_curriculum()
from quizzes.services import Scope, answer_practice_item, start_practice
for n in range(3):
    user = make_user(f"learner{n}@example.com", language="ko" if n else "en")
    quiz = start_practice(user=user, scope=Scope("mixed", "", "Mixed", "종합"), size=4, rng=random.Random(n))
    for item in quiz.items.select_related("version", "question")[: 3 + (n == 0)]:
        picks = [c["id"] for c in item.version.choices][: item.question.choose]
        answer_practice_item(user=user, code=quiz.code, position=item.position, selected=picks)
from exams import services as exams
from exams.models import Blueprint
blueprint = Blueprint.objects.create(slug="backup", title_en="Backup", title_ko="백업", questions=3, minutes=20,
                                     pass_scaled=700)
for n, user in enumerate(User.objects.order_by("pk")[:2]):
    attempt = exams.start(user=user, blueprint=blueprint, rng=random.Random(n))
    for item in attempt.items.all():
        exams.save(user=user, code=attempt.code, position=item.position, picks=[1], flagged=item.position == 2)
    if n == 0:
        exams.submit(attempt=attempt)
"""
# What a learner would miss after a restore, each table read whole and in a fixed order.
TABLES = {
    "accounts_user": "id",
    "accounts_profile": "id",
    "quizzes_practicequiz": "id",
    "quizzes_practiceitem": "id",
    "quizzes_answer": "id",
    "reviews_card": "id",
    "reviews_reviewlog": "id",
    "quizzes_questionversion": "id",
    "exams_attempt": "id",
    "exams_attemptitem": "id",
}


def contents(url: str) -> dict[str, tuple[int, str]]:
    with psycopg.connect(url) as connection:
        return {
            table: connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{key}), '')) FROM {table} t"
            ).fetchone()
            for table, key in TABLES.items()
        }


def test_a_dump_restored_into_a_fresh_database_has_every_attempt_answer_card_and_review(pg_cluster, tmp_path):
    source, _created = harness.create_database(pg_cluster.server_url, "backup_source", fresh=True)
    seeded = run_django(SEED, DATABASE_URL=source)
    assert seeded.returncode == 0, seeded.stderr
    before = contents(source)
    # 10 practice answers, and the submitted exam's 3 (the other attempt is still running).
    assert before["quizzes_answer"][0] == 13 and before["reviews_reviewlog"][0] == 13
    assert before["quizzes_practicequiz"][0] == 3 and before["reviews_card"][0] > 0
    assert before["exams_attempt"][0] == 2 and before["exams_attemptitem"][0] == 6

    # The README's commands, with the programs of the cluster's own PostgreSQL version.
    programs, dump = harness.postgres_bin(), tmp_path / "studyapp.dump"
    subprocess.run([programs / "pg_dump", "--format=custom", f"--file={dump}", source], check=True)
    harness.drop_database(pg_cluster.server_url, "backup_restored")
    url = harness.with_database(pg_cluster.server_url, "postgres")
    subprocess.run([programs / "createdb", f"--maintenance-db={url}", "backup_restored"], check=True)
    restored = harness.with_database(pg_cluster.server_url, "backup_restored")
    subprocess.run([programs / "pg_restore", "--no-owner", f"--dbname={restored}", dump], check=True)

    assert contents(restored) == before
    # The restored database is one the app runs on: nothing left to migrate, the learner's quiz is there.
    check = run_django(
        "from django.core.management import call_command; call_command('migrate', check=True, verbosity=0);"
        "from quizzes.models import PracticeQuiz; print(PracticeQuiz.objects.filter(finished_at__isnull=False).count())",
        DATABASE_URL=restored,
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "1"  # learner0 answered all four of their questions
