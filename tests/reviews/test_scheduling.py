"""The FSRS glue on plain values: rating mapping, leeches, retrievability, readiness arithmetic."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card as LibraryCard
from fsrs import Scheduler

from reviews import readiness, scheduling

T0 = datetime(2022, 11, 29, 12, 30, tzinfo=UTC)


def test_review_rating_mapping_wrong_is_always_again():
    assert scheduling.rating_for(is_correct=False) == scheduling.AGAIN
    assert scheduling.rating_for(is_correct=False, chosen=scheduling.EASY) == scheduling.AGAIN


def test_review_rating_mapping_right_is_good_unless_the_learner_says_hard_or_easy():
    assert scheduling.rating_for(is_correct=True) == scheduling.GOOD
    assert scheduling.rating_for(is_correct=True, chosen=scheduling.HARD) == scheduling.HARD
    assert scheduling.rating_for(is_correct=True, chosen=scheduling.EASY) == scheduling.EASY
    with pytest.raises(ValueError):
        scheduling.rating_for(is_correct=True, chosen=scheduling.AGAIN)


def test_fsrs_review_accepts_seoul_time_and_stores_utc():
    seoul = T0.astimezone(ZoneInfo("Asia/Seoul"))
    memory = scheduling.review(None, scheduling.GOOD, seoul, scheduling.scheduler(fuzzing=False))
    assert memory.last_review == T0 and memory.last_review.tzinfo is UTC
    assert memory.due - T0 == timedelta(minutes=10)


def test_fsrs_golden_first_reviews_match_the_library_and_the_published_values():
    sched = scheduling.scheduler(fuzzing=False)
    golden = {  # rating: (stability, difficulty, due offset)
        scheduling.AGAIN: (0.212, 6.4133, timedelta(minutes=1)),
        scheduling.HARD: (1.2931, 5.11217071, timedelta(minutes=5, seconds=30)),
        scheduling.GOOD: (2.3065, 2.11810397, timedelta(minutes=10)),
        scheduling.EASY: (8.2956, 1.0, timedelta(days=8)),
    }
    for rating, (stability, difficulty, offset) in golden.items():
        memory = scheduling.review(None, rating, T0, sched)
        assert memory.stability == pytest.approx(stability, abs=1e-4)
        assert memory.difficulty == pytest.approx(difficulty, abs=1e-4)
        assert memory.due - T0 == offset


def test_a_lapse_counts_only_when_a_review_card_is_forgotten():
    sched = scheduling.scheduler(fuzzing=False)
    learning = scheduling.review(None, scheduling.AGAIN, T0, sched)
    assert learning.lapses == 0  # failing a new card is not forgetting it
    graduated = scheduling.review(learning, scheduling.GOOD, T0 + timedelta(minutes=1), sched)
    graduated = scheduling.review(graduated, scheduling.GOOD, T0 + timedelta(minutes=11), sched)
    assert graduated.state == scheduling.REVIEW
    lapsed = scheduling.review(graduated, scheduling.AGAIN, graduated.due, sched)
    assert lapsed.lapses == 1 and lapsed.state == scheduling.RELEARNING and lapsed.reps == 4


@pytest.mark.parametrize(
    ("before", "after", "leech"),
    [
        (6, 7, False),
        (7, 8, True),
        (8, 8, False),
        (8, 9, False),
        (11, 12, True),
        (15, 16, True),
        (12, 13, False),
    ],
)
def test_card_leech_threshold_is_the_eighth_lapse_then_every_fourth(before, after, leech):
    assert scheduling.becomes_leech(before, after) is leech


def test_fsrs_retrievability_agrees_with_the_library_on_whole_days():
    sched = Scheduler(enable_fuzzing=False)
    card = LibraryCard(card_id=1, state=2, step=None, stability=7.3, difficulty=5.0, due=T0, last_review=T0)
    for days in (0, 1, 5, 30):
        at = T0 + timedelta(days=days)
        ours = scheduling.retrievability(
            stability=7.3, last_review=T0, at=at, decay=scheduling.decay_of(None)
        )
        assert ours == pytest.approx(sched.get_card_retrievability(card, at), abs=1e-12)


def test_fsrs_workload_table_puts_090_at_the_stability_and_more_reviews_above_it():
    rows = {row["percent"]: row for row in scheduling.workload_table(stability=10.0)}
    assert rows[90]["days"] == 10 and rows[90]["relative"] == pytest.approx(1.0)
    assert rows[95]["days"] < 10 < rows[80]["days"]
    assert rows[97]["relative"] > rows[95]["relative"] > 1 > rows[80]["relative"] > rows[70]["relative"]


def test_fsrs_fitted_parameters_are_clamped_into_the_librarys_bounds():
    clamped = scheduling.clamp_parameters([1000.0] * 21)
    Scheduler(parameters=clamped)  # accepted, no ValueError


def test_card_readiness_splits_questions_by_weight_exactly():
    assert readiness.split_items(50, [30, 26, 24, 20]) == [15, 13, 12, 10]
    assert sum(readiness.split_items(65, [26, 29, 25, 20])) == 65


def test_card_readiness_is_certain_at_the_extremes_and_grows_with_recall():
    def domains(recall):
        return [readiness.DomainInput(n, w, 10, recall * 10, 10) for n, w in enumerate([30, 26, 24, 20], 1)]

    def chance(recall):
        return readiness.estimate(domains(recall), scored=50, pass_scaled=720, new_accuracy=0.5).probability

    assert chance(1.0) == pytest.approx(1.0)
    assert chance(0.0) == pytest.approx(0.0)
    assert chance(0.6) < chance(0.72) < chance(0.85)
    assert readiness.estimate(domains(0.6), scored=50, pass_scaled=720, new_accuracy=0.5).needed == 36


def test_card_readiness_counts_unseen_questions_at_first_try_accuracy():
    few = [readiness.DomainInput(1, 100, 100, 2 * 0.95, 2)]  # 2 well-known cards out of 100 questions
    estimate = readiness.estimate(few, scored=50, pass_scaled=720, new_accuracy=0.3)
    assert estimate.domains[0][1] == pytest.approx((1.9 + 98 * 0.3) / 100)
    assert estimate.probability < 0.01
