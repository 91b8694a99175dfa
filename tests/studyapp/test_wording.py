"""One word for one thing in Korean across the apps, and no English left on a Korean page.

The apps were written in parallel: "mock exam" became 모의고사 in most of them and 모의시험 in the study
plan, "class" 반 in the classes pages and 수업 on the delete-account page."""

import gettext
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

TERMS = {
    # English word in a msgid -> the Korean every translation of it uses, and the variants it must not.
    "mock exam": ("모의고사", ["모의시험"]),
    "class": ("반", ["수업", "수강생", "클래스"]),
}


def korean_catalogue() -> dict[str, str]:
    """Our own Korean strings (not Django's or allauth's), plural forms included."""
    catalogue = gettext.translation("django", localedir=ROOT / "locale", languages=["ko"])._catalog
    return {key if isinstance(key, str) else key[0]: value for key, value in catalogue.items() if key}


@pytest.mark.parametrize("term", TERMS)
def test_every_korean_string_names_a_thing_by_the_same_word(term):
    word, variants = TERMS[term]
    found = {}
    for msgid, msgstr in korean_catalogue().items():
        if re.search(rf"\b{term}(es|s)?\b", msgid, re.IGNORECASE) and any(
            variant in msgstr for variant in variants
        ):
            found[msgid] = msgstr
    assert not found, f"{term!r} should read {word!r} in Korean: {found}"


def test_a_korean_authoring_form_has_no_english_blank_choice(client, instructor):
    # Django 6.1 labels a model field's blank choice "- Select an option -"; its own Korean catalogue
    # has no translation yet, so ours carries one.
    client.force_login(instructor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    html = client.get(reverse("authoring:question-new")).content.decode()
    assert 'lang="ko"' in html
    assert "Select an option" not in html
    assert "- 선택하세요 -" in html


def test_korean_keeps_과제_설명_for_task_statements_and_says_숙제_for_a_class_assignment():
    # AWS's Korean exam guides call a task statement 과제 설명; a class's assignment said 과제 too, so
    # "과제" alone could mean either.
    catalogue = korean_catalogue()
    bare = {msgid: msgstr for msgid, msgstr in catalogue.items() if re.search(r"과제(?! 설명)", msgstr)}
    assert not bare, f"과제 without 설명: {bare}"
    for msgid, msgstr in catalogue.items():
        if re.search(r"\bassignments?\b", msgid, re.IGNORECASE):
            assert "숙제" in msgstr, (msgid, msgstr)
        if re.search(r"\btask statements?\b", msgid, re.IGNORECASE):
            assert "과제 설명" in msgstr, (msgid, msgstr)
    templates = [
        path for path in (ROOT / "templates").rglob("*.html") if re.search(r"과제(?! 설명)", path.read_text())
    ]
    assert not templates
