"""Write questions as our content YAML (content/questions/<group>.yaml, format: content/README.md).

Django-free. The file is what `load_content` reads; a question needs its task statements, topic and
sources there, which questions written in the app may not have yet (the loader then names what is missing).
"""

from __future__ import annotations

import re

import yaml

from quizzes.authoring.drafts import Draft

GROUP = "export"


def question_id(key: str) -> str:
    """A content id (a slug) for a bank key: `authored:<id>` gives back its id."""
    if key.startswith("authored:"):
        key = key.removeprefix("authored:")
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "question"


def entry(
    *, key: str, draft: Draft, tasks: dict, topic: str, services: list, facts: list, qualifier: str
) -> dict:
    item: dict = {"id": question_id(key)}
    if tasks:
        item["tasks"] = dict(sorted(tasks.items()))
    if topic:
        item["topic"] = topic
    if services:
        item["services"] = services
    if facts:
        item["facts"] = facts
    if qualifier:
        item["qualifier"] = qualifier
    item |= {"kind": draft.kind, "choose": draft.choose, "stem_en": draft.stem_en, "stem_ko": draft.stem_ko}
    item["choices"] = [
        {
            "text_en": choice["text_en"],
            "text_ko": choice["text_ko"],
            "correct": choice["correct"],
            "why_en": choice["why_en"],
            "why_ko": choice["why_ko"],
        }
        for choice in draft.choices
    ]
    if draft.explanation_en or draft.explanation_ko:
        item |= {"explanation_en": draft.explanation_en, "explanation_ko": draft.explanation_ko}
    item["sources"] = [{"url": url, "title": url.split("://", 1)[-1]} for url in draft.sources]
    return item


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    # Multi-line texts (stems) as literal blocks, as people write them in content/.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def dump(entries: list[dict], group: str = GROUP) -> str:
    header = f"# Questions exported from the bank (format: content/README.md). Save as content/questions/{group}.yaml.\n"
    body = yaml.dump(
        {"group": group, "questions": entries}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110
    )
    return header + body
