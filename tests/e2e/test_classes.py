"""In Korean: an instructor creates a class and sets a practice set, a learner opens the join link, reads
what the instructor will see, joins, finds the assignment on the dashboard and does it, and the
instructor sees the result. Screenshots of the class page in both languages and at phone width."""

import re

import pytest
from playwright.sync_api import expect

from classes import services
from classes.models import Classroom
from quizzes.models import PracticeQuiz
from tests.conftest import PASSWORD, load_fixture_curriculum, make_user
from tests.reviews.conftest import practise
from topics.models import StudiedTopic, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


def sign_in(page, url, user, language="ko"):
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    expect(page.locator("nav.main-nav a[href='/dashboard/']")).to_be_visible()
    if language == "ko":
        page.get_by_role("button", name="한국어").click()


def answer_quiz(page, quiz, *, right: int):
    """Answer every question on screen, the first `right` of them rightly."""
    for item in quiz.items.select_related("version", "question").order_by("position"):
        expect(page.locator("#item")).to_contain_text(f"{quiz.size}문제 중 {item.position}번")
        choices = item.version.choices
        correct = [c["id"] for c in choices if c["correct"]]
        wrong = [c["id"] for c in choices if not c["correct"]][: item.question.choose]
        for pick in correct if item.position <= right else wrong:
            page.check(f"#item input[value='{pick}']")
        page.get_by_role("button", name="정답 확인").click()
        expect(page.locator(".verdict")).to_be_visible()
        if item.position < quiz.size:
            page.get_by_role("link", name="다음 문제").click()


def busy_members(classroom):
    """Two more members with some work done, so the class page has something to show."""
    lambda_basics = Topic.objects.get(slug="lambda-basics")
    questions = list(lambda_basics.questions.filter(status="published"))
    for n, email in enumerate(["minji@example.com", "joon@example.com"]):
        user = make_user(email)
        services.join_class(user=user, classroom=classroom)
        StudiedTopic.objects.create(user=user, topic=lambda_basics)
        for index, question in enumerate(questions):
            practise(user, question, correct=(index + n) % 2 == 0)


def test_an_instructor_sets_a_practice_set_and_sees_the_learners_result_in_korean(
    live_server, browser, page, output_dir, instructor, learner
):
    load_fixture_curriculum()  # transactional tests start from an empty database
    sign_in(page, live_server.url, instructor)
    page.get_by_role("link", name="반", exact=True).click()
    expect(page.locator("h1")).to_have_text("반")
    page.get_by_role("link", name="새 반").click()
    page.fill("input[name=name]", "클라우드 스터디 3기")
    page.select_option("select[name=exam]", label="SAA-C03")
    page.fill("input[name=exam_date]", "2031-03-14")
    page.get_by_role("button", name="반 만들기").click()
    expect(page.locator("h1")).to_have_text("클라우드 스터디 3기")
    expect(page.locator(".lead")).to_contain_text("구성원 0명")

    page.get_by_role("link", name="새 과제").click()
    page.select_option("select[name=what]", "exam:SAA-C03")
    page.select_option("select[name=size]", "5")
    page.fill("input[name=due_on]", "2031-03-01")
    page.get_by_role("button", name="과제 내기").click()
    expect(page.locator(".messages")).to_contain_text("과제를 냈습니다.")
    join_url = page.locator("#join-url").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/classes/join/[a-z0-9]{{12}}/", join_url)

    # The learner, in a browser of their own: the join link, what the instructor will see, one click.
    learner_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    learner_page = learner_context.new_page()
    sign_in(learner_page, live_server.url, learner)
    learner_page.goto(join_url)
    expect(learner_page.locator("h1")).to_have_text("클라우드 스터디 3기 참여하기")
    expect(learner_page.locator(".visible-list li")).to_have_count(7)
    expect(learner_page.locator(".join-card")).to_contain_text("SAA-C03 예상 합격 가능성")
    learner_page.screenshot(path=output_dir / "class-join-ko.png", full_page=True)
    learner_page.get_by_role("button", name="반에 참여하기").click()
    expect(learner_page.locator(".messages")).to_contain_text("클라우드 스터디 3기에 참여했습니다.")

    # The dashboard lists the assignment; the class page starts it.
    learner_page.get_by_role("link", name="내 학습").click()
    card = learner_page.locator("#class-assignments")
    expect(card).to_contain_text("종합 · SAA-C03")
    expect(card).to_contain_text("시작 전")
    card.get_by_role("link", name="종합 · SAA-C03").click()
    learner_page.get_by_role("button", name="시작").click()
    quiz = PracticeQuiz.objects.get(user=learner)
    answer_quiz(learner_page, quiz, right=3)
    learner_page.get_by_role("link", name="결과 보기").click()
    learner_page.goto(live_server.url + "/dashboard/")
    expect(learner_page.locator("#class-assignments")).to_contain_text("지금은 반에서 할 과제가 없습니다.")
    learner_page.get_by_role("link", name="내 반").click()
    learner_page.get_by_role("link", name="클라우드 스터디 3기").click()
    expect(learner_page.locator(".assignment-list")).to_contain_text("완료 · 3 / 5 (60%)")
    expect(learner_page.locator("body")).not_to_contain_text("minji@example.com")
    learner_page.screenshot(path=output_dir / "class-membership-ko.png", full_page=True)
    learner_context.close()

    # The instructor sees who did it and the score.
    classroom = Classroom.objects.get()
    page.reload()
    expect(page.locator(".assignment-list")).to_contain_text("1명 중 1명 완료 · 평균 점수 60%")
    page.get_by_role("link", name="종합 · SAA-C03").click()
    expect(page.locator("table")).to_contain_text(learner.email)
    expect(page.locator("table")).to_contain_text("완료 · 3 / 5 (60%)")

    busy_members(classroom)
    page.goto(live_server.url + classroom.get_absolute_url())
    expect(page.locator("svg.chart")).to_have_count(3)
    expect(page.locator("svg.chart").first).to_contain_text("1. 보안 아키텍처 설계")
    page.screenshot(path=output_dir / "class-page-ko.png", full_page=True)
    page.get_by_role("button", name="English").click()
    expect(page.locator("svg.chart").first).to_contain_text("1. Design Secure Architectures")
    page.screenshot(path=output_dir / "class-page-en.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="한국어").click()
    page.screenshot(path=output_dir / "class-page-ko-phone.png", full_page=True)
    # On a phone the page does not scroll sideways: wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
