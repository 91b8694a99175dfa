"""Search ranks the right topic first for Korean and English queries (PostgreSQL full text + trigrams)."""

import pytest
from django.db import connection

from tests.conftest import REAL_CONTENT
from topics.content import read_curriculum
from topics.loading import load_curriculum
from topics.search import search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="ranking is PostgreSQL's; SQLite has a plain fallback"
    ),
]


@pytest.fixture
def curriculum(db):
    load_curriculum(read_curriculum(REAL_CONTENT))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "람다",
            {
                "lambda-limits",
                "lambda-concurrency-scaling",
                "lambda-invocation-models",
                "lambda-vpc-rds-proxy",
                "lambda-deployment",
                "lambda-edge-functions",
            },
        ),
        (
            "Lambda",
            {
                "lambda-limits",
                "lambda-concurrency-scaling",
                "lambda-invocation-models",
                "lambda-vpc-rds-proxy",
                "lambda-deployment",
                "lambda-edge-functions",
            },
        ),
        ("배치 그룹", {"ec2-placement-groups"}),
        ("placement group", {"ec2-placement-groups"}),
        ("가중치 기반 라우팅", {"route53-routing-policies"}),
        ("weighted routing", {"route53-routing-policies"}),
        ("스팟 인스턴스", {"spot-instances"}),
        ("DAX", {"dynamodb-dax-streams-global-tables"}),
    ],
)
def test_the_right_topic_comes_first(curriculum, query, expected):
    results = search(query)
    assert results.topics, f"nothing found for {query!r}"
    assert results.topics[0].slug in expected, [t.slug for t in results.topics[:5]]


def test_glossary_terms_and_facts_are_found_too(curriculum):
    results = search("배치 그룹")
    assert any(term.term_ko == "배치 그룹" for term in results.terms)
    assert search("LAM-01").facts[0].key == "LAM-01"


def test_query_syntax_cannot_break_the_search(curriculum):
    for hostile in ["a & | ! :*", "'); DROP TABLE topics_topic; --", "<->", "(((", "배치:* | !그룹"]:
        search(hostile)  # no error
