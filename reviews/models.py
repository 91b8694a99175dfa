"""Spaced repetition: one card per learner and question, every review in a log, learner settings.

A card has its first row when the learner first answers the question (practice, mock exam or a
review session); its FSRS memory state lives in plain columns. The question's wording may change
(a new version): the card belongs to the question, so its memory carries over, and each review
records the version that was shown.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Power
from django.utils.translation import gettext_lazy as _

from quizzes.models import Answer, Question, QuestionVersion
from reviews import scheduling

MIN_RETENTION, MAX_RETENTION = 0.70, 0.97
MAX_NEW_PER_DAY = 200
MIN_REVIEWS_PER_DAY, MAX_REVIEWS_PER_DAY = 10, 2000


class ReviewSettings(models.Model):
    """A learner's spaced-repetition settings. A learner without a row gets the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="review_settings"
    )
    desired_retention = models.FloatField(_("desired retention"), default=scheduling.DEFAULT_RETENTION)
    new_cards_per_day = models.PositiveSmallIntegerField(_("new cards per day"), default=20)
    max_reviews_per_day = models.PositiveSmallIntegerField(_("maximum reviews per day"), default=200)
    exam_date = models.DateField(_("exam date"), null=True, blank=True)
    # FSRS weights fitted to this learner's reviews ("Optimise my parameters"); null: the defaults.
    parameters = models.JSONField(null=True, blank=True)
    parameters_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    desired_retention__gte=MIN_RETENTION, desired_retention__lte=MAX_RETENTION
                ),
                name="review_settings_retention_range",
            ),
            models.CheckConstraint(
                condition=models.Q(new_cards_per_day__lte=MAX_NEW_PER_DAY),
                name="review_settings_new_per_day_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    max_reviews_per_day__gte=MIN_REVIEWS_PER_DAY, max_reviews_per_day__lte=MAX_REVIEWS_PER_DAY
                ),
                name="review_settings_reviews_per_day_range",
            ),
        ]

    def __str__(self):
        return f"Review settings of {self.user_id}"

    @classmethod
    def for_user(cls, user) -> "ReviewSettings":
        """The saved settings, or unsaved defaults (reading never writes)."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    def scheduler(self):
        return scheduling.scheduler(
            desired_retention=self.desired_retention,
            parameters=self.parameters,
            fuzzing=getattr(settings, "REVIEWS_FUZZING", True),
        )

    @property
    def decay(self) -> float:
        return scheduling.decay_of(self.parameters)


class DaysSince(models.Func):
    """Fractional days from a datetime column to a moment, in SQL (SQLite and PostgreSQL)."""

    arg_joiner = ") - julianday("
    template = "(julianday(%(expressions)s))"
    output_field = models.FloatField()

    def __init__(self, column: str, moment):
        super().__init__(models.Value(moment, output_field=models.DateTimeField()), models.F(column))

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra,
        )


def retrievability(at, decays: dict[int, float], default_decay: float) -> models.Expression:
    """`scheduling.retrievability` of each card at `at` as a SQL expression, with each learner's decay
    (user id -> decay; `default_decay` for the others), so recall can be summed in the database."""
    by_decay: dict[float, list[int]] = {}
    for user_id, decay in decays.items():
        if decay != default_decay:
            by_decay.setdefault(decay, []).append(user_id)

    def per_learner(value) -> models.Expression:
        return models.Case(
            *(models.When(user_id__in=ids, then=models.Value(value(d))) for d, ids in by_decay.items()),
            default=models.Value(value(default_decay)),
            output_field=models.FloatField(),
        )

    elapsed = Greatest(DaysSince("last_review", at), models.Value(0.0))
    factor = per_learner(lambda decay: 0.9 ** (1 / -decay) - 1)
    return Power(models.Value(1.0) + factor * elapsed / models.F("stability"), per_learner(lambda d: -d))


class CardQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)

    def active(self):
        return self.filter(suspended=False)

    def due_before(self, user, moment):
        """The learner's active cards due before `moment`: a range scan of the (user, due) index.

        Cards of retired questions wait (they come back if the question is published again)."""
        return self.filter(
            user=user, due__lt=moment, suspended=False, question__status=Question.Status.PUBLISHED
        )


class Card(models.Model):
    class State(models.IntegerChoices):
        LEARNING = scheduling.LEARNING, _("Learning")
        REVIEW = scheduling.REVIEW, _("Review")
        RELEARNING = scheduling.RELEARNING, _("Relearning")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # No index of its own: (user, due) and (user, question) both lead with the learner.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="cards")
    state = models.PositiveSmallIntegerField(choices=State.choices)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField()
    difficulty = models.FloatField()
    due = models.DateTimeField()
    last_review = models.DateTimeField()
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # A leech lapsed 8 times: it is suspended (out of the queue) until the learner puts it back.
    leech = models.BooleanField(default=False)
    suspended = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CardQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="card_one_per_learner_and_question"),
            models.CheckConstraint(condition=models.Q(state__in=[1, 2, 3]), name="card_state_known"),
            models.CheckConstraint(condition=models.Q(stability__gt=0), name="card_stability_positive"),
            models.CheckConstraint(
                condition=models.Q(difficulty__gte=1, difficulty__lte=10), name="card_difficulty_range"
            ),
            models.CheckConstraint(
                condition=models.Q(state=2, step__isnull=True)
                | models.Q(state__in=[1, 3], step__isnull=False),
                name="card_step_only_while_learning",
            ),
        ]
        indexes = [models.Index(fields=["user", "due"], name="card_user_due")]

    def __str__(self):
        return f"{self.user_id}:{self.question_id}"

    @property
    def memory(self) -> scheduling.Memory:
        return scheduling.Memory(
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
            reps=self.reps,
            lapses=self.lapses,
        )

    def set_memory(self, memory: scheduling.Memory) -> None:
        self.state = memory.state
        self.step = memory.step
        self.stability = memory.stability
        self.difficulty = memory.difficulty
        self.due = memory.due
        self.last_review = memory.last_review
        self.reps = memory.reps
        self.lapses = memory.lapses

    @property
    def is_mastered(self) -> bool:
        return scheduling.is_mastered(self.stability)


MEMORY_FIELDS = ["state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"]


class ReviewLog(models.Model):
    """One review of a card: the rating, when, how long, where from, and the version shown.

    `before` keeps the card as it was (memory, leech flags), so the last review can be undone and a
    rating amended exactly, without replaying the whole history.
    """

    class Rating(models.IntegerChoices):
        AGAIN = scheduling.AGAIN, _("Again")
        HARD = scheduling.HARD, _("Hard")
        GOOD = scheduling.GOOD, _("Good")
        EASY = scheduling.EASY, _("Easy")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews")
    # No index of its own: (user, reviewed_at) leads with the learner.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs", db_index=False
    )
    answer = models.OneToOneField(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_log"
    )
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=Answer.Source.choices)
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    # 0 (new), 1 learning, 2 review, 3 relearning: true retention counts reviews of review-state cards.
    state_before = models.PositiveSmallIntegerField()
    before = models.JSONField(null=True, blank=True)
    # The memory after this review (for the export and the history, not for scheduling).
    stability = models.FloatField()
    difficulty = models.FloatField()
    due = models.DateTimeField()
    # The order the choices were shown in, in a review session (so its feedback shows the same order).
    choice_order = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        indexes = [models.Index(fields=["user", "reviewed_at"], name="review_log_user_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="review_log_rating_known"
            ),
            models.CheckConstraint(
                condition=models.Q(state_before__lte=3), name="review_log_state_before_known"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=[value for value, _label in Answer.Source.choices]),
                name="review_log_source_known",
            ),
        ]

    def __str__(self):
        return f"{self.card_id} rated {self.rating} at {self.reviewed_at:%Y-%m-%d %H:%M}"

    @property
    def passed(self) -> bool:
        return self.rating != scheduling.AGAIN


class Optimisation(models.Model):
    """One "Optimise my parameters" request, run by the background worker, and what it found."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("New parameters applied")
        TOO_LITTLE = "too_little", _("Too little history: defaults kept")
        NO_BETTER = "no_better", _("No improvement: parameters kept")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="optimisations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)
    log_loss_before = models.FloatField(null=True, blank=True)
    rmse_before = models.FloatField(null=True, blank=True)
    log_loss_after = models.FloatField(null=True, blank=True)
    rmse_after = models.FloatField(null=True, blank=True)
    parameters = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user_id} {self.status} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
