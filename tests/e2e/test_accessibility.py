"""Every page type passes an axe-core audit of WCAG 2.1 A and AA, in English and in Korean.

axe-core comes from the npm registry, pinned by package-lock.json (`make test` runs `npm ci`), and is
evaluated in each page after it loads: through Playwright, not a <script> tag, so the page keeps its
strict Content-Security-Policy while it is audited. A failure names the page, the language, the rule
and the elements, and the full results land in test-results/axe-<area>-<language>.json.

One browser for the session, one context and one sign-in per test, one load per page type; each area
(curriculum and practice, mock exams, reviews, authoring) is its own test in both languages.
"""

import json
import re
from datetime import date, timedelta
from importlib.util import find_spec

import pytest
from playwright.sync_api import expect

from quizzes.models import PracticeQuiz
from tests.conftest import ROOT, load_fixture_curriculum, make_user
from tests.e2e.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus one best-practice rule issue 15 names: a table header with no text (the
# empty corner cell of a comparison table) is an unnamed column header to a screen reader.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "rules": {"empty-table-header": {"enabled": True}},
    "resultTypes": ["violations"],
}
RUN_AXE = """options => axe.run(document, options).then(results => results.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
})))"""
# Areas other engineers build in parallel: each audit runs once its app is on the branch.
NOT_LANDED = "the {} app is not on this branch yet; this audit runs once it is merged"
SHOWN_PER_RULE = 3  # elements listed per rule and page in a failure message; the JSON file has them all


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does it)")
    return AXE.read_text()


class Audit:
    """Runs axe in the page now on screen and keeps what it found, page by page."""

    def __init__(self, page, axe_source, language, url):
        self.page, self.axe_source, self.language, self.url = page, axe_source, language, url
        self.results = {}

    def sign_in(self, user):
        sign_in(self.page, self.url, user)

    def visit(self, name, path, status=200):
        """Load a page of the live server and audit it."""
        url = self.url + path
        response = self.page.goto(url)
        assert response.status == status, f"{name}: {url} answered {response.status}, not {status}"
        self(name)

    def __call__(self, name):
        """Audit the page on screen as it is now (after an htmx swap, say)."""
        page = self.page
        # The page really is in the language under test, or the audit of the other one would repeat this one.
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        if not page.evaluate("() => typeof axe === 'object'"):  # once per document
            page.evaluate(self.axe_source)
        violations = page.evaluate(RUN_AXE, AXE_OPTIONS)
        self.results[name] = {"url": page.url, "violations": violations}

    def report(self) -> str:
        lines = []
        for name, result in self.results.items():
            path = re.sub(r"^https?://[^/]+", "", result["url"])
            for violation in result["violations"]:
                nodes = violation["nodes"]
                lines.append(
                    f"[{self.language}] {name} ({path}): {violation['id']} ({violation['impact']}), "
                    f"{len(nodes)} element(s): {violation['help']} <{violation['helpUrl']}>"
                )
                for node in nodes[:SHOWN_PER_RULE]:
                    summary = " ".join(node["summary"].split())
                    lines.append(f"    {node['target']}: {node['html'][:160]}\n      {summary}")
                if len(nodes) > SHOWN_PER_RULE:
                    lines.append(f"    ... and {len(nodes) - SHOWN_PER_RULE} more")
        return "\n".join(lines)

    def finish(self, output_dir, area):
        """Keep every result in test-results/ and fail with a readable list of the violations."""
        path = output_dir / f"axe-{area}-{self.language}.json"
        path.write_text(json.dumps(self.results, ensure_ascii=False, indent=2))
        report = self.report()
        if report:  # pytest.fail keeps the message as written, without an assert's repr of it
            pytest.fail(f"axe-core found WCAG 2.1 A/AA violations:\n{report}", pytrace=False)


@pytest.fixture(params=["en", "ko"])
def audit(request, live_server, browser, axe_source):
    """An Audit in a fresh browser context whose interface language is the test's."""
    language = request.param
    load_fixture_curriculum()  # transactional tests start from an empty database
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_cookies([{"name": "studyapp_language", "value": language, "url": live_server.url}])
    yield Audit(context.new_page(), axe_source, language, live_server.url)
    context.close()


def make_learner(audit, **kwargs):
    """A learner whose profile keeps the audit's language (signing in restores the profile's)."""
    return make_user(f"axe-{audit.language}@example.com", language=audit.language, **kwargs)


def answer(page, quiz_code, *, right):
    """Answer the question on screen, rightly or not, and wait for the feedback htmx swaps in."""
    position = int(page.locator("#answer-form").get_attribute("action").rstrip("/").rsplit("/", 1)[1])
    item = PracticeQuiz.objects.get(code=quiz_code).items.select_related("version").get(position=position)
    choices = item.version.choices
    correct = [c["id"] for c in choices if c["correct"]]
    wrong_first = [c["id"] for c in choices if not c["correct"]] + correct
    picks = correct if right else wrong_first[: len(correct)]
    for pick in picks:
        page.locator(f"#answer-form input[value='{pick}']").check()
    page.locator("#answer-form button[type=submit]").click()
    expect(page.locator(".verdict")).to_be_visible()


def test_curriculum_practice_account_and_error_pages_have_no_wcag_violations(audit, output_dir):
    page = audit.page
    # Anonymous: the pages a visitor sees before signing in.
    audit.visit("home", "/")
    audit.visit("sign-up", "/accounts/signup/")
    audit.visit("sign-in", "/accounts/login/")
    audit.sign_in(make_learner(audit))

    # The curriculum, signed in: a studied topic shows its state on the topic and on the index.
    page.goto(audit.url + "/topics/placement-groups/")
    page.locator("#studied-form button").click()
    expect(page.locator("#studied-form button")).to_have_attribute("aria-pressed", "true")
    audit("topic")
    audit.visit("topic index", "/topics/")
    audit.visit("case index", "/cases/")
    audit.visit("case", "/cases/tiny-api/")
    audit.visit("glossary", "/glossary/")
    audit.visit("facts", "/facts/")
    audit.visit("search results", "/search/?q=" + {"en": "placement", "ko": "배치 그룹"}[audit.language])
    expect(page.locator("#results li.result").first).to_be_visible()

    # Practice: a question before and after a wrong answer, then a right one, the summary, the dashboard.
    audit.visit("practice home", "/practice/")
    page.locator("#start-form button[type=submit]").click()
    expect(page.locator("#answer-form")).to_be_visible()
    audit("practice question, unanswered")
    code = re.search(r"/practice/([0-9a-f-]{36})/", page.url).group(1)
    answer(page, code, right=False)
    audit("practice question, answered wrongly")
    page.locator("#item .actions a.button").click()  # next question, swapped in by htmx
    expect(page.locator("#answer-form")).to_be_visible()
    answer(page, code, right=True)
    audit("practice question, answered rightly")
    audit.visit("practice summary", f"/practice/{code}/summary/")
    audit.visit("dashboard", "/dashboard/")

    # Error pages, as a signed-in learner meets them.
    audit.visit("400 bad request", "/topics/?exam=NO-SUCH-EXAM", status=400)
    audit.visit("403 forbidden", "/admin/login/", status=403)  # the admin, for a learner
    audit.visit("404 not found", "/topics/no-such-topic/", status=404)
    audit.finish(output_dir, "pages")


def test_plan_and_data_pages_have_no_wcag_violations(audit, output_dir):
    page = audit.page
    learner = make_learner(audit)
    audit.sign_in(learner)
    audit.visit("dashboard, no plan yet", "/dashboard/")
    page.locator("#plan-prompt a.button").click()
    expect(page.locator("form.plan-form")).to_be_visible()
    audit("plan form, first time")
    page.fill("#id_minutes_per_day", "5")
    page.locator("form.plan-form button[type=submit]").click()
    expect(page.locator("#id_minutes_per_day-error")).to_be_visible()
    audit("plan form, refused")
    page.fill("#id_exam_date", (date.today() + timedelta(days=60)).isoformat())
    page.fill("#id_minutes_per_day", "30")
    page.locator("form.plan-form button[type=submit]").click()
    expect(page.locator(".plan-weeks")).to_be_visible()
    audit("plan")
    audit.visit("dashboard, today", "/dashboard/")
    audit.visit("plan form, change", "/plan/edit/")
    audit.visit("my data", "/my-data/")
    audit.visit("delete account", "/my-data/delete-account/")
    page.fill("#id_password", "not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .errorlist")).to_be_visible()
    audit("delete account, wrong password")
    audit.finish(output_dir, "plans")


@pytest.mark.skipif(find_spec("exams.views") is None, reason=NOT_LANDED.format("exams"))
def test_mock_exam_pages_have_no_wcag_violations(audit, output_dir):
    from exams.models import Blueprint
    from tests.exams.factory import make_bank
    from topics.models import Exam

    make_bank("SAA-C03", singles=4, multiples=2)
    Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Five-question drill",
        title_ko="다섯 문제 연습", questions=5, minutes=20, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    page = audit.page
    audit.sign_in(make_learner(audit))
    # Home, a question before and after an answer and a flag, the summary, the confirmation, the
    # result, the review, the history and the dashboard's exam card.
    audit.visit("exam home", "/exams/")
    page.locator("form.start-form:has(input[name=blueprint][value=drill]) button[type=submit]").click()
    expect(page.locator("#exam-item")).to_be_visible()
    page.wait_for_load_state()  # htmx listens before the first pick
    audit("exam question, unanswered")
    choose = int(page.locator("#choices").get_attribute("data-choose"))
    for index in range(choose):
        page.locator("#choices input").nth(index).check()
    expect(page.locator("#save-status")).not_to_be_empty()
    page.locator("#flag-button").click()
    expect(page.locator("#flag-button")).to_have_attribute("aria-pressed", "true")
    audit("exam question, answered and flagged")
    page.keyboard.press("s")
    expect(page.locator("a[data-key=submit]")).to_be_visible()
    audit("exam summary")
    page.locator("a[data-key=submit]").click()
    expect(page.locator("#confirm-heading")).to_be_visible()
    audit("exam submit confirmation")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    expect(page.locator(".result-score")).to_be_visible()
    audit("exam result")
    page.locator("a[href$='/review/']").first.click()
    expect(page.locator("article.review-item").first).to_be_visible()
    audit("exam review")
    audit.visit("exam history", "/exams/history/")
    audit.visit("dashboard with an exam", "/dashboard/")
    audit.finish(output_dir, "exams")


@pytest.mark.skipif(find_spec("reviews") is None, reason=NOT_LANDED.format("reviews"))
def test_review_pages_have_no_wcag_violations(audit, output_dir, settings):
    from datetime import timedelta

    import time_machine

    from quizzes.models import PracticeItem
    from reviews.models import Card

    settings.REVIEWS_FUZZING = False  # the card is due at a known time
    page = audit.page
    learner = make_learner(audit)
    audit.sign_in(learner)
    audit.visit("review progress, empty", "/reviews/progress/")
    audit.visit("review settings", "/reviews/settings/")
    page.goto(audit.url + "/practice/")
    page.locator("#start-form button[type=submit]").click()
    expect(page.locator("#answer-form")).to_be_visible()
    code = re.search(r"/practice/([0-9a-f-]{36})/", page.url).group(1)
    answer(page, code, right=False)
    expect(page.locator(".rating-box")).to_be_visible()
    audit("practice question, answered, with its review rating")
    # The wrongly answered question is due again a few minutes later: the session, its feedback and rating.
    card = Card.objects.get(user=learner)
    with time_machine.travel(card.due + timedelta(minutes=2)):
        audit.visit("review session, a due card", "/reviews/")
        item = PracticeItem.objects.select_related("version").get(quiz__code=code, position=1)
        for choice in item.version.choices:
            if choice["correct"]:
                page.check(f"#review input[value='{choice['id']}']")
        page.locator("#review button[type=submit]").first.click()
        expect(page.locator("#review .rating-box")).to_be_visible()
        audit("review session, answered, rating")
        page.locator("#review .rating-option").last.click()
        expect(page.locator("#review .review-status")).to_be_visible()
        audit("review session, next card")
        audit.visit("review progress", "/reviews/progress/")
    audit.finish(output_dir, "reviews")


@pytest.mark.skipif(find_spec("quizzes.authoring") is None, reason=NOT_LANDED.format("authoring"))
def test_instructor_pages_have_no_wcag_violations(audit, output_dir):
    from quizzes.models import Question

    page = audit.page
    instructor = make_learner(audit, instructor=True)
    audit.sign_in(instructor)
    # A learner's problem report (instructors practise too), which the report queue then lists.
    page.goto(audit.url + "/practice/")
    page.locator("#start-form button[type=submit]").click()
    expect(page.locator("#answer-form")).to_be_visible()
    code = re.search(r"/practice/([0-9a-f-]{36})/", page.url).group(1)
    answer(page, code, right=False)
    page.locator("#report-problem summary").click()
    page.locator("#report-problem input[type=radio]").first.check()
    audit("practice question, answered, problem report open")
    page.fill("#report-message", "A problem worth a look.")
    page.locator("#report-problem button[type=submit]").click()
    expect(page.locator("#report-problem[role=status]")).to_be_visible()

    audit.visit("authoring question list", "/authoring/questions/")
    audit.visit("authoring new question", "/authoring/questions/new/")
    page.fill("#id_stem_en", "Which **one** service fits?")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#preview .learner-view").first).to_contain_text("Which")
    audit("authoring new question, live preview")
    question = Question.objects.filter(status="published").order_by("pk").first()
    audit.visit("authoring question editor", f"/authoring/questions/{question.code}/")
    audit.visit("authoring question preview", f"/authoring/questions/{question.code}/preview/")
    audit.visit("authoring question history", f"/authoring/questions/{question.code}/history/")
    # An edit saved through the editor: the history then shows a diff.
    page.goto(audit.url + f"/authoring/questions/{question.code}/")
    page.fill("#id_stem_en", "An edited question text, so that the history has a diff to show.")
    page.locator("#question-form button[name=action][value=save]").click()
    expect(page.locator(".messages")).to_be_visible()
    audit.visit("authoring question history with a diff", f"/authoring/questions/{question.code}/history/")
    expect(page.locator(".diff-add").first).to_be_visible()
    audit.visit("authoring import", "/authoring/import/")
    gift = b"::Storage:: Which is object storage? {=S3#Right. ~EBS#Block storage.}\n\n::Essay:: Why? {}\n"
    page.set_input_files("#id_file", files=[{"name": "q.gift", "mimeType": "text/plain", "buffer": gift}])
    page.locator("form.import-form button[type=submit]").click()
    expect(page.locator(".import-preview")).to_be_visible()
    audit("authoring import preview")
    audit.visit("authoring export", "/authoring/export/")
    audit.visit("authoring problem reports", "/authoring/reports/")

    # Custom exams and item statistics (exams): a submitted attempt gives the statistics figures to show.
    from exams import services as exam_services
    from exams import statistics
    from exams.models import Blueprint
    from tests.exams.factory import make_bank
    from topics.models import Exam

    make_bank("SAA-C03", singles=4, multiples=2, prefix="stats")
    drill = Blueprint.objects.create(
        slug="custom-drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Drill", title_ko="연습",
        questions=5, minutes=20, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    attempt = exam_services.start(user=instructor, blueprint=drill)
    exam_services.submit(attempt=attempt)
    statistics.refresh()
    audit.visit("custom exams", "/authoring/blueprints/")
    audit.visit("new custom exam", "/authoring/blueprints/new/")
    audit.visit("custom exam editor", f"/authoring/blueprints/{drill.slug}/")
    audit.visit("item statistics", "/authoring/statistics/")
    measured = attempt.items.first().question
    audit.visit("item statistics of a question", f"/authoring/statistics/{measured.code}/")
    audit.finish(output_dir, "authoring")


def test_class_pages_have_no_wcag_violations(audit, output_dir):
    from classes import services
    from classes.models import Classroom
    from tests.reviews.conftest import practise
    from topics.models import Topic

    page = audit.page
    instructor = make_learner(audit, instructor=True)
    audit.sign_in(instructor)
    audit.visit("classes, none yet", "/classes/")
    audit.visit("new class", "/classes/new/")
    page.locator("form.class-form button[type=submit]").click()  # empty: the errors in place
    expect(page.locator(".errorlist").first).to_be_visible()
    audit("new class, refused")
    page.fill("input[name=name]", "Cloud cohort")
    page.fill("input[name=exam_date]", "2031-03-14")
    page.locator("form.class-form button[type=submit]").click()
    expect(page.locator("#join-url")).to_be_visible()
    audit("class page, no members")
    classroom = Classroom.objects.get()
    audit.visit("new assignment", f"/classes/{classroom.code}/assignments/new/")
    assignment = services.assign_practice(
        classroom=classroom, value="exam:SAA-C03", size=5, due_on=classroom.exam_date
    )
    member = make_user(f"axe-member-{audit.language}@example.com", language=audit.language)
    membership = services.join_class(user=member, classroom=classroom)
    for index, question in enumerate(
        Topic.objects.get(slug="lambda-basics").questions.filter(status="published")
    ):
        practise(member, question, correct=index % 2 == 0)
    services.start_assignment(membership=membership, assignment=assignment)
    # Mock exams: one sat from an assignment (its result, a sparkline, a history chart), one still to start.
    from exams import services as exams
    from exams.models import Blueprint
    from tests.exams.factory import make_bank

    make_bank("SAA-C03", singles=4, multiples=2)
    Blueprint.objects.create(
        slug="drill", exam=classroom.exam, title_en="Five-question drill", title_ko="다섯 문제 연습",
        questions=5, minutes=20, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    mock = services.assign_mock(classroom=classroom, value="blueprint:drill", due_on=classroom.exam_date)
    exams.submit(attempt=services.start_assignment(membership=membership, assignment=mock))
    services.assign_mock(classroom=classroom, value="blueprint:saa-c03", due_on=classroom.exam_date)
    audit.visit("class page with a member", classroom.get_absolute_url())
    audit.visit("class member", f"/classes/{classroom.code}/members/{membership.code}/")
    audit.visit(
        "remove a member: the question", f"/classes/{classroom.code}/members/{membership.code}/remove/"
    )
    audit.visit("class assignment", assignment.get_absolute_url())
    audit.visit("edit class", f"/classes/{classroom.code}/edit/")
    audit.visit("classes you teach", "/classes/")

    # The member's side: the join link of another class, their class page, the dashboard.
    page.locator("form[action$='/logout/'] button[type=submit]").click()
    audit.sign_in(member)
    other = services.create_class(
        instructor=instructor, name="Second cohort", exam=classroom.exam, exam_date=classroom.exam_date
    )
    audit.visit("join a class", other.get_join_url())
    audit.visit("join link that does not work", "/classes/join/not-a-code/", status=404)
    audit.visit("member's class page", f"/classes/{classroom.code}/me/")
    audit.visit("leave the class: the question", f"/classes/{classroom.code}/leave/")
    audit.visit("dashboard with an assignment", "/dashboard/")
    audit.finish(output_dir, "classes")
