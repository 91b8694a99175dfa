"""Review settings: sensible ranges, refused clearly in both languages, and the database agrees."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reviews.models import ReviewSettings

pytestmark = pytest.mark.django_db

VALID = {
    "desired_retention": "0.85",
    "new_cards_per_day": "15",
    "max_reviews_per_day": "150",
    "exam_date": "",
}


def test_review_settings_are_saved(client, learner):
    client.force_login(learner)
    exam = (date.today() + timedelta(days=60)).isoformat()
    response = client.post(reverse("reviews:settings"), VALID | {"exam_date": exam})
    assert response.status_code == 302
    settings = ReviewSettings.objects.get(user=learner)
    assert (settings.desired_retention, settings.new_cards_per_day, settings.max_reviews_per_day) == (
        0.85,
        15,
        150,
    )
    assert settings.exam_date.isoformat() == exam
    assert settings.scheduler().desired_retention == 0.85


@pytest.mark.parametrize(
    ("field", "value", "english", "korean"),
    [
        (
            "desired_retention",
            "0.69",
            "Desired retention must be between 0.70 and 0.97",
            "목표 기억률은 0.70에서 0.97 사이",
        ),
        (
            "desired_retention",
            "0.98",
            "Desired retention must be between 0.70 and 0.97",
            "목표 기억률은 0.70에서 0.97 사이",
        ),
        (
            "desired_retention",
            "90",
            "Desired retention must be between 0.70 and 0.97",
            "목표 기억률은 0.70에서 0.97 사이",
        ),
        (
            "desired_retention",
            "high",
            "Desired retention must be between 0.70 and 0.97",
            "목표 기억률은 0.70에서 0.97 사이",
        ),
        ("new_cards_per_day", "-1", "from 0 to 200", "0에서 200까지"),
        ("new_cards_per_day", "201", "from 0 to 200", "0에서 200까지"),
        ("max_reviews_per_day", "9", "from 10 to 2000", "10에서 2000까지"),
        ("max_reviews_per_day", "5000", "from 10 to 2000", "10에서 2000까지"),
        ("exam_date", "2001-01-01", "The exam date is in the past.", "시험 날짜가 이미 지났습니다."),
    ],
)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_review_settings_refuse_out_of_range_values_with_a_clear_message(
    client, learner, field, value, english, korean, language
):
    ReviewSettings.objects.create(user=learner, desired_retention=0.9, new_cards_per_day=20)
    client.force_login(learner)
    response = client.post(
        reverse("reviews:settings"), VALID | {field: value}, headers={"Accept-Language": language}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (english if language == "en" else korean) in html
    settings = ReviewSettings.objects.get(user=learner)
    assert (settings.desired_retention, settings.new_cards_per_day, settings.max_reviews_per_day) == (
        0.9,
        20,
        200,
    )


@pytest.mark.parametrize(
    "values",
    [
        {"desired_retention": 0.5},
        {"desired_retention": 0.99},
        {"new_cards_per_day": 201},
        {"max_reviews_per_day": 5},
    ],
)
def test_review_settings_ranges_hold_in_the_database_too(learner, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewSettings.objects.create(user=learner, **values)


def test_review_settings_page_explains_the_workload_trade_off(client, learner):
    client.force_login(learner)
    html = client.get(reverse("reviews:settings"), headers={"Accept-Language": "ko"}).content.decode()
    assert "목표 기억률" in html and "복습" in html
    assert "0.95" in html and "0.70" in html
