"""Read and write Moodle XML (https://docs.moodle.org/en/Moodle_XML_format) for choice questions.

Django-free. Multiple choice (one or several keys) and true/false are read; every other type is
listed as skipped with its reason; categories become the questions' category path. A file that
declares a DOCTYPE or entities is refused before parsing (no entity expansion, no external files).
Embedded files (<file> images and sounds) are not imported.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET
from xml.parsers import expat

from quizzes.formats.parsed import (
    Choice,
    ImportFailed,
    Parsed,
    Question,
    Skipped,
    Text,
    valid_fraction,
)

XML_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
OUR_FORMATS = {value: key for key, value in XML_FORMATS.items()}
SKIP_REASONS = {
    "essay": "an essay question has no choices to score",
    "shortanswer": "a short-answer question has no choices to score",
    "numerical": "a numerical answer is not a choice question",
    "match": "a matching question has no choices to score",
    "cloze": "an embedded-answers (cloze) question is not a choice question",
    "multianswer": "an embedded-answers (cloze) question is not a choice question",
    "description": "a description is not a question",
    "calculated": "a calculated question is not a choice question",
    "ddwtos": "a drag-and-drop question is not a choice question",
}


def _read_tree(text: str) -> tuple[ET.Element, dict[int, int]]:
    """The element tree and the line each element starts on (expat directly: ElementTree keeps no lines)."""
    builder, lines = ET.TreeBuilder(), {}
    parser = expat.ParserCreate()

    def start(tag, attrs):
        lines[id(builder.start(tag, attrs))] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(text, True)
    return builder.close(), lines


def _strip_tags(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _text_of(element: ET.Element | None, default_format: str = "html") -> Text:
    if element is None:
        return Text("")
    inner = element.find("text")
    value = (inner.text if inner is not None else element.text) or ""
    return Text(value.strip(), XML_FORMATS.get(element.get("format", ""), default_format))


def _fraction(answer: ET.Element, name: str, line: int) -> float:
    raw = answer.get("fraction", "0")
    try:
        fraction = float(raw) / 100
    except ValueError:
        raise ImportFailed(f"question {name!r} on line {line}: the grade {raw!r} is not a number") from None
    if not valid_fraction(fraction):
        raise ImportFailed(
            f"question {name!r} on line {line}: invalid grade {round(fraction, 2):g} ({raw}%): "
            "not one of the grades Moodle allows"
        )
    return fraction


def _question(element: ET.Element, line: int, category: str) -> Question | Skipped:
    qtype = element.get("type", "")
    name = _strip_tags(_text_of(element.find("name")).value) or "(untitled)"
    if qtype in SKIP_REASONS:
        return Skipped(name, line, SKIP_REASONS[qtype])
    if qtype not in ("multichoice", "truefalse"):
        return Skipped(name, line, f"the question type {qtype!r} is not a choice question")
    text = _text_of(element.find("questiontext"))
    answers = element.findall("answer")
    choices = []
    for answer in answers:
        choice_text = _text_of(answer, XML_FORMATS.get(answer.get("format", ""), "html"))
        if qtype == "truefalse":
            choice_text = Text("True" if choice_text.value.lower() == "true" else "False")
        choices.append(Choice(choice_text, _fraction(answer, name, line), _text_of(answer.find("feedback"))))
    if len(choices) < 2:
        raise ImportFailed(f"question {name!r} on line {line}: a choice question needs at least two answers")
    single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
    return Question(
        name=name,
        line=line,
        category=category,
        qtype=qtype,
        text=text,
        choices=choices,
        single=single or qtype == "truefalse",
        general_feedback=_text_of(element.find("generalfeedback")),
    )


def parse(text: str) -> Parsed:
    """Every question of a Moodle XML file; raises ImportFailed (naming the question and line) on errors."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise ImportFailed(
            "the file declares a DOCTYPE or entities, which Moodle XML never needs; it was refused"
        )
    try:
        root, lines = _read_tree(text)
    except expat.ExpatError as exc:
        raise ImportFailed(
            f"the file is not well-formed XML: {expat.ErrorString(exc.code)} (line {exc.lineno}, column {exc.offset + 1})"
        ) from None
    if root.tag != "quiz":
        raise ImportFailed(f"the file's top element is <{root.tag}>, not <quiz>: it is not Moodle XML")
    parsed = Parsed()
    category = ""
    for element in root.iter("question"):
        line = lines.get(id(element), 0)
        if element.get("type") == "category":
            category = (element.findtext("category/text") or "").strip()
            continue
        parsed.add(_question(element, line, category))
    return parsed


def _text_element(parent: ET.Element, tag: str, text: Text, **attributes) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {"format": OUR_FORMATS.get(text.format, "moodle_auto_format"), **attributes}
    )
    ET.SubElement(element, "text").text = text.value
    return element


def dump(questions: list[Question]) -> str:
    """Moodle XML for parsed questions, with a category entry whenever the category changes."""
    quiz = ET.Element("quiz")
    category = None
    for question in questions:
        if question.category and question.category != category:
            category = question.category
            entry = ET.SubElement(quiz, "question", {"type": "category"})
            ET.SubElement(ET.SubElement(entry, "category"), "text").text = category
        element = ET.SubElement(quiz, "question", {"type": question.qtype})
        ET.SubElement(ET.SubElement(element, "name"), "text").text = question.name
        _text_element(element, "questiontext", question.text)
        _text_element(element, "generalfeedback", question.general_feedback)
        if question.qtype == "multichoice":
            ET.SubElement(element, "single").text = "true" if question.single else "false"
            ET.SubElement(element, "shuffleanswers").text = "true"
        for choice in question.choices:
            text = Text(choice.text.value.lower(), "moodle") if question.qtype == "truefalse" else choice.text
            answer = _text_element(element, "answer", text, fraction=f"{choice.fraction * 100:g}")
            _text_element(answer, "feedback", choice.feedback)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
