"""Who has done which assignment, and how they scored: read in one query for a whole class."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from classes.models import Assignment, AssignmentWork


@dataclass(frozen=True)
class Work:
    """A member's quiz or mock exam for an assignment, as far as they got.

    For a mock exam `right` and `size` count the scored items, and `scaled` and `passed` are its result."""

    url: str
    size: int
    answered: int | None  # None for a mock exam in progress (its answers are not counted here)
    right: int
    finished_at: datetime | None
    scaled: int | None = None
    passed: bool | None = None

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.size) if self.size else 0

    @property
    def score(self) -> int:
        """What an assignment's average is taken of: the scaled score of a mock exam, else the percent."""
        return self.scaled if self.scaled is not None else self.percent

    def late(self, due_on: date) -> bool:
        return self.done and timezone.localdate(self.finished_at) > due_on


WORK_FIELDS = (
    "assignment_id", "membership_id", "answered", "right",
    "practice_quiz__code", "practice_quiz__size", "practice_quiz__finished_at",
    "attempt__code", "attempt__size", "attempt__submitted_at", "attempt__scored_total",
    "attempt__scored_right", "attempt__scaled", "attempt__passed",
)  # fmt: skip


def works(**filters) -> dict[tuple[int, int], Work]:
    """Works by (assignment id, membership id), for e.g. `assignment__classroom=...` or `membership=...`.

    One query: practice quizzes count their answered and right items; attempts carry their result."""
    rows = (
        AssignmentWork.objects.filter(**filters)
        .annotate(
            answered=Count("practice_quiz__items", filter=Q(practice_quiz__items__answer__isnull=False)),
            right=Count("practice_quiz__items", filter=Q(practice_quiz__items__answer__is_correct=True)),
        )
        .values(*WORK_FIELDS)
    )
    found = {}
    for row in rows:
        key = (row["assignment_id"], row["membership_id"])
        if row["attempt__code"] is None:
            found[key] = Work(
                reverse("quizzes:practice-quiz", args=[row["practice_quiz__code"]]),
                row["practice_quiz__size"],
                row["answered"],
                row["right"],
                row["practice_quiz__finished_at"],
            )
        else:
            found[key] = Work(
                reverse("exams:attempt", args=[row["attempt__code"]]),
                row["attempt__scored_total"] or row["attempt__size"],
                None,
                row["attempt__scored_right"] or 0,
                row["attempt__submitted_at"],
                row["attempt__scaled"],
                row["attempt__passed"],
            )
    return found


@dataclass
class Row:
    """An assignment with one member's work on it (None: not started)."""

    assignment: Assignment
    work: Work | None

    @property
    def late(self) -> bool:
        return self.work is not None and self.work.late(self.assignment.due_on)

    @property
    def overdue(self) -> bool:
        return not (self.work and self.work.done) and self.assignment.due_on < timezone.localdate()


def rows_for_member(membership, assignments) -> list[Row]:
    found = works(membership=membership)
    return [Row(a, found.get((a.pk, membership.pk))) for a in assignments]
