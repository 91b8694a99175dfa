"""Importing Moodle files: Moodle's own fixtures, malformed files refused whole, the upload page's preview."""

import contextlib
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quizzes.models import Question, QuestionVersion

pytestmark = pytest.mark.django_db
MOODLE = Path(os.environ.get("MOODLE_FIXTURES", "/work/shared/external/moodle"))
needs_fixtures = pytest.mark.skipif(not MOODLE.is_dir(), reason=f"Moodle's fixtures are not at {MOODLE}")
IMPORT = reverse("authoring:import")


def run(path, *options):
    out = StringIO()
    with contextlib.suppress(CommandError):  # an error still prints its JSON first
        call_command("import_questions", str(path), "--json", *options, stdout=out)
    return json.loads(out.getvalue())


def imported():
    return Question.objects.filter(origin="imported")


# (file, created, skipped, error) as Moodle's tests expect: every choice question imported, every other
# type listed as skipped; the windows-1252 file and the invalid grade refused whole.
FIXTURES = [
    ("gift/questions.gift.txt", 5, 4, None),
    ("gift/questions_in_category.gift.txt", 2, 2, None),
    ("gift/examples.txt", 23, 20, None),
    ("gift/questions_encoding_windows-1252.gift.txt", 0, 0, "is not UTF-8 text (byte 340 cannot be read)"),
    ("xml/multichoice.xml", 1, 0, None),
    ("xml/truefalse.xml", 2, 0, None),
    ("xml/category_with_description.xml", 1, 0, None),
    ("xml/nested_categories.xml", 1, 0, None),
    ("xml/nested_categories_with_questions.xml", 4, 1, None),
    ("xml/old_format_file.xml", 2, 0, None),
    ("xml/categories_reverse_order.xml", 0, 2, None),
    ("xml/export_category.xml", 1, 0, None),
    ("xml/html_chars_in_idnumbers.xml", 1, 0, None),
    ("xml/multianswer.xml", 0, 1, None),
    ("xml/sample_questions_with_old_image_tag.xml", 1, 1, None),
    ("xml/broken_cloze_questions.xml", 0, 5, None),
    (
        "xml/error_invalid_grades.xml",
        0,
        0,
        "question 'Question with invalid grades : x > 1 & x < 2' on line 4: invalid grade 0.33",
    ),
]


@needs_fixtures
@pytest.mark.parametrize(("name", "created", "skipped", "error"), FIXTURES, ids=[f[0] for f in FIXTURES])
def test_moodle_fixture_imports_as_moodle_expects(name, created, skipped, error):
    report = run(MOODLE / name)
    assert (report["created"], report["updated"], len(report["skipped"])) == (created, 0, skipped)
    assert all(s["name"] and s["line"] > 0 and s["reason"] for s in report["skipped"])
    if error:
        assert len(report["errors"]) == 1 and error in report["errors"][0]
    else:
        assert report["errors"] == []
    assert imported().count() == created


@needs_fixtures
def test_gift_questions_arrive_as_drafts_with_keys_feedback_weights_and_categories():
    run(MOODLE / "gift" / "questions.gift.txt")
    q2 = Question.objects.get(key="import:Q2")
    assert (q2.status, q2.origin, q2.kind, q2.app_owned) == ("draft", "imported", "single", True)
    version = q2.current_version
    assert [(c["text_en"], c["correct"], c["why_en"]) for c in version.choices] == [
        ("yellow", True, "right; good!"),
        ("red", False, "wrong, it's yellow"),
        ("blue", False, "wrong, it's yellow"),
    ]
    assert version.stem_ko == "" and version.note == "Imported from questions.gift.txt (line 14)"
    colours = Question.objects.get(key="import:colours")
    assert (colours.kind, colours.choose) == ("multiple", 2)
    assert [c["correct"] for c in colours.current_version.choices] == [True, False, True, False]
    truth = Question.objects.get(key="import:Q1")
    choices = truth.current_version.choices
    assert [(c["text_en"], c["text_ko"], c["correct"]) for c in choices] == [
        ("True", "참", False),
        ("False", "거짓", True),
    ]
    assert truth.current_version.explanation_en.startswith("This is, of course")
    # The two blocks named "2-08 TSL" are two questions, as in Moodle.
    assert Question.objects.filter(key__in=["import:2-08 TSL", "import:2-08 TSL (2)"]).count() == 2
    run(MOODLE / "gift" / "questions_in_category.gift.txt")
    greeting = Question.objects.get(key="import:Default for New Features/Greeting")
    assert greeting.tags == ["Default for New Features"]


@needs_fixtures
def test_importing_the_same_file_again_changes_nothing():
    run(MOODLE / "gift" / "questions.gift.txt")
    versions = QuestionVersion.objects.count()
    again = run(MOODLE / "gift" / "questions.gift.txt")
    assert (again["created"], again["updated"]) == (0, 0) and len(again["skipped"]) == 9
    assert sum("unchanged" in s["reason"] for s in again["skipped"]) == 5
    assert QuestionVersion.objects.count() == versions


@needs_fixtures
def test_a_dry_run_saves_nothing_and_says_what_would_happen():
    out = StringIO()
    call_command("import_questions", str(MOODLE / "xml" / "truefalse.xml"), "--dry-run", stdout=out)
    assert "Would create 2 and would update 0 question(s); 0 skipped." in out.getvalue()
    assert not imported().exists()


GOOD = "::First:: Which is object storage? {=S3 ~EBS ~EFS}\n\n"
MALFORMED = [
    (
        "truncated.gift",
        GOOD + "::Cut:: Which is a database? {=RDS ~S3",
        "'Cut' on line 3: no answer block in braces",
    ),
    ("braces.gift", GOOD + "::Braces:: Pick {=a ~b} ~c}", "'Braces' on line 3: unbalanced braces"),
    ("nokey.gift", GOOD + "::Nokey:: Pick one {~a ~b ~c}", "'Nokey' on line 3: no answer is marked correct"),
    (
        "truncated.xml",
        '<?xml version="1.0"?>\n<quiz>\n<question type="multichoice"><name><text>Cut</text></name>',
        "not well-formed XML: no element found (line 3",
    ),
    ("empty.gift", "// only a comment\n", "has no questions in it"),
]


@pytest.mark.parametrize(("filename", "text", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_imported(tmp_path, filename, text, message):
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    report = run(path)
    assert report["created"] == 0 and len(report["errors"]) == 1 and message in report["errors"][0]
    assert not imported().exists()  # the good first question is not imported either


def test_a_file_in_another_encoding_is_refused(tmp_path):
    path = tmp_path / "korean.gift"
    path.write_bytes("::한국어:: 객체 스토리지는? {=S3 ~EBS}".encode("euc-kr"))
    report = run(path)
    assert "korean.gift is not UTF-8 text (byte 3 cannot be read)" in report["errors"][0]
    assert not imported().exists()


def test_the_command_exits_with_an_error_and_a_readable_message(tmp_path):
    path = tmp_path / "nokey.gift"
    path.write_text("::Nokey:: Pick one {~a ~b}", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported: question 'Nokey' on line 1"):
        call_command("import_questions", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_questions", str(tmp_path / "missing.gift"), stdout=StringIO())


def test_a_korean_file_fills_the_korean_side_and_a_later_english_file_keeps_it(tmp_path):
    korean = tmp_path / "ko.gift"
    korean.write_text("::Storage:: 객체 스토리지는? {=S3#맞다 ~EBS#블록 스토리지다}", encoding="utf-8")
    assert run(korean, "--language", "ko")["created"] == 1
    english = tmp_path / "en.gift"
    english.write_text(
        "::Storage:: Which is object storage? {=S3#Right ~EBS#Block storage}", encoding="utf-8"
    )
    assert run(english)["updated"] == 1
    version = Question.objects.get(key="import:Storage").current_version
    assert (version.number, version.stem_en, version.stem_ko) == (
        2,
        "Which is object storage?",
        "객체 스토리지는?",
    )
    assert [(c["text_en"], c["text_ko"], c["why_ko"]) for c in version.choices] == [
        ("S3", "S3", "맞다"),
        ("EBS", "EBS", "블록 스토리지다"),
    ]


def test_an_update_that_would_break_a_published_question_is_refused(tmp_path, instructor):
    korean, english = tmp_path / "ko.gift", tmp_path / "en.gift"
    korean.write_text("::Storage:: 객체 스토리지는? {=S3 ~EBS}", encoding="utf-8")
    english.write_text("::Storage:: Which is object storage? {=S3 ~EBS}", encoding="utf-8")
    run(korean, "--language", "ko"), run(english)
    Question.objects.filter(key="import:Storage").update(status="published")
    # A third choice in English only would leave it without Korean for that choice.
    english.write_text("::Storage:: Which is object storage? {=S3 ~EBS ~EFS}", encoding="utf-8")
    report = run(english)
    assert report["errors"] == [
        "question 'Storage' on line 1: it would change the published question import:Storage into one that "
        "cannot be published (Choice 1 has no text in Korean.)"
    ]
    assert Question.objects.get(key="import:Storage").current_version.number == 2


# ------------------------------------------------------------------------------------------ the upload page


@needs_fixtures
def test_the_upload_page_previews_then_imports_on_confirmation(client, instructor):
    client.force_login(instructor)
    data = (MOODLE / "gift" / "questions.gift.txt").read_bytes()
    upload = SimpleUploadedFile("questions.gift.txt", data, content_type="text/plain")
    preview = client.post(IMPORT, {"file": upload, "language": "en"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Preview of questions.gift.txt" in page
    assert (
        "5 questions to save" in page and "4 skipped" in page and "an essay question has no choices" in page
    )
    assert not imported().exists()  # nothing saved by the preview
    content = preview.context["form"]["content"].value()
    done = client.post(
        IMPORT, {"content": content, "filename": "questions.gift.txt", "language": "en", "confirm": "1"}
    )
    assert done.status_code == 302 and imported().count() == 5
    listing = client.get(done["Location"]).content.decode()
    assert "Imported questions.gift.txt: 5 created, 0 updated, 4 skipped." in listing
    assert imported().first().current_version.author == instructor


@needs_fixtures
def test_the_upload_page_shows_why_a_file_is_refused(client, instructor):
    client.force_login(instructor)
    data = (MOODLE / "gift" / "questions_encoding_windows-1252.gift.txt").read_bytes()
    upload = SimpleUploadedFile("old.txt", data, content_type="text/plain")
    response = client.post(IMPORT, {"file": upload, "language": "en"})
    assert response.status_code == 400
    assert "Nothing was imported: old.txt is not UTF-8 text" in response.content.decode()
    assert client.post(IMPORT, {"language": "en"}).status_code == 400  # no file at all
    assert not imported().exists()
