"""The daily review session's queue: due cards first (least likely remembered first), then new ones.

"Today" is the learner's calendar day in the site's time zone (TIME_ZONE). Review cards due any
time today are shown; learning cards (minutes apart) once they are due, or up to 20 minutes early
when nothing else is left. The daily
limits count only what the review session did today: reviews of review-state cards against the
maximum, first answers of new questions against the new-card limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from quizzes.models import Answer, Question
from reviews import scheduling
from reviews.models import Card, ReviewLog, ReviewSettings
from topics.models import StudiedTopic


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start and end of the learner's day containing `now` (aware datetimes)."""
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


@dataclass
class DueCard:
    pk: int
    code: str
    state: int
    due: datetime
    retrievability: float


@dataclass
class Queue:
    cards: list[DueCard] = field(default_factory=list)  # eligible now, in the order to review them
    held_back: int = 0  # review cards due today beyond the daily maximum
    waiting: DueCard | None = None  # the next learning card, when it is not yet due
    reviews_done: int = 0
    new_done: int = 0
    done_total: int = 0
    new_left: int = 0
    new_question: Question | None = None

    @property
    def due_count(self) -> int:
        return len(self.cards)

    @property
    def next_card(self) -> DueCard | None:
        return self.cards[0] if self.cards else None


def done_today(user, start: datetime) -> dict:
    """What the review session did today: reviews of review-state cards, and new cards met.

    Counted here from today's few rows: cheaper than the ORM building an aggregate with filters."""
    states = list(
        ReviewLog.objects.filter(user=user, source=Answer.Source.REVIEW, reviewed_at__gte=start).values_list(
            "state_before", flat=True
        )
    )
    return {
        "reviews": states.count(scheduling.REVIEW),
        "new": states.count(scheduling.NEW),
        "total": len(states),
    }


def new_questions_for(user):
    """Published questions the learner has never answered, from the topics they studied first."""
    studied = StudiedTopic.objects.filter(user=user, topic=OuterRef("topic"))
    return (
        Question.objects.filter(status=Question.Status.PUBLISHED, current_version__isnull=False)
        .exclude(Exists(Card.objects.filter(user=user, question=OuterRef("pk"))))
        .annotate(studied=Exists(studied))
        .order_by("-studied", "topic__order", "key")
    )


def build(user, settings: ReviewSettings, now: datetime) -> Queue:
    """The session's queue now: at most three queries (due cards, today's counts, the next new question)."""
    start, end = day_bounds(now)
    rows = Card.objects.due_before(user, end).values_list(
        "pk", "code", "state", "due", "stability", "last_review"
    )
    done = done_today(user, start)
    queue = Queue(reviews_done=done["reviews"], new_done=done["new"], done_total=done["total"])
    reviews_left = max(0, settings.max_reviews_per_day - done["reviews"])
    learning, review = [], []
    for pk, code, state, due, stability, last_review in rows:
        card = DueCard(
            pk,
            str(code),
            state,
            due,
            scheduling.retrievability(
                stability=stability, last_review=last_review, at=now, decay=settings.decay
            ),
        )
        (review if state == scheduling.REVIEW else learning).append(card)
    review.sort(key=lambda c: c.retrievability)
    queue.held_back = max(0, len(review) - reviews_left)
    learning.sort(key=lambda c: c.due)
    due_learning = [c for c in learning if c.due <= now]
    ahead = [c for c in learning if now < c.due <= now + scheduling.LEARN_AHEAD]
    later = [c for c in learning if c.due > now + scheduling.LEARN_AHEAD]
    # Overdue reviews first (least likely remembered first), then learning steps that are due.
    queue.cards = review[:reviews_left] + due_learning
    queue.new_left = max(0, settings.new_cards_per_day - done["new"])
    if not queue.cards and queue.new_left:
        queue.new_question = new_questions_for(user).select_related("current_version").first()
    if not queue.cards and queue.new_question is None:
        # Nothing else to do: a learning step due within minutes comes now rather than never today.
        queue.cards = ahead
    else:
        later = ahead + later
    queue.waiting = later[0] if later else None
    return queue
