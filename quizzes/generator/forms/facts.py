"""Forms built from one fact with a numeric quiz: a limit, a default, a quota."""

from __future__ import annotations

from quizzes.generator import phrasing as say
from quizzes.generator.build import build, from_fact, rng, service_names
from quizzes.generator.forms import form
from quizzes.generator.questions import WRONG_CHOICES, Question
from topics.content import Curriculum, Fact, Text


def _explanation(fact: Fact) -> Text:
    if fact.change:
        return say.join(fact.text, say.fill(say.FACT_WAS, change=fact.change))
    return fact.text


@form("fact-value", over="fact")
def fact_value(fact: Fact, curriculum: Curriculum, seed: int) -> list[Question]:
    """A limit or default -> its value, with real neighbouring values as distractors."""
    quiz = fact.quiz
    value = say.format_value(quiz.number, quiz.unit, quiz.family)
    questions = []
    for variant, ask in enumerate(quiz.ask):
        key = f"fact-value:{fact.id}:v{variant}"
        wrong = rng(seed, key).sample(quiz.neighbours, min(WRONG_CHOICES, len(quiz.neighbours)))
        questions.append(
            build(
                key,
                seed,
                stem=ask,
                right=[(value, _explanation(fact))],
                wrong=[(say.format_value(n.number, quiz.unit, quiz.family), n.why) for n in wrong],
                explanation=_explanation(fact),
                source=from_fact(fact),
                keyed=[say.format_number(quiz.number), value.en, value.ko],
                base=variant == 0,
            )
        )
    return questions


@form("fact-owner", over="fact")
def fact_owner(fact: Fact, curriculum: Curriculum, seed: int) -> list[Question]:
    """A value -> which service or feature it belongs to, among others of the same kind of limit."""
    quiz = fact.quiz
    # Distractors come from the same family and unit, with another value, or they would be right too.
    others = {
        o.quiz.subject.en: o
        for o in sorted(curriculum.facts.values(), key=lambda o: o.id)
        if o.quiz
        and (o.quiz.family, o.quiz.unit) == (quiz.family, quiz.unit)
        and o.quiz.number != quiz.number
        and o.quiz.subject.en != quiz.subject.en
    }
    if len(others) < WRONG_CHOICES:
        return []
    key = f"fact-owner:{fact.id}"
    wrong = rng(seed, key).sample(sorted(others.values(), key=lambda o: o.id), WRONG_CHOICES)
    value = say.format_value(quiz.number, quiz.unit, quiz.family)
    return [
        build(
            key,
            seed,
            stem=say.fill(say.FACT_OWNER, value=say.bold(value)),
            right=[(quiz.subject, _explanation(fact))],
            wrong=[(o.quiz.subject, o.text) for o in wrong],
            explanation=_explanation(fact),
            source=from_fact(fact),
            keyed=service_names(curriculum.services, fact.services),
        )
    ]
