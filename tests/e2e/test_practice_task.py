"""A learner practises one task statement of the exam guide: from the practice page's task tab in Korean,
and from the topic index's "Practise" link; the task tab is photographed wide and narrow in both languages."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import load_fixture_curriculum
from tests.e2e.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KO_TITLE = "SAA-C03 · 3.2 고성능의 탄력적인 컴퓨팅 솔루션 설계"


def test_a_korean_learner_practises_one_task_statement(live_server, page, output_dir, learner):
    load_fixture_curriculum()  # transactional tests start from an empty database
    sign_in(page, live_server.url, learner, language="ko")

    page.goto(live_server.url + "/practice/")
    page.get_by_role("link", name="과제 설명 하나").click()  # htmx swaps the form for the task list
    expect(page.get_by_role("link", name="과제 설명 하나")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(live_server.url + "/practice/?scope=task")
    tasks = page.get_by_label("과제 설명", exact=True)
    # Grouped by exam and domain, the domain named in Korean; 3.2 is the first SAA-C03 task with questions.
    expect(tasks.locator("optgroup").first).to_have_attribute(
        "label", re.compile(r"^SAA-C03 · 3\. .*[가-힣]")
    )
    tasks.select_option(label="3.2 고성능의 탄력적인 컴퓨팅 솔루션 설계")
    page.select_option("select[name=size]", "5")
    for width, name in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=output_dir / f"practice-task-tab-ko-{name}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="시작").click()
    expect(page.locator("h1")).to_have_text(KO_TITLE)
    expect(page).to_have_title(re.compile(rf"^{re.escape(KO_TITLE)} · 1/3 · "))

    # The topic index opens the practice page with its task statement already chosen, without JavaScript too.
    page.goto(live_server.url + "/topics/?exam=SAA-C03")
    for width, name in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=output_dir / f"topic-index-practise-ko-{name}.png", full_page=True)
        page.locator("section.domain").nth(1).screenshot(
            path=output_dir / f"topic-index-domain-ko-{name}.png"
        )
    page.get_by_role("link", name="연습 3.2").click()
    expect(page.get_by_label("과제 설명", exact=True)).to_have_value("SAA-C03:3.2")


def test_the_task_tab_in_english(live_server, page, output_dir, learner):
    load_fixture_curriculum()
    sign_in(page, live_server.url, learner)
    page.goto(live_server.url + "/practice/?scope=task&task=SAP-C02:2.5")
    expect(page.get_by_label("Task statement", exact=True)).to_have_value("SAP-C02:2.5")
    for width, name in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=output_dir / f"practice-task-tab-en-{name}.png", full_page=True)
    # The 390 px page does not scroll sideways, whatever the length of a task statement.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # A link to a task statement without questions says so instead of failing on "Start".
    page.goto(live_server.url + "/practice/?scope=task&task=SAA-C03:2.1")
    expect(page.get_by_role("status")).to_contain_text(
        "2.1 Design scalable and loosely coupled architectures has no"
    )
    page.screenshot(path=output_dir / "practice-task-empty-en-phone.png", full_page=True)


def test_a_weak_task_statement_on_the_plan_leads_to_a_quiz_on_it(live_server, page, output_dir, learner):
    from datetime import timedelta

    from django.utils import timezone

    from plans.models import StudyPlan
    from reviews.models import ReviewSettings
    from tests.plans.conftest import make_question, practise
    from topics.models import Exam

    load_fixture_curriculum()
    today = timezone.localdate()
    ReviewSettings.objects.update_or_create(user=learner, defaults={"exam_date": today + timedelta(days=70)})
    StudyPlan.objects.create(
        user=learner, exam=Exam.objects.get(code="SAA-C03"), minutes_per_day=30, started_on=today
    )
    for n in range(4):  # four misses on 3.2: its weakest task statement
        practise(learner, make_question(n, task=("SAA-C03", "3.2")), correct=False)
    sign_in(page, live_server.url, learner)
    page.goto(live_server.url + "/plan/")
    weak = page.locator("section.card", has_text="Your weakest task statements come first")
    for width, name in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        weak.screenshot(path=output_dir / f"plan-weak-practise-en-{name}.png")
    weak.get_by_role("link", name="Practise 3.2").click()
    expect(page.get_by_label("Task statement", exact=True)).to_have_value("SAA-C03:3.2")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("h1")).to_have_text(
        "SAA-C03 · 3.2 Design high-performing and elastic compute solutions"
    )
