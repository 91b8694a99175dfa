"""The learner's cards as an Anki deck (.apkg), built with genanki.

One note per card: the question and its choices on the front, the answer and the explanation on the
back, each in the learner's language with the other language beneath; tagged with the exam, the
domain and the topic. The note type, the deck and each note's guid (from the question's stable key)
never change, so importing a newer export updates the notes already in Anki instead of adding copies.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
import zipfile
from itertools import count
from string import ascii_uppercase

import genanki
from django.utils.html import escape

from reviews.models import Card
from topics.markdown import render_text

# Fixed for good: Anki recognises a re-imported deck and note type by these ids.
MODEL_ID = 1_742_605_113
DECK_ID = 1_742_605_127
FIELDS = [
    "Key", "Question", "Choices", "Answer", "Explanation",
    "QuestionOther", "ChoicesOther", "AnswerOther", "ExplanationOther",
]  # fmt: skip
FRONT = '{{Question}}{{Choices}}<div class="other">{{QuestionOther}}{{ChoicesOther}}</div>'
BACK = (
    '{{FrontSide}}<hr id="answer">{{Answer}}{{Explanation}}'
    '<div class="other">{{AnswerOther}}{{ExplanationOther}}</div>'
)
CSS = """.card { font-family: system-ui, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", sans-serif;
  font-size: 18px; text-align: left; color: #14213d; background: #fff; line-height: 1.6; }
.choices li { margin: 0.3em 0; }
.answer { font-weight: 700; color: #0e7c56; }
.other { margin-top: 1.2em; padding-top: 0.6em; border-top: 1px dashed #aab; color: #556; font-size: 0.9em; }
"""
OTHER = {"en": "ko", "ko": "en"}


def _text(obj, name: str) -> str:
    return (obj.get(name) if isinstance(obj, dict) else getattr(obj, name, "")) or ""


def _pick(obj, field: str, language: str) -> str:
    """The field in `language`, or in the other one when it is missing (never an empty side)."""
    return _text(obj, f"{field}_{language}") or _text(obj, f"{field}_{OTHER[language]}")


def _inline(text: str) -> str:
    """A short text rendered without its paragraph, so it can sit inside a list item or a sentence."""
    html = render_text(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _fields(version, language: str) -> list[str]:
    letters = dict(zip((c["id"] for c in version.choices), ascii_uppercase, strict=False))
    correct = [c for c in version.choices if c["correct"]]

    def side(lang: str) -> list[str]:
        choices = "".join(f"<li>{_inline(_pick(c, 'text', lang))}</li>" for c in version.choices)
        answer = "".join(
            f'<p class="answer">{letters[c["id"]]}. {_inline(_pick(c, "text", lang))}</p>' for c in correct
        )
        whys = "".join(
            f"<li><b>{letters[c['id']]}</b>: {_inline(why)}</li>"
            for c in version.choices
            if (why := _pick(c, "why", lang))
        )
        explanation = render_text(_pick(version, "explanation", lang)) + (f"<ul>{whys}</ul>" if whys else "")
        return [
            render_text(_pick(version, "stem", lang)),
            f'<ol class="choices" type="A">{choices}</ol>',
            answer,
            explanation,
        ]

    return side(language) + side(OTHER[language])


def _tags(question) -> list[str]:
    tags = set()
    for domain in question.domains.all():
        tags.add(domain.exam.code)
        tags.add(f"{domain.exam.code}::domain-{domain.number}")
    if question.topic is not None:
        tags.add(f"topic::{question.topic.slug}")
    return sorted(tags)


def note_model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "AWS SA Study question",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
        sort_field_index=1,
    )


def deck_for(user, language: str) -> genanki.Deck:
    """A deck holding one note per card of the learner's."""
    deck = genanki.Deck(DECK_ID, "AWS SA Study")
    model = note_model()
    cards = (
        Card.objects.filter(user=user)
        .select_related("question__current_version", "question__topic")
        .prefetch_related("question__domains__exam")
        .order_by("created_at", "pk")
    )
    for card in cards:
        question = card.question
        version = question.current_version or question.versions.order_by("-number").first()
        if version is None:
            continue
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[escape(question.key), *_fields(version, language)],
                guid=genanki.guid_for(question.key),
                tags=_tags(question),
            )
        )
    return deck


def write_apkg(user, language: str, file) -> int:
    """Write the learner's deck as an .apkg into `file` (a binary file object); return the number of notes.

    genanki's own `write_to_file` leaves its temporary SQLite file behind; this does the same work in
    a temporary directory that is removed afterwards."""
    deck = deck_for(user, language)
    package = genanki.Package(deck)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "collection.anki2")
        connection = sqlite3.connect(path)
        try:
            timestamp = time.time()
            package.write_to_db(connection.cursor(), timestamp, count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", "{}")
    return len(deck.notes)
