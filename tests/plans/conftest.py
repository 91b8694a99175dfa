"""Helpers for the plan, export and deletion tests: questions tied to a task statement, answered for real."""

import random

import pytest
from django.db.models import Q

from quizzes.models import Question, QuestionVersion
from quizzes.services import Scope, answer_practice_item, start_practice
from topics.models import ExamDomain, TaskStatement, Topic


@pytest.fixture(autouse=True)
def _no_fuzz_and_inline_tasks(settings):
    settings.REVIEWS_FUZZING = False
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def make_question(n: int, *, task=("SAA-C03", "2.1"), topic_slug="lambda-basics") -> Question:
    """A published single-answer question of the given task statement, in both languages."""
    statement = TaskStatement.objects.get(domain__exam__code=task[0], code=task[1])
    question = Question.objects.create(
        key=f"test:plans:{task[0]}:{task[1]}:{n}", kind="single", choose=1, status="published",
        origin="authored", topic=Topic.objects.get(slug=topic_slug),
    )  # fmt: skip
    version = QuestionVersion.objects.create(
        question=question, number=1, digest=f"plans-{n}",
        stem_en=f"Which service runs code **without servers** ({n})?", stem_ko=f"서버 없이 코드를 실행하는 서비스는 ({n})?",
        explanation_en="Lambda runs code without servers.", explanation_ko="Lambda는 서버 없이 코드를 실행합니다.",
        choices=[
            {"id": "r", "text_en": "AWS Lambda", "text_ko": "AWS 람다", "correct": True,
             "why_en": "Serverless functions.", "why_ko": "서버리스 함수."},
            {"id": "w", "text_en": "Amazon EC2", "text_ko": "아마존 EC2", "correct": False,
             "why_en": "Servers to manage.", "why_ko": "관리할 서버."},
        ],
    )  # fmt: skip
    question.current_version = version
    question.save(update_fields=["current_version"])
    question.tasks.add(statement)
    question.domains.add(ExamDomain.objects.get(exam__code=task[0], number=int(task[1].split(".")[0])))
    return question


def practise(user, question, *, correct: bool):
    """Answer `question` in a practice quiz of its own: an Answer, a card and a review log."""
    quiz = start_practice(
        user=user, scope=Scope("mixed", "", "Mixed", "종합", Q(pk=question.pk)), size=1, rng=random.Random(1)
    )
    item = quiz.items.select_related("version").get()
    choice = next(c["id"] for c in item.version.choices if c["correct"] is correct)
    return answer_practice_item(user=user, code=quiz.code, position=1, selected=[choice]).answer


def sit_mock(user, *, size: int = 20, now=None, prefix: str = "plans-mock"):
    """A submitted mock exam of SAA-C03 with `size` questions, the first one answered."""
    from exams import services as exam_services
    from exams.models import Blueprint
    from tests.exams.factory import make_bank, right_picks
    from topics.models import Exam

    if not Question.objects.filter(key__startswith=f"{prefix}:").exists():
        make_bank("SAA-C03", singles=size, multiples=0, prefix=prefix)
    blueprint, _created = Blueprint.objects.get_or_create(
        slug=f"{prefix}-{size}",
        defaults={
            "exam": Exam.objects.get(code="SAA-C03"), "title_en": "Plan mock", "title_ko": "계획 모의시험",
            "questions": size, "minutes": 60, "pass_scaled": 720, "multiple_percent": 0,
        },
    )  # fmt: skip
    attempt = exam_services.start(user=user, blueprint=blueprint, now=now, rng=random.Random(3))
    item = attempt.items.select_related("version").get(position=1)
    exam_services.save(user=user, code=attempt.code, position=1, picks=right_picks(item), now=now)
    return exam_services.submit(attempt=attempt, now=now)
