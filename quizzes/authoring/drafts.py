"""What an instructor writes: a question's content as plain values, the checks publishing needs, the
digest that tells a real change, and the text a history diff compares. Django-free (plain values in,
plain values out), so it is tested without a database.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field

from topics.content.text import normalise

LANGUAGES = ("en", "ko")
CHOICE_ID = re.compile(r"^[0-9a-f]{10}$")


@dataclass
class Draft:
    """A question's versioned content. `choices` are dicts shaped like QuestionVersion.choices:
    {"id", "text_en", "text_ko", "correct", "why_en", "why_ko"}."""

    kind: str = "single"
    choose: int = 1
    stem_en: str = ""
    stem_ko: str = ""
    explanation_en: str = ""
    explanation_ko: str = ""
    choices: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    figure: dict | None = None

    @classmethod
    def of_version(cls, version, *, kind: str, choose: int) -> Draft:
        return cls(
            kind=kind,
            choose=choose,
            stem_en=version.stem_en,
            stem_ko=version.stem_ko,
            explanation_en=version.explanation_en,
            explanation_ko=version.explanation_ko,
            choices=[dict(choice) for choice in version.choices],
            sources=list(version.sources),
            figure=version.figure,
        )

    def digest(self) -> str:
        """The same hash quizzes.bank gives generated content: equal content, equal digest."""
        content = {
            "kind": self.kind,
            "choose": self.choose,
            "stem": [self.stem_en, self.stem_ko],
            "explanation": [self.explanation_en, self.explanation_ko],
            "choices": [
                [c["id"], c["text_en"], c["text_ko"], c["correct"], c["why_en"], c["why_ko"]]
                for c in self.choices
            ],
            "figure": self.figure,
            "sources": self.sources,
        }
        return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def new_choice_id(taken: set[str]) -> str:
    while (choice_id := secrets.token_hex(5)) in taken:
        pass
    return choice_id


def with_choice_ids(choices: list[dict]) -> list[dict]:
    """Keep each choice's id when it is a well-formed one not already used; give the others new ids."""
    taken: set[str] = set()
    result = []
    for choice in choices:
        choice_id = choice.get("id", "")
        if not CHOICE_ID.match(choice_id) or choice_id in taken:
            choice_id = new_choice_id(taken)
        taken.add(choice_id)
        result.append({**choice, "id": choice_id})
    return result


# What publishing requires, as (field, message code, values) so the caller words it in its language.
@dataclass(frozen=True)
class Problem:
    field: str  # "stem", "explanation", "choices"
    code: str
    values: dict = field(default_factory=dict)


def publish_problems(draft: Draft) -> list[Problem]:
    """Why this content cannot be published yet (nothing: it can). Drafts may be incomplete; a published
    question has its stem and every choice in both languages, every other text in both or neither, the
    right number of correct choices and no two choices that read the same."""
    problems: list[Problem] = []
    for language in LANGUAGES:
        if not getattr(draft, f"stem_{language}").strip():
            problems.append(Problem("stem", "stem_missing", {"language": language}))
    en, ko = draft.explanation_en.strip(), draft.explanation_ko.strip()
    if bool(en) != bool(ko):
        problems.append(
            Problem("explanation", "explanation_one_language", {"language": "ko" if en else "en"})
        )
    choices = draft.choices
    if len(choices) < 2:
        problems.append(Problem("choices", "too_few_choices", {"count": len(choices)}))
    for number, choice in enumerate(choices, start=1):
        for language in LANGUAGES:
            if not choice[f"text_{language}"].strip():
                problems.append(
                    Problem("choices", "choice_missing", {"number": number, "language": language})
                )
        why_en, why_ko = choice["why_en"].strip(), choice["why_ko"].strip()
        if bool(why_en) != bool(why_ko):
            problems.append(
                Problem(
                    "choices", "why_one_language", {"number": number, "language": "ko" if why_en else "en"}
                )
            )
    correct = sum(1 for choice in choices if choice["correct"])
    wanted = 1 if draft.kind == "single" else draft.choose
    if draft.kind == "multiple" and draft.choose < 2:
        problems.append(Problem("choices", "choose_too_small", {"choose": draft.choose}))
    elif correct != wanted:
        problems.append(Problem("choices", "wrong_correct_count", {"wanted": wanted, "correct": correct}))
    elif len(choices) <= wanted and len(choices) >= 2:
        problems.append(Problem("choices", "no_distractor", {"count": len(choices)}))
    for language in LANGUAGES:
        seen: dict[str, int] = {}
        for number, choice in enumerate(choices, start=1):
            text = normalise(choice[f"text_{language}"])
            if text and text in seen:
                problems.append(
                    Problem(
                        "choices",
                        "duplicate_choice",
                        {"first": seen[text], "number": number, "language": language},
                    )
                )
            seen.setdefault(text, number)
    return problems


def as_text(draft: Draft) -> list[str]:
    """The content as lines a reader can compare: what a history diff shows."""
    lines = [f"kind: {draft.kind}" + (f" (choose {draft.choose})" if draft.kind == "multiple" else "")]
    for language in LANGUAGES:
        lines += [f"[stem {language}]", *getattr(draft, f"stem_{language}").strip().splitlines()]
    for number, choice in enumerate(draft.choices, start=1):
        mark = "x" if choice["correct"] else " "
        for language in LANGUAGES:
            lines.append(f"[{mark}] {number} {language}: {choice[f'text_{language}']}")
            if choice[f"why_{language}"]:
                lines.append(f"      why {language}: {choice[f'why_{language}']}")
    for language in LANGUAGES:
        text = getattr(draft, f"explanation_{language}").strip()
        if text:
            lines += [f"[explanation {language}]", *text.splitlines()]
    lines += [f"source: {url}" for url in draft.sources]
    return lines


def diff(before: Draft | None, after: Draft) -> list[tuple[str, str]]:
    """(kind, line) pairs of a unified diff, kind being "add", "del", "hunk" or "same"."""
    old = as_text(before) if before else []
    rows = []
    for line in difflib.unified_diff(old, as_text(after), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append(("hunk", line))
        elif line.startswith("+"):
            rows.append(("add", line[1:]))
        elif line.startswith("-"):
            rows.append(("del", line[1:]))
        else:
            rows.append(("same", line[1:]))
    return rows
