"""The rules a generated question must pass before a learner sees it."""

from __future__ import annotations

import functools
import itertools
import re

from quizzes.generator.cues import question_cues
from quizzes.generator.questions import MULTIPLE, SINGLE, WRONG_CHOICES, Question
from topics.content import normalise

# fmt: off
STOPWORDS = frozenset([
    "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "from",
    "its", "their", "your", "use", "using",
])
# fmt: on


@functools.lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset:
    return frozenset(normalise(text).split()) - STOPWORDS


def similar(a: str, b: str) -> bool:
    """Whether a learner would read two choices as the same answer.

    Equal after normalising, or the same content words in another order or with other articles.
    "Glacier Instant Retrieval" and "Glacier Flexible Retrieval" differ in a word that matters,
    so they are not duplicates; "Use an SQS queue." and "use a SQS queue" are.
    """
    return normalise(a) == normalise(b) or content_words(a) == content_words(b)


@functools.lru_cache(maxsize=4096)
def names_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One search for all keyed names (longest first), as whole words, ignoring case."""
    return re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w@])", re.IGNORECASE)


def _number_in(text: str, number: str) -> bool:
    plain = number.replace(",", "")
    for candidate in {number, plain}:
        # Not inside a name ("EC2", "S3") or another number.
        if re.search(rf"(?<![\w.,]){re.escape(candidate)}(?![\d]|[.,]\d)", text):
            return True
    return False


def _choice_count(question: Question) -> list[str]:
    correct, total = len(question.correct_ids), len(question.choices)
    if question.kind == SINGLE and (correct != 1 or total != WRONG_CHOICES + 1):
        return [f"wrong number of choices: {correct} correct of {total} (needs 1 of 4)"]
    if question.kind == MULTIPLE and (
        question.choose < 2 or correct != question.choose or total < question.choose + WRONG_CHOICES
    ):
        return [f"wrong number of choices: {correct} correct of {total} for choose {question.choose}"]
    return []


def _look_alikes(question: Question) -> list[str]:
    reasons = []
    for a, b in itertools.combinations([c.text for c in question.choices], 2):
        if similar(a.en, b.en) or normalise(a.ko) == normalise(b.ko):
            reasons.append(f"duplicate or near-duplicate choices: “{a.en}” and “{b.en}”")
    for choice in (c for c in question.choices if not c.correct):
        for alternative in question.alternatives:
            words = content_words(alternative.en)
            if similar(choice.text.en, alternative.en) or words <= content_words(choice.text.en):
                reasons.append(f"a wrong choice is an acceptable alternative: “{choice.text.en}”")
    return reasons


def _untranslated(question: Question) -> list[str]:
    parts = {"stem": question.stem, "explanation": question.explanation}
    for index, choice in enumerate(question.choices, start=1):
        parts[f"choice {index}"] = choice.text
        parts[f"explanation of choice {index}"] = choice.why
    return [
        f"missing translation: {name} has no {language} text"
        for name, text in parts.items()
        for language in ("en", "ko")
        if not text.get(language).strip()
    ]


def _giveaways(question: Question) -> list[str]:
    numbers = [t for t in question.keyed if re.fullmatch(r"[\d,.]+", t)]
    names = tuple(sorted(set(question.keyed) - set(numbers), key=len, reverse=True))
    reasons = []
    for language in ("en", "ko"):
        stem = question.stem.get(language)
        found = names_pattern(names).search(stem) if names else None
        term = found.group(0) if found else next((n for n in numbers if _number_in(stem, n)), None)
        if term:
            reasons.append(f"the stem gives the answer away: it names “{term}” ({language})")
    return reasons


def _designs(question: Question) -> list[str]:
    """Options built from the stated requirements: the key meets every one; each wrong single-answer option
    loses on exactly one named point (fails one stated requirement, or loses on the stem's qualifier); in a
    "choose N", each key meets one stated requirement and each wrong option fails one."""
    if not question.constraints:
        return []
    stated, reasons = list(question.constraints), []
    for choice in question.choices:
        label = f"“{choice.text.en[:60]}…”"
        ids = [p.requirement for p in choice.parts]
        if question.kind == SINGLE:
            if ids != stated:
                reasons.append(f"the option {label} does not answer each stated requirement once, in order")
                continue
            off = [p for p in choice.parts if p.verdict != "meets"]
            if choice.correct and off:
                reasons.append(f"the key {label} does not meet every stated requirement")
            elif not choice.correct and len(off) != 1:
                reasons.append(f"the wrong option {label} loses on {len(off)} points, not exactly one")
            elif not choice.correct and off[0].verdict == "loses" and off[0].loses_on != question.qualifier:
                reasons.append(
                    f"the wrong option {label} loses on {off[0].loses_on or 'nothing named'}, "
                    f"but the stem asks for {question.qualifier or 'no qualifier'}"
                )
            elif not choice.correct and off[0].verdict not in ("fails", "loses"):
                reasons.append(f"the wrong option {label} has an unknown verdict {off[0].verdict!r}")
        elif len(choice.parts) != 1 or ids[0] not in stated:
            reasons.append(f"the option {label} does not answer one stated requirement")
        elif choice.correct != (choice.parts[0].verdict == "meets"):
            reasons.append(
                f"the option {label} is marked {'right' if choice.correct else 'wrong'} but "
                f"{choice.parts[0].verdict} its requirement"
            )
    if question.kind == MULTIPLE:
        met = sorted(c.parts[0].requirement for c in question.choices if c.correct and c.parts)
        if met != sorted(stated):
            reasons.append("the keys do not meet each stated requirement exactly once")
    return reasons


def _cues(question: Question) -> list[str]:
    texts = [("stem", lang, question.stem.get(lang)) for lang in ("en", "ko")]
    texts += [("explanation", lang, question.explanation.get(lang)) for lang in ("en", "ko")]
    for index, choice in enumerate(question.choices, start=1):
        texts += [(f"choice {index}", lang, choice.text.get(lang)) for lang in ("en", "ko")]
        texts += [(f"explanation of choice {index}", lang, choice.why.get(lang)) for lang in ("en", "ko")]
    return question_cues(texts)


def validate(question: Question) -> list[str]:
    """Every reason this question must not be published (empty when it is fine)."""
    return (
        _choice_count(question)
        + _look_alikes(question)
        + _untranslated(question)
        + _giveaways(question)
        + _designs(question)
        + _cues(question)
    )
