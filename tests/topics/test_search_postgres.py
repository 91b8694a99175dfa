"""Search ranks the right topic first for Korean and English queries (PostgreSQL full text + trigrams)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from topics.models import Case, Fact, GlossaryTerm, Topic
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
    ("스팟", {"spot-instances"}),
    ("Spot", {"spot-instances"}),
    ("Global Accelerator", {"global-accelerator"}),
    ("DAX", {"dynamodb-dax-streams-global-tables"}),
    ("Cloudfrnt", {"cloudfront"}),  # a near spelling
]
CASES = [
    ("IP 차단", "blocking-ip"),
    ("block an IP address", "blocking-ip"),
    ("Spot", "spot-batch-processing"),
    ("할 일 앱", "todo-mobile-app"),
]


def test_search_on_the_real_curriculum(real_content_db):
    """The real curriculum (loaded once per session), then every query a learner might type."""
    wrong = {}
    for query, expected in EXPECTED:
        firsts = [t.slug for t in search(query).topics[:3]]
        if not firsts or firsts[0] not in expected:
            wrong[query] = firsts
    assert wrong == {}, "the right topic must come first"

    wrong_cases = {}
    for query, expected in CASES:
        firsts = [c.slug for c in search(query).cases[:3]]
        if not firsts or firsts[0] != expected:
            wrong_cases[query] = firsts
    assert wrong_cases == {}, "the right case must come first"

    terms = [t.term_en for t in search("Global Accelerator").terms]
    assert terms[0] == "AWS Global Accelerator"
    assert "Amazon DynamoDB Accelerator (DAX)" not in terms  # it shares one word, not the name

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


def test_search_reads_stored_indexed_vectors_instead_of_rebuilding_them():
    # The session's fixture curriculum was loaded through the loader, which stores the vectors.
    for model in (Topic, Fact, Case, GlossaryTerm):
        assert not model.objects.filter(search_vector=None).exists(), model
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gin (search_vector)'")
        indexed = {row[0] for row in cursor.fetchall()}
    assert indexed == {"topics_topic", "topics_fact", "topics_case", "topics_glossaryterm"}
    with CaptureQueriesContext(connection) as queries:
        assert search("Lambda").topics
    assert queries.captured_queries, "search ran no query"
    assert not [q["sql"] for q in queries.captured_queries if "to_tsvector" in q["sql"]]
