"""In Korean: an instructor creates a class and sets a short mock exam (or a practice set), a learner
opens the join link, reads what the instructor will see, joins, finds the assignment on the dashboard
and does it, and the instructor sees the result. Screenshots of the class page in both languages and
at phone width."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from classes import services
from classes.models import Classroom
from exams import services as exams
from exams.models import Attempt, AttemptItem, Blueprint
from quizzes.models import PracticeQuiz
from tests.conftest import PASSWORD, load_fixture_curriculum, make_user
from tests.e2e.signing import sign_in
from tests.exams.factory import make_bank
from tests.reviews.conftest import practise
from topics.models import Exam, StudiedTopic, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


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
    """Two more members with some work done and mock exams sat, so the class page has something to show."""
    lambda_basics = Topic.objects.get(slug="lambda-basics")
    questions = list(lambda_basics.questions.filter(status="published"))
    make_bank("SAA-C03", singles=6, multiples=3, prefix="mock")
    blueprint = Blueprint.objects.create(
        slug="warm-up", exam=classroom.exam, title_en="Warm-up", title_ko="몸풀기",
        questions=5, minutes=10, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    scores = {"minji@example.com": [610, 690, 745], "joon@example.com": [560, 520]}
    for n, (email, scaled) in enumerate(scores.items()):
        user = make_user(email)
        services.join_class(user=user, classroom=classroom)
        StudiedTopic.objects.create(user=user, topic=lambda_basics)
        for index, question in enumerate(questions):
            practise(user, question, correct=(index + n) % 2 == 0)
        for days_ago, score in zip(range(len(scaled), 0, -1), scaled, strict=True):
            attempt = exams.submit(attempt=exams.start(user=user, blueprint=blueprint))
            Attempt.objects.filter(pk=attempt.pk).update(
                scaled=score,
                passed=score >= 720,
                scored_right=round(attempt.scored_total * score / 1000),
                submitted_at=timezone.now() - timedelta(days=days_ago),
            )


def test_an_instructor_sets_a_practice_set_and_sees_the_learners_result_in_korean(
    live_server, browser, page, output_dir, instructor, learner
):
    load_fixture_curriculum()  # transactional tests start from an empty database
    sign_in(page, live_server.url, instructor, language="ko")
    page.get_by_role("link", name="반", exact=True).click()
    expect(page.locator("h1")).to_have_text("반")
    page.get_by_role("link", name="새 반").click()
    page.fill("input[name=name]", "클라우드 스터디 3기")
    page.select_option("select[name=exam]", label="SAA-C03")
    page.fill("input[name=exam_date]", "2031-03-14")
    page.get_by_role("button", name="반 만들기").click()
    expect(page.locator("h1")).to_have_text("클라우드 스터디 3기")
    expect(page.locator(".lead")).to_contain_text("구성원 0명")

    page.get_by_role("link", name="새 숙제").click()
    page.select_option("select[name=what]", "exam:SAA-C03")
    page.select_option("select[name=size]", "5")
    page.fill("input[name=due_on]", "2031-03-01")
    page.get_by_role("button", name="숙제 내기").click()
    expect(page.locator(".messages")).to_contain_text("숙제를 냈습니다.")
    join_url = page.locator("#join-url").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/classes/join/[a-z0-9]{{12}}/", join_url)

    # The learner, in a browser of their own: the join link, what the instructor will see, one click.
    learner_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    learner_page = learner_context.new_page()
    sign_in(learner_page, live_server.url, learner, language="ko")
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
    expect(learner_page.locator("#class-assignments")).to_contain_text("지금은 반에서 할 숙제가 없습니다.")
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
    expect(page.locator("svg.chart")).to_have_count(4)  # studied, answers, readiness, latest mock exam
    expect(page.locator("svg.sparkline")).to_have_count(2)
    expect(page.locator("svg.chart").first).to_contain_text("1. 보안 아키텍처 설계")
    page.screenshot(path=output_dir / "class-page-ko.png", full_page=True)
    page.locator("section[aria-labelledby=members-heading]").screenshot(
        path=output_dir / "class-members-ko.png"
    )
    page.get_by_role("button", name="English").click()
    expect(page.locator("svg.chart").first).to_contain_text("1. Design Secure Architectures")
    page.screenshot(path=output_dir / "class-page-en.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="한국어").click()
    page.screenshot(path=output_dir / "class-page-ko-phone.png", full_page=True)
    # On a phone the page does not scroll sideways: wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def create_class(page, url, name):
    page.get_by_role("link", name="반", exact=True).click()
    page.get_by_role("link", name="새 반").click()
    page.fill("input[name=name]", name)
    page.select_option("select[name=exam]", label="SAA-C03")
    page.fill("input[name=exam_date]", "2031-03-14")
    page.get_by_role("button", name="반 만들기").click()
    expect(page.locator("h1")).to_have_text(name)


def sit(page, attempt, *, right: int):
    """Answer every question of the attempt on screen, the first `right` of them rightly, and submit."""
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version").order_by("position"):
        page.goto(page.url.split("/exams/")[0] + item.get_absolute_url())
        expect(page.locator("#exam-item-heading")).to_contain_text(f"{item.position}")
        correct = [c["id"] for c in item.version.choices if c["correct"]]
        wanted = correct if item.position <= right else [c for c in item.choice_order if c not in correct]
        for choice_id in wanted[: item.choose]:
            page.locator("#choices input").nth(item.choice_order.index(choice_id)).check()
        expect(page.locator("#save-status")).to_contain_text("저장")
    page.keyboard.press("s")
    page.locator("a[data-key=submit]").click()
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    expect(page.locator(".result-score")).to_be_visible()


def test_a_learner_sits_an_assigned_mock_exam_and_the_instructor_sees_the_result_in_korean(
    live_server, browser, page, output_dir, instructor, learner
):
    load_fixture_curriculum()  # transactional tests start from an empty database
    make_bank("SAA-C03", singles=6, multiples=3)
    Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Five-question drill",
        title_ko="다섯 문제 연습", questions=5, minutes=10, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    sign_in(page, live_server.url, instructor, language="ko")
    create_class(page, live_server.url, "모의고사 반")
    page.get_by_role("link", name="새 숙제").click()
    expect(page.locator("select[name=what] optgroup[label=모의고사]")).to_contain_text("다섯 문제 연습")
    page.select_option("select[name=what]", label="다섯 문제 연습")
    page.fill("input[name=due_on]", "2031-03-01")
    page.get_by_role("button", name="숙제 내기").click()
    expect(page.locator(".assignment-list")).to_contain_text("모의고사 · 5문제 · 10분")
    join_url = page.locator("#join-url").input_value()

    learner_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    learner_page = learner_context.new_page()
    sign_in(learner_page, live_server.url, learner, language="ko")
    learner_page.goto(join_url)
    expect(learner_page.locator(".visible-list")).to_contain_text("SAA-C03 모의고사 결과")
    learner_page.get_by_role("button", name="반에 참여하기").click()
    learner_page.get_by_role("link", name="내 학습").click()
    expect(learner_page.locator("#class-assignments")).to_contain_text("다섯 문제 연습")
    learner_page.locator("#class-assignments").get_by_role("link", name="다섯 문제 연습").click()
    learner_page.get_by_role("button", name="시작").click()
    expect(learner_page.locator("#exam-item")).to_be_visible()
    attempt = Attempt.objects.get(user=learner)
    assert attempt.minutes == 10
    sit(learner_page, attempt, right=4)
    attempt.refresh_from_db()
    learner_context.close()

    page.reload()
    passed = "합격" if attempt.passed else "불합격"
    expect(page.locator(".assignment-list")).to_contain_text(
        f"1명 중 1명 완료 · 평균 환산 점수 {attempt.scaled}"
    )
    members = page.locator("table").first
    expect(members).to_contain_text(f"{attempt.scaled} · {attempt.scaled}")  # latest · best
    expect(members.locator("svg.sparkline")).to_have_count(1)
    page.get_by_role("link", name="다섯 문제 연습").click()
    expect(page.locator("table")).to_contain_text(f"완료 · 환산 점수 {attempt.scaled} (4 / 5) · {passed}")
    page.screenshot(path=output_dir / "class-mock-assignment-ko.png", full_page=True)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_removing_a_member_and_leaving_ask_first_without_javascript(
    live_server, browser, output_dir, language
):
    """With JavaScript off, on a phone: "Remove" and "Leave the class" open a page saying what happens;
    only its button acts."""
    load_fixture_curriculum()
    instructor = make_user("carol@example.com", instructor=True, language=language)
    learner, other = make_user("alice@example.com", language=language), make_user("bob@example.com")
    classroom = services.create_class(
        instructor=instructor,
        name="Cloud cohort",
        exam=Exam.objects.get(code="SAA-C03"),
        exam_date="2031-03-14",
    )
    removed = services.join_class(user=other, classroom=classroom)
    services.join_class(user=learner, classroom=classroom)
    for user, viewport in (
        (instructor, {"width": 1280, "height": 900}),
        (learner, {"width": 390, "height": 844}),
    ):
        context = browser.new_context(viewport=viewport, locale="en-US", java_script_enabled=False)
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action$='/accounts/login/'] button[type=submit]")
        if user == instructor:
            page.goto(live_server.url + classroom.get_absolute_url())
            page.locator(f"a[href$='/members/{removed.code}/remove/']").click()
            expect(page.locator("h1")).to_contain_text("bob@example.com")
            assert classroom.memberships.filter(pk=removed.pk).exists(), "the link only asks"
            page.screenshot(path=output_dir / f"class-remove-member-{viewport['width']}-{language}.png")
            page.get_by_role(
                "button",
                name={"en": "Yes, remove them from the class", "ko": "네, 반에서 내보냅니다"}[language],
            ).click()
            assert not classroom.memberships.filter(pk=removed.pk).exists()
        else:
            page.goto(live_server.url + f"/classes/{classroom.code}/me/")
            page.get_by_role("link", name={"en": "Leave the class", "ko": "반에서 나가기"}[language]).click()
            expect(page.locator("h1")).to_contain_text("Cloud cohort")
            assert classroom.memberships.filter(user=learner).exists(), "the link only asks"
            page.screenshot(
                path=output_dir / f"class-leave-{viewport['width']}-{language}.png", full_page=True
            )
            page.get_by_role(
                "button", name={"en": "Yes, leave the class", "ko": "네, 반에서 나갑니다"}[language]
            ).click()
            expect(page.locator("h1")).to_be_visible()
            assert not classroom.memberships.filter(user=learner).exists()
        context.close()
