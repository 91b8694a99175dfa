"""Korean case diagrams carry Korean labels: only service names and code stay in English."""

import re

from topics.diagrams import to_dot


def untranslated_labels(curriculum) -> list[str]:
    """Labels whose Korean text is the English one although it holds common English words.

    A heuristic: a lower-case word that is not part of a service's name or short name (user, pool,
    on) should have been translated; paths, domains and other code (/orders, photos/) may stay.
    """
    service_words = {
        word for service in curriculum.services.values() for word in f"{service.name} {service.short}".split()
    }
    found = []
    for case in curriculum.cases.values():
        diagram = case.diagram
        for kind, items in (("group", diagram.groups), ("node", diagram.nodes), ("edge", diagram.edges)):
            for item in items:
                if item.label is None or item.label.ko != item.label.en:
                    continue
                words = [
                    word
                    for word in re.split(r"[\s()]+", item.label.en)
                    if re.fullmatch(r"[a-z][a-z-]*", word) and word not in service_words
                ]
                if words:
                    found.append(f"{case.slug} {kind} {item.label.en!r}: {', '.join(words)}")
    return found


def test_every_korean_diagram_label_is_translated(real_curriculum):
    assert untranslated_labels(real_curriculum) == []


def test_the_to_do_diagram_reads_in_korean(real_curriculum):
    curriculum = real_curriculum
    categories = {slug: service.category for slug, service in curriculum.services.items()}
    dot = to_dot(curriculum.cases["todo-mobile-app"].diagram, "ko", categories).replace("\\n", " ")  # unwrap
    assert "Amazon Cognito 사용자 풀" in dot and "Amazon Cognito 자격 증명 풀" in dot
    assert "user pool" not in dot and "identity pool" not in dot
