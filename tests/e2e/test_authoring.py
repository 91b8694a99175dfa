"""An instructor writes a bilingual question with the live preview and publishes it; a learner meets it in
a practice quiz and reports a problem; the instructor finds the report in the queue and resolves it."""

import pytest
from playwright.sync_api import expect

from quizzes.models import ProblemReport, Question
from tests.conftest import load_fixture_curriculum
from tests.e2e.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEM_EN = "A startup keeps **nightly backups** for 90 days and reads them only in an emergency. Which S3 class costs least?"
STEM_KO = (
    "한 스타트업이 **야간 백업**을 90일 동안 보관하며 비상시에만 읽는다. 가장 저렴한 S3 클래스는 무엇인가?"
)
CHOICES = [
    ("S3 Glacier Flexible Retrieval", "S3 Glacier Flexible Retrieval", True, "Cheap storage, retrieval in hours.", "저렴하고 몇 시간 안에 꺼낸다."),
    ("S3 Standard", "S3 Standard", False, "Costs the most for rarely read data.", "거의 읽지 않는 데이터에는 가장 비싸다."),
    ("S3 Intelligent-Tiering", "S3 Intelligent-Tiering", False, "Adds a monitoring fee per object.", "객체마다 모니터링 요금이 붙는다."),
    ("S3 Express One Zone", "S3 Express One Zone", False, "Built for low latency, not archives.", "아카이브가 아니라 짧은 지연 시간용이다."),
]  # fmt: skip


def test_a_question_goes_from_the_editor_to_a_learner_and_back_as_a_report(
    live_server, page, browser, output_dir, instructor, learner
):
    load_fixture_curriculum()  # transactional tests start from an empty database
    url = live_server.url
    sign_in(page, url, instructor)
    page.goto(url + "/authoring/questions/new/")
    expect(page.locator("h1")).to_have_text("New question")

    # Writing: the preview follows in both languages, Markdown rendered, Korean marked missing until written.
    page.fill("#id_stem_en", STEM_EN)
    preview = page.locator("#preview")
    expect(preview.locator(".learner-view[lang=en] .stem strong")).to_have_text("nightly backups")
    expect(preview.locator(".learner-view[lang=ko] .fallback")).to_be_visible()
    expect(preview.locator(".checks-bad")).to_contain_text("The question text is missing in Korean.")
    page.fill("#id_stem_ko", STEM_KO)
    for index, (en, ko, correct, why_en, why_ko) in enumerate(CHOICES):
        page.fill(f"#id_choice-{index}-text_en", en)
        page.fill(f"#id_choice-{index}-text_ko", ko)
        page.fill(f"#id_choice-{index}-why_en", why_en)
        page.fill(f"#id_choice-{index}-why_ko", why_ko)
        if correct:
            page.check(f"#id_choice-{index}-correct")
    page.select_option("#id_topic", "lambda-basics")
    expect(preview.locator(".checks-ok")).to_be_visible()
    expect(preview.locator(".learner-view[lang=ko] .stem strong")).to_have_text("야간 백업")
    expect(preview.locator(".learner-view[lang=ko] li.is-correct")).to_contain_text(
        "S3 Glacier Flexible Retrieval"
    )
    page.screenshot(path=output_dir / "authoring-editor-preview-en.png", full_page=True)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("Saved: Published, version 1.")
    question = Question.objects.get(key__startswith="app:")
    assert question.status == "published" and question.current_version.stem_ko == STEM_KO

    # A learner meets it: the only published question, so the quiz has it.
    Question.objects.exclude(pk=question.pk).update(status="retired")
    learner_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR")
    learner_page = learner_context.new_page()
    errors = []
    learner_page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    sign_in(learner_page, url, learner)
    learner_page.get_by_role("button", name="한국어").click()
    learner_page.goto(url + "/practice/")
    learner_page.locator("#start-form button[type=submit]").click()
    item = learner_page.locator("#item")
    expect(item.locator(".stem strong")).to_have_text("야간 백업")
    item.get_by_label("S3 Standard").check()
    item.get_by_role("button", name="정답 확인").click()
    expect(item.locator(".verdict")).to_be_visible()
    item.locator("#report-problem summary").click()
    item.get_by_label("번역이 잘못됨").check()
    learner_page.fill("#report-message", "'비상시'보다 '긴급 상황'이 자연스럽습니다.")
    item.get_by_role("button", name="신고 보내기").click()
    expect(learner_page.locator("#report-problem[role=status]")).to_contain_text("감사합니다")
    learner_page.screenshot(path=output_dir / "authoring-learner-report-ko.png", full_page=True)
    learner_context.close()
    assert errors == []
    report = ProblemReport.objects.get()
    assert (report.user, report.version.number, report.kind, report.language) == (
        learner,
        1,
        "translation",
        "ko",
    )

    # The instructor finds it in the queue, with the version the learner saw, and resolves it.
    page.goto(url + "/authoring/reports/")
    entry = page.locator(f"#report-{report.code}")
    expect(entry).to_contain_text("The translation is wrong")
    expect(entry).to_contain_text("seen in version 1")
    expect(entry).to_contain_text("'긴급 상황'이 자연스럽습니다")
    page.screenshot(path=output_dir / "authoring-report-queue-en.png", full_page=True)
    entry.get_by_label("What was done").fill("Reworded the Korean stem.")
    entry.get_by_role("button", name="Resolve").click()
    expect(page.locator(".messages")).to_contain_text("Report resolved.")
    expect(page.locator(f"#report-{report.code}")).to_have_count(0)  # the open queue is empty again
