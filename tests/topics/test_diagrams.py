"""Case diagrams keep a legible size, and each opens full size as an SVG file of its own."""

import re

import pytest
from django.urls import reverse

from tests.conftest import FIXTURE_CONTENT
from topics.content import read_curriculum
from topics.diagrams import render_svg

DIAGRAM = reverse("topics:case-diagram", args=["tiny-api"])


def test_a_diagram_is_drawn_at_its_natural_size_so_the_page_scrolls_instead_of_shrinking_labels():
    case = read_curriculum(FIXTURE_CONTENT).cases["tiny-api"]
    svg = render_svg(case.diagram, "en", {"lambda": "compute"}, "A tiny serverless API")
    width, height = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg).groups()
    assert f'width="{float(width):.0f}" height="{float(height):.0f}"' in svg.split(">", 1)[0]
    assert 'font-size="12.00"' in svg  # one layout point per CSS pixel: 12 px labels


@pytest.mark.django_db
def test_the_case_page_links_its_diagram_at_full_size(client):
    page = client.get(reverse("topics:case-detail", args=["tiny-api"]), {"lang": "ko"}).content.decode()
    assert f'href="{DIAGRAM}?lang=ko"' in page
    assert 'class="diagram-scroll" tabindex="0" role="region"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "label"), [("en", "Browser"), ("ko", "브라우저")])
def test_the_full_size_diagram_is_an_svg_file_in_the_chosen_language(client, language, label):
    response = client.get(DIAGRAM, {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert body.startswith("<svg") and label in body and "<script" not in body


@pytest.mark.django_db
def test_an_unknown_case_or_language_gets_no_diagram(client):
    assert client.get(reverse("topics:case-diagram", args=["nope"])).status_code == 404
    assert client.get(DIAGRAM, {"lang": "fr"}).status_code == 400
