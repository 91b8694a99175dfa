"""A class sitting the same questions at once does not wait on each other (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections, transaction

from exams import services
from exams.models import AttemptItem, Blueprint
from quizzes.models import Question, QuestionVersion
from tests.conftest import load_fixture_curriculum, make_user
from tests.exams.factory import make_bank
from topics.models import Exam

pytestmark = pytest.mark.django_db(transaction=True)


def save_in_another_connection(**kwargs) -> str:
    """Save from a thread of its own (its own database connection), giving up on any lock after 2 s."""
    outcome = []

    def run():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
            services.save(**kwargs)
            outcome.append("saved")
        except Exception as error:  # the test reports what went wrong
            outcome.append(repr(error))
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return outcome[0] if outcome else "still waiting"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's to show")
def test_attempt_saves_lock_only_the_attempts_own_rows():
    load_fixture_curriculum()
    make_bank("SAA-C03", singles=4, multiples=1)
    Question.objects.exclude(key__startswith="bank:").update(status="draft")
    blueprint = Blueprint.objects.create(
        slug="same", exam=Exam.objects.get(code="SAA-C03"), title_en="Same", title_ko="같은", questions=5,
        minutes=30, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    alice, bob = make_user("alice@example.com"), make_user("bob@example.com")
    first = services.start(user=alice, blueprint=blueprint)
    second = services.start(user=bob, blueprint=blueprint)
    assert set(first.items.values_list("version", flat=True)) == set(
        second.items.values_list("version", flat=True)
    )
    with transaction.atomic():
        # Every shared question and version row is locked, and so is Alice's attempt (a submit under way).
        list(QuestionVersion.objects.select_for_update())
        list(Question.objects.select_for_update())
        list(AttemptItem.objects.filter(attempt=first).select_for_update())
        assert save_in_another_connection(user=bob, code=second.code, position=1, picks=[1]) == "saved"
        assert save_in_another_connection(user=bob, code=second.code, position=2, flagged=True) == "saved"
    assert AttemptItem.objects.get(attempt=second, position=1).selected
