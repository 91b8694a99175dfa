"""The home page leads to what the site has."""

import pytest
from django.conf import settings
from django.urls import reverse

OFFERED = {"en": "mock exam", "ko": "모의고사"}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_home_page_offers_mock_exams_in_its_language(client, db, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/").content.decode().lower()
    assert OFFERED[language] in page.split("<main", 1)[1]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_home_page_leads_to_every_feature_that_exists(client, db, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/").content.decode()
    for name in (
        "topics:index",
        "topics:case-index",
        "quizzes:practice-home",
        "topics:facts",
        "topics:glossary",
        "topics:search",
        "reviews:session",
        "reviews:progress",
        "exams:home",
    ):
        assert f'href="{reverse(name)}"' in page.split("<main", 1)[1], name
