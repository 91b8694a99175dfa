"""What the site dashboard shows of a learner's classes: their open assignments (studyapp calls this).

One query when the learner is in no class, three otherwise, however many classes and assignments."""

from __future__ import annotations

from classes.assignments import Row, works
from classes.models import Assignment, Membership

SHOWN = 5  # open assignments listed on the dashboard; the class pages list them all


def for_learner(user) -> dict | None:
    """The learner's classes and their assignments still to do (soonest due first); None when in no class."""
    memberships = {
        m.classroom_id: m for m in Membership.objects.filter(user=user).select_related("classroom")
    }
    if not memberships:
        return None
    found = works(membership__user=user)
    rows = []
    for assignment in Assignment.objects.filter(classroom_id__in=memberships).order_by(
        "due_on", "created_at"
    ):
        membership = memberships[assignment.classroom_id]
        row = Row(assignment, found.get((assignment.pk, membership.pk)))
        if not (row.work and row.work.done):
            row.classroom = membership.classroom
            rows.append(row)
    return {
        "memberships": list(memberships.values()),
        "open": rows[:SHOWN],
        "more": max(0, len(rows) - SHOWN),
    }
