"""A learner answers a practice question wrongly, finds it due, reviews it in the session and sees the
progress page change, in Korean."""

import re
from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from quizzes.models import PracticeItem
from reviews.models import Card, ReviewLog
from tests.conftest import load_fixture_curriculum
from tests.e2e.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reviewed_today(page) -> str:
    return page.locator("#reviewed-today").inner_text()


def test_practice_review_progress_loop_in_korean(live_server, page, output_dir, learner, settings):
    settings.REVIEWS_FUZZING = False  # exact intervals
    load_fixture_curriculum()  # transactional tests start from an empty database
    sign_in(page, live_server.url, learner, language="ko")

    page.goto(live_server.url + "/reviews/progress/")
    expect(page.locator("h1")).to_have_text("학습 현황")
    assert reviewed_today(page) == "0"

    # Practice: answer the first question wrongly.
    page.goto(live_server.url + "/practice/")
    page.select_option("select[name=size]", "5")  # mixed questions, the default
    page.get_by_role("button", name="시작").click()
    expect(page.locator("#item")).to_contain_text("5문제 중 1번")
    item = PracticeItem.objects.select_related("version", "question").get(quiz__user=learner, position=1)
    wrong = [c["id"] for c in item.version.choices if not c["correct"]][: item.question.choose]
    for choice_id in wrong:
        page.check(f"#item input[value='{choice_id}']")
    page.get_by_role("button", name="정답 확인").click()
    expect(page.locator(".verdict-bad")).to_be_visible()
    expect(page.locator(".rating-box")).to_contain_text("다시")  # a wrong answer is recorded as Again

    # A few minutes later it is due in the review session (a wrong answer's first step is 1 minute).
    card = Card.objects.get(user=learner)
    with time_machine.travel(card.due + timedelta(minutes=2)):
        page.get_by_role("link", name="복습", exact=True).click()
        expect(page.locator("h1")).to_have_text("복습")
        expect(page.locator(".review-status")).to_contain_text("복습할 카드 1장")
        stem_start = re.sub(r"\s+", " ", item.version.stem_ko)[:20]
        expect(page.locator("#review .stem")).to_contain_text(stem_start[:12])
        page.screenshot(path=output_dir / "review-session-ko.png", full_page=True)
        for choice_id in sorted(c["id"] for c in item.version.choices if c["correct"]):
            page.check(f"#review input[value='{choice_id}']")
        page.get_by_role("button", name="정답 확인").click()
        expect(page.locator("#review .verdict-ok")).to_be_visible()
        expect(page.locator("#review .rating-box legend")).to_have_text("얼마나 잘 알고 있었나요?")
        expect(page.locator("#review .rating-option.is-current .rating-name")).to_have_text("알맞음")
        assert "/reviews/reviewed/" in page.url  # the feedback has its own address (survives a refresh)
        page.screenshot(path=output_dir / "review-feedback-ko.png", full_page=True)
        page.locator("#review .rating-option", has_text="쉬움").click()
        expect(page.locator("#review .review-status .badge")).to_have_text(
            "새 카드"
        )  # Easy: not due again today; a new question
        assert (
            Card.objects.get(user=learner).state == 2 and ReviewLog.objects.get(source="review").rating == 4
        )

        # The progress page shows both reviews of today.
        page.goto(live_server.url + "/reviews/progress/")
        assert reviewed_today(page) == "2"
        expect(page.locator("svg.chart-bars title").first).to_have_text("앞으로 30일 동안 복습할 카드")
        expect(page.locator("svg.chart-heatmap")).to_be_visible()
        page.screenshot(path=output_dir / "review-progress-ko.png", full_page=True)
