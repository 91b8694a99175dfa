"""Two answers to one quiz at the same moment (two tabs, or a double click on a slow line), on PostgreSQL.

Found by the load benchmark (bench/answers.py): two takers' last two answers 5 ms apart left their quiz
unfinished for good, each transaction seeing the other's item still open.
"""

import random
import threading

import pytest
from django.db import connection, connections, transaction

from quizzes.models import PracticeQuiz
from quizzes.services import Scope, answer_practice_item, start_practice
from tests.conftest import load_fixture_curriculum

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def answer(user, item):
    picks = [c["id"] for c in item.version.choices][: item.question.choose]
    return answer_practice_item(user=user, code=item.quiz.code, position=item.position, selected=picks)


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def test_the_last_two_answers_given_at_once_still_finish_the_quiz(learner):
    load_fixture_curriculum()  # transactional tests start from an empty database
    quiz = start_practice(
        user=learner, scope=Scope("mixed", "", "Mixed", "종합"), size=2, rng=random.Random(3)
    )
    first, second = quiz.items.select_related("quiz", "version", "question").order_by("position")
    errors = []

    def other_tab():
        try:
            answer(learner, second)
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():  # the first tab's answer, not yet committed ...
        answer(learner, first)
        tab = threading.Thread(target=other_tab)
        tab.start()  # ... when the second tab answers the last open question
        for _ in range(200):  # until the second tab waits for the first, or (before the fix) is done
            tab.join(timeout=0.05)
            if not tab.is_alive() or waiting_for_a_lock():
                break
    tab.join(timeout=10)
    assert not tab.is_alive() and errors == []
    quiz = PracticeQuiz.objects.get(pk=quiz.pk)
    assert quiz.items.filter(answer__isnull=True).count() == 0
    assert quiz.finished_at is not None


@pytest.mark.parametrize("met_before", [False, True])
def test_two_tabs_answering_the_same_question_at_once_both_count_on_one_card(learner, met_before):
    """The learner's card of a question is written in each answer's transaction: two answers at once (a
    question new to the learner, or met before) make one card that counts both reviews, nothing lost."""
    from reviews.models import Card, ReviewLog

    load_fixture_curriculum()
    scope = Scope("mixed", "", "Mixed", "종합")
    quiz = start_practice(user=learner, scope=scope, size=1, rng=random.Random(5))
    (item,) = quiz.items.select_related("quiz", "version", "question")
    tabs = []
    for _ in range(3 if met_before else 2):
        other = PracticeQuiz.objects.create(
            user=learner, scope="mixed", title_en="Mixed", title_ko="종합", size=1
        )
        tabs.append(
            other.items.create(
                position=1, question=item.question, version=item.version, choice_order=item.choice_order
            )
        )
    if met_before:
        answer(learner, tabs.pop())
    reps_before = Card.objects.filter(user=learner).values_list("reps", flat=True).first() or 0
    first, second = (
        type(item).objects.select_related("quiz", "version", "question").get(pk=tab.pk) for tab in tabs
    )
    errors = []

    def other_tab():
        try:
            answer(learner, second)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        answer(learner, first)
        tab = threading.Thread(target=other_tab)
        tab.start()
        for _ in range(200):
            tab.join(timeout=0.05)
            if not tab.is_alive() or waiting_for_a_lock():
                break
    tab.join(timeout=10)
    assert not tab.is_alive() and errors == []
    card = Card.objects.get(user=learner, question=item.question)
    assert card.reps == reps_before + 2
    assert ReviewLog.objects.filter(card=card).count() == reps_before + 2
