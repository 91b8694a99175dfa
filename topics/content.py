"""Read and validate the curriculum files in content/ (format: content/README.md).

Django-free: `read_curriculum(root)` returns plain dataclasses or raises `ContentInvalid` with every
problem found, each as `file:line: what is wrong`. Nothing here touches the database.

While reading, each object keeps the `Fields` reader it came from in an `f` attribute, so the
cross-file checks at the end (unknown references, keyed services in a need) can report the exact
file and line of the field at fault.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FACT_ID_RE = re.compile(r"^[A-Z0-9]{2,5}-\d{2,3}$")
FACT_REF_RE = re.compile(r"\[\[([^\[\]\s]+)\]\]")
URL_RE = re.compile(r"^https?://[^\s]+$")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)

LANGUAGES = ("en", "ko")
LANGUAGE_NAMES = {"en": "English", "ko": "Korean"}
FACT_STATUSES = ("current", "changed", "corrected")
UNITS = (
    "s", "ms", "min", "h", "days", "KB", "KiB", "MB", "MiB", "GB", "GiB", "TB", "TiB", "count", "percent", "IOPS",
    "requests-per-s", "Gbps", "Mbps",
)  # fmt: skip
GOALS = ("ops", "cost", "performance", "availability", "security", "simple")
CATEGORIES = (
    "compute", "containers", "storage", "database", "networking", "security", "integration",
    "management", "analytics", "migration", "client", "edge",
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line or 0, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


# ---------------------------------------------------------------------------------------------
# YAML that remembers line numbers


class Mapping(dict):
    line: int = 0
    key_lines: dict


class Sequence(list):
    line: int = 0
    item_lines: list


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml parses ~10x faster
    pass


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _DuplicateKey(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader, node):
    sequence = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str, errors: list[ContentError], line_offset: int = 0) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        errors.append(ContentError(path, line, f"bad YAML: {problem}"))
    except yaml.YAMLError as exc:
        errors.append(ContentError(path, None, f"bad YAML: {exc}"))
    return None


# ---------------------------------------------------------------------------------------------
# The curriculum as plain data


@dataclass(frozen=True)
class Text:
    """The same text in both languages."""

    en: str
    ko: str

    def get(self, language: str) -> str:
        return getattr(self, language)


@dataclass(frozen=True)
class Source:
    url: str
    title: str


@dataclass
class Service:
    slug: str
    name: str
    short: str
    aliases: list[str]
    category: str
    does: Text
    confusables: list[str]


@dataclass
class GlossaryTerm:
    slug: str
    term: Text
    aliases: list[str]
    definition: Text
    topic: str | None
    service: str | None


@dataclass
class ExamDomain:
    number: int
    weight: int
    title: Text
    tasks: list[dict]


@dataclass
class Exam:
    slug: str
    code: str
    title: Text
    questions: int
    scored: int
    minutes: int
    pass_scaled: int
    source: str
    as_of: datetime.date
    domains: list[ExamDomain]


@dataclass
class Topic:
    slug: str
    order: int
    exams: dict[str, list[int]]
    services: list[str]
    facts: list[str]
    related: list[str]
    sources: list[Source]
    title: Text
    summary: Text
    body: Text
    path: str = ""


@dataclass
class Neighbour:
    number: float
    why: Text


@dataclass
class FactQuiz:
    number: float
    unit: str
    family: str
    subject: Text
    ask: list[Text]
    neighbours: list[Neighbour]


@dataclass
class Fact:
    id: str
    group: str
    topic: str
    services: list[str]
    domains: dict[str, int]
    text: Text
    value: Text
    as_of: datetime.date
    source: str
    status: str
    seed_says: str
    change: Text | None
    quiz: FactQuiz | None
    path: str = ""
    line: int = 0


@dataclass
class FactGroup:
    code: str
    title: Text


@dataclass
class DiagramGroup:
    id: str
    label: Text
    parent: str | None


@dataclass
class DiagramNode:
    id: str
    label: Text
    service: str | None
    group: str | None


@dataclass
class DiagramEdge:
    source: str
    target: str
    label: Text | None


@dataclass
class Diagram:
    direction: str
    groups: list[DiagramGroup]
    nodes: list[DiagramNode]
    edges: list[DiagramEdge]


@dataclass
class Distractor:
    option: Text
    why: Text
    services: list[str]


@dataclass
class Requirement:
    id: str
    domains: dict[str, int]
    goal: str
    need: Text
    answer: Text
    services: list[str]
    nodes: list[str]
    why: Text
    distractors: list[Distractor]
    alternatives: list[Text]
    facts: list[str]


@dataclass
class Case:
    slug: str
    title: Text
    topics: list[str]
    scenario: Text
    company: Text
    sources: list[Source]
    diagram: Diagram
    requirements: list[Requirement]
    path: str = ""


@dataclass
class Curriculum:
    services: dict[str, Service] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    exams: dict[str, Exam] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    fact_groups: dict[str, FactGroup] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Field access with precise errors


class Fields:
    """Typed access to one YAML mapping; every problem becomes a ContentError at the right line."""

    def __init__(self, data: Any, path: str, errors: list[ContentError], what: str, line: int | None = None):
        self.path, self.errors, self.what = path, errors, what
        self.ok = isinstance(data, dict)
        self.data = data if self.ok else {}
        self.line = getattr(data, "line", None) or line
        if not self.ok:
            self.error(f"{what} must be a mapping of fields, got {type(data).__name__}")

    def line_of(self, key: str) -> int | None:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def error(self, message: str, key: str | None = None) -> None:
        self.errors.append(ContentError(self.path, self.line_of(key) if key else self.line, message))

    def only(self, *allowed: str) -> None:
        for key in self.data:
            if key not in allowed:
                self.error(f"unknown field {key!r} in {self.what}", key)

    def _get(self, key: str, required: bool):
        if key not in self.data or self.data[key] is None or self.data[key] == "":
            if required:
                self.error(f"missing field {key!r} in {self.what}")
            return None
        return self.data[key]

    def str(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            self.error(f"field {key!r} must be text", key)
            return ""
        return str(value).strip()

    def text(self, stem: str, required: bool = True) -> Text | None:
        """Read `stem_en` and `stem_ko`; a missing language is an error of its own."""
        present = [
            f"{stem}_{lang}" in self.data and self.data[f"{stem}_{lang}"] not in (None, "")
            for lang in LANGUAGES
        ]
        if not any(present):
            if required:
                self.error(f"missing field {stem!r} in {self.what} (needs {stem}_en and {stem}_ko)")
            return None
        for language, here in zip(LANGUAGES, present, strict=True):
            if not here:
                self.error(
                    f"missing language: {stem}_{language} ({LANGUAGE_NAMES[language]}) is required in {self.what}"
                )
        return Text(self.str(f"{stem}_en", False), self.str(f"{stem}_ko", False))

    def int(self, key: str, required: bool = True, minimum: int | None = None) -> int:
        value = self._get(key, required)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"field {key!r} must be a whole number, got {value!r}", key)
            return 0
        if minimum is not None and value < minimum:
            self.error(f"field {key!r} must be at least {minimum}, got {value}", key)
        return value

    def number(self, key: str) -> float:
        value = self._get(key, True)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(f"field {key!r} must be a number, got {value!r}", key)
            return 0
        return value

    def list(self, key: str, required: bool = True) -> list:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"field {key!r} must be a list", key)
            return []
        return value

    def str_list(self, key: str, required: bool = True) -> list[str]:
        items = self.list(key, required)
        if any(not isinstance(item, (str, int)) for item in items):
            self.error(f"field {key!r} must be a list of names", key)
            return []
        return [str(item) for item in items]

    def mapping(self, key: str, required: bool = True) -> dict:
        value = self._get(key, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(f"field {key!r} must be a mapping", key)
            return {}
        return value

    def date(self, key: str) -> datetime.date | None:
        value = self._get(key, True)
        if value is None:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.error(f"field {key!r} must be a date like 2026-11-22, got {value!r}", key)
            return None

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.str(key)
        if value and value not in choices:
            self.error(f"field {key!r} must be one of {', '.join(choices)}, got {value!r}", key)
        return value

    def url(self, key: str, what: str = "source") -> str:
        value = self._get(key, False)
        if value is None:
            self.error(f"missing {what}: field {key!r} with a documentation URL is required in {self.what}")
            return ""
        value = str(value).strip()
        if not URL_RE.match(value):
            self.error(f"field {key!r} must be an http(s) URL, got {value!r}", key)
        return value

    def slug(self, key: str = "slug") -> str:
        value = self.str(key)
        if value and not SLUG_RE.match(value):
            self.error(f"{key} {value!r} must be lower-case letters, digits and hyphens", key)
        return value


def _sources(fields: Fields, key: str = "sources") -> list[Source]:
    sources = []
    items = fields.list(key)
    if not items:
        fields.error(f"missing sources: {fields.what} needs at least one documentation link")
    for item in items:
        item_fields = Fields(item, fields.path, fields.errors, "a source", fields.line_of(key))
        item_fields.only("url", "title")
        sources.append(Source(item_fields.url("url"), item_fields.str("title")))
    return sources


# ---------------------------------------------------------------------------------------------
# Readers, one per kind of file


def _rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)


def _read(path: Path, root: Path, errors: list[ContentError]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        errors.append(ContentError(_rel(path, root), None, "file is missing"))
    except UnicodeDecodeError as exc:
        errors.append(ContentError(_rel(path, root), None, f"not UTF-8 text ({exc.reason})"))
    return None


def _load_yaml_file(path: Path, root: Path, errors: list[ContentError]) -> tuple[str, Any]:
    rel = _rel(path, root)
    text = _read(path, root, errors)
    return rel, parse_yaml(text, rel, errors) if text is not None else None


def _yaml_files(root: Path, folder: str, errors: list[ContentError]):
    """(path, relative path, data) for every YAML file in a folder that parses."""
    for path in sorted((root / folder).glob("*.yaml")):
        rel, data = _load_yaml_file(path, root, errors)
        if data is not None:
            yield path, rel, data


def _read_services(root: Path, errors: list[ContentError]) -> dict[str, Service]:
    rel, data = _load_yaml_file(root / "services.yaml", root, errors)
    services: dict[str, Service] = {}
    if data is not None and not isinstance(data, list):
        errors.append(ContentError(rel, None, "services.yaml must be a list of services"))
        return services
    for item in data or []:
        f = Fields(item, rel, errors, "a service")
        f.only("slug", "name", "short", "aliases", "category", "does_en", "does_ko", "confusables")
        slug = f.slug()
        if slug in services:
            f.error(f"duplicate slug {slug!r}: another service already uses it", "slug")
            continue
        services[slug] = Service(
            slug=slug,
            name=f.str("name"),
            short=f.str("short"),
            aliases=f.str_list("aliases", required=False),
            category=f.choice("category", CATEGORIES),
            does=f.text("does", required=False) or Text("", ""),
            confusables=f.str_list("confusables", required=False),
        )
        services[slug].line = f.line  # type: ignore[attr-defined]
    for service in services.values():
        for other in service.confusables:
            if other not in services:
                errors.append(
                    ContentError(
                        rel, service.line, f"unknown service {other!r} in confusables of {service.slug!r}"
                    )
                )  # type: ignore[attr-defined]
    return services


def _read_glossary(root: Path, errors: list[ContentError]) -> tuple[dict[str, GlossaryTerm], dict[str, int]]:
    rel, data = _load_yaml_file(root / "glossary.yaml", root, errors)
    terms: dict[str, GlossaryTerm] = {}
    lines: dict[str, int] = {}
    if data is not None and not isinstance(data, list):
        errors.append(ContentError(rel, None, "glossary.yaml must be a list of terms"))
        return terms, lines
    for item in data or []:
        f = Fields(item, rel, errors, "a glossary term")
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
        )
        lines[slug] = f.line or 0
    return terms, lines


def _read_exams(root: Path, errors: list[ContentError]) -> dict[str, Exam]:
    exams: dict[str, Exam] = {}
    for path, rel, data in _yaml_files(root, "blueprints", errors):
        f = Fields(data, rel, errors, "a blueprint")
        f.only(
            "slug",
            "exam",
            "title_en",
            "title_ko",
            "questions",
            "scored",
            "minutes",
            "pass_scaled",
            "source",
            "as_of",
            "domains",
        )
        slug = f.slug()
        if slug != path.stem:
            f.error(f"slug {slug!r} must match the file name {path.stem!r}", "slug")
        code = f.str("exam")
        domains = []
        for item in f.list("domains"):
            d = Fields(item, rel, errors, "a blueprint domain")
            d.only("number", "weight", "title_en", "title_ko", "tasks")
            domains.append(
                ExamDomain(
                    number=d.int("number", minimum=1),
                    weight=d.int("weight", minimum=1),
                    title=d.text("title") or Text("", ""),
                    tasks=[dict(task) for task in d.list("tasks", required=False) if isinstance(task, dict)],
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
        )
    if not exams:
        errors.append(ContentError(_rel(root / "blueprints", root), None, "no exam blueprints found"))
    return exams


def _split_front_matter(text: str, rel: str, errors: list[ContentError]) -> tuple[Any, str, int]:
    match = FRONT_MATTER_RE.match(text)
    if not match:
        errors.append(
            ContentError(
                rel,
                1,
                "missing front matter: the file must start with a '---' block holding title and summary",
            )
        )
        return None, text, 0
    meta = parse_yaml(match.group(1), rel, errors, line_offset=1)
    body_start_line = match.group(0).count("\n")
    return meta, text[match.end() :], body_start_line


def _exam_domains(f: Fields, key: str, exam_codes: dict[str, int], many: bool) -> dict:
    result = {}
    for code, value in f.mapping(key).items():
        if code not in exam_codes:
            f.error(f"unknown exam {code!r} in {key} (known: {', '.join(sorted(exam_codes))})", key)
            continue
        values = value if many and isinstance(value, list) else [value]
        if many and not isinstance(value, list):
            f.error(f"{key}: {code} must list domain numbers, like [1, 2]", key)
        for number in values:
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= exam_codes[code]:
                f.error(f"{key}: {code} has no domain {number!r} (domains are 1-{exam_codes[code]})", key)
        result[code] = sorted(set(values)) if many else value
    if not result:
        f.error(f"{key} must map at least one exam to its domain(s)", key)
    return result


def _read_topics(root: Path, errors: list[ContentError], exam_codes: dict[str, int]) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    for directory in sorted(p for p in (root / "topics").iterdir() if p.is_dir()):
        slug = directory.name
        meta_path = directory / "topic.yaml"
        rel = _rel(meta_path, root)
        if not SLUG_RE.match(slug):
            errors.append(ContentError(_rel(directory, root), None, f"topic folder {slug!r} must be a slug"))
        text = _read(meta_path, root, errors)
        data = parse_yaml(text, rel, errors) if text is not None else None
        f = Fields(data if data is not None else Mapping(), rel, errors, "topic.yaml")
        f.only("order", "exams", "services", "facts", "related", "sources")
        notes: dict[str, tuple[Any, str, int, str]] = {}
        for language in LANGUAGES:
            note_path = directory / f"{language}.md"
            note_rel = _rel(note_path, root)
            if not note_path.exists():
                errors.append(
                    ContentError(
                        note_rel,
                        None,
                        f"missing language: the {LANGUAGE_NAMES[language]} note {language}.md is required",
                    )
                )
                continue
            note_text = _read(note_path, root, errors)
            if note_text is None:
                continue
            meta, body, offset = _split_front_matter(note_text, note_rel, errors)
            nf = Fields(
                meta if meta is not None else Mapping(),
                note_rel,
                errors,
                f"the front matter of {language}.md",
                1,
            )
            nf.only("title", "summary")
            title, summary = nf.str("title"), nf.str("summary")
            if not body.strip():
                errors.append(ContentError(note_rel, offset + 1, "the note has no body"))
            notes[language] = (title, summary, offset, body)
        en = notes.get("en", ("", "", 0, ""))
        ko = notes.get("ko", ("", "", 0, ""))
        topic = Topic(
            slug=slug,
            order=f.int("order", minimum=0),
            exams=_exam_domains(f, "exams", exam_codes, many=True) if f.ok and data is not None else {},
            services=f.str_list("services", required=False),
            facts=f.str_list("facts", required=False),
            related=f.str_list("related", required=False),
            sources=_sources(f),
            title=Text(en[0], ko[0]),
            summary=Text(en[1], ko[1]),
            body=Text(en[3], ko[3]),
            path=rel,
        )
        topic.f = f  # type: ignore[attr-defined]
        topic.body_offsets = {"en": en[2], "ko": ko[2]}  # type: ignore[attr-defined]
        topics[slug] = topic
    return topics


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


def _read_facts(
    root: Path, errors: list[ContentError], exam_codes: dict[str, int]
) -> tuple[dict[str, Fact], dict[str, FactGroup]]:
    facts: dict[str, Fact] = {}
    groups: dict[str, FactGroup] = {}
    for _path, rel, data in _yaml_files(root, "facts", errors):
        g = Fields(data, rel, errors, "a facts file")
        g.only("group", "title_en", "title_ko", "facts")
        code = g.str("group")
        if code in groups:
            g.error(f"duplicate fact group {code!r}", "group")
        groups[code] = FactGroup(code, g.text("title") or Text("", ""))
        for item in g.list("facts"):
            f = Fields(item, rel, errors, "a fact")
            f.only(
                "id", "topic", "services", "domains", "text_en", "text_ko", "value_en", "value_ko", "as_of",
                "source", "status", "seed_says", "change_en", "change_ko", "quiz",
            )  # fmt: skip
            fact_id = f.str("id")
            if fact_id and not FACT_ID_RE.match(fact_id):
                f.error(f"fact id {fact_id!r} must look like LAM-01", "id")
            if fact_id in facts:
                other = facts[fact_id]
                f.error(f"duplicate fact id {fact_id!r}: already defined at {other.path}:{other.line}", "id")
                continue
            status = f.choice("status", FACT_STATUSES)
            change = f.text("change", required=status in ("changed", "corrected"))
            fact = Fact(
                id=fact_id,
                group=code,
                topic=f.str("topic"),
                services=f.str_list("services", required=False),
                domains=_exam_domains(f, "domains", exam_codes, many=False),
                text=f.text("text") or Text("", ""),
                value=f.text("value") or Text("", ""),
                as_of=f.date("as_of") or datetime.date.min,
                source=f.url("source"),
                status=status,
                seed_says=f.str("seed_says", required=False),
                change=change,
                quiz=_read_quiz(f),
                path=rel,
                line=f.line or 0,
            )
            fact.f = f  # type: ignore[attr-defined]
            facts[fact_id] = fact
    return facts, groups


def _read_cases(root: Path, errors: list[ContentError], exam_codes: dict[str, int]) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for path, rel, data in _yaml_files(root, "cases", errors):
        f = Fields(data, rel, errors, "a case")
        f.only(
            "slug",
            "title_en",
            "title_ko",
            "topics",
            "scenario_en",
            "scenario_ko",
            "company_en",
            "company_ko",
            "sources",
            "diagram",
            "requirements",
        )
        slug = f.slug()
        if slug != path.stem:
            f.error(f"slug {slug!r} must match the file name {path.stem!r}", "slug")
        d = Fields(f.mapping("diagram"), rel, errors, "the diagram", f.line_of("diagram"))
        d.only("direction", "groups", "nodes", "edges")
        groups = []
        for item in d.list("groups", required=False):
            gf = Fields(item, rel, errors, "a diagram group")
            gf.only("id", "label_en", "label_ko", "parent")
            groups.append(
                DiagramGroup(gf.str("id"), gf.text("label") or Text("", ""), gf.str("parent", False) or None)
            )
            groups[-1].f = gf  # type: ignore[attr-defined]
        nodes = []
        for item in d.list("nodes"):
            nf = Fields(item, rel, errors, "a diagram node")
            nf.only("id", "label_en", "label_ko", "service", "group")
            nodes.append(
                DiagramNode(
                    nf.str("id"),
                    nf.text("label") or Text("", ""),
                    nf.str("service", False) or None,
                    nf.str("group", False) or None,
                )
            )
            nodes[-1].f = nf  # type: ignore[attr-defined]
        edges = []
        for item in d.list("edges", required=False):
            ef = Fields(item, rel, errors, "a diagram edge")
            ef.only("from", "to", "label_en", "label_ko")
            edges.append(DiagramEdge(ef.str("from"), ef.str("to"), ef.text("label", required=False)))
            edges[-1].f = ef  # type: ignore[attr-defined]
        direction = d.str("direction", required=False) or "LR"
        if direction not in ("LR", "TB"):
            d.error(f"direction must be LR or TB, got {direction!r}", "direction")
        requirements = []
        for item in f.list("requirements"):
            r = Fields(item, rel, errors, "a requirement")
            r.only(
                "id",
                "domains",
                "goal",
                "need_en",
                "need_ko",
                "answer_en",
                "answer_ko",
                "services",
                "nodes",
                "why_en",
                "why_ko",
                "distractors",
                "alternatives",
                "facts",
            )
            distractors = []
            for entry in r.list("distractors"):
                x = Fields(entry, rel, errors, "a distractor")
                x.only("option_en", "option_ko", "why_en", "why_ko", "services")
                distractors.append(
                    Distractor(
                        x.text("option") or Text("", ""),
                        x.text("why") or Text("", ""),
                        x.str_list("services", required=False),
                    )
                )
                distractors[-1].f = x  # type: ignore[attr-defined]
            alternatives = []
            for entry in r.list("alternatives", required=False):
                a = Fields(entry, rel, errors, "an alternative")
                a.only("en", "ko")
                alternatives.append(Text(a.str("en"), a.str("ko")))
            requirement = Requirement(
                id=r.str("id"),
                domains=_exam_domains(r, "domains", exam_codes, many=False),
                goal=r.choice("goal", GOALS),
                need=r.text("need") or Text("", ""),
                answer=r.text("answer") or Text("", ""),
                services=r.str_list("services", required=False),
                nodes=r.str_list("nodes", required=False),
                why=r.text("why") or Text("", ""),
                distractors=distractors,
                alternatives=alternatives,
                facts=r.str_list("facts", required=False),
            )
            requirement.f = r  # type: ignore[attr-defined]
            requirements.append(requirement)
        case = Case(
            slug=slug,
            title=f.text("title") or Text("", ""),
            topics=f.str_list("topics"),
            scenario=f.text("scenario") or Text("", ""),
            company=f.text("company") or Text("", ""),
            sources=_sources(f),
            diagram=Diagram(direction, groups, nodes, edges),
            requirements=requirements,
            path=rel,
        )
        case.f = f  # type: ignore[attr-defined]
        if slug in cases:
            f.error(f"duplicate slug {slug!r}: {cases[slug].path} already uses it", "slug")
            continue
        cases[slug] = case
    return cases


# ---------------------------------------------------------------------------------------------
# Cross-file checks


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Case-folded words separated by single spaces: how two texts are compared for sameness."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def names_of(service: Service) -> list[str]:
    """Every way a text can name a service: full name, short name, aliases, the name without its vendor."""
    names = {service.name, service.short, *service.aliases}
    for vendor in ("Amazon ", "AWS "):
        if service.name.startswith(vendor):
            names.add(service.name.removeprefix(vendor))
    base = re.sub(r"\s*\(.*?\)", "", service.name)
    names.add(base)
    return sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)


@functools.lru_cache(maxsize=4096)
def _word_pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w@])" + re.escape(name) + r"(?![\w@])", re.IGNORECASE)


def mentions(text: str, name: str) -> bool:
    """Whether `text` names `name` as a word (case-insensitive; 'S3' does not match 'S3x')."""
    return _word_pattern(name).search(text) is not None


def _check_references(cur: Curriculum, errors: list[ContentError]) -> None:
    for topic in cur.topics.values():
        f = topic.f  # type: ignore[attr-defined]
        for service in topic.services:
            if service not in cur.services:
                f.error(f"unknown service {service!r}", "services")
        for fact in topic.facts:
            if fact not in cur.facts:
                f.error(f"unknown fact {fact!r}", "facts")
        for related in topic.related:
            if related not in cur.topics:
                f.error(f"unknown topic {related!r} in related", "related")
        for language in LANGUAGES:
            offset = topic.body_offsets[language]  # type: ignore[attr-defined]
            note_rel = topic.path.replace("topic.yaml", f"{language}.md")
            for number, line in enumerate(topic.body.get(language).splitlines(), start=1):
                for ref in FACT_REF_RE.findall(line):
                    if ref not in cur.facts:
                        errors.append(
                            ContentError(
                                note_rel, offset + number, f"unknown fact {ref!r} cited as [[{ref}]]"
                            )
                        )
    for fact in cur.facts.values():
        f = fact.f  # type: ignore[attr-defined]
        if fact.topic and fact.topic not in cur.topics:
            f.error(f"unknown topic {fact.topic!r} for fact {fact.id}", "topic")
        for service in fact.services:
            if service not in cur.services:
                f.error(f"unknown service {service!r} for fact {fact.id}", "services")
    for case in cur.cases.values():
        _check_case(case, cur, errors)


def _check_case(case: Case, cur: Curriculum, errors: list[ContentError]) -> None:
    f = case.f  # type: ignore[attr-defined]
    for topic in case.topics:
        if topic not in cur.topics:
            f.error(f"unknown topic {topic!r}", "topics")
    group_ids = [g.id for g in case.diagram.groups]
    node_ids = [n.id for n in case.diagram.nodes]
    for group in case.diagram.groups:
        if group_ids.count(group.id) > 1:
            group.f.error(f"duplicate diagram group id {group.id!r}", "id")  # type: ignore[attr-defined]
        if group.parent and group.parent not in group_ids:
            group.f.error(f"unknown parent group {group.parent!r}", "parent")  # type: ignore[attr-defined]
    for node in case.diagram.nodes:
        nf = node.f  # type: ignore[attr-defined]
        if node_ids.count(node.id) > 1:
            nf.error(f"duplicate diagram node id {node.id!r}", "id")
        if node.group and node.group not in group_ids:
            nf.error(f"unknown group {node.group!r} for node {node.id!r}", "group")
        if node.service and node.service not in cur.services:
            nf.error(f"unknown service {node.service!r} for node {node.id!r}", "service")
    for edge in case.diagram.edges:
        for end in (edge.source, edge.target):
            if end not in node_ids:
                edge.f.error(f"edge refers to unknown node {end!r}")  # type: ignore[attr-defined]
    if len(node_ids) < 4:
        f.error(f"the diagram needs at least 4 nodes, it has {len(node_ids)}", "diagram")
    seen = set()
    for requirement in case.requirements:
        r = requirement.f  # type: ignore[attr-defined]
        where = f"requirement {requirement.id}"
        if requirement.id in seen:
            r.error(f"duplicate requirement id {requirement.id!r}", "id")
        seen.add(requirement.id)
        for node in requirement.nodes:
            if node not in node_ids:
                r.error(f"{where}: unknown diagram node {node!r}", "nodes")
        for fact in requirement.facts:
            if fact not in cur.facts:
                r.error(f"{where}: unknown fact {fact!r}", "facts")
        for service in requirement.services:
            if service not in cur.services:
                r.error(f"{where}: unknown service {service!r}", "services")
                continue
            for name in names_of(cur.services[service]):
                for language in LANGUAGES:
                    if mentions(requirement.need.get(language), name):
                        r.error(
                            f"{where}: the need ({language}) names {name!r}, a keyed service, so it gives the answer away",
                            f"need_{language}",
                        )
        if len(requirement.distractors) < 3:
            r.error(
                f"{where} needs at least 3 distractors, it has {len(requirement.distractors)}", "distractors"
            )
        answer = normalise(requirement.answer.en)
        alternatives = {normalise(a.en) for a in requirement.alternatives}
        options = []
        for distractor in requirement.distractors:
            option = normalise(distractor.option.en)
            x = distractor.f  # type: ignore[attr-defined]
            if option == answer:
                x.error(f"{where}: a distractor repeats the answer")
            if option in alternatives:
                x.error(f"{where}: a distractor is listed as an acceptable alternative")
            if option in options:
                x.error(f"{where}: two distractors are the same")
            options.append(option)
            for service in distractor.services:
                if service not in cur.services:
                    x.error(f"{where}: unknown service {service!r} in a distractor", "services")


def _check_glossary(cur: Curriculum, errors: list[ContentError], rel: str, lines: dict[str, int]) -> None:
    for term in cur.glossary.values():
        line = lines.get(term.slug)
        if term.topic and term.topic not in cur.topics:
            errors.append(
                ContentError(rel, line, f"unknown topic {term.topic!r} for glossary term {term.slug!r}")
            )
        if term.service and term.service not in cur.services:
            errors.append(
                ContentError(rel, line, f"unknown service {term.service!r} for glossary term {term.slug!r}")
            )


def read_curriculum(root: Path) -> Curriculum:
    """Read every file under `root` (the content/ folder); raise ContentInvalid listing every problem."""
    root = Path(root)
    errors: list[ContentError] = []
    cur = Curriculum()
    cur.exams = _read_exams(root, errors)
    exam_codes = {exam.code: len(exam.domains) for exam in cur.exams.values()}
    cur.services = _read_services(root, errors)
    cur.topics = _read_topics(root, errors, exam_codes)
    cur.facts, cur.fact_groups = _read_facts(root, errors, exam_codes)
    cur.cases = _read_cases(root, errors, exam_codes)
    cur.glossary, glossary_lines = _read_glossary(root, errors)
    _check_references(cur, errors)
    _check_glossary(cur, errors, _rel(root / "glossary.yaml", root), glossary_lines)
    if errors:
        raise ContentInvalid(errors)
    return cur
