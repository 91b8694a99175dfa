"""Every route refuses a POST without a valid CSRF token, whoever sends it; the same POST with the token
gets past the check. The routes come from the URL configuration, so a new view is covered the day it
is added (a view marked csrf_exempt would fail here)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from tests.attack import owned_rows, routes

EXPIRED = "This form has expired"  # the site's own CSRF failure page (studyapp.views.csrf_failure)
ROUTES = routes()


@pytest.fixture
def strict_client(db):
    return Client(enforce_csrf_checks=True)


def csrf_token(client) -> str:
    client.get("/")  # every page gives htmx the token (<body hx-headers>), which sets the cookie
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def language_of(user) -> str:
    return Profile.objects.get(user=user).language


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "learner"])
def test_every_route_refuses_a_post_without_a_token(strict_client, learner, signed_in):
    if signed_in:
        strict_client.force_login(learner)
    before = owned_rows(learner)
    accepted = []
    for route in ROUTES:
        response = strict_client.post(route.sample_path, {"next": "/", "studied": "1", "rating": "3"})
        if response.status_code != 403 or EXPIRED not in response.content.decode():
            accepted.append((route.route, response.status_code))
    assert accepted == [], "these routes took a POST without a CSRF token"
    assert owned_rows(learner) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_CSRFTOKEN": "not-the-token-at-all-not-the-token-at-all-xx"},  # htmx sends it in a header
        {"HTTP_X_CSRFTOKEN": "a" * 64},  # well-formed, wrong
    ],
    ids=["malformed-header", "wrong-header"],
)
def test_a_wrong_token_is_refused_too(strict_client, learner, headers):
    strict_client.force_login(learner)
    csrf_token(strict_client)
    response = strict_client.post(
        reverse("accounts:set-language"), {"language": "ko", "next": "/"}, **headers
    )
    assert response.status_code == 403
    assert language_of(learner) == "en"


def test_the_same_post_with_the_token_gets_through(strict_client, learner):
    """The refusals above are the token's doing: with it, each route answers as its view decides."""
    strict_client.force_login(learner)
    token = csrf_token(strict_client)
    refused = []
    for route in ROUTES:
        if route.name == "account_logout":
            continue  # it would end the session the other routes need
        response = strict_client.post(route.sample_path, {"next": "/"}, HTTP_X_CSRFTOKEN=token)
        if response.status_code == 403 and EXPIRED in response.content.decode():
            refused.append(route.route)
    assert refused == []


def test_htmx_posts_carry_the_token_in_a_header_that_is_accepted(strict_client, learner):
    strict_client.force_login(learner)
    token = csrf_token(strict_client)
    response = strict_client.post(
        reverse("accounts:set-language"),
        {"language": "ko", "next": "/"},
        HTTP_X_CSRFTOKEN=token,
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 302
    assert language_of(learner) == "ko"


def test_a_post_from_another_origin_is_refused_even_with_the_token(strict_client, learner):
    """A page on another site cannot read the token, but if it had one the Origin header still gives it away."""
    strict_client.force_login(learner)
    token = csrf_token(strict_client)
    response = strict_client.post(
        reverse("accounts:set-language"),
        {"language": "ko", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert EXPIRED in response.content.decode()
    assert language_of(learner) == "en"


def test_the_body_carries_the_token_in_every_form(client, learner):
    """Forms work without JavaScript: each <form method="post"> on the pages a learner sees holds the
    token itself (htmx requests send the one in <body hx-headers>)."""
    import re

    client.force_login(learner)
    pages = [
        "/",
        "/dashboard/",
        "/topics/lambda-basics/",
        "/practice/",
        "/reviews/settings/",
        "/accounts/email/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for form in re.findall(
            r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", html, re.DOTALL | re.IGNORECASE
        ):
            assert 'name="csrfmiddlewaretoken"' in form, f"a form on {url} has no CSRF token: {form[:200]}"
        assert "X-CSRFToken" in html, f"{url} gives htmx no token"
