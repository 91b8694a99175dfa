"""GIFT and Moodle XML readers against Moodle's own fixture files, with expectations from Moodle's tests
(/work/shared/external/moodle/README.md), plus malformed files that must be refused whole."""

import os
from pathlib import Path

import pytest

from quizzes.formats import gift, moodle_xml
from quizzes.formats.parsed import ImportFailed

MOODLE = Path(os.environ.get("MOODLE_FIXTURES", "/work/shared/external/moodle"))
needs_fixtures = pytest.mark.skipif(not MOODLE.is_dir(), reason=f"Moodle's fixtures are not at {MOODLE}")


def read_gift(name):
    return gift.parse(gift.decode((MOODLE / "gift" / name).read_bytes()))


def read_xml(name):
    return moodle_xml.parse(gift.decode((MOODLE / "xml" / name).read_bytes()))


def summary(question):
    return (
        question.qtype,
        question.name,
        [(c.text.value, c.fraction, c.feedback.value) for c in question.choices],
    )


@needs_fixtures
def test_gift_questions_file_reads_all_nine_blocks_and_keeps_the_choice_questions():
    parsed = read_gift("questions.gift.txt")
    assert len(parsed.questions) + len(parsed.skipped) == 9  # Moodle: "Importing 9 questions"
    assert [(s.name, s.line) for s in parsed.skipped] == [
        ("Q8", 2),
        ("Moodle activities", 5),
        ("Q5", 31),
        ("Shortanswer", 34),
    ]
    assert "essay" in parsed.skipped[0].reason and "matching" in parsed.skipped[1].reason
    q2, colours, q1, tsl, tsl2 = parsed.questions
    assert summary(q2) == (
        "multichoice", "Q2",
        [("yellow", 1.0, "right; good!"), ("red", 0.0, "wrong, it's yellow"), ("blue", 0.0, "wrong, it's yellow")],
    )  # fmt: skip
    assert q2.single and q2.choices[1].feedback.format == "html" and q2.choices[2].text.format == "plain"
    assert not colours.single and [c.fraction for c in colours.choices] == [0.5, -1.0, 0.5, -1.0]
    # "FALSE#wrong-answer feedback#right-answer feedback####general feedback"; the stray '";' after the
    # braces makes Moodle read it as a missing-word question.
    assert q1.qtype == "truefalse" and [(c.text.value, c.fraction) for c in q1.choices] == [
        ("True", 0.0),
        ("False", 1.0),
    ]
    assert q1.choices[0].feedback.value == "42 is the Ultimate Answer."
    assert q1.choices[1].feedback.value == "You gave the right answer."
    assert q1.general_feedback.value == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert q1.text.value == '42 is the Absolute Answer to everything._____";'
    assert (tsl.name, tsl.choices[0].fraction) == ("2-08 TSL", 1.0) and summary(tsl) == summary(tsl2)


@needs_fixtures
def test_gift_category_file_imports_four_questions_in_their_category_with_escapes_undone():
    parsed = read_gift("questions_in_category.gift.txt")
    assert len(parsed.questions) + len(parsed.skipped) == 4  # Moodle: "Importing 4 questions"
    greeting = next(q for q in parsed.questions if q.name == "Greeting")
    assert greeting.category == "$course$/Default for New Features"
    assert greeting.text.format == "html"
    assert greeting.text.value.startswith(
        '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen'
    )
    assert [c.fraction for c in greeting.choices] == [0.0, 1.0, 0.0, 0.0]
    acronym = next(q for q in parsed.questions if q.name == "Moodle acronym")
    assert 'style="font-style: italic;"' in acronym.text.value and acronym.choices[0].fraction == 1.0


@needs_fixtures
def test_a_gift_file_that_is_not_utf8_is_refused():
    data = (MOODLE / "gift" / "questions_encoding_windows-1252.gift.txt").read_bytes()
    with pytest.raises(ImportFailed, match="not UTF-8"):
        gift.decode(data)


@needs_fixtures
def test_gift_examples_read_without_error_and_every_escape_is_undone():
    parsed = read_gift("examples.txt")
    assert len(parsed.questions) == 23 and len(parsed.skipped) == 20
    control = next(q for q in parsed.questions if q.name == "GIFT Control Characters")
    assert [c.text.value for c in control.choices] == ["~", "=", "#", "{", "}", "\\"]
    assert control.choices[-1].fraction == 1.0
    equals = next(q for q in parsed.questions if q.name == "Which answer equals 5?")
    assert [c.text.value for c in equals.choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]


@needs_fixtures
@pytest.mark.parametrize(
    ("name", "questions", "skipped"),
    [
        ("multichoice.xml", 1, 0),
        ("truefalse.xml", 2, 0),
        ("category_with_description.xml", 1, 0),
        ("nested_categories.xml", 1, 0),
        ("nested_categories_with_questions.xml", 4, 1),
        ("old_format_file.xml", 2, 0),
        ("categories_reverse_order.xml", 0, 2),
        ("multianswer.xml", 0, 1),
        ("sample_questions_with_old_image_tag.xml", 1, 1),
        ("broken_cloze_questions.xml", 0, 5),
    ],
)
def test_moodle_xml_fixtures_import_their_choice_questions_and_skip_the_rest(name, questions, skipped):
    parsed = read_xml(name)
    assert (len(parsed.questions), len(parsed.skipped)) == (questions, skipped)
    assert all(s.reason and s.line > 0 for s in parsed.skipped)


@needs_fixtures
def test_moodle_xml_multichoice_and_truefalse_keep_their_keys_feedback_and_category():
    greeting = read_xml("multichoice.xml").questions[0]
    assert greeting.name == "Greeting" and greeting.single
    assert greeting.category == "$course$/Default for testhead/Multichoice"
    assert [c.fraction for c in greeting.choices] == [0.0, 1.0, 0.0, 0.0]
    false, true = read_xml("truefalse.xml").questions
    assert (false.name, [c.fraction for c in false.choices]) == ("Moodle acronym (False)", [0.0, 1.0])
    assert (true.name, [c.fraction for c in true.choices]) == ("Moodle acronym (True)", [1.0, 0.0])
    zeta = read_xml("nested_categories.xml").questions[0]
    assert zeta.category == "$course$/Delta/Epsilon/Zeta"
    by_name = {q.name: q.category for q in read_xml("nested_categories_with_questions.xml").questions}
    assert by_name["Lambda Question"] == "$course$/Iota/Kappa/Lambda"


@needs_fixtures
def test_moodle_xml_with_an_invalid_grade_is_refused_naming_the_question():
    with pytest.raises(ImportFailed) as refused:
        read_xml("error_invalid_grades.xml")
    message = str(refused.value)
    assert "invalid grade 0.33" in message
    assert "Question with invalid grades : x > 1 & x < 2" in message  # the name without its HTML
    assert "line 4" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("::Q:: What? {=a ~b ~c", "no answer block in braces"),
        ("::Q:: What? {=a ~b} ~c}", "unbalanced braces"),
        ("::Q:: What? {~a ~b ~c}", "no answer is marked correct"),
        ("::Q:: What? {~%33%a ~%67%b ~c}", "33% is not a grade"),
    ],
)
def test_malformed_gift_is_refused_with_the_question_and_line(text, message):
    with pytest.raises(ImportFailed, match=message) as refused:
        gift.parse("// a comment\n\n" + text)
    assert "'Q' on line 3" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<?xml version="1.0"?><quiz><question type="multichoice"><name><text>Q</text>', "not well-formed"),
        ('<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "b">]><quiz/>', "DOCTYPE"),
        ("<?xml version='1.0'?><questions/>", "not Moodle XML"),
    ],
)
def test_malformed_moodle_xml_is_refused(text, message):
    with pytest.raises(ImportFailed, match=message):
        moodle_xml.parse(text)


def test_gift_and_xml_written_by_us_read_back_to_the_same_questions():
    source = gift.parse(
        "$CATEGORY: $course$/AWS/S3\n\n"
        "::Lifecycle::[markdown]Which class for **rare** access {\n"
        "  =Glacier Deep Archive#cheapest for rare reads\n  ~S3 Standard#frequent access\n  ~S3 One Zone-IA#one AZ\n"
        "  ####Pick by access pattern.}\n\n"
        "::Two keys::Pick two \\{literally\\} {~%50%a \\= b ~%50%c ~%-100%d}\n\n"
        "::TF::S3 is a block store.{F#It is object storage.#Right.}\n"
    )
    for writer, reader in ((gift.dump, gift.parse), (moodle_xml.dump, moodle_xml.parse)):
        again = reader(writer(source.questions))
        assert [summary(q) for q in again.questions] == [summary(q) for q in source.questions], writer
        assert [(q.category, q.single, q.text.value, q.general_feedback.value) for q in again.questions] == [
            (q.category, q.single, q.text.value, q.general_feedback.value) for q in source.questions
        ]
