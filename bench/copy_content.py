"""Multiply the curriculum for bench/pages.py: one more copy of every original fact and published question.

Imported after Django is set up (bench/pages.py points it at its scratch database first).
"""

import uuid

from quizzes.models import Question, QuestionVersion
from topics.models import Fact, Topic


def _fields(row, *leave_out: str) -> dict:
    """A row's column values by attribute name, less its id and the columns named."""
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.attname not in ("id", *leave_out)
    }


def copy_content(copy: int, last_fact: int) -> None:
    """One more copy of every original fact (cited by the same topics) and of every published question."""
    facts = list(Fact.objects.filter(pk__lte=last_fact).prefetch_related("cited_by"))  # never the copies
    clones = []
    for fact in facts:
        clone = Fact(**_fields(fact))
        clone.key = f"x{copy}-{fact.pk}"[:12]
        clones.append(clone)
    Fact.objects.bulk_create(clones, batch_size=2000)
    through = Topic.facts.through
    through.objects.bulk_create(
        [
            through(topic_id=t.pk, fact_id=c.pk)
            for f, c in zip(facts, clones, strict=True)
            for t in f.cited_by.all()
        ],
        batch_size=5000,
    )
    originals = list(
        Question.objects.published()
        .exclude(key__contains="#")
        .select_related("current_version")
        .prefetch_related("domains")
    )
    questions = [Question(**_fields(q, "code", "current_version_id"), code=uuid.uuid4()) for q in originals]
    for question in questions:
        question.key = f"{question.key}#{copy}"
    Question.objects.bulk_create(questions, batch_size=2000)
    versions = [
        QuestionVersion(**_fields(q.current_version, "question_id"), question=copy_q)
        for q, copy_q in zip(originals, questions, strict=True)
    ]
    QuestionVersion.objects.bulk_create(versions, batch_size=2000)
    for question, version in zip(questions, versions, strict=True):
        question.current_version_id = version.pk
    Question.objects.bulk_update(questions, ["current_version"], batch_size=2000)
    domains = Question.domains.through
    domains.objects.bulk_create(
        [
            domains(question_id=c.pk, examdomain_id=d.pk)
            for q, c in zip(originals, questions, strict=True)
            for d in q.domains.all()
        ],
        batch_size=5000,
    )
