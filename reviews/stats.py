"""What the progress page (and the site dashboard) shows: counts, streak, forecast, retention,
mastery, leeches and readiness. Each function is one or two queries over one learner's rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exams.models import Attempt, AttemptItem
from quizzes.models import Question
from reviews import readiness, scheduling
from reviews.models import Card, ReviewLog, ReviewSettings, retrievability
from reviews.queue import day_bounds
from topics.models import Exam, ExamDomain

User = get_user_model()


@dataclass
class Day:
    total: int = 0
    review_total: int = 0  # reviews of review-state cards (true retention counts only these)
    review_passed: int = 0


def daily(user, since: date) -> dict[date, Day]:
    """Reviews per local day since `since` (one query, grouped in the database)."""
    rows = (
        ReviewLog.objects.filter(user=user, reviewed_at__gte=_start_of(since))
        .annotate(day=TruncDate("reviewed_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(
            total=Count("pk"),
            review_total=Count("pk", filter=Q(state_before=scheduling.REVIEW)),
            review_passed=Count("pk", filter=Q(state_before=scheduling.REVIEW) & ~Q(rating=scheduling.AGAIN)),
        )
    )
    return {row["day"]: Day(row["total"], row["review_total"], row["review_passed"]) for row in rows}


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def streak(days: dict[date, Day], today: date) -> int:
    """Days in a row with at least one review, up to today (or yesterday, while today is still open)."""
    day = today if days.get(today) else today - timedelta(days=1)
    count = 0
    while days.get(day) and days[day].total:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass
class Summary:
    due_today: int
    reviewed_today: int
    streak: int
    cards: int


def summary(user, now: datetime) -> Summary:
    """The three figures the dashboard leads with (two queries)."""
    today = timezone.localdate(now)
    _start, end = day_bounds(now)
    cards = Card.objects.filter(user=user).aggregate(
        total=Count("pk"),
        due=Count("pk", filter=Q(due__lt=end, suspended=False, question__status=Question.Status.PUBLISHED)),
    )
    days = daily(user, today - timedelta(days=400))
    return Summary(
        due_today=cards["due"],
        reviewed_today=days.get(today, Day()).total,
        streak=streak(days, today),
        cards=cards["total"],
    )


def today(user, now: datetime) -> dict:
    """Due today and reviewed today, in one query (the site dashboard)."""
    start, end = day_bounds(now)

    def count(queryset):
        return Coalesce(Subquery(queryset.values("user").annotate(n=Count("pk")).values("n")), 0)

    return (
        User.objects.filter(pk=user.pk)
        .values(
            due=count(Card.objects.due_before(OuterRef("pk"), end)),
            reviewed=count(ReviewLog.objects.filter(user=OuterRef("pk"), reviewed_at__gte=start)),
        )
        .get()
    )


def forecast(user, now: datetime, days: int = 30) -> list[int]:
    """Cards falling due on each of the next `days` days; overdue ones count on today (counted per local
    day in the database: one row a day, not one a card)."""
    start, _end = day_bounds(now)
    counts = [0] * days
    per_day = (
        Card.objects.due_before(user, start + timedelta(days=days))
        .annotate(day=TruncDate("due", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    for day, n in per_day:
        counts[max(0, (day - start.date()).days)] += n
    return counts


@dataclass
class Period:
    label: str
    passed: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.passed / self.total) if self.total else None


def retention(days: dict[date, Day], today: date) -> list[Period]:
    """True retention: the pass rate of reviews of cards in the review state, over recent periods."""
    periods = [(_("Today"), 1), (_("Last 7 days"), 7), (_("Last 30 days"), 30), (_("Last 365 days"), 365)]
    result = []
    for label, length in periods:
        span = [days.get(today - timedelta(days=n), Day()) for n in range(length)]
        result.append(Period(label, sum(d.review_passed for d in span), sum(d.review_total for d in span)))
    return result


@dataclass
class DomainMastery:
    domain: ExamDomain
    cards: int = 0
    mastered: int = 0
    recall_sum: float = 0.0
    questions: int = 0

    @property
    def share(self) -> float:
        return self.mastered / self.cards if self.cards else 0.0


@dataclass
class ExamProgress:
    exam: Exam
    domains: list[DomainMastery] = field(default_factory=list)
    readiness: readiness.Readiness | None = None
    calibration: Calibration | None = None


@dataclass
class Calibration:
    offset: float
    exams: int
    note: str


def mock_exam_calibrations(user, *, decay: float) -> dict[int, Calibration]:
    """Per exam id: how far the learner's mock exam scores sat from what this model predicted.

    For each submitted mock exam (latest five per exam), the prediction is the mean recall of its
    scored questions at the moment it started: retrievability from the last review before the start,
    or the first-try accuracy of that moment for a question the learner had not reviewed yet (the
    exam's own answers never count towards its prediction). One query with no mock exams; four with
    some.
    """
    return mock_exam_calibrations_of({user.pk: decay}).get(user.pk, {})


def mock_exam_calibrations_of(decays: dict[int, float]) -> dict[int, dict[int, Calibration]]:
    """`mock_exam_calibrations` for many learners at once (user id -> their decay): per user id, per
    exam id. The same one or four queries however many learners (a class page reads its members)."""
    attempts = list(
        Attempt.objects.filter(
            user_id__in=decays, submitted_at__isnull=False, scored_total__gt=0, blueprint__exam__isnull=False
        )
        .order_by("-submitted_at")
        .values_list("pk", "user_id", "blueprint__exam_id", "started_at", "scored_right", "scored_total")
    )
    if not attempts:
        return {}
    latest: dict[tuple[int, int], list] = defaultdict(list)
    for row in attempts:
        if len(latest[row[1], row[2]]) < readiness.CALIBRATION_EXAMS:
            latest[row[1], row[2]].append(row)
    kept = [row for rows in latest.values() for row in rows]
    users = {row[1] for row in kept}
    questions: dict[int, list[int]] = defaultdict(list)
    for attempt_id, question_id in AttemptItem.objects.filter(
        attempt_id__in=[row[0] for row in kept], scored=True
    ).values_list("attempt_id", "question_id"):
        questions[attempt_id].append(question_id)
    last_start = max(row[3] for row in kept)
    history: dict[tuple[int, int], list[tuple[datetime, float]]] = defaultdict(list)
    for user_id, question_id, reviewed_at, stability in ReviewLog.objects.filter(
        card__question_id__in={q for qs in questions.values() for q in qs},
        user_id__in=users,
        reviewed_at__lt=last_start,
    ).values_list("user_id", "card__question_id", "reviewed_at", "stability"):
        history[user_id, question_id].append((reviewed_at, stability))
    # First tries before each exam began, counted in the database (one row per exam, not per card).
    tries = ReviewLog.objects.filter(
        user_id=OuterRef("user_id"), state_before=scheduling.NEW, reviewed_at__lt=OuterRef("started_at")
    )

    def count(logs):
        return Coalesce(Subquery(logs.order_by().values("user_id").annotate(n=Count("pk")).values("n")), 0)

    firsts = {
        pk: (passed, total)
        for pk, total, passed in Attempt.objects.filter(pk__in=[row[0] for row in kept]).values_list(
            "pk", count(tries), count(tries.exclude(rating=scheduling.AGAIN))
        )
    }

    def recall(user_id: int, question_id: int, at: datetime, new_accuracy: float) -> float:
        before = [entry for entry in history.get((user_id, question_id), ()) if entry[0] < at]
        if not before:
            return new_accuracy
        reviewed_at, stability = max(before)
        return scheduling.retrievability(
            stability=stability, last_review=reviewed_at, at=at, decay=decays[user_id]
        )

    result: dict[int, dict[int, Calibration]] = defaultdict(dict)
    for (user_id, exam_id), rows in latest.items():
        gaps, sizes = [], []
        for attempt_id, _user, _exam, started_at, right, total in rows:
            items = questions.get(attempt_id) or []
            if items:
                new = readiness.first_try_accuracy(*firsts[attempt_id])
                predicted = sum(recall(user_id, q, started_at, new) for q in items) / len(items)
                gaps.append(right / total - predicted)
                sizes.append(len(items))
        offset = readiness.calibration_offset(gaps, sizes)
        note = ngettext(
            "Calibrated on %(n)s mock exam: your scores ran %(gap)+d percentage points from the prediction.",
            "Calibrated on %(n)s mock exams: your scores ran %(gap)+d percentage points from the prediction.",
            len(gaps),
        ) % {"n": len(gaps), "gap": round(offset * 100)}
        result[user_id][exam_id] = Calibration(offset=offset, exams=len(gaps), note=note)
    return dict(result)


NOT_CALIBRATED = gettext_lazy("No mock exams yet: the estimate is not calibrated.")


def exams_progress(user, settings: ReviewSettings, now: datetime) -> list[ExamProgress]:
    """Mastery and readiness per exam and domain (four queries)."""
    domains = {
        d.pk: DomainMastery(d)
        for d in ExamDomain.objects.select_related("exam").order_by("exam__code", "number")
    }
    published = Question.objects.filter(status=Question.Status.PUBLISHED, current_version__isnull=False)
    for domain_id, count in published.values_list("domains").annotate(n=Count("pk")):
        if domain_id in domains:
            domains[domain_id].questions = count
    # Summed in the database, one row per domain (scheduling.is_mastered and .retrievability, in SQL).
    cards = (
        Card.objects.filter(user=user, question__domains__isnull=False)
        .values_list("question__domains")
        .annotate(
            cards=Count("pk"),
            mastered=Count("pk", filter=Q(stability__gte=scheduling.MASTERED_STABILITY)),
            recall=Sum(retrievability(now, {}, settings.decay)),
        )
    )
    for domain_id, count, mastered, recall in cards:
        entry = domains[domain_id]
        entry.cards, entry.mastered, entry.recall_sum = count, mastered, recall
    first = ReviewLog.objects.filter(user=user, state_before=scheduling.NEW).aggregate(
        total=Count("pk"), right=Count("pk", filter=~Q(rating=scheduling.AGAIN))
    )
    new_accuracy = readiness.first_try_accuracy(first["right"], first["total"])
    exams: dict[int, ExamProgress] = {}
    for entry in domains.values():
        exams.setdefault(entry.domain.exam_id, ExamProgress(entry.domain.exam)).domains.append(entry)
    calibrations = mock_exam_calibrations(user, decay=settings.decay)
    for progress in exams.values():
        progress.calibration = calibrations.get(
            progress.exam.pk, Calibration(offset=0.0, exams=0, note=str(NOT_CALIBRATED))
        )
        progress.readiness = readiness.estimate(
            [
                readiness.DomainInput(d.domain.number, d.domain.weight, d.questions, d.recall_sum, d.cards)
                for d in progress.domains
            ],
            scored=progress.exam.scored,
            pass_scaled=progress.exam.pass_scaled,
            new_accuracy=new_accuracy,
            offset=progress.calibration.offset,
        )
    return list(exams.values())


def topics_mastery(user) -> list[dict]:
    """Per topic: the learner's cards and how many are mastered (stability of 21 days or more)."""
    rows = (
        Card.objects.filter(user=user, question__topic__isnull=False)
        .values(
            "question__topic__slug",
            "question__topic__title_en",
            "question__topic__title_ko",
            "question__topic__order",
        )
        .annotate(
            cards=Count("pk"),
            mastered=Count("pk", filter=Q(stability__gte=scheduling.MASTERED_STABILITY)),
        )
        .order_by("question__topic__order")
    )
    return [
        {
            "slug": row["question__topic__slug"],
            "title_en": row["question__topic__title_en"],
            "title_ko": row["question__topic__title_ko"],
            "cards": row["cards"],
            "mastered": row["mastered"],
            "percent": round(100 * row["mastered"] / row["cards"]),
        }
        for row in rows
    ]


def leeches(user):
    return (
        Card.objects.filter(user=user, leech=True, suspended=True)
        .select_related("question__topic", "question__current_version")
        .order_by("-lapses")
    )


def counts_by_day(days: dict[date, Day]) -> dict[date, int]:
    return defaultdict(int, {day: entry.total for day, entry in days.items()})
