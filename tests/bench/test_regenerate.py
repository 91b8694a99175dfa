"""bench/regenerate.py runs on a scratch database of its own, whatever the configured one holds."""

import sqlite3
import subprocess
import sys

from tests.studyapp.test_operations import ROOT, clean_env, run_django

SEED_PRACTICE = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.conftest import load_fixture_curriculum
load_fixture_curriculum()
from accounts.models import User
from quizzes.models import Answer
from quizzes.services import Scope, answer_practice_item, start_practice
user = User.objects.create_user(email="a@example.com", password="x")
item = start_practice(user=user, scope=Scope("mixed", "", "Mixed", "종합"), size=3).items.first()
right = [c["id"] for c in item.version.choices if c["correct"]]
answer_practice_item(user=user, code=item.quiz.code, position=item.position, selected=right)
print(Answer.objects.count())
"""


def test_the_benchmark_runs_beside_practice_data_and_leaves_it_alone(tmp_path):
    database = tmp_path / "with-practice.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}"}
    seeded = run_django(SEED_PRACTICE, **env)
    assert seeded.stdout.strip() == "1", seeded.stderr

    result = subprocess.run(
        # The small test curriculum: this checks that the script runs safely, not how fast it is.
        [sys.executable, "bench/regenerate.py", "--rounds", "1", "--content", "tests/topics/content"],
        cwd=ROOT,
        env=clean_env(DEBUG="true", **env),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "store/generate ratio" in result.stdout
    assert "full regeneration (generate + store)" in result.stdout
    with sqlite3.connect(database) as db:  # the learner's answer is still there
        assert db.execute("SELECT count(*) FROM quizzes_answer").fetchone() == (1,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["with-practice.sqlite3"]
