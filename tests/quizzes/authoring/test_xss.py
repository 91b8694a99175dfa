"""Markdown and HTML attacks in every field an instructor or a learner writes come out inert on every page
that shows them: no script runs, no event handler, no javascript: link, no frame."""

import random
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from quizzes.authoring.drafts import Draft
from quizzes.authoring.services import Links, save_question
from quizzes.models import ProblemReport
from quizzes.services import Scope, answer_practice_item, start_practice
from tests.quizzes.authoring.conftest import form_data

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '"><svg onload=alert(1)><iframe src="javascript:alert(1)"></iframe>',
    "<div onmouseover=alert(1)>hover</div>",
    "[ok](JaVaScRiPt:alert(1))",
    '<object data="javascript:alert(1)"></object><embed src=x>',
]
EVIL = " ".join(PAYLOADS)


class Inspector(HTMLParser):
    """Collects what would run: inline scripts, on* attributes, javascript: URLs, frames and plugins."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and not dict(attrs).get("src"):
            self.found.append("inline <script>")
        if tag in ("iframe", "object", "embed", "svg"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            url = "".join((value or "").split()).lower()
            if name in ("href", "src", "action", "data", "formaction") and url.startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def assert_inert(html: str, where: str, shown: str = "Stem"):
    inspector = Inspector()
    inspector.feed(html)
    assert inspector.found == [], f"{where}: {inspector.found}"
    assert shown in html, f"{where} does not show the question at all"


def evil_choice(n: int) -> dict:
    return {
        "id": "",
        "text_en": f"Choice {n} {EVIL}",
        "text_ko": f"선택지 {n} {EVIL}",
        "correct": n == 1,
        "why_en": f"Why {n} {EVIL}",
        "why_ko": f"이유 {n} {EVIL}",
    }


def evil_draft() -> Draft:
    return Draft(
        kind="single",
        choose=1,
        stem_en="Stem " + EVIL,
        stem_ko="문제 " + EVIL,
        explanation_en="Explanation " + EVIL,
        explanation_ko="해설 " + EVIL,
        choices=[evil_choice(n) for n in range(1, 5)],
        sources=["https://docs.aws.amazon.com/"],
    )


def test_every_authored_field_is_inert_on_every_page(client, instructor, learner):
    question = save_question(
        question=None, draft=evil_draft(), links=Links(tags=[EVIL]), status="published", author=instructor,
        note=EVIL[:200],
    )  # fmt: skip
    # A second version, so the history diffs the payloads too.
    second = evil_draft()
    second.stem_en += " (edited)"
    question = save_question(question=question, draft=second, links=Links(tags=[EVIL]), status="published",
                             author=instructor, note=EVIL[:200])  # fmt: skip
    quiz = start_practice(user=learner, scope=Scope.of_questions([question.pk], "One", "하나"), size=1,
                          rng=random.Random(1))  # fmt: skip
    ProblemReport.objects.create(user=learner, question=question, version=question.current_version,
                                 kind="unclear", message=EVIL, language="en")  # fmt: skip

    client.force_login(learner)
    for language in ("en", "ko"):
        item_url = reverse("quizzes:practice-item", args=[quiz.code, 1]) + f"?lang={language}"
        shown = "Stem" if language == "en" else "문제"
        assert_inert(client.get(item_url).content.decode(), f"practice item, unanswered, {language}", shown)
    version = question.current_version
    answer_practice_item(user=learner, code=quiz.code, position=1, selected=[version.choices[0]["id"]])
    for language in ("en", "ko"):
        item_url = reverse("quizzes:practice-item", args=[quiz.code, 1]) + f"?lang={language}"
        shown = "Why 1" if language == "en" else "이유 1"
        assert_inert(client.get(item_url).content.decode(), f"practice item, answered, {language}", shown)
    assert_inert(
        client.get(reverse("quizzes:practice-summary", args=[quiz.code])).content.decode(), "summary"
    )
    report_page = client.get(reverse("quizzes:report-problem", args=[question.code])).content.decode()
    assert_inert(report_page, "report page")

    from reviews.services import answer_new

    result = answer_new(user=learner, question=question, selected=[version.choices[0]["id"]])
    assert_inert(client.get(reverse("reviews:reviewed", args=[result.log.code])).content.decode(), "review")

    client.force_login(instructor)
    pages = {
        "question list": reverse("authoring:questions"),
        "question list, searched": reverse("authoring:questions") + "?q=alert",
        "editor": reverse("authoring:question-edit", args=[question.code]),
        "learner preview": reverse("authoring:question-preview", args=[question.code]),
        "history": reverse("authoring:question-history", args=[question.code]),
        "report queue": reverse("authoring:reports"),
    }
    for where, url in pages.items():
        assert_inert(client.get(url).content.decode(), where)
    live = client.post(
        reverse("authoring:question-edit", args=[question.code]),
        form_data(evil_draft(), action="preview"),
        HTTP_HX_REQUEST="true",
    )
    assert_inert(live.content.decode(), "live preview")
    report = ProblemReport.objects.get()
    client.post(reverse("authoring:report-resolve", args=[report.code]), {f"{report.code}-resolution": EVIL})
    assert_inert(
        client.get(reverse("authoring:reports") + "?state=resolved").content.decode(), "resolved reports"
    )


def test_names_and_texts_in_an_imported_file_are_inert_in_the_preview(client, instructor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    gift = "::<img src\\=x onerror\\=alert(1)>:: [html]<script>alert(1)</script>Which? {=<b onclick\\=alert(1)>A</b> ~B}"
    client.force_login(instructor)
    upload = SimpleUploadedFile("evil.gift", gift.encode(), content_type="text/plain")
    response = client.post(reverse("authoring:import"), {"file": upload, "language": "en"})
    assert response.status_code == 200
    assert_inert(response.content.decode(), "import preview", "Which?")


def test_the_inspector_catches_each_payload_when_it_is_not_neutralised():
    for payload in PAYLOADS:
        if payload.startswith("[") or payload.startswith("<div"):
            continue  # Markdown links and plain tags only turn dangerous once rendered: covered below
        with pytest.raises(AssertionError):
            assert_inert(f"<p>Stem {payload}</p>", "raw")
    with pytest.raises(AssertionError):
        assert_inert('<p>Stem <a href=" javascript:alert(1)">x</a></p>', "raw link")
    with pytest.raises(AssertionError):
        assert_inert("<p>Stem <div onmouseover=alert(1)>x</div></p>", "raw handler")
