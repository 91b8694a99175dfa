"""The review session's writes: answer a due or new card, amend a right answer's rating, undo the last
review, restore a card. Each in one transaction, on top of `recording`."""

from __future__ import annotations

import random
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from quizzes.models import Answer, Question, QuestionVersion
from quizzes.services import check_selection
from reviews import scheduling
from reviews.models import MEMORY_FIELDS, Card, ReviewLog
from reviews.services.recording import (
    CARD_WRITE_FIELDS,
    MAX_DURATION_MS,
    TOPIC_TEXTS,
    NothingToUndo,
    RatingLocked,
    Reviewed,
    _locked_cards,
    _Pending,
    _review,
    _settings_of,
)


def choice_order(*, user_id: int, question_id: int, reps: int, version: QuestionVersion) -> list[str]:
    """The order a review shows the choices in: shuffled, and the same again until the card is reviewed."""
    order = [choice["id"] for choice in version.choices]
    random.Random(f"review:{user_id}:{question_id}:{reps}").shuffle(order)
    return order


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
    check_selection(version, selected)
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
