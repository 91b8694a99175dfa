"""Write a validated Curriculum to the database in one transaction: upsert by key, remove what
disappeared, render Markdown and diagrams once. A second load of the same files changes nothing."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.urls import reverse

from topics import content as c
from topics.diagrams import RENDERER as DIAGRAM_RENDERER
from topics.diagrams import render_svg
from topics.markdown import GlossaryLink, Rendered, render
from topics.models import (
    Case,
    Exam,
    ExamDomain,
    Fact,
    FactGroup,
    GlossaryTerm,
    Service,
    Topic,
    TopicDomain,
)
from topics.search import update_search_vectors

Progress = Callable[[str, int, int], None]
RENDERER = "1"  # bump when render() changes its output, so every note is rendered again


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any((self.created, self.updated, self.deleted))

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.deleted))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, {self.deleted[kind]} removed"
            for kind in kinds
        ]


def _plain(value):
    """Dataclasses to JSON-ready dicts (Text becomes {"en": ..., "ko": ...})."""
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


class _Sync:
    """Upsert rows of one model by a key, counting what really changed.

    `key_of` reads the key off a row (default: the `key` field); rows whose key is more than one
    field (an exam domain: exam code and number) pass `identity` to `put` when they are created.
    """

    def __init__(
        self,
        model: type[models.Model],
        key: str,
        report: LoadReport,
        label: str,
        *,
        queryset=None,
        key_of=None,
    ):
        self.model, self.key, self.report, self.label = model, key, report, label
        self.key_of = key_of or (lambda obj: getattr(obj, key))
        self.existing = {
            self.key_of(obj): obj for obj in (queryset if queryset is not None else model.objects.all())
        }
        self.seen: set = set()
        self.created: set = set()  # keys created in this load: their links are part of the creation
        self.links: dict[str, dict] = {}  # m2m name -> {row pk: set of target pks}, read once per load

    def put(self, key_value, values: dict, identity: dict | None = None) -> models.Model:
        self.seen.add(key_value)
        obj = self.existing.get(key_value)
        if obj is None:
            obj = self.model.objects.create(**(identity or {self.key: key_value}), **values)
            self.existing[key_value] = obj
            self.created.add(key_value)
            self.report.created[self.label] += 1
            return obj
        changed = [
            name for name, value in values.items() if _pk_or_value(getattr(obj, name)) != _pk_or_value(value)
        ]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.report.updated[self.label] += 1
        return obj

    def set_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        if name not in self.links:
            field = self.model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_column_name(), field.m2m_reverse_name()
            current: dict = {}
            for row_pk, target_pk in through.objects.values_list(source, target):
                current.setdefault(row_pk, set()).add(target_pk)
            self.links[name] = current
        wanted = {t.pk for t in targets}
        if self.links[name].get(obj.pk, set()) != wanted:
            getattr(obj, name).set(wanted)
            if self.key_of(obj) not in self.created:
                self.report.updated[self.label] += 1

    def remove_missing(self) -> None:
        gone = [obj.pk for key, obj in self.existing.items() if key not in self.seen]
        if gone:
            self.model.objects.filter(pk__in=gone).delete()
            self.report.deleted[self.label] += len(gone)


def _pk_or_value(value):
    return value.pk if isinstance(value, models.Model) else value


def _glossary_links(cur: c.Curriculum, language: str) -> list[GlossaryLink]:
    base = reverse("topics:glossary")
    links = []
    for term in cur.glossary.values():
        phrases = {term.term.get(language)}
        # Aliases in the note's own script only: Hangul aliases for Korean, Latin ones for English.
        phrases |= {
            a for a in term.aliases if any("\uac00" <= ch <= "\ud7a3" for ch in a) == (language == "ko")
        }
        for phrase in sorted(phrases):
            if len(phrase) >= 2:
                links.append(GlossaryLink(phrase, f"{base}#{term.slug}", term.definition.get(language)))
    return links


def _cited_facts(topic: c.Topic) -> list[str]:
    cited = list(topic.facts)
    for language in c.LANGUAGES:
        for ref in c.FACT_REF_RE.findall(topic.body.get(language)):
            if ref not in cited:
                cited.append(ref)
    return cited


@transaction.atomic
def load_curriculum(cur: c.Curriculum, progress: Progress | None = None) -> LoadReport:
    progress = progress or (lambda stage, done, total: None)
    report = LoadReport()

    exams = _Sync(Exam, "code", report, "exams")
    domains = _Sync(
        ExamDomain,
        "number",
        report,
        "exam domains",
        queryset=ExamDomain.objects.select_related("exam"),
        key_of=lambda d: (d.exam.code, d.number),
    )
    for exam in cur.exams.values():
        exam_obj = exams.put(
            exam.code,
            {
                "slug": exam.slug, "title_en": exam.title.en, "title_ko": exam.title.ko, "questions": exam.questions,
                "scored": exam.scored, "minutes": exam.minutes, "pass_scaled": exam.pass_scaled,
                "source": exam.source, "as_of": exam.as_of,
            },
        )  # fmt: skip
        for domain in exam.domains:
            domains.put(
                (exam.code, domain.number),
                {
                    "weight": domain.weight,
                    "title_en": domain.title.en,
                    "title_ko": domain.title.ko,
                    "tasks": domain.tasks,
                },
                identity={"exam": exam_obj, "number": domain.number},
            )

    services = _Sync(Service, "slug", report, "services")
    for service in cur.services.values():
        services.put(
            service.slug,
            {
                "name": service.name, "short": service.short, "aliases": service.aliases, "category": service.category,
                "does_en": service.does.en, "does_ko": service.does.ko, "confusables": service.confusables,
            },
        )  # fmt: skip

    links = {language: _glossary_links(cur, language) for language in c.LANGUAGES}
    topics = _Sync(Topic, "slug", report, "topics")
    keywords = _topic_keywords(cur)
    glossary_digest = hashlib.sha256(repr(sorted(links.items())).encode()).hexdigest()
    for index, topic in enumerate(sorted(cur.topics.values(), key=lambda t: (t.order, t.slug)), start=1):
        source = hashlib.sha256(
            f"{RENDERER}|{glossary_digest}|{topic.body.en}|{topic.body.ko}".encode()
        ).hexdigest()
        existing = topics.existing.get(topic.slug)
        if existing is not None and existing.rendered_from == source:
            rendered = {
                lang: Rendered(getattr(existing, f"html_{lang}"), getattr(existing, f"toc_{lang}"))
                for lang in c.LANGUAGES
            }
        else:
            rendered = {lang: render(topic.body.get(lang), glossary=links[lang]) for lang in c.LANGUAGES}
        topics.put(
            topic.slug,
            {
                "order": topic.order, "title_en": topic.title.en, "title_ko": topic.title.ko,
                "summary_en": topic.summary.en, "summary_ko": topic.summary.ko,
                "body_en": topic.body.en, "body_ko": topic.body.ko,
                "html_en": rendered["en"].html, "html_ko": rendered["ko"].html,
                "toc_en": rendered["en"].toc, "toc_ko": rendered["ko"].toc, "rendered_from": source,
                "sources": [_plain(s) for s in topic.sources], "sidebar": _sidebar(cur, topic),
                "keywords": keywords[topic.slug],
            },
        )  # fmt: skip
        progress("topics", index, len(cur.topics))

    groups = _Sync(FactGroup, "code", report, "fact groups")
    for group in cur.fact_groups.values():
        groups.put(group.code, {"title_en": group.title.en, "title_ko": group.title.ko})

    facts = _Sync(Fact, "key", report, "facts")
    for fact in cur.facts.values():
        obj = facts.put(
            fact.id,
            {
                "group": groups.existing[fact.group], "topic": topics.existing[fact.topic], "domains": fact.domains,
                "text_en": fact.text.en, "text_ko": fact.text.ko, "value_en": fact.value.en, "value_ko": fact.value.ko,
                "as_of": fact.as_of, "source": fact.source, "status": fact.status, "seed_says": fact.seed_says,
                "change_en": fact.change.en if fact.change else "", "change_ko": fact.change.ko if fact.change else "",
                "quiz": _plain(fact.quiz),
            },
        )  # fmt: skip
        facts.set_m2m(obj, "services", [services.existing[s] for s in fact.services])

    for topic in cur.topics.values():
        obj = topics.existing[topic.slug]
        topics.set_m2m(obj, "services", [services.existing[s] for s in topic.services])
        topics.set_m2m(obj, "facts", [facts.existing[f] for f in _cited_facts(topic)])
    _sync_placements(cur, topics, domains, report)

    categories = {slug: service.category for slug, service in cur.services.items()}
    cases = _Sync(Case, "slug", report, "cases")
    for index, case in enumerate(cur.cases.values(), start=1):
        diagram = _plain(case.diagram)
        drawn_from = hashlib.sha256(
            f"{DIAGRAM_RENDERER}|{case.title.en}|{case.title.ko}|{sorted(categories.items())}|{diagram}".encode()
        ).hexdigest()
        existing = cases.existing.get(case.slug)
        if existing and existing.rendered_from == drawn_from:
            svgs = {"en": existing.svg_en, "ko": existing.svg_ko}  # unchanged: skip the slow `dot` runs
        else:
            svgs = {
                lang: render_svg(case.diagram, lang, categories, case.title.get(lang)) for lang in c.LANGUAGES
            }
        obj = cases.put(
            case.slug,
            {
                "title_en": case.title.en, "title_ko": case.title.ko,
                "scenario_en": case.scenario.en, "scenario_ko": case.scenario.ko,
                "scenario_html_en": render(case.scenario.en).html, "scenario_html_ko": render(case.scenario.ko).html,
                "company_en": case.company.en, "company_ko": case.company.ko,
                "sources": [_plain(s) for s in case.sources], "diagram": diagram,
                "svg_en": svgs["en"], "svg_ko": svgs["ko"], "rendered_from": drawn_from,
                "requirements": [_plain(r) for r in case.requirements],
                "main_topic": topics.existing[case.topics[0]],
            },
        )  # fmt: skip
        cases.set_m2m(obj, "topics", [topics.existing[t] for t in case.topics])
        case_facts = sorted({f for r in case.requirements for f in r.facts})
        cases.set_m2m(obj, "facts", [facts.existing[f] for f in case_facts])
        progress("cases", index, len(cur.cases))

    terms = _Sync(GlossaryTerm, "slug", report, "glossary terms")
    for term in cur.glossary.values():
        terms.put(
            term.slug,
            {
                "term_en": term.term.en, "term_ko": term.term.ko, "aliases": term.aliases,
                "definition_en": term.definition.en, "definition_ko": term.definition.ko,
                "topic": topics.existing.get(term.topic) if term.topic else None,
                "service": services.existing.get(term.service) if term.service else None,
            },
        )  # fmt: skip

    for sync in (terms, cases, facts, groups, topics, services, domains, exams):
        sync.remove_missing()
    update_search_vectors()
    return report


def _sync_placements(cur: c.Curriculum, topics: _Sync, domains: _Sync, report: LoadReport) -> None:
    wanted = {
        (topic.slug, code, number)
        for topic in cur.topics.values()
        for code, numbers in topic.exams.items()
        for number in numbers
    }
    existing = {
        (p.topic.slug, p.domain.exam.code, p.domain.number): p
        for p in TopicDomain.objects.select_related("topic", "domain__exam")
    }
    for key in wanted - existing.keys():
        TopicDomain.objects.create(topic=topics.existing[key[0]], domain=domains.existing[key[1:]])
        report.created["topic placements"] += 1
    stale = [existing[key].pk for key in existing.keys() - wanted]
    if stale:
        TopicDomain.objects.filter(pk__in=stale).delete()
        report.deleted["topic placements"] += len(stale)


def _sidebar(cur: c.Curriculum, topic: c.Topic) -> dict:
    exams = {exam.code: exam for exam in cur.exams.values()}
    return {
        "domains": [
            {
                "exam": code,
                "number": number,
                "title_en": exams[code].domains[number - 1].title.en,
                "title_ko": exams[code].domains[number - 1].title.ko,
            }
            for code, numbers in sorted(topic.exams.items())
            for number in numbers
        ],
        "related": [
            {"slug": slug, "title_en": cur.topics[slug].title.en, "title_ko": cur.topics[slug].title.ko}
            for slug in topic.related
        ],
        "cases": [
            {"slug": case.slug, "title_en": case.title.en, "title_ko": case.title.ko}
            for case in cur.cases.values()
            if topic.slug in case.topics
        ],
        "services": [{"slug": slug, "name": cur.services[slug].name} for slug in topic.services],
    }


def _topic_keywords(cur: c.Curriculum) -> dict[str, str]:
    words: dict[str, list[str]] = {slug: [] for slug in cur.topics}
    for slug, topic in cur.topics.items():
        for service_slug in topic.services:
            service = cur.services[service_slug]
            words[slug] += [service.name, service.short, *service.aliases]
    for term in cur.glossary.values():
        if term.topic in words:
            words[term.topic] += [term.term.en, term.term.ko, *term.aliases]
    return {slug: " ".join(dict.fromkeys(w for w in values if w)) for slug, values in words.items()}
