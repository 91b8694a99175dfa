"""The instructors' question list: every filter, search, bulk publish and retire."""

import pytest
from django.urls import reverse

from quizzes.authoring.services import Links
from quizzes.bank import sync_questions
from quizzes.generator import generate
from quizzes.models import Question
from tests.conftest import FIXTURE_CONTENT
from topics.content import read_curriculum
from topics.models import Case, ExamDomain, Topic

pytestmark = pytest.mark.django_db
LIST = reverse("authoring:questions")
BULK = reverse("authoring:bulk")


def keys_on_page(client, **filters) -> set[str]:
    response = client.get(LIST, filters)
    assert response.status_code == 200
    return {q.key for q in response.context["page"].object_list}


def test_each_filter_narrows_the_list(client, instructor, write_question):
    client.force_login(instructor)
    topic, case = Topic.objects.get(slug="placement-groups"), Case.objects.get(slug="tiny-api")
    sap2 = ExamDomain.objects.get(exam__code="SAP-C02", number=4)
    draft = write_question(links=Links(topic=topic, domains=[sap2], tags=["moodle/imported"]))
    published = write_question(status="published", links=Links(case=case))
    everything = set(Question.objects.values_list("key", flat=True))
    assert keys_on_page(client) == everything and len(everything) > 2

    assert keys_on_page(client, status="draft") == {draft.key}
    assert published.key in keys_on_page(client, status="published")
    assert keys_on_page(client, origin="generated") == set(
        Question.objects.filter(origin="generated").values_list("key", flat=True)
    )
    assert keys_on_page(client, domain="SAP-C02:4") == {draft.key}
    assert draft.key in keys_on_page(client, exam="SAP-C02")
    assert draft.key not in keys_on_page(client, exam="SAA-C03")
    assert keys_on_page(client, topic="placement-groups") == set(
        Question.objects.filter(topic=topic).values_list("key", flat=True)
    )
    assert published.key in keys_on_page(client, case="tiny-api")
    assert draft.key not in keys_on_page(client, case="tiny-api")
    Question.objects.filter(pk=published.pk).update(needs_checking=True)
    assert keys_on_page(client, checking="on") == {published.key}


def test_search_finds_stems_in_either_language_keys_and_tags(client, instructor, write_question):
    client.force_login(instructor)
    ours = write_question(stem_en="Which bucket policy blocks public reads?", stem_ko="공개 읽기를 막는 버킷 정책은?",
                          links=Links(tags=["course/security"]))  # fmt: skip
    assert keys_on_page(client, q="bucket policy") == {ours.key}
    assert keys_on_page(client, q="버킷 정책") == {ours.key}
    assert keys_on_page(client, q="course/security") == {ours.key}
    assert keys_on_page(client, q=ours.key) == {ours.key}
    assert keys_on_page(client, q="no such words anywhere") == set()


def test_an_unknown_filter_value_is_ignored_not_an_error(client, instructor):
    client.force_login(instructor)
    response = client.get(LIST, {"status": "nonsense", "domain": "XYZ:9"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Question.objects.count()


def test_the_list_costs_a_fixed_number_of_queries(
    client, instructor, write_question, django_assert_max_num_queries
):
    client.force_login(instructor)
    for _ in range(5):
        write_question(links=Links(domains=list(ExamDomain.objects.all()[:2])))
    # session, user, permissions (2), filter choices (exams, domains, topics, cases), count, page, domains
    with django_assert_max_num_queries(11):
        page = client.get(LIST).content.decode()
    assert page.count('name="question"') == Question.objects.count()


def test_bulk_publish_publishes_complete_drafts_and_names_the_incomplete_ones(
    client, instructor, write_question
):
    client.force_login(instructor)
    complete = write_question()
    incomplete = write_question(stem_ko="")
    response = client.post(
        BULK,
        {"action": "publish", "question": [complete.code, incomplete.code], "next": LIST + "?status=draft"},
    )
    assert response.status_code == 302 and response["Location"] == LIST + "?status=draft"
    complete.refresh_from_db(), incomplete.refresh_from_db()
    assert complete.status == "published" and incomplete.status == "draft"
    page = client.get(response["Location"]).content.decode()
    assert "1 question published." in page
    assert f"Not published: {incomplete.key}. The question text is missing in Korean." in page


def test_bulk_retire_keeps_a_generated_question_retired_after_a_reload(client, instructor):
    client.force_login(instructor)
    generated = Question.objects.filter(origin="generated", status="published").first()
    client.post(BULK, {"action": "retire", "question": [generated.code]})
    generated.refresh_from_db()
    assert generated.status == "retired" and generated.app_owned
    report = sync_questions(generate(read_curriculum(FIXTURE_CONTENT)).questions)
    generated.refresh_from_db()
    assert generated.status == "retired" and report.kept_edited == 1


def test_bulk_with_nothing_ticked_says_so_and_changes_nothing(client, instructor):
    client.force_login(instructor)
    before = list(Question.objects.values_list("status", flat=True))
    response = client.post(BULK, {"action": "retire"}, follow=True)
    assert "Tick at least one question" in response.content.decode()
    assert list(Question.objects.values_list("status", flat=True)) == before


def test_a_learner_cannot_bulk_retire(client, learner):
    client.force_login(learner)
    question = Question.objects.filter(status="published").first()
    assert client.post(BULK, {"action": "retire", "question": [question.code]}).status_code == 403
    question.refresh_from_db()
    assert question.status == "published"
