"""Markdown is rendered once, sanitised, with Korean-friendly anchors, fact citations and glossary links."""

import re

import pytest

from tests.conftest import FIXTURE_CONTENT
from topics.content import read_curriculum
from topics.diagrams import PALETTE, hide_node, render_svg
from topics.markdown import GlossaryLink, render, render_text

HOSTILE = """
## Hello

<script>alert('owned')</script>
<img src="x.png" onerror="alert(1)">
<a href="#" onclick="steal()">click</a>
[a link](javascript:alert(document.cookie))
[data](data:text/html;base64,PHNjcmlwdD4=)
<iframe src="https://evil.example.com"></iframe>
<p style="position:fixed">overlay</p>
"""


def test_hostile_markdown_is_neutralised():
    html = render(HOSTILE).html
    assert "<script" not in html and "alert('owned')" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html and "data:text/html" not in html
    assert "<iframe" not in html and "style=" not in html
    assert ">a link</a>" in html  # the text survives, the dangerous href does not


def test_korean_headings_keep_their_letters_in_anchors():
    rendered = render("## 배치 그룹 개요\n\n본문\n\n## Spread placement\n\n본문")
    assert 'id="h-배치-그룹-개요"' in rendered.html
    assert 'href="#h-배치-그룹-개요"' in rendered.toc
    assert 'id="h-spread-placement"' in rendered.html


def test_a_stray_top_level_heading_becomes_h2_because_the_page_owns_the_h1():
    assert "<h1" not in render("# Title\n\ntext").html


def test_fact_citations_link_to_the_fact_box():
    html = render("Fifteen minutes [[LAM-01]].").html
    assert '<a class="fact-ref" href="#fact-LAM-01"' in html


COMPARISON = "| | SQS | SNS |\n| --- | --- | --- |\n| Delivery | pull | push |\n"


@pytest.mark.parametrize(
    "renderer", [lambda text: render(text).html, render_text], ids=["note", "short text"]
)
def test_the_empty_corner_of_a_comparison_table_is_not_an_unnamed_column_header(renderer):
    html = renderer(COMPARISON)
    assert re.findall(r"<t[hd][^>]*>[^<]*</t[hd]>", html)[:4] == [
        "<td></td>", "<th>SQS</th>", "<th>SNS</th>", "<td>Delivery</td>"
    ]  # fmt: skip
    assert "<th></th>" not in html


def test_glossary_terms_link_once_and_not_inside_code_or_headings():
    links = [GlossaryLink("배치 그룹", "/glossary/#placement-group", "EC2 배치 방식")]
    html = render(
        "## 배치 그룹\n\n`배치 그룹` 설정. 클러스터 배치 그룹은 빠르다. 배치 그룹은 또 나온다.",
        glossary=links,
    ).html
    assert html.count('class="gloss"') == 1
    assert '<a class="gloss" href="/glossary/#placement-group" title="EC2 배치 방식"' in html
    assert "<code>배치 그룹</code>" in html
    assert re.search(r"<h2[^>]*>배치 그룹</h2>", html)


@pytest.fixture(scope="module")
def tiny_case():
    return read_curriculum(FIXTURE_CONTENT).cases["tiny-api"]


def test_diagrams_are_svg_without_scripts_or_style_attributes(tiny_case):
    svg = render_svg(tiny_case.diagram, "ko", {"lambda": "compute"}, "작은 서버리스 API")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<script" not in svg and "style=" not in svg
    assert "브라우저" in svg and 'id="node-fn"' in svg


def test_the_missing_box_hides_only_that_label(tiny_case):
    svg = render_svg(tiny_case.diagram, "en", {"lambda": "compute"}, "A tiny serverless API")
    hidden = hide_node(svg, "fn")
    assert "AWS Lambda" in svg and "AWS Lambda" not in hidden
    assert "Amazon API Gateway" in hidden
    assert '<g class="node hidden-box">' in hidden and ">?</text>" in hidden


def test_nothing_of_the_hidden_box_gives_its_service_away(tiny_case):
    """Not its id, its category class, its category colours, its label: view-source shows a plain '?'."""
    svg = render_svg(tiny_case.diagram, "en", {"lambda": "compute"}, "A tiny serverless API")
    hidden = hide_node(svg, "fn")
    compute_fill, compute_stroke = PALETTE["compute"]
    assert 'id="node-fn"' in svg and compute_fill in svg  # it was there before hiding
    for leak in ('id="node-fn"', "cat-compute", compute_fill, compute_stroke, "Lambda", "<title>fn"):
        assert leak not in hidden, leak


def test_a_short_text_cannot_take_an_id_the_page_uses():
    """An instructor's or an imported stem with `<div id="answer-form">` would hijack the page's htmx
    target (and ids shadow globals: DOM clobbering); notes keep their heading anchors."""
    html = render_text(
        'Which one? <div id="answer-form" class="note">x</div> <span id="request-problem">y</span>'
    )
    assert "id=" not in html
    assert 'class="note"' in html
    assert 'id="h-time-limit"' in render("## Time limit\n\nText.").html
