"""Signing in through the site's own sign-in form, as a learner does."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def sign_in(page, url, user, *, language=None):
    """Sign `user` in on the live server at `url`, and switch the interface to Korean when asked."""
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    expect(page.locator("nav.main-nav a[href='/dashboard/']")).to_be_visible()
    if language == "ko":
        page.get_by_role("button", name="한국어").click()
