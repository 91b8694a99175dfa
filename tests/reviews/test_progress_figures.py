"""The progress page's figures come from aggregate queries: the same numbers as counting card by card, and
the rows read from the cards table stay the same however many cards a learner has."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews import scheduling, stats
from reviews.models import ReviewSettings
from reviews.queue import day_bounds
from tests.reviews.conftest import make_card, make_questions

pytestmark = pytest.mark.django_db

# (domain, stability in days, last review days ago, due in days from the start of today)
CARDS = [
    (1, 30.0, 10.0, 20.5),  # mastered
    (1, 21.0, 0.5, 29.5),  # mastered: 21 days is the line
    (1, 4.0, 3.0, -2.5),  # overdue: counts on today
    (2, 2.0, 40.0, 3.5),
    (2, 0.4, 1.0, 31.5),  # beyond the 30 days of the forecast
]


def make_cards(user, now, cards=CARDS):
    start, _end = day_bounds(now)
    for domain, stability, ago, due in cards:
        (question,) = make_questions(1, domain=("SAA-C03", domain))
        make_card(
            user,
            question,
            stability=stability,
            last_review=now - timedelta(days=ago),
            due=start + timedelta(days=due),
        )


def test_mastery_recall_and_the_forecast_match_the_cards_one_by_one(learner):
    now = timezone.now()
    make_cards(learner, now)
    settings = ReviewSettings.for_user(learner)
    saa = next(p for p in stats.exams_progress(learner, settings, now) if p.exam.code == "SAA-C03")
    domains = {d.domain.number: d for d in saa.domains}
    assert [(domains[n].cards, domains[n].mastered) for n in (1, 2, 3, 4)] == [(3, 2), (2, 0), (0, 0), (0, 0)]
    for number in (1, 2):
        expected = sum(
            scheduling.retrievability(
                stability=s, last_review=now - timedelta(days=ago), at=now, decay=settings.decay
            )
            for domain, s, ago, _due in CARDS
            if domain == number
        )
        assert domains[number].recall_sum == pytest.approx(expected, rel=1e-9)
    # The figures the card-by-card count gave (before the sums moved into the database).
    assert domains[1].recall_sum == pytest.approx(2.87230711377548, rel=1e-9)
    assert domains[2].recall_sum == pytest.approx(1.4532970307630773, rel=1e-9)
    assert saa.readiness.probability == pytest.approx(0.2913024605048395, rel=1e-9)
    forecast = stats.forecast(learner, now)
    assert len(forecast) == 30 and sum(forecast) == 4
    assert (forecast[0], forecast[3], forecast[20], forecast[29]) == (1, 1, 1, 1)


def test_the_progress_page_reads_as_many_card_rows_for_five_cards_as_for_fifty(client, learner):
    now = timezone.now()
    make_cards(learner, now)
    client.force_login(learner)

    def reads() -> tuple[int, int]:
        """Queries the page makes, and rows its queries on the cards table return."""
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reviews:progress")).status_code == 200
        rows = 0
        for query in captured:
            if "reviews_card" in query["sql"]:
                with connection.cursor() as cursor:
                    cursor.execute(query["sql"])
                    rows += len(cursor.fetchall())
        return len(captured), rows

    few = reads()
    make_cards(learner, now, CARDS * 9)
    assert reads() == few
