"""Query budgets: a review costs at most 6 queries; a practice answer with its card at most 8, in one
transaction. Counted besides the session and user look-ups and the transaction's own statements
(SAVEPOINT / RELEASE in a test; BEGIN / COMMIT in production)."""

import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizzes.models import Answer
from quizzes.services import Scope, answer_practice_item, start_practice
from quizzes.signals import answers_recorded
from reviews import scheduling, services
from reviews.models import Card, ReviewLog
from tests.reviews.conftest import make_card, make_questions, right, single_question, wrong

pytestmark = pytest.mark.django_db


def counted(captured, *, request: bool = False) -> list[str]:
    """The statements that count: not the transaction's own; for a request, not session and user."""
    skip = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    sql = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith(skip)]
    if request:  # the first two: the session, then the signed-in user
        assert '"django_session"' in sql[0] and sql[1].startswith('SELECT "accounts_user"'), sql[:2]
        sql = sql[2:]
    return sql


def test_review_of_a_due_card_costs_at_most_six_queries(client, learner):
    question = single_question()
    card = make_card(learner, question)
    client.force_login(learner)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/reviews/cards/{card.code}/",
            {"choice": right(question.current_version)},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200 and "How well did you know it?" in response.content.decode()
    queries = counted(captured, request=True)
    assert len(queries) <= 6, "\n".join(queries)


def test_review_service_of_a_new_question_costs_at_most_six_queries(learner):
    question = single_question()
    with CaptureQueriesContext(connection) as captured:
        services.answer_new(user=learner, question=question, selected=right(question.current_version))
    queries = counted(captured)
    assert len(queries) <= 6, "\n".join(queries)
    assert Card.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize("has_card", [False, True], ids=["new-card", "existing-card"])
def test_card_update_with_a_practice_answer_stays_within_eight_queries(learner, has_card):
    question = single_question()
    if has_card:
        make_card(learner, question)
    quiz = start_practice(
        user=learner, scope=Scope("mixed", "", "M", "M", Q(pk=question.pk)), size=1, rng=random.Random(1)
    )
    item = quiz.items.select_related("version", "question").get()
    with CaptureQueriesContext(connection) as captured:
        answer_practice_item(
            user=learner, code=quiz.code, position=item.position, selected=right(item.version)
        )
    queries = counted(captured)
    assert len(queries) <= 8, "\n".join(queries)
    card = Card.objects.get(user=learner)
    assert (
        card.reps == (4 if has_card else 1)
        and card.reviews.get(answer__isnull=False).answer.source == "practice"
    )


def test_card_is_written_in_the_answers_transaction(learner, monkeypatch):
    """If the card cannot be written, the answer is not stored either (and the reverse)."""
    question = single_question()
    quiz = start_practice(
        user=learner, scope=Scope("mixed", "", "M", "M", Q(pk=question.pk)), size=1, rng=random.Random(1)
    )
    item = quiz.items.select_related("version", "question").get()

    def broken(**kwargs):
        raise RuntimeError("card store unavailable")

    monkeypatch.setattr(services, "record_answers", broken)
    with pytest.raises(RuntimeError):
        answer_practice_item(
            user=learner, code=quiz.code, position=item.position, selected=right(item.version)
        )
    assert not Answer.objects.exists() and not Card.objects.exists()
    item.refresh_from_db()
    assert item.answer_id is None


def test_card_updates_for_a_whole_mock_exam_take_the_same_few_queries(learner):
    """The exams app announces a submitted attempt's answers at once (source "exam")."""
    questions = make_questions(8)
    for question in questions[:2]:
        make_card(learner, question)
    now = timezone.now()

    def exam_answer(n, question):
        version = question.current_version
        selected = [] if n == 7 else right(version) if n % 2 else wrong(question, version)
        return Answer.objects.create(
            user=learner, question=question, version=version, selected=selected,
            is_correct=selected == right(version), source="exam", answered_at=now,
        )  # fmt: skip

    answers = [exam_answer(n, question) for n, question in enumerate(questions)]
    with CaptureQueriesContext(connection) as captured:
        answers_recorded.send(sender=Answer, answers=answers)
    queries = counted(captured)
    assert len(queries) <= 4, "\n".join(queries)  # cards (with settings), new cards, changed cards, logs
    cards_read = queries[0]  # reaches the settings through the user's key, without reading the user row
    assert 'FROM "reviews_card"' in cards_read and '"reviews_reviewsettings"' in cards_read, cards_read
    assert '"accounts_user"."password"' not in cards_read and '"accounts_user"."email"' not in cards_read
    assert Card.objects.filter(user=learner).count() == 7  # the unanswered one says nothing about memory
    logs = ReviewLog.objects.filter(user=learner, source="exam")
    assert logs.count() == 7
    assert set(logs.filter(answer__is_correct=False).values_list("rating", flat=True)) == {scheduling.AGAIN}
    assert set(logs.filter(answer__is_correct=True).values_list("rating", flat=True)) == {scheduling.GOOD}
