"""Every change of a question's text is a new version; what a learner met keeps showing that version."""

import random

import pytest
from django.urls import reverse

from quizzes.authoring.drafts import Draft
from quizzes.models import Answer, Question
from quizzes.services import Scope, answer_practice_item, start_practice
from tests.quizzes.authoring.conftest import form_data

pytestmark = pytest.mark.django_db
V1_STEM = "A company stores logs for seven years."
V2_STEM = "Version two: a company archives audit records"


@pytest.fixture
def published(write_question):
    return write_question(status="published")


def publish_v2(client, instructor, question, *, swap_key=False):
    """The instructor rewrites the stem (and, with swap_key, makes the second choice the key) and saves."""
    client.force_login(instructor)
    question.refresh_from_db()
    draft = Draft.of_version(question.current_version, kind="single", choose=1)
    draft.stem_en = draft.stem_en.replace(V1_STEM, V2_STEM)
    if swap_key:
        draft.choices[0]["correct"], draft.choices[1]["correct"] = False, True
    url = reverse("authoring:question-edit", args=[question.code])
    response = client.post(url, form_data(draft, action="save", note="New wording"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.current_version.number == 2
    return question.current_version


def quiz_with(learner, question):
    quiz = start_practice(
        user=learner, scope=Scope.of_questions([question.pk], "One", "하나"), size=1, rng=random.Random(1)
    )
    return quiz.items.select_related("version").get()


def test_an_unanswered_practice_item_keeps_showing_and_scoring_version_one(
    client, learner, instructor, published
):
    item = quiz_with(learner, published)
    v1 = item.version
    publish_v2(client, instructor, published, swap_key=True)
    client.force_login(learner)
    page = client.get(reverse("quizzes:practice-item", args=[item.quiz.code, 1])).content.decode()
    assert V1_STEM in page and V2_STEM not in page
    # v1's key is still right for this item, although v2 keyed another choice.
    answered = answer_practice_item(
        user=learner, code=item.quiz.code, position=1, selected=[v1.choices[0]["id"]]
    )
    assert answered.answer.is_correct and answered.answer.version == v1


def test_an_answered_practice_item_keeps_its_feedback_from_version_one(
    client, learner, instructor, published
):
    item = quiz_with(learner, published)
    right = [c["id"] for c in item.version.choices if c["correct"]]
    answer_practice_item(user=learner, code=item.quiz.code, position=1, selected=right)
    publish_v2(client, instructor, published, swap_key=True)
    client.force_login(learner)
    page = client.get(reverse("quizzes:practice-item", args=[item.quiz.code, 1])).content.decode()
    assert V1_STEM in page and V2_STEM not in page and "Correct." in page
    summary = client.get(reverse("quizzes:practice-summary", args=[item.quiz.code])).content.decode()
    assert "S3 Glacier Deep Archive" in summary  # v1's key, not v2's


def test_a_new_quiz_after_the_edit_shows_version_two(client, learner, instructor, published):
    publish_v2(client, instructor, published)
    item = quiz_with(learner, published)
    assert item.version.number == 2 and item.version.stem_en.startswith(V2_STEM)


def test_a_review_answered_on_version_one_stays_on_version_one(client, learner, instructor, published):
    from reviews.services import answer_new

    published.refresh_from_db()
    v1 = published.current_version
    right = [c["id"] for c in v1.choices if c["correct"]]
    result = answer_new(user=learner, question=published, selected=right, version_number=1)
    publish_v2(client, instructor, published, swap_key=True)
    client.force_login(learner)
    page = client.get(reverse("reviews:reviewed", args=[result.log.code])).content.decode()
    assert V1_STEM in page and V2_STEM not in page
    # A review page left open on version 1 while version 2 went out is graded on version 1.
    other = Question.objects.get(pk=published.pk)
    second = answer_new(user=learner, question=other, selected=right, version_number=1)
    assert second.log.version == v1 and Answer.objects.filter(version=v1, is_correct=True).count() == 2


def test_the_history_shows_who_changed_what_and_when(
    client, learner, instructor, published, django_assert_max_num_queries
):
    item = quiz_with(learner, published)
    answer_practice_item(
        user=learner, code=item.quiz.code, position=1, selected=[item.version.choices[0]["id"]]
    )
    publish_v2(client, instructor, published)
    url = reverse("authoring:question-history", args=[published.code])
    with django_assert_max_num_queries(7):  # session, user, permissions (2), question, versions with authors
        page = client.get(url).content.decode()
    assert page.index("Version 2") < page.index("Version 1")  # newest first
    assert page.count(instructor.email) == 2 and "New wording" in page and "1 answer" in page
    assert f'<span class="diff-del">- {V1_STEM}' in page
    assert f'<span class="diff-add">+ {V2_STEM}' in page
