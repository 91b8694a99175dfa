"""Forms built from one fact with a numeric quiz: a limit, a default, a quota.

The reverse question ("which service has the value 14 days?", fact-owner) is gone: it asked for
trivia with no situation, and its wrong options were other services' limits that nobody would confuse.
"""

from __future__ import annotations

import re

from quizzes.generator import phrasing as say
from quizzes.generator.build import build, from_fact, rng
from quizzes.generator.cues import unnatural_values
from quizzes.generator.forms import form
from quizzes.generator.questions import WRONG_CHOICES, Question
from topics.content import Curriculum, Fact, Text, mentions, names_of


def _explanation(fact: Fact) -> Text:
    if fact.change:
        return say.join(fact.text, say.fill(say.FACT_WAS, change=fact.change))
    return fact.text


def _names_a_service(ask: Text, fact: Fact, curriculum: Curriculum) -> bool:
    names = [
        n
        for slug in fact.services
        if slug in curriculum.services
        for n in names_of(curriculum.services[slug])
    ]
    return not names or all(any(mentions(ask.get(lang), n) for n in names) for lang in ("en", "ko"))


def _naming_the_service(ask: Text, fact: Fact, curriculum: Curriculum) -> Text:
    """The stem as written if it names one of the fact's services; otherwise led in by the service's name,
    so a learner never has to guess whose limit is asked (Lambda's retries, not SNS's or EventBridge's)."""
    if _names_a_service(ask, fact, curriculum):
        return ask
    service = curriculum.services[next(slug for slug in fact.services if slug in curriculum.services)]
    # "Amazon Elastic Compute Cloud (Amazon EC2)" is called "Amazon EC2" in a question.
    called = re.search(r"\(([^()]+)\)$", service.name)
    return say.fill(say.ABOUT, service=called.group(1) if called else service.name, ask=ask)


@form("fact-value", over="fact")
def fact_value(fact: Fact, curriculum: Curriculum, seed: int) -> list[Question]:
    """A limit or default -> its value, with real neighbouring values as distractors.

    One question per fact, from the first stem that names the fact's service: other stems of the same
    fact had the same options and taught nothing new (a quiz never shows two questions on one fact)."""
    quiz = fact.quiz
    value = say.format_value(quiz.number, quiz.unit, quiz.family)
    # A neighbour that cannot be written naturally (0.1 MiB) or reads like the key is left out.
    neighbours = [(n, say.format_value(n.number, quiz.unit, quiz.family)) for n in quiz.neighbours]
    neighbours = [
        (n, text) for n, text in neighbours if text.en != value.en and not unnatural_values(text.en)
    ]
    variant = next((i for i, ask in enumerate(quiz.ask) if _names_a_service(ask, fact, curriculum)), 0)
    key = f"fact-value:{fact.id}:v{variant}"
    wrong = rng(seed, key).sample(neighbours, min(WRONG_CHOICES, len(neighbours)))
    return [
        build(
            key,
            seed,
            stem=_naming_the_service(quiz.ask[variant], fact, curriculum),
            # The key's own reason is the fact; what changed belongs to the explanation, not to the answer.
            right=[(value, fact.text)],
            wrong=[(text, n.why) for n, text in wrong],
            explanation=_explanation(fact),
            source=from_fact(fact),
            keyed=[say.format_number(quiz.number), value.en, value.ko],
            base=True,
        )
    ]
