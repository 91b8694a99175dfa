"""A visitor who follows a join link while signed out is told, on the sign-in and sign-up pages, which class
is waiting for them."""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "sign_in", "sign_up"),
    [
        ("en", "Sign in to join Cloud cohort.", "Sign up to join Cloud cohort."),
        (
            "ko",
            "로그인하면 Cloud cohort에 참여할 수 있습니다.",
            "회원 가입하면 Cloud cohort에 참여할 수 있습니다.",
        ),
    ],
)
def test_the_sign_in_and_sign_up_pages_name_the_class_a_join_link_is_waiting_on(
    client, classroom, language, sign_in, sign_up
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    login_page = client.get(client.get(classroom.get_join_url())["Location"])
    assert sign_in in login_page.content.decode()
    signup_url = f"{reverse('account_signup')}?{urlencode({'next': classroom.get_join_url()})}"
    assert f'href="{signup_url}"' in login_page.content.decode()  # the sign-up link keeps the class
    assert sign_up in client.get(signup_url).content.decode()


@pytest.mark.parametrize("next_url", ["", "/dashboard/", "/classes/join/not-a-code/", "/nowhere/"])
def test_no_class_is_named_without_a_real_join_link(client, classroom, next_url):
    page = client.get(reverse("account_login"), {"next": next_url} if next_url else {}).content.decode()
    assert "to join" not in page and "Cloud cohort" not in page


def test_a_new_learner_still_joins_the_class_after_signing_up_and_confirming_the_address(client, classroom):
    join_url = classroom.get_join_url()
    client.post(
        f"{reverse('account_signup')}?{urlencode({'next': join_url})}",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD, "next": join_url},
    )
    confirm = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)
    login_url = client.post(confirm)["Location"]
    assert login_url == f"{reverse('account_login')}?{urlencode({'next': join_url})}"
    assert "Sign in to join Cloud cohort." in client.get(login_url).content.decode()
    signed_in = client.post(login_url, {"login": "new@example.com", "password": PASSWORD})
    assert signed_in["Location"] == join_url
