"""No page or htmx fragment shown before the learner answers gives the key away: not the correct
choice, not an explanation, not a marker in an attribute (tests/attack.py assert_no_answer_key).

Every way a question reaches the screen unanswered is covered: the practice item page and its htmx
fragment, its language flip (with picks carried along), the refused answer ("choose one"), the quiz
summary with unanswered questions, a review card and a new question in the review session. The
mock-exam tests use the same helper on the exam pages."""

import pytest
from django.urls import reverse

from quizzes.models import PracticeItem, Question
from quizzes.services import Scope, start_practice
from reviews.models import Card
from reviews.services import answer_new
from tests.attack import assert_no_answer_key

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "item"}


@pytest.fixture
def quiz(learner):
    return start_practice(user=learner, scope=Scope("mixed", "", "Mixed", "종합"), size=5)


def unanswered_pages(client, quiz):
    for item in quiz.items.select_related("version", "question").order_by("position"):
        url = reverse("quizzes:practice-item", args=[quiz.code, item.position])
        first = item.version.choices[0]["id"]
        yield item.version.choices, url, client.get(url)
        yield item.version.choices, f"{url} (htmx)", client.get(url, **HTMX)
        yield item.version.choices, f"{url}?lang=ko", client.get(url, {"lang": "ko", "choice": first}, **HTMX)
        # A refused answer (nothing chosen) shows the question again, still unanswered.
        refused = client.post(url, {}, **HTMX)
        assert refused.status_code == 422
        yield item.version.choices, f"{url} refused", refused


def test_practice_pages_show_no_key_before_the_answer(client, learner, quiz):
    client.force_login(learner)
    checked = 0
    for choices, where, response in unanswered_pages(client, quiz):
        html = response.content.decode()
        assert "fieldset" in html, f"{where} shows the question"
        assert_no_answer_key(html, choices)
        checked += 1
    assert checked == 20
    summary = client.get(reverse("quizzes:practice-summary", args=[quiz.code])).content.decode()
    for item in PracticeItem.objects.filter(quiz=quiz).select_related("version"):
        assert_no_answer_key(summary, item.version.choices)


def test_the_key_shows_once_answered_so_the_helper_can_see_it(client, learner, quiz):
    """The helper is not blind: the same page right after the answer fails it."""
    client.force_login(learner)
    item = quiz.items.select_related("version", "question").get(position=1)
    url = reverse("quizzes:practice-item", args=[quiz.code, 1])
    picks = [c["id"] for c in item.version.choices][: item.question.choose]
    client.post(url, {"choice": picks})
    with pytest.raises(AssertionError):
        assert_no_answer_key(client.get(url).content.decode(), item.version.choices)


def test_review_cards_and_new_questions_show_no_key_before_the_answer(client, learner):
    client.force_login(learner)
    questions = list(Question.objects.filter(status="published").select_related("current_version")[:4])
    for question in questions[:2]:
        wrong = [c["id"] for c in question.current_version.choices if not c["correct"]][: question.choose]
        card = answer_new(user=learner, question=question, selected=wrong).card
        for headers in ({}, HTMX):
            page = client.get(reverse("reviews:card", args=[card.code]), **headers)
            assert page.status_code == 200
            assert_no_answer_key(page.content.decode(), question.current_version.choices)
    for question in questions[2:]:
        assert not Card.objects.filter(user=learner, question=question).exists()
        page = client.get(reverse("reviews:new", args=[question.code]))
        assert page.status_code == 200
        assert_no_answer_key(page.content.decode(), question.current_version.choices)
    session = client.get(reverse("reviews:session")).content.decode()
    for question in questions:
        assert_no_answer_key(session, question.current_version.choices)
