"""Writes of spaced repetition: answers become reviews (`recording`); the review session answers,
amends and undoes (`session`)."""

from reviews.services.recording import (
    CARD_WRITE_FIELDS,
    MAX_DURATION_MS,
    TOPIC_TEXTS,
    NothingToUndo,
    RatingLocked,
    Reviewed,
    ReviewRefused,
    record_answers,
)
from reviews.services.session import (
    amend_rating,
    answer_card,
    answer_new,
    choice_order,
    duration_since,
    restore_card,
    undo_last_review,
)

__all__ = [
    "CARD_WRITE_FIELDS",
    "MAX_DURATION_MS",
    "TOPIC_TEXTS",
    "NothingToUndo",
    "RatingLocked",
    "ReviewRefused",
    "Reviewed",
    "amend_rating",
    "answer_card",
    "answer_new",
    "choice_order",
    "duration_since",
    "record_answers",
    "restore_card",
    "undo_last_review",
]
