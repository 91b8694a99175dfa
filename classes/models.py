"""Instructors' classes: the class and its join code, its members, and what the instructor assigns.

A learner is a member while their membership row exists: leaving (or being removed) deletes it, and
with it their work on the class's assignments, so the instructor sees nothing more of them. Their own
quizzes and cards stay theirs.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from classes.codes import new_join_code
from exams.models import Attempt, Blueprint
from quizzes.models import PracticeQuiz
from topics.models import Exam

MIN_SIZE, MAX_SIZE = 1, 30  # a practice assignment's questions, as a practice quiz allows


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, user):
        return self.filter(instructor=user)


class Classroom(models.Model):
    """A class an instructor teaches for one exam. `code` names it in URLs; `join_code` lets learners in."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    join_code = models.CharField(max_length=32, unique=True, default=new_join_code, editable=False)
    name = models.CharField(_("class name"), max_length=100)
    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="classes", verbose_name=_("exam"))
    exam_date = models.DateField(_("exam date"))
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taught_classes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["exam_date", "name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="classroom_name_not_blank"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classes:detail", args=[self.code])

    def get_join_url(self):
        return reverse("classes:join", args=[self.join_code])


class Membership(models.Model):
    """A learner in a class. `code` names the member in the instructor's URLs."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "user"], name="membership_one_per_learner"),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.classroom_id}"


class Assignment(models.Model):
    """Work the instructor sets the class, due on a date: a practice set or a mock exam.

    A practice set has a scope and a size: the scope is what `classes.scopes` resolves, an exam
    ("SAA-C03"), a domain ("SAA-C03:2"), a task statement ("SAA-C03:2.1") or a topic (its slug).
    A mock exam names a blueprint (official or custom) and nothing else. The titles are frozen when
    the assignment is made.
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice set")
        MOCK = "mock", _("Mock exam")

    class ScopeKind(models.TextChoices):
        EXAM = "exam", _("Whole exam")
        DOMAIN = "domain", _("Exam domain")
        TASK = "task", _("Task statement")
        TOPIC = "topic", _("Topic")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    scope_kind = models.CharField(max_length=10, choices=ScopeKind.choices, blank=True)
    scope_target = models.CharField(max_length=100, blank=True)
    size = models.PositiveSmallIntegerField(null=True, blank=True)
    blueprint = models.ForeignKey(
        Blueprint, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    title_en = models.CharField(max_length=300)
    title_ko = models.CharField(max_length=300)
    due_on = models.DateField(_("due date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="practice",
                        scope_kind__in=["exam", "domain", "task", "topic"],
                        size__gte=MIN_SIZE,
                        size__lte=MAX_SIZE,
                        blueprint__isnull=True,
                    )
                    & ~models.Q(scope_target="")
                )
                | models.Q(
                    kind="mock", scope_kind="", scope_target="", size__isnull=True, blueprint__isnull=False
                ),
                name="assignment_practice_or_mock",
            ),
        ]

    def __str__(self):
        return f"{self.classroom_id}: {self.title_en}"

    def get_absolute_url(self):
        return reverse("classes:assignment", args=[self.classroom.code, self.code])

    @property
    def value(self) -> str:
        """The scope as the assignment form names it ("task:SAA-C03:2.1")."""
        return f"{self.scope_kind}:{self.scope_target}"


class AssignmentWork(models.Model):
    """A member's work on an assignment: the practice quiz or the mock exam attempt they started from it.

    Belongs to the membership, so it goes when the learner leaves; the quiz or attempt itself stays
    the learner's."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="works")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="works")
    practice_quiz = models.OneToOneField(
        PracticeQuiz, null=True, blank=True, on_delete=models.CASCADE, related_name="assignment_work"
    )
    attempt = models.OneToOneField(
        Attempt, null=True, blank=True, on_delete=models.CASCADE, related_name="assignment_work"
    )
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "membership"], name="assignment_work_one_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(practice_quiz__isnull=False, attempt__isnull=True)
                | models.Q(practice_quiz__isnull=True, attempt__isnull=False),
                name="assignment_work_quiz_or_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.membership_id} on {self.assignment_id}"
