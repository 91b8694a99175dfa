"""A missing translation shows the other language with a visible marker, never an empty space."""

from django.template import Context, Template
from django.utils import translation


def render(template: str, **context) -> str:
    return Template("{% load content %}" + template).render(Context(context))


def test_a_missing_korean_text_shows_english_marked():
    with translation.override("ko"):
        html = render(
            '{% tr obj "title" %}',
            obj={"title_en": "Placement groups", "title_ko": ""},
            content_language="ko",
        )
    assert 'lang="en"' in html and "Placement groups" in html
    assert 'class="fallback"' in html and "아직 번역되지 않아 영어로 표시합니다." in html


def test_a_missing_english_html_shows_korean_marked():
    with translation.override("en"):  # an English page, whatever language an earlier test left active
        html = render(
            '{% tr obj "html" html=True %}',
            obj={"html_en": "", "html_ko": "<p>본문</p>"},
            content_language="en",
        )
    assert html.startswith('<div class="fallback" lang="ko"') and "<p>본문</p>" in html
    assert "Not yet translated; shown in Korean." in html


def test_a_present_text_is_shown_plainly_and_escaped():
    html = render(
        '{% tr obj "title" %}', obj={"title_en": "<b>x</b>", "title_ko": "x"}, content_language="en"
    )
    assert html == "&lt;b&gt;x&lt;/b&gt;"
