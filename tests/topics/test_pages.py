"""Topic, case, glossary, fact and search pages: languages, progress, access and query counts."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from topics.models import StudiedTopic, Topic

pytestmark = pytest.mark.django_db
TOPIC = reverse("topics:topic-detail", args=["lambda-basics"])
STUDIED = reverse("topics:topic-studied", args=["lambda-basics"])
MAX_QUERIES = 6


@pytest.mark.parametrize(
    "url",
    [
        reverse("topics:index"),
        TOPIC,
        reverse("topics:case-index"),
        reverse("topics:case-detail", args=["tiny-api"]),
        reverse("topics:glossary"),
        reverse("topics:facts"),
        reverse("topics:search") + "?q=lambda",
    ],
)
def test_pages_stay_within_the_query_budget_for_a_signed_in_learner(
    client, learner, url, django_assert_max_num_queries
):
    client.force_login(learner)
    StudiedTopic.objects.create(user=learner, topic=Topic.objects.get(slug="lambda-basics"))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_the_topic_page_shows_the_note_its_facts_and_sources(client):
    page = client.get(TOPIC).content.decode()
    assert "<h1>Lambda basics</h1>" in page
    assert 'id="fact-TST-01"' in page and "900 seconds" in page
    assert "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html" in page
    assert 'href="/glossary/#lambda"' in page  # "AWS Lambda" in the note links to the glossary


def test_the_note_follows_the_interface_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    page = client.get(TOPIC).content.decode()
    assert "<h1>Lambda 기초</h1>" in page
    assert "최대 15분 동안 실행된다" in page


def test_the_note_flips_language_in_place_without_changing_the_interface(client):
    page = client.get(TOPIC, {"lang": "ko"}).content.decode()
    assert "<h1>Lambda 기초</h1>" in page
    assert '<html lang="en">' in page  # the interface stays English
    assert "Read in English" in page


def test_htmx_flip_returns_only_the_note(client):
    response = client.get(TOPIC, {"lang": "ko"}, headers={"HX-Request": "true", "HX-Target": "note"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="note"')
    assert "<html" not in html and "Lambda 기초" in html


def test_side_by_side_shows_both_languages(client):
    page = client.get(TOPIC, {"view": "both"}).content.decode()
    assert "A single invocation of" in page and "최대 15분 동안 실행된다" in page


def test_an_unknown_content_language_is_a_400(client):
    response = client.get(TOPIC, {"lang": "fr"})
    assert response.status_code == 400
    assert "“fr” is not a language this site offers." in response.content.decode()


def test_a_changed_fact_says_what_changed(client):
    page = client.get(reverse("topics:facts"), {"status": "updated"}).content.decode()
    assert "TST-02" in page and "Older notes said 10; the limit is 7." in page
    assert "TST-01" not in page


def test_a_learner_marks_a_topic_studied_and_sees_progress(client, learner):
    client.force_login(learner)
    response = client.post(STUDIED, {"studied": "1"})
    assert response.status_code == 302
    assert StudiedTopic.objects.filter(user=learner, topic__slug="lambda-basics").exists()
    index = client.get(reverse("topics:index")).content.decode()
    assert "1 of 1 studied" in index  # SAP-C02 domain 2 has only this topic


def test_unmarking_works_through_htmx(client, learner):
    client.force_login(learner)
    client.post(STUDIED, {"studied": "1"})
    response = client.post(STUDIED, {"studied": "0"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<form id="studied-form"')
    assert "Mark as studied" in response.content.decode()
    assert not StudiedTopic.objects.filter(user=learner).exists()


def test_progress_is_private_to_each_learner(client, learner, other_learner):
    StudiedTopic.objects.create(user=learner, topic=Topic.objects.get(slug="lambda-basics"))
    client.force_login(other_learner)
    assert "0 of 1 studied" in client.get(reverse("topics:index")).content.decode()
    assert "Mark as studied" in client.get(TOPIC).content.decode()


def test_a_tampered_studied_form_is_refused(client, learner):
    client.force_login(learner)
    response = client.post(STUDIED, {"studied": "yes"})
    assert response.status_code == 400
    assert not StudiedTopic.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in_to_track_progress(client):
    assert "Sign in to track what you studied" in client.get(TOPIC).content.decode()
    response = client.post(STUDIED, {"studied": "1"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not StudiedTopic.objects.exists()


def test_the_case_page_draws_the_diagram(client):
    page = client.get(reverse("topics:case-detail", args=["tiny-api"])).content.decode()
    assert '<svg role="img" aria-label="A tiny serverless API" class="diagram"' in page
    assert "Serve the API without managing servers." in page
    assert "One EC2 instance with a web server" in page  # a wrong alternative and why


def test_unknown_topics_and_cases_are_404(client):
    assert client.get(reverse("topics:topic-detail", args=["nope"])).status_code == 404
    assert client.get(reverse("topics:case-detail", args=["nope"])).status_code == 404


def test_search_finds_topics_and_glossary_terms_in_both_languages(client):
    page = client.get(reverse("topics:search"), {"q": "배치 그룹"}).content.decode()
    assert "EC2 placement groups" in page or "EC2 배치 그룹" in page
    page = client.get(reverse("topics:search"), {"q": "람다"}).content.decode()
    assert "Lambda basics" in page


def test_search_with_htmx_returns_only_the_results(client):
    response = client.get(reverse("topics:search"), {"q": "lambda"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<div id="results"')


def test_the_index_shows_one_exam_at_a_time(client):
    page = client.get(reverse("topics:index"), {"exam": "SAP-C02"}).content.decode()
    assert "Solutions Architect - Professional" in page and "Design for New Solutions" in page
    assert "Design Secure Architectures" not in page
    assert client.get(reverse("topics:index"), {"exam": "CLF-C02"}).status_code == 400


def test_the_topic_index_groups_topics_by_task_statement_and_filters_to_one(client):
    page = client.get(reverse("topics:index"), {"exam": "SAA-C03"}).content.decode()
    assert "3.2" in page and "Design high-performing and elastic compute solutions" in page
    assert page.count("Lambda basics") == 2  # it teaches 2.1 and 3.2
    one = client.get(reverse("topics:index"), {"exam": "SAA-C03", "task": "3.2"}).content.decode()
    assert (
        one.count("Lambda basics") == 1
        and "Design scalable and loosely coupled" not in one.split("</select>")[1]
    )
    assert client.get(reverse("topics:index"), {"exam": "SAA-C03", "task": "9.9"}).status_code == 400


def test_the_topic_index_shows_what_a_learner_studied_and_scored_per_task_statement(client, learner):
    from quizzes.models import Answer, Question

    StudiedTopic.objects.create(user=learner, topic=Topic.objects.get(slug="lambda-basics"))
    question = Question.objects.get(key="authored:lambda-timeout-report")  # SAA-C03 3.2
    for correct in (True, False, True):
        Answer.objects.create(
            user=learner, question=question, version=question.current_version, selected=[], is_correct=correct,
            source="practice", answered_at="2026-12-01T10:00:00Z",
        )  # fmt: skip
    client.force_login(learner)
    one = client.get(reverse("topics:index"), {"exam": "SAA-C03", "task": "3.2"}).content.decode()
    assert "1 of 1 studied" in one and "2 of 3 answers right" in one
    other = client.get(reverse("topics:index"), {"exam": "SAA-C03", "task": "2.1"}).content.decode()
    assert "No answers yet" in other


def test_each_task_statement_of_the_index_links_to_practise_it(client, learner):
    # Practice needs an account: a visitor sees no link.
    assert "scope=task" not in client.get(reverse("topics:index")).content.decode()
    client.force_login(learner)
    index = client.get(reverse("topics:index"), {"exam": "SAA-C03"}).content.decode()
    link = re.search(r'<a class="chip" href="([^"]+)" aria-label="Practise 3.2">Practise</a>', index)
    assert link and unescape(link[1]) == "/practice/?scope=task&task=SAA-C03:3.2"
    assert index.count(">Practise</a>") == 14  # every task statement of SAA-C03
    practice = client.get(unescape(link[1])).content.decode()
    assert '<option value="SAA-C03:3.2" selected>' in practice
