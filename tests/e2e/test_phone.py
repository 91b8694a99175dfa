"""On a 375 px phone every navigation item is on screen and the facts' source links read in full."""

import pytest

from tests.conftest import PASSWORD, load_fixture_curriculum

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
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    if language == "ko":
        page.get_by_role("button", name="한국어").click()
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
