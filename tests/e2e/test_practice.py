"""A learner takes a 5-question practice quiz in Korean, reads the explanations and sees the summary:
an empty "check" keeps the question on screen, a language flip keeps the picks, the keyboard alone answers."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import load_fixture_curriculum
from tests.e2e.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_five_question_quiz_in_korean(live_server, page, output_dir, learner):
    load_fixture_curriculum()  # transactional tests start from an empty database
    sign_in(page, live_server.url, learner, language="ko")

    page.goto(live_server.url + "/practice/")
    expect(page.locator("h1")).to_have_text("연습")
    expect(page.get_by_role("link", name="종합")).to_have_attribute("aria-current", "true")
    page.get_by_role("link", name="주제 하나").click()  # one list at a time: only the topic list now
    expect(page.locator("select[name=topic]")).to_be_visible()
    expect(page.locator("select[name=case]")).to_have_count(0)
    page.get_by_role("link", name="종합").click()
    page.select_option("select[name=size]", "5")
    page.get_by_role("button", name="시작").click()

    for number in range(1, 6):
        item = page.locator("#item")
        expect(item).to_contain_text(f"5문제 중 {number}번")
        expect(page).to_have_title(re.compile(rf"· {number}/5 ·"))
        legend = item.locator("fieldset.choices legend").inner_text()
        wanted = int(re.search(r"(\d+)", legend).group(1)) if re.search(r"\d", legend) else 1
        boxes = item.locator("fieldset.choices input")
        if number == 1:
            # Checking with nothing chosen: the message appears in the card and the question stays.
            item.get_by_role("button", name="정답 확인").click()
            expect(item.locator(".errorlist")).to_be_visible()
            expect(item.locator("fieldset.choices input")).to_have_count(boxes.count())
            # Pick, flip to English and back: the picks survive both flips.
            boxes.nth(0).check()
            item.get_by_role("link", name="Read in English").click()
            expect(page.locator("#item .stem")).to_have_attribute("lang", "en")
            expect(page.locator("#item fieldset.choices input").nth(0)).to_be_checked()
            page.locator("#item").get_by_role("link", name="한국어로 보기").click()
            expect(page.locator("#item fieldset.choices input").nth(0)).to_be_checked()
            # caret="initial": Playwright hides the caret with a style attribute, which htmx's settle step
            # would then copy onto the swapped-in report form and the strict CSP would refuse.
            page.screenshot(path=output_dir / "practice-flip-kept-ko.png", full_page=True, caret="initial")
        if number == 2:
            # The keyboard alone: focus starts on the first choice, Space picks, Tab reaches the button.
            expect(page.locator("#item fieldset.choices input").first).to_be_focused()
            for index in range(wanted):
                if index:
                    page.keyboard.press("Tab")
                page.keyboard.press("Space")
            page.locator("#answer-form button[type=submit]").focus()
            page.keyboard.press("Enter")
            expect(page.locator(".verdict")).to_be_focused()  # the verdict is read out next
        else:
            item = page.locator("#item")
            boxes = item.locator("fieldset.choices input")
            for index in range(wanted):
                boxes.nth(index).check()
            item.get_by_role("button", name="정답 확인").click()
        expect(page.locator(".verdict")).to_be_visible()
        expect(page.locator("li.choice p.why").first).not_to_be_empty()  # every option is explained
        expect(page.locator(".explanation h2")).to_have_text("해설")
        if number == 1:
            page.screenshot(path=output_dir / "practice-feedback-ko.png", full_page=True, caret="initial")
        if number < 5:
            page.get_by_role("link", name="다음 문제").click()
        else:
            page.get_by_role("link", name="결과 보기").click()

    expect(page.locator("h1")).to_have_text("결과")
    expect(page.locator(".score")).to_contain_text("/ 5")
    page.screenshot(path=output_dir / "practice-summary-ko.png", full_page=True, caret="initial")
