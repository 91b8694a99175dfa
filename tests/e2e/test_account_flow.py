"""A new visitor signs up, verifies the e-mail, signs in, switches to Korean, signs out and resets the password."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "newcomer@example.com"
FIRST_PASSWORD = "a-long-first-password-42"
NEW_PASSWORD = "a-longer-second-password-43"


def link_in_last_mail(pattern: str) -> str:
    body = mail.outbox[-1].body
    match = re.search(pattern, body)
    assert match, body
    return match.group(0)


def sign_in(page, password):
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", password)
    page.click("form[action$='/accounts/login/'] button[type=submit]")


def test_newcomer_account_lifecycle(live_server, page, output_dir):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("Prepare for the AWS Solutions Architect exams")
    page.screenshot(path=output_dir / "home-en.png", full_page=True)

    page.get_by_role("link", name="Sign up").first.click()
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", FIRST_PASSWORD)
    page.fill("input[name=password2]", FIRST_PASSWORD)
    page.click("form[action$='/accounts/signup/'] button[type=submit]")
    expect(page.locator("h1")).to_have_text("Verify Your Email Address")

    assert mail.outbox[-1].to == [EMAIL]
    page.goto(link_in_last_mail(r"https?://\S+/accounts/confirm-email/\S+/"))
    page.locator("main form button[type=submit]").click()

    # Mandatory verification done: now sign in.
    page.goto(live_server.url + "/accounts/login/")
    sign_in(page, FIRST_PASSWORD)
    expect(page.locator("h1")).to_have_text("My study")
    # First run: the dashboard offers to make a study plan (tests/e2e/test_plan.py follows it through).
    expect(page.locator("#plan-prompt")).to_contain_text("Start with a study plan")

    page.get_by_role("button", name="한국어").click()
    expect(page.locator("h1")).to_have_text("내 학습")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("AWS Solutions Architect 시험을 한국어와 영어로 준비하세요")
    page.screenshot(path=output_dir / "home-ko.png", full_page=True)

    page.get_by_role("button", name="로그아웃").click()
    expect(page.get_by_role("banner").get_by_role("link", name="로그인")).to_be_visible()

    page.goto(live_server.url + "/accounts/password/reset/")
    page.fill("input[name=email]", EMAIL)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    page.goto(link_in_last_mail(r"https?://\S+/accounts/password/reset/key/\S+/"))
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.locator("main form button[name=action]").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))

    page.goto(live_server.url + "/accounts/login/")
    sign_in(page, FIRST_PASSWORD)
    expect(page.locator("main")).to_contain_text("이메일 또는 비밀번호가 올바르지 않습니다")
    sign_in(page, NEW_PASSWORD)
    expect(page.locator("h1")).to_have_text("내 학습")
