"""Fuzzing the GIFT and Moodle XML importers and exporters with hypothesis.

Whatever bytes arrive, an import either reads questions or is refused with ImportFailed naming where
(a line, a byte, the question) or why the whole file is refused; never another exception. What we export
reads back to the same questions, whatever the text holds (braces, escapes, Korean, line breaks as a
browser's textarea sends them)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.formats import gift, moodle_xml
from quizzes.formats.parsed import VALID_FRACTIONS, Choice, ImportFailed, Question, Text
from tests.fuzzing import budget

# A refusal says where: a line, a byte, or which rule the whole file broke.
PRECISE = re.compile(r"line \d+|byte \d+|DOCTYPE|top element|not well-formed")

GIFT_TOKENS = [
    "::", "::Q1::", "{", "}", "=", "~", "#", "####", "%50%", "%-100%", "%33.33333%", "%7%", "->", "T", "F",
    "TRUE", "false", "[html]", "[markdown]", "\\{", "\\}", "\\=", "\\~", "\\#", "\\:", "\\n", "\\\\", "//",
    "$CATEGORY: a/b", "\n", "\n\n", " ", "\t", "answer", "람다", "<b>x</b>", "1", "1..5", "\r\n", "\u2028",
]  # fmt: skip
XML_TOKENS = [
    "<quiz>", "</quiz>", '<question type="multichoice">', '<question type="truefalse">', "</question>",
    '<question type="category"><category><text>a/b</text></category></question>', '<question type="essay">',
    '<answer fraction="100">', '<answer fraction="0">', '<answer fraction="33.33333">', '<answer fraction="x">',
    '<answer fraction="nan">', '<answer fraction="1e400">', "</answer>", "<text>", "</text>", "<name>", "</name>",
    "<single>false</single>", "<questiontext format=\"html\">", "</questiontext>", "<feedback>", "</feedback>",
    "<generalfeedback>", "</generalfeedback>", "<![CDATA[<b>x</b>]]>", "&amp;", "&#0;", "&#x1F;", "&unknown;",
    "<!DOCTYPE quiz>", '<?xml version="1.0" encoding="UTF-8"?>', "<!-- c -->", "true", "false", "x", " ",
    "\n", "람다", "\x00", "\x0b", "<", "&",
]  # fmt: skip


def assert_read_or_refused_precisely(parse, text):
    try:
        parse(text)
    except ImportFailed as refused:
        assert PRECISE.search(str(refused)), f"imprecise refusal: {refused}"


@budget(300)
@given(st.lists(st.sampled_from(GIFT_TOKENS), max_size=40).map("".join))
def test_any_gift_text_is_read_or_refused_with_its_line(text):
    assert_read_or_refused_precisely(gift.parse, text)


@budget(300)
@given(st.lists(st.sampled_from(XML_TOKENS), max_size=40).map("".join))
def test_any_xml_text_is_read_or_refused_with_its_line(text):
    assert_read_or_refused_precisely(moodle_xml.parse, text)


@budget(150)
@given(st.binary(max_size=200), st.sampled_from([gift.parse, moodle_xml.parse]))
def test_any_bytes_are_read_or_refused(data, parse):
    try:
        text = gift.decode(data, "upload.txt")
    except ImportFailed as refused:
        assert re.search(r"upload.txt is not UTF-8 text \(byte \d+", str(refused))
        return
    assert_read_or_refused_precisely(parse, text)


def one_question(text: str) -> Question:
    return Question(
        name="Q",
        line=0,
        category="",
        qtype="multichoice",
        text=Text(text),
        choices=[Choice(Text("yes"), 1.0, Text("")), Choice(Text("no"), 0.0, Text(""))],
    )


@pytest.mark.parametrize(
    "text",
    [
        "First line\r\nsecond line",  # as a textarea posts it: the break came back doubled
        "a\r// not a comment",  # the \r split the line and the reader dropped the rest as a comment
        "old Hangul from HWP: \ue000\ue003",  # private-use characters came back as a backslash and '#'
        "line\u2028separator",
    ],
)
def test_gift_export_of_these_texts_reads_back_the_same(text):
    """Found by the round-trip property below; each failed before the fix."""
    (read,) = gift.parse(gift.dump([one_question(text)])).questions
    assert read.text.value == normal(text).replace("\u2028", "\n")


def test_a_gift_file_holding_a_reserved_character_is_refused_with_its_line():
    with pytest.raises(ImportFailed, match=r"line 2: the character U\+FDD0 is reserved"):
        gift.parse("::Q:: What?\n{=yes \ufdd0 ~no}")


# What an instructor can type: any printable text, Korean, GIFT's special characters, and line breaks as
# a textarea posts them (\r\n).
typed = (
    st.lists(
        st.one_of(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Cn", "Zl", "Zp"]),
            st.sampled_from([*"{}=~#:\\[]%", "\r\n", "\n", "\t", "람다", "->", "//"]),
        ),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .map(str.strip)
    .filter(bool)
)
fractions = st.sampled_from([f for f in VALID_FRACTIONS if f > 0] + [-f for f in VALID_FRACTIONS if f > 0])


@st.composite
def questions(draw):
    kind = draw(st.sampled_from(["single", "multiple", "truefalse"]))
    feedback = Text(draw(st.one_of(st.just(""), typed)), "moodle")
    if kind == "truefalse":
        truth = draw(st.booleans())
        choices = [
            Choice(Text("True"), 1.0 if truth else 0.0, Text(draw(typed))),
            Choice(Text("False"), 0.0 if truth else 1.0, Text(draw(typed))),
        ]
    else:
        count = draw(st.integers(2, 5))
        if kind == "single":
            grades = [1.0] + [0.0] * (count - 1)
        else:
            grades = [draw(fractions) for _ in range(count)]
            grades[0] = abs(grades[0])  # one answer earns credit
        choices = [Choice(Text(draw(typed)), grade, Text(draw(typed))) for grade in grades]
    return Question(
        name=draw(typed),
        line=0,
        category=draw(st.sampled_from(["", "AWS/SAA", "가/나"])),
        qtype="truefalse" if kind == "truefalse" else "multichoice",
        text=Text(draw(typed), "moodle"),
        choices=choices,
        single=kind != "multiple",
        general_feedback=feedback,
    )


def normal(text: str) -> str:
    """What survives a text's round trip: line breaks as \\n, no space at the ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def comparable(question: Question):
    return (
        question.qtype,
        " ".join(question.name.split()),  # a name is one line: Moodle XML's reader joins its lines
        normal(question.text.value),
        question.single,
        normal(question.general_feedback.value),
        [(normal(c.text.value), round(c.fraction, 5), normal(c.feedback.value)) for c in question.choices],
    )


@budget(150)
@given(st.lists(questions(), min_size=1, max_size=3))
def test_what_we_export_as_gift_reads_back_the_same(written):
    read = gift.parse(gift.dump(written)).questions
    assert [comparable(q) for q in read] == [comparable(q) for q in written]


@budget(150)
@given(st.lists(questions(), min_size=1, max_size=3))
def test_what_we_export_as_moodle_xml_reads_back_the_same(written):
    read = moodle_xml.parse(moodle_xml.dump(written)).questions
    assert [comparable(q) for q in read] == [comparable(q) for q in written]


@budget(150)
@given(st.lists(questions(), min_size=1, max_size=2), st.data())
def test_a_damaged_export_is_read_or_refused_precisely(written, data):
    kind = data.draw(st.sampled_from(["gift", "xml"]))
    text = gift.dump(written) if kind == "gift" else moodle_xml.dump(written)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    insert = data.draw(st.sampled_from(GIFT_TOKENS if kind == "gift" else XML_TOKENS))
    damaged = text[:start] + insert + text[end:]
    assert_read_or_refused_precisely(gift.parse if kind == "gift" else moodle_xml.parse, damaged)
