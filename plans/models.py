"""A learner's study plan: the exam they aim at and the time they give it each day.

The exam date lives in the review settings (`reviews.ReviewSettings.exam_date`, where the progress
page counts down to it) and the language on the profile; the plan reads them rather than keeping
copies. What to read on which day is worked out from these when the plan is shown (plans/planner.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from topics.models import Exam

MIN_MINUTES, MAX_MINUTES = 10, 480


class StudyPlan(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="study_plan"
    )
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="+", verbose_name=_("target exam"))
    minutes_per_day = models.PositiveSmallIntegerField(_("minutes per day"))
    # The day the plan was made or last changed: "behind" compares progress with the plan as of then.
    started_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes_per_day__gte=MIN_MINUTES, minutes_per_day__lte=MAX_MINUTES),
                name="study_plan_minutes_range",
            ),
        ]

    def __str__(self):
        return f"Plan of {self.user_id} for {self.exam_id}"
