from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import (
    MAX_NEW_PER_DAY,
    MAX_RETENTION,
    MAX_REVIEWS_PER_DAY,
    MIN_RETENTION,
    MIN_REVIEWS_PER_DAY,
    ReviewSettings,
)

RETENTION_RANGE = _("Desired retention must be between 0.70 and 0.97 (for example 0.90).")
# The limits are spelled out in the messages (lazy strings cannot be %-formatted at import time).
NEW_RANGE = _("New cards per day must be a whole number from 0 to 200.")
REVIEWS_RANGE = _("Maximum reviews per day must be a whole number from 10 to 2000.")


def range_messages(message) -> dict:
    """A number field's error messages, all one sentence that says the whole allowed range."""
    return dict.fromkeys(("min_value", "max_value", "invalid", "required"), message)


class ReviewSettingsForm(forms.ModelForm):
    """The learner's review settings; the same ranges as the database constraints, said plainly."""

    desired_retention = forms.FloatField(
        label=_("Desired retention"),
        min_value=MIN_RETENTION,
        max_value=MAX_RETENTION,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": MIN_RETENTION, "max": MAX_RETENTION}),
        error_messages=range_messages(RETENTION_RANGE),
        help_text=_("The share of cards you want to still remember when they come back."),
    )
    new_cards_per_day = forms.IntegerField(
        label=_("New cards per day"),
        min_value=0,
        max_value=MAX_NEW_PER_DAY,
        error_messages=range_messages(NEW_RANGE),
        help_text=_("Questions you have never met, added to a review session each day."),
    )
    max_reviews_per_day = forms.IntegerField(
        label=_("Maximum reviews per day"),
        min_value=MIN_REVIEWS_PER_DAY,
        max_value=MAX_REVIEWS_PER_DAY,
        error_messages=range_messages(REVIEWS_RANGE),
        help_text=_("Due cards beyond this wait for the next day (the least remembered come first)."),
    )
    exam_date = forms.DateField(
        label=_("Exam date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the exam date as YYYY-MM-DD.")},
        help_text=_("Optional. The progress page counts down to it."),
    )

    class Meta:
        model = ReviewSettings
        fields = ["desired_retention", "new_cards_per_day", "max_reviews_per_day", "exam_date"]

    def clean_exam_date(self):
        exam_date = self.cleaned_data["exam_date"]
        if exam_date and exam_date < timezone.localdate():
            raise forms.ValidationError(
                _("The exam date is in the past. Choose today or a later day, or leave it empty.")
            )
        return exam_date
