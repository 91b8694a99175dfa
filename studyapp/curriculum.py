"""The curriculum pipeline: read -> validate -> load -> generate -> sync.

`load_content`, `generate_questions` and `content_stats` are thin commands over these functions.
Every failure becomes `PipelineFailed` with one line per problem (`file:line: what is wrong`),
raised before anything is written, so a bad file loads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q

from quizzes.bank import SyncReport, question_stats, sync_questions
from quizzes.generator import Generated
from quizzes.generator import generate as generate_questions
from quizzes.models import Question
from quizzes.quality import quality_stats
from topics.content import ContentInvalid, Curriculum, read_curriculum
from topics.loading import LoadReport, Progress, load_curriculum
from topics.models import Case, Exam, Fact, TaskStatement, Topic


class PipelineFailed(Exception):
    """The content cannot be loaded; `lines` says where and why, one problem per line."""

    def __init__(self, summary: str, lines: list[str]):
        self.lines = lines
        super().__init__(summary)


@dataclass
class Loaded:
    content: LoadReport
    questions: SyncReport

    @property
    def changed(self) -> bool:
        return self.content.changed or self.questions.changed


def read(path: Path) -> Curriculum:
    """Read and validate every file; every problem is reported at once."""
    try:
        return read_curriculum(path)
    except ContentInvalid as invalid:
        raise PipelineFailed(
            f"{len(invalid.errors)} problem(s) found; nothing was loaded.", [str(e) for e in invalid.errors]
        ) from None


def generate(curriculum: Curriculum, seed: int = 0) -> Generated:
    """Generate the question bank; content that makes an invalid question stops the pipeline."""
    generated = generate_questions(curriculum, seed=seed)
    if generated.fatal:
        raise PipelineFailed(
            "Content makes invalid questions; nothing was loaded.",
            [f"{r.question.source_ref}: {r.question.key}: {'; '.join(r.reasons)}" for r in generated.fatal],
        )
    if generated.problems:
        raise PipelineFailed("The question bank gives answers away; nothing was loaded.", generated.problems)
    return generated


@transaction.atomic
def load(curriculum: Curriculum, generated: Generated, progress: Progress | None = None) -> Loaded:
    """Write the curriculum and its questions in one transaction."""
    return Loaded(load_curriculum(curriculum, progress=progress), sync(generated))


@transaction.atomic
def sync(generated: Generated) -> SyncReport:
    """Upsert the questions by stable key: changed wording becomes a new version, vanished keys retire."""
    return sync_questions(generated.questions)


COVERAGE_START = "<!-- task-statements:start (written by: manage.py content_stats --write-coverage) -->"
COVERAGE_END = "<!-- task-statements:end -->"


def coverage_markdown(curriculum: Curriculum) -> str:
    """The task-statement map of COVERAGE.md: for every task statement of both guides, the topics that
    teach it and the cases and hand-written items that serve it, read from the content files."""
    lines = [
        "## Task statements and the topics that teach them",
        "",
        "Every task statement of both exam guides, with the topics (`tasks:` in topic.yaml), cases (a requirement's",
        "`tasks:`) and hand-written questions that serve it. Generated from the content files; do not edit by hand.",
    ]
    for exam in sorted(curriculum.exams.values(), key=lambda e: e.code):
        lines += [
            "",
            f"### {exam.code}",
            "",
            "| Task | Title | Topics | Cases | Written questions |",
            "|---|---|---|---|---|",
        ]
        for domain in exam.domains:
            for task in domain.tasks:
                topics = sorted(
                    t.slug for t in curriculum.topics.values() if task.code in t.tasks.get(exam.code, [])
                )
                cases = sorted(
                    c.slug
                    for c in curriculum.cases.values()
                    if any(r.tasks.get(exam.code) == task.code for r in c.requirements)
                )
                written = sum(1 for q in curriculum.questions.values() if q.tasks.get(exam.code) == task.code)
                lines.append(
                    f"| {task.code} | {task.title.en} | {', '.join(topics) or '—'} | {', '.join(cases) or '—'} | {written} |"
                )
    return "\n".join(lines) + "\n"


def write_coverage(path: Path, curriculum: Curriculum) -> bool:
    """Replace the task-statement section of COVERAGE.md; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    section = f"{COVERAGE_START}\n{coverage_markdown(curriculum)}{COVERAGE_END}"
    if COVERAGE_START in text:
        start, end = text.index(COVERAGE_START), text.index(COVERAGE_END) + len(COVERAGE_END)
        new = text[:start] + section + text[end:]
    else:
        new = text.rstrip("\n") + "\n\n" + section + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def stats() -> dict:
    """The counts a content reviewer checks (`content_stats`), read from the database."""

    def complete(language: str) -> int:
        empty = (
            Q(**{f"title_{language}": ""}) | Q(**{f"summary_{language}": ""}) | Q(**{f"body_{language}": ""})
        )
        return Topic.objects.exclude(empty).count()

    cases = list(Case.objects.only("svg_en", "svg_ko", "requirements"))
    return {
        "topics": {
            "total": Topic.objects.count(),
            "complete_ko": complete("ko"),
            "complete_en": complete("en"),
        },
        "facts": {
            "total": Fact.objects.count(),
            "with_source": Fact.objects.exclude(source="").count(),
            "with_as_of": Fact.objects.filter(as_of__isnull=False).count(),
        },
        "cases": {
            "total": len(cases),
            "with_diagram": sum(1 for case in cases if "<svg" in case.svg_en and "<svg" in case.svg_ko),
            "requirements": sum(len(case.requirements) for case in cases),
        },
        "blueprints": [
            {
                "slug": exam.slug,
                "questions": exam.questions,
                "minutes": exam.minutes,
                "pass_scaled": exam.pass_scaled,
                "domain_weights": {str(d.number): d.weight for d in exam.domains.all()},
            }
            for exam in Exam.objects.prefetch_related("domains")
        ],
        "questions": question_stats(),
        "quality": quality_stats(),
        "task_statements": task_statement_stats(),
    }


def task_statement_stats() -> dict[str, list[dict]]:
    """Per exam, every task statement with how many topics, cases and published questions serve it."""
    statements = (
        TaskStatement.objects.select_related("domain__exam")
        .annotate(
            topic_count=Count("topics", distinct=True),
            case_count=Count("cases", distinct=True),
            question_count=Count(
                "questions",
                filter=Q(
                    questions__status=Question.Status.PUBLISHED, questions__current_version__isnull=False
                ),
                distinct=True,
            ),
        )
        .order_by("domain__exam__code", "domain__number", "code")
    )
    result: dict[str, list[dict]] = {}
    for task in statements:
        result.setdefault(task.domain.exam.code, []).append(
            {
                "number": task.code,
                "title": task.title_en,
                "topics": task.topic_count,
                "cases": task.case_count,
                "questions": task.question_count,
            }
        )
    return result
