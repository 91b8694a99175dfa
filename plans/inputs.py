"""What the planner needs, read from the database for one learner: eight queries, whatever the curriculum's size."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Length
from django.utils import timezone

from exams.models import Attempt
from plans import planner
from plans.models import StudyPlan
from reviews import scheduling
from reviews.models import Card, ReviewLog, ReviewSettings
from reviews.queue import day_bounds
from topics.models import StudiedTopic, TaskStatement, Topic

WEAKNESS_DAYS = 60  # answers and reviews older than this no longer count towards a weak task statement
MIN_EVIDENCE = 4  # answers and reviews of a task statement before it can count as weak
MOCK_MIN_ITEMS = 20  # questions in a sitting for it to stand for one of the plan's mock exams


@dataclass(frozen=True)
class TopicInfo:
    slug: str
    title_en: str
    title_ko: str
    minutes: int
    tasks: tuple[str, ...]

    def title(self, language: str) -> str:
        return (self.title_ko if language == "ko" else self.title_en) or self.title_en or self.title_ko


@dataclass(frozen=True)
class Loaded:
    """A learner's plan as stored, the planner's inputs, and the plan worked out for today."""

    plan: StudyPlan
    exam_date: date | None
    inputs: planner.Inputs | None
    built: planner.Plan | None
    behind: int
    topics: dict[str, TopicInfo]
    task_titles: dict[str, tuple[str, str]]
    weak: list[tuple[str, float]]  # weak task statements of the exam, weakest first

    def topic_list(self, slugs, language: str) -> list[dict]:
        studied = self.inputs.studied if self.inputs else {}
        return [
            {
                "slug": slug,
                "title": self.topics[slug].title(language),
                "minutes": self.topics[slug].minutes,
                "done": slug in studied,
            }
            for slug in slugs
        ]


def load(user, *, now: datetime, language: str) -> Loaded | None:
    """The learner's plan worked out for the day of `now`, or None when they have not made one."""
    plan = StudyPlan.objects.select_related("exam").filter(user=user).first()
    if plan is None:
        return None
    review_settings = ReviewSettings.for_user(user)
    exam_date = review_settings.exam_date
    today = timezone.localdate(now)
    tasks = list(
        TaskStatement.objects.filter(domain__exam=plan.exam_id)
        .order_by("domain__number", "code")
        .values_list("code", "domain__number", "domain__weight", "title_en", "title_ko")
    )
    topics = _topics(plan.exam_id, language)
    if exam_date is None:
        return Loaded(plan, None, None, None, 0, topics, {}, [])
    weakness = weakness_by_task(user, plan.exam_id, now=now)
    start, _end = day_bounds(now)
    inputs = planner.Inputs(
        today=today,
        exam_date=exam_date,
        started=min(plan.started_on, today),
        minutes_per_day=plan.minutes_per_day,
        topics=[
            planner.TopicIn(t.slug, t.minutes, t.tasks, order) for order, t in enumerate(topics.values())
        ],
        tasks=[code for code, *_rest in tasks],
        weights={number: weight for _code, number, weight, *_rest in tasks},
        studied=studied_days(user),
        weakness=weakness,
        due_this_week=Card.objects.due_before(user, start + timedelta(days=7)).count(),
        new_cards_per_day=review_settings.new_cards_per_day,
        mocks_sat=mock_days(user, plan.exam_id, since=min(plan.started_on, today)),
    )
    # The plan as it was made: what "behind" is measured against.
    original = planner.build(
        replace(
            inputs,
            today=inputs.started,
            studied={slug: day for slug, day in inputs.studied.items() if day < inputs.started},
            weakness={},
            mocks_sat=(),
        )
    )
    return Loaded(
        plan=plan,
        exam_date=exam_date,
        inputs=inputs,
        built=planner.build(inputs),
        behind=planner.behind(original=original, studied=inputs.studied, today=today),
        topics=topics,
        task_titles={code: (title_en, title_ko) for code, _n, _w, title_en, title_ko in tasks},
        weak=sorted(
            ((code, share) for code, share in weakness.items() if share >= planner.WEAK),
            key=lambda item: (-item[1], planner.task_key(item[0])),
        ),
    )


def _topics(exam_id: int, language: str) -> dict[str, TopicInfo]:
    """The exam's topics in curriculum order, with the task statements each teaches and its reading time."""
    rows = (
        Topic.tasks.through.objects.filter(taskstatement__domain__exam=exam_id)
        .annotate(characters=Length(f"topic__body_{language}"))
        .order_by("topic__order", "topic__slug", "taskstatement__code")
        .values_list("topic__slug", "topic__title_en", "topic__title_ko", "characters", "taskstatement__code")
    )
    found: dict[str, tuple] = {}
    tasks: dict[str, list[str]] = {}
    for slug, title_en, title_ko, characters, code in rows:
        found.setdefault(slug, (title_en, title_ko, characters or 0))
        tasks.setdefault(slug, []).append(code)
    return {
        slug: TopicInfo(
            slug,
            title_en,
            title_ko,
            planner.reading_minutes(characters, language),
            tuple(sorted(tasks[slug], key=planner.task_key)),
        )
        for slug, (title_en, title_ko, characters) in found.items()
    }


def studied_days(user) -> dict[str, date]:
    """Topic slug -> the learner's local day they marked it studied."""
    return {
        slug: timezone.localdate(at)
        for slug, at in StudiedTopic.objects.filter(user=user).values_list("topic__slug", "studied_at")
    }


def weakness_by_task(user, exam_id: int, *, now: datetime) -> dict[str, float]:
    """Task statement code -> the share of the learner's recent answers and reviews that failed.

    Every answer (practice, mock exam, review session) is logged as a review, a wrong one rated
    Again, and a review the learner rated Again is a lapse: one count covers both. Only task
    statements with enough evidence are included."""
    rows = (
        ReviewLog.objects.filter(
            user=user,
            reviewed_at__gte=now - timedelta(days=WEAKNESS_DAYS),
            card__question__tasks__domain__exam=exam_id,
        )
        .values("card__question__tasks__code")
        .annotate(total=Count("pk"), failed=Count("pk", filter=Q(rating=scheduling.AGAIN)))
    )
    return {
        row["card__question__tasks__code"]: row["failed"] / row["total"]
        for row in rows
        if row["total"] >= MIN_EVIDENCE
    }


def mock_days(user, exam_id: int, *, since: date) -> list[date]:
    """Days since `since` the learner submitted a mock exam of the plan's exam (a short drill of fewer
    than MOCK_MIN_ITEMS questions does not count)."""
    started = (
        Attempt.objects.submitted()
        .filter(
            user=user, blueprint__exam=exam_id, size__gte=MOCK_MIN_ITEMS, started_at__gte=_start_of(since)
        )
        .values_list("started_at", flat=True)
    )
    return sorted({timezone.localdate(at) for at in started})


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))
