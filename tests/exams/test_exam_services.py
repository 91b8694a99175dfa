"""Starting, saving and submitting a mock exam attempt: the server's clock, idempotence, cards."""

import random
from datetime import timedelta

import pytest
import time_machine

from accounts.models import Profile
from exams import services
from exams.models import Attempt, AttemptItem, Blueprint
from quizzes.models import Answer
from reviews.models import Card
from tests.exams.conftest import T0
from tests.exams.factory import make_bank, right_picks, wrong_picks
from topics.models import Exam


def items_of(attempt):
    return list(attempt.items.select_related("version").order_by("position"))


def test_start_attempt_freezes_questions_versions_order_and_deadline(attempt, drill):
    items = items_of(attempt)
    assert [i.position for i in items] == [1, 2, 3, 4, 5]
    assert len({i.question_id for i in items}) == 5
    assert all(i.version_id == i.question.current_version_id for i in items)
    assert all(sorted(i.choice_order) == sorted(c["id"] for c in i.version.choices) for i in items)
    assert attempt.deadline == T0 + timedelta(minutes=2)
    assert sum(i.choose > 1 for i in items) == 1  # 20% of 5 are multiple response


def test_esl_accommodation_adds_30_minutes_and_is_remembered(learner, drill):
    attempt = services.start(user=learner, blueprint=drill, esl=True, now=T0)
    assert attempt.deadline == T0 + timedelta(minutes=32)
    assert Profile.objects.get(user=learner).esl_accommodation


def test_one_attempt_at_a_time_and_an_expired_one_is_submitted_first(learner, drill, attempt):
    with pytest.raises(services.AttemptInProgress) as refused:
        services.start(user=learner, blueprint=drill, now=T0 + timedelta(minutes=1))
    assert refused.value.attempt == attempt
    second = services.start(user=learner, blueprint=drill, now=T0 + timedelta(minutes=3))
    attempt.refresh_from_db()
    assert attempt.ended_by == "deadline" and attempt.submitted_at == attempt.deadline
    assert second.submitted_at is None


def test_a_blueprint_the_bank_cannot_fill_is_refused(learner, drill):
    Blueprint.objects.filter(pk=drill.pk).update(questions=150)
    drill.refresh_from_db()
    with pytest.raises(services.NotEnoughQuestions):
        services.start(user=learner, blueprint=drill, now=T0)
    assert not Attempt.objects.exists()


def test_save_stores_choice_ids_from_display_numbers_and_flags(learner, attempt):
    item = items_of(attempt)[0]
    saved = services.save(user=learner, code=attempt.code, position=1, picks=[2], now=T0)
    assert saved.item.selected == [item.choice_order[1]]
    services.save(user=learner, code=attempt.code, position=1, flagged=True, now=T0)
    item.refresh_from_db()
    assert item.selected == [item.choice_order[1]] and item.flagged  # a flag leaves the pick alone
    services.save(user=learner, code=attempt.code, position=1, picks=[], now=T0)
    item.refresh_from_db()
    assert item.selected == [] and item.flagged


def test_tampered_and_excess_picks_are_refused_and_change_nothing(learner, attempt):
    single = next(i for i in items_of(attempt) if i.choose == 1)
    for picks, refusal in (
        ([9], services.NotAChoice),
        ([1, 1], services.NotAChoice),
        ([1, 2], services.TooManyChoices),
    ):
        with pytest.raises(refusal):
            services.save(user=learner, code=attempt.code, position=single.position, picks=picks, now=T0)
    single.refresh_from_db()
    assert single.selected == [] and single.saved_at is None


def test_another_learner_cannot_write_to_the_attempt(other_learner, attempt):
    with pytest.raises(AttemptItem.DoesNotExist):
        services.save(user=other_learner, code=attempt.code, position=1, picks=[1], now=T0)


def test_an_answer_one_second_late_is_refused_and_the_attempt_is_submitted_with_saved_answers(
    learner, attempt
):
    services.save(user=learner, code=attempt.code, position=1, picks=[1], now=T0 + timedelta(seconds=30))
    late = attempt.deadline + timedelta(seconds=1)
    with time_machine.travel(late, tick=False), pytest.raises(services.AttemptClosed) as refused:
        services.save(user=learner, code=attempt.code, position=2, picks=[1])
    closed = refused.value.attempt
    assert closed.ended_by == "deadline" and closed.submitted_at == attempt.deadline
    first, second = items_of(attempt)[:2]
    assert first.selected and second.selected == []  # the late answer changed nothing
    assert first.answer_id is not None


def test_an_answer_just_before_the_deadline_is_saved(learner, attempt):
    with time_machine.travel(attempt.deadline - timedelta(seconds=1), tick=False):
        services.save(user=learner, code=attempt.code, position=1, picks=[1])
    assert items_of(attempt)[0].selected


def test_submit_grades_all_or_nothing_and_is_idempotent(learner, attempt):
    items = items_of(attempt)
    for item in items[:3]:
        services.save(
            user=learner, code=attempt.code, position=item.position, picks=right_picks(item), now=T0
        )
    services.save(user=learner, code=attempt.code, position=4, picks=wrong_picks(items[3]), now=T0)
    done = services.submit(attempt=attempt, now=T0 + timedelta(minutes=1))
    assert (done.scored_right, done.scored_total, done.scaled, done.passed) == (3, 5, 600, False)
    assert done.ended_by == "learner" and done.time_used == timedelta(minutes=1)
    again = services.submit(attempt=attempt, now=T0 + timedelta(minutes=1, seconds=30))
    assert again.submitted_at == done.submitted_at
    assert Answer.objects.filter(user=learner, source="exam").count() == 4  # the unanswered one is no answer
    with pytest.raises(services.AttemptClosed):
        services.save(user=learner, code=attempt.code, position=5, picks=[1], now=T0 + timedelta(minutes=1))


def test_a_submitted_exam_makes_review_cards(learner, attempt):
    item = items_of(attempt)[0]
    services.save(user=learner, code=attempt.code, position=1, picks=wrong_picks(item), now=T0)
    services.submit(attempt=attempt, now=T0 + timedelta(minutes=1))
    card = Card.objects.get(user=learner)
    assert card.question_id == item.question_id
    assert card.reviews.get().source == "exam"


def test_exam_faithful_official_attempt_has_unscored_items(learner):
    make_bank("SAA-C03", singles=60, multiples=12, prefix="big")
    official = Blueprint.official_for(Exam.objects.get(code="SAA-C03"))
    attempt = services.start(user=learner, blueprint=official, faithful=True, now=T0, rng=random.Random(1))
    items = items_of(attempt)
    assert len(items) == 65 and sum(not i.scored for i in items) == 15
    done = services.submit(attempt=attempt, now=T0 + timedelta(minutes=5))
    assert done.scored_total == 50


def test_saving_an_answer_costs_two_queries_whatever_the_exam_length(learner, django_assert_max_num_queries):
    make_bank("SAA-C03", singles=60, multiples=12, prefix="big")
    official = Blueprint.official_for(Exam.objects.get(code="SAA-C03"))
    attempt = services.start(user=learner, blueprint=official, now=T0)
    with django_assert_max_num_queries(2):
        services.save(user=learner, code=attempt.code, position=40, picks=[1], now=T0)


def test_a_custom_blueprint_cannot_take_an_official_exam_slug(drill):
    from django.core.exceptions import ValidationError

    drill.slug = "saa-c03"
    with pytest.raises(ValidationError) as refused:
        drill.full_clean()
    assert "slug" in refused.value.message_dict


def test_the_dashboard_overview_submits_an_attempt_whose_time_ran_out(learner, attempt):
    from exams.progress import overview

    services.save(user=learner, code=attempt.code, position=1, picks=[1], now=T0)
    assert overview(learner, T0 + timedelta(minutes=1)).open == attempt
    seen = overview(learner, attempt.deadline + timedelta(hours=1))
    assert seen.open is None and seen.latest == attempt and seen.latest.ended_by == "deadline"
