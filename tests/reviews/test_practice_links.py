"""A finished practice quiz says where its answers went: the review session, one link away."""

import pytest
from django.urls import reverse

from quizzes.models import PracticeQuiz
from tests.reviews.conftest import practise, single_question

pytestmark = pytest.mark.django_db


def test_the_practice_summary_leads_to_the_review_session(client, learner, django_assert_max_num_queries):
    practise(learner, single_question(), correct=False)
    quiz = PracticeQuiz.objects.get(user=learner)
    client.force_login(learner)
    with django_assert_max_num_queries(4):  # session, user, quiz, items: the link costs none
        page = client.get(reverse("quizzes:practice-summary", args=[quiz.code])).content.decode()
    link = page.split('id="summary-reviews"', 1)[1].split("</p>", 1)[0]
    assert "now one of your review cards" in link and f'href="{reverse("reviews:session")}"' in link


def test_an_unanswered_quiz_does_not_claim_review_cards(client, learner):
    practise(learner, single_question(), correct=False)
    quiz = PracticeQuiz.objects.get(user=learner)
    quiz.items.update(answer=None)
    client.force_login(learner)
    page = client.get(reverse("quizzes:practice-summary", args=[quiz.code])).content.decode()
    assert 'id="summary-reviews"' not in page


def test_a_mock_exam_result_leads_to_the_review_session_too(client, learner):
    import random

    from exams import services as exams
    from exams.models import Blueprint
    from tests.exams.factory import make_bank
    from topics.models import Exam

    make_bank("SAA-C03", singles=8, multiples=4)
    blueprint = Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Five-question drill",
        title_ko="다섯 문제 연습", questions=5, minutes=2, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    attempt = exams.submit(attempt=exams.start(user=learner, blueprint=blueprint, rng=random.Random(7)))
    client.force_login(learner)
    page = client.get(reverse("exams:result", args=[attempt.code])).content.decode()
    link = page.split('id="summary-reviews"', 1)[1].split("</p>", 1)[0]
    assert f'href="{reverse("reviews:session")}"' in link
