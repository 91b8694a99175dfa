"""Reader for cases/<slug>.yaml: the scenario, its diagram and its requirements."""

from __future__ import annotations

from pathlib import Path

from topics.content.model import (
    GOALS,
    QUALIFIERS,
    Alternative,
    Case,
    ContentError,
    Diagram,
    DiagramEdge,
    DiagramGroup,
    DiagramNode,
    Distractor,
    NotHere,
    Requirement,
    Text,
)
from topics.content.reader import Fields, yaml_files
from topics.content.targets import ExamsByCode, read_targets

CASE_FIELDS = (
    "slug", "title_en", "title_ko", "topics", "scenario_en", "scenario_ko", "company_en", "company_ko", "sources",
    "diagram", "requirements",
)  # fmt: skip
REQUIREMENT_FIELDS = (
    "id", "domains", "tasks", "goal", "need_en", "need_ko", "answer_en", "answer_ko", "services", "nodes", "why_en",
    "why_ko", "distractors", "alternatives", "facts",
)  # fmt: skip
NO_TEXT = Text("", "")


def read_diagram(f: Fields) -> Diagram:
    d = Fields(f.mapping("diagram"), f.path, f.errors, "the diagram", f.line_of("diagram"))
    d.only("direction", "groups", "nodes", "edges")
    groups = []
    for item in d.list("groups", required=False):
        g = Fields(item, f.path, f.errors, "a diagram group")
        g.only("id", "label_en", "label_ko", "parent")
        groups.append(
            DiagramGroup(
                g.str("id"), g.text("label") or NO_TEXT, g.str("parent", False) or None, **g.location()
            )
        )
    nodes = []
    for item in d.list("nodes"):
        n = Fields(item, f.path, f.errors, "a diagram node")
        n.only("id", "label_en", "label_ko", "service", "group", "not_here")
        not_here = []
        for entry in n.list("not_here", required=False):
            x = Fields(entry, f.path, f.errors, "a not_here entry")
            x.only("service", "why_en", "why_ko")
            not_here.append(NotHere(x.str("service"), x.text("why") or NO_TEXT, **x.location()))
        nodes.append(
            DiagramNode(
                n.str("id"),
                n.text("label") or NO_TEXT,
                n.str("service", False) or None,
                n.str("group", False) or None,
                not_here,
                **n.location(),
            )
        )
    edges = []
    for item in d.list("edges", required=False):
        e = Fields(item, f.path, f.errors, "a diagram edge")
        e.only("from", "to", "label_en", "label_ko")
        edges.append(DiagramEdge(e.str("from"), e.str("to"), e.text("label", required=False), **e.location()))
    direction = d.str("direction", required=False) or "LR"
    if direction not in ("LR", "TB"):
        d.error(f"direction must be LR or TB, got {direction!r}", "direction")
    return Diagram(direction, groups, nodes, edges)


def _read_alternative(entry, r: Fields) -> Alternative:
    a = Fields(entry, r.path, r.errors, "an alternative")
    a.only("en", "ko", "loses_on", "why_en", "why_ko")
    loses_on = a.choice("loses_on", QUALIFIERS, required=False)
    why = a.text("why", required=bool(loses_on))
    if why and not loses_on:
        a.error("an alternative with a 'why' must say what it loses on ('loses_on')", "why_en")
    return Alternative(a.str("en"), a.str("ko"), loses_on, why)


def read_requirement(item, f: Fields, exams: ExamsByCode) -> Requirement:
    r = Fields(item, f.path, f.errors, "a requirement")
    r.only(*REQUIREMENT_FIELDS)
    distractors = []
    for entry in r.list("distractors"):
        x = Fields(entry, f.path, f.errors, "a distractor")
        x.only("option_en", "option_ko", "why_en", "why_ko", "services")
        distractors.append(
            Distractor(
                x.text("option") or NO_TEXT,
                x.text("why") or NO_TEXT,
                x.str_list("services", required=False),
                **x.location(),
            )
        )
    domains, tasks = read_targets(r, "domains", exams, many=False)
    return Requirement(
        id=r.str("id"),
        domains=domains,
        tasks=tasks,
        goal=r.choice("goal", GOALS),
        need=r.text("need") or NO_TEXT,
        answer=r.text("answer") or NO_TEXT,
        services=r.str_list("services", required=False),
        nodes=r.str_list("nodes", required=False),
        why=r.text("why") or NO_TEXT,
        distractors=distractors,
        alternatives=[_read_alternative(entry, r) for entry in r.list("alternatives", required=False)],
        facts=r.str_list("facts", required=False),
        **r.location(),
    )


def read_cases(root: Path, errors: list[ContentError], exams: ExamsByCode) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for path, path_rel, data in yaml_files(root, "cases", errors):
        f = Fields(data, path_rel, errors, "a case")
        f.only(*CASE_FIELDS)
        slug = f.slug()
        if slug != path.stem:
            f.error(f"slug {slug!r} must match the file name {path.stem!r}", "slug")
        case = Case(
            slug=slug,
            title=f.text("title") or NO_TEXT,
            topics=f.str_list("topics"),
            scenario=f.text("scenario") or NO_TEXT,
            company=f.text("company") or NO_TEXT,
            sources=f.sources(),
            diagram=read_diagram(f),
            requirements=[read_requirement(item, f, exams) for item in f.list("requirements")],
            **f.location(),
        )
        if slug in cases:
            f.error(f"duplicate slug {slug!r}: {cases[slug].path} already uses it", "slug")
            continue
        cases[slug] = case
    return cases
