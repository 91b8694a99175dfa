"""Checks across files: every reference resolves, no need gives its answer away, no duplicates."""

from __future__ import annotations

from topics.content.model import LANGUAGES, Case, ContentError, Curriculum, Located, Requirement
from topics.content.reader import error_at
from topics.content.text import FACT_REF_RE, mentions, names_of, normalise


def _unknown(errors, obj: Located, key: str, values, known, what: str) -> None:
    for value in values:
        if value not in known:
            error_at(errors, obj, f"unknown {what} {value!r}", key)


def check_services(cur: Curriculum, errors: list[ContentError]) -> None:
    for service in cur.services.values():
        for other in service.confusables:
            if other not in cur.services:
                error_at(
                    errors,
                    service,
                    f"unknown service {other!r} in confusables of {service.slug!r}",
                    "confusables",
                )


def check_topics(cur: Curriculum, errors: list[ContentError]) -> None:
    for topic in cur.topics.values():
        _unknown(errors, topic, "services", topic.services, cur.services, "service")
        _unknown(errors, topic, "facts", topic.facts, cur.facts, "fact")
        _unknown(errors, topic, "related", topic.related, cur.topics, "topic in related")
        for language in LANGUAGES:
            offset = topic.body_lines.get(language, 0)
            for number, line in enumerate(topic.body.get(language).splitlines(), start=1):
                for ref in FACT_REF_RE.findall(line):
                    if ref not in cur.facts:
                        errors.append(
                            ContentError(
                                topic.note_path(language),
                                offset + number,
                                f"unknown fact {ref!r} cited as [[{ref}]]",
                            )
                        )


def check_facts(cur: Curriculum, errors: list[ContentError]) -> None:
    for fact in cur.facts.values():
        if fact.topic and fact.topic not in cur.topics:
            error_at(errors, fact, f"unknown topic {fact.topic!r} for fact {fact.id}", "topic")
        for service in fact.services:
            if service not in cur.services:
                error_at(errors, fact, f"unknown service {service!r} for fact {fact.id}", "services")


def _check_diagram(case: Case, cur: Curriculum, errors: list[ContentError]) -> list[str]:
    group_ids = [g.id for g in case.diagram.groups]
    node_ids = [n.id for n in case.diagram.nodes]
    for group in case.diagram.groups:
        if group_ids.count(group.id) > 1:
            error_at(errors, group, f"duplicate diagram group id {group.id!r}", "id")
        if group.parent and group.parent not in group_ids:
            error_at(errors, group, f"unknown parent group {group.parent!r}", "parent")
    for node in case.diagram.nodes:
        if node_ids.count(node.id) > 1:
            error_at(errors, node, f"duplicate diagram node id {node.id!r}", "id")
        if node.group and node.group not in group_ids:
            error_at(errors, node, f"unknown group {node.group!r} for node {node.id!r}", "group")
        if node.service and node.service not in cur.services:
            error_at(errors, node, f"unknown service {node.service!r} for node {node.id!r}", "service")
        for entry in node.not_here:
            if entry.service not in cur.services:
                error_at(
                    errors,
                    entry,
                    f"unknown service {entry.service!r} in not_here of node {node.id!r}",
                    "service",
                )
            elif entry.service == node.service:
                error_at(
                    errors, entry, f"not_here of node {node.id!r} lists the node's own service", "service"
                )
    for edge in case.diagram.edges:
        for end in (edge.source, edge.target):
            if end not in node_ids:
                error_at(errors, edge, f"edge refers to unknown node {end!r}")
    if len(node_ids) < 4:
        error_at(errors, case, f"the diagram needs at least 4 nodes, it has {len(node_ids)}", "diagram")
    return node_ids


def _check_requirement(requirement: Requirement, node_ids: list[str], cur: Curriculum, errors) -> None:
    where = f"requirement {requirement.id}"
    _unknown(errors, requirement, "nodes", requirement.nodes, node_ids, f"diagram node in {where}:")
    _unknown(errors, requirement, "facts", requirement.facts, cur.facts, f"fact in {where}:")
    for service in requirement.services:
        if service not in cur.services:
            error_at(errors, requirement, f"{where}: unknown service {service!r}", "services")
            continue
        for name in names_of(cur.services[service]):
            for language in LANGUAGES:
                if mentions(requirement.need.get(language), name):
                    error_at(
                        errors,
                        requirement,
                        f"{where}: the need ({language}) names {name!r}, a keyed service, so it gives the answer away",
                        f"need_{language}",
                    )
    if len(requirement.distractors) < 3:
        error_at(
            errors,
            requirement,
            f"{where} needs at least 3 distractors, it has {len(requirement.distractors)}",
            "distractors",
        )
    answer = normalise(requirement.answer.en)
    alternatives = {normalise(a.en) for a in requirement.alternatives}
    options: list[str] = []
    for distractor in requirement.distractors:
        option = normalise(distractor.option.en)
        if option == answer:
            error_at(errors, distractor, f"{where}: a distractor repeats the answer")
        if option in alternatives:
            error_at(errors, distractor, f"{where}: a distractor is listed as an acceptable alternative")
        if option in options:
            error_at(errors, distractor, f"{where}: two distractors are the same")
        options.append(option)
        for service in distractor.services:
            if service not in cur.services:
                error_at(
                    errors, distractor, f"{where}: unknown service {service!r} in a distractor", "services"
                )


def check_cases(cur: Curriculum, errors: list[ContentError]) -> None:
    for case in cur.cases.values():
        _unknown(errors, case, "topics", case.topics, cur.topics, "topic")
        node_ids = _check_diagram(case, cur, errors)
        seen: set[str] = set()
        for requirement in case.requirements:
            if requirement.id in seen:
                error_at(errors, requirement, f"duplicate requirement id {requirement.id!r}", "id")
            seen.add(requirement.id)
            _check_requirement(requirement, node_ids, cur, errors)


def check_glossary(cur: Curriculum, errors: list[ContentError]) -> None:
    for term in cur.glossary.values():
        if term.topic and term.topic not in cur.topics:
            error_at(errors, term, f"unknown topic {term.topic!r} for glossary term {term.slug!r}", "topic")
        if term.service and term.service not in cur.services:
            error_at(
                errors, term, f"unknown service {term.service!r} for glossary term {term.slug!r}", "service"
            )


def check_questions(cur: Curriculum, errors: list[ContentError]) -> None:
    for question in cur.questions.values():
        if question.topic and question.topic not in cur.topics:
            error_at(
                errors, question, f"unknown topic {question.topic!r} for question {question.id}", "topic"
            )
        _unknown(errors, question, "services", question.services, cur.services, "service")
        _unknown(errors, question, "facts", question.facts, cur.facts, "fact")


CHECKS = (check_services, check_topics, check_facts, check_cases, check_glossary, check_questions)
