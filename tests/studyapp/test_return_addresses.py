"""A form's return address (`next`) sends the visitor back only to a path on this site: a bare word,
another host or a script URL sends them to the form's usual page instead, and never fails.

Found by the form fuzzer: `redirect(next)` took "0" for a URL name and answered 500 (NoReverseMatch) on
the rating, problem-report and authoring bulk forms."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.studyapp import test_pages
from tests.studyapp.test_pages import BANK_QUESTION_CODE, REVIEW_CODE

learners_quiz = test_pages.learners_quiz
learners_card = test_pages.learners_card
BAD = ["0", "dashboard", "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("target", BAD)
def test_the_rating_form_goes_back_only_to_a_path_here(learner, learners_card, target):
    response = client_for(learner).post(
        reverse("reviews:rate", args=[REVIEW_CODE]), {"rating": "4", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:reviewed", args=[REVIEW_CODE])


@pytest.mark.parametrize("target", BAD)
def test_the_problem_report_goes_back_only_to_a_path_here(learner, learners_card, target):
    response = client_for(learner).post(
        reverse("quizzes:report-problem", args=[BANK_QUESTION_CODE]),
        {"version": "1", "kind": "unclear", "message": "", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:practice-home")


@pytest.mark.parametrize("target", BAD)
def test_the_authoring_bulk_form_goes_back_only_to_a_path_here(instructor, target):
    response = client_for(instructor).post(reverse("authoring:bulk"), {"action": "publish", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("authoring:questions")


def test_a_path_here_is_kept(learner, learners_card):
    response = client_for(learner).post(
        reverse("reviews:rate", args=[REVIEW_CODE]), {"rating": "4", "next": "/practice/?scope=topic"}
    )
    assert response["Location"] == "/practice/?scope=topic"
