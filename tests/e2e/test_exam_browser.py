"""Sitting mock exams in Chromium: a short custom one end to end (answer, flag, refresh, summary,
submit, result, review), one where time runs out, and both official blueprints in full."""

import re
from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from exams.models import Attempt, AttemptItem, Blueprint
from tests.conftest import load_fixture_curriculum, make_user
from tests.e2e.signing import sign_in
from tests.exams.factory import make_bank
from topics.models import Exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def drill(minutes=2):
    load_fixture_curriculum()  # transactional tests start from an empty database
    make_bank("SAA-C03", singles=6, multiples=3)
    return Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Five-question drill",
        title_ko="다섯 문제 연습", questions=5, minutes=minutes, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip


def start(page, url, slug):
    page.goto(url + "/exams/")
    page.locator(f"form.start-form:has(input[name=blueprint][value={slug}]) button[type=submit]").click()
    expect(page.locator("#exam-item")).to_be_visible()
    page.wait_for_load_state()  # htmx listens before the first pick


def on_question(page, position):
    """Wait until question `position` is on screen and its scripts (htmx, the shortcuts) are running:
    a key pressed while the next page still loads would land on the previous one."""
    heading = re.compile(rf"(Question {position} of |중 {position}번)")
    expect(page.locator("#exam-item-heading")).to_have_text(heading)
    page.wait_for_load_state()


def pick(page, count):
    """Tick the first `count` choices and wait until the server says it saved them."""
    for index in range(count):
        page.locator("#choices input").nth(index).check()
    expect(page.locator("#save-status")).to_contain_text(re.compile("Saved|저장"))


def test_sit_a_short_mock_exam_end_to_end(live_server, page, output_dir):
    drill()
    learner = make_user("sitter@example.com")
    sign_in(page, live_server.url, learner)
    start(page, live_server.url, "drill")
    on_question(page, 1)
    attempt = Attempt.objects.get(user=learner)
    expect(page.locator("#countdown-value")).to_have_text(re.compile(r"0:0[12]:\d\d"))

    # Question 1: answer it; the navigator marks it answered at once.
    choose = int(page.locator("#choices").get_attribute("data-choose"))
    pick(page, choose)
    expect(page.locator("#nav-1")).to_have_class(re.compile("is-answered"))
    page.screenshot(path=output_dir / "exam-question-en.png", full_page=True)
    # Question 2 by the keyboard: N for next, F to flag.
    page.locator("#choices").click(position={"x": 1, "y": 1})
    page.keyboard.press("n")
    on_question(page, 2)
    page.keyboard.press("f")
    expect(page.locator("#flag-button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#nav-2")).to_have_class(re.compile("is-flagged"))
    # Question 4 from the navigator; pick with the digit key; flip to Korean and back: the pick stays.
    page.locator("#nav-4").click()
    on_question(page, 4)
    page.keyboard.press("1")
    expect(page.locator("#save-status")).to_contain_text("Saved")
    page.locator("#exam-item").get_by_role("link", name="한국어로 보기").click()
    expect(page.locator("#exam-item .stem")).to_have_attribute("lang", "ko")
    expect(page.locator("#choices input").first).to_be_checked()

    # A refresh loses nothing: the same question, the pick, the flag on question 2, the clock.
    page.reload()
    on_question(page, 4)
    expect(page.locator("#choices input").first).to_be_checked()
    expect(page.locator("#nav-2")).to_have_class(re.compile("is-flagged"))
    expect(page.locator("#nav-1")).to_have_class(re.compile("is-answered"))
    saved = dict(AttemptItem.objects.filter(attempt=attempt).values_list("position", "selected"))
    assert saved[1] and saved[4] and not saved[2]

    # The summary lists the unanswered and the flagged questions.
    page.keyboard.press("s")
    expect(page.locator("h1")).to_have_text("Summary before submitting")
    expect(page.locator(".lead")).to_contain_text("3 questions are unanswered")
    expect(page.locator(".lead")).to_contain_text("1 is flagged")
    page.screenshot(path=output_dir / "exam-summary-en.png", full_page=True)
    page.locator("a[data-key=submit]").click()
    expect(page.locator("#confirm-heading")).to_be_visible()
    page.locator("form[action$='/submit/'] button[type=submit]").click()

    # The result and the review.
    expect(page.locator(".result-score")).to_be_visible()
    expect(page.locator(".result-facts")).to_contain_text("of 5 scored questions")
    expect(page.locator("svg.exam-domains")).to_be_visible()
    page.screenshot(path=output_dir / "exam-result-en.png", full_page=True)
    page.locator("a[href$='/review/']").first.click()
    expect(page.locator("article.review-item")).to_have_count(5)
    expect(page.locator("article.review-item li.choice p.why").first).not_to_be_empty()
    page.get_by_role("link", name="Flagged").click()
    expect(page.locator("article.review-item")).to_have_count(1)
    page.screenshot(path=output_dir / "exam-review-en.png", full_page=True)
    # The browser's back button on a submitted exam's question shows the result, never the form.
    page.goto(live_server.url + f"/exams/{attempt.code}/1/")
    expect(page.locator(".result-score")).to_be_visible()


def test_a_lost_connection_loses_no_answer(live_server, page):
    drill(minutes=20)
    learner = make_user("offline@example.com")
    sign_in(page, live_server.url, learner)
    start(page, live_server.url, "drill")
    attempt = Attempt.objects.get(user=learner)
    page.context.set_offline(True)
    page.locator("#choices input").nth(0).check()
    expect(page.locator("#save-status")).to_contain_text("Not saved yet")
    assert AttemptItem.objects.get(attempt=attempt, position=1).selected == []
    page.context.set_offline(False)  # back online: the pick on screen is sent again by itself
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    item = AttemptItem.objects.get(attempt=attempt, position=1)
    assert item.selected == [item.choice_order[0]]
    # The failed request (and htmx's report of it) is the point of this test, not a page error.
    offline = re.compile(r"ERR_INTERNET_DISCONNECTED|^htmx:(sendError|afterRequest), ")
    page.console_errors[:] = [e for e in page.console_errors if not offline.search(e)]


def test_time_runs_out_and_the_exam_is_submitted_with_what_was_saved(live_server, page):
    drill(minutes=2)
    learner = make_user("late@example.com")
    sign_in(page, live_server.url, learner)
    page.clock.install()
    start(page, live_server.url, "drill")
    pick(page, int(page.locator("#choices").get_attribute("data-choose")))
    attempt = Attempt.objects.get(user=learner)
    # The server's clock and the browser's move past the deadline together; nobody waits.
    with time_machine.travel(attempt.deadline + timedelta(seconds=1)):
        page.clock.fast_forward("02:05")
        expect(page.locator(".result-score")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Time ran out")
    attempt.refresh_from_db()
    assert attempt.ended_by == "deadline" and attempt.scored_total == 5
    assert AttemptItem.objects.filter(attempt=attempt).exclude(selected=[]).count() == 1


@pytest.mark.parametrize(("code", "language", "size"), [("SAA-C03", "ko", 65), ("SAP-C02", "en", 75)])
def test_an_official_blueprint_can_be_sat_in_full(live_server, page, output_dir, code, language, size):
    load_fixture_curriculum()
    make_bank(code, singles=size, multiples=size // 4)
    learner = make_user(f"full-{language}@example.com", language=language)
    sign_in(page, live_server.url, learner)
    start(page, live_server.url, Exam.objects.get(code=code).slug)
    for position in range(1, size + 1):
        on_question(page, position)
        choose = int(page.locator("#choices").get_attribute("data-choose"))
        for index in range(choose):
            page.keyboard.press(str(index + 1))
        expect(page.locator(f"#nav-{position}")).to_have_class(re.compile("is-answered"))
        if position == 1:
            page.screenshot(path=output_dir / f"exam-full-{code}-{language}.png", full_page=True)
        page.keyboard.press("n")
    expect(page.locator("h1")).to_have_text(
        {"en": "Summary before submitting", "ko": "제출 전 요약"}[language]
    )
    page.locator("a[data-key=submit]").click()
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    expect(page.locator(".result-score")).to_be_visible()
    page.screenshot(path=output_dir / f"exam-full-result-{code}-{language}.png", full_page=True)
    attempt = Attempt.objects.get(user=learner)
    assert attempt.size == size and attempt.scored_total == size
    assert not AttemptItem.objects.filter(attempt=attempt, selected=[]).exists()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_exam_question_fits_a_phone(live_server, browser, output_dir, language):
    drill(minutes=20)
    learner = make_user(f"phone-{language}@example.com", language=language)
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, learner)
    start(page, live_server.url, "drill")
    pick(page, 1)
    for name in ("question", "summary"):
        if name == "summary":
            page.keyboard.press("s")
            expect(page.locator("a[data-key=submit]")).to_be_visible()
        # Nothing wider than the phone: the page never scrolls sideways (a wide diagram scrolls in its box).
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.screenshot(path=output_dir / f"exam-phone-{name}-{language}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_shows_the_short_diagnostic_beside_the_full_exam(
    live_server, browser, output_dir, language, width
):
    """Screenshots: exams-home-<width>-<language>.png in test-results/."""
    load_fixture_curriculum()
    learner = make_user("diagnostic@example.com", language=language)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="ko-KR" if language == "ko" else "en-US"
    )
    page = context.new_page()
    sign_in(page, live_server.url, learner)
    page.goto(live_server.url + "/exams/")
    diagnostic = page.locator("section.blueprint-diagnostic").first
    label, note = {
        "en": ("Short diagnostic", "Shorter and less precise than the full exam: 20 questions instead of 65"),
        "ko": ("짧은 진단", "전체 시험보다 짧고 덜 정확합니다: 65문항 대신 20문항"),
    }[language]
    expect(diagnostic.locator(".badge")).to_have_text(label)
    expect(diagnostic).to_contain_text(note)
    full = page.locator("section.blueprint-card:has(input[value=saa-c03])")
    assert full.bounding_box()["y"] <= diagnostic.bounding_box()["y"]  # the full exam first
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=output_dir / f"exams-home-{width}-{language}.png", full_page=True)
    context.close()


def test_the_results_secondary_actions_look_secondary(live_server, page):
    """ "Retake my wrong answers" is a ghost button like "Review N wrong answers" beside it, but the
    site-wide rule for submit buttons painted it solid, as loud as the main action."""
    from exams import services

    blueprint = drill()
    learner = make_user("retaker@example.com")
    services.submit(attempt=services.start(user=learner, blueprint=blueprint))  # nothing picked: all wrong
    sign_in(page, live_server.url, learner)
    page.goto(live_server.url + f"/exams/{Attempt.objects.get(user=learner).code}/result/")
    background = "el => getComputedStyle(el).backgroundColor"
    main = page.locator(".actions a.button:not(.button-ghost)").evaluate(background)
    ghost = page.locator(".actions a.button-ghost").evaluate(background)
    retake = page.get_by_role("button", name="Retake my wrong answers").evaluate(background)
    assert retake == ghost != main, (retake, ghost, main)
    # The retake form and the history link sit in the row of actions (a form inside a <p> closed it early).
    actions = page.locator("main .actions")
    expect(actions.get_by_role("button", name="Retake my wrong answers")).to_be_visible()
    expect(actions.get_by_role("link", name="My exam history")).to_be_visible()
