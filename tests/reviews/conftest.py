"""Helpers for the spaced-repetition tests: questions, answers at a given moment, cards in a given state."""

import random
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db.models import Q

from quizzes.models import Question, QuestionVersion
from quizzes.services import Scope, answer_practice_item, start_practice
from reviews import services
from reviews.models import Card
from topics.models import ExamDomain, Topic

T0 = datetime(2022, 11, 29, 12, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_fuzz_and_inline_tasks(settings):
    """Intervals exactly as the golden values (fuzz off); background tasks run inline."""
    settings.REVIEWS_FUZZING = False
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def right(version) -> list[str]:
    return sorted(c["id"] for c in version.choices if c["correct"])


def wrong(question, version) -> list[str]:
    return sorted(c["id"] for c in version.choices if not c["correct"])[: question.choose]


def single_question() -> Question:
    return (
        Question.objects.filter(status="published", kind="single", current_version__isnull=False)
        .select_related("current_version", "topic")
        .order_by("key")
        .first()
    )


def make_questions(count: int, *, topic_slug: str = "lambda-basics", domain=("SAA-C03", 1)) -> list[Question]:
    """Published single-answer questions of our own, for tests that need more than the fixture has."""
    topic = Topic.objects.get(slug=topic_slug)
    domain = ExamDomain.objects.get(exam__code=domain[0], number=domain[1])
    made = []
    for n in range(count):
        question = Question.objects.create(
            key=f"test:made:{topic_slug}:{n}:{random.random()}",
            kind="single",
            choose=1,
            status="published",
            origin="authored",
            topic=topic,
        )
        version = QuestionVersion.objects.create(
            question=question,
            number=1,
            digest=f"d{n}",
            stem_en=f"Made question {n}?",
            stem_ko=f"만든 문제 {n}?",
            explanation_en=f"Because {n}.",
            explanation_ko=f"{n} 때문입니다.",
            choices=[
                {
                    "id": f"r{n}",
                    "text_en": "Right",
                    "text_ko": "정답",
                    "correct": True,
                    "why_en": "Yes.",
                    "why_ko": "네.",
                },
                {
                    "id": f"w{n}",
                    "text_en": "Wrong",
                    "text_ko": "오답",
                    "correct": False,
                    "why_en": "No.",
                    "why_ko": "아니요.",
                },
            ],
        )
        question.current_version = version
        question.save(update_fields=["current_version"])
        question.domains.add(domain)
        made.append(question)
    return made


def review_at(user, question, moment, *, correct: bool) -> services.Reviewed:
    """Answer `question` in a review session at `moment` (frozen time), through the services and the database."""
    question = Question.objects.select_related("current_version").get(pk=question.pk)
    version = question.current_version
    selected = right(version) if correct else wrong(question, version)
    with time_machine.travel(moment, tick=False):
        card = Card.objects.filter(user=user, question=question).first()
        if card is None:
            return services.answer_new(user=user, question=question, selected=selected)
        return services.answer_card(user=user, code=card.code, selected=selected)


def practise(user, question, *, correct: bool, moment=None):
    """Answer `question` in a practice quiz of its own, at `moment` (or now). Returns the Answer."""
    scope = Scope("mixed", "", "Mixed", "종합", Q(pk=question.pk))
    quiz = start_practice(user=user, scope=scope, size=1, rng=random.Random(1))
    item = quiz.items.select_related("version", "question").get()
    selected = right(item.version) if correct else wrong(item.question, item.version)

    def answer():
        return answer_practice_item(
            user=user, code=quiz.code, position=item.position, selected=selected
        ).answer

    if moment is None:
        return answer()
    with time_machine.travel(moment, tick=False):
        return answer()


def make_card(user, question, **fields) -> Card:
    """A card in a chosen state (a review card due yesterday by default)."""
    now = datetime.now(UTC)
    values = {
        "state": 2,
        "step": None,
        "stability": 5.0,
        "difficulty": 5.0,
        "due": now - timedelta(days=1),
        "last_review": now - timedelta(days=6),
        "reps": 3,
        "lapses": 0,
    } | fields
    return Card.objects.create(user=user, question=question, **values)
