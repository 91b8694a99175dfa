"""Mock exams: blueprints (what an exam draws), attempts (one sitting) and their items.

- A **Blueprint** says how many questions, how long, the pass line on the 100-1000 scale, the share of
  multiple-response items and how many items are unscored in the exam-faithful mode. Official ones
  mirror an exam of content/blueprints (`topics.models.Exam`, refreshed from it at every start);
  custom ones are made by instructors (`official=False`, `created_by`), optionally tied to an exam
  whose domain weights they then follow.
- A **diagnostic** blueprint is an official one cut short (`diagnostic_for`): DIAGNOSTIC_QUESTIONS
  questions at the exam's own pace, the exam's domain weights and pass line, every item scored. It is
  for a learner without an instructor who wants a quick reading before (or instead of) a full sitting.
- An **Attempt** freezes everything it needs at its start (deadline, minutes, pass line, size), so a
  later edit of its blueprint never changes a sitting or a result. The server owns the clock: the
  deadline is stored at start and every write checks it.
- An **AttemptItem** is one question as this learner sees it: the exact version shown, the order of
  its choices, what is selected (choice ids), the flag, and after submission whether it was right and
  the bank's `quizzes.Answer` made from it (what spaced repetition and item statistics read).

Item statistics read `AttemptItem` rows of submitted attempts (`Attempt.objects.submitted()`):
`selected` against `version.correct_ids`, `scored`, `is_correct`.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quizzes.models import Answer, Question, QuestionVersion, of_topics
from topics.models import Case, Exam, ExamDomain, Topic

# Extra time of the English-as-a-second-language accommodation (AWS grants 30 minutes).
ESL_EXTRA_MINUTES = 30
# The real exams show a mix; AWS does not publish the share of multiple-response items.
OFFICIAL_MULTIPLE_PERCENT = 15
# The short diagnostic: enough questions for the domain mix (and for the study plan to count it as a
# mock exam, plans.inputs.MOCK_MIN_ITEMS), few enough to sit in well under an hour.
DIAGNOSTIC_QUESTIONS = 20


class BlueprintQuerySet(models.QuerySet):
    def custom(self):
        return self.filter(official=False, is_active=True)


def scope_of(*, topics: list[int], cases: list[int], domains: list[int]) -> models.Q:
    """Questions of any of these topics (or of a case of them), cases or exam domains; empty: all."""
    scope = models.Q()
    if topics:
        scope |= of_topics(topics)
    if cases:
        scope |= models.Q(case__in=cases)
    if domains:
        scope |= models.Q(domains__in=domains)
    return scope


class Blueprint(models.Model):
    slug = models.SlugField(unique=True)
    official = models.BooleanField(default=False, help_text="Mirrors an exam of content/blueprints")
    diagnostic = models.BooleanField(default=False, help_text="The official exam cut short (diagnostic_for)")
    # With an exam, questions come from that exam's published questions by its domain weights; without
    # one (a custom blueprint across both exams), from every published question.
    exam = models.ForeignKey(Exam, null=True, blank=True, on_delete=models.PROTECT, related_name="blueprints")
    title_en = models.CharField(max_length=200)
    title_ko = models.CharField(max_length=200)
    questions = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField()
    pass_scaled = models.PositiveSmallIntegerField()
    multiple_percent = models.PositiveSmallIntegerField(
        default=OFFICIAL_MULTIPLE_PERCENT, help_text="Share of multiple-response items, in percent"
    )
    unscored = models.PositiveSmallIntegerField(
        default=0, help_text="Items left unscored in the exam-faithful mode (SAA-C03 15, SAP-C02 10)"
    )
    # A custom blueprint's scope: questions of any of these topics, cases or exam domains (none: the
    # whole bank, or the exam's part of it).
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    cases = models.ManyToManyField(Case, blank=True, related_name="+")
    domains = models.ManyToManyField(ExamDomain, blank=True, related_name="+")
    is_active = models.BooleanField(default=True, help_text="Offered to learners")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlueprintQuerySet.as_manager()

    class Meta:
        ordering = ["-official", "exam__code", "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(questions__gte=1, questions__lte=200), name="blueprint_questions_range"
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=600), name="blueprint_minutes_range"
            ),
            models.CheckConstraint(
                condition=models.Q(pass_scaled__gte=100, pass_scaled__lte=1000), name="blueprint_pass_range"
            ),
            models.CheckConstraint(
                condition=models.Q(multiple_percent__lte=100), name="blueprint_multiple_percent"
            ),
            models.CheckConstraint(
                condition=models.Q(unscored__lt=models.F("questions")),
                name="blueprint_unscored_below_questions",
            ),
            models.CheckConstraint(
                condition=models.Q(official=False) | models.Q(exam__isnull=False),
                name="blueprint_official_has_exam",
            ),
            models.CheckConstraint(
                condition=models.Q(diagnostic=False) | models.Q(official=True),
                name="blueprint_diagnostic_is_official",
            ),
        ]

    def __str__(self):
        return self.slug

    def clean(self):
        # An official blueprint's slug is its exam's slug (`official_for`), a diagnostic's is derived from
        # it (`diagnostic_slug`): a custom one must take neither.
        if not self.official and any(
            self.slug in (slug, diagnostic_slug(slug)) for slug in Exam.objects.values_list("slug", flat=True)
        ):
            raise ValidationError({"slug": _("This name is kept for the official blueprint of that exam.")})

    def scope(self) -> models.Q:
        """Which questions a custom blueprint draws from (an empty Q: no narrowing)."""
        if self.official or self.pk is None:
            return models.Q()
        return scope_of(
            topics=[t.pk for t in self.topics.all()],
            cases=[c.pk for c in self.cases.all()],
            domains=[d.pk for d in self.domains.all()],
        )

    @classmethod
    def official_for(cls, exam: Exam) -> "Blueprint":
        """The official blueprint of an exam, created or refreshed from the exam's content values."""
        values = official_values(exam)
        blueprint, _created = cls.objects.update_or_create(
            slug=values.pop("slug"), defaults=values | {"official": True, "exam": exam}
        )
        return blueprint

    @classmethod
    def diagnostic_for(cls, exam: Exam) -> "Blueprint":
        """The exam's short diagnostic, created or refreshed from the exam's content values as the
        official blueprint is (`diagnostic_values`)."""
        values = diagnostic_values(exam)
        blueprint, _created = cls.objects.update_or_create(
            slug=values.pop("slug"), defaults=values | {"official": True, "diagnostic": True, "exam": exam}
        )
        return blueprint


def diagnostic_slug(exam_slug: str) -> str:
    return f"{exam_slug}-diagnostic"


def official_values(exam: Exam) -> dict:
    """The official blueprint of an exam: the exam's own title, size, time, pass line and unscored items."""
    return {
        "slug": exam.slug,
        "title_en": exam.title_en,
        "title_ko": exam.title_ko,
        "questions": exam.questions,
        "minutes": exam.minutes,
        "pass_scaled": exam.pass_scaled,
        "unscored": exam.questions - exam.scored,
    }


def diagnostic_values(exam: Exam) -> dict:
    """The diagnostic of an exam: DIAGNOSTIC_QUESTIONS questions at the exam's own time per question
    (SAA-C03: 2 minutes, SAP-C02: 2.4), its pass line, and every item scored (leaving some unscored, as
    the exam-faithful mode of a full exam does, would make a short score noisier still)."""
    return {
        "slug": diagnostic_slug(exam.slug),
        "title_en": f"{exam.code} short diagnostic",
        "title_ko": f"{exam.code} 짧은 진단 모의고사",
        "questions": DIAGNOSTIC_QUESTIONS,
        "minutes": round(exam.minutes * DIAGNOSTIC_QUESTIONS / exam.questions),
        "pass_scaled": exam.pass_scaled,
        "unscored": 0,
    }


class AttemptQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def open(self):
        return self.filter(submitted_at__isnull=True)


class Attempt(models.Model):
    class EndedBy(models.TextChoices):
        LEARNER = "learner"
        DEADLINE = "deadline"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exam_attempts")
    blueprint = models.ForeignKey(Blueprint, on_delete=models.PROTECT, related_name="attempts")
    # Frozen at the start: the blueprint may change later, this sitting does not.
    size = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField(help_text="Time allowed, accommodation included")
    pass_scaled = models.PositiveSmallIntegerField()
    esl = models.BooleanField(default=False, help_text="English as a second language: +30 minutes")
    faithful = models.BooleanField(default=False, help_text="Some items are unscored, as on the real exam")
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    # The question the learner was last on, to resume there.
    position = models.PositiveSmallIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.CharField(max_length=10, choices=EndedBy.choices, blank=True)
    # Filled at submission: right answers among the scored items, and the estimated scaled score.
    scored_total = models.PositiveSmallIntegerField(null=True, blank=True)
    scored_right = models.PositiveSmallIntegerField(null=True, blank=True)
    scaled = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "-started_at"], name="exam_attempt_user_started")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("started_at")), name="attempt_deadline_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True, ended_by="", scaled__isnull=True)
                | models.Q(
                    submitted_at__isnull=False, ended_by__in=["learner", "deadline"], scaled__isnull=False
                ),
                name="attempt_submission_complete",
            ),
            # One sitting at a time: a second start resumes the first instead.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(submitted_at__isnull=True),
                name="attempt_one_open_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.blueprint_id} at {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("exams:attempt", args=[self.code])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def is_expired(self, now: datetime) -> bool:
        """Still open, but its time is up: it is submitted as soon as anything touches it."""
        return self.submitted_at is None and now >= self.deadline

    def seconds_left(self, now: datetime) -> int:
        return max(0, int((self.deadline - now).total_seconds()))

    @property
    def time_used(self) -> timedelta | None:
        if self.submitted_at is None:
            return None
        return min(self.submitted_at, self.deadline) - self.started_at


class AttemptItem(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="+")
    # The exam domain the question was drawn for (None for a blueprint without an exam).
    domain = models.ForeignKey(ExamDomain, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    choose = models.PositiveSmallIntegerField(help_text="How many choices the question asks for")
    choice_order = models.JSONField(help_text="Choice ids in the order this learner sees them")
    selected = models.JSONField(default=list, blank=True, help_text="Choice ids selected, sorted")
    flagged = models.BooleanField(default=False)
    saved_at = models.DateTimeField(null=True, blank=True)
    scored = models.BooleanField(
        default=True, help_text="False for the unscored items of an exam-faithful attempt"
    )
    # Set at submission (None until then; every answer write requires it to be None).
    is_correct = models.BooleanField(null=True, blank=True)
    answer = models.OneToOneField(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="exam_item"
    )

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_item_position_unique"),
            # Never two versions of one question in a sitting.
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_item_question_unique"),
        ]

    def __str__(self):
        return f"{self.attempt_id} #{self.position}"

    def get_absolute_url(self):
        return reverse("exams:question", args=[self.attempt.code, self.position])

    @property
    def answered(self) -> bool:
        return bool(self.selected)


# ------------------------------------------------------------------------------------------ item statistics


class ItemStatistic(models.Model):
    """How one version of a question performed in submitted mock exams (exams.statistics refreshes it)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    version = models.OneToOneField(QuestionVersion, on_delete=models.CASCADE, related_name="statistic")
    attempts = models.PositiveIntegerField()
    facility = models.FloatField(help_text="Share of attempts right")
    discrimination = models.FloatField(
        null=True, blank=True, help_text="Point-biserial correlation with the rest of the attempt"
    )
    pick_rates = models.JSONField(default=dict, help_text="Choice id -> share of attempts that picked it")
    median_seconds = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, help_text="Why it needs checking (empty: it does not)")
    needs_checking = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["question", "version"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(facility__gte=0, facility__lte=1), name="item_statistic_facility_range"
            ),
        ]

    def __str__(self):
        return f"{self.version} ({self.attempts} attempts)"


class BlueprintStatistic(models.Model):
    """How a blueprint's submitted attempts scored: mean, spread, reliability."""

    blueprint = models.OneToOneField(Blueprint, on_delete=models.CASCADE, related_name="statistic")
    attempts = models.PositiveIntegerField()
    mean = models.FloatField(help_text="Mean percent right")
    spread = models.FloatField(help_text="Standard deviation of percent right")
    alpha = models.FloatField(null=True, blank=True, help_text="Cronbach's alpha (KR-20)")
    scores = models.JSONField(default=list, help_text="Each attempt's percent right")
    computed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.blueprint_id} ({self.attempts} attempts)"
