"""What an importer reads from a file, before it becomes a question in our bank (Django-free)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Text formats of Moodle's question texts and feedback.
FORMATS = ("moodle", "html", "plain", "markdown")
# What our bank holds: choice questions with one key, several keys, or true/false as two choices.
SUPPORTED = ("multichoice", "truefalse")


@dataclass
class Text:
    """A text with its Moodle format; `languages` holds per-language versions found in multilang spans."""

    value: str
    format: str = "moodle"
    languages: dict[str, str] = field(default_factory=dict)


@dataclass
class Choice:
    text: Text
    fraction: float  # Moodle's grade for choosing it: 1.0 full credit, 0.5 half, -1.0 a penalty
    feedback: Text


@dataclass
class Question:
    name: str
    line: int
    category: str
    qtype: str  # multichoice | truefalse | essay | numerical | shortanswer | match | multianswer | description | ...
    text: Text
    choices: list[Choice] = field(default_factory=list)
    single: bool = True
    general_feedback: Text = field(default_factory=lambda: Text(""))


@dataclass
class Skipped:
    name: str
    line: int
    reason: str


@dataclass
class Parsed:
    questions: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def add(self, result: Question | Skipped) -> None:
        """Keep a parsed question (refusing the file if nobody could get it right) or note a skipped one."""
        if isinstance(result, Skipped):
            self.skipped.append(result)
        else:
            check_has_key(result)
            self.questions.append(result)


class ImportFailed(Exception):
    """The whole file is refused: nothing of it may be imported. The message names the question and line."""


# Moodle's grade list: any other fraction is an invalid grade (its matchgrades="error").
VALID_FRACTIONS = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
    0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
)  # fmt: skip


def check_has_key(question: Question) -> None:
    """A choice question needs an answer that earns credit, or nobody could ever get it right."""
    if not any(choice.fraction > 0 for choice in question.choices):
        raise ImportFailed(f"question {question.name!r} on line {question.line}: no answer is marked correct")


def valid_fraction(value: float) -> bool:
    return any(abs(abs(value) - grade) < 0.00001 for grade in VALID_FRACTIONS)
