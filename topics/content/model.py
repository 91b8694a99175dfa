"""The curriculum as plain data: what the readers return and the loader and generator consume."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

LANGUAGES = ("en", "ko")
FACT_STATUSES = ("current", "changed", "corrected")
UNITS = (
    "s", "ms", "min", "h", "days", "KB", "KiB", "MB", "MiB", "GB", "GiB", "TB", "TiB", "count", "percent", "IOPS",
    "requests-per-s", "Gbps", "Mbps",
)  # fmt: skip
GOALS = ("ops", "cost", "performance", "availability", "security", "simple")
QUALIFIERS = ("ops", "cost", "performance", "availability", "security")
CATEGORIES = (
    "compute", "containers", "storage", "database", "networking", "security", "integration",
    "management", "analytics", "migration", "client", "edge",
)  # fmt: skip


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


@dataclass(kw_only=True)
class Located:
    """Where a thing was read from, so checks that run after reading can name the file and line."""

    path: str = ""
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


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
class Service(Located):
    slug: str
    name: str
    short: str
    aliases: list[str]
    category: str
    does: Text
    confusables: list[str]


@dataclass
class GlossaryTerm(Located):
    slug: str
    term: Text
    aliases: list[str]
    definition: Text
    topic: str | None
    service: str | None


@dataclass(frozen=True)
class TaskStatement:
    code: str  # "1.1": the number AWS gives it; the domain is the part before the dot
    title: Text

    @property
    def domain(self) -> int:
        return int(self.code.split(".")[0])


@dataclass
class ExamDomain:
    number: int
    weight: int
    title: Text
    tasks: list[TaskStatement]


@dataclass
class Exam(Located):
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

    def task_codes(self) -> set[str]:
        return {task.code for domain in self.domains for task in domain.tasks}


def domains_of(tasks: dict[str, list[str]]) -> dict[str, list[int]]:
    """The exam domains that task statements belong to ("3.3" is in domain 3)."""
    return {exam: sorted({int(code.split(".")[0]) for code in codes}) for exam, codes in tasks.items()}


@dataclass
class Topic(Located):
    slug: str
    order: int
    exams: dict[str, list[int]]  # exam code -> domains
    tasks: dict[str, list[str]]  # exam code -> task statement codes (empty for files that predate them)
    services: list[str]
    facts: list[str]
    related: list[str]
    sources: list[Source]
    title: Text
    summary: Text
    body: Text
    body_lines: dict[str, int] = field(
        default_factory=dict
    )  # language -> line of the note where the body starts

    def note_path(self, language: str) -> str:
        return self.path.replace("topic.yaml", f"{language}.md")


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
class Fact(Located):
    id: str
    group: str
    topic: str
    services: list[str]
    domains: dict[str, int]  # exam code -> domain
    tasks: dict[str, str]  # exam code -> task statement code
    text: Text
    value: Text
    as_of: datetime.date
    source: str
    status: str
    seed_says: str
    change: Text | None
    quiz: FactQuiz | None


@dataclass
class FactGroup:
    code: str
    title: Text


@dataclass
class DiagramGroup(Located):
    id: str
    label: Text
    parent: str | None


@dataclass
class NotHere(Located):
    """A service a learner might put in a diagram box, and why it does not fit that box (the missing-box form)."""

    service: str
    why: Text


@dataclass
class DiagramNode(Located):
    id: str
    label: Text
    service: str | None
    group: str | None
    not_here: list[NotHere] = field(default_factory=list)


@dataclass
class DiagramEdge(Located):
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
class Distractor(Located):
    option: Text
    why: Text
    services: list[str]


@dataclass(frozen=True)
class Alternative(Text):
    """An answer that also meets the need; `loses_on` names the goal on which it is worse, and why."""

    loses_on: str = ""
    why: Text | None = None


@dataclass
class Requirement(Located):
    id: str
    domains: dict[str, int]
    tasks: dict[str, str]
    goal: str
    need: Text
    answer: Text
    services: list[str]
    nodes: list[str]
    why: Text
    distractors: list[Distractor]
    alternatives: list[Alternative]
    facts: list[str]


@dataclass
class Case(Located):
    slug: str
    title: Text
    topics: list[str]
    scenario: Text
    company: Text
    sources: list[Source]
    diagram: Diagram
    requirements: list[Requirement]


@dataclass
class AuthoredChoice:
    text: Text
    correct: bool
    why: Text


@dataclass
class AuthoredQuestion(Located):
    """A hand-written exam item from content/questions/."""

    id: str
    group: str
    tasks: dict[str, str]
    domains: dict[str, int]
    topic: str
    services: list[str]
    facts: list[str]
    qualifier: str
    kind: str
    choose: int
    stem: Text
    choices: list[AuthoredChoice]
    explanation: Text | None
    sources: list[Source]


@dataclass
class Curriculum:
    services: dict[str, Service] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    exams: dict[str, Exam] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    fact_groups: dict[str, FactGroup] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    questions: dict[str, AuthoredQuestion] = field(default_factory=dict)
