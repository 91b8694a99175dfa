"""The class page at scale: members with many review cards each. Reviews due and overdue and the
readiness estimate are summed in the database, so the page's queries neither multiply with members nor
read the cards themselves."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from fsrs.scheduler import DEFAULT_PARAMETERS

from classes import services
from reviews import stats
from reviews.models import Card, ReviewSettings
from reviews.queue import day_bounds
from tests.classes.test_class_page import member_row
from tests.conftest import make_user
from tests.reviews.conftest import make_questions

pytestmark = pytest.mark.django_db

CARDS = 36  # per member, over two domains


@pytest.fixture
def questions(db):
    return make_questions(CARDS // 2, domain=("SAA-C03", 1)) + make_questions(
        CARDS // 2, domain=("SAA-C03", 2)
    )


def add_members(classroom, questions, first: int, count: int) -> dict:
    """`count` members, each with a card on every question: some overdue, some due later today, the
    rest due in the coming weeks, with memories of different strengths. Returns email -> (due, overdue)."""
    now = timezone.now()
    start, end = day_bounds(now)
    expected = {}
    for n in range(first, first + count):
        user = make_user(f"member{n}@example.com")
        services.join_class(user=user, classroom=classroom)
        if n % 2:  # a learner with fitted parameters forgets at their own rate
            ReviewSettings.objects.create(user=user, parameters=[*DEFAULT_PARAMETERS[:20], 0.3 + n / 100])
        cards = []
        for index, question in enumerate(questions):
            kind = (index + n) % 4
            due = {0: start - timedelta(days=2), 1: start + (end - start) / 2}.get(
                kind, end + timedelta(days=9)
            )
            cards.append(
                Card(
                    user=user,
                    question=question,
                    state=2,
                    stability=1.5 + index + n,
                    difficulty=5.0,
                    due=due,
                    last_review=now - timedelta(days=1 + (index * 7 + n) % 20, hours=index),
                    reps=2,
                )
            )
        Card.objects.bulk_create(cards)
        overdue = sum(1 for c in cards if c.due < start)
        expected[user] = (sum(1 for c in cards if c.due < end), overdue)
    return expected


def readiness_label(user) -> str:
    """The readiness the learner's own progress page shows for the exam (worked out card by card)."""
    own = {p.exam.code: p for p in stats.exams_progress(user, ReviewSettings.for_user(user), timezone.now())}
    chance = own["SAA-C03"].readiness.probability
    return "< 1%" if 0 < chance < 0.005 else f"{round(100 * chance)}%"


def card_reads(queries) -> list[str]:
    """Queries that select review card columns row by row rather than aggregated per member."""
    return [
        q["sql"]
        for q in queries
        if '"reviews_card"' in q["sql"].split(" WHERE ")[0] and not re.search(r"\b(COUNT|SUM)\(", q["sql"])
    ]


def test_the_class_page_sums_many_cards_in_the_database(
    client, classroom, instructor, questions, django_assert_max_num_queries
):
    expected = add_members(classroom, questions, 0, 2)
    client.force_login(instructor)
    with django_assert_max_num_queries(23), CaptureQueriesContext(connection) as few:
        page = client.get(classroom.get_absolute_url()).content.decode()
    for user, (due, overdue) in expected.items():
        row = member_row(page, user.email)
        assert row[2:5] == [str(due), str(overdue), readiness_label(user)]
    assert card_reads(few) == []

    expected |= add_members(classroom, questions, 2, 5)
    with django_assert_max_num_queries(len(few)), CaptureQueriesContext(connection) as many:
        page = client.get(classroom.get_absolute_url()).content.decode()
    assert len(many) == len(few)
    assert card_reads(many) == []
    for user, (due, overdue) in expected.items():
        row = member_row(page, user.email)
        assert row[2:5] == [str(due), str(overdue), readiness_label(user)]
        assert due >= overdue > 0
