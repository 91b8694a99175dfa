"""Search finds cases too, and ranks titles and exact phrases above mentions, on both databases."""

import pytest
from django.urls import reverse

from topics.models import Topic
from topics.search import search, update_search_vectors

pytestmark = pytest.mark.django_db
SEARCH = reverse("topics:search")


def make_topic(slug: str, order: int, title: tuple[str, str], body: tuple[str, str] = ("", ""), keywords=""):
    return Topic.objects.create(
        slug=slug, order=order, title_en=title[0], title_ko=title[1], summary_en="", summary_ko="",
        body_en=body[0], body_ko=body[1], html_en="", html_ko="", keywords=keywords,
    )  # fmt: skip


@pytest.mark.parametrize(
    "query",
    [
        "tiny serverless API",  # title
        "작은 서버리스",  # Korean title
        "without managing servers",  # a requirement's need
        "서버를 관리하지",  # the same need in Korean
    ],
)
def test_search_finds_a_case_by_its_title_or_a_requirement_in_either_language(query):
    assert [case.slug for case in search(query).cases] == ["tiny-api"]


def test_the_results_page_links_the_case_and_says_what_the_company_needs(client):
    page = client.get(SEARCH, {"q": "서버리스 API"}).content.decode()
    assert f'href="{reverse("topics:case-detail", args=["tiny-api"])}"' in page
    assert "A small shop sells tea online." in page


def test_a_title_naming_the_phrase_outranks_notes_that_only_mention_it():
    # The purchase-options note comes first in the curriculum and repeats the phrase in its body.
    make_topic(
        "purchase-options", 1, ("EC2 purchase options - On-Demand, Reserved, Spot", "EC2 구매 옵션 - 온디맨드, 예약, 스팟"),
        body=("Spot Instances " * 30, "스팟 인스턴스 " * 30),
    )  # fmt: skip
    make_topic(
        "spot-instances", 90, ("Spot Instances - interruptions and fleets", "스팟 인스턴스 - 중단과 플릿")
    )
    update_search_vectors()
    for query in ["Spot Instances", "spot", "스팟 인스턴스", "스팟"]:
        assert [t.slug for t in search(query).topics[:2]] == ["spot-instances", "purchase-options"], query


def test_the_exact_phrase_outranks_its_words_found_apart():
    make_topic(
        "dax",
        1,
        ("DynamoDB Accelerator (DAX) and global tables", "DynamoDB Accelerator(DAX)와 글로벌 테이블"),
    )
    make_topic("edge", 2, ("AWS edge services", "AWS 엣지 서비스"), keywords="AWS Global Accelerator")
    make_topic("global-accelerator", 90, ("AWS Global Accelerator", "AWS Global Accelerator"))
    update_search_vectors()
    assert [t.slug for t in search("Global Accelerator").topics] == ["global-accelerator", "edge", "dax"]


def test_the_search_page_stays_within_its_query_budget(client, learner, django_assert_max_num_queries):
    client.force_login(learner)
    with django_assert_max_num_queries(6):  # session, user, then one per kind: topics, cases, facts, terms
        assert client.get(SEARCH, {"q": "serverless API"}).status_code == 200
    with django_assert_max_num_queries(9):  # nothing matches: near spellings of topics, cases and terms
        assert client.get(SEARCH, {"q": "Lamdba"}).status_code == 200


def test_a_term_the_query_names_lifts_the_topic_that_explains_it():
    # Both notes list Lambda among their services; the glossary says which one explains it.
    make_topic(
        "serverless-overview", 1, ("Serverless overview", "서버리스 개요"), keywords="AWS Lambda Lambda 람다"
    )
    update_search_vectors()
    assert [t.slug for t in search("람다").topics] == ["lambda-basics", "serverless-overview"]
