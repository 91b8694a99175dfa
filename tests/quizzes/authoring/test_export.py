"""Exporting the bank: GIFT, Moodle XML (either or both languages) and content YAML, each of which
reads back to the same questions."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from quizzes.authoring.services import Links
from quizzes.authoring.transfer import export_questions, import_file
from quizzes.models import Question
from tests.conftest import FIXTURE_CONTENT
from tests.quizzes.authoring.conftest import choices
from topics.content import read_curriculum

pytestmark = pytest.mark.django_db
EXPORT = reverse("authoring:export")


@pytest.fixture
def written(write_question):
    """Three questions with Markdown, escapes and both kinds, tagged so they export on their own."""
    tags = Links(tags=["round trip"])
    return [
        write_question(links=tags),
        write_question(
            links=tags,
            stem_en="Pick **two**: which keep data\n\n- across AZs\n- with `{braces}` = #hash ~tilde",
            stem_ko="두 가지를 고르시오: \\ 백슬래시와 <b>태그</b>",
            kind="multiple",
            choose=2,
            choices=choices(
                ("S3", "S3", True),
                ("EFS", "EFS", True),
                ("EBS", "EBS", False),
                ("Instance store", "인스턴스 스토어", False),
            ),
        ),
        write_question(links=tags, explanation_en="", explanation_ko="", status="published"),
    ]


def content_of(question) -> tuple:
    question.refresh_from_db()
    v = question.current_version
    return (
        question.kind, question.choose, v.stem_en, v.stem_ko, v.explanation_en, v.explanation_ko,
        [(c["text_en"], c["text_ko"], c["correct"], c["why_en"], c["why_ko"]) for c in v.choices],
    )  # fmt: skip


@pytest.mark.parametrize(("fmt", "language"), [("gift", "both"), ("xml", "both")])
def test_an_export_in_both_languages_imports_back_to_the_same_questions(written, instructor, fmt, language):
    chosen = Question.objects.filter(tags__icontains="round trip")
    name, _type, text = export_questions(chosen, fmt=fmt, language=language)
    data = text.encode()
    # Into the same bank: every question is recognised by its key, nothing changes.
    same = import_file(data=data, filename=name, language="en", author=instructor, dry_run=False)
    assert (same["created"], same["updated"], same["errors"]) == (0, 0, [])
    assert len(same["skipped"]) == 3 and all("unchanged" in s["reason"] for s in same["skipped"])
    # Into a bank without them: the same questions again.
    before = {q.key: content_of(q) for q in written}
    Question.objects.filter(pk__in=[q.pk for q in written]).delete()
    fresh = import_file(data=data, filename=name, language="en", author=instructor, dry_run=False)
    assert (fresh["created"], fresh["errors"]) == (3, [])
    after = {q.key: content_of(q) for q in Question.objects.filter(key__in=before)}
    assert after == before
    assert all(q.tags == ["round trip"] for q in Question.objects.filter(key__in=before))


def test_a_one_language_export_updates_only_that_language(written, instructor):
    question = written[0]
    name, _type, text = export_questions(Question.objects.filter(pk=question.pk), fmt="xml", language="ko")
    assert "객체" not in text and "저렴한" in text and "cheapest" not in text
    report = import_file(data=text.encode(), filename=name, language="ko", author=instructor, dry_run=False)
    assert (report["created"], report["updated"]) == (0, 0)  # unchanged: English kept, Korean the same
    edited = text.replace("저렴한", "값싼")
    report = import_file(data=edited.encode(), filename=name, language="ko", author=instructor, dry_run=False)
    assert report["updated"] == 1
    question.refresh_from_db()
    assert "값싼" in question.current_version.stem_ko and "cheapest" in question.current_version.stem_en


def test_content_yaml_of_authored_questions_loads_back_as_the_same_content(tmp_path):
    original = read_curriculum(FIXTURE_CONTENT)
    chosen = Question.objects.filter(key__startswith="authored:")
    name, _type, text = export_questions(chosen, fmt="yaml", language="both")
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    (folder / "questions" / "sample.yaml").unlink()
    (folder / "questions" / name).write_text(text, encoding="utf-8")
    again = read_curriculum(folder)  # raises with file:line messages if anything is wrong

    def shape(q):  # all but `facts`, which the bank does not keep for written questions
        return (q.tasks, q.topic, sorted(q.services), q.qualifier, q.kind, q.choose, q.stem,
                sorted((c.text.en, c.text.ko, c.correct, c.why.en, c.why.ko) for c in q.choices), [s.url for s in q.sources])  # fmt: skip

    assert {k: shape(q) for k, q in again.questions.items()} == {
        k: shape(q) for k, q in original.questions.items()
    }


def test_the_export_page_downloads_the_filtered_questions(
    client, instructor, written, django_assert_max_num_queries
):
    client.force_login(instructor)
    page = client.get(EXPORT, {"q": "round trip"})
    assert page.status_code == 200 and "3 questions match now." in page.content.decode()
    with django_assert_max_num_queries(10):
        response = client.get(
            EXPORT, {"q": "round trip", "status": "published", "format": "gift", "language": "en"}
        )
    assert response["Content-Disposition"] == 'attachment; filename="questions-en.gift.txt"'
    text = response.content.decode()
    assert (
        text.count("::") == 2 and written[2].key.replace(":", "\\:") in text
    )  # one question: the published one
    bad = client.get(EXPORT, {"format": "pdf", "language": "en"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()


def test_the_command_imports_an_export_file(tmp_path, written):
    name, _type, text = export_questions(
        Question.objects.filter(pk=written[1].pk), fmt="gift", language="both"
    )
    Question.objects.filter(pk=written[1].pk).delete()
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_questions", str(path), stdout=out)
    assert "Created 1 and updated 0 question(s); 0 skipped." in out.getvalue()
    assert Question.objects.get(key=written[1].key).current_version.stem_ko.startswith("두 가지를 고르시오")
