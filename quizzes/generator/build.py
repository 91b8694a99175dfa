"""One place that shapes a Question, so each form says only what differs: stem, answers, source."""

from __future__ import annotations

import hashlib
import random

from quizzes.generator.questions import MULTIPLE, SINGLE, Choice, Part, Question
from topics.content import Case, Fact, Requirement, Service, Text, names_of


def rng(seed: int, key: str) -> random.Random:
    """One random stream per question, so editing one case never reshuffles another's questions."""
    return random.Random(f"{seed}:{key}")


def _choice_id(key: str, text: str) -> str:
    return hashlib.sha256(f"{key}|{text}".encode()).hexdigest()[:10]


# A choice as a form gives it: (text, why), or (text, why, parts) for options built from requirements.
Option = tuple[Text, Text] | tuple[Text, Text, tuple[Part, ...]]


def _assemble(key: str, seed: int, right: list[Option], wrong: list[Option]) -> list[Choice]:
    """Choices in a seeded order; ids are opaque (a hash), so neither order nor id reveals the answer."""
    choices = [Choice(_choice_id(key, o[0].en), o[0], True, o[1], *o[2:]) for o in right]
    choices += [Choice(_choice_id(key, o[0].en), o[0], False, o[1], *o[2:]) for o in wrong]
    rng(seed, key + ":order").shuffle(choices)
    return choices


def build(
    key: str,
    seed: int,
    *,
    stem: Text,
    right: list[Option],
    wrong: list[Option],
    explanation: Text,
    source: dict,
    choose: int = 1,
    **details,
) -> Question:
    """A question of the form that starts its key ("purpose:<case>:..."), its choices shuffled.

    right and wrong are (choice, why) pairs, or (choice, why, parts) for options built from
    requirements; source says where it comes from (`from_requirement`, `from_case`, `from_fact`);
    details are any other Question fields (keyed, figure, base, ...) and win over the source's.
    """
    return Question(
        key=key,
        form=key.partition(":")[0],
        kind=SINGLE if choose == 1 else MULTIPLE,
        choose=choose,
        stem=stem,
        choices=_assemble(key, seed, right, wrong),
        explanation=explanation,
        **(source | details),
    )


def from_case(case: Case, ref: str) -> dict:
    return {
        "topic": case.topics[0] if case.topics else None,
        "case": case.slug,
        "sources": [s.url for s in case.sources],
        "source_ref": f"{case.path} {ref}",
    }


def from_requirement(case: Case, r: Requirement) -> dict:
    return from_case(case, f"requirement {r.id}") | {
        "exams": dict(r.domains),
        "tasks": dict(r.tasks),
        "services": list(r.services),
    }


SAA, SAP = "SAA-C03", "SAP-C02"


def from_fact(fact: Fact) -> dict:
    return {
        "topic": fact.topic,
        "fact": fact.id,
        "exams": dict(fact.domains),
        "tasks": dict(fact.tasks),
        "services": list(fact.services),
        "sources": [fact.source],
        "source_ref": f"{fact.path}:{fact.line} fact {fact.id}",
    }


def service_names(services: dict[str, Service], slugs: list[str]) -> list[str]:
    """Every name of these services: a stem that uses one gives the answer away."""
    return [name for slug in slugs if slug in services for name in names_of(services[slug])]
