"""The instructors' custom blueprint form."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exams.models import Blueprint, scope_of
from quizzes.models import Question
from topics.models import Exam


class BlueprintForm(forms.ModelForm):
    """An exam an instructor defines: by topics, cases or exam domains (any of them), size and time."""

    class Meta:
        model = Blueprint
        fields = [
            "title_en", "title_ko", "exam", "topics", "cases", "domains", "questions", "minutes",
            "pass_scaled", "multiple_percent", "is_active",
        ]  # fmt: skip
        labels = {
            "title_en": gettext_lazy("Title (English)"),
            "title_ko": gettext_lazy("Title (Korean)"),
            "exam": gettext_lazy("Exam (optional: follow its domain weights)"),
            "topics": gettext_lazy("Topics"),
            "cases": gettext_lazy("Cases"),
            "domains": gettext_lazy("Exam domains"),
            "questions": gettext_lazy("Questions"),
            "minutes": gettext_lazy("Minutes"),
            "pass_scaled": gettext_lazy("Pass mark (100-1000)"),
            "multiple_percent": gettext_lazy("Multiple-response share (%)"),
            "is_active": gettext_lazy("Offered to learners"),
        }
        help_texts = {"topics": "", "cases": "", "domains": "", "multiple_percent": "", "is_active": ""}

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        title = f"title_{language}"
        self.fields["exam"].label_from_instance = lambda exam: exam.code
        self.fields["exam"].empty_label = _("No exam: questions of both exams")
        self.fields["topics"].label_from_instance = lambda topic: getattr(topic, title)
        self.fields["cases"].label_from_instance = lambda case: getattr(case, title)
        self.fields["domains"].queryset = self.fields["domains"].queryset.select_related("exam")
        self.fields["domains"].label_from_instance = lambda d: (
            f"{d.exam.code} · {d.number}. {getattr(d, title)}"
        )
        self.fields["pass_scaled"].initial = 720
        for name in ("topics", "cases", "domains"):
            self.fields[name].widget.attrs["size"] = 8

    def clean(self):
        cleaned = super().clean()
        exam, domains = cleaned.get("exam"), cleaned.get("domains") or []
        if exam and any(domain.exam_id != exam.pk for domain in domains):
            self.add_error("domains", _("Choose domains of the exam you picked, or no exam."))
            return cleaned
        if cleaned.get("questions"):
            available = self._available(cleaned)
            if available < cleaned["questions"]:
                self.add_error(
                    "questions",
                    _(
                        "The bank has %(n)s published questions in this scope: lower the count or widen the scope."
                    )
                    % {"n": available},
                )
        return cleaned

    @staticmethod
    def _available(cleaned) -> int:
        published = Question.objects.published()
        if cleaned.get("exam"):
            published = published.filter(domains__exam=cleaned["exam"])
        scope = scope_of(
            topics=[t.pk for t in cleaned.get("topics") or []],
            cases=[c.pk for c in cleaned.get("cases") or []],
            domains=[d.pk for d in cleaned.get("domains") or []],
        )
        if scope:
            published = published.filter(pk__in=Question.objects.filter(scope).values("pk"))
        return published.distinct().count()

    def save(self, commit=True):
        blueprint = super().save(commit=False)
        if not blueprint.slug:
            blueprint.slug = _free_slug(blueprint.title_en)
        blueprint.official = False
        if commit:
            blueprint.save()
            self.save_m2m()
        return blueprint


def _free_slug(title: str) -> str:
    base = "custom-" + (slugify(title)[:40].strip("-") or "exam")
    taken = set(Blueprint.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(Exam.objects.values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
