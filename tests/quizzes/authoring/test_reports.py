"""Learners report problems with a question; the report lands in the instructors' queue with the version
seen; resolving records what was done."""

import random

import pytest
from django.urls import reverse

from quizzes.models import ProblemReport, Question
from quizzes.services import Scope, answer_practice_item, start_practice

pytestmark = pytest.mark.django_db
QUEUE = reverse("authoring:reports")


def report_url(question):
    return reverse("quizzes:report-problem", args=[question.code])


@pytest.fixture
def question(write_question):
    return write_question(status="published")


def test_the_practice_page_offers_a_report_form_for_the_version_shown(client, learner, question):
    quiz = start_practice(
        user=learner, scope=Scope.of_questions([question.pk], "One", "하나"), size=1, rng=random.Random(1)
    )
    client.force_login(learner)
    page = client.get(reverse("quizzes:practice-item", args=[quiz.code, 1])).content.decode()
    assert f'action="{report_url(question)}"' in page and 'name="version" value="1"' in page
    item = quiz.items.select_related("version").get()
    answer_practice_item(user=learner, code=quiz.code, position=1, selected=[item.version.choices[0]["id"]])
    page = client.get(reverse("quizzes:practice-item", args=[quiz.code, 1])).content.decode()
    assert 'id="report-problem"' in page and "The marked answer is wrong" in page


def test_a_report_with_htmx_is_thanked_in_place_and_queued_with_the_version_seen(client, learner, question):
    client.force_login(learner)
    response = client.post(
        report_url(question),
        {"version": 1, "kind": "translation", "message": "'저렴한' reads oddly."},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="report-problem"' in html and 'role="status"' in html and "<html" not in html
    report = ProblemReport.objects.get()
    assert (report.user, report.question, report.version.number, report.kind) == (
        learner,
        question,
        1,
        "translation",
    )
    assert report.language == "ko" and report.resolved_at is None


def test_without_javascript_the_report_returns_to_the_page_with_a_message(client, learner, question):
    client.force_login(learner)
    back = reverse("quizzes:practice-home")
    response = client.post(report_url(question), {"version": 1, "kind": "unclear", "next": back}, follow=True)
    assert response.redirect_chain[-1][0] == back
    assert "your report is in the instructors" in response.content.decode()
    # A second report on the same question while the first is open is not queued again.
    again = client.post(report_url(question), {"version": 1, "kind": "outdated"}, HTTP_HX_REQUEST="true")
    assert again.status_code == 409 and "already reported" in again.content.decode()
    assert ProblemReport.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"version": 1}, 400, "Choose what is wrong."),
        ({"version": 1, "kind": "nonsense"}, 400, "Select a valid choice"),
        ({"version": 7, "kind": "unclear"}, 400, "never had that version"),
        ({"kind": "unclear"}, 400, "did not say which version"),
    ],
)
def test_a_bad_report_is_refused_precisely_and_saves_nothing(
    client, learner, question, data, status, message
):
    client.force_login(learner)
    response = client.post(report_url(question), data, HTTP_HX_REQUEST="true")
    assert response.status_code == status
    assert message in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_draft_nobody_answered_cannot_be_reported(client, learner, write_question):
    draft = write_question()
    client.force_login(learner)
    assert client.post(report_url(draft), {"version": 1, "kind": "unclear"}).status_code == 404
    assert client.get(report_url(draft)).status_code == 404


def test_the_queue_shows_the_question_and_version_seen_and_resolving_records_what_was_done(
    client, learner, instructor, question, django_assert_max_num_queries
):
    ProblemReport.objects.create(user=learner, question=question, version=question.current_version,
                                 kind="wrong_key", message="I think B is right.", language="en")  # fmt: skip
    other = Question.objects.filter(status="published").exclude(pk=question.pk).first()
    ProblemReport.objects.create(
        user=learner, question=other, version=other.current_version, kind="unclear", language="ko"
    )
    client.force_login(instructor)
    with django_assert_max_num_queries(
        8
    ):  # session, user, permissions (2), count, page of reports, open count
        page = client.get(QUEUE).content.decode()
    assert "2 open reports" in page and "The marked answer is wrong" in page and "I think B is right." in page
    assert "seen in version 1" in page and "A company stores logs" in page

    report = ProblemReport.objects.get(question=question)
    resolve = reverse("authoring:report-resolve", args=[report.code])
    refused = client.post(resolve, {f"{report.code}-resolution": "   "})
    assert refused.status_code == 400 and "Say what was done" in refused.content.decode()
    report.refresh_from_db()
    assert report.resolved_at is None

    response = client.post(
        resolve, {f"{report.code}-resolution": "Checked: A is right; explanation clarified."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == instructor and report.resolution.startswith("Checked") and report.resolved_at
    open_page = client.get(QUEUE).content.decode()
    assert "1 open report" in open_page and "I think B is right." not in open_page
    done = client.get(QUEUE, {"state": "resolved"}).content.decode()
    assert "Checked: A is right; explanation clarified." in done and instructor.email in done
    # Resolved reports leave the "needs checking" filter; open ones are in it.
    listed = client.get(reverse("authoring:questions"), {"checking": "on"}).context["page"].object_list
    assert [q.pk for q in listed] == [other.pk]


def test_a_learner_cannot_see_or_resolve_the_queue(client, learner, question):
    report = ProblemReport.objects.create(user=learner, question=question, version=question.current_version,
                                          kind="unclear", language="en")  # fmt: skip
    client.force_login(learner)
    assert client.get(QUEUE).status_code == 403
    resolve = reverse("authoring:report-resolve", args=[report.code])
    assert client.post(resolve, {f"{report.code}-resolution": "x"}).status_code == 403
    report.refresh_from_db()
    assert report.resolved_at is None


def test_the_review_feedback_offers_the_report_form_too(client, learner, question):
    from reviews.services import answer_new

    result = answer_new(user=learner, question=question, selected=[question.current_version.choices[0]["id"]])
    client.force_login(learner)
    page = client.get(reverse("reviews:reviewed", args=[result.log.code])).content.decode()
    assert f'action="{report_url(question)}"' in page and 'name="version" value="1"' in page


def test_the_korean_report_kinds_read_as_labels_not_as_plain_sentences(client, learner, question):
    """The options ended in the written plain style (문제가 분명하지 않다) amid the site's polite forms."""
    quiz = start_practice(
        user=learner, scope=Scope.of_questions([question.pk], "One", "하나"), size=1, rng=random.Random(1)
    )
    learner.profile.language = "ko"
    learner.profile.save()
    client.force_login(learner)
    client.cookies["studyapp_language"] = "ko"
    page = client.get(reverse("quizzes:practice-item", args=[quiz.code, 1])).content.decode()
    for label in ("표시된 정답이 틀림", "문제가 분명하지 않음", "내용이 오래됨", "번역이 잘못됨"):
        assert label in page
    assert "않다" not in page and "틀렸다" not in page
