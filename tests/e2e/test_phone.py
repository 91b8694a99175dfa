"""On a 375 px phone every navigation item is on screen, the facts' source links read in full and
case diagrams keep legible labels."""

import re
from datetime import date
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from quizzes.models import QuestionVersion
from tests.conftest import PASSWORD, load_fixture_curriculum
from tests.e2e.signing import sign_in
from topics.content import Diagram, DiagramEdge, DiagramNode, Text
from topics.diagrams import render_svg
from topics.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}

# How wide the link's text is when laid out on one line, and how wide its box really is.
LINK_WIDTHS = """link => {
  const probe = link.cloneNode(true);
  probe.style.cssText = "position:absolute; white-space:nowrap; visibility:hidden";
  link.parentNode.appendChild(probe);
  const needed = probe.getBoundingClientRect().width;
  probe.remove();
  return {needed, actual: link.getBoundingClientRect().width, lines: link.getClientRects().length};
}"""


@pytest.mark.parametrize(
    ("language", "labels"), [("en", ["Search", "My study"]), ("ko", ["검색", "내 학습"])]
)
def test_a_phone_reaches_every_nav_item_and_reads_the_source_links(
    live_server, browser, output_dir, learner, language, labels
):
    load_fixture_curriculum()  # transactional tests start from an empty database
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, learner, language=language)
    page.goto(live_server.url + "/facts/")

    items = page.locator("nav.main-nav a")
    names = items.all_inner_texts()
    assert all(label in names for label in labels), names
    for index in range(items.count()):
        box = items.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (names[index], box)
        assert box["y"] + box["height"] <= PHONE["height"], (names[index], box)
    page.screenshot(path=output_dir / f"phone-facts-{language}.png")

    source = page.locator("td.fact-source a").first
    widths = source.evaluate(LINK_WIDTHS)
    assert widths["lines"] == 1 and widths["actual"] >= widths["needed"] - 0.5, widths
    context.close()


def test_a_wide_diagram_keeps_legible_labels_and_opens_full_size(live_server, browser, output_dir):
    load_fixture_curriculum()
    steps = [f"step{n}" for n in range(10)]  # a long chain drawn left to right: about 1,900 points wide
    wide = Diagram(
        direction="LR",
        groups=[],
        nodes=[DiagramNode(id=s, label=Text(f"Service {s} worker", f"서비스 {s} 작업자"), service=None, group=None) for s in steps],
        edges=[DiagramEdge(source=a, target=b, label=Text("sends", "보냄")) for a, b in pairwise(steps)],
    )  # fmt: skip
    Case.objects.filter(slug="tiny-api").update(svg_en=render_svg(wide, "en", {}, "A wide diagram"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/cases/tiny-api/")
    diagram = page.locator("svg.diagram")
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        scale = diagram.evaluate("svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width")
        assert 12 * scale >= 11, f"labels are drawn at {12 * scale:.1f} px on a {viewport['width']} px screen"
    page.screenshot(path=output_dir / "case-wide-diagram-phone.png")

    full_size = page.get_by_role("link", name="Open full size")
    response = page.request.get(live_server.url + full_size.get_attribute("href"))
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    assert "Service step9 worker" in response.text()
    context.close()


def test_a_long_source_link_under_an_explanation_does_not_widen_an_english_phone_page(
    live_server, browser, output_dir, learner
):
    """English has no Korean line-breaking rules: a source URL wider than a 390 px phone once pushed the
    feedback past the screen, so the page scrolled sideways."""
    load_fixture_curriculum()
    long_source = (
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/" + "limits-" * 12 + "quotas.html"
    )
    QuestionVersion.objects.update(sources=[long_source])
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    page.goto(live_server.url + "/practice/")
    page.select_option("select[name=size]", "5")
    page.get_by_role("button", name="Start").click()

    legend = page.locator("#answer-form legend").inner_text()
    wanted = int(re.search(r"\d+", legend).group(0)) if re.search(r"\d", legend) else 1
    for index in range(wanted):
        page.locator("#answer-form input[name=choice]").nth(index).check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(f".explanation a[href='{long_source}']")).to_be_visible()
    page.screenshot(path=output_dir / "phone-practice-long-source-en.png", full_page=True, caret="initial")
    assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
    context.close()


def test_on_a_phone_the_header_content_and_footer_keep_their_breathing_room(live_server, browser, learner):
    """The phone rule for the page's side margins once reset the top and bottom padding of everything
    laid out in the page width: the logo touched the screen's top, headings the header, the footer its
    border."""
    load_fixture_curriculum()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/topics/")
    padding = page.evaluate(
        """() => Object.fromEntries(["main", ".header-row", ".footer-row"].map(selector => {
             const style = getComputedStyle(document.querySelector(selector));
             return [selector, [parseFloat(style.paddingTop), parseFloat(style.paddingBottom)]];
           }))"""
    )
    assert all(top >= 8 and bottom >= 8 for top, bottom in padding.values()), padding
    side = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).paddingLeft)")
    assert 12 <= side <= 16, side  # the phone's narrower side margin still applies

    # The dashboard's "notes studied" lines keep each exam code on one line.
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    codes = page.locator(".progress-line strong")
    expect(codes.first).to_have_text("SAA-C03")
    for index in range(codes.count()):
        assert codes.nth(index).evaluate("e => e.getClientRects().length") == 1
        height = codes.nth(index).evaluate("e => e.getBoundingClientRect().height")
        line = codes.nth(index).evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert height < 1.5 * line, (codes.nth(index).inner_text(), height, line)
    context.close()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_list_of_classes_an_instructor_teaches_does_not_widen_a_phone_page(
    live_server, browser, output_dir, instructor, language
):
    """The classes page's table (class, exam, exam date, members) once pushed a 390 px page sideways."""
    from classes import services
    from topics.models import Exam

    load_fixture_curriculum()
    services.create_class(
        instructor=instructor,
        name="Weekend cohort",
        exam=Exam.objects.get(code="SAA-C03"),
        exam_date=date(2031, 3, 14),
    )
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, instructor, language=language)
    page.goto(live_server.url + "/classes/")
    expect(page.get_by_role("link", name="Weekend cohort")).to_be_visible()
    page.screenshot(path=output_dir / f"phone-classes-{language}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
    context.close()


@pytest.mark.parametrize(("language", "facility"), [("en", "Facility"), ("ko", "정답률")])
def test_item_statistics_on_a_phone_keep_their_column_names(
    live_server, browser, output_dir, instructor, language, facility
):
    """The question list's phone layout (header hidden, cells stacked) also hit the statistics table, whose
    figures then stood as bare numbers (1, 0.00, dashes) with nothing saying which was which."""
    from exams import services as exam_services
    from exams import statistics
    from exams.models import Blueprint
    from tests.exams.factory import make_bank
    from topics.models import Exam

    load_fixture_curriculum()
    make_bank("SAA-C03", singles=4, multiples=2, prefix="stats")
    drill = Blueprint.objects.create(
        slug="custom-drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Drill", title_ko="연습",
        questions=5, minutes=20, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    exam_services.submit(attempt=exam_services.start(user=instructor, blueprint=drill))
    statistics.refresh()
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, instructor, language=language)
    for path in ("/authoring/statistics/", "/authoring/blueprints/"):
        page.goto(live_server.url + path)
        page.screenshot(path=output_dir / f"phone-{path.split('/')[2]}-{language}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"], path
    page.goto(live_server.url + "/authoring/statistics/")
    expect(page.locator(".question-table thead").get_by_text(facility)).to_be_visible()
    context.close()


def test_the_class_forms_date_fields_look_like_their_other_fields(live_server, browser, instructor):
    """The exam date of a class and the due date of an assignment were the browser's bare date box: a thin
    line half the height of the name field and the selects beside it."""
    from classes import services
    from topics.models import Exam

    load_fixture_curriculum()
    classroom = services.create_class(
        instructor=instructor,
        name="Weekend cohort",
        exam=Exam.objects.get(code="SAA-C03"),
        exam_date=date(2031, 3, 14),
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, instructor)
    page.goto(live_server.url + "/classes/new/")
    date_box = page.locator("input[name=exam_date]").bounding_box()
    name_box = page.locator("input[name=name]").bounding_box()
    assert abs(date_box["height"] - name_box["height"]) <= 2 and date_box["width"] == name_box["width"], (
        date_box,
        name_box,
    )
    page.goto(live_server.url + f"/classes/{classroom.code}/assignments/new/")
    due_box = page.locator("input[name=due_on]").bounding_box()
    size_box = page.locator("select[name=size]").bounding_box()
    assert due_box["width"] == size_box["width"] and due_box["height"] >= size_box["height"], (
        due_box,
        size_box,
    )
    context.close()


def test_the_mock_exam_options_put_their_tick_box_before_the_words(live_server, browser, learner):
    """The rule that turns Django's label-first checkboxes round also turned the exam page's box-first ones:
    "ESL accommodation: 30 more minutes" had its box at the end of the line, the next option's at the far right."""
    load_fixture_curriculum()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, learner)
    page.goto(live_server.url + "/exams/")
    boxes = page.locator("form.start-form input[type=checkbox]")
    assert boxes.count() >= 2
    for index in range(boxes.count()):
        box = boxes.nth(index)
        label = page.locator(f"label[for='{box.get_attribute('id')}']")
        assert box.bounding_box()["x"] < label.bounding_box()["x"], box.get_attribute("id")
    context.close()


@pytest.mark.parametrize(
    ("language", "summary", "area"), [("en", "Filter", "Test facts"), ("ko", "필터", "테스트 사실")]
)
def test_on_a_phone_the_first_fact_is_near_the_top_and_the_filter_still_works_without_javascript(
    live_server, browser, output_dir, language, summary, area
):
    from topics.models import FactGroup

    load_fixture_curriculum()
    # As many service areas as the real curriculum, with titles as long as its longest.
    FactGroup.objects.bulk_create(
        FactGroup(code=f"Z{n:02}", title_en=f"Area {n}: data lake and analytics (Glue, Athena, EMR)",
                  title_ko=f"영역 {n}: 데이터 레이크와 분석(Glue, Athena, EMR)")
        for n in range(40)
    )  # fmt: skip
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, locale="en-US", java_script_enabled=False)
    context.add_cookies([{"name": "studyapp_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/facts/")
    first_fact = page.locator(".fact-table tbody tr").first
    top = first_fact.bounding_box()["y"]
    page.screenshot(path=output_dir / f"phone-facts-filter-{language}.png")
    assert top < phone["height"], f"the first fact starts at {top:.0f} px, below the first screen"

    # The filter opens and narrows the list with plain links and a plain form.
    page.locator("details.facts-filter > summary").filter(has_text=summary).click()
    page.locator(".group-index a[href='?group=TST']").click()
    expect(page).to_have_url(re.compile(r"\?group=TST$"))
    expect(page.locator("#fact-TST-01")).to_be_visible()
    expect(page.locator("details.facts-filter > summary")).to_contain_text(area)
    page.locator("details.facts-filter > summary").click()
    page.select_option("#facts-service", "ec2")
    page.locator(".facts-filter button[type=submit]").click()
    expect(page.locator("#fact-TST-02")).to_be_visible()
    expect(page.locator("#fact-TST-01")).to_have_count(0)
    context.close()
