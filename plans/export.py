"""A learner's data as CSV files in one zip: answers, mock exam attempts, reviews, cards, studied topics
and the plan.

Each table is one function of the learner and the language, returning its header and its rows;
`TABLES` lists them in the zip's order.

Files are UTF-8 with a byte order mark, so a spreadsheet opens the Korean text correctly. Choices
read as their text in the learner's language (the other language where a text is missing), one per
line of the cell; their ids sit in columns of their own for anyone matching rows by machine.
Headings and coded values (sources, verdicts, states, yes and no) are in the learner's language too,
the plain English codes in English (reviews/export.py); keys, ids and numbers never change.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable

from django.utils.translation import pgettext_lazy

from exams.models import AttemptItem
from plans.models import StudyPlan
from quizzes.models import Answer
from reviews import export as review_export
from reviews.models import Card, ReviewSettings
from topics.models import StudiedTopic

Table = tuple[list[str], Iterable[list]]
CHUNK = 2000
OTHER = {"en": "ko", "ko": "en"}
in_language = review_export.in_language
VERDICTS = {
    True: pgettext_lazy("data export verdict", "True"),
    False: pgettext_lazy("data export verdict", "False"),
}
PASSED = {
    True: pgettext_lazy("data export passed", "True"),
    False: pgettext_lazy("data export passed", "False"),
}
# Who ended a sitting (Attempt.EndedBy)
ENDED_BY = {
    "learner": pgettext_lazy("data export", "learner"),
    "deadline": pgettext_lazy("data export", "deadline"),
}


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
    sources, verdicts = in_language(review_export.SOURCES, language), in_language(VERDICTS, language)

    def lines():
        for (
            at, source, key, number, topic, selected, is_correct, choices, stem_en, stem_ko,
        ) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
            correct = [choice["id"] for choice in choices if choice["correct"]]
            yield [
                at.isoformat(),
                sources[source],
                key,
                number,
                _stem(stem_en, stem_ko, language),
                topic or "",
                _texts(choices, selected, language),
                _texts(choices, correct, language),
                verdicts[is_correct],
                " ".join(selected),
                " ".join(correct),
            ]

    header = [
        pgettext_lazy("data export column", "answered_at_utc"),
        pgettext_lazy("data export column", "source"),
        pgettext_lazy("data export column", "question_key"),
        pgettext_lazy("data export column", "question_version"),
        pgettext_lazy("data export column", "question"),
        pgettext_lazy("data export column", "topic"),
        pgettext_lazy("data export column", "selected"),
        pgettext_lazy("data export column", "correct_choices"),
        pgettext_lazy("data export column", "is_correct"),
        pgettext_lazy("data export column", "selected_ids"),
        pgettext_lazy("data export column", "correct_choice_ids"),
    ]
    return in_language(header, language), lines()


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
    verdicts, passes, yes_no = (
        in_language(labels, language) for labels in (VERDICTS, PASSED, review_export.YES_NO)
    )
    ended = in_language(ENDED_BY, language)

    def lines():
        for (
            code, blueprint, exam, started, submitted, ended_by, scaled, passed, position,
            key, number, domain, selected, choices, flagged, scored, is_correct, stem_en, stem_ko,
        ) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
            # The key of an open sitting is not the learner's yet: it shows once the attempt is submitted.
            correct = [c["id"] for c in choices if c["correct"]] if submitted else []
            yield [
                code, blueprint, exam or "", started.isoformat(), submitted.isoformat() if submitted else "",
                ended.get(ended_by, ""), "" if scaled is None else scaled, "" if passed is None else passes[passed],
                position, key, number, _stem(stem_en, stem_ko, language), "" if domain is None else domain,
                _texts(choices, selected, language), _texts(choices, correct, language), yes_no[flagged], yes_no[scored],
                "" if is_correct is None else verdicts[is_correct],
                " ".join(selected), " ".join(correct),
            ]  # fmt: skip

    header = [
        pgettext_lazy("data export column", "attempt"),
        pgettext_lazy("data export column", "blueprint"),
        pgettext_lazy("data export column", "exam"),
        pgettext_lazy("data export column", "started_at_utc"),
        pgettext_lazy("data export column", "submitted_at_utc"),
        pgettext_lazy("data export column", "ended_by"),
        pgettext_lazy("data export column", "scaled_score"),
        pgettext_lazy("data export column", "passed"),
        pgettext_lazy("data export column", "position"),
        pgettext_lazy("data export column", "question_key"),
        pgettext_lazy("data export column", "question_version"),
        pgettext_lazy("data export column", "question"),
        pgettext_lazy("data export column", "domain"),
        pgettext_lazy("data export column", "selected"),
        pgettext_lazy("data export column", "correct_choices"),
        pgettext_lazy("data export column", "flagged"),
        pgettext_lazy("data export column", "scored"),
        pgettext_lazy("data export column", "is_correct"),
        pgettext_lazy("data export column", "selected_ids"),
        pgettext_lazy("data export column", "correct_choice_ids"),
    ]
    return in_language(header, language), lines()


def reviews(user, language: str) -> Table:
    return in_language(review_export.HEADER, language), review_export.review_rows(user, language)


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
    states, yes_no = in_language(review_export.STATES, language), in_language(review_export.YES_NO, language)

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
                key, topic or "", states[state], due.isoformat(), last.isoformat(), round(stability, 4),
                round(difficulty, 4), reps, lapses, yes_no[suspended], yes_no[leech], created.isoformat(),
            ]  # fmt: skip

    header = [
        pgettext_lazy("data export column", "question_key"),
        pgettext_lazy("data export column", "topic"),
        pgettext_lazy("data export column", "state"),
        pgettext_lazy("data export column", "due_utc"),
        pgettext_lazy("data export column", "last_review_utc"),
        pgettext_lazy("data export column", "stability_days"),
        pgettext_lazy("data export column", "difficulty"),
        pgettext_lazy("data export column", "reps"),
        pgettext_lazy("data export column", "lapses"),
        pgettext_lazy("data export column", "suspended"),
        pgettext_lazy("data export column", "leech"),
        pgettext_lazy("data export column", "created_at_utc"),
    ]
    return in_language(header, language), lines()


def studied_topics(user, language: str) -> Table:
    rows = (
        StudiedTopic.objects.filter(user=user)
        .order_by("studied_at", "pk")
        .values_list("topic__slug", "studied_at")
    )
    header = in_language(
        [
            pgettext_lazy("data export column", "topic"),
            pgettext_lazy("data export column", "studied_at_utc"),
        ],
        language,
    )
    return header, ([slug, at.isoformat()] for slug, at in rows)


def plan(user, language: str) -> Table:
    header = in_language(
        [
            pgettext_lazy("data export column", "exam"),
            pgettext_lazy("data export column", "exam_date"),
            pgettext_lazy("data export column", "minutes_per_day"),
            pgettext_lazy("data export column", "started_on"),
            pgettext_lazy("data export column", "desired_retention"),
            pgettext_lazy("data export column", "new_cards_per_day"),
        ],
        language,
    )
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
