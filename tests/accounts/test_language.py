"""The language switch: anonymous visitors get a cookie, signed-in learners keep it on their profile."""

from django.conf import settings
from django.urls import reverse

from accounts.models import Profile

SWITCH = reverse("accounts:set-language")


def test_anonymous_visitor_switches_to_korean(client, db):
    response = client.post(SWITCH, {"language": "ko", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    page = client.get("/").content.decode()
    assert '<html lang="ko">' in page
    assert "로그인" in page  # the header's "Sign in"


def test_signed_in_learner_keeps_the_language_on_the_profile(client, learner):
    client.force_login(learner)
    client.post(SWITCH, {"language": "ko", "next": reverse("dashboard")})
    assert Profile.objects.get(user=learner).language == "ko"


def test_signing_in_restores_the_profile_language(client, learner):
    learner.profile.language = "ko"
    learner.profile.save()
    response = client.post(
        reverse("account_login"), {"login": learner.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    assert '<html lang="ko">' in client.get(reverse("dashboard")).content.decode()


def test_unknown_language_code_is_a_400_that_changes_nothing(client, learner):
    client.force_login(learner)
    response = client.post(SWITCH, {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "“xx” is not a language this site offers." in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert Profile.objects.get(user=learner).language == "en"


def test_tampered_form_without_a_language_is_a_400(client, db):
    response = client.post(SWITCH, {"lang": "ko"})
    assert response.status_code == 400
    assert "Choose a language." in response.content.decode()


def test_the_400_page_speaks_korean_to_a_korean_visitor(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.post(SWITCH, {"language": "klingon"})
    assert response.status_code == 400
    assert "잘못된 요청" in response.content.decode()


def test_a_redirect_to_another_site_is_refused(client, db):
    response = client.post(SWITCH, {"language": "ko", "next": "https://evil.example.com/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_switch_refuses_a_get(client, db):
    assert client.get(SWITCH, {"language": "ko"}).status_code == 405


def test_a_bare_word_as_next_goes_home_instead_of_failing(client, db):
    # redirect() would try "foo" as a URL name and fail with a 500.
    response = client.post(SWITCH, {"language": "ko", "next": "foo"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_relative_path_as_next_is_followed(client, db):
    response = client.post(SWITCH, {"language": "ko", "next": "/topics/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/topics/?page=2"
