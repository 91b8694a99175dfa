"""The study plan: which topics to read on which day, the daily reviews, and when to sit mock exams.

Django-free: plain values in, a `Plan` out, and the same inputs always give the same plan. The plan is
worked out again from today whenever it is shown, so it adapts by itself:

- Order. Topics come in exam-guide order (a topic sits at the first task statement it teaches), except
  that topics teaching the learner's weak task statements (a third or more of their answers and reviews
  failed) move to the front, weakest first.
- Coverage. Every task statement of the exam is taught before the exam: for each one not yet covered by
  a studied topic, one topic teaching it is always kept.
- Pace. Reading is spread evenly over the reading days (every day from today, except mock exam days and
  a final stretch of review before the exam), no slower than half the learner's reading time a day, so
  the rest of a long runway is free for practice. A learner who falls behind gets the same: the topics
  left spread over the days left, never a pile of overdue work. When even that needs more than a quarter
  above their reading time, the plan keeps the topics that cover every task statement and, of the rest,
  shares the time between domains by their exam weight (weakest task statements first); what does not
  fit is listed as optional.
- Mock exams. A diagnostic the day after the plan starts (unless one was sat since; none with under
  three weeks to go), a checkpoint about every four weeks, and two in the last two weeks (10 and 3 days
  before the exam), at least five days apart, the final ones winning. A mock day that passed unsat is
  dropped, not carried forward.
- Reviews. The cards due this week spread over its days plus the new cards a day the learner allows,
  at about 30 seconds a review; reviews may take at most half the daily time in the plan's arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

SECONDS_PER_REVIEW = 30
MIN_READING_SHARE = 0.5  # of the daily minutes, kept for reading however many reviews are due
MIN_PACE_SHARE = 0.5  # reading goes no slower than this share of the reading time a day
STRETCH = 1.25  # how far past the learner's reading time a re-spread pace may go before topics turn optional
WEAK = 1 / 3  # a task statement with this share or more of failed answers and reviews is weak
FINAL_STRETCH_DAYS = 7  # days before the exam kept for review and the last mock, no new reading
FINAL_MOCKS = (10, 3)  # days before the exam
CHECKPOINT_EVERY = 28  # days between checkpoint mocks
MIN_MOCK_GAP = 5  # days
DIAGNOSTIC_MIN_SPAN = 21  # days to the exam for a diagnostic to be worth it besides the two final mocks

DIAGNOSTIC, CHECKPOINT, FINAL = "diagnostic", "checkpoint", "final"


def reading_minutes(characters: int, language: str) -> int:
    """Minutes to read a note of `characters` characters (Markdown source) carefully.

    About 180 words a minute for technical English (some 1,000 characters) and 450 characters a
    minute for Korean, whose syllable blocks carry more per character."""
    per_minute = 450 if language == "ko" else 1000
    return max(2, math.ceil(characters / per_minute))


def task_key(code: str) -> tuple[int, ...]:
    """Exam-guide order of a task statement code: "3.10" after "3.9"."""
    return tuple(int(part) for part in code.split("."))


@dataclass(frozen=True)
class TopicIn:
    slug: str
    minutes: int  # estimated reading time
    tasks: tuple[str, ...]  # task statement codes of the target exam the topic teaches, e.g. ("2.1", "3.2")
    order: int = 0  # the curriculum's order, a tie-breaker

    @property
    def guide(self) -> tuple[int, ...]:
        return min(task_key(code) for code in self.tasks)

    @property
    def domain(self) -> int:
        return self.guide[0]


@dataclass(frozen=True)
class Inputs:
    today: date
    exam_date: date
    started: date  # the day the learner made (or last changed) the plan
    minutes_per_day: int
    topics: Sequence[TopicIn]
    tasks: Sequence[str]  # every task statement code of the exam
    weights: Mapping[int, int]  # domain number -> percent of the exam
    studied: Mapping[str, date] = field(default_factory=dict)  # topic slug -> day the learner studied it
    weakness: Mapping[str, float] = field(
        default_factory=dict
    )  # task code -> failed share (0-1), with evidence
    due_this_week: int = 0  # cards due in the next seven days, overdue ones included
    new_cards_per_day: int = 0
    mocks_sat: Sequence[date] = ()  # days the learner sat a mock exam


@dataclass(frozen=True)
class Mock:
    date: date
    kind: str  # DIAGNOSTIC, CHECKPOINT or FINAL


@dataclass(frozen=True)
class Day:
    date: date
    topics: tuple[str, ...] = ()
    minutes: int = 0  # reading
    mock: Mock | None = None


@dataclass(frozen=True)
class Week:
    number: int
    days: tuple[Day, ...]

    @property
    def start(self) -> date:
        return self.days[0].date

    @property
    def end(self) -> date:
        return self.days[-1].date

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(slug for day in self.days for slug in day.topics)

    @property
    def minutes(self) -> int:
        return sum(day.minutes for day in self.days)

    @property
    def mocks(self) -> tuple[Mock, ...]:
        return tuple(day.mock for day in self.days if day.mock)


@dataclass(frozen=True)
class Plan:
    today: date
    exam_date: date
    days: tuple[Day, ...]  # today to the day before the exam
    mocks: tuple[Mock, ...]
    reviews_per_day: int
    review_minutes: int
    reading_time: int  # minutes a day left for reading once reviews are done
    pace: int  # reading minutes a day the plan asks for
    needed: int  # reading minutes a day that everything left would need
    optional: tuple[str, ...]  # topics left out to keep the pace realistic
    uncovered: tuple[str, ...]  # task statements no topic teaches (nothing to read for them)

    @property
    def days_left(self) -> int:
        return (self.exam_date - self.today).days

    @property
    def weeks(self) -> tuple[Week, ...]:
        return tuple(
            Week(number=index // 7 + 1, days=self.days[index : index + 7])
            for index in range(0, len(self.days), 7)
        )

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(slug for day in self.days for slug in day.topics)

    @property
    def reading_ends(self) -> date | None:
        return max((day.date for day in self.days if day.topics), default=None)

    def on(self, day: date) -> Day:
        return next((d for d in self.days if d.date == day), Day(day))

    def next_mock(self) -> Mock | None:
        return self.mocks[0] if self.mocks else None


def build(inputs: Inputs) -> Plan:
    """The plan from `inputs.today` to the day before the exam."""
    today, exam = inputs.today, inputs.exam_date
    span = (exam - today).days
    reviews = math.ceil(inputs.due_this_week / 7) + inputs.new_cards_per_day
    review_minutes = math.ceil(reviews * SECONDS_PER_REVIEW / 60)
    reading_time = max(
        inputs.minutes_per_day - review_minutes, math.ceil(inputs.minutes_per_day * MIN_READING_SHARE)
    )
    if span <= 0:
        return Plan(today, exam, (), (), reviews, review_minutes, reading_time, 0, 0, (), ())

    mocks = schedule_mocks(today=today, exam_date=exam, started=inputs.started, sat=inputs.mocks_sat)
    mock_days = {mock.date: mock for mock in mocks}
    final_stretch = min(FINAL_STRETCH_DAYS, span // 4)
    calendar = [today + timedelta(days=n) for n in range(span)]
    reading_days = [d for d in calendar[: span - final_stretch] if d not in mock_days] or [today]

    done_today = [t for t in _ordered(inputs.topics, {}) if inputs.studied.get(t.slug) == today]
    left = [t for t in inputs.topics if t.slug not in inputs.studied]
    covered = {code for t in inputs.topics if t.slug in inputs.studied for code in t.tasks}
    total = sum(t.minutes for t in left)
    needed = math.ceil(total / len(reading_days))
    ceiling = math.floor(reading_time * STRETCH)
    chosen = _choose(left, covered, inputs, budget=ceiling * len(reading_days)) if needed > ceiling else left
    chosen_set = {t.slug for t in chosen}
    ordered = _ordered(chosen, inputs.weakness)
    offset = sum(t.minutes for t in done_today) if today in reading_days else 0
    spread = max(
        1,
        math.ceil((offset + sum(t.minutes for t in ordered)) / len(reading_days)),
        math.ceil(reading_time * MIN_PACE_SHARE),
    )

    placed: dict[date, list[TopicIn]] = {d: [] for d in calendar}
    placed[today].extend(done_today)
    for topic in ordered:
        index = min(len(reading_days) - 1, int((offset + topic.minutes / 2) // spread))
        placed[reading_days[index]].append(topic)
        offset += topic.minutes

    days = tuple(
        Day(d, tuple(t.slug for t in placed[d]), sum(t.minutes for t in placed[d]), mock_days.get(d))
        for d in calendar
    )
    taught = covered | {code for t in chosen for code in t.tasks}
    busy = [day.minutes for day in days if day.topics]
    return Plan(
        today=today,
        exam_date=exam,
        days=days,
        mocks=tuple(mocks),
        reviews_per_day=reviews,
        review_minutes=review_minutes,
        reading_time=reading_time,
        pace=math.ceil(sum(busy) / len(busy)) if busy else 0,
        needed=needed,
        optional=tuple(t.slug for t in _ordered(left, inputs.weakness) if t.slug not in chosen_set),
        uncovered=tuple(sorted((c for c in inputs.tasks if c not in taught), key=task_key)),
    )


def _weakest(topic: TopicIn, weakness: Mapping[str, float]) -> float:
    return max((w for code in topic.tasks if (w := weakness.get(code, 0.0)) >= WEAK), default=0.0)


def _ordered(topics: Sequence[TopicIn], weakness: Mapping[str, float]) -> list[TopicIn]:
    """Weak task statements' topics first (weakest first), then exam-guide order."""
    return sorted(topics, key=lambda t: (-_weakest(t, weakness), t.guide, t.order, t.slug))


def _choose(left: list[TopicIn], covered: set[str], inputs: Inputs, *, budget: int) -> list[TopicIn]:
    """The topics that fit `budget` minutes: one for every task statement not yet covered, then the
    rest shared between domains by weight, weakest task statements first in each domain."""
    chosen: list[TopicIn] = []
    covered = set(covered)
    for code in sorted(inputs.tasks, key=task_key):
        if code in covered:
            continue
        teaching = [t for t in left if code in t.tasks and t not in chosen]
        if not teaching:
            continue
        best = min(teaching, key=lambda t: (-len(set(t.tasks) - covered), t.minutes, t.order, t.slug))
        chosen.append(best)
        covered.update(best.tasks)
    spare = budget - sum(t.minutes for t in chosen)
    rest = _ordered([t for t in left if t not in chosen], inputs.weakness)
    total_weight = sum(inputs.weights.values()) or 1
    shares = {number: spare * weight / total_weight for number, weight in inputs.weights.items()}
    for topic in rest:  # each domain's share of the spare time first ...
        if spare > 0 and topic.minutes <= min(shares.get(topic.domain, 0), spare):
            chosen.append(topic)
            shares[topic.domain] -= topic.minutes
            spare -= topic.minutes
    for topic in sorted(rest, key=lambda t: -inputs.weights.get(t.domain, 0)):  # ... then what is left over
        if topic not in chosen and topic.minutes <= spare:
            chosen.append(topic)
            spare -= topic.minutes
    return chosen


def schedule_mocks(*, today: date, exam_date: date, started: date, sat: Sequence[date] = ()) -> list[Mock]:
    """Mock exam days from today to the exam (see the module docstring).

    The days are fixed from the plan's start and the mocks sat since, so they stay put from one day
    to the next; a day that passed without its mock is not carried over (no pile of missed mocks)."""
    finals = [Mock(exam_date - timedelta(days=n), FINAL) for n in FINAL_MOCKS]
    since_start = sorted(d for d in sat if d >= started)
    others: list[Mock] = []
    if since_start:
        anchor = since_start[-1]
    else:
        anchor = started + timedelta(days=1)
        if (exam_date - started).days >= DIAGNOSTIC_MIN_SPAN:
            others.append(Mock(anchor, DIAGNOSTIC))
    gap = (exam_date - timedelta(days=FINAL_MOCKS[0]) - anchor).days
    count = max(0, gap // CHECKPOINT_EVERY)
    others += [
        Mock(anchor + timedelta(days=round(gap * k / (count + 1))), CHECKPOINT) for k in range(1, count + 1)
    ]
    kept: list[Mock] = []
    for mock in finals + others:
        if today <= mock.date < exam_date and all(
            abs((mock.date - k.date).days) >= MIN_MOCK_GAP for k in kept
        ):
            kept.append(mock)
    return sorted(kept, key=lambda m: m.date)


def behind(*, original: Plan, studied: Mapping[str, date], today: date) -> int:
    """How many topics the learner is behind the plan as first made (0 when on time or ahead)."""
    expected = sum(len(day.topics) for day in original.days if day.date < today)
    planned = set(original.topics)
    done = sum(1 for slug, day in studied.items() if slug in planned and day < today)
    return max(0, expected - done)
