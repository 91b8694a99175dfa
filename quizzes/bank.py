"""The question bank's writes from content: storing generated questions as versions, and bank statistics."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery, Value

from quizzes import generator as gen
from quizzes.models import Question, QuestionVersion
from topics.models import Case, ExamDomain, Fact, Service, TaskStatement, Topic

# --------------------------------------------------------------------------------------------- generated questions


@dataclass
class SyncReport:
    created: int = 0
    new_versions: int = 0
    unchanged: int = 0
    retired: int = 0
    revived: int = 0
    relinked: int = 0  # same wording, other services, exams or task statements
    kept_edited: int = 0  # edited in the app since: content/ no longer writes them

    @property
    def changed(self) -> bool:
        return bool(self.created or self.new_versions or self.retired or self.revived or self.relinked)


def _version_content(q: gen.Question) -> dict:
    return {
        "kind": q.kind,
        "choose": q.choose,
        "stem": [q.stem.en, q.stem.ko],
        "explanation": [q.explanation.en, q.explanation.ko],
        "choices": [[c.id, c.text.en, c.text.ko, c.correct, c.why.en, c.why.ko] for c in q.choices],
        "figure": q.figure,
        "sources": q.sources,
    }


def digest_of(q: gen.Question) -> str:
    return hashlib.sha256(
        json.dumps(_version_content(q), ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


def _new_version(question: Question, number: int, q: gen.Question, digest: str) -> QuestionVersion:
    return QuestionVersion(
        question=question,
        number=number,
        digest=digest,
        stem_en=q.stem.en,
        stem_ko=q.stem.ko,
        explanation_en=q.explanation.en,
        explanation_ko=q.explanation.ko,
        choices=[
            {
                "id": c.id,
                "text_en": c.text.en,
                "text_ko": c.text.ko,
                "correct": c.correct,
                "why_en": c.why.en,
                "why_ko": c.why.ko,
            }
            for c in q.choices
        ],
        figure=q.figure,
        sources=q.sources,
    )


# The questions that content/ owns: generated ones and those written in content/questions/, unless an
# instructor has since edited them in the app (then the app owns them and a reload leaves them alone).
FROM_CONTENT = (Q(origin=Question.Origin.GENERATED) | Q(key__startswith="authored:")) & Q(app_owned=False)


@transaction.atomic
def sync_questions(questions: list[gen.Question]) -> SyncReport:
    """Upsert the questions made from content/ by key; a changed wording becomes a new version; vanished
    keys retire. Questions written in the app (not from content/) are left alone."""
    report = SyncReport()
    topics = dict(Topic.objects.values_list("slug", "pk"))
    cases = dict(Case.objects.values_list("slug", "pk"))
    facts = dict(Fact.objects.values_list("key", "pk"))
    services = dict(Service.objects.values_list("slug", "pk"))
    domains = {(d.exam.code, d.number): d.pk for d in ExamDomain.objects.select_related("exam")}
    tasks = {(t.domain.exam.code, t.code): t.pk for t in TaskStatement.objects.select_related("domain__exam")}
    existing = {
        q.key: q
        for q in Question.objects.filter(FROM_CONTENT)
        .select_related("current_version")
        .only(
            "key",
            "form",
            "kind",
            "choose",
            "status",
            "topic_id",
            "case_id",
            "fact_id",
            "origin",
            "qualifier",
            "current_version__digest",
            "current_version__number",
        )
    }
    current_links = _current_links(existing.values())
    latest_numbers = dict(
        QuestionVersion.objects.filter(question__in=Question.objects.filter(FROM_CONTENT))
        .values_list("question__key")
        .annotate(Max("number"))
    )

    def fields_of(q: gen.Question) -> dict:
        return {
            "form": q.form,
            "kind": q.kind,
            "choose": q.choose,
            "topic_id": topics.get(q.topic) if q.topic else None,
            "case_id": cases.get(q.case) if q.case else None,
            "fact_id": facts.get(q.fact) if q.fact else None,
            "origin": q.origin,
            "qualifier": q.qualifier,
        }

    app_owned = set(Question.objects.filter(app_owned=True).values_list("key", flat=True))
    new_questions, versions, touched, to_update = [], [], [], []
    for q in questions:
        if q.key in app_owned:
            report.kept_edited += 1
            continue
        digest = digest_of(q)
        values = fields_of(q)
        row = existing.get(q.key)
        if row is None:
            row = Question(key=q.key, status=Question.Status.PUBLISHED, **values)
            new_questions.append((row, q, digest))
            continue
        dirty = [name for name, value in values.items() if getattr(row, name) != value]
        if row.status != Question.Status.PUBLISHED:
            row.status = Question.Status.PUBLISHED
            dirty.append("status")
            report.revived += 1
        for name in dirty:
            setattr(row, name, values.get(name, getattr(row, name)))
        if row.current_version is None or row.current_version.digest != digest:
            versions.append((row, _new_version(row, latest_numbers.get(q.key, 0) + 1, q, digest)))
            touched.append((row, q))
            report.new_versions += 1
        elif dirty:
            touched.append((row, q))
        elif current_links.get(row.pk) != _wanted_links(q, services, domains, tasks):
            touched.append((row, q))
            report.relinked += 1
        else:
            report.unchanged += 1
        if dirty:
            to_update.append(row)

    Question.objects.bulk_create([row for row, _q, _d in new_questions], batch_size=500)
    report.created = len(new_questions)
    versions += [(row, _new_version(row, 1, q, digest)) for row, q, digest in new_questions]
    touched += [(row, q) for row, q, _d in new_questions]
    new_versions = [version for _row, version in versions]
    for version in new_versions:
        # An expression in a row makes Django insert with VALUES instead of UNNEST arrays: for rows
        # this large, psycopg's array quoting costs about a third more time (bench/regenerate.py).
        version.digest = Value(version.digest)
    QuestionVersion.objects.bulk_create(new_versions, batch_size=500)
    if versions:
        # One UPDATE points every touched question at its newest version (bulk_update would build a
        # CASE expression per row and take seconds).
        newest = QuestionVersion.objects.filter(question=OuterRef("pk")).order_by("-number").values("pk")[:1]
        Question.objects.filter(pk__in=[row.pk for row, _v in versions]).update(
            current_version=Subquery(newest)
        )
    if to_update:
        Question.objects.bulk_update(
            to_update,
            ["form", "kind", "choose", "topic", "case", "fact", "origin", "qualifier", "status"],
            batch_size=500,
        )

    # Links (services, exam domains, task statements) of new or changed questions.
    if touched:
        ids = [row.pk for row, _q in touched]
        Question.services.through.objects.filter(question_id__in=ids).delete()
        Question.domains.through.objects.filter(question_id__in=ids).delete()
        Question.tasks.through.objects.filter(question_id__in=ids).delete()
        Question.tasks.through.objects.bulk_create(
            [
                Question.tasks.through(question_id=row.pk, taskstatement_id=tasks[(exam, code)])
                for row, q in touched
                for exam, code in q.tasks.items()
                if (exam, code) in tasks
            ],
            batch_size=1000,
        )
        Question.services.through.objects.bulk_create(
            [
                Question.services.through(question_id=row.pk, service_id=services[slug])
                for row, q in touched
                for slug in dict.fromkeys(q.services)
                if slug in services
            ],
            batch_size=1000,
        )
        Question.domains.through.objects.bulk_create(
            [
                Question.domains.through(question_id=row.pk, examdomain_id=domains[(exam, number)])
                for row, q in touched
                for exam, number in q.exams.items()
                if (exam, number) in domains
            ],
            batch_size=1000,
        )

    keys = {q.key for q in questions}
    report.retired = (
        Question.objects.filter(FROM_CONTENT, status=Question.Status.PUBLISHED)
        .exclude(key__in=keys)
        .update(status=Question.Status.RETIRED)
    )
    return report


def _current_links(rows) -> dict[int, tuple[set, set, set]]:
    """(services, exam domains, task statements) each existing question links to, in three queries."""
    ids = [row.pk for row in rows]
    links: dict[int, tuple[set, set, set]] = {pk: (set(), set(), set()) for pk in ids}
    for index, (through, column) in enumerate(
        (
            (Question.services.through, "service_id"),
            (Question.domains.through, "examdomain_id"),
            (Question.tasks.through, "taskstatement_id"),
        )
    ):
        for question_id, target in through.objects.filter(question_id__in=ids).values_list(
            "question_id", column
        ):
            links[question_id][index].add(target)
    return links


def _wanted_links(q: gen.Question, services: dict, domains: dict, tasks: dict) -> tuple[set, set, set]:
    return (
        {services[slug] for slug in q.services if slug in services},
        {domains[key] for key in q.exams.items() if key in domains},
        {tasks[key] for key in q.tasks.items() if key in tasks},
    )


def question_stats() -> dict:
    """The "questions" block of content_stats: totals, distinct (stem, answer) pairs, per form and domain."""
    published = Question.objects.filter(status=Question.Status.PUBLISHED)
    distinct = set()
    for stem, choices in published.values_list("current_version__stem_en", "current_version__choices"):
        distinct.add((stem, tuple(sorted(c["text_en"] for c in choices if c["correct"]))))
    by_exam_domain: dict[str, dict[str, int]] = {}
    rows = (
        published.values("domains__exam__code", "domains__number")
        .annotate(n=Count("pk", distinct=True))
        .filter(domains__isnull=False)
    )
    for row in rows:
        by_exam_domain.setdefault(row["domains__exam__code"], {})[str(row["domains__number"])] = row["n"]
    for exam in by_exam_domain.values():
        for number in ("1", "2", "3", "4"):
            exam.setdefault(number, 0)
    return {
        "total": Question.objects.count(),
        "valid": published.count(),
        "distinct": len(distinct),
        "by_form": dict(sorted(Counter(published.values_list("form", flat=True)).items())),
        "by_exam_domain": {exam: dict(sorted(v.items())) for exam, v in sorted(by_exam_domain.items())},
    }
