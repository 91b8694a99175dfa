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
