from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classes import scopes
from classes.models import MAX_SIZE, Classroom
from topics.models import Exam

SIZES = [(n, str(n)) for n in (5, 10, 15, 20, 25, MAX_SIZE)]


class DateInput(forms.DateInput):
    input_type = "date"


class ClassForm(forms.ModelForm):
    """Name, target exam and exam date of a class."""

    class Meta:
        model = Classroom
        fields = ["name", "exam", "exam_date"]
        widgets = {"exam_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exam"].queryset = Exam.objects.order_by("code")
        self.fields["exam"].empty_label = None
        self.fields["exam"].label_from_instance = lambda exam: exam.code
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())  # blank is refused as required already

    def clean_exam(self):
        exam = self.cleaned_data["exam"]
        classroom = self.instance
        if classroom.pk and exam != classroom.exam and classroom.assignments.exists():
            raise forms.ValidationError(
                _("The class has assignments from %(exam)s, so its exam stays %(exam)s.")
                % {"exam": classroom.exam.code}
            )
        return exam

    def clean_exam_date(self):
        exam_date = self.cleaned_data["exam_date"]
        if exam_date < timezone.localdate():
            raise forms.ValidationError(_("The exam date is in the past."))
        return exam_date


class AssignmentForm(forms.Form):
    """What the class practises (one list, grouped by kind of scope), how many questions, and by when."""

    what = forms.ChoiceField(label=_("What to practise"))
    size = forms.TypedChoiceField(label=_("Questions"), choices=SIZES, coerce=int, initial=10)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)

    def __init__(self, *args, classroom: Classroom, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.classroom = classroom
        self.fields["what"].choices = [("", "—"), *scopes.choices(classroom.exam, language)]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        return due_on
