"""What browsers and proxies may keep, and the page a stale form gets."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "url", ["/dashboard/", "/practice/", "/accounts/email/", "/accounts/password/change/"]
)
def test_personal_pages_are_neither_shared_nor_stored(client, learner, url):
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


@pytest.mark.parametrize(
    "url", ["/", "/topics/", "/topics/lambda-basics/", "/glossary/", "/facts/", "/search/?q=vpc"]
)
def test_reading_pages_of_a_signed_in_learner_stay_out_of_shared_caches(client, learner, url):
    # They carry the learner's session-bound CSRF token and studied marks: private, but the browser
    # may keep them for the back button.
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in directives(response)
    assert "public" not in directives(response)


def test_a_signed_in_redirect_is_private_too(client, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:set-language"), {"language": "ko", "next": "/dashboard/"})
    assert response.status_code == 302
    assert "private" in directives(response)


def test_anonymous_reading_pages_are_not_marked_private(client, db):
    assert "private" not in directives(client.get("/topics/"))


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "This form has expired"), ("ko", "양식이 만료되었습니다")],
)
def test_a_form_without_a_valid_csrf_token_gets_the_sites_own_403_page(db, language, heading):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("accounts:set-language"), {"language": "en", "next": "/"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert heading in page
    assert 'class="site-header"' in page  # the site's layout, not Django's bare page
    assert "CSRF verification failed" not in page
