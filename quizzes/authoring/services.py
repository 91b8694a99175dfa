"""Writes of the authoring pages: saving a question (a new version when its content changed), and
publishing or retiring questions in bulk. Every instructor write makes the question the app's: content/
no longer overwrites or retires it (quizzes.bank.FROM_CONTENT)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from quizzes.authoring.drafts import Draft, Problem, publish_problems, with_choice_ids
from quizzes.models import ProblemReport, Question, QuestionVersion
from topics.models import Case, ExamDomain, Topic


class NotPublishable(Exception):
    """The content misses what a published question needs; `problems` says what."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class Links:
    """What a question is tagged with, outside its versioned content."""

    topic: Topic | None = None
    case: Case | None = None
    domains: list[ExamDomain] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _add_version(question: Question, draft: Draft, *, author, note: str) -> QuestionVersion:
    number = (question.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return QuestionVersion.objects.create(
        question=question,
        number=number,
        digest=draft.digest(),
        stem_en=draft.stem_en,
        stem_ko=draft.stem_ko,
        explanation_en=draft.explanation_en,
        explanation_ko=draft.explanation_ko,
        choices=draft.choices,
        figure=draft.figure,
        sources=draft.sources,
        author=author,
        written_in_app=True,
        note=note,
    )


@transaction.atomic
def save_question(
    *,
    question: Question | None,
    draft: Draft,
    links: Links,
    status: str,
    author,
    note: str = "",
    key: str = "",
    origin: str = Question.Origin.AUTHORED,
) -> Question:
    """Create or update a question. A change of content adds a version (the old ones stay, with every
    answer given to them); a published question must pass the publishing checks (NotPublishable).
    `key` and `origin` are for a new question (default: an "app:" key, authored)."""
    draft.choices = with_choice_ids(draft.choices)
    if status == Question.Status.PUBLISHED and (problems := publish_problems(draft)):
        raise NotPublishable(problems)
    if question is None:
        code = uuid.uuid4()
        question = Question(code=code, key=key or f"app:{code}", origin=origin)
    else:
        question = Question.objects.select_for_update().get(pk=question.pk)
    current = question.current_version if question.current_version_id else None
    changed = current is None or current.digest != draft.digest()
    question.kind, question.choose = draft.kind, draft.choose
    question.status, question.app_owned = status, True
    question.topic, question.case, question.tags = links.topic, links.case, links.tags
    if changed and question.origin == Question.Origin.GENERATED:
        question.origin = Question.Origin.AUTHORED  # a person's wording now
    question.save()
    if changed:
        question.current_version = _add_version(question, draft, author=author, note=note)
        question.save(update_fields=["current_version"])
    question.domains.set(links.domains)
    return question


@dataclass
class StatusChange:
    changed: int = 0
    refused: list[tuple[Question, list[Problem]]] = field(default_factory=list)


@transaction.atomic
def set_status(*, codes: list[str], status: str) -> StatusChange:
    """Publish or retire the questions with these codes; a question whose current content cannot be
    published is left as it is and reported with its problems."""
    result = StatusChange()
    questions = Question.objects.select_for_update(of=("self",)).select_related("current_version")
    for question in questions.filter(code__in=codes):
        if question.status == status:
            continue
        if status == Question.Status.PUBLISHED:
            version = question.current_version
            problems = (
                publish_problems(Draft.of_version(version, kind=question.kind, choose=question.choose))
                if version
                else [Problem("stem", "stem_missing", {"language": "en"})]
            )
            if problems:
                result.refused.append((question, problems))
                continue
        question.status, question.app_owned = status, True
        question.save(update_fields=["status", "app_owned", "updated_at"])
        result.changed += 1
    return result


class AlreadyResolved(Exception):
    """Someone resolved the report meanwhile (another tab, another instructor)."""


@transaction.atomic
def resolve_report(*, code, by, resolution: str) -> ProblemReport:
    """Close a learner's problem report, recording what was done (ProblemReport.DoesNotExist if unknown)."""
    report = ProblemReport.objects.select_for_update().get(code=code)
    if report.resolved_at is not None:
        raise AlreadyResolved(code)
    report.resolved_at, report.resolved_by, report.resolution = timezone.now(), by, resolution
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return report
