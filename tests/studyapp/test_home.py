"""The home page promises only what the site has today."""

import pytest
from django.conf import settings
from django.urls import reverse

NOT_YET = {
    "en": ["mock exam", "spaced repetition", "review card", "timed"],
    "ko": ["모의고사", "간격 반복", "복습 카드", "제한 시간"],
}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_home_page_promises_nothing_that_does_not_exist_yet(client, db, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/").content.decode().lower()
    for words in NOT_YET[language]:
        assert words not in page


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
    ):
        assert f'href="{reverse(name)}"' in page.split("<main", 1)[1], name
