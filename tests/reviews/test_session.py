"""The daily review session: order, limits, nothing of the answer before answering, access, ratings."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Question
from reviews import scheduling
from reviews.models import Card, ReviewLog, ReviewSettings
from tests.reviews.conftest import make_card, make_questions, practise, right, single_question, wrong

pytestmark = pytest.mark.django_db


def shown_card_code(html: str) -> str | None:
    found = re.search(r'action="/reviews/cards/([0-9a-f-]+)/"', html)
    return found.group(1) if found else None


def test_review_session_shows_the_least_remembered_due_card_first(client, learner):
    a, b, c = make_questions(3)
    now = timezone.now()
    make_card(learner, a, stability=30.0, last_review=now - timedelta(days=31), due=now - timedelta(days=1))
    weakest = make_card(
        learner, b, stability=2.0, last_review=now - timedelta(days=9), due=now - timedelta(days=7)
    )
    make_card(learner, c, stability=10.0, last_review=now - timedelta(days=12), due=now - timedelta(days=2))
    client.force_login(learner)
    html = client.get(reverse("reviews:session")).content.decode()
    assert shown_card_code(html) == str(weakest.code)
    assert "3 cards due" in html


def test_review_session_offers_new_questions_only_within_the_daily_limit(client, learner):
    ReviewSettings.objects.create(user=learner, new_cards_per_day=2)
    make_questions(3)
    client.force_login(learner)
    for _ in range(2):
        html = client.get(reverse("reviews:session")).content.decode()
        action = re.search(r'action="(/reviews/new/[0-9a-f-]+/)"', html).group(1)
        question = Question.objects.select_related("current_version").get(code=action.split("/")[3])
        client.post(action, {"choice": right(question.current_version)})
        # The right answer starts learning steps (due in 10 minutes): move them out of today's way.
        Card.objects.filter(user=learner).update(due=timezone.now() + timedelta(days=3), state=2, step=None)
    html = client.get(reverse("reviews:session")).content.decode()
    assert "All done for now" in html and "You met today's 2 new cards." in html
    assert ReviewLog.objects.filter(user=learner, state_before=scheduling.NEW, source="review").count() == 2


def test_review_session_holds_back_reviews_beyond_the_daily_maximum(client, learner):
    ReviewSettings.objects.create(user=learner, max_reviews_per_day=10, new_cards_per_day=0)
    for question in make_questions(12):
        make_card(learner, question)
    client.force_login(learner)
    html = client.get(reverse("reviews:session")).content.decode()
    assert "10 cards due" in html
    for _ in range(10):
        code = shown_card_code(client.get(reverse("reviews:session")).content.decode())
        card = Card.objects.select_related("question__current_version").get(code=code)
        client.post(f"/reviews/cards/{code}/", {"choice": right(card.question.current_version)})
    html = client.get(reverse("reviews:session")).content.decode()
    assert "All done for now" in html
    assert "You reached today's maximum of 10 reviews; 2 more cards wait for tomorrow." in html
    assert Card.objects.filter(user=learner, due__lt=timezone.now()).count() == 2


def test_review_session_question_holds_nothing_of_the_answer_before_answering(client, learner):
    question = single_question()
    make_card(learner, question)
    client.force_login(learner)
    version = question.current_version
    for response in (
        client.get(reverse("reviews:session")),
        client.get(reverse("reviews:session"), headers={"HX-Request": "true"}),
        client.get(f"/reviews/cards/{Card.objects.get().code}/"),
    ):
        html = unescape(response.content.decode())
        assert response.status_code == 200
        for choice in version.choices:
            assert choice["id"] in html  # the options are there
            assert choice["why_en"] not in html and choice["why_ko"] not in html
        assert version.explanation_en not in html
        for marker in ("is-correct", "Right answer", "rating-option", "back in", "Explanation"):
            assert marker not in html


def test_review_answer_by_htmx_returns_the_feedback_with_the_rating_and_its_own_url(client, learner):
    question = single_question()
    card = make_card(learner, question)
    client.force_login(learner)
    response = client.post(
        f"/reviews/cards/{card.code}/",
        {"choice": right(question.current_version)},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    log = ReviewLog.objects.get()
    assert response.status_code == 200 and html.lstrip().startswith('<section id="review"')
    assert response["HX-Push-Url"] == f"/reviews/reviewed/{log.code}/"
    assert "Correct." in html and "How well did you know it?" in html
    for label in ("Hard", "Good", "Easy"):
        assert f'<span class="rating-name">{label}</span>' in html
    answer = Answer.objects.get()
    assert answer.source == "review" and answer.is_correct and log.answer == answer


def test_review_rating_in_the_session_amends_and_moves_on(client, learner):
    first, second = make_questions(2)
    card = make_card(learner, first, due=timezone.now() - timedelta(days=3))
    make_card(learner, second, due=timezone.now() - timedelta(days=1), stability=50.0)
    client.force_login(learner)
    client.post(f"/reviews/cards/{card.code}/", {"choice": right(first.current_version)})
    log = ReviewLog.objects.get()
    good_due = Card.objects.get(pk=card.pk).due
    response = client.post(
        f"/reviews/reviewed/{log.code}/rating/",
        {"rating": "4", "then": "session"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and '"/reviews/"' in response["HX-Location"]
    assert ReviewLog.objects.get().rating == scheduling.EASY
    assert Card.objects.get(pk=card.pk).due > good_due


def test_review_a_tampered_rating_is_refused_and_changes_nothing(client, learner):
    question = single_question()
    card = make_card(learner, question)
    client.force_login(learner)
    client.post(f"/reviews/cards/{card.code}/", {"choice": right(question.current_version)})
    log = ReviewLog.objects.get()
    for value in ("9", "x", "1"):
        response = client.post(f"/reviews/reviewed/{log.code}/rating/", {"rating": value})
        assert response.status_code in (302, 400)
    assert ReviewLog.objects.get().rating == scheduling.GOOD


def test_review_a_tampered_choice_is_refused_and_nothing_is_saved(client, learner):
    card = make_card(learner, single_question())
    client.force_login(learner)
    response = client.post(f"/reviews/cards/{card.code}/", {"choice": ["not-a-choice"]})
    assert response.status_code == 400 and "Nothing was saved" in response.content.decode()
    response = client.post(f"/reviews/cards/{card.code}/", {})
    assert response.status_code == 422 and "Choose one answer." in response.content.decode()
    assert not Answer.objects.exists() and not ReviewLog.objects.exists()


def test_review_practice_feedback_offers_the_rating_and_amends_the_card(client, learner):
    question = single_question()
    client.force_login(learner)
    item = practise(learner, question, correct=True).practice_item
    url = reverse("quizzes:practice-item", args=[item.quiz.code, item.position])
    rating_url = reverse("reviews:practice-rating", args=[item.quiz.code, item.position])
    page = client.get(url).content.decode()
    assert f'hx-get="{rating_url}"' in page and f'href="{rating_url}"' in page  # the slot, loaded apart
    box = client.get(rating_url, headers={"HX-Request": "true"}).content.decode()
    log = ReviewLog.objects.get()
    assert box.lstrip().startswith('<div class="rating-box"')
    assert f'action="/reviews/reviewed/{log.code}/rating/"' in box and "rating-option is-current" in box
    assert f'name="next" value="{url}"' in box
    response = client.post(f"/reviews/reviewed/{log.code}/rating/", {"rating": "2", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert ReviewLog.objects.get().rating == scheduling.HARD
    fragment = client.post(
        f"/reviews/reviewed/{log.code}/rating/", {"rating": "4", "next": url}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<div class="rating-box"') and "Saved: Easy." in fragment
    assert "<h1>" in client.get(rating_url).content.decode()  # without JavaScript: a page of its own


def test_review_practice_feedback_of_a_wrong_answer_says_again_without_a_choice(client, learner):
    question = single_question()
    client.force_login(learner)
    item = practise(learner, question, correct=False).practice_item
    box = client.get(
        reverse("reviews:practice-rating", args=[item.quiz.code, item.position])
    ).content.decode()
    assert "Recorded as <strong>Again</strong>" in box and "rating-option" not in box


def test_review_rating_of_another_learners_practice_answer_is_not_found(client, learner, other_learner):
    item = practise(learner, single_question(), correct=True).practice_item
    client.force_login(other_learner)
    assert (
        client.get(reverse("reviews:practice-rating", args=[item.quiz.code, item.position])).status_code
        == 404
    )


def test_review_a_wrong_practice_answer_comes_back_in_the_session_before_new_questions(client, learner):
    question = single_question()
    practise(learner, question, correct=False)
    card = Card.objects.get(user=learner)
    client.force_login(learner)
    soon = client.get(reverse("reviews:session")).content.decode()
    assert "/reviews/new/" in soon  # due in a minute: meanwhile a new question
    with time_machine.travel(card.due + timedelta(seconds=1)):
        assert shown_card_code(client.get(reverse("reviews:session")).content.decode()) == str(card.code)


# Midday: due in 30 minutes is still today (it failed at 23:56).
@time_machine.travel("2026-06-01 12:00 +09:00")
def test_review_a_learning_step_due_within_minutes_comes_early_when_nothing_else_is_left(client, learner):
    ReviewSettings.objects.create(user=learner, new_cards_per_day=0)
    question = single_question()
    practise(learner, question, correct=True)  # Good: next step in 10 minutes
    card = Card.objects.get(user=learner)
    client.force_login(learner)
    assert shown_card_code(client.get(reverse("reviews:session")).content.decode()) == str(card.code)
    Card.objects.filter(pk=card.pk).update(due=timezone.now() + timedelta(minutes=30))
    html = client.get(reverse("reviews:session")).content.decode()
    assert "All done for now" in html and "A card you are still learning comes back in 29" in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_review_another_learner_cannot_see_or_review_my_cards(client, learner, other_learner, method):
    question = single_question()
    card = make_card(learner, question)
    client.force_login(learner)
    client.post(f"/reviews/cards/{card.code}/", {"choice": right(question.current_version)})
    log = ReviewLog.objects.get()
    snapshot = Card.objects.get().memory
    client.force_login(other_learner)
    data = {"choice": wrong(question, question.current_version), "rating": "4"}
    urls = [f"/reviews/cards/{card.code}/", f"/reviews/reviewed/{log.code}/"]
    if method == "post":
        urls += [f"/reviews/reviewed/{log.code}/rating/", f"/reviews/cards/{card.code}/restore/"]
    for url in urls:
        assert getattr(client, method)(url, data).status_code == 404, url
    client.post("/reviews/undo/")  # undoes only their own (nothing)
    assert Card.objects.get().memory == snapshot and ReviewLog.objects.get().rating == scheduling.GOOD
    assert Answer.objects.filter(user=other_learner).count() == 0


def test_review_anonymous_visitors_are_sent_to_sign_in(client, learner):
    card = make_card(learner, single_question())
    urls = [
        reverse("reviews:session"),
        f"/reviews/cards/{card.code}/",
        reverse("reviews:progress"),
        reverse("reviews:settings"),
        reverse("reviews:export"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url
    for url in (f"/reviews/cards/{card.code}/", reverse("reviews:undo"), reverse("reviews:optimise")):
        response = client.post(url, {"choice": ["x"]})
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url
    assert not Answer.objects.exists()


def test_review_pages_work_for_an_instructor_with_their_own_cards(client, instructor):
    client.force_login(instructor)
    for name in ("reviews:session", "reviews:progress", "reviews:settings"):
        assert client.get(reverse(name)).status_code == 200


def test_review_question_flips_language_in_place_keeping_the_pick(client, learner):
    question = single_question()
    make_card(learner, question)
    version = question.current_version
    picked = version.choices[0]["id"]
    client.force_login(learner)
    response = client.get(
        reverse("reviews:session"), {"lang": "ko", "choice": picked}, headers={"HX-Request": "true"}
    )
    html = unescape(response.content.decode())
    assert html.lstrip().startswith('<section id="review"')
    assert version.choices[0]["text_ko"] in html and f'value="{picked}" checked' in html
