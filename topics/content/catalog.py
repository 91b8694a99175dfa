"""Readers for the shared lists: services.yaml, glossary.yaml and the exam blueprints."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from topics.content.model import (
    CATEGORIES,
    ContentError,
    Exam,
    ExamDomain,
    GlossaryTerm,
    Service,
    TaskStatement,
    Text,
)
from topics.content.reader import Fields, load_yaml_file, rel, yaml_files

TASK_CODE_RE = re.compile(r"^\d\.\d{1,2}$")


def _list_file(root: Path, name: str, what: str, errors: list[ContentError]) -> tuple[str, list]:
    path_rel, data = load_yaml_file(root / name, root, errors)
    if data is not None and not isinstance(data, list):
        errors.append(ContentError(path_rel, None, f"{name} must be a list of {what}"))
        return path_rel, []
    return path_rel, data or []


def read_services(root: Path, errors: list[ContentError]) -> dict[str, Service]:
    path_rel, items = _list_file(root, "services.yaml", "services", errors)
    services: dict[str, Service] = {}
    for item in items:
        f = Fields(item, path_rel, errors, "a service")
        f.only("slug", "name", "short", "aliases", "category", "does_en", "does_ko", "confusables")
        slug = f.slug()
        if slug in services:
            f.error(
                f"duplicate slug {slug!r}: another service already uses it (line {services[slug].line})",
                "slug",
            )
            continue
        services[slug] = Service(
            slug=slug,
            name=f.str("name"),
            short=f.str("short"),
            aliases=f.str_list("aliases", required=False),
            category=f.choice("category", CATEGORIES),
            does=f.text("does", required=False) or Text("", ""),
            confusables=f.str_list("confusables", required=False),
            **f.location(),
        )
    return services


def read_glossary(root: Path, errors: list[ContentError]) -> dict[str, GlossaryTerm]:
    path_rel, items = _list_file(root, "glossary.yaml", "terms", errors)
    terms: dict[str, GlossaryTerm] = {}
    for item in items:
        f = Fields(item, path_rel, errors, "a glossary term")
        f.only("slug", "term_en", "term_ko", "aliases", "definition_en", "definition_ko", "topic", "service")
        slug = f.slug()
        if slug in terms:
            f.error(f"duplicate slug {slug!r}: another glossary term already uses it", "slug")
            continue
        terms[slug] = GlossaryTerm(
            slug=slug,
            term=f.text("term") or Text("", ""),
            aliases=f.str_list("aliases", required=False),
            definition=f.text("definition") or Text("", ""),
            topic=f.str("topic", required=False) or None,
            service=f.str("service", required=False) or None,
            **f.location(),
        )
    return terms


def _read_tasks(d: Fields, number: int) -> list[TaskStatement]:
    tasks = []
    for item in d.list("tasks", required=False):
        t = Fields(item, d.path, d.errors, "a task statement", d.line_of("tasks"))
        t.only("code", "title_en", "title_ko")
        code = t.str("code")
        if code and not TASK_CODE_RE.match(code):
            t.error(f'task statement code {code!r} must look like "1.1"', "code")
        elif code and int(code.split(".")[0]) != number:
            t.error(f"task statement {code} is listed under domain {number}", "code")
        if code in {task.code for task in tasks}:
            t.error(f"duplicate task statement {code}", "code")
        tasks.append(TaskStatement(code, t.text("title") or Text("", "")))
    return tasks


def read_exams(root: Path, errors: list[ContentError]) -> dict[str, Exam]:
    exams: dict[str, Exam] = {}
    for path, path_rel, data in yaml_files(root, "blueprints", errors):
        f = Fields(data, path_rel, errors, "a blueprint")
        f.only(
            "slug", "exam", "title_en", "title_ko", "questions", "scored", "minutes", "pass_scaled", "source",
            "as_of", "domains",
        )  # fmt: skip
        slug = f.slug()
        if slug != path.stem:
            f.error(f"slug {slug!r} must match the file name {path.stem!r}", "slug")
        code = f.str("exam")
        domains = []
        for item in f.list("domains"):
            d = Fields(item, path_rel, errors, "a blueprint domain")
            d.only("number", "weight", "title_en", "title_ko", "tasks")
            number = d.int("number", minimum=1)
            domains.append(
                ExamDomain(
                    number,
                    d.int("weight", minimum=1),
                    d.text("title") or Text("", ""),
                    _read_tasks(d, number),
                )
            )
        if domains and sum(d.weight for d in domains) != 100:
            f.error(
                f"domain weights must add up to 100, they add up to {sum(d.weight for d in domains)}",
                "domains",
            )
        if [d.number for d in domains] != list(range(1, len(domains) + 1)):
            f.error("domains must be numbered 1, 2, 3, ... in order", "domains")
        if code in {exam.code for exam in exams.values()}:
            f.error(f"duplicate exam {code!r}: another blueprint already defines it", "exam")
        exams[slug] = Exam(
            slug=slug,
            code=code,
            title=f.text("title") or Text("", ""),
            questions=f.int("questions", minimum=1),
            scored=f.int("scored", minimum=1),
            minutes=f.int("minutes", minimum=1),
            pass_scaled=f.int("pass_scaled", minimum=100),
            source=f.url("source"),
            as_of=f.date("as_of") or datetime.date.min,
            domains=domains,
            **f.location(),
        )
    if not exams:
        errors.append(ContentError(rel(root / "blueprints", root), None, "no exam blueprints found"))
    return exams
