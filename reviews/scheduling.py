"""The FSRS glue: our stored memory state in and out of the `fsrs` library, ratings, leeches.

Django-free on purpose: plain values in, plain values out, so it is tested without a database.
Everything the library needs is passed in (times in UTC, the learner's retention and parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

# A card that has never been reviewed. fsrs has no such state (a new Card is Learning, step 0,
# without stability); we keep 0 for it in the review log's "state before".
NEW = 0
LEARNING, REVIEW, RELEARNING = int(State.Learning), int(State.Review), int(State.Relearning)
AGAIN, HARD, GOOD, EASY = int(Rating.Again), int(Rating.Hard), int(Rating.Good), int(Rating.Easy)
RATINGS = (AGAIN, HARD, GOOD, EASY)

# A learning or relearning card due this soon counts as due now (Anki's "learn ahead" limit), so a
# question answered wrongly comes back in the same sitting instead of ending the session.
LEARN_AHEAD = timedelta(minutes=20)
# The 8th lapse flags and suspends a card; once put back, every 4th lapse after that does again (as Anki).
LEECH_LAPSES = 8
LEECH_AGAIN_EVERY = 4
# A card counts as mastered when its memory lasts three weeks (stability in days).
MASTERED_STABILITY = 21.0
DEFAULT_RETENTION = 0.9


@dataclass(frozen=True)
class Memory:
    """What we store per card: the library's state plus our counters."""

    state: int
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    reps: int = 0
    lapses: int = 0

    def as_dict(self) -> dict:
        """JSON-ready, for the review log's snapshot of the card before a review (undo, amend)."""
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat(),
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Memory:
        return cls(
            state=data["state"],
            step=data["step"],
            stability=data["stability"],
            difficulty=data["difficulty"],
            due=utc(datetime.fromisoformat(data["due"])),
            last_review=utc(datetime.fromisoformat(data["last_review"])),
            reps=data["reps"],
            lapses=data["lapses"],
        )


def utc(moment: datetime) -> datetime:
    """fsrs accepts only `datetime.timezone.utc` (not ZoneInfo("UTC"), not naive times)."""
    if moment.tzinfo is None:
        raise ValueError("a review time must be timezone-aware")
    return moment.astimezone(UTC)


def clamp_parameters(parameters) -> list[float]:
    """Fitted weights come back as float32 from fsrs-rs; keep them inside py-fsrs's accepted bounds."""
    return [
        min(max(float(value), low), high)
        for value, low, high in zip(parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    ]


def scheduler(
    *, desired_retention: float = DEFAULT_RETENTION, parameters=None, fuzzing: bool = True
) -> Scheduler:
    """The learner's scheduler: their retention and (optimised) parameters, the library's steps."""
    return Scheduler(
        parameters=tuple(parameters) if parameters else DEFAULT_PARAMETERS,
        desired_retention=desired_retention,
        enable_fuzzing=fuzzing,
    )


def rating_for(*, is_correct: bool, chosen: int | None = None) -> int:
    """Wrong is Again, whatever the learner says; right is Good unless they chose Hard or Easy."""
    if not is_correct:
        return AGAIN
    if chosen is None:
        return GOOD
    if chosen not in (HARD, GOOD, EASY):
        raise ValueError(f"a right answer is rated Hard, Good or Easy, not {chosen}")
    return chosen


def review(memory: Memory | None, rating: int, at: datetime, sched: Scheduler) -> Memory:
    """The memory after one review at `at` (None: the card's first review)."""
    at = utc(at)
    if memory is None:
        card = Card(card_id=1, due=at)
    else:
        card = Card(
            card_id=1,  # the library sleeps 1 ms to invent an id when none is given
            state=State(memory.state),
            step=memory.step,
            stability=memory.stability,
            difficulty=memory.difficulty,
            due=utc(memory.due),
            last_review=utc(memory.last_review),
        )
    card, _log = sched.review_card(card, Rating(rating), review_datetime=at)
    lapsed = memory is not None and memory.state == REVIEW and rating == AGAIN
    return Memory(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=(memory.reps if memory else 0) + 1,
        lapses=(memory.lapses if memory else 0) + (1 if lapsed else 0),
    )


def preview(memory: Memory | None, at: datetime, sched: Scheduler) -> dict[int, timedelta]:
    """How long until the card comes back for each rating, without fuzz (shown on the rating buttons)."""
    plain = scheduler(desired_retention=sched.desired_retention, parameters=sched.parameters, fuzzing=False)
    return {rating: review(memory, rating, at, plain).due - utc(at) for rating in RATINGS}


def becomes_leech(lapses_before: int, lapses_after: int) -> bool:
    """True when this review's lapse reaches the threshold (8), or another 4 lapses after it."""
    if lapses_after <= lapses_before or lapses_after < LEECH_LAPSES:
        return False
    return (lapses_after - LEECH_LAPSES) % LEECH_AGAIN_EVERY == 0


def decay_of(parameters) -> float:
    return (parameters or DEFAULT_PARAMETERS)[20]


def retrievability(*, stability: float, last_review: datetime, at: datetime, decay: float) -> float:
    """Predicted chance of recall at `at` (FSRS-6 power forgetting curve), over fractional days.

    The library rounds elapsed time down to whole days; ordering a queue needs the finer value.
    """
    elapsed = max(0.0, (at - last_review).total_seconds() / 86400)
    factor = 0.9 ** (1 / -decay) - 1
    return (1 + factor * elapsed / stability) ** -decay


def interval_factor(desired_retention: float, decay: float = DEFAULT_PARAMETERS[20]) -> float:
    """The interval, as a multiple of stability, that a desired retention asks for (1.0 at 0.90)."""
    factor = 0.9 ** (1 / -decay) - 1
    return (desired_retention ** (1 / -decay) - 1) / factor


def workload_table(retentions=(0.70, 0.80, 0.85, 0.90, 0.95, 0.97), stability: float = 10.0) -> list[dict]:
    """For the settings page: how far apart reviews fall, and how many more or fewer, at each retention."""
    rows = []
    for retention in retentions:
        factor = interval_factor(retention)
        rows.append(
            {
                "retention": retention,
                "percent": round(retention * 100),
                "days": max(1, round(stability * factor)),
                "relative": 1 / factor,  # reviews per unit of time, against 0.90
            }
        )
    return rows


def is_mastered(stability: float | None) -> bool:
    return stability is not None and stability >= MASTERED_STABILITY
