"""Cards for answers given before spaced repetition existed: replay each learner's answers in order.

Used by the data migration (with the historical models it passes in) and by `manage.py build_cards`.
Idempotent: a (learner, question) pair that already has a card is left alone, so running it again
creates nothing. Ratings are what the answers say (wrong: Again, right: Good); scheduling uses the
default parameters without fuzz, so the replay is deterministic.
"""

from __future__ import annotations

from itertools import groupby

from reviews import scheduling


def replay_answers(*, Answer, Card, ReviewLog, batch: int = 2000, progress=None) -> int:
    """Create the missing cards and their review logs; return how many cards were made."""
    sched = scheduling.scheduler(fuzzing=False)
    have = set(Card.objects.values_list("user_id", "question_id"))
    answers = (
        Answer.objects.exclude(selected=[])
        .order_by("user_id", "question_id", "answered_at", "pk")
        .values_list("pk", "user_id", "question_id", "version_id", "is_correct", "source", "answered_at")
        .iterator(chunk_size=batch)
    )
    made, cards, logs = 0, [], []

    def flush():
        Card.objects.bulk_create(cards)
        for log in logs:
            log.card_id = log.card.pk
        ReviewLog.objects.bulk_create(logs)
        cards.clear()
        logs.clear()

    for key, rows in groupby(answers, key=lambda row: (row[1], row[2])):
        if key in have:
            continue
        card = Card(user_id=key[0], question_id=key[1])
        memory = None
        for pk, user_id, _question_id, version_id, is_correct, source, answered_at in rows:
            rating = scheduling.rating_for(is_correct=is_correct)
            before, memory = memory, scheduling.review(memory, rating, answered_at, sched)
            logs.append(
                ReviewLog(
                    card=card,
                    user_id=user_id,
                    answer_id=pk,
                    version_id=version_id,
                    source=source,
                    rating=rating,
                    reviewed_at=memory.last_review,
                    state_before=before.state if before else scheduling.NEW,
                    before=(before.as_dict() | {"leech": card.leech, "suspended": card.suspended})
                    if before
                    else None,
                    stability=memory.stability,
                    difficulty=memory.difficulty,
                    due=memory.due,
                )
            )
            if scheduling.becomes_leech(before.lapses if before else 0, memory.lapses):
                card.leech = card.suspended = True
        _fill(card, memory)
        cards.append(card)
        made += 1
        if len(cards) >= batch:
            flush()
            if progress:
                progress(made)
    flush()
    return made


def _fill(card, memory: scheduling.Memory) -> None:
    card.state, card.step = memory.state, memory.step
    card.stability, card.difficulty = memory.stability, memory.difficulty
    card.due, card.last_review = memory.due, memory.last_review
    card.reps, card.lapses = memory.reps, memory.lapses
