"""A keyboard-only candidate starts every mock exam question at the question itself, not at the top of the
site: the first Tab reaches the language flip, the next one the choices. (Each question is a page of its
own; focus used to start on the skip link, a dozen Tabs above the choices.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.signing import sign_in
from tests.e2e.test_exam_browser import drill, on_question, start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_exam_question_opens_with_the_focus_on_the_question(live_server, page):
    drill()
    sign_in(page, live_server.url, make_user("keys@example.com"))
    start(page, live_server.url, "drill")
    on_question(page, 1)
    heading = page.locator("#exam-item-heading")
    expect(heading).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#exam-item").get_by_role("link", name="한국어로 보기")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#choices input").first).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#save-status")).to_contain_text(re.compile("Saved"))

    page.keyboard.press("n")
    on_question(page, 2)
    expect(heading).to_be_focused()
    # The language flip swaps the question in place: the focus comes back to it, not to the page's top.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#exam-item .stem")).to_have_attribute("lang", "ko")
    expect(heading).to_be_focused()


def test_the_s_shortcut_opens_the_summary_with_the_focus_on_its_heading(live_server, page, output_dir):
    drill()
    sign_in(page, live_server.url, make_user("summary-keys@example.com"))
    start(page, live_server.url, "drill")
    on_question(page, 1)
    page.keyboard.press("s")
    heading = page.get_by_role("heading", level=1, name="Summary before submitting")
    expect(heading).to_be_focused()
    outline = heading.evaluate(
        "h => getComputedStyle(h).outlineStyle + ' ' + getComputedStyle(h).outlineWidth"
    )
    assert outline == "solid 3px", outline  # the focus ring shows where the keyboard is
    page.screenshot(path=output_dir / "exam-summary-focus.png")
    # The next Tab goes on from the heading, into the summary, not back to the top of the site.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).not_to_be_focused()
