"""Account e-mails name the site and keep links on their own line; flash messages speak the page's language."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

NEW_PASSWORD = "a-long-new-passphrase-2026"
GREETING = {"en": "Hello from AWS SA Study!", "ko": "안녕하세요 AWS SA 스터디입니다!"}
SUBJECT_PREFIX = {"en": "[AWS SA Study] ", "ko": "[AWS SA 스터디] "}


def sign_up(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_verification_mail_greets_with_the_site_name_not_the_host(client, db, language):
    message = sign_up(client, language)
    assert message.body.startswith(GREETING[language])
    assert message.subject.startswith(SUBJECT_PREFIX[language])
    assert "testserver!" not in message.body and "testserver입니다" not in message.body


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_verification_link_stands_alone_on_its_line_and_opens(client, db, language):
    message = sign_up(client, language)
    links = [line for line in message.body.splitlines() if "/accounts/confirm-email/" in line]
    assert len(links) == 1
    assert re.fullmatch(r"http://testserver/accounts/confirm-email/[\w:-]+/", links[0]), links[0]
    assert client.get(links[0].removeprefix("http://testserver")).status_code == 200


def test_a_korean_learner_signing_in_from_an_english_page_gets_the_korean_message(client, learner):
    learner.profile.language = "ko"
    learner.profile.save()
    response = client.post(
        reverse("account_login"), {"login": learner.email, "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert '<html lang="ko">' in page
    assert f"{learner.email} 계정으로 로그인했습니다." in page
    assert "Successfully signed in" not in page


def test_signing_out_in_korean_says_so_in_korean(client, learner):
    learner.profile.language = "ko"
    learner.profile.save()
    client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    page = client.post(reverse("account_logout"), follow=True).content.decode()
    assert "로그아웃했습니다." in page
    assert "You have signed out" not in page


def test_korean_account_messages_put_no_particle_after_the_address(client, db):
    """allauth's own Korean wrote "x@example.com 으로 ... 전송되었습니다" and "x@example.com 을 확인하였습니다":
    a detached particle, wrong after an address read as "...컴"; and "Remember Me" read as "save my ID"."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    page = response.content.decode()
    assert "newcomer@example.com 주소로 확인 메일을 보냈습니다." in page
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/confirm-email/" in line)
    path = link.removeprefix("http://testserver")
    page = client.get(path).content.decode()
    assert "이 사용자" not in page and "주소가 newcomer@example.com 계정의 이메일 주소가 맞는지" in page
    page = client.post(path, follow=True).content.decode()
    assert "newcomer@example.com 주소를 확인했습니다." in page
    assert "로그인 상태 유지" in page and "아이디 저장" not in page
    for wrong in (" 으로 ", " 을 확인"):
        assert wrong not in page


def test_a_korean_mail_reads_as_korean_in_the_development_console(client, db, settings, capsys):
    settings.MAILERS = {"default": {"BACKEND": "studyapp.mail.ConsoleEmailBackend"}}
    sign_up_in_korean = client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        headers={"cookie": f"{settings.LANGUAGE_COOKIE_NAME}=ko"},
    )
    assert sign_up_in_korean.status_code == 302
    printed = capsys.readouterr().out
    assert GREETING["ko"] in printed, printed  # not base64
    assert f"Subject: {SUBJECT_PREFIX['ko']}" in printed
    assert "Content-Transfer-Encoding: base64" not in printed


def test_a_korean_mail_sent_by_smtp_is_still_plain_ascii_on_the_wire(client, db):
    import email.policy

    message = sign_up(client, "ko")
    assert message.message(policy=email.policy.SMTP).as_bytes().isascii()
