"""A class taught by the instructor persona (charlie), with the learner persona (alice) as its member.

Personas for the class's role matrix: the class's instructor, another instructor, the member, a learner
outside the class (bob), and anonymous visitors."""

from datetime import date

import pytest

from classes import services
from classes.models import Classroom
from tests.conftest import make_user
from topics.models import Exam

EXAM_DATE = date(2031, 3, 14)


@pytest.fixture
def other_instructor(db):
    return make_user("erin@example.com", instructor=True)


@pytest.fixture
def classroom(instructor) -> Classroom:
    return services.create_class(
        instructor=instructor, name="Cloud cohort", exam=Exam.objects.get(code="SAA-C03"), exam_date=EXAM_DATE
    )


@pytest.fixture
def membership(classroom, learner):
    return services.join_class(user=learner, classroom=classroom)


@pytest.fixture
def assignment(classroom):
    return services.assign_practice(classroom=classroom, value="exam:SAA-C03", size=3, due_on=EXAM_DATE)


@pytest.fixture(autouse=True)
def _no_fuzz(settings):
    """Cards fall due exactly when FSRS says (no random spread), as in the reviews tests."""
    settings.REVIEWS_FUZZING = False
