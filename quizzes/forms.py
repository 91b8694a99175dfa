from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quizzes.models import PracticeQuiz
from quizzes.services import Scope
from topics.models import Case, ExamDomain, Service, Topic

SIZES = [(n, str(n)) for n in (5, 10, 15, 20, 25, 30)]


class PracticeStartForm(forms.Form):
    """What to practise. Every choice list comes from the database, so a tampered value is rejected."""

    scope = forms.ChoiceField(
        choices=PracticeQuiz.Scope.choices, initial=PracticeQuiz.Scope.MIXED, widget=forms.RadioSelect
    )
    exam = forms.ChoiceField(required=False, label=_("Exam"))
    topic = forms.ChoiceField(required=False, label=_("Topic"))
    case = forms.ChoiceField(required=False, label=_("Architecture case"))
    domain = forms.ChoiceField(required=False, label=_("Exam domain"))
    service = forms.ChoiceField(required=False, label=_("AWS service"))
    size = forms.TypedChoiceField(choices=SIZES, coerce=int, initial=10, label=_("Questions"))

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        title = f"title_{language}"
        self.fields["scope"].choices = [
            ("mixed", _("Mixed")),
            ("topic", _("A topic")),
            ("case", _("An architecture case")),
            ("domain", _("An exam domain")),
            ("service", _("An AWS service")),
        ]
        self.fields["topic"].choices = [("", "—")] + [
            (t.slug, getattr(t, title)) for t in Topic.objects.only("slug", title)
        ]
        self.fields["case"].choices = [("", "—")] + [
            (c.slug, getattr(c, title)) for c in Case.objects.only("slug", title)
        ]
        domains = list(ExamDomain.objects.select_related("exam").order_by("exam__code", "number"))
        self.fields["exam"].choices = [("", _("Both exams"))] + [
            (code, code) for code in dict.fromkeys(d.exam.code for d in domains)
        ]
        self.fields["domain"].choices = [("", "—")] + [
            (f"{d.exam.code}:{d.number}", f"{d.exam.code} · {d.number}. {getattr(d, title)}") for d in domains
        ]
        self.fields["service"].choices = [("", "—")] + [
            (s.slug, s.name)
            for s in Service.objects.filter(questions__isnull=False).distinct().only("slug", "name")
        ]

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope in ("topic", "case", "domain", "service") and not cleaned.get(scope):
            self.add_error(scope, _("Choose what to practise."))
        return cleaned

    def scope_object(self) -> Scope:
        data = self.cleaned_data
        kind = data["scope"]
        if kind == "topic":
            topic = Topic.objects.get(slug=data["topic"])
            return Scope(
                kind, topic.slug, topic.title_en, topic.title_ko, Q(topic=topic) | Q(case__topics=topic)
            )
        if kind == "case":
            case = Case.objects.get(slug=data["case"])
            return Scope(kind, case.slug, case.title_en, case.title_ko, Q(case=case))
        if kind == "domain":
            code, number = data["domain"].split(":")
            domain = ExamDomain.objects.select_related("exam").get(exam__code=code, number=int(number))
            return Scope(
                kind,
                data["domain"],
                f"{code} · {domain.title_en}",
                f"{code} · {domain.title_ko}",
                Q(domains=domain),
            )
        if kind == "service":
            service = Service.objects.get(slug=data["service"])
            return Scope(kind, service.slug, service.name, service.name, Q(services=service))
        exam = data.get("exam")
        if exam:
            return Scope(kind, exam, f"Mixed · {exam}", f"종합 · {exam}", Q(domains__exam__code=exam))
        return Scope(kind, "", "Mixed", "종합", Q())
