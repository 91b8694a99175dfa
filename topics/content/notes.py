"""Reader for topics/<slug>/: topic.yaml and the two notes, en.md and ko.md."""

from __future__ import annotations

from pathlib import Path

from topics.content.model import LANGUAGES, ContentError, Text, Topic
from topics.content.reader import (
    LANGUAGE_NAMES,
    SLUG_RE,
    Fields,
    Mapping,
    parse_yaml,
    read_text,
    rel,
    split_front_matter,
)
from topics.content.targets import ExamsByCode, read_targets


def _read_note(
    directory: Path, root: Path, language: str, errors: list[ContentError]
) -> tuple[str, str, int, str]:
    """(title, summary, line where the body starts, body) of one language's note."""
    note_path = directory / f"{language}.md"
    note_rel = rel(note_path, root)
    if not note_path.exists():
        errors.append(
            ContentError(
                note_rel,
                None,
                f"missing language: the {LANGUAGE_NAMES[language]} note {language}.md is required",
            )
        )
        return "", "", 0, ""
    text = read_text(note_path, root, errors)
    if text is None:
        return "", "", 0, ""
    meta, body, offset = split_front_matter(text, note_rel, errors)
    nf = Fields(
        meta if meta is not None else Mapping(), note_rel, errors, f"the front matter of {language}.md", 1
    )
    nf.only("title", "summary")
    title, summary = nf.str("title"), nf.str("summary")
    if not body.strip():
        errors.append(ContentError(note_rel, offset + 1, "the note has no body"))
    return title, summary, offset, body


def read_topics(root: Path, errors: list[ContentError], exams: ExamsByCode) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for directory in sorted(p for p in (root / "topics").iterdir() if p.is_dir()):
        slug = directory.name
        meta_path = directory / "topic.yaml"
        meta_rel = rel(meta_path, root)
        if not SLUG_RE.match(slug):
            errors.append(ContentError(rel(directory, root), None, f"topic folder {slug!r} must be a slug"))
        text = read_text(meta_path, root, errors)
        data = parse_yaml(text, meta_rel, errors) if text is not None else None
        f = Fields(data if data is not None else Mapping(), meta_rel, errors, "topic.yaml")
        f.only("order", "exams", "tasks", "services", "facts", "related", "sources")
        notes = {language: _read_note(directory, root, language, errors) for language in LANGUAGES}
        domains, tasks = read_targets(f, "exams", exams, many=True) if data is not None else ({}, {})
        en, ko = notes["en"], notes["ko"]
        topics[slug] = Topic(
            slug=slug,
            order=f.int("order", minimum=0),
            exams=domains,
            tasks=tasks,
            services=f.str_list("services", required=False),
            facts=f.str_list("facts", required=False),
            related=f.str_list("related", required=False),
            sources=f.sources(),
            title=Text(en[0], ko[0]),
            summary=Text(en[1], ko[1]),
            body=Text(en[3], ko[3]),
            body_lines={"en": en[2], "ko": ko[2]},
            **f.location(),
        )
    return topics
