"""A running mock exam gives no key away in any page or fragment (tests/attack.py
assert_no_answer_key): each question page, its htmx swap and language flip, the answer fragment after
a save, the summary and the confirmation page. After submission the review shows the keys, which
proves the check can see them."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from exams import services
from exams.models import AttemptItem
from tests.attack import assert_no_answer_key
from tests.exams.conftest import T0

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def now():
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False) as traveller:
        yield traveller


def test_no_page_of_a_running_exam_shows_a_key(client, learner, attempt, now):
    client.force_login(learner)
    items = list(AttemptItem.objects.filter(attempt=attempt).select_related("version"))
    every_choice = [choice for item in items for choice in item.version.choices]
    code = attempt.code
    for item in items:
        question = reverse("exams:question", args=[code, item.position])
        pages = {
            question: client.get(question),
            f"{question} (htmx)": client.get(question, **HTMX),
            f"{question}?lang=ko": client.get(question, {"lang": "ko"}, **HTMX),
            f"{question} saved": client.post(
                reverse("exams:answer", args=[code, item.position]), {"answering": "1", "choice": "1"}, **HTMX
            ),
        }
        for where, response in pages.items():
            assert response.status_code == 200, where
            assert_no_answer_key(response.content.decode(), item.version.choices)
    for name in ("exams:summary", "exams:submit"):
        response = client.get(reverse(name, args=[code]))
        assert response.status_code == 200
        assert_no_answer_key(response.content.decode(), every_choice)


def test_after_submission_the_review_shows_the_keys(client, learner, attempt, now):
    client.force_login(learner)
    services.submit(attempt=attempt)
    item = AttemptItem.objects.filter(attempt=attempt).select_related("version").first()
    review = client.get(reverse("exams:review", args=[attempt.code])).content.decode()
    with pytest.raises(AssertionError):
        assert_no_answer_key(review, item.version.choices)
