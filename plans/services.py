"""Writes of the plans app: saving a study plan, and deleting a learner's account with everything of it."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from plans.models import StudyPlan
from reviews.models import ReviewSettings
from topics.models import Exam


@transaction.atomic
def save_plan(
    *, user, exam: Exam, exam_date: date, language: str, minutes_per_day: int, today: date
) -> StudyPlan:
    """Save the plan; the exam date goes to the review settings and the language to the profile
    (one place each). A changed plan starts again today, so "behind" measures from the change."""
    plan = StudyPlan.objects.select_for_update().filter(user=user).first()
    settings = ReviewSettings.objects.select_for_update().filter(user=user).first() or ReviewSettings(
        user=user
    )
    changed = (
        plan is None
        or plan.exam_id != exam.pk
        or plan.minutes_per_day != minutes_per_day
        or settings.exam_date != exam_date
    )
    if plan is None:
        plan = StudyPlan(user=user)
    plan.exam = exam
    plan.minutes_per_day = minutes_per_day
    if changed:
        plan.started_on = today
    plan.save()
    if settings.exam_date != exam_date or settings._state.adding:
        settings.exam_date = exam_date
        settings.save()
    profile = user.get_profile()
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
    return plan


@transaction.atomic
def delete_account(*, user) -> dict[str, int]:
    """Delete the user and every row of theirs (answers, attempts, cards, reviews, memberships, plan...).

    Every model that points at a user cascades, except what the learner wrote for others (an
    instructor's question versions), which keeps its text and loses its author (SET_NULL): it is then
    credited to "a removed user". Returns the rows deleted per model, for the log."""
    _count, per_model = get_user_model().objects.filter(pk=user.pk).delete()
    return per_model
