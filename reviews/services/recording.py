"""Answers become reviews: the learner's cards read (locked) and written with their review logs.

Every function here runs inside one transaction with the answer it reviews, so an answer and its
card change commit together (the answers_recorded receiver calls `record_answers` inside the
transaction that stored the answers).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from quizzes.models import Answer
from reviews import scheduling
from reviews.models import MEMORY_FIELDS, Card, ReviewLog, ReviewSettings
from studyapp import rows
from studyapp.rows import Shape

CARD_WRITE_FIELDS = (*MEMORY_FIELDS, "leech", "suspended")
# The long texts of a question's topic, which review feedback (a link to the topic) never reads.
TOPIC_TEXTS = [
    f"topic__{name}"
    for name in (
        "summary_en",
        "summary_ko",
        "body_en",
        "body_ko",
        "html_en",
        "html_ko",
        "toc_en",
        "toc_ko",
        "sidebar",
        "keywords",
        "search_vector",
    )
]
# Longer than this between showing a question and answering it is a learner who walked away.
MAX_DURATION_MS = 30 * 60 * 1000


class ReviewRefused(Exception):
    """Base of the reasons a review action is refused; views match the subclasses by type."""


class NothingToUndo(ReviewRefused):
    """No review-session review to undo, or the card has been reviewed again since (elsewhere)."""


class RatingLocked(ReviewRefused):
    """The rating cannot change: the answer was wrong (always Again), or the card moved on since."""


@dataclass
class Reviewed:
    card: Card
    log: ReviewLog
    became_leech: bool = False
    settings: ReviewSettings | None = None


@dataclass
class _Pending:
    """One answer to turn into a review."""

    question_id: int
    version_id: int
    rating: int
    at: datetime
    source: str
    answer: Answer | None = None
    duration_ms: int | None = None
    choice_order: list[str] | None = None


# One question's card (locked) and the learner's settings: a practice answer's or a review's read.
_CARD_COLUMNS = tuple(field.attname for field in Card._meta.concrete_fields)
_CARD_AND_SETTINGS = Shape(
    (Card, _CARD_COLUMNS), (ReviewSettings, tuple(f.attname for f in ReviewSettings._meta.concrete_fields))
)


@functools.cache
def _card_and_settings_sql() -> str:
    """Always one row: the learner's card of one question (locked) or nulls, and their saved settings or
    nulls. A question new to the learner costs no second read; no lock on the nullable side of a join."""
    qn = connection.ops.quote_name
    card, settings = Card._meta, ReviewSettings._meta
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    columns = _CARD_AND_SETTINGS.columns("c", Card) + _CARD_AND_SETTINGS.columns("s", ReviewSettings)
    return (
        f"SELECT {', '.join(columns)} FROM (SELECT 1 AS one) o"
        f" LEFT JOIN (SELECT {', '.join(qn(f.column) for f in card.concrete_fields)} FROM {qn(card.db_table)}"
        f" WHERE {qn(card.get_field('user').column)} = %s AND {qn(card.get_field('question').column)} = %s{lock})"
        f" c ON 1 = 1 LEFT JOIN {qn(settings.db_table)} s ON s.{qn(settings.pk.column)} = %s"
    )


# Several cards' read: the cards and, through the user's key alone, their settings (never the user row).
_LOCKED_CARD_FIELDS = (
    *(f.name for f in Card._meta.concrete_fields),
    "user__id",
    *(f"user__review_settings__{f.name}" for f in ReviewSettings._meta.concrete_fields),
)


def _settings_of(card: Card | None, user_id: int) -> ReviewSettings:
    """The settings joined to a locked card (no extra query), else read (or defaults)."""
    if card is not None:
        try:
            return card.user.review_settings
        except ReviewSettings.DoesNotExist:
            return ReviewSettings(user_id=user_id)
    return ReviewSettings.objects.filter(user_id=user_id).first() or ReviewSettings(user_id=user_id)


def _locked_cards(user_id: int, question_ids) -> tuple[dict[int, Card], ReviewSettings]:
    """The learner's cards of these questions, locked, and the learner's settings: one read for one
    question, one or two for several."""
    if len(question_ids) == 1:
        (question_id,) = question_ids
        with rows.cursor() as cursor:
            cursor.execute(_card_and_settings_sql(), [user_id, question_id, user_id])
            card, settings = _CARD_AND_SETTINGS.instances(cursor.fetchone())
        return ({question_id: card} if card else {}), settings or ReviewSettings(user_id=user_id)
    cards = {
        card.question_id: card
        for card in Card.objects.select_for_update(of=("self",))
        .select_related("user__review_settings")
        .only(*_LOCKED_CARD_FIELDS)
        .filter(user_id=user_id, question_id__in=question_ids)
    }
    return cards, _settings_of(next(iter(cards.values()), None), user_id)


def _apply(card: Card | None, user_id: int, pending: _Pending, sched) -> tuple[Card, ReviewLog, bool]:
    """Review one card in memory (no query). Returns the card (new or changed), its log, and leech news."""
    before = card.memory if card is not None else None
    memory = scheduling.review(before, pending.rating, pending.at, sched)
    if card is None:
        card = Card(user_id=user_id, question_id=pending.question_id)
        snapshot = None
    else:
        snapshot = before.as_dict() | {"leech": card.leech, "suspended": card.suspended}
    card.set_memory(memory)
    became_leech = scheduling.becomes_leech(before.lapses if before else 0, memory.lapses)
    if became_leech:
        card.leech = card.suspended = True
    log = ReviewLog(
        card=card,
        user_id=user_id,
        answer=pending.answer,
        version_id=pending.version_id,
        source=pending.source,
        rating=pending.rating,
        reviewed_at=memory.last_review,
        duration_ms=pending.duration_ms,
        state_before=before.state if before else scheduling.NEW,
        before=snapshot,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=memory.due,
        choice_order=pending.choice_order,
    )
    return card, log, became_leech


def _review(user_id: int, pending: list[_Pending], cards: dict[int, Card] | None = None) -> list[Reviewed]:
    """Review several answers of one learner with a fixed number of queries, however many there are."""
    if cards is None:
        cards, settings = _locked_cards(user_id, {p.question_id for p in pending})
    else:
        settings = _settings_of(next(iter(cards.values()), None), user_id)
    sched = settings.scheduler()
    new_cards, changed, results = {}, {}, []
    for item in sorted(pending, key=lambda p: p.at):
        card, log, became_leech = _apply(cards.get(item.question_id), user_id, item, sched)
        cards[item.question_id] = card
        (new_cards if card.pk is None else changed)[item.question_id] = card
        results.append(Reviewed(card, log, became_leech, settings))
    # One answer (practice, a review) writes with statements written once (studyapp.rows): on PostgreSQL
    # the card and its log in one statement; an exam's many in bulk. Two tabs answering a learner's new
    # question at once must not fail: one answer's card that another tab made meanwhile is read again,
    # locked, and reviewed on top; in bulk the later wins.
    if len(pending) == 1:
        ((card, log),) = [(result.card, result.log) for result in results]
        if not _write_one(card, log, new=bool(new_cards)):
            return _review(user_id, pending)
        return results
    if new_cards:
        Card.objects.bulk_create(
            new_cards.values(),
            update_conflicts=True,
            unique_fields=["user", "question"],
            update_fields=CARD_WRITE_FIELDS,
        )
    if changed:
        Card.objects.bulk_update(changed.values(), CARD_WRITE_FIELDS)
    logs = [result.log for result in results]
    for log in logs:
        log.card_id = log.card.pk
    ReviewLog.objects.bulk_create(logs)
    return results


def _write_one(card: Card, log: ReviewLog, *, new: bool) -> bool:
    """Write one reviewed card and its log; False, with nothing written, when the card is new here but
    another transaction has just made it."""
    if rows.chains():
        if new:
            sql, fields = rows.insert_statement(Card, conflict=("user", "question"))
            first = (sql, rows.values(card, fields, adding=True))
        else:
            sql, fields = rows.update_statement(Card, CARD_WRITE_FIELDS)
            first = (sql, [*rows.values(card, fields, adding=False), card.pk])
        if not rows.insert_after(first, log, "card"):
            return False
        if new:
            rows.saved(card, log.card_id)
        return True
    if new and not rows.insert(card, conflict=("user", "question")):
        return False
    if not new:
        rows.update(card, CARD_WRITE_FIELDS)
    log.card_id = card.pk
    rows.insert(log)
    return True


def record_answers(*, answers: list[Answer]) -> list[Reviewed]:
    """Turn stored answers (practice, mock exam) into reviews of the learners' cards.

    Called by the answers_recorded receiver inside the transaction that stored them. An exam
    question left unanswered says nothing about memory (the learner ran out of time), so it is skipped.
    """
    by_user: dict[int, list[_Pending]] = {}
    for answer in answers:
        if not answer.selected:
            continue
        by_user.setdefault(answer.user_id, []).append(
            _Pending(
                question_id=answer.question_id,
                version_id=answer.version_id,
                rating=scheduling.rating_for(is_correct=answer.is_correct),
                at=answer.answered_at,
                source=answer.source,
                answer=answer,
            )
        )
    results = []
    for user_id, pending in by_user.items():
        results += _review(user_id, pending)
    return results
