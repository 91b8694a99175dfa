"""Mock exam charts (a result's domains, the score history, the item statistics) read on a 390 px phone.

The charts are SVG scaled to their box: what matters is the size text is drawn at on the screen, its
font size in chart units times the chart's scale."""

import pytest

from exams import statistics
from exams.models import AttemptItem
from tests.conftest import load_fixture_curriculum, make_user
from tests.e2e.signing import sign_in
from tests.plans.conftest import sit_mock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LEGIBLE_PX = 11

# Per chart on the page: its classes and the smallest font its text is drawn at, in screen pixels.
SMALLEST_TEXT = """() => [...document.querySelectorAll("svg.chart")].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {chart: svg.getAttribute("class"), px: Math.min(...sizes), width: svg.getBoundingClientRect().width};
})"""
# Nothing spills past the screen's right edge (a page scrolled sideways reads worse than small text).
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


def open_signed_in(browser, live_server, user, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, user)
    return context, page


@pytest.mark.parametrize("language", ["en", "ko"])
def test_chart_text_is_legible_on_a_phone_and_the_desktop(
    live_server, browser, output_dir, settings, language
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    load_fixture_curriculum()  # transactional tests start from an empty database
    learner = make_user("alice@example.com", language=language)
    instructor = make_user("carol@example.com", language=language, instructor=True)
    sit_mock(learner)
    attempt = sit_mock(learner)
    statistics.refresh()
    question = AttemptItem.objects.filter(attempt=attempt).order_by("position").first().question
    pages = {
        learner: {
            "result": f"/exams/{attempt.code}/result/",
            "history": "/exams/history/",
        },
        instructor: {
            "statistics": "/authoring/statistics/",
            "question-statistics": f"/authoring/statistics/{question.code}/",
        },
    }
    small, measured = [], []
    for user, urls in pages.items():
        for viewport in (PHONE, DESKTOP):
            context, page = open_signed_in(browser, live_server, user, viewport)
            for name, url in urls.items():
                page.goto(live_server.url + url)
                charts = page.evaluate(SMALLEST_TEXT)
                assert charts, f"no chart on {name}"
                measured += [(name, viewport["width"], chart) for chart in charts]
                small += [(name, viewport["width"], chart) for chart in charts if chart["px"] < LEGIBLE_PX]
                assert page.evaluate(PAGE_WIDTH) <= viewport["width"], (name, viewport["width"])
                page.screenshot(
                    path=output_dir / f"charts-{name}-{viewport['width']}-{language}.png", full_page=True
                )
            context.close()
    print(*measured, sep="\n")
    assert small == [], f"chart text drawn smaller than {LEGIBLE_PX} px: {small}"
