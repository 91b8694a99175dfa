"""Between Moodle's questions (quizzes.formats.parsed) and our bank's content (quizzes.authoring.drafts.Draft).

Django-free. Our stems and explanations are Markdown (raw HTML in them is removed when shown), our
choice texts and reasons plain text. Moodle texts come in four formats: Markdown and Moodle's own
"auto" format are kept as written, HTML is kept (it renders through the same sanitiser), plain text is
escaped so that nothing in it reads as Markdown; choice texts and feedback lose their tags.

Both languages travel in one file the way Moodle's multi-language filter reads them:
`<span lang="en" class="multilang">…</span><span lang="ko" class="multilang">…</span>`.
A text without them is in the language the importer names.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from quizzes.authoring.drafts import LANGUAGES, Draft
from quizzes.formats.parsed import Choice, Question, Text

MULTILANG = re.compile(
    r'<span\s+(?:lang="(?P<a>[a-zA-Z_-]+)"\s+class="multilang"|class="multilang"\s+lang="(?P<b>[a-zA-Z_-]+)")\s*>'
    r"(?P<text>.*?)</span>",
    re.DOTALL,
)
MLANG2 = re.compile(r"\{mlang\s+(?P<lang>[a-zA-Z_-]+)\}(?P<text>.*?)\{mlang\}", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#])")
TRUE_FALSE = {True: {"en": "True", "ko": "참"}, False: {"en": "False", "ko": "거짓"}}
# A Moodle category path starts with its context; the rest is the category the author made.
CONTEXTS = re.compile(r"^\$(course|system|module|cat\d*)\$/(top/)?")


class Unsupported(Exception):
    """The question is a choice question our bank cannot hold as it is; the message says why."""


@dataclass
class Imported:
    """One question read from a file, as our content: which languages the file gave, and its tags."""

    draft: Draft
    languages: set[str] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)


def split_languages(value: str) -> dict[str, str]:
    """{"en": ..., "ko": ...} from multi-language spans (or {mlang} blocks); {} when the text has none."""
    found = {}
    for match in MULTILANG.finditer(value):
        language = (match.group("a") or match.group("b")).split("_")[0].lower()
        found[language] = html.unescape(match.group("text")).strip()
    if not found:
        for match in MLANG2.finditer(value):
            found[match.group("lang").split("_")[0].lower()] = match.group("text").strip()
    return found


def join_languages(values: dict[str, str]) -> str:
    """Multi-language spans for the languages that have a text (escaped, so any text survives)."""
    return "".join(
        f'<span lang="{language}" class="multilang">{html.escape(values[language], quote=False)}</span>'
        for language in LANGUAGES
        if values.get(language)
    )


def _markdown(text: Text) -> str:
    if text.format == "plain":
        return MARKDOWN_SPECIAL.sub(r"\\\1", text.value)
    return text.value


def _plain(text: Text) -> str:
    if text.format in ("html", "moodle"):
        return " ".join(html.unescape(TAG.sub(" ", text.value)).split())
    return text.value.strip()


def _texts(text: Text, language: str, convert) -> dict[str, str]:
    """The text per language: from its multi-language spans, or all of it in `language`."""
    spans = split_languages(text.value)
    if spans:
        return {code: spans.get(code, "") for code in LANGUAGES}
    return {code: (convert(text) if code == language else "") for code in LANGUAGES}


def tag_of(category: str) -> str:
    return CONTEXTS.sub("", category).strip("/")


def to_imported(question: Question, language: str) -> Imported:
    """Our content for a parsed choice question; Unsupported when the bank cannot score it as Moodle does."""
    fractions = [choice.fraction for choice in question.choices]
    best = max(fractions)
    if question.qtype == "truefalse" or question.single:
        keys = [f == best for f in fractions]
        if sum(keys) > 1:
            raise Unsupported(
                f"a single-answer question with {sum(keys)} fully correct answers: "
                "our bank scores exactly one key"
            )
    else:
        keys = [f > 0 for f in fractions]
    correct = sum(keys)
    kind, choose = ("multiple", correct) if correct > 1 else ("single", 1)
    stem = _texts(question.text, language, _markdown)
    explanation = _texts(question.general_feedback, language, _markdown)
    languages = {code for code in LANGUAGES if stem[code]}
    choices = []
    for choice, key in zip(question.choices, keys, strict=True):
        if question.qtype == "truefalse":
            text = dict(TRUE_FALSE[choice.text.value == "True"])
        else:
            text = _texts(choice.text, language, _plain)
        why = _texts(choice.feedback, language, _plain)
        choices.append(
            {
                "id": "",
                "text_en": text["en"],
                "text_ko": text["ko"],
                "correct": key,
                "why_en": why["en"],
                "why_ko": why["ko"],
            }
        )
    draft = Draft(
        kind=kind,
        choose=choose,
        stem_en=stem["en"],
        stem_ko=stem["ko"],
        explanation_en=explanation["en"],
        explanation_ko=explanation["ko"],
        choices=choices,
    )
    tag = tag_of(question.category)
    return Imported(draft=draft, languages=languages or {language}, tags=[tag] if tag else [])


def _one(values: dict[str, str], language: str, text_format: str) -> Text:
    if language == "both":
        joined = join_languages(values)
        return Text(joined, "markdown" if joined else text_format)
    return Text(values.get(language, ""), text_format)


def from_draft(name: str, draft: Draft, *, tags: list[str], language: str) -> Question:
    """A Moodle question for our content, in one language ("en", "ko") or both (multi-language spans)."""

    def pair(prefix: str, source) -> dict[str, str]:
        if isinstance(source, dict):
            return {code: source[f"{prefix}_{code}"] for code in LANGUAGES}
        return {code: getattr(source, f"{prefix}_{code}") for code in LANGUAGES}

    multiple = draft.kind == "multiple"
    right = 1 / draft.choose if multiple else 1.0
    wrong = -right if multiple else 0.0
    return Question(
        name=name,
        line=0,
        category=tags[0] if tags else "",
        qtype="multichoice",
        text=_one(pair("stem", draft), language, "markdown"),
        choices=[
            Choice(
                _one(pair("text", choice), language, "plain"),
                right if choice["correct"] else wrong,
                _one(pair("why", choice), language, "plain"),
            )
            for choice in draft.choices
        ],
        single=not multiple,
        general_feedback=_one(pair("explanation", draft), language, "markdown"),
    )
