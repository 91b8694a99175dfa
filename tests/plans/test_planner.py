"""The planner on plain values, no database: what to read when, mock exams, pace, weakness."""

from datetime import date, timedelta

import pytest

from plans import planner
from plans.planner import Inputs, TopicIn, build, schedule_mocks, task_key

# An SAA-C03-shaped exam guide: 14 task statements in 4 domains weighted 30/26/24/20.
TASKS = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4"]
WEIGHTS = {1: 30, 2: 26, 3: 24, 4: 20}
TODAY = date(2027, 3, 1)


def curriculum(count=60) -> list[TopicIn]:
    """`count` topics of 4-9 minutes, each teaching one or two task statements, every one taught."""
    topics = []
    for n in range(count):
        first, second = TASKS[n % len(TASKS)], TASKS[(n * 5 + 3) % len(TASKS)]
        topics.append(TopicIn(f"t{n:02d}", 4 + (n * 7) % 6, tuple(sorted({first, second}, key=task_key)), n))
    return topics


def inputs(**changes) -> Inputs:
    values = dict(
        today=TODAY, exam_date=TODAY + timedelta(days=60), started=TODAY, minutes_per_day=30,
        topics=curriculum(), tasks=TASKS, weights=WEIGHTS, new_cards_per_day=10,
    )  # fmt: skip
    return Inputs(**(values | changes))


def taught_before(plan, day: date) -> set[str]:
    by_slug = {t.slug: t for t in curriculum(200)}
    return {code for d in plan.days if d.date < day for slug in d.topics for code in by_slug[slug].tasks}


def test_the_same_inputs_give_the_same_plan():
    assert build(inputs()) == build(inputs())
    plan = build(inputs())
    # The first reading day starts the exam guide: task statement 1.1 first.
    assert plan.days[0].topics == ("t00", "t05")
    assert [(m.date, m.kind) for m in plan.mocks] == [
        (date(2027, 3, 2), "diagnostic"),
        (date(2027, 3, 26), "checkpoint"),
        (date(2027, 4, 20), "final"),
        (date(2027, 4, 27), "final"),
    ]


def test_every_topic_and_every_task_statement_comes_before_the_exam():
    plan = build(inputs())
    assert sorted(plan.topics) == sorted(t.slug for t in curriculum())
    assert plan.optional == () and plan.uncovered == ()
    assert taught_before(plan, plan.exam_date) == set(TASKS)
    assert plan.days[-1].date == plan.exam_date - timedelta(days=1)
    # The last week is for review and the final mock: no new reading.
    assert plan.reading_ends <= plan.exam_date - timedelta(days=planner.FINAL_STRETCH_DAYS + 1)


def test_topics_follow_the_exam_guide_without_weaknesses():
    order = [
        min(task_key(c) for c in next(t for t in curriculum() if t.slug == s).tasks)
        for s in build(inputs()).topics
    ]
    assert order == sorted(order)


def test_mock_exams_are_before_the_date_a_diagnostic_early_and_two_in_the_last_two_weeks():
    for days in (21, 30, 60, 120):
        plan = build(inputs(exam_date=TODAY + timedelta(days=days)))
        assert all(TODAY <= m.date < plan.exam_date for m in plan.mocks)
        assert plan.mocks[0].kind == "diagnostic" and plan.mocks[0].date <= TODAY + timedelta(days=1)
        last_two_weeks = [m for m in plan.mocks if (plan.exam_date - m.date).days <= 14]
        assert len(last_two_weeks) == 2
        gaps = [(b.date - a.date).days for a, b in zip(plan.mocks, plan.mocks[1:], strict=False)]
        assert all(gap >= planner.MIN_MOCK_GAP for gap in gaps)
        # A mock exam day has no reading.
        assert all(not plan.on(m.date).topics for m in plan.mocks)


def test_a_short_runway_keeps_the_final_mocks_and_skips_the_diagnostic():
    plan = build(inputs(exam_date=TODAY + timedelta(days=8)))
    assert [(m.kind, (plan.exam_date - m.date).days) for m in plan.mocks] == [("final", 3)]
    plan = build(inputs(exam_date=TODAY + timedelta(days=15)))
    assert [(m.kind, (plan.exam_date - m.date).days) for m in plan.mocks] == [("final", 10), ("final", 3)]
    assert schedule_mocks(today=TODAY, exam_date=TODAY + timedelta(days=2), started=TODAY) == []


def test_a_mock_sat_since_the_plan_began_stands_for_the_diagnostic():
    plan = build(inputs(started=TODAY - timedelta(days=3), mocks_sat=[TODAY - timedelta(days=2)]))
    assert "diagnostic" not in [m.kind for m in plan.mocks]
    assert [m.kind for m in plan.mocks] == ["checkpoint", "final", "final"]


def test_a_mock_day_that_passed_unsat_is_not_carried_over():
    started = TODAY - timedelta(days=20)
    plan = build(inputs(started=started, exam_date=started + timedelta(days=90)))
    assert all(m.date >= TODAY for m in plan.mocks) and "diagnostic" not in [m.kind for m in plan.mocks]
    assert plan.days[0].topics, "today is a reading day, not a missed mock"
    # The checkpoints stay where the plan put them, day after day.
    tomorrow = build(
        inputs(today=TODAY + timedelta(days=1), started=started, exam_date=started + timedelta(days=90))
    )
    assert tomorrow.mocks == plan.mocks


def test_weak_task_statements_move_to_the_front_weakest_first():
    plain = build(inputs())
    weak = build(inputs(weakness={"3.3": 0.5, "4.2": 0.8, "1.1": 0.1}))
    tasks = {t.slug: t.tasks for t in curriculum()}
    # 4.2 (80% missed) first, then 3.3 (50%), then the exam guide; 1.1 at 10% is not weak.
    rank = [0 if "4.2" in tasks[s] else 1 if "3.3" in tasks[s] else 2 for s in weak.topics]
    assert rank == sorted(rank) and rank.count(0) >= 2 and rank.count(1) >= 2
    rest = [min(task_key(c) for c in tasks[s]) for s, r in zip(weak.topics, rank, strict=True) if r == 2]
    assert rest == sorted(rest)
    assert "4.2" not in tasks[plain.topics[0]]
    assert sorted(weak.topics) == sorted(plain.topics)  # the same topics, in another order
    assert taught_before(weak, weak.exam_date) == set(TASKS)


def test_a_learner_who_falls_behind_gets_the_rest_spread_over_the_days_left():
    started = TODAY - timedelta(days=10)
    course = dict(topics=curriculum(100), started=started, exam_date=started + timedelta(days=40))
    original = build(inputs(today=started, **course))
    done = original.topics[:3]  # ten days in, three topics read instead of the ~30 planned
    studied = {slug: started + timedelta(days=1) for slug in done}
    plan = build(inputs(studied=studied, mocks_sat=[started + timedelta(days=1)], **course))

    assert planner.behind(original=original, studied=studied, today=TODAY) >= 20
    # No overdue pile: nothing before today, every topic left is still planned before the exam,
    # at a new, faster pace that stays within a quarter above the learner's reading time.
    assert plan.days[0].date == TODAY
    assert sorted(plan.topics) == sorted(t.slug for t in curriculum(100) if t.slug not in done)
    assert original.pace < plan.pace <= plan.reading_time * planner.STRETCH
    assert max(day.minutes for day in plan.days) <= plan.reading_time * planner.STRETCH + 9
    assert plan.reading_ends < plan.exam_date
    on_time = {s: started for s in original.topics[:40]}
    assert planner.behind(original=original, studied=on_time, today=TODAY) == 0


def test_when_the_days_left_cannot_hold_everything_each_task_keeps_a_topic_and_the_rest_is_optional():
    plan = build(inputs(exam_date=TODAY + timedelta(days=6), minutes_per_day=20))
    assert plan.needed > plan.reading_time * planner.STRETCH
    assert plan.optional, "some topics are left for days with time to spare"
    assert taught_before(plan, plan.exam_date) == set(TASKS)
    assert set(plan.topics).isdisjoint(plan.optional)
    assert len(plan.topics) + len(plan.optional) == len(curriculum())


def test_spare_time_goes_to_the_heavier_domains_first():
    # Two domains, 80/20, with more topics each than fit: the heavier keeps more of its reading.
    topics = [TopicIn(f"a{n}", 5, ("1.1",), n) for n in range(20)] + [
        TopicIn(f"b{n}", 5, ("2.1",), 100 + n) for n in range(20)
    ]
    plan = build(
        inputs(topics=topics, tasks=["1.1", "2.1"], weights={1: 80, 2: 20}, exam_date=TODAY + timedelta(days=8),
               minutes_per_day=20, new_cards_per_day=0)
    )  # fmt: skip
    kept_a = sum(1 for s in plan.topics if s.startswith("a"))
    kept_b = sum(1 for s in plan.topics if s.startswith("b"))
    assert kept_b >= 1 and kept_a >= 3 * kept_b


def test_topics_studied_today_count_towards_today():
    first = build(inputs())
    done = first.days[0].topics
    plan = build(inputs(studied={slug: TODAY for slug in done}))
    assert plan.days[0].topics[: len(done)] == done
    assert plan.days[0].minutes <= first.days[0].minutes + 9  # today's reading is not handed out again
    yesterday = build(inputs(studied={slug: TODAY - timedelta(days=1) for slug in done}))
    assert set(done).isdisjoint(yesterday.topics)


def test_daily_reviews_are_the_week_due_spread_plus_new_cards():
    plan = build(inputs(due_this_week=70, new_cards_per_day=10, minutes_per_day=30))
    assert (plan.reviews_per_day, plan.review_minutes, plan.reading_time) == (20, 10, 20)
    swamped = build(inputs(due_this_week=700, new_cards_per_day=20))
    assert swamped.reading_time == 15  # reviews never take more than half the time in the plan


def test_an_exam_today_or_past_has_an_empty_plan():
    for days in (0, -3):
        plan = build(inputs(exam_date=TODAY + timedelta(days=days)))
        assert plan.days == () and plan.mocks == () and plan.next_mock() is None


def test_weeks_group_seven_days_from_today():
    plan = build(inputs(exam_date=TODAY + timedelta(days=17)))
    assert [(w.number, w.start, w.end) for w in plan.weeks] == [
        (1, TODAY, TODAY + timedelta(days=6)),
        (2, TODAY + timedelta(days=7), TODAY + timedelta(days=13)),
        (3, TODAY + timedelta(days=14), TODAY + timedelta(days=16)),
    ]
    assert sum(len(w.topics) for w in plan.weeks) == len(plan.topics)


@pytest.mark.parametrize(
    ("characters", "language", "minutes"), [(5500, "en", 6), (3300, "ko", 8), (10, "en", 2)]
)
def test_reading_time_comes_from_the_length_of_the_note(characters, language, minutes):
    assert planner.reading_minutes(characters, language) == minutes


def test_task_codes_sort_as_numbers():
    assert sorted(["3.10", "3.9", "10.1", "2.1"], key=task_key) == ["2.1", "3.9", "3.10", "10.1"]
