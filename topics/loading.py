"""Write a validated Curriculum to the database in one transaction: upsert by key, remove what
disappeared, render Markdown and diagrams once. A second load of the same files changes nothing."""

from __future__ import annotations

import hashlib
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
    TaskStatement,
    Topic,
    TopicDomain,
)
from topics.search import update_search_vectors
from topics.upsert import LoadReport, Sync, plain

Progress = Callable[[str, int, int], None]
RENDERER = "1"  # bump when render() changes its output, so every note is rendered again


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


@dataclass
class _Load:
    """One load in progress: the curriculum, the report and the upserters of every kind, filled in order."""

    cur: c.Curriculum
    report: LoadReport
    progress: Progress
    syncs: dict[str, Sync] = field(default_factory=dict)

    def __getattr__(self, kind: str) -> Sync:
        try:
            return self.syncs[kind]
        except KeyError:
            raise AttributeError(kind) from None


@transaction.atomic
def load_curriculum(cur: c.Curriculum, progress: Progress | None = None) -> LoadReport:
    load = _Load(cur, LoadReport(), progress or (lambda stage, done, total: None))
    for step in (
        _load_exams,
        _load_services,
        _load_topics,
        _load_facts,
        _link_topics,
        _load_cases,
        _load_glossary,
    ):
        step(load)
    # Remove what disappeared, dependents first: a fact PROTECTs its group and topic, a case PROTECTs its
    # main topic; glossary terms and questions only point here with SET_NULL.
    for kind in ("terms", "cases", "facts", "groups", "topics", "services", "tasks", "domains", "exams"):
        load.syncs[kind].remove_missing()
    update_search_vectors()
    return load.report


def _load_exams(load: _Load) -> None:
    exams = load.syncs["exams"] = Sync(Exam, "code", load.report, "exams")
    domains = load.syncs["domains"] = Sync(
        ExamDomain,
        "number",
        load.report,
        "exam domains",
        queryset=ExamDomain.objects.select_related("exam"),
        key_of=lambda d: (d.exam.code, d.number),
    )
    tasks = load.syncs["tasks"] = Sync(
        TaskStatement,
        "code",
        load.report,
        "task statements",
        queryset=TaskStatement.objects.select_related("domain__exam"),
        key_of=lambda t: (t.domain.exam.code, t.code),
    )
    for exam in load.cur.exams.values():
        exams.put(
            exam.code,
            {
                "slug": exam.slug, "title_en": exam.title.en, "title_ko": exam.title.ko, "questions": exam.questions,
                "scored": exam.scored, "minutes": exam.minutes, "pass_scaled": exam.pass_scaled,
                "source": exam.source, "as_of": exam.as_of,
            },
        )  # fmt: skip
    exams.flush()
    for exam in load.cur.exams.values():
        for domain in exam.domains:
            domains.put(
                (exam.code, domain.number),
                {"weight": domain.weight, "title_en": domain.title.en, "title_ko": domain.title.ko},
                identity={"exam": exams.existing[exam.code], "number": domain.number},
            )
    domains.flush()
    for exam in load.cur.exams.values():
        for domain in exam.domains:
            for task in domain.tasks:
                tasks.put(
                    (exam.code, task.code),
                    {
                        "domain": domains.existing[(exam.code, domain.number)],
                        "title_en": task.title.en,
                        "title_ko": task.title.ko,
                    },
                    identity={"code": task.code},
                )
    tasks.flush()


def _load_services(load: _Load) -> None:
    services = load.syncs["services"] = Sync(Service, "slug", load.report, "services")
    for service in load.cur.services.values():
        services.put(
            service.slug,
            {
                "name": service.name, "short": service.short, "aliases": service.aliases, "category": service.category,
                "does_en": service.does.en, "does_ko": service.does.ko, "confusables": service.confusables,
            },
        )  # fmt: skip
    services.flush()


def _load_topics(load: _Load) -> None:
    cur = load.cur
    links = {language: _glossary_links(cur, language) for language in c.LANGUAGES}
    topics = load.syncs["topics"] = Sync(Topic, "slug", load.report, "topics")
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
                "sources": [plain(s) for s in topic.sources], "sidebar": _sidebar(cur, topic),
                "keywords": keywords[topic.slug],
            },
        )  # fmt: skip
        load.progress("topics", index, len(cur.topics))
    topics.flush()


def _task_rows(load: _Load, tasks: dict) -> list[models.Model]:
    """TaskStatement rows for `{exam: "1.1"}` or `{exam: ["1.1", ...]}`."""
    return [
        load.tasks.existing[(exam, code)]
        for exam, codes in tasks.items()
        for code in ([codes] if isinstance(codes, str) else codes)
    ]


def _load_facts(load: _Load) -> None:
    groups = load.syncs["groups"] = Sync(FactGroup, "code", load.report, "fact groups")
    for group in load.cur.fact_groups.values():
        groups.put(group.code, {"title_en": group.title.en, "title_ko": group.title.ko})
    groups.flush()
    facts = load.syncs["facts"] = Sync(Fact, "key", load.report, "facts")
    for fact in load.cur.facts.values():
        obj = facts.put(
            fact.id,
            {
                "group": groups.existing[fact.group], "topic": load.topics.existing[fact.topic], "domains": fact.domains,
                "text_en": fact.text.en, "text_ko": fact.text.ko, "value_en": fact.value.en, "value_ko": fact.value.ko,
                "as_of": fact.as_of, "source": fact.source, "status": fact.status, "seed_says": fact.seed_says,
                "change_en": fact.change.en if fact.change else "", "change_ko": fact.change.ko if fact.change else "",
                "quiz": plain(fact.quiz),
            },
        )  # fmt: skip
        facts.set_m2m(obj, "services", [load.services.existing[s] for s in fact.services])
        facts.set_m2m(obj, "tasks", _task_rows(load, fact.tasks))
    facts.flush()


def _link_topics(load: _Load) -> None:
    topics = load.topics
    for topic in load.cur.topics.values():
        obj = topics.existing[topic.slug]
        topics.set_m2m(obj, "services", [load.services.existing[s] for s in topic.services])
        topics.set_m2m(obj, "facts", [load.facts.existing[f] for f in _cited_facts(topic)])
        topics.set_m2m(obj, "tasks", _task_rows(load, topic.tasks))
    topics.flush()
    _sync_placements(load.cur, topics, load.domains, load.report)


def _load_cases(load: _Load) -> None:
    categories = {slug: service.category for slug, service in load.cur.services.items()}
    cases = load.syncs["cases"] = Sync(Case, "slug", load.report, "cases")
    for index, case in enumerate(load.cur.cases.values(), start=1):
        diagram = plain(case.diagram)
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
                "sources": [plain(s) for s in case.sources], "diagram": diagram,
                "svg_en": svgs["en"], "svg_ko": svgs["ko"], "rendered_from": drawn_from,
                "requirements": [plain(r) for r in case.requirements],
                "main_topic": load.topics.existing[case.topics[0]],
            },
        )  # fmt: skip
        cases.set_m2m(obj, "topics", [load.topics.existing[t] for t in case.topics])
        case_facts = sorted({f for r in case.requirements for f in r.facts})
        cases.set_m2m(obj, "facts", [load.facts.existing[f] for f in case_facts])
        case_tasks = {(exam, code) for r in case.requirements for exam, code in r.tasks.items()}
        cases.set_m2m(obj, "tasks", [load.tasks.existing[key] for key in sorted(case_tasks)])
        load.progress("cases", index, len(load.cur.cases))
    cases.flush()


def _load_glossary(load: _Load) -> None:
    terms = load.syncs["terms"] = Sync(GlossaryTerm, "slug", load.report, "glossary terms")
    for term in load.cur.glossary.values():
        terms.put(
            term.slug,
            {
                "term_en": term.term.en, "term_ko": term.term.ko, "aliases": term.aliases,
                "definition_en": term.definition.en, "definition_ko": term.definition.ko,
                "topic": load.topics.existing.get(term.topic) if term.topic else None,
                "service": load.services.existing.get(term.service) if term.service else None,
            },
        )  # fmt: skip
    terms.flush()


def _sync_placements(cur: c.Curriculum, topics: Sync, domains: Sync, report: LoadReport) -> None:
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
