"""What an assignment draws from, inside the class's exam. A practice set: the whole exam, a domain, a
task statement or a topic; one form value names each ("task:SAA-C03:2.1") and `resolve` turns it into
the practice quiz's scope (quizzes.models.Scope), refusing anything outside the exam. A mock exam: the
exam's official blueprint or a custom one for that exam (or for both exams), "blueprint:<slug>"."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from exams.models import Blueprint
from quizzes.models import Question, Scope
from topics.models import Exam, ExamDomain, TaskStatement, Topic


def exam_topics(exam: Exam):
    """Topics that serve the exam: placed in one of its domains or teaching one of its task statements."""
    return Topic.objects.filter(Q(placements__domain__exam=exam) | Q(tasks__domain__exam=exam)).distinct()


def blueprints(exam: Exam):
    """Custom blueprints a class preparing for `exam` may sit: those of its exam, and those of no exam."""
    return Blueprint.objects.custom().filter(Q(exam=exam) | Q(exam__isnull=True)).order_by("title_en")


def resolve_blueprint(exam: Exam, value: str) -> Blueprint:
    """The blueprint a "blueprint:<slug>" value names; LookupError when the class may not sit it."""
    kind, _colon, slug = value.partition(":")
    if kind == "blueprint" and slug == exam.slug:
        return Blueprint.official_for(exam)
    blueprint = blueprints(exam).filter(slug=slug).first() if kind == "blueprint" else None
    if blueprint is None:
        raise LookupError(f"no mock exam {value!r} for {exam.code}")
    return blueprint


def choices(exam: Exam, language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The grouped options of the "what to assign" list (four queries)."""
    title = f"title_{language}"
    domains = list(ExamDomain.objects.filter(exam=exam).order_by("number"))
    tasks = (
        TaskStatement.objects.filter(domain__exam=exam)
        .select_related("domain")
        .order_by("domain__number", "code")
    )
    topics = exam_topics(exam).only("slug", "title_en", "title_ko").order_by("order", "slug")
    return [
        (_("Whole exam"), [(f"exam:{exam.code}", _("%(exam)s: every domain") % {"exam": exam.code})]),
        (
            _("Exam domains"),
            [
                (f"domain:{exam.code}:{d.number}", f"{d.number}. {getattr(d, title) or d.title_en}")
                for d in domains
            ],
        ),
        (
            _("Task statements"),
            [(f"task:{exam.code}:{t.code}", f"{t.code} {getattr(t, title) or t.title_en}") for t in tasks],
        ),
        (_("Topics"), [(f"topic:{t.slug}", getattr(t, title) or t.title_en) for t in topics]),
        (
            _("Mock exams"),
            [(f"blueprint:{exam.slug}", _("%(exam)s: the full mock exam") % {"exam": exam.code})]
            + [(f"blueprint:{b.slug}", getattr(b, title) or b.title_en) for b in blueprints(exam)],
        ),
    ]


def resolve(exam: Exam, value: str) -> tuple[str, str, Scope]:
    """(scope kind, target, quiz scope) for a form value; LookupError when it is not part of `exam`."""
    kind, _colon, target = value.partition(":")
    if kind == "exam" and target == exam.code:
        return kind, target, Scope.resolve("mixed", exam.code)
    if kind == "domain" and target.startswith(f"{exam.code}:"):
        return kind, target, Scope.resolve("domain", target)
    if kind == "task" and target.startswith(f"{exam.code}:"):
        return kind, target, Scope.resolve("task", target)
    if kind == "topic" and exam_topics(exam).filter(slug=target).exists():
        return kind, target, Scope.resolve("topic", target)
    raise LookupError(f"nothing to practise for {value!r} in {exam.code}")


def has_questions(scope: Scope) -> bool:
    return Question.objects.published().filter(scope.filters).exists()
