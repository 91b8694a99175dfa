"""The glossary and the facts can be narrowed by letter, topic, service area and service, without JavaScript."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
GLOSSARY = reverse("topics:glossary")
FACTS = reverse("topics:facts")


def terms_on(page: str) -> list[str]:
    """The fixture's glossary terms shown on the page, in page order."""
    shown = [slug for slug in ("placement-group", "lambda") if f'id="{slug}"' in page]
    return sorted(shown, key=lambda slug: page.index(f'id="{slug}"'))


def test_the_glossary_files_terms_under_letters_and_links_each_letter(client):
    page = client.get(GLOSSARY).content.decode()
    assert '<h2 class="letter-head" id="letter-L">L</h2>' in page  # AWS Lambda is filed under L
    assert 'href="?letter=L"' in page and 'href="?letter=P"' in page
    assert terms_on(page) == ["lambda", "placement-group"]
    assert terms_on(client.get(GLOSSARY, {"letter": "P"}).content.decode()) == ["placement-group"]


def test_the_korean_glossary_is_indexed_by_initial_consonant(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    page = client.get(GLOSSARY).content.decode()
    assert 'href="?letter=%E3%85%82"' in page  # ㅂ: 배치 그룹
    assert terms_on(page) == ["placement-group", "lambda"]  # ㄱ-ㅎ before A-Z
    assert terms_on(client.get(GLOSSARY, {"letter": "ㅂ"}).content.decode()) == ["placement-group"]


def test_the_glossary_filters_by_topic_with_a_plain_form(client):
    page = client.get(GLOSSARY, {"topic": "lambda-basics", "letter": "L"}).content.decode()
    assert terms_on(page) == ["lambda"]
    assert '<form class="filter-form" method="get"' in page
    assert '<option value="lambda-basics" selected>' in page
    assert '<input type="hidden" name="letter" value="L">' in page  # the letter survives the form


def test_a_flipped_language_survives_the_index_links(client):
    page = client.get(GLOSSARY, {"lang": "ko"}).content.decode()
    assert 'href="?lang=ko&amp;letter=%E3%85%82"' in page


@pytest.mark.parametrize("query", [{"letter": "AB"}, {"letter": "<b>"}, {"topic": "nope"}])
def test_an_unknown_glossary_filter_is_a_400(client, query):
    assert client.get(GLOSSARY, query).status_code == 400


def test_the_facts_filter_by_service_and_by_area(client):
    by_service = client.get(FACTS, {"service": "ec2"}).content.decode()
    assert 'id="fact-TST-02"' in by_service and 'id="fact-TST-01"' not in by_service
    assert '<option value="ec2" selected>Amazon EC2</option>' in by_service
    by_area = client.get(FACTS, {"group": "TST"}).content.decode()
    assert 'id="fact-TST-01"' in by_area and 'id="fact-TST-02"' in by_area
    assert 'href="?group=TST" aria-current="page"' in by_area


def test_the_service_filter_keeps_the_status_filter(client):
    page = client.get(FACTS, {"status": "updated", "service": "lambda"}).content.decode()
    assert "No facts match." in page  # TST-01 (Lambda) is current
    assert '<input type="hidden" name="status" value="updated">' in page


@pytest.mark.parametrize("query", [{"service": "nope"}, {"group": "XYZ"}, {"status": "old"}])
def test_an_unknown_facts_filter_is_a_400(client, query):
    assert client.get(FACTS, query).status_code == 400


@pytest.mark.parametrize(
    ("url", "query", "queries"),
    [
        (GLOSSARY, {}, 3),  # session, user, terms with their topics
        (GLOSSARY, {"letter": "L", "topic": "lambda-basics"}, 3),
        (FACTS, {}, 5),  # session, user, areas, services with facts, facts
        (FACTS, {"service": "ec2", "group": "TST", "status": "updated"}, 5),
    ],
)
def test_the_index_pages_cost_a_fixed_number_of_queries(
    client, learner, url, query, queries, django_assert_num_queries
):
    client.force_login(learner)
    with django_assert_num_queries(queries):
        assert client.get(url, query).status_code == 200
