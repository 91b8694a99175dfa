"""Cards through our own storage: golden FSRS values, ratings, versions, leeches, undo, backfill."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command

from quizzes.models import Answer, QuestionVersion
from reviews import scheduling, services
from reviews.models import Card, ReviewLog
from tests.reviews.conftest import T0, make_card, make_questions, practise, review_at, single_question

pytestmark = pytest.mark.django_db

GOLDEN_A = ["Good"] * 6 + ["Again"] * 2 + ["Good"] * 5
GOLDEN_A_INTERVALS = [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]
GOLDEN_A_MEMORY = [  # (stability, difficulty) after each review, py-fsrs 6.3.1 per the README's table
    (2.3065, 2.1181), (2.3065, 2.1112), (10.971, 2.1043), (46.3169, 2.0975), (162.9998, 2.0906),
    (497.8766, 2.0837), (6.8904, 7.3832), (2.1546, 9.1251), (2.1546, 9.1112), (3.9831, 9.0973),
    (7.2363, 9.0835), (12.483, 9.0696), (20.7704, 9.0558),
]  # fmt: skip


def test_fsrs_golden_interval_sequence_through_our_storage(learner):
    question = single_question()
    moment = T0
    for step, rating in enumerate(GOLDEN_A):
        review_at(learner, question, moment, correct=rating == "Good")
        card = Card.objects.get(user=learner, question=question)  # read back from the database
        assert (card.due - card.last_review).days == GOLDEN_A_INTERVALS[step], f"review {step + 1}"
        stability, difficulty = GOLDEN_A_MEMORY[step]
        assert card.stability == pytest.approx(stability, abs=1e-4), f"review {step + 1}"
        assert card.difficulty == pytest.approx(difficulty, abs=1e-4), f"review {step + 1}"
        moment = card.due
    assert card.reps == 13 and card.lapses == 1
    assert ReviewLog.objects.filter(card=card).count() == 13
    assert Answer.objects.filter(user=learner, source="review").count() == 13


def test_fsrs_golden_memory_state_through_our_storage(learner):
    question = single_question()
    for rating, day in zip(
        ["Again", "Good", "Good", "Good", "Good", "Good"], [0, 0, 1, 4, 12, 33], strict=True
    ):
        review_at(learner, question, T0 + timedelta(days=day), correct=rating == "Good")
    card = Card.objects.get(user=learner, question=question)
    assert card.stability == pytest.approx(53.62691, abs=1e-4)
    assert card.difficulty == pytest.approx(6.3574867, abs=1e-4)


@pytest.mark.parametrize(
    ("rating", "stability", "difficulty", "offset"),
    [
        (scheduling.HARD, 1.2931, 5.11217071, timedelta(minutes=5, seconds=30)),
        (scheduling.EASY, 8.2956, 1.0, timedelta(days=8)),
        (scheduling.GOOD, 2.3065, 2.11810397, timedelta(minutes=10)),
    ],
)
def test_fsrs_golden_first_review_when_the_learner_amends_the_rating(
    learner, rating, stability, difficulty, offset
):
    question = single_question()
    result = review_at(learner, question, T0, correct=True)
    services.amend_rating(user=learner, code=result.log.code, rating=rating)
    card = Card.objects.get(user=learner, question=question)
    log = ReviewLog.objects.get(card=card)
    assert log.rating == rating
    assert card.stability == pytest.approx(stability, abs=1e-4)
    assert card.difficulty == pytest.approx(difficulty, abs=1e-4)
    assert card.due - T0 == offset == log.due - log.reviewed_at


def test_card_rating_mapping_wrong_practice_answer_is_again_and_right_is_good(learner, other_learner):
    question = single_question()
    practise(learner, question, correct=False, moment=T0)
    practise(other_learner, question, correct=True, moment=T0)
    wrong_card = Card.objects.get(user=learner, question=question)
    right_card = Card.objects.get(user=other_learner, question=question)
    assert ReviewLog.objects.get(card=wrong_card).rating == scheduling.AGAIN
    assert ReviewLog.objects.get(card=right_card).rating == scheduling.GOOD
    assert wrong_card.due - T0 == timedelta(minutes=1) and right_card.due - T0 == timedelta(minutes=10)
    assert ReviewLog.objects.get(card=wrong_card).source == "practice"


def test_card_a_wrong_answers_rating_cannot_be_amended(learner):
    result = review_at(learner, single_question(), T0, correct=False)
    with pytest.raises(services.RatingLocked):
        services.amend_rating(user=learner, code=result.log.code, rating=scheduling.EASY)
    assert ReviewLog.objects.get().rating == scheduling.AGAIN


def test_card_an_older_reviews_rating_cannot_be_amended_once_the_card_moved_on(learner):
    question = single_question()
    first = review_at(learner, question, T0, correct=True)
    review_at(learner, question, T0 + timedelta(minutes=10), correct=True)
    before = Card.objects.get().stability
    with pytest.raises(services.RatingLocked):
        services.amend_rating(user=learner, code=first.log.code, rating=scheduling.EASY)
    assert Card.objects.get().stability == before


def test_card_a_new_question_version_keeps_the_cards_memory(learner):
    question = single_question()
    review_at(learner, question, T0, correct=True)
    review_at(learner, question, T0 + timedelta(minutes=10), correct=True)
    card = Card.objects.get()
    memory = card.memory
    old = question.current_version
    new = QuestionVersion.objects.create(
        question=question,
        number=old.number + 1,
        digest="reworded",
        stem_en="Reworded: " + old.stem_en,
        stem_ko="바꾼 문장: " + old.stem_ko,
        explanation_en=old.explanation_en,
        explanation_ko=old.explanation_ko,
        choices=old.choices,
    )
    question.current_version = new
    question.save(update_fields=["current_version"])
    card.refresh_from_db()
    assert card.memory == memory  # the rewording changed nothing of what the learner remembers

    review_at(learner, question, memory.due, correct=True)
    card.refresh_from_db()
    expected = scheduling.review(memory, scheduling.GOOD, memory.due, scheduling.scheduler(fuzzing=False))
    assert card.memory == expected
    latest = ReviewLog.objects.filter(card=card).first()
    assert latest.version == new and latest.answer.version == new
    assert ReviewLog.objects.filter(card=card, version=old).count() == 2


def test_card_leech_on_the_eighth_lapse_is_flagged_suspended_and_points_to_its_topic(client, learner):
    question = single_question()
    card = make_card(learner, question, lapses=7)
    client.force_login(learner)
    response = client.post(
        f"/reviews/cards/{card.code}/",
        {"choice": [c["id"] for c in question.current_version.choices if not c["correct"]][:1]},
    )
    card.refresh_from_db()
    assert card.lapses == 8 and card.leech and card.suspended
    page = client.get(response["Location"]).content.decode()
    assert "set aside" in page and question.topic.get_absolute_url() in page
    assert str(card.code) not in client.get("/reviews/").content.decode()  # out of the queue
    progress = client.get("/reviews/progress/").content.decode()
    assert f"/reviews/cards/{card.code}/restore/" in progress


def test_card_seventh_lapse_is_not_yet_a_leech(learner):
    question = single_question()
    card = make_card(learner, question, lapses=6)
    services.answer_card(
        user=learner,
        code=card.code,
        selected=[c["id"] for c in question.current_version.choices if not c["correct"]][:1],
    )
    card.refresh_from_db()
    assert card.lapses == 7 and not card.leech and not card.suspended


def test_card_a_restored_leech_returns_to_the_queue(client, learner):
    card = make_card(learner, single_question(), lapses=8, leech=True, suspended=True)
    client.force_login(learner)
    assert client.post(f"/reviews/cards/{card.code}/restore/").status_code == 302
    card.refresh_from_db()
    assert not card.suspended and card.leech
    assert str(card.code) in client.get("/reviews/").content.decode()


def test_review_undo_puts_the_card_back_and_removes_the_answer(client, learner):
    question = single_question()
    card = make_card(learner, question)
    before = Card.objects.get(pk=card.pk)
    client.force_login(learner)
    client.post(
        f"/reviews/cards/{card.code}/",
        {"choice": [c["id"] for c in question.current_version.choices if c["correct"]]},
    )
    assert Card.objects.get(pk=card.pk).memory != before.memory
    response = client.post("/reviews/undo/")
    assert response.status_code == 302 and response["Location"] == f"/reviews/cards/{card.code}/"
    after = Card.objects.get(pk=card.pk)
    assert after.memory == before.memory and after.suspended == before.suspended
    assert not ReviewLog.objects.exists() and not Answer.objects.filter(source="review").exists()


def test_review_undo_of_a_first_answer_removes_the_card(learner):
    review_at(learner, single_question(), T0, correct=False)
    assert services.undo_last_review(user=learner) is None
    assert not Card.objects.exists() and not Answer.objects.exists()


def test_review_undo_refuses_once_practice_reviewed_the_card_again(learner):
    question = single_question()
    review_at(learner, question, T0, correct=True)
    practise(learner, question, correct=True, moment=T0 + timedelta(hours=1))
    with pytest.raises(services.NothingToUndo):
        services.undo_last_review(user=learner)
    assert ReviewLog.objects.count() == 2


def test_review_undo_with_nothing_to_undo_says_so(client, learner):
    client.force_login(learner)
    response = client.post("/reviews/undo/", follow=True)
    assert "There is no review to undo." in response.content.decode()


def test_card_undo_of_a_leech_lapse_lifts_the_suspension(learner):
    question = single_question()
    card = make_card(learner, question, lapses=7)
    services.answer_card(
        user=learner,
        code=card.code,
        selected=[c["id"] for c in question.current_version.choices if not c["correct"]][:1],
    )
    services.undo_last_review(user=learner)
    card.refresh_from_db()
    assert card.lapses == 7 and not card.leech and not card.suspended


def test_card_backfill_replays_saved_answers_in_order_once(learner, other_learner):
    question = single_question()
    version = question.current_version
    good = [c["id"] for c in version.choices if c["correct"]]
    bad = [c["id"] for c in version.choices if not c["correct"]][:1]
    # Answers stored before spaced repetition existed: no cards, no logs (written directly).
    for minutes, selected in [(10, good), (0, bad)]:  # stored out of order on purpose
        Answer.objects.create(
            user=learner, question=question, version=version, selected=selected, is_correct=selected == good,
            source="practice", answered_at=T0 + timedelta(minutes=minutes),
        )  # fmt: skip
    Answer.objects.create(
        user=other_learner,
        question=question,
        version=version,
        selected=[],
        is_correct=False,
        source="exam",
        answered_at=T0,
    )  # fmt: skip  (left unanswered in an exam: says nothing about memory)
    out = io.StringIO()
    call_command("build_cards", stdout=out)
    assert "Built 1 card(s)" in out.getvalue()
    card = Card.objects.get()
    sched = scheduling.scheduler(fuzzing=False)
    expected = scheduling.review(
        scheduling.review(None, scheduling.AGAIN, T0, sched),
        scheduling.GOOD,
        T0 + timedelta(minutes=10),
        sched,
    )
    assert card.user == learner and card.memory == expected
    assert list(ReviewLog.objects.order_by("reviewed_at").values_list("rating", "state_before")) == [
        (scheduling.AGAIN, scheduling.NEW),
        (scheduling.GOOD, scheduling.LEARNING),
    ]
    call_command("build_cards", stdout=out)
    assert "Built 0 card(s)" in out.getvalue()
    assert Card.objects.count() == 1 and ReviewLog.objects.count() == 2


def test_review_undo_from_an_old_feedback_page_does_not_take_back_a_later_review(learner):
    first, second = make_questions(2)
    older = review_at(learner, first, T0, correct=True)
    review_at(learner, second, T0 + timedelta(minutes=1), correct=True)
    with pytest.raises(services.NothingToUndo):
        services.undo_last_review(user=learner, code=older.log.code)
    assert ReviewLog.objects.count() == 2


def test_card_of_a_retired_question_leaves_the_queue_until_it_is_published_again(client, learner):
    question = single_question()
    card = make_card(learner, question)
    client.force_login(learner)
    assert str(card.code) in client.get("/reviews/").content.decode()
    question.status = "retired"
    question.save(update_fields=["status"])
    assert str(card.code) not in client.get("/reviews/").content.decode()
    question.status = "published"
    question.save(update_fields=["status"])
    assert str(card.code) in client.get("/reviews/").content.decode()
