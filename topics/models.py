"""The curriculum: exams and their domains, services, topics, facts, cases and the glossary.

Everything here is written only by `load_content` from the files in content/; pages read it.
Bilingual fields come in `_en` / `_ko` pairs; the `{% text %}` template tag picks one and falls
back visibly to the other language when a text is missing.

`search_vector` columns hold what search matches against, weighted (titles first); only
PostgreSQL fills them (`topics.search.update_search_vectors`, called by the loader) and indexes
them (GIN, migration 0005). SQLite leaves them empty and searches the plain columns.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse


class Exam(models.Model):
    """An official exam and its blueprint (questions, time, pass line, domains)."""

    slug = models.SlugField(unique=True)
    code = models.CharField(max_length=20, unique=True)
    title_en = models.CharField(max_length=200)
    title_ko = models.CharField(max_length=200)
    questions = models.PositiveSmallIntegerField()
    scored = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField()
    pass_scaled = models.PositiveSmallIntegerField()
    source = models.URLField(max_length=500)
    as_of = models.DateField()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class ExamDomain(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="domains")
    number = models.PositiveSmallIntegerField()
    weight = models.PositiveSmallIntegerField()
    title_en = models.CharField(max_length=200)
    title_ko = models.CharField(max_length=200)

    class Meta:
        ordering = ["exam__code", "number"]
        constraints = [models.UniqueConstraint(fields=["exam", "number"], name="exam_domain_unique")]

    def __str__(self):
        return f"{self.exam_id}:{self.number}"


class TaskStatement(models.Model):
    """One task statement of an exam guide ("1.1 Design secure access to AWS resources")."""

    domain = models.ForeignKey(ExamDomain, on_delete=models.CASCADE, related_name="task_statements")
    code = models.CharField(max_length=5)
    title_en = models.CharField(max_length=300)
    title_ko = models.CharField(max_length=300)

    class Meta:
        ordering = ["domain__exam__code", "domain__number", "code"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="task_statement_unique")]

    def __str__(self):
        return f"{self.domain.exam_id}:{self.code}"


class Service(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short = models.CharField(max_length=100)
    aliases = models.JSONField(default=list)
    category = models.CharField(max_length=20)
    does_en = models.TextField(blank=True)
    does_ko = models.TextField(blank=True)
    confusables = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TopicQuerySet(models.QuerySet):
    def with_studied(self, user):
        """Annotate `is_studied` for the given user (False for anonymous visitors) in the same query."""
        if not user.is_authenticated:
            return self.annotate(is_studied=models.Value(False))
        return self.annotate(is_studied=Exists(StudiedTopic.objects.filter(user=user, topic=OuterRef("pk"))))


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    order = models.PositiveIntegerField()
    title_en = models.CharField(max_length=300)
    title_ko = models.CharField(max_length=300)
    summary_en = models.TextField()
    summary_ko = models.TextField()
    body_en = models.TextField(help_text="Markdown source")
    body_ko = models.TextField(help_text="Markdown source")
    html_en = models.TextField()
    html_ko = models.TextField()
    toc_en = models.TextField(blank=True)
    toc_ko = models.TextField(blank=True)
    # Hash of what the HTML was rendered from (both bodies and the glossary), so an unchanged
    # note is not rendered again on the next load.
    rendered_from = models.CharField(max_length=64, blank=True)
    sources = models.JSONField(default=list)
    # What the page shows beside the note (related topics, cases, services), worked out at load
    # time so a topic page needs no extra queries however much is linked to it.
    sidebar = models.JSONField(default=dict)
    # Service names, aliases and glossary terms that should find this topic in search.
    keywords = models.TextField(blank=True)
    services = models.ManyToManyField(Service, related_name="topics", blank=True)
    facts = models.ManyToManyField("Fact", related_name="cited_by", blank=True)
    tasks = models.ManyToManyField(TaskStatement, related_name="topics", blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("topics:topic-detail", args=[self.slug])


class TopicDomain(models.Model):
    """A topic serves a domain of an exam (a topic may serve several)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="placements")
    domain = models.ForeignKey(ExamDomain, on_delete=models.CASCADE, related_name="placements")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "domain"], name="topic_domain_unique")]

    def __str__(self):
        return f"{self.topic_id} in {self.domain_id}"


class FactGroup(models.Model):
    code = models.CharField(max_length=10, unique=True)
    title_en = models.CharField(max_length=200)
    title_ko = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class Fact(models.Model):
    class Status(models.TextChoices):
        CURRENT = "current"
        CHANGED = "changed"  # the seed was outdated
        CORRECTED = "corrected"  # the seed was wrong

    key = models.CharField(max_length=12, unique=True)
    group = models.ForeignKey(FactGroup, on_delete=models.PROTECT, related_name="facts")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="own_facts")
    services = models.ManyToManyField(Service, related_name="facts", blank=True)
    domains = models.JSONField(default=dict)
    tasks = models.ManyToManyField(TaskStatement, related_name="facts", blank=True)
    text_en = models.TextField()
    text_ko = models.TextField()
    value_en = models.CharField(max_length=300)
    value_ko = models.CharField(max_length=300)
    as_of = models.DateField()
    source = models.URLField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices)
    seed_says = models.CharField(max_length=300, blank=True)
    change_en = models.TextField(blank=True)
    change_ko = models.TextField(blank=True)
    quiz = models.JSONField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="current") | ~models.Q(change_en="") & ~models.Q(change_ko=""),
                name="fact_change_explained",
            ),
            models.CheckConstraint(condition=~models.Q(source=""), name="fact_has_source"),
        ]

    def __str__(self):
        return self.key

    @property
    def anchor(self):
        return f"fact-{self.key}"


class Case(models.Model):
    slug = models.SlugField(unique=True)
    title_en = models.CharField(max_length=300)
    title_ko = models.CharField(max_length=300)
    scenario_en = models.TextField(help_text="Markdown source")
    scenario_ko = models.TextField(help_text="Markdown source")
    scenario_html_en = models.TextField()
    scenario_html_ko = models.TextField()
    company_en = models.TextField()
    company_ko = models.TextField()
    sources = models.JSONField(default=list)
    diagram = models.JSONField(default=dict)
    svg_en = models.TextField()
    svg_ko = models.TextField()
    # Hash of what the SVGs were drawn from (diagram, titles, renderer version), so an unchanged
    # diagram is not drawn again on the next load.
    rendered_from = models.CharField(max_length=64, blank=True)
    requirements = models.JSONField(default=list)
    main_topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="main_cases")
    topics = models.ManyToManyField(Topic, related_name="cases")
    facts = models.ManyToManyField(Fact, related_name="cases", blank=True)
    tasks = models.ManyToManyField(TaskStatement, related_name="cases", blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["title_en"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("topics:case-detail", args=[self.slug])


class GlossaryTerm(models.Model):
    slug = models.SlugField(unique=True)
    term_en = models.CharField(max_length=200)
    term_ko = models.CharField(max_length=200)
    aliases = models.JSONField(default=list)
    definition_en = models.TextField()
    definition_ko = models.TextField()
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="terms")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="terms"
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["term_en"]

    def __str__(self):
        return self.term_en


class StudiedTopicQuerySet(models.QuerySet):
    def topic_ids(self, user) -> set[int]:
        """The ids of the topics this learner marked as studied."""
        return set(self.filter(user=user).values_list("topic_id", flat=True))


class StudiedTopic(models.Model):
    """A learner marked a topic as studied."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="studied_topics"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="studied_by")
    studied_at = models.DateTimeField(auto_now_add=True)

    objects = StudiedTopicQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="studied_topic_unique")]

    def __str__(self):
        return f"{self.user_id} studied {self.topic_id}"
