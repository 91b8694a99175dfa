"""Reader for questions/<group>.yaml: hand-written exam items."""

from __future__ import annotations

from pathlib import Path

from topics.content.model import QUALIFIERS, AuthoredChoice, AuthoredQuestion, ContentError, Text
from topics.content.reader import Fields, yaml_files
from topics.content.targets import ExamsByCode, read_tasks
from topics.content.text import normalise

QUESTION_FIELDS = (
    "id", "tasks", "topic", "services", "facts", "qualifier", "kind", "choose", "stem_en", "stem_ko", "choices",
    "explanation_en", "explanation_ko", "sources",
)  # fmt: skip
NO_TEXT = Text("", "")


def _read_choices(f: Fields) -> list[AuthoredChoice]:
    choices = []
    for item in f.list("choices"):
        c = Fields(item, f.path, f.errors, "a choice")
        c.only("text_en", "text_ko", "correct", "why_en", "why_ko")
        if "correct" not in c.data:
            c.error("missing field 'correct' in a choice (true or false)")
        choices.append(AuthoredChoice(c.text("text") or NO_TEXT, c.bool("correct"), c.text("why") or NO_TEXT))
    return choices


def _check_shape(f: Fields, kind: str, choose: int, choices: list[AuthoredChoice]) -> None:
    correct = sum(1 for choice in choices if choice.correct)
    if kind == "single":
        if choose != 1:
            f.error(f"a single-answer question chooses 1, not {choose}", "choose")
        if len(choices) != 4:
            f.error(f"a single-answer question has 4 choices, this one has {len(choices)}", "choices")
    elif kind == "multiple":
        if choose not in (2, 3):
            f.error(f"a multiple-response question chooses 2 or 3, not {choose}", "choose")
        if len(choices) < choose + 3:
            f.error(
                f"choose {choose} needs at least {choose + 3} choices, this one has {len(choices)}", "choices"
            )
    if correct != choose:
        f.error(f"the question chooses {choose} but marks {correct} choice(s) correct", "choices")
    for language in ("en", "ko"):
        seen: set[str] = set()
        for choice in choices:
            text = normalise(choice.text.get(language))
            if text and text in seen:
                f.error(f"two choices read the same in {language}: {choice.text.get(language)!r}", "choices")
            seen.add(text)


def read_questions(root: Path, errors: list[ContentError], exams: ExamsByCode) -> dict[str, AuthoredQuestion]:
    questions: dict[str, AuthoredQuestion] = {}
    if not (root / "questions").is_dir():
        return questions
    for path, path_rel, data in yaml_files(root, "questions", errors):
        g = Fields(data, path_rel, errors, "a questions file")
        g.only("group", "questions")
        group = g.slug("group")
        if group and group != path.stem:
            g.error(f"group {group!r} must match the file name {path.stem!r}", "group")
        for item in g.list("questions"):
            f = Fields(item, path_rel, errors, "a question")
            f.only(*QUESTION_FIELDS)
            question_id = f.slug("id")
            tasks = read_tasks(f, exams, many=False)
            domains = {exam: int(task.split(".")[0]) for exam, task in tasks.items()}
            kind = f.choice("kind", ("single", "multiple"))
            choose = f.int("choose", required=False) or (1 if kind == "single" else 0)
            choices = _read_choices(f)
            _check_shape(f, kind, choose, choices)
            question = AuthoredQuestion(
                id=question_id,
                group=group,
                tasks=tasks,
                domains=domains,
                topic=f.str("topic"),
                services=f.str_list("services", required=False),
                facts=f.str_list("facts", required=False),
                qualifier=f.choice("qualifier", QUALIFIERS, required=False),
                kind=kind,
                choose=choose,
                stem=f.text("stem") or NO_TEXT,
                choices=choices,
                explanation=f.text("explanation", required=False),
                sources=f.sources(),
                **f.location(),
            )
            if question_id in questions:
                other = questions[question_id]
                f.error(
                    f"duplicate question id {question_id!r}: already used at {other.path}:{other.line}", "id"
                )
                continue
            questions[question_id] = question
    return questions
