"""A learner's data as CSV files in one zip: answers, mock exam attempts, reviews, cards, studied topics
and the plan.

Each table is one function of the learner and the language, returning its header and its rows;
`TABLES` lists them in the zip's order.

Files are UTF-8 with a byte order mark, so a spreadsheet opens the Korean text correctly. Choices
read as their text in the learner's language (the other language where a text is missing), one per
line of the cell; their ids sit in columns of their own for anyone matching rows by machine.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable

from exams.models import AttemptItem
from plans.models import StudyPlan
from quizzes.models import Answer
from reviews import export as review_export
from reviews.models import Card, ReviewSettings
from topics.models import StudiedTopic

Table = tuple[list[str], Iterable[list]]
CHUNK = 2000
OTHER = {"en": "ko", "ko": "en"}


def _texts(choices: list[dict], ids, language: str) -> str:
    """The texts of the choices with these ids, in the version's order, one per line of the cell."""
    wanted = set(ids)
    return "\n".join(
        c.get(f"text_{language}") or c.get(f"text_{OTHER[language]}") or c["id"]
        for c in choices
        if c["id"] in wanted
    )


def _stem(en: str, ko: str, language: str) -> str:
    """The question as the learner read it, in their language (the other where a text is missing)."""
    return (ko or en) if language == "ko" else (en or ko)


def answers(user, language: str) -> Table:
    """Every answer, oldest first: practice, mock exam and review session."""
    rows = (
        Answer.objects.filter(user=user)
        .order_by("answered_at", "pk")
        .values_list(
            "answered_at", "source", "question__key", "version__number", "question__topic__slug",
            "selected", "is_correct", "version__choices", "version__stem_en", "version__stem_ko",
        )
    )  # fmt: skip

    def lines():
        for (
            at, source, key, number, topic, selected, is_correct, choices, stem_en, stem_ko,
        ) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
            correct = [choice["id"] for choice in choices if choice["correct"]]
            yield [
                at.isoformat(),
                source,
                key,
                number,
                _stem(stem_en, stem_ko, language),
                topic or "",
                _texts(choices, selected, language),
                _texts(choices, correct, language),
                is_correct,
                " ".join(selected),
                " ".join(correct),
            ]

    header = [
        "answered_at_utc", "source", "question_key", "question_version", "question", "topic",
        "selected", "correct_choices", "is_correct", "selected_ids", "correct_choice_ids",
    ]  # fmt: skip
    return header, lines()


def attempts(user, language: str) -> Table:
    """Every mock exam sitting, one row per question: what was shown, picked, flagged, and the result."""
    rows = (
        AttemptItem.objects.filter(attempt__user=user)
        .order_by("attempt__started_at", "attempt__pk", "position")
        .values_list(
            "attempt__code", "attempt__blueprint__slug", "attempt__blueprint__exam__code", "attempt__started_at",
            "attempt__submitted_at", "attempt__ended_by", "attempt__scaled", "attempt__passed", "position",
            "question__key", "version__number", "domain__number", "selected", "version__choices", "flagged",
            "scored", "is_correct", "version__stem_en", "version__stem_ko",
        )
    )  # fmt: skip

    def lines():
        for (
            code, blueprint, exam, started, submitted, ended_by, scaled, passed, position,
            key, number, domain, selected, choices, flagged, scored, is_correct, stem_en, stem_ko,
        ) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
            # The key of an open sitting is not the learner's yet: it shows once the attempt is submitted.
            correct = [c["id"] for c in choices if c["correct"]] if submitted else []
            yield [
                code, blueprint, exam or "", started.isoformat(), submitted.isoformat() if submitted else "",
                ended_by, "" if scaled is None else scaled, "" if passed is None else passed, position, key, number,
                _stem(stem_en, stem_ko, language), "" if domain is None else domain, _texts(choices, selected, language),
                _texts(choices, correct, language), flagged, scored, "" if is_correct is None else is_correct,
                " ".join(selected), " ".join(correct),
            ]  # fmt: skip

    header = [
        "attempt", "blueprint", "exam", "started_at_utc", "submitted_at_utc", "ended_by", "scaled_score",
        "passed", "position", "question_key", "question_version", "question", "domain", "selected", "correct_choices",
        "flagged", "scored", "is_correct", "selected_ids", "correct_choice_ids",
    ]  # fmt: skip
    return header, lines()


def reviews(user, language: str) -> Table:
    return review_export.HEADER, review_export.review_rows(user)


def cards(user, language: str) -> Table:
    """Every card and its memory as FSRS last left it."""
    rows = (
        Card.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list(
            "question__key", "question__topic__slug", "state", "due", "last_review", "stability",
            "difficulty", "reps", "lapses", "suspended", "leech", "created_at",
        )
    )  # fmt: skip

    def lines():
        for (
            key,
            topic,
            state,
            due,
            last,
            stability,
            difficulty,
            reps,
            lapses,
            suspended,
            leech,
            created,
        ) in rows.iterator(chunk_size=CHUNK):
            yield [
                key, topic or "", review_export.STATES[state], due.isoformat(), last.isoformat(),
                round(stability, 4), round(difficulty, 4), reps, lapses, suspended, leech, created.isoformat(),
            ]  # fmt: skip

    header = [
        "question_key", "topic", "state", "due_utc", "last_review_utc", "stability_days", "difficulty",
        "reps", "lapses", "suspended", "leech", "created_at_utc",
    ]  # fmt: skip
    return header, lines()


def studied_topics(user, language: str) -> Table:
    rows = (
        StudiedTopic.objects.filter(user=user)
        .order_by("studied_at", "pk")
        .values_list("topic__slug", "studied_at")
    )
    return ["topic", "studied_at_utc"], ([slug, at.isoformat()] for slug, at in rows)


def plan(user, language: str) -> Table:
    header = ["exam", "exam_date", "minutes_per_day", "started_on", "desired_retention", "new_cards_per_day"]
    found = StudyPlan.objects.select_related("exam").filter(user=user).first()
    settings = ReviewSettings.for_user(user)
    exam_date = settings.exam_date.isoformat() if settings.exam_date else ""
    if found is None:
        return header, [["", exam_date, "", "", settings.desired_retention, settings.new_cards_per_day]]
    return header, [
        [
            found.exam.code,
            exam_date,
            found.minutes_per_day,
            found.started_on.isoformat(),
            settings.desired_retention,
            settings.new_cards_per_day,
        ]
    ]


TABLES: list[tuple[str, Callable[..., Table]]] = [
    ("answers.csv", answers),
    ("attempts.csv", attempts),
    ("reviews.csv", reviews),
    ("cards.csv", cards),
    ("studied-topics.csv", studied_topics),
    ("plan.csv", plan),
]


def write_zip(user, file, language: str = "en") -> None:
    """Write every table of the learner's into `file` (a path or a binary file object) as a zip, choices
    in `language`."""
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in TABLES:
            header, rows = table(user, language)
            with (
                archive.open(name, "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
            ):
                writer = csv.writer(text)
                writer.writerow(header)
                writer.writerows(rows)
