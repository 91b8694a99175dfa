from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from quizzes.models import ProblemReport, Question, Scope
from topics.models import Case, ExamDomain, Service, TaskStatement, Topic

SIZES = [(n, str(n)) for n in (5, 10, 15, 20, 25, 30)]
# The scopes a learner picks on the practice page, and the field that names the target of each.
TARGET_FIELD = {
    "mixed": "exam",
    "topic": "topic",
    "case": "case",
    "domain": "domain",
    "task": "task",
    "service": "service",
}
SCOPE_LABELS = {
    "mixed": _("Mixed"),
    "topic": _("A topic"),
    "case": _("An architecture case"),
    "domain": _("An exam domain"),
    "task": _("A task statement"),
    "service": _("An AWS service"),
}


class PracticeStartForm(forms.Form):
    """What to practise: one scope at a time, chosen on the page, and its one list.

    Only the chosen scope's list exists in the form, so a learner can never pick a topic while
    another scope stays selected. Every list comes from the database: a tampered value is refused."""

    scope = forms.ChoiceField(choices=list(SCOPE_LABELS.items()), widget=forms.HiddenInput)
    size = forms.TypedChoiceField(choices=SIZES, coerce=int, initial=10, label=_("Questions"))

    def __init__(self, *args, scope: str = "mixed", language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = scope if scope in TARGET_FIELD else "mixed"
        self.empty_task = ""  # the title of a task statement asked for that has no questions yet
        self.fields["scope"].initial = self.kind
        name = self.target_name = TARGET_FIELD[self.kind]
        self.fields[name] = forms.ChoiceField(
            required=self.kind != "mixed", label=self._label(), choices=self._choices(language)
        )
        self.order_fields(["scope", name, "size"])

    def _label(self):
        return {
            "mixed": _("Exam"),
            "topic": _("Topic"),
            "case": _("Architecture case"),
            "domain": _("Exam domain"),
            "task": _("Task statement"),
            "service": _("AWS service"),
        }[self.kind]

    def _choices(self, language: str) -> list[tuple[str, str]]:
        title = f"title_{language}"
        if self.kind == "topic":
            return [("", "—")] + [(t.slug, getattr(t, title)) for t in Topic.objects.only("slug", title)]
        if self.kind == "case":
            return [("", "—")] + [(c.slug, getattr(c, title)) for c in Case.objects.only("slug", title)]
        if self.kind == "task":
            return [("", "—"), *self._task_groups(language)]
        if self.kind == "service":
            services = Service.objects.filter(questions__isnull=False).distinct().only("slug", "name")
            return [("", "—")] + [(s.slug, s.name) for s in services]
        domains = list(ExamDomain.objects.select_related("exam").order_by("exam__code", "number"))
        if self.kind == "domain":
            return [("", "—")] + [
                (f"{d.exam.code}:{d.number}", f"{d.exam.code} · {d.number}. {getattr(d, title)}")
                for d in domains
            ]
        return [("", _("Both exams"))] + [
            (code, code) for code in dict.fromkeys(d.exam.code for d in domains)
        ]

    def _task_groups(self, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """Task statements with published questions, grouped by exam and domain, in one query.

        A task statement without questions is left out of the list; `self.empty_task` keeps its title
        when the page was opened for it (a "Practise" link), so the page can say why it is not there."""
        title = f"title_{language}"
        tasks = TaskStatement.objects.select_related("domain__exam").annotate(
            has_questions=Exists(Question.objects.published().filter(tasks=OuterRef("pk")))
        )
        wanted = self.initial.get("task", "")
        groups: dict[str, list[tuple[str, str]]] = {}
        for task in tasks:
            domain, code = task.domain, task.domain.exam.code
            label = f"{task.code} {getattr(task, title) or task.title_en}"
            if not task.has_questions:
                if f"{code}:{task.code}" == wanted:
                    self.empty_task = f"{code} · {label}"
                continue
            group = f"{code} · {domain.number}. {getattr(domain, title)}"
            groups.setdefault(group, []).append((f"{code}:{task.code}", label))
        return list(groups.items())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") and cleaned["scope"] != self.kind:
            raise forms.ValidationError(_("Choose what to practise."))
        target = cleaned.get(self.target_name, "")
        if self.kind != "mixed" and not target:
            self.add_error(self.target_name, _("Choose what to practise."))
            return cleaned
        try:
            cleaned["scope_object"] = Scope.resolve(self.kind, target)
        except LookupError:
            self.add_error(self.target_name, _("Choose what to practise."))
        return cleaned


def scopes_for_page(current: str) -> list[dict]:
    """The scope tabs at the top of the practice form."""
    return [
        {"kind": kind, "label": label, "current": kind == current} for kind, label in SCOPE_LABELS.items()
    ]


class ProblemReportForm(forms.Form):
    """What a learner says is wrong with a question, and which version they saw."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=ProblemReport.Kind.choices,
        widget=forms.RadioSelect,
        label=_("What is wrong?"),
        error_messages={"required": _("Choose what is wrong.")},
    )
    message = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea({"rows": 3}), label=_("Details (optional)")
    )
