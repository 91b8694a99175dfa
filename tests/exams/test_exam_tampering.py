"""Tampered answer posts to a running mock exam: a 400 that says nothing was saved, never a 500.

Found by the form fuzzer (tests/studyapp/test_form_fuzz.py): str.isdigit() accepts "²" and a
5,000-digit number, which int() then refuses, so the page failed with a server error."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from exams.models import AttemptItem
from tests.exams.conftest import T0


@pytest.fixture
def now():
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize("choice", ["²", "\u0661", "9" * 5000, "-1", "1.0", " 1"])
def test_a_choice_that_is_not_a_plain_number_is_refused_and_saves_nothing(
    client, learner, attempt, now, choice
):
    client.force_login(learner)
    response = client.post(
        reverse("exams:answer", args=[attempt.code, 1]), {"answering": "1", "choice": choice}
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert AttemptItem.objects.get(attempt=attempt, position=1).selected == []


@pytest.mark.parametrize("go", ["²", "9" * 5000, "0", "999", "lang:xx", "//evil.example"])
def test_an_unknown_destination_saves_and_stays_on_the_question(client, learner, attempt, now, go):
    client.force_login(learner)
    response = client.post(reverse("exams:answer", args=[attempt.code, 1]), {"flag": "1", "go": go})
    assert response.status_code == 302
    assert response["Location"] == reverse("exams:question", args=[attempt.code, 1])
    assert AttemptItem.objects.get(attempt=attempt, position=1).flagged
