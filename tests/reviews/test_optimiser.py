""" "Optimise my parameters": defaults kept on little history, parameters moved on a realistic one."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizzes.models import Question, QuestionVersion
from reviews import optimiser, scheduling
from reviews.models import Card, Optimisation, ReviewLog, ReviewSettings
from tests.reviews.conftest import T0, review_at, single_question

pytestmark = pytest.mark.django_db

# The simulated learner remembers new cards much longer than the defaults assume.
TRUE_PARAMETERS = [1.0, 3.0, 6.0, 15.0, *DEFAULT_PARAMETERS[4:]]


def simulated_histories(cards: int, reviews: int, seed: int = 7) -> list[list[tuple[datetime, int]]]:
    """Review histories as our scheduler (defaults) would space them, answered as the true memory says."""
    rng = random.Random(seed)
    ours = scheduling.scheduler(fuzzing=False)
    truth = scheduling.scheduler(parameters=TRUE_PARAMETERS, fuzzing=False)
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    histories = []
    for _ in range(cards):
        memory = real = None
        moment = start + timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 10))
        history = []
        for _ in range(reviews):
            if real is None:
                recall = 0.55
            else:
                recall = scheduling.retrievability(
                    stability=real.stability,
                    last_review=real.last_review,
                    at=moment,
                    decay=TRUE_PARAMETERS[20],
                )
            rating = scheduling.GOOD if rng.random() < recall else scheduling.AGAIN
            if rating == scheduling.GOOD and rng.random() < 0.12:
                rating = rng.choice([scheduling.HARD, scheduling.EASY])
            memory = scheduling.review(memory, rating, moment, ours)
            real = scheduling.review(real, rating, moment, truth)
            history.append((moment, rating))
            moment = max(memory.due, moment + timedelta(minutes=1)) + timedelta(hours=rng.randint(0, 20))
        histories.append(history)
    return histories


def store_history(user, histories):
    """Write the histories as this learner's cards and review logs (one question per card)."""
    questions = Question.objects.bulk_create(
        Question(key=f"test:opt:{n}", kind="single", status="published", origin="authored")
        for n in range(len(histories))
    )
    versions = QuestionVersion.objects.bulk_create(
        QuestionVersion(
            question=q,
            number=1,
            digest="d",
            stem_en="s",
            stem_ko="s",
            explanation_en="e",
            explanation_ko="e",
            choices=[],
        )
        for q in questions
    )
    cards = Card.objects.bulk_create(
        Card(user=user, question=q, state=2, stability=1.0, difficulty=5.0, due=T0, last_review=T0)
        for q in questions
    )
    logs = [
        ReviewLog(
            card=card,
            user=user,
            version=version,
            source="review",
            rating=rating,
            reviewed_at=moment,
            state_before=0,
            stability=1.0,
            difficulty=5.0,
            due=moment,
        )
        for card, version, history in zip(cards, versions, histories, strict=True)
        for moment, rating in history
    ]
    ReviewLog.objects.bulk_create(logs, batch_size=2000)
    return len(logs)


def optimise(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:optimise"))
    assert response.status_code == 302
    return Optimisation.objects.get()


def test_fsrs_optimiser_keeps_the_defaults_on_little_history_and_says_so(
    client, learner, django_capture_on_commit_callbacks
):
    question = single_question()
    for day in (0, 1, 4):
        review_at(learner, question, T0 + timedelta(days=day), correct=True)
    client.force_login(learner)
    optimisation = optimise(client, django_capture_on_commit_callbacks)
    assert (
        optimisation.status == "done" and optimisation.outcome == "too_little" and optimisation.reviews == 3
    )
    assert ReviewSettings.for_user(learner).parameters is None
    html = client.get(reverse("reviews:settings")).content.decode()
    assert "You have 3 reviews so far; optimisation needs at least 400." in html
    assert "The default parameters are in use." in html


def test_fsrs_optimiser_moves_the_parameters_on_a_realistic_history(
    client, learner, django_capture_on_commit_callbacks
):
    count = store_history(learner, simulated_histories(cards=300, reviews=8))
    assert count == 2400
    client.force_login(learner)
    optimisation = optimise(client, django_capture_on_commit_callbacks)
    assert optimisation.outcome == "applied" and optimisation.reviews == count
    assert optimisation.log_loss_after < optimisation.log_loss_before
    assert optimisation.rmse_after < optimisation.rmse_before
    fitted = ReviewSettings.objects.get(user=learner).parameters
    assert fitted == optimisation.parameters and fitted != list(DEFAULT_PARAMETERS)
    assert fitted[2] > DEFAULT_PARAMETERS[2]  # first Good lasts longer, as the simulated learner's does
    assert ReviewSettings.objects.get(user=learner).scheduler().parameters == tuple(fitted)
    html = client.get(reverse("reviews:settings")).content.decode()
    assert "New parameters applied" in html and "Log loss" in html and "RMSE" in html


def test_fsrs_optimiser_turns_histories_into_items_by_day():
    day = datetime(2026, 3, 1, 9, tzinfo=UTC).date()
    histories = [[(day, 1), (day, 3), (day + timedelta(days=1), 3), (day + timedelta(days=4), 3)]]
    items = optimiser.items_from(histories)
    assert len(items) == 2  # one per review on a later day
    # The library exposes reviews only through their repr.
    assert [repr(r) for r in items[-1].reviews] == [
        "FSRSReview { rating: 1, delta_t: 0 }",
        "FSRSReview { rating: 3, delta_t: 0 }",
        "FSRSReview { rating: 3, delta_t: 1 }",
        "FSRSReview { rating: 3, delta_t: 3 }",
    ]


def test_fsrs_optimiser_runs_one_at_a_time(client, learner):
    Optimisation.objects.create(user=learner)
    client.force_login(learner)
    response = client.post(reverse("reviews:optimise"), follow=True)
    assert "already on its way" in response.content.decode()
    assert Optimisation.objects.count() == 1
