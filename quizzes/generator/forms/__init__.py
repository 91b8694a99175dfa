"""The question forms, as a registry: generate() builds every registered form from every case or fact.

Adding a form is one function and one decorator line, in cases.py (built from one requirement of a
case), scenario.py or choose_n.py (several requirements of a case) or facts.py (one fact that has a quiz):

    @form("my-form", over="case")
    def my_form(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
        ...  # return [build(f"my-form:{case.slug}:...", seed, stem=..., right=..., wrong=..., ...)]

A key starts with its form's name; the validator and the tests then cover the new form as well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quizzes.generator.questions import Question
from topics.content import Curriculum

# What a form can be built from: each kind of item, in a stable order.
ITEMS: dict[str, Callable[[Curriculum], list]] = {
    "case": lambda curriculum: sorted(curriculum.cases.values(), key=lambda c: c.slug),
    "fact": lambda curriculum: [f for f in sorted(curriculum.facts.values(), key=lambda f: f.id) if f.quiz],
    "question": lambda curriculum: sorted(curriculum.questions.values(), key=lambda q: q.id),
}


@dataclass(frozen=True)
class Form:
    name: str
    over: str
    make: Callable[..., list[Question]]

    def questions(self, curriculum: Curriculum, seed: int) -> list[Question]:
        return [q for item in ITEMS[self.over](curriculum) for q in self.make(item, curriculum, seed)]


REGISTRY: dict[str, Form] = {}


def form(name: str, *, over: str):
    """Register `make(item, curriculum, seed) -> list[Question]` as the form `name`, built from each `over`."""
    if over not in ITEMS:
        raise ValueError(f"a form is built over one of {sorted(ITEMS)}, not {over!r}")

    def register(make):
        if name in REGISTRY:
            raise ValueError(f"the form {name!r} is registered twice")
        REGISTRY[name] = Form(name, over, make)
        return make

    return register


# Importing the modules registers their forms (in this order, the order questions come out in).
from quizzes.generator.forms import authored, cases, choose_n, facts, scenario  # noqa: E402, F401
