"""Reader for facts/<group>.yaml: checkable facts with value, source, as-of date and an optional quiz."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from topics.content.model import (
    FACT_STATUSES,
    UNITS,
    ContentError,
    Fact,
    FactGroup,
    FactQuiz,
    Neighbour,
    Text,
)
from topics.content.reader import Fields, yaml_files
from topics.content.targets import ExamsByCode, read_targets

FACT_ID_RE = re.compile(r"^[A-Z0-9]{2,5}-\d{2,3}$")
FACT_FIELDS = (
    "id", "topic", "services", "domains", "tasks", "text_en", "text_ko", "value_en", "value_ko", "as_of",
    "source", "status", "seed_says", "change_en", "change_ko", "quiz",
)  # fmt: skip


def _read_quiz(f: Fields) -> FactQuiz | None:
    if "quiz" not in f.data:
        return None
    q = Fields(f.data["quiz"], f.path, f.errors, "a fact quiz", f.line_of("quiz"))
    q.only("number", "unit", "family", "subject_en", "subject_ko", "ask", "neighbours")
    number = q.number("number")
    asks = []
    for item in q.list("ask"):
        a = Fields(item, f.path, f.errors, "a quiz stem", q.line_of("ask"))
        a.only("en", "ko")
        asks.append(Text(a.str("en"), a.str("ko")))
    neighbours = []
    for item in q.list("neighbours"):
        n = Fields(item, f.path, f.errors, "a quiz neighbour", q.line_of("neighbours"))
        n.only("number", "why_en", "why_ko")
        neighbours.append(Neighbour(n.number("number"), n.text("why") or Text("", "")))
    values = [n.number for n in neighbours]
    if number in values:
        q.error(f"a neighbour repeats the keyed number {number}", "neighbours")
    if len(set(values)) != len(values):
        q.error("neighbours must differ from each other", "neighbours")
    if len(neighbours) < 3:
        q.error(
            "a quiz needs at least 3 neighbours (a question shows the value and three others)", "neighbours"
        )
    if not asks:
        q.error("a quiz needs at least one stem in 'ask'", "ask")
    family = q.slug("family")
    return FactQuiz(
        number, q.choice("unit", UNITS), family, q.text("subject") or Text("", ""), asks, neighbours
    )


def _read_fact(f: Fields, group: str, exams: ExamsByCode) -> Fact:
    fact_id = f.str("id")
    if fact_id and not FACT_ID_RE.match(fact_id):
        f.error(f"fact id {fact_id!r} must look like LAM-01", "id")
    status = f.choice("status", FACT_STATUSES)
    domains, tasks = read_targets(f, "domains", exams, many=False)
    return Fact(
        id=fact_id,
        group=group,
        topic=f.str("topic"),
        services=f.str_list("services", required=False),
        domains=domains,
        tasks=tasks,
        text=f.text("text") or Text("", ""),
        value=f.text("value") or Text("", ""),
        as_of=f.date("as_of") or datetime.date.min,
        source=f.url("source"),
        status=status,
        seed_says=f.str("seed_says", required=False),
        change=f.text("change", required=status in ("changed", "corrected")),
        quiz=_read_quiz(f),
        **f.location(),
    )


def read_facts(
    root: Path, errors: list[ContentError], exams: ExamsByCode
) -> tuple[dict[str, Fact], dict[str, FactGroup]]:
    facts: dict[str, Fact] = {}
    groups: dict[str, FactGroup] = {}
    for _path, path_rel, data in yaml_files(root, "facts", errors):
        g = Fields(data, path_rel, errors, "a facts file")
        g.only("group", "title_en", "title_ko", "facts")
        code = g.str("group")
        if code in groups:
            g.error(f"duplicate fact group {code!r}", "group")
        groups[code] = FactGroup(code, g.text("title") or Text("", ""))
        for item in g.list("facts"):
            f = Fields(item, path_rel, errors, "a fact")
            f.only(*FACT_FIELDS)
            fact = _read_fact(f, code, exams)
            if fact.id in facts:
                other = facts[fact.id]
                f.error(f"duplicate fact id {fact.id!r}: already defined at {other.path}:{other.line}", "id")
                continue
            facts[fact.id] = fact
    return facts, groups
