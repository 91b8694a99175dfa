"""The question bank (questions with immutable versions) and practice quizzes.

A question's wording lives in its versions; an edit or a regeneration that changes the wording
adds a version, and every recorded answer keeps pointing at the version the learner saw.
"""

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from topics.models import Case, ExamDomain, Fact, Service, TaskStatement, Topic


def of_topics(topics) -> models.Q:
    """Questions of these topics (instances or ids): a topic's own (authored, or asked from its facts), and
    a case's question when the case lists the topic and the question is about a service the topic teaches
    (Question.services meets Topic.services). A case lists every topic it touches (the serverless blog:
    caching, for its CloudFront cache), but each of its questions asks about one part of it: the blog's
    welcome e-mails (DynamoDB Streams -> Lambda -> Amazon SES) have nothing to do with caching. A generated
    question's `topic` is only its case's first topic, so a case question gets no pass through it."""
    ids = [getattr(topic, "pk", topic) for topic in topics]
    teaches = Topic.objects.filter(
        pk__in=ids, cases=models.OuterRef("case"), services__questions=models.OuterRef("pk")
    )
    return models.Q(topic__in=ids, case__isnull=True) | models.Q(models.Exists(teaches))


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Questions a learner may meet: published, with a wording to show."""
        return self.filter(status=Question.Status.PUBLISHED, current_version__isnull=False)

    def visible_to(self, user):
        """Questions a learner may see: published ones, and any they have answered (even if retired since)."""
        return self.filter(
            models.Q(status=Question.Status.PUBLISHED)
            | models.Exists(Answer.objects.filter(user=user, question=models.OuterRef("pk")))
        )

    def needing_checks(self):
        """Questions someone should look at: flagged by the item statistics, or with an open problem report."""
        return self.filter(
            models.Q(needs_checking=True)
            | models.Exists(ProblemReport.objects.open().filter(question=models.OuterRef("pk")))
        )

    def for_authoring(self):
        """What the instructors' question list shows of each question, newest change first."""
        return (
            self.select_related("current_version", "topic", "case")
            .only(
                "code", "key", "kind", "choose", "status", "origin", "tags", "needs_checking", "updated_at",
                "current_version__number", "current_version__stem_en", "current_version__stem_ko",
                "topic__slug", "topic__title_en", "topic__title_ko",
                "case__slug", "case__title_en", "case__title_ko",
            )
            .prefetch_related(models.Prefetch("domains", ExamDomain.objects.select_related("exam")))
            .order_by("-updated_at", "pk")
        )  # fmt: skip


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single"
        MULTIPLE = "multiple"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    class Origin(models.TextChoices):
        AUTHORED = "authored", _("Authored")
        GENERATED = "generated", _("Generated")
        IMPORTED = "imported", _("Imported")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Questions from content/: form:case:requirement-or-fact:variant (generated) or authored:<id> (written
    # in content/questions/). Stable across reloads, so progress survives them.
    key = models.CharField(max_length=200, unique=True)
    form = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    choose = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(max_length=10, choices=Origin.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    fact = models.ForeignKey(Fact, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    services = models.ManyToManyField(Service, related_name="questions", blank=True)
    domains = models.ManyToManyField(ExamDomain, related_name="questions", blank=True)
    tasks = models.ManyToManyField(TaskStatement, related_name="questions", blank=True)
    # What decides between workable options in the stem (ops, cost, performance, ...), if anything.
    qualifier = models.CharField(max_length=20, blank=True)
    # Written, imported or edited in the app (quizzes/authoring): content/ no longer owns it, so neither
    # load_content nor generate_questions overwrites or retires it (quizzes.bank.FROM_CONTENT).
    app_owned = models.BooleanField(default=False)
    # Free labels, e.g. a Moodle category path kept from an import.
    tags = models.JSONField(default=list, blank=True)
    # Set by the item statistics (exams) when a question performs oddly; the authoring list filters on it.
    needs_checking = models.BooleanField(default=False)
    current_version = models.ForeignKey(
        "QuestionVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        indexes = [models.Index(fields=["status", "form"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="single", choose=1) | models.Q(kind="multiple", choose__gte=2),
                name="question_choose_matches_kind",
            ),
        ]

    def __str__(self):
        return self.key


class QuestionVersion(models.Model):
    """One immutable wording of a question. Never edited after creation."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    digest = models.CharField(max_length=64, help_text="Hash of the content, to detect real changes")
    stem_en = models.TextField()
    stem_ko = models.TextField()
    explanation_en = models.TextField()
    explanation_ko = models.TextField()
    # Stem and explanation are short Markdown, rendered (and sanitised) when shown.
    # [{"id", "text_en", "text_ko", "correct", "why_en", "why_ko"}]
    choices = models.JSONField()
    figure = models.JSONField(null=True, blank=True)
    sources = models.JSONField(default=list)
    # Who wrote this version in the app (none for versions loaded from content/ or generated) and why.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Written in the app (the editor or an import) rather than loaded from content/: a version whose
    # author account was deleted says so, instead of passing for one from the content files.
    written_in_app = models.BooleanField(default=False, db_default=False)  # raw inserts (bench) too
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [models.UniqueConstraint(fields=["question", "number"], name="question_version_unique")]

    def __str__(self):
        return f"{self.question.key} v{self.number}"

    @property
    def correct_ids(self) -> set[str]:
        return {choice["id"] for choice in self.choices if choice["correct"]}

    @property
    def choose(self) -> int:
        """How many choices a learner picks in this version (its key's size): an item keeps asking what it
        asked when it was shown, even after an edit changes the question's kind."""
        return len(self.correct_ids) or 1

    def choice(self, choice_id: str) -> dict | None:
        return next((c for c in self.choices if c["id"] == choice_id), None)


class Answer(models.Model):
    """Every answer a learner gives, to the exact version shown. Spaced repetition reads these."""

    class Source(models.TextChoices):
        PRACTICE = "practice"
        EXAM = "exam"
        REVIEW = "review"

    # No index of its own: the (user, question) index below serves every lookup by user, and each
    # index more is written on every answer.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="answers")
    selected = models.JSONField()
    is_correct = models.BooleanField()
    source = models.CharField(max_length=10, choices=Source.choices)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at"]
        indexes = [models.Index(fields=["user", "question"])]

    def __str__(self):
        return f"{self.user_id} answered {self.question_id}"


@dataclass(frozen=True)
class Scope:
    """What a practice quiz draws from: its kind and target, its title in both languages, its filter."""

    kind: str
    target: str
    title_en: str
    title_ko: str
    filters: models.Q = field(default_factory=models.Q)

    @classmethod
    def resolve(cls, kind: str, target: str = "") -> "Scope":
        """The scope for a kind ("topic", "case", "domain", "task", "service", "mixed") and its target (a
        slug, "SAA-C03:2", "SAA-C03:2.1", or an exam code or nothing for mixed). Raises LookupError for an unknown target."""
        if kind == "topic":
            topic = Topic.objects.only("slug", "title_en", "title_ko").filter(slug=target).first()
            if topic:
                return cls(
                    kind,
                    target,
                    topic.title_en,
                    topic.title_ko,
                    of_topics([topic]),
                )
        elif kind == "case":
            case = Case.objects.only("slug", "title_en", "title_ko").filter(slug=target).first()
            if case:
                return cls(kind, target, case.title_en, case.title_ko, models.Q(case=case))
        elif kind == "domain":
            code, _colon, number = target.partition(":")
            domain = ExamDomain.objects.filter(
                exam__code=code, number=int(number) if number.isdigit() else 0
            ).first()
            if domain:
                return cls(
                    kind,
                    target,
                    f"{code} · {domain.title_en}",
                    f"{code} · {domain.title_ko}",
                    models.Q(domains=domain),
                )
        elif kind == "task":
            code, _colon, number = target.partition(":")
            task = TaskStatement.objects.filter(domain__exam__code=code, code=number).first()
            if task:
                return cls(
                    kind,
                    target,
                    f"{code} · {task.code} {task.title_en}",
                    f"{code} · {task.code} {task.title_ko or task.title_en}",
                    models.Q(tasks=task),
                )
        elif kind == "service":
            service = Service.objects.only("slug", "name").filter(slug=target).first()
            if service:
                return cls(kind, target, service.name, service.name, models.Q(services=service))
        elif kind == "mixed":
            if not target:
                return cls(kind, "", "Mixed", "종합")
            return cls(
                kind, target, f"Mixed · {target}", f"종합 · {target}", models.Q(domains__exam__code=target)
            )
        raise LookupError(f"nothing to practise for {kind} {target!r}")

    @classmethod
    def of_questions(cls, ids: list[int], title_en: str, title_ko: str) -> "Scope":
        """Exactly these questions (e.g. the wrong answers of a mock exam, to retake)."""
        return cls("retake", "", title_en, title_ko, models.Q(pk__in=ids))


class PracticeQuizQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate how many items were answered (`answered`) and answered right (`right`)."""
        return self.annotate(
            answered=models.Count("items", filter=models.Q(items__answer__isnull=False)),
            right=models.Count("items", filter=models.Q(items__answer__is_correct=True)),
        )


class PracticeQuiz(models.Model):
    class Scope(models.TextChoices):
        TOPIC = "topic"
        CASE = "case"
        DOMAIN = "domain"
        TASK = "task"
        SERVICE = "service"
        MIXED = "mixed"
        RETAKE = "retake"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_quizzes"
    )
    scope = models.CharField(max_length=10, choices=Scope.choices)
    # What the scope points at: a topic or case slug, "SAA-C03:2", "SAA-C03:2.1", a service slug, or an exam code for mixed.
    target = models.CharField(max_length=100, blank=True)
    title_en = models.CharField(max_length=300)
    title_ko = models.CharField(max_length=300)
    size = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeQuizQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gte=1, size__lte=30), name="practice_size_range"),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.title_en}"

    def get_absolute_url(self):
        return reverse("quizzes:practice-quiz", args=[self.code])


class PracticeItem(models.Model):
    # Looked up through the (quiz, position) constraint's index; an index of its own would only be
    # written again on every answer (setting `answer` is never a heap-only update: it is indexed).
    quiz = models.ForeignKey(PracticeQuiz, on_delete=models.CASCADE, related_name="items", db_index=False)
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="+")
    choice_order = models.JSONField(help_text="Choice ids in the order this learner sees them")
    answer = models.OneToOneField(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="practice_item"
    )

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "position"], name="practice_item_position_unique")
        ]

    def __str__(self):
        return f"{self.quiz_id} #{self.position}"

    def get_absolute_url(self):
        return reverse("quizzes:practice-item", args=[self.quiz.code, self.position])


class ProblemReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class ProblemReport(models.Model):
    """A learner says something is wrong with a question, as shown to them (the version they saw)."""

    class Kind(models.TextChoices):
        WRONG_KEY = "wrong_key", _("The marked answer is wrong")
        UNCLEAR = "unclear", _("The question is unclear")
        OUTDATED = "outdated", _("It is out of date")
        TRANSLATION = "translation", _("The translation is wrong")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="problem_reports"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reports")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    message = models.TextField(blank=True)
    language = models.CharField(max_length=5, help_text="The language the learner read the question in")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(blank=True, help_text="What was done about it")

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="problem_report_queue")]
        constraints = [
            # One open report per learner and question: a second click does not pile up the queue.
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=models.Q(resolved_at__isnull=True),
                name="problem_report_one_open_per_learner",
            ),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | ~models.Q(resolution=""),
                name="problem_report_resolution_recorded",
            ),
        ]

    def __str__(self):
        return f"{self.kind} on {self.question_id} v{self.version_id}"
