"""Read and validate the curriculum files in content/ (format: content/README.md).

Django-free: `read_curriculum(root)` returns plain dataclasses or raises `ContentInvalid` with every
problem found, each as `file:line: what is wrong`. Nothing here touches the database.

  reader.py     YAML that remembers lines; typed field access that reports precise errors
  model.py      the dataclasses (each carries the file and line it was read from)
  targets.py    the exams, domains and task statements a file serves
  catalog.py    services, glossary, blueprints
  notes.py      topics and their two notes
  facts.py      facts and their quiz data
  cases.py      cases: diagram and requirements
  questions.py  hand-written exam items
  checks.py     checks across files
  text.py       text helpers shared with the question generator
"""

from __future__ import annotations

from pathlib import Path

from topics.content import cases, catalog, checks, facts, notes, questions
from topics.content.model import (
    LANGUAGES,
    Alternative,
    AuthoredChoice,
    AuthoredQuestion,
    Case,
    ContentError,
    ContentInvalid,
    Curriculum,
    Diagram,
    DiagramEdge,
    DiagramGroup,
    DiagramNode,
    Distractor,
    Exam,
    ExamDomain,
    Fact,
    FactGroup,
    FactQuiz,
    GlossaryTerm,
    Neighbour,
    NotHere,
    Requirement,
    Service,
    Source,
    TaskStatement,
    Text,
    Topic,
)
from topics.content.text import FACT_REF_RE, mentions, names_of, normalise

__all__ = [
    "FACT_REF_RE", "LANGUAGES", "Alternative", "AuthoredChoice", "AuthoredQuestion", "Case", "ContentError",
    "ContentInvalid", "Curriculum", "Diagram", "DiagramEdge", "DiagramGroup", "DiagramNode", "Distractor", "Exam",
    "ExamDomain", "Fact", "FactGroup", "FactQuiz", "GlossaryTerm", "Neighbour", "NotHere", "Requirement", "Service", "Source",
    "TaskStatement", "Text", "Topic", "mentions", "names_of", "normalise", "read_curriculum",
]  # fmt: skip


def read_curriculum(root: Path) -> Curriculum:
    """Read every file under `root` (the content/ folder); raise ContentInvalid listing every problem."""
    root = Path(root)
    errors: list[ContentError] = []
    cur = Curriculum()
    cur.exams = catalog.read_exams(root, errors)
    exams = {exam.code: exam for exam in cur.exams.values()}
    cur.services = catalog.read_services(root, errors)
    cur.glossary = catalog.read_glossary(root, errors)
    cur.topics = notes.read_topics(root, errors, exams)
    cur.facts, cur.fact_groups = facts.read_facts(root, errors, exams)
    cur.cases = cases.read_cases(root, errors, exams)
    cur.questions = questions.read_questions(root, errors, exams)
    for check in checks.CHECKS:
        check(cur, errors)
    if errors:
        raise ContentInvalid(errors)
    return cur
