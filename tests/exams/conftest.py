"""Mock exam fixtures: a bank of known shape and a short custom blueprint over it."""

import random
from datetime import UTC, datetime

import pytest

from exams import services
from exams.models import Blueprint
from tests.exams.factory import make_bank
from topics.models import Exam

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def bank(db):
    return make_bank("SAA-C03", singles=8, multiples=4)


@pytest.fixture
def drill(bank):
    """Five questions, two minutes, over the SAA-C03 bank."""
    return Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Five-question drill",
        title_ko="다섯 문제 연습", questions=5, minutes=2, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip


@pytest.fixture
def attempt(learner, drill):
    return services.start(user=learner, blueprint=drill, now=T0, rng=random.Random(7))
