"""Read Moodle's GIFT format (https://docs.moodle.org/en/GIFT_format) into parsed questions.

Django-free. Follows the rules of Moodle's own reader (question/format/gift/format.php): questions
are separated by blank lines, `//` lines are comments, `$CATEGORY:` switches category, `::name::`
names a question, `[html]`/`[moodle]`/`[plain]`/`[markdown]` set a text's format, and the answer
block in braces decides the type (empty: essay; `#`: numerical; a `~`: multiple choice, single
answer when some answer starts with `=`; `=... -> ...`: matching; T/F/TRUE/FALSE: true/false;
anything else: short answer). Text after the closing brace makes a "missing word" question.
"""

from __future__ import annotations

import re

from quizzes.formats.parsed import (
    FORMATS,
    Choice,
    ImportFailed,
    Parsed,
    Question,
    Skipped,
    Text,
    valid_fraction,
)

# Escaped control characters stand in as Unicode noncharacters (U+FDD0-U+FDD6, reserved for a program's
# internal use) while the block is split. They were private-use characters, which a text may really hold
# (old Hangul from HWP files, icon fonts): U+E000 came back as a backslash.
INTERNAL = re.compile("[\ufdd0-\ufdef]")
ESCAPES = {
    "\\\\": "\ufdd0",
    "\\~": "\ufdd1",
    "\\=": "\ufdd2",
    "\\#": "\ufdd3",
    "\\{": "\ufdd4",
    "\\}": "\ufdd5",
    "\\:": "\ufdd6",
}
UNESCAPE = {
    "\ufdd0": "\\",
    "\ufdd1": "~",
    "\ufdd2": "=",
    "\ufdd3": "#",
    "\ufdd4": "{",
    "\ufdd5": "}",
    "\ufdd6": ":",
}
FORMAT_RE = re.compile(r"^\s*\[(moodle|html|plain|markdown)\]", re.IGNORECASE)
WEIGHT_RE = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
SKIP_REASONS = {
    "essay": "an essay question has no choices to score",
    "numerical": "a numerical answer is not a choice question",
    "shortanswer": "a short-answer question has no choices to score",
    "match": "a matching question has no choices to score",
}


def decode(data: bytes, name: str = "the file") -> str:
    """The file's text; anything that is not UTF-8 is refused (Moodle refuses it too)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"{name} is not UTF-8 text (byte {exc.start + 1} cannot be read). Save it as UTF-8 and import it again."
        ) from None


def _escape(text: str) -> str:
    for escaped, placeholder in ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\\n", "\n")


def _unescape(text: str) -> str:
    for placeholder, plain in UNESCAPE.items():
        text = text.replace(placeholder, plain)
    return text


def _text(raw: str, default_format: str = "moodle") -> Text:
    raw = raw.strip()
    match = FORMAT_RE.match(raw)
    if match:
        return Text(_unescape(raw[match.end() :].strip()), match.group(1).lower())
    return Text(_unescape(raw), default_format)


def _blocks(text: str):
    """(first line number, block text) for every blank-line-separated block, comments removed."""
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            if lines:
                yield start, "\n".join(lines)
            lines = []
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def _split_answers(block: str) -> list[tuple[str, str]]:
    """("=" or "~", answer text) for each answer in an answer block (escapes already replaced)."""
    parts = re.split(r"([=~])", block)
    answers = []
    for marker, body in zip(parts[1::2], parts[2::2], strict=False):
        answers.append((marker, body))
    return answers


def _answer(body: str) -> tuple[float | None, Text, Text]:
    """An answer's weight (None when it has none), text and feedback."""
    body = body.strip()
    weight = None
    match = WEIGHT_RE.match(body)
    if match:
        weight = float(match.group(1)) / 100
        body = body[match.end() :]
    text, _hash, feedback = body.partition("#")
    return weight, _text(text), _text(feedback)


def _qtype(answers: str) -> str:
    stripped = answers.strip()
    if not stripped:
        return "essay"
    if stripped.startswith("#"):
        return "numerical"
    if "~" in stripped:
        return "multichoice"
    if "=" in stripped and "->" in stripped:
        return "match"
    if stripped.split("#")[0].strip().lower() in ("t", "true", "f", "false"):
        return "truefalse"
    return "shortanswer"


def _default_name(text: str) -> str:
    plain = re.sub(r"<[^>]+>", " ", text)
    return " ".join(plain.split())[:60] or "(untitled)"


def _question(number: int, block: str, category: str) -> Question | Skipped:
    block = _escape(block)
    name = ""
    match = re.match(r"^\s*::(.*?)::", block, re.DOTALL)
    if match:
        name = _unescape(match.group(1)).strip()
        block = block[match.end() :]
    if "{" not in block or "}" not in block:
        raise ImportFailed(
            f"question {name or _default_name(block)!r} on line {number}: no answer block in braces"
        )
    opening, closing = block.index("{"), block.rindex("}")
    if closing < opening or block.count("{") != block.count("}"):
        raise ImportFailed(
            f"question {name or _default_name(block)!r} on line {number}: unbalanced braces in the answer block"
        )
    before, answers, after = block[:opening], block[opening + 1 : closing], block[closing + 1 :]
    # "Missing word": text after the answers puts a blank where they were (as Moodle does, verbatim).
    text = _text(before + "_____" + after if after.strip() else before)
    name = name or _default_name(text.value)
    answers, _marks, general = answers.partition("####")
    general_feedback = _text(general)
    qtype = _qtype(answers)
    if qtype in SKIP_REASONS:
        return Skipped(name, number, SKIP_REASONS[qtype])
    if qtype == "truefalse":
        value, *feedback = (part.strip() for part in answers.split("#"))
        truth = value.lower() in ("t", "true")
        wrong_feedback = _text(feedback[0]) if feedback else Text("")
        right_feedback = _text(feedback[1]) if len(feedback) > 1 else Text("")
        return Question(
            name=name,
            line=number,
            category=category,
            qtype="truefalse",
            text=text,
            choices=[
                Choice(Text("True"), 1.0 if truth else 0.0, right_feedback if truth else wrong_feedback),
                Choice(Text("False"), 0.0 if truth else 1.0, wrong_feedback if truth else right_feedback),
            ],
            general_feedback=general_feedback,
        )
    choices = []
    for marker, body in _split_answers(answers):
        weight, choice_text, feedback = _answer(body)
        fraction = weight if weight is not None else (1.0 if marker == "=" else 0.0)
        if not valid_fraction(fraction):
            raise ImportFailed(
                f"question {name!r} on line {number}: {fraction * 100:g}% is not a grade Moodle allows"
            )
        choices.append(Choice(choice_text, fraction, feedback))
    return Question(
        name=name,
        line=number,
        category=category,
        qtype="multichoice",
        text=text,
        choices=choices,
        single="=" in answers,
        general_feedback=general_feedback,
    )


def parse(text: str) -> Parsed:
    """Every question of a GIFT file; raises ImportFailed (naming the question and line) on the first error."""
    reserved = INTERNAL.search(text)
    if reserved:
        line = text.count("\n", 0, reserved.start()) + 1
        raise ImportFailed(
            f"line {line}: the character U+{ord(reserved.group()):04X} is reserved for programs' internal use "
            "and cannot be imported; remove it"
        )
    parsed = Parsed()
    category = ""
    for number, block in _blocks(text):
        stripped = block.strip()
        if stripped.startswith("$CATEGORY:"):
            first, _newline, rest = stripped.partition("\n")
            category = first.removeprefix("$CATEGORY:").strip()
            if not rest.strip():
                continue
            block, number = rest, number + 1
        parsed.add(_question(number, block, category))
    return parsed


def _gift_escape(text: str) -> str:
    for plain in ("\\", "~", "=", "#", "{", "}", ":"):
        text = text.replace(plain, "\\" + plain)
    # Every line break becomes GIFT's \n: a bare \r (a textarea sends \r\n) or \u2028 would split the
    # line when the file is read, doubling the break, or starting a line the reader takes for a comment.
    return "\\n".join(text.splitlines())


def dump(questions: list[Question]) -> str:
    """GIFT for parsed questions (multiple choice and true/false), one block per question."""
    out: list[str] = []
    category = None
    for question in questions:
        if question.category and question.category != category:
            category = question.category
            out.append(f"$CATEGORY: {category}\n")
        lines = [
            f"::{_gift_escape(question.name)}::[{_format(question.text)}]{_gift_escape(question.text.value)}{{"
        ]
        if question.qtype == "truefalse":
            true, false = question.choices
            right, wrong = (true, false) if true.fraction > 0 else (false, true)
            feedback = "".join(
                f"#[{_format(c.feedback)}]{_gift_escape(c.feedback.value)}" for c in (wrong, right)
            )
            block = lines[0] + ("TRUE" if true.fraction > 0 else "FALSE") + feedback
            if question.general_feedback.value:
                block += f"####[{_format(question.general_feedback)}]{_gift_escape(question.general_feedback.value)}"
            out.append(block + "}\n")
            continue
        for choice in question.choices:
            if question.single:
                marker = "=" if choice.fraction >= 1.0 else "~"
                weight = "" if choice.fraction in (0.0, 1.0) else f"%{choice.fraction * 100:g}%"
            else:
                marker, weight = "~", f"%{choice.fraction * 100:g}%"
            feedback = (
                f"#[{_format(choice.feedback)}]{_gift_escape(choice.feedback.value)}"
                if choice.feedback.value
                else ""
            )
            lines.append(
                f"\t{marker}{weight}[{_format(choice.text)}]{_gift_escape(choice.text.value)}{feedback}"
            )
        if question.general_feedback.value:
            lines.append(
                f"\t####[{_format(question.general_feedback)}]{_gift_escape(question.general_feedback.value)}"
            )
        lines.append("}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _format(text: Text) -> str:
    return text.format if text.format in FORMATS else "moodle"
