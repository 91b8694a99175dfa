"""The shapes the generator hands out: questions with their choices, and what it refused and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from topics.content import Text

SINGLE, MULTIPLE = "single", "multiple"
WRONG_CHOICES = 3  # single answer: 1 of 4, as on the exam


@dataclass(frozen=True)
class Part:
    """One component of an option that answers a stated requirement, and how it fares against it.

    verdict: "meets" (the requirement's answer), "fails" (its distractor: the requirement is not met) or
    "loses" (an alternative that works but loses on `loses_on`: ops, cost, performance, ...)."""

    requirement: str
    verdict: str
    loses_on: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    correct: bool
    why: Text
    # For options built from requirements (scenario, choose-n): what each component does for its requirement.
    parts: tuple[Part, ...] = ()


@dataclass
class Question:
    key: str
    form: str
    kind: str
    choose: int
    exams: dict[str, int]
    stem: Text
    choices: list[Choice]
    explanation: Text
    topic: str | None = None
    case: str | None = None
    fact: str | None = None
    services: list[str] = field(default_factory=list)
    figure: dict | None = None
    sources: list[str] = field(default_factory=list)
    # What must never appear in the stem (the keyed services' names, the keyed value).
    keyed: list[str] = field(default_factory=list)
    # Answers that also work in practice: no wrong choice may be one of them.
    alternatives: list[Text] = field(default_factory=list)
    # The first question of a requirement or fact: if it is invalid, the content is invalid.
    base: bool = False
    source_ref: str = ""
    # Who wrote it: the generator, or a person (content/questions/).
    origin: str = "generated"
    # exam -> task statement ("SAA-C03" -> "1.1"); empty for content that predates task statements.
    tasks: dict[str, str] = field(default_factory=dict)
    # What decides between workable options (ops, cost, performance, availability, security), if anything.
    qualifier: str = ""
    # The requirement ids the stem states as constraints, in order (scenario and choose-n questions).
    constraints: list[str] = field(default_factory=list)

    @property
    def correct_ids(self) -> list[str]:
        return [c.id for c in self.choices if c.correct]

    def identity(self) -> tuple[str, tuple[str, ...]]:
        """Stem plus correct answers: reshuffled choices or other distractors are the same question."""
        return self.stem.en, tuple(sorted(c.text.en for c in self.choices if c.correct))


@dataclass
class Rejection:
    question: Question
    reasons: list[str]
    # Dropped to keep a bank-level cue down (not a fault of the content): never fatal.
    trimmed: bool = False

    @property
    def fatal(self) -> bool:
        return self.question.base and not self.trimmed


@dataclass
class Generated:
    questions: list[Question]
    rejected: list[Rejection]
    # What is wrong with the bank as a whole (cues.bank_problems): the load fails on any.
    problems: list[str] = field(default_factory=list)

    @property
    def fatal(self) -> list[Rejection]:
        return [r for r in self.rejected if r.fatal]


def distinct_count(questions: list[Question]) -> int:
    return len({q.identity() for q in questions})
