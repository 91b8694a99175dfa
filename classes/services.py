"""Writes that span models: joining, leaving, new join codes, assignments and starting them.

Refusals are typed (subclasses of `ClassRefused`) so views can answer each with its own message."""

from __future__ import annotations

import random
from datetime import date

from django.db import IntegrityError, transaction

from classes import scopes
from classes.codes import new_join_code
from classes.models import Assignment, AssignmentWork, Classroom, Membership
from exams import services as exams
from exams.models import Attempt
from quizzes.models import PracticeQuiz
from quizzes.services import NoQuestions, start_practice
from topics.models import Exam


class ClassRefused(Exception):
    """Base of the reasons a class action is refused."""


class OwnClass(ClassRefused):
    """An instructor cannot join the class they teach."""


class AlreadyMember(ClassRefused):
    """The learner is in the class already (perhaps joined in another tab)."""


class NotInExam(ClassRefused):
    """The scope of an assignment is not part of the class's exam (a tampered form)."""


class EmptyScope(ClassRefused):
    """Nothing is published in the scope (or not enough for the mock exam), so it cannot be done."""


class ExamInProgress(ClassRefused):
    """The member is sitting another mock exam (`attempt`): one sitting at a time."""

    def __init__(self, attempt: Attempt):
        super().__init__(attempt)
        self.attempt = attempt


@transaction.atomic
def create_class(*, instructor, name: str, exam: Exam, exam_date: date) -> Classroom:
    return Classroom.objects.create(instructor=instructor, name=name, exam=exam, exam_date=exam_date)


@transaction.atomic
def join_class(*, user, classroom: Classroom) -> Membership:
    if classroom.instructor_id == user.pk:
        raise OwnClass
    try:
        with transaction.atomic():
            return Membership.objects.create(classroom=classroom, user=user)
    except IntegrityError:
        raise AlreadyMember from None


@transaction.atomic
def leave_class(*, membership: Membership) -> None:
    """The learner leaves (or is removed): the membership and their assignment work go with it."""
    membership.delete()


@transaction.atomic
def regenerate_join_code(*, classroom: Classroom) -> str:
    """A new join code; the old link stops working at once. Members stay members."""
    classroom.join_code = new_join_code()
    classroom.save(update_fields=["join_code"])
    return classroom.join_code


@transaction.atomic
def assign_practice(*, classroom: Classroom, value: str, size: int, due_on: date) -> Assignment:
    """A practice set of `size` questions drawn from the scope `value` names (see classes.scopes)."""
    try:
        kind, target, scope = scopes.resolve(classroom.exam, value)
    except LookupError:
        raise NotInExam(value) from None
    if not scopes.has_questions(scope):
        raise EmptyScope(value)
    return Assignment.objects.create(
        classroom=classroom,
        kind=Assignment.Kind.PRACTICE,
        scope_kind=kind,
        scope_target=target,
        size=size,
        title_en=scope.title_en,
        title_ko=scope.title_ko,
        due_on=due_on,
    )


@transaction.atomic
def assign_mock(*, classroom: Classroom, value: str, due_on: date) -> Assignment:
    """A mock exam: the class exam's official blueprint or a custom one ("blueprint:<slug>")."""
    try:
        blueprint = scopes.resolve_blueprint(classroom.exam, value)
    except LookupError:
        raise NotInExam(value) from None
    return Assignment.objects.create(
        classroom=classroom,
        kind=Assignment.Kind.MOCK,
        blueprint=blueprint,
        title_en=blueprint.title_en,
        title_ko=blueprint.title_ko or blueprint.title_en,
        due_on=due_on,
    )


@transaction.atomic
def start_assignment(
    *, membership: Membership, assignment: Assignment, esl: bool = False, rng: random.Random | None = None
) -> PracticeQuiz | Attempt:
    """The member's quiz or mock exam for the assignment: the one they started before, or a new one now
    (`esl`: a mock exam with the ESL accommodation's extra time, as the exams page offers).

    Locks the membership row, so two clicks (two tabs) start one, not two."""
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    work = AssignmentWork.objects.select_related("practice_quiz", "attempt").filter(
        assignment=assignment, membership=membership
    )
    if existing := work.first():
        return existing.practice_quiz or existing.attempt
    if assignment.kind == Assignment.Kind.MOCK:
        return _start_mock(membership, assignment, esl, rng)
    try:
        _kind, _target, scope = scopes.resolve(assignment.classroom.exam, assignment.value)
    except LookupError:  # the curriculum changed under the assignment
        raise EmptyScope(assignment.value) from None
    try:
        quiz = start_practice(user=membership.user, scope=scope, size=assignment.size, rng=rng)
    except NoQuestions:
        raise EmptyScope(assignment.value) from None
    AssignmentWork.objects.create(assignment=assignment, membership=membership, practice_quiz=quiz)
    return quiz


def _start_mock(membership: Membership, assignment: Assignment, esl: bool, rng) -> Attempt:
    try:
        attempt = exams.start(user=membership.user, blueprint=assignment.blueprint, esl=esl, rng=rng)
    except exams.AttemptInProgress as refused:
        raise ExamInProgress(refused.attempt) from None
    except exams.NotEnoughQuestions:
        raise EmptyScope(assignment.blueprint.slug) from None
    AssignmentWork.objects.create(assignment=assignment, membership=membership, attempt=attempt)
    return attempt
