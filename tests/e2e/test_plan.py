"""A new learner makes a study plan from the dashboard's prompt, over the real curriculum, in English and Korean.

Screenshots of the plan and of the dashboard's "today" land in test-results/ (plan-en.png, plan-ko.png,
dashboard-today-en.png, dashboard-today-ko.png, plan-phone-ko.png)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.bank import sync_questions
from tests.conftest import PASSWORD, make_user
from topics.loading import load_curriculum
from topics.models import Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_new_learner_makes_a_plan_and_the_dashboard_opens_on_today(
    live_server, page, browser, output_dir, real_curriculum, real_generated
):
    load_curriculum(real_curriculum)
    sync_questions(real_generated.questions)
    learner = make_user("planner@example.com")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")

    expect(page.locator("h1")).to_have_text("My study")
    page.locator("#plan-prompt").get_by_role("link", name="Make my study plan").click()
    expect(page.locator("h1")).to_have_text("Make your study plan")
    page.get_by_label("SAA-C03").check()
    exam_day = timezone.localdate() + timedelta(days=75)
    page.fill("#id_exam_date", exam_day.isoformat())
    page.fill("#id_minutes_per_day", "30")
    page.get_by_role("button", name="Make my plan").click()

    expect(page.locator("h1")).to_have_text("My study plan")
    expect(page.locator(".messages")).to_contain_text("Your study plan is ready.")
    weeks = page.locator(".plan-week")
    expect(weeks).to_have_count(11)
    saa_topics = Topic.objects.filter(tasks__domain__exam__code="SAA-C03").distinct().count()
    expect(page.locator(".plan-week .topic-inline a")).to_have_count(saa_topics)
    expect(page.locator(".plan-week .badge-warn")).to_have_count(5)  # diagnostic, 2 checkpoints, 2 finals
    page.screenshot(path=output_dir / "plan-en.png", full_page=True)

    page.get_by_role("link", name="My study", exact=True).first.click()
    today = page.locator(".today-card")
    expect(today.locator("h2")).to_have_text("Today")
    expect(today.locator(".today-topics a").first).to_be_visible()
    expect(today).to_contain_text("Diagnostic mock exam")
    today.screenshot(path=output_dir / "dashboard-today-en.png")
    page.screenshot(path=output_dir / "dashboard-en.png", full_page=True)

    page.get_by_role("button", name="한국어").click()
    expect(page.locator(".today-card h2")).to_have_text("오늘")
    page.locator(".today-card").screenshot(path=output_dir / "dashboard-today-ko.png")
    page.goto(live_server.url + "/plan/")
    expect(page.locator("h1")).to_have_text("내 학습 계획")
    expect(page.locator(".plan-week h3").first).to_contain_text("1주차")
    page.screenshot(path=output_dir / "plan-ko.png", full_page=True)

    phone = browser.new_context(viewport=PHONE, locale="ko-KR")
    phone.add_cookies(page.context.cookies())
    phone_page = phone.new_page()
    phone_page.goto(live_server.url + "/plan/")
    expect(phone_page.locator("h1")).to_have_text("내 학습 계획")
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the plan scrolls sideways on a phone ({width}px)"
    phone_page.screenshot(path=output_dir / "plan-phone-ko.png", full_page=True)
    phone.close()
