from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import MAX_MINUTES, MIN_MINUTES
from reviews.forms import range_messages
from topics.models import Exam

MINUTES_RANGE = _("Minutes per day must be a whole number from 10 to 480.")
MAX_DAYS_AHEAD = 730


class ExamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.code


class PlanForm(forms.Form):
    """Target exam, exam date, language and minutes a day; the same limits as the database, said plainly."""

    exam = ExamChoiceField(
        label=_("Target exam"),
        queryset=Exam.objects.order_by("code"),
        to_field_name="code",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the exam you are preparing for."),
            "invalid_choice": _("Choose one of the exams listed."),
        },
    )
    exam_date = forms.DateField(
        label=_("Exam date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _(
                "Enter your exam date (YYYY-MM-DD). If it is not booked yet, pick the day you aim for."
            ),
            "invalid": _("Enter the exam date as YYYY-MM-DD."),
        },
        help_text=_(
            "The day you sit the exam, or the day you aim for. Your review settings use the same date."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        # Each language in its own name, as the header's switch shows them.
        choices=[("en", "English"), ("ko", "한국어")],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the language you study in."),
            "invalid_choice": _("Choose English or Korean."),
        },
        help_text=_("Notes and questions are shown in this language; the other one is a click away."),
    )
    minutes_per_day = forms.IntegerField(
        label=_("Minutes per day"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        widget=forms.NumberInput(attrs={"step": 5}),
        error_messages=range_messages(MINUTES_RANGE),
        help_text=_("Time you can study on a usual day: reading, practice and reviews together."),
    )

    def clean_exam_date(self):
        exam_date = self.cleaned_data["exam_date"]
        today = timezone.localdate()
        if exam_date <= today:
            raise forms.ValidationError(_("The exam date must be after today."))
        if exam_date > today + timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("The exam date must be within two years from today."))
        return exam_date


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["password"]
        field.widget.attrs["autocomplete"] = "current-password"
        field.error_messages["required"] = _("Enter your password to delete your account.")

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."))
        return password
