"""Writes of spaced repetition: answers become reviews, ratings are amended, the last review undone.

Every function here runs inside one transaction with the answer it reviews, so an answer and its
card change commit together (the answers_recorded receiver calls `record_answers` inside the
transaction that stored the answers).
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from quizzes.models import Answer, Question, QuestionVersion
from quizzes.services import NotAChoice, WrongCount
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
    # One answer (practice, a review) writes with statements written once (studyapp.rows); an exam's
    # many in bulk. Two tabs answering a learner's new question at once must not fail: one answer's card
    # that another tab made meanwhile is read again, locked, and reviewed on top; in bulk the later wins.
    if len(new_cards) == 1 and len(pending) == 1:
        if not rows.insert(next(iter(new_cards.values())), conflict=("user", "question")):
            return _review(user_id, pending)
    elif new_cards:
        Card.objects.bulk_create(
            new_cards.values(),
            update_conflicts=True,
            unique_fields=["user", "question"],
            update_fields=CARD_WRITE_FIELDS,
        )
    if len(changed) == 1:
        rows.update(next(iter(changed.values())), CARD_WRITE_FIELDS)
    elif changed:
        Card.objects.bulk_update(changed.values(), CARD_WRITE_FIELDS)
    logs = [result.log for result in results]
    for log in logs:
        log.card_id = log.card.pk
    if len(logs) == 1:
        rows.insert(logs[0])
    else:
        ReviewLog.objects.bulk_create(logs)
    return results


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


# --------------------------------------------------------------------------------------------- review session


def choice_order(*, user_id: int, question_id: int, reps: int, version: QuestionVersion) -> list[str]:
    """The order a review shows the choices in: shuffled, and the same again until the card is reviewed."""
    order = [choice["id"] for choice in version.choices]
    random.Random(f"review:{user_id}:{question_id}:{reps}").shuffle(order)
    return order


def check_selection(question: Question, version: QuestionVersion, selected: list[str]) -> None:
    """Refuse a tampered or incomplete selection the same way practice does."""
    valid = {choice["id"] for choice in version.choices}
    if len(set(selected)) != len(selected) or not set(selected) <= valid:
        raise NotAChoice(selected)
    if len(selected) != version.choose:  # what the version shown asks, even after an edit of the question
        raise WrongCount(len(selected))


def duration_since(shown_ms: int | None, now: datetime) -> int | None:
    if shown_ms is None:
        return None
    duration = int(now.timestamp() * 1000) - shown_ms
    return duration if 0 <= duration <= MAX_DURATION_MS else None


def _version_shown(question: Question, number: int | None) -> QuestionVersion:
    """The version the learner saw: usually the current one; an older one if it changed meanwhile."""
    current = question.current_version
    if number is None or number == current.number:
        return current
    return QuestionVersion.objects.filter(question=question, number=number).first() or current


def _session_review(
    *, user, question: Question, card: Card | None, cards: dict, selected, version_number, shown_ms
) -> Reviewed:
    version = _version_shown(question, version_number)
    check_selection(question, version, selected)
    now = timezone.now()
    order = choice_order(
        user_id=user.pk, question_id=question.pk, reps=card.reps if card else 0, version=version
    )
    answer = Answer.objects.create(
        user=user,
        question=question,
        version=version,
        selected=sorted(selected),
        is_correct=set(selected) == version.correct_ids,
        source=Answer.Source.REVIEW,
        answered_at=now,
    )
    pending = _Pending(
        question_id=question.pk,
        version_id=version.pk,
        rating=scheduling.rating_for(is_correct=answer.is_correct),
        at=now,
        source=Answer.Source.REVIEW,
        answer=answer,
        duration_ms=duration_since(shown_ms, now),
        choice_order=order,
    )
    (result,) = _review(user.pk, [pending], cards)
    result.card.question = question
    result.log.version = version
    return result


@transaction.atomic
def answer_card(*, user, code, selected: list[str], version_number=None, shown_ms=None) -> Reviewed:
    """Answer one of the learner's cards in a review session. Raises Card.DoesNotExist for strangers."""
    card = (
        Card.objects.select_for_update(of=("self",))
        .select_related("question__current_version", "question__topic", "user__review_settings")
        .defer(*(f"question__{name}" for name in TOPIC_TEXTS))
        .get(code=code, user=user)
    )
    return _session_review(
        user=user,
        question=card.question,
        card=card,
        cards={card.question_id: card},
        selected=selected,
        version_number=version_number,
        shown_ms=shown_ms,
    )


@transaction.atomic
def answer_new(
    *, user, question: Question, selected: list[str], version_number=None, shown_ms=None
) -> Reviewed:
    """Answer a question the learner meets for the first time in a review session (it becomes a card)."""
    cards, _settings = _locked_cards(user.pk, [question.pk])  # another tab may have made it a card meanwhile
    return _session_review(
        user=user,
        question=question,
        card=cards.get(question.pk),
        cards=cards,
        selected=selected,
        version_number=version_number,
        shown_ms=shown_ms,
    )


@transaction.atomic
def amend_rating(*, user, code, rating: int) -> Reviewed:
    """Change a right answer's rating (Hard, Good, Easy) while it is still the card's latest review.

    The card goes back to the state kept in the log and is reviewed again at the same moment with the
    new rating, so the result is exactly what that rating would have given. Raises
    ReviewLog.DoesNotExist for strangers and RatingLocked when the rating cannot change.
    """
    log = (
        ReviewLog.objects.select_for_update(of=("self", "card"))
        .select_related("card", "card__user__review_settings")
        .get(code=code, user=user)
    )
    card = log.card
    if log.rating == scheduling.AGAIN or rating not in (scheduling.HARD, scheduling.GOOD, scheduling.EASY):
        raise RatingLocked("a wrong answer is always Again")
    if card.last_review != log.reviewed_at or card.reps != (log.before or {}).get("reps", 0) + 1:
        raise RatingLocked("the card has been reviewed again since")
    settings = _settings_of(card, user.pk)
    if rating == log.rating:
        return Reviewed(card, log, settings=settings)
    before = scheduling.Memory.from_dict(log.before) if log.before else None
    memory = scheduling.review(before, rating, log.reviewed_at, settings.scheduler())
    card.set_memory(memory)
    card.save(update_fields=MEMORY_FIELDS)
    log.rating = rating
    log.stability, log.difficulty, log.due = memory.stability, memory.difficulty, memory.due
    log.save(update_fields=["rating", "stability", "difficulty", "due"])
    return Reviewed(card, log, settings=settings)


@transaction.atomic
def undo_last_review(*, user, code=None) -> Card | None:
    """Take back the learner's latest review-session review: the card returns to how it was, the
    answer is removed. Returns the card (None when it was new and so is gone again).

    With `code`, only that review is taken back, and only while it is still the latest (a page left
    open must not undo a later review)."""
    log = (
        ReviewLog.objects.select_for_update(of=("self", "card"))
        .select_related("card")
        .filter(user=user, source=Answer.Source.REVIEW)
        .order_by("-reviewed_at", "-pk")
        .first()
    )
    if (
        log is None
        or log.card.last_review != log.reviewed_at
        or (code is not None and str(log.code) != str(code))
    ):
        raise NothingToUndo()
    card, answer_id = log.card, log.answer_id
    log.delete()
    if log.before is None:
        card.delete()
        card = None
    else:
        card.set_memory(scheduling.Memory.from_dict(log.before))
        card.leech, card.suspended = log.before["leech"], log.before["suspended"]
        card.save(update_fields=CARD_WRITE_FIELDS)
    if answer_id is not None:
        Answer.objects.filter(pk=answer_id, source=Answer.Source.REVIEW).delete()
    return card


def restore_card(*, user, code) -> Card:
    """Put a suspended leech back into the reviews (its lapses stay; four more suspend it again)."""
    card = Card.objects.get(code=code, user=user)
    if card.suspended:
        card.suspended = False
        card.save(update_fields=["suspended"])
    return card
