"""A learner reads a topic in English, flips it to Korean in place, opens a case and searches in Korean."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import load_fixture_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def curriculum(transactional_db):
    load_fixture_curriculum()  # the small test curriculum: live-server tests start from an empty database


def test_read_flip_case_and_search(live_server, page, output_dir, curriculum):
    page.goto(live_server.url + "/topics/")
    page.get_by_role("link", name=re.compile("placement groups", re.I)).first.click()
    expect(page.locator("h1")).to_contain_text("placement group", ignore_case=True)
    english_url = page.url

    page.get_by_role("link", name="한국어로 보기").click()
    expect(page.locator("h1")).to_contain_text("배치 그룹")
    expect(page.locator("#note article.prose")).to_have_attribute("lang", "ko")
    expect(page).to_have_url(re.compile(r"\?lang=ko$"))  # htmx pushed the URL: the flip is shareable
    assert page.url.startswith(english_url.split("?")[0])
    expect(page.get_by_role("button", name="한국어")).to_have_attribute(
        "aria-pressed", "false"
    )  # interface still English
    page.screenshot(path=output_dir / "topic-flipped-ko.png", full_page=True)

    page.goto(live_server.url + "/cases/")
    page.get_by_role("link", name=re.compile("tiny serverless API", re.I)).first.click()
    diagram = page.locator("svg.diagram")
    expect(diagram).to_be_visible()
    assert diagram.bounding_box()["width"] > 300
    expect(diagram.locator("text", has_text="DynamoDB").first).to_be_visible()
    page.screenshot(path=output_dir / "case-diagram.png", full_page=True)

    page.get_by_role("button", name="한국어").click()
    page.goto(live_server.url + "/search/")
    page.fill("#search-q", "배치 그룹")
    page.keyboard.press("Enter")
    first = page.locator("#results section").first.locator("li.result a").first
    expect(first).to_contain_text("배치 그룹")
    page.screenshot(path=output_dir / "search-ko.png", full_page=True)
