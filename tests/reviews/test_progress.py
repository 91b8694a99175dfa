"""The progress page (due, done, streak, charts, retention, mastery, leeches, readiness) and the export."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reviews import stats
from reviews.models import ReviewSettings
from tests.reviews.conftest import make_card, make_questions, practise, review_at, single_question

pytestmark = pytest.mark.django_db


def test_review_progress_counts_due_today_reviewed_today_and_the_streak(client, learner):
    questions = make_questions(3)
    now = timezone.now()
    for days_ago in (3, 2, 1):  # a review on each of the last three days
        review_at(learner, questions[0], now - timedelta(days=days_ago), correct=True)
    stats.Card.objects.filter(question=questions[0]).update(due=now + timedelta(days=10))
    make_card(learner, questions[1], due=now - timedelta(hours=1))
    make_card(learner, questions[2], due=now + timedelta(days=5))
    summary = stats.summary(learner, now)
    assert (summary.due_today, summary.reviewed_today, summary.streak, summary.cards) == (1, 0, 3, 3)
    practise(learner, questions[1], correct=True)
    after = stats.summary(learner, timezone.now())
    assert after.reviewed_today == 1 and after.streak == 4


def test_review_streak_allows_today_to_be_still_open_and_breaks_on_a_missed_day():
    today = timezone.localdate()
    day = stats.Day(total=1)
    assert stats.streak({today - timedelta(days=1): day, today - timedelta(days=2): day}, today) == 2
    assert stats.streak({today: day, today - timedelta(days=2): day}, today) == 1
    assert stats.streak({}, today) == 0


def test_review_progress_page_shows_charts_retention_mastery_and_readiness(client, learner):
    question = single_question()
    card = make_card(learner, question, stability=30.0, due=timezone.now() + timedelta(days=3))
    client.force_login(learner)
    html = client.get(reverse("reviews:progress")).content.decode()
    assert html.count('class="chart-bar') >= 30  # forecast: one bar a day
    assert 'class="chart chart-heatmap"' in html and 'class="heat heat-0"' in html
    assert "True retention" in html and "Mastery by topic" in html
    assert "Estimated readiness" in html and "How readiness is estimated" in html
    assert "No mock exams yet" in html
    assert re.search(r"1 / 1 \(100%\)", html)  # the topic's one card is mastered (stability >= 21 days)
    assert card.question.topic.title_en in html


def test_review_progress_page_is_legible_in_korean(client, learner):
    make_card(learner, single_question())
    client.force_login(learner)
    html = client.get(reverse("reviews:progress"), headers={"Accept-Language": "ko"}).content.decode()
    svgs = re.findall(r"<svg class=\"chart.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 3
    assert "앞으로 30일 동안 복습할 카드" in svgs[0]
    assert "월" in svgs[1] and "적게" in svgs[1] and "많이" in svgs[1]
    assert "영역별 숙달" in html and "합격 가능성" in html


def test_review_progress_changes_after_a_review(client, learner):
    question = single_question()
    client.force_login(learner)
    before = client.get(reverse("reviews:progress")).content.decode()
    assert re.search(r'id="reviewed-today">0<', before)
    practise(learner, question, correct=False)
    after = client.get(reverse("reviews:progress")).content.decode()
    assert re.search(r'id="reviewed-today">1<', after) and re.search(r'id="due-today">1<', after)


def test_review_readiness_grows_when_cards_are_remembered(learner):
    settings = ReviewSettings.for_user(learner)
    now = timezone.now()
    before = {p.exam.code: p.readiness.probability for p in stats.exams_progress(learner, settings, now)}
    for question in make_questions(20, domain=("SAA-C03", 1)):
        make_card(learner, question, stability=200.0, last_review=now - timedelta(days=1))
    after = {p.exam.code: p.readiness.probability for p in stats.exams_progress(learner, settings, now)}
    assert after["SAA-C03"] > before["SAA-C03"]


def test_review_history_exports_as_csv_for_its_owner_only(client, learner, other_learner):
    question = single_question()
    with time_machine.travel(timezone.now(), tick=False):
        practise(learner, question, correct=False)
    review_at(learner, question, timezone.now() + timedelta(minutes=2), correct=True)
    practise(other_learner, question, correct=True)
    client.force_login(learner)
    response = client.get(reverse("reviews:export"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="review-history-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["source"], r["rating_name"], r["state_before"]) for r in rows] == [
        ("practice", "again", "new"),
        ("review", "good", "learning"),
    ]
    assert rows[0]["question_key"] == question.key and rows[0]["topic"] == question.topic.slug


def test_a_korean_learner_downloads_the_review_history_with_korean_headings_and_names(client, learner):
    question = single_question()
    practise(learner, question, correct=False)
    client.force_login(learner)
    client.cookies["studyapp_language"] = "ko"
    response = client.get(reverse("reviews:export"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["출처"], r["평가"], r["평가 이름"], r["복습 전 상태"]) for r in rows] == [
        ("연습", "1", "다시", "새 카드")
    ]
    assert rows[0]["문제 키"] == question.key
