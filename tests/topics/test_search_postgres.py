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


EXPECTED = [
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
]


def test_search_on_the_real_curriculum():
    """One load of the real curriculum (it takes seconds), then every query a learner might type."""
    load_curriculum(read_curriculum(REAL_CONTENT))
    wrong = {}
    for query, expected in EXPECTED:
        firsts = [t.slug for t in search(query).topics[:3]]
        if not firsts or firsts[0] not in expected:
            wrong[query] = firsts
    assert wrong == {}, "the right topic must come first"

    results = search("배치 그룹")
    assert any(term.term_ko == "배치 그룹" for term in results.terms)
    assert search("LAM-01").facts[0].key == "LAM-01"
    for hostile in [
        "a & | ! :*",
        "'); DROP TABLE topics_topic; --",
        "<->",
        "(((",
        "배치:* | !그룹",
        "-",
        "--x",
    ]:
        search(hostile)  # tsquery syntax in a query is not an error
