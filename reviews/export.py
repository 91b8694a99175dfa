"""A learner's review history as CSV rows: the progress page's download and the full data export share it."""

from __future__ import annotations

from collections.abc import Iterator

from reviews.models import ReviewLog

HEADER = [
    "reviewed_at_utc",
    "question_key",
    "question_version",
    "topic",
    "source",
    "rating",
    "rating_name",
    "duration_ms",
    "state_before",
    "stability_days",
    "difficulty",
    "due_utc",
]
STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def review_rows(user) -> Iterator[list]:
    """One row per review, oldest first, read in chunks (a long history never sits in memory whole)."""
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
            source,
            rating,
            RATING_NAMES[rating],
            "" if duration is None else duration,
            STATES[state],
            round(stability, 4),
            round(difficulty, 4),
            due.isoformat(),
        ]
