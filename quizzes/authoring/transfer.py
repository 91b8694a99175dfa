"""Import Moodle GIFT and Moodle XML files into the bank; export the bank as GIFT, Moodle XML or our content YAML.

An import is planned first (read the file, decide for each question: create, update, unchanged or skip),
which writes nothing and is what the upload page previews and `--dry-run` prints; applying the plan is
one transaction, so an error anywhere leaves the bank as it was.

A question in a file is matched to the bank by its name: a name that is one of our keys (what our
exports write) updates that question; any other name gets the key `import:<category>/<name>`, so
importing the same file again updates instead of duplicating. A text the file gives in one language
only updates that language and leaves the other as it was.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from quizzes.authoring.drafts import LANGUAGES, Draft, publish_problems
from quizzes.authoring.forms import problem_message
from quizzes.authoring.services import Links, save_question
from quizzes.formats import content_yaml, gift, moodle_xml
from quizzes.formats.convert import Imported, Unsupported, from_draft, tag_of, to_imported
from quizzes.formats.parsed import ImportFailed
from quizzes.models import Question

MAX_BYTES = 512 * 1024
READERS = {"gift": gift.parse, "xml": moodle_xml.parse}
KEY_LIKE = re.compile(r"^[a-z][a-z-]*:\S+$")


@dataclass
class Planned:
    name: str
    line: int
    key: str
    action: str  # "create" or "update"
    draft: Draft
    tags: list[str]
    question: Question | None = None


@dataclass
class ImportPlan:
    filename: str
    format: str
    items: list[Planned] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    def report(self, errors: list[str] = ()) -> dict:
        """The JSON `import_questions --json` prints."""
        if errors:
            return {"created": 0, "updated": 0, "skipped": self.skipped, "errors": list(errors)}
        return {
            "created": self.count("create"),
            "updated": self.count("update"),
            "skipped": self.skipped,
            "errors": [],
        }


def detect_format(filename: str, text: str) -> str:
    if filename.lower().endswith(".xml") or text.lstrip().startswith(("<?xml", "<quiz")):
        return "xml"
    return "gift"


def key_for(name: str, category: str, seen: Counter) -> str:
    tag = tag_of(category)
    base = name if KEY_LIKE.match(name) else f"import:{tag + '/' if tag else ''}{name}"
    seen[base] += 1
    key = base if seen[base] == 1 else f"{base} ({seen[base]})"
    if len(key) > 200:
        key = key[:180] + "#" + hashlib.sha256(key.encode()).hexdigest()[:12]
    return key


def _merged(current: Draft, imported: Imported) -> Draft:
    """The file's content, keeping what the file does not carry: the other language, choice ids, sources."""
    draft = copy.deepcopy(imported.draft)
    same_choices = len(draft.choices) == len(current.choices)
    for code in set(LANGUAGES) - imported.languages:
        for name in ("stem", "explanation"):
            setattr(draft, f"{name}_{code}", getattr(current, f"{name}_{code}"))
        if same_choices:
            for new, old in zip(draft.choices, current.choices, strict=True):
                new[f"text_{code}"], new[f"why_{code}"] = old[f"text_{code}"], old[f"why_{code}"]
    if same_choices:
        for new, old in zip(draft.choices, current.choices, strict=True):
            new["id"] = old["id"]
    draft.sources, draft.figure = list(current.sources), current.figure
    return draft


def read_file(data: bytes, filename: str, fmt: str | None = None):
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"{filename} is {len(data) // 1024} KB; the limit is {MAX_BYTES // 1024} KB")
    text = gift.decode(data, filename)
    fmt = fmt or detect_format(filename, text)
    parsed = READERS[fmt](text)
    if not parsed.questions and not parsed.skipped:
        raise ImportFailed(f"{filename} has no questions in it")
    return fmt, parsed


def plan_import(*, data: bytes, filename: str, language: str, fmt: str | None = None) -> ImportPlan:
    """What importing the file would do, without writing anything. Raises ImportFailed."""
    fmt, parsed = read_file(data, filename, fmt)
    plan = ImportPlan(filename=filename, format=fmt)
    plan.skipped = [{"name": s.name, "line": s.line, "reason": s.reason} for s in parsed.skipped]
    seen: Counter = Counter()
    keyed = [(q, key_for(q.name, q.category, seen)) for q in parsed.questions]
    existing = {
        q.key: q
        for q in Question.objects.filter(key__in=[key for _q, key in keyed]).select_related("current_version")
    }
    for question, key in keyed:
        try:
            imported = to_imported(question, language)
        except Unsupported as reason:
            plan.skipped.append({"name": question.name, "line": question.line, "reason": str(reason)})
            continue
        row = existing.get(key)
        if row is None or row.current_version is None:
            plan.items.append(
                Planned(question.name, question.line, key, "create", imported.draft, imported.tags)
            )
            continue
        current = Draft.of_version(row.current_version, kind=row.kind, choose=row.choose)
        draft = _merged(current, imported)
        tags = list(dict.fromkeys([*row.tags, *imported.tags]))
        if draft.digest() == row.current_version.digest and tags == row.tags:
            reason = (
                f"unchanged: the bank already has this text as {row.key} version {row.current_version.number}"
            )
            plan.skipped.append({"name": question.name, "line": question.line, "reason": reason})
            continue
        if row.status == Question.Status.PUBLISHED and (problems := publish_problems(draft)):
            raise ImportFailed(
                f"question {question.name!r} on line {question.line}: it would change the published "
                f"question {row.key} into one that cannot be published ({problem_message(problems[0])})"
            )
        plan.items.append(Planned(question.name, question.line, key, "update", draft, tags, row))
    return plan


@transaction.atomic
def apply_import(plan: ImportPlan, *, author) -> ImportPlan:
    """Write the plan: new questions as drafts (origin imported), updates as new versions."""
    note = "Imported from {} (line {})"
    for item in plan.items:
        if item.action == "create":
            save_question(
                question=None, draft=item.draft, links=Links(tags=item.tags), status=Question.Status.DRAFT,
                author=author, note=note.format(plan.filename, item.line)[:200], key=item.key,
                origin=Question.Origin.IMPORTED,
            )  # fmt: skip
            continue
        row = item.question
        links = Links(topic=row.topic, case=row.case, domains=list(row.domains.all()), tags=item.tags)
        save_question(
            question=row, draft=item.draft, links=links, status=row.status, author=author,
            note=note.format(plan.filename, item.line)[:200],
        )  # fmt: skip
    return plan


def import_file(*, data: bytes, filename: str, language: str, author, dry_run: bool, fmt=None) -> dict:
    """Plan and (unless dry_run) apply an import; the report as `import_questions --json` prints it."""
    try:
        plan = plan_import(data=data, filename=filename, language=language, fmt=fmt)
        if not dry_run:
            apply_import(plan, author=author)
    except ImportFailed as failed:
        return ImportPlan(filename, fmt or "").report(errors=[str(failed)])
    return plan.report()


# ----------------------------------------------------------------------------------------------------- export

EXPORT_FORMATS = {
    "gift": ("gift.txt", "text/plain; charset=utf-8"),
    "xml": ("xml", "application/xml; charset=utf-8"),
    "yaml": ("yaml", "application/yaml; charset=utf-8"),
}


def _draft(question: Question) -> Draft:
    return Draft.of_version(question.current_version, kind=question.kind, choose=question.choose)


def export_questions(questions, *, fmt: str, language: str) -> tuple[str, str, str]:
    """(file name, content type, text) of the questions (those with a wording) in a format."""
    questions = (
        questions.filter(current_version__isnull=False).select_related("current_version").order_by("key")
    )
    extension, content_type = EXPORT_FORMATS[fmt]
    if fmt == "yaml":
        questions = questions.select_related("topic", "fact").prefetch_related(
            "services", "tasks__domain__exam"
        )
        return f"export.{extension}", content_type, content_yaml.dump([_content(q) for q in questions])
    parsed = [from_draft(q.key, _draft(q), tags=q.tags, language=language) for q in questions]
    writer = gift.dump if fmt == "gift" else moodle_xml.dump
    return f"questions-{language}.{extension}", content_type, writer(parsed)


def _content(question: Question) -> dict:
    """One question as an entry of content/questions/<group>.yaml."""
    draft = _draft(question)
    return content_yaml.entry(
        key=question.key,
        draft=draft,
        tasks={t.domain.exam.code: t.code for t in question.tasks.all()},
        topic=question.topic.slug if question.topic else "",
        services=[s.slug for s in question.services.all()],
        facts=[question.fact.key] if question.fact else [],
        qualifier=question.qualifier,
    )
