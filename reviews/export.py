"""A learner's review history as CSV rows: the progress page's download and the full data export share it.

Headings and coded values (where an answer came from, a rating's name, a card's state, yes and no) read
in the learner's language; in English they are the plain codes they always were, so scripts written
against the English files keep working. Keys, ids and numbers are the same in every language.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import pgettext_lazy

from reviews.models import ReviewLog

HEADER = [
    pgettext_lazy("data export column", "reviewed_at_utc"),
    pgettext_lazy("data export column", "question_key"),
    pgettext_lazy("data export column", "question_version"),
    pgettext_lazy("data export column", "topic"),
    pgettext_lazy("data export column", "source"),
    pgettext_lazy("data export column", "rating"),
    pgettext_lazy("data export column", "rating_name"),
    pgettext_lazy("data export column", "duration_ms"),
    pgettext_lazy("data export column", "state_before"),
    pgettext_lazy("data export column", "stability_days"),
    pgettext_lazy("data export column", "difficulty"),
    pgettext_lazy("data export column", "due_utc"),
]
STATES = {
    0: pgettext_lazy("data export", "new"),
    1: pgettext_lazy("data export", "learning"),
    2: pgettext_lazy("data export", "review"),
    3: pgettext_lazy("data export", "relearning"),
}
RATING_NAMES = {
    1: pgettext_lazy("data export", "again"),
    2: pgettext_lazy("data export", "hard"),
    3: pgettext_lazy("data export", "good"),
    4: pgettext_lazy("data export", "easy"),
}
# Where an answer was given (Answer.Source)
SOURCES = {
    "practice": pgettext_lazy("data export", "practice"),
    "exam": pgettext_lazy("data export", "exam"),
    "review": pgettext_lazy("data export", "review"),
}
YES_NO = {True: pgettext_lazy("data export", "True"), False: pgettext_lazy("data export", "False")}


def in_language(labels, language: str):
    """A list of headings or a map of code -> label, as plain strings in `language` (resolved once, not per row)."""
    with translation.override(language):
        if isinstance(labels, dict):
            return {code: str(label) for code, label in labels.items()}
        return [str(label) for label in labels]


def review_rows(user, language: str) -> Iterator[list]:
    """One row per review, oldest first, read in chunks (a long history never sits in memory whole)."""
    states, ratings, sources = (in_language(labels, language) for labels in (STATES, RATING_NAMES, SOURCES))
    rows = (
        ReviewLog.objects.filter(user=user)
        .order_by("reviewed_at", "pk")
        .values_list(
            "reviewed_at",
            "card__question__key",
            "version__number",
            "card__question__topic__slug",
            "source",
            "rating",
            "duration_ms",
            "state_before",
            "stability",
            "difficulty",
            "due",
        )
    )
    for at, key, number, topic, source, rating, duration, state, stability, difficulty, due in rows.iterator(
        chunk_size=2000
    ):
        yield [
            at.isoformat(),
            key,
            number,
            topic or "",
            sources[source],
            rating,
            ratings[rating],
            "" if duration is None else duration,
            states[state],
            round(stability, 4),
            round(difficulty, 4),
            due.isoformat(),
        ]
