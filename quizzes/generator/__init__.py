"""Generate exam-style scenario questions from the curriculum's cases and facts.

Pure Python over plain data (topics.content dataclasses): no database, no clock. The same
curriculum and seed always give the same questions, and every question has a stable key
(form, case, requirement or fact, variant), so regenerating after a content edit updates
questions in place instead of orphaning anyone's progress.

  phrasing    what is said, in both languages: templates, values and units
  korean      particles by the final sound (이/가, 을/를, ...) and counters (회, 개, ...)
  questions   the Question, Choice and Generated shapes
  build       the one builder of a Question
  forms/      the forms, as a registry (forms/__init__.py says how to add one)
  validate    the rules a question must pass
  cues        what gives an answer away: per question (placeholders, odd units) and over the bank
              (length, identical stems)
  keys        which requirement, fact or authored item a question key is about (`knowledge_key`)
"""

from __future__ import annotations

from quizzes.generator import cues
from quizzes.generator.forms import REGISTRY
from quizzes.generator.keys import knowledge_key, knowledge_keys, pick_varied
from quizzes.generator.phrasing import format_number, format_value
from quizzes.generator.questions import (
    MULTIPLE,
    SINGLE,
    Choice,
    Generated,
    Question,
    Rejection,
    distinct_count,
)
from quizzes.generator.validate import similar, validate
from topics.content import Curriculum, Text

__all__ = [
    "MULTIPLE",
    "REGISTRY",
    "SINGLE",
    "Choice",
    "Generated",
    "Question",
    "Rejection",
    "Text",
    "distinct_count",
    "format_number",
    "format_value",
    "generate",
    "knowledge_key",
    "knowledge_keys",
    "pick_varied",
    "similar",
    "validate",
]


def generate(curriculum: Curriculum, seed: int = 0) -> Generated:
    """All questions of every registered form, validated: the good ones, the rejected ones with reasons, and
    what is wrong with the bank as a whole (cues.bank_problems: the load fails on any)."""
    valid, rejected = [], []
    seen: set[str] = set()
    for form in REGISTRY.values():
        for question in form.questions(curriculum, seed):
            reasons = validate(question)
            if question.form != form.name:
                reasons.append(f"the key {question.key} does not start with its form {form.name}")
            if question.key in seen:
                reasons.append(f"duplicate key {question.key}")
            seen.add(question.key)
            if reasons:
                rejected.append(Rejection(question, reasons))
            else:
                valid.append(question)
    valid, trimmed = cues.trim_length_cues(valid)
    return Generated(valid, rejected + trimmed, cues.bank_problems(cues.bank_rows(valid)))
