"""Who has done which assignment, and how they scored: read in one query for a whole class."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from classes.models import Assignment, AssignmentWork


@dataclass(frozen=True)
class Work:
    """A member's quiz for an assignment, as far as they got."""

    quiz_code: str
    size: int
    answered: int
    right: int
    finished_at: datetime | None

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.size) if self.size else 0

    def late(self, due_on: date) -> bool:
        return self.done and timezone.localdate(self.finished_at) > due_on


def works(**filters) -> dict[tuple[int, int], Work]:
    """Works by (assignment id, membership id), for e.g. `assignment__classroom=...` or `membership=...`."""
    rows = (
        AssignmentWork.objects.filter(**filters)
        .annotate(
            answered=Count("practice_quiz__items", filter=Q(practice_quiz__items__answer__isnull=False)),
            right=Count("practice_quiz__items", filter=Q(practice_quiz__items__answer__is_correct=True)),
        )
        .values_list(
            "assignment_id",
            "membership_id",
            "practice_quiz__code",
            "practice_quiz__size",
            "answered",
            "right",
            "practice_quiz__finished_at",
        )
    )
    return {
        (a, m): Work(str(code), size, answered, right, at) for a, m, code, size, answered, right, at in rows
    }


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
