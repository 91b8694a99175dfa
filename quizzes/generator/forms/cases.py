"""Forms built from one architecture case and its requirements."""

from __future__ import annotations

import itertools
from collections import Counter

from quizzes.generator import phrasing as say
from quizzes.generator.build import build, from_case, from_requirement, rng, service_names
from quizzes.generator.forms import form
from quizzes.generator.questions import WRONG_CHOICES, Question
from topics.content import Case, Curriculum, Text, names_of


@form("requirement", over="case")
def requirement(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """A requirement under a constraint -> the component that meets it best."""
    questions = []
    for r in case.requirements:
        explanation = r.why
        if r.alternatives:
            explanation = say.join(r.why, say.fill(say.ALSO_ACCEPTABLE, items=say.listing(r.alternatives)))
        closings = (say.GOAL_QUESTION.get(r.goal, say.GOAL_QUESTION["simple"]), say.RECOMMEND)
        for variant, closing in enumerate(closings):
            key = f"requirement:{case.slug}:{r.id}:v{variant}"
            wrong = rng(seed, key).sample(r.distractors, min(WRONG_CHOICES, len(r.distractors)))
            questions.append(
                build(
                    key,
                    seed,
                    stem=say.join(case.company, r.need, closing),
                    right=[(r.answer, r.why)],
                    wrong=[(d.option, d.why) for d in wrong],
                    explanation=explanation,
                    source=from_requirement(case, r),
                    keyed=service_names(curriculum.services, r.services),
                    alternatives=list(r.alternatives),
                    base=variant == 0,
                )
            )
    return questions


@form("missing-box", over="case")
def missing_box(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """The case diagram with one box hidden -> which service belongs there."""
    services = curriculum.services
    questions = []
    nodes = {n.id: n for n in case.diagram.nodes}
    visible = {n.service for n in case.diagram.nodes if n.service}
    for r in case.requirements:
        for node_id in r.nodes:
            node = nodes.get(node_id)
            if node is None or node.service not in services:
                continue
            # The box must be the only one of its service, or the hidden label could be read off another box.
            if sum(1 for n in case.diagram.nodes if n.service == node.service) > 1:
                continue
            service = services[node.service]
            key = f"missing-box:{case.slug}:{r.id}:{node_id}"
            candidates: list[tuple[str, Text]] = []
            for d in r.distractors:
                candidates += [(slug, d.why) for slug in d.services]
            for slug in service.confusables:
                if slug in services:
                    does = services[slug].does
                    candidates.append((slug, say.fill(say.NOT_THIS_BOX, name=services[slug].name, does=does)))
            usable = [
                (s, why) for s, why in candidates if s in services and s not in visible and s != node.service
            ]
            # One choice per service: the first reason given for it, placed where it was last offered.
            unique = list(dict((slug, why) for slug, why in reversed(usable)).items())[::-1]
            if len(unique) < WRONG_CHOICES:
                continue
            wrong = rng(seed, key).sample(unique, WRONG_CHOICES)
            questions.append(
                build(
                    key,
                    seed,
                    stem=say.join(case.company, say.fill(say.MISSING_BOX, need=r.need)),
                    right=[(Text(service.name, service.name), r.why)],
                    wrong=[(Text(services[s].name, services[s].name), why) for s, why in wrong],
                    explanation=r.why,
                    source=from_requirement(case, r),
                    services=[node.service],
                    figure={"case": case.slug, "hide": node_id},
                    keyed=names_of(service),
                )
            )
    return questions


def _majority(domains: list[dict[str, int]]) -> dict[str, int]:
    """Per exam, the domain most of the requirements belong to (the first one on a tie)."""
    result = {}
    for exam in sorted({exam for d in domains for exam in d}):
        votes = Counter(d[exam] for d in domains if exam in d)
        best = max(votes.values())
        result[exam] = next(d[exam] for d in domains if exam in d and votes[d[exam]] == best)
    return result


@form("choose-n", over="case")
def choose_n(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """Several requirements of one case -> choose the TWO/THREE actions that meet them."""
    questions = []
    for count in (2, 3):
        for group in itertools.combinations(case.requirements, count):
            ids = "+".join(r.id for r in group)
            key = f"choose-n:{case.slug}:{ids}"
            pool = [(d.option, d.why) for r in group for d in r.distractors]
            wrong = rng(seed, key).sample(pool, min(WRONG_CHOICES, len(pool)))
            needs = Text(
                "\n".join(f"- {r.need.en}" for r in group), "\n".join(f"- {r.need.ko}" for r in group)
            )
            slugs = [s for r in group for s in r.services]
            questions.append(
                build(
                    key,
                    seed,
                    choose=count,
                    stem=say.join(
                        case.company,
                        say.fill(say.CHOOSE_N, needs=needs, count=say.choose_count(count)),
                        sep="\n\n",
                    ),
                    right=[(r.answer, say.fill(say.RIGHT_FOR_COMBINATION, why=r.why)) for r in group],
                    wrong=[(option, say.fill(say.WRONG_FOR_COMBINATION, why=why)) for option, why in wrong],
                    explanation=say.fill(say.RIGHT_COMBINATION, items=say.listing([r.answer for r in group])),
                    source=from_case(case, f"requirements {ids}"),
                    exams=_majority([r.domains for r in group]),
                    services=sorted(set(slugs)),
                    keyed=service_names(curriculum.services, slugs),
                    alternatives=[a for r in group for a in r.alternatives],
                )
            )
    return questions


@form("not-correct", over="case")
def not_correct(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """Statements about the architecture -> which one is NOT correct."""
    questions = []
    for r in case.requirements:
        others = [o for o in case.requirements if o.id != r.id]
        if len(others) < WRONG_CHOICES:
            continue
        need = say.strip_period(r.need)
        for index, distractor in enumerate(r.distractors):
            key = f"not-correct:{case.slug}:{r.id}:d{index}"
            true_ones = rng(seed, key).sample(others, WRONG_CHOICES)
            questions.append(
                build(
                    key,
                    seed,
                    stem=say.join(case.company, say.NOT_CORRECT),
                    right=[(say.fill(say.STATEMENT, need=need, option=distractor.option), distractor.why)],
                    wrong=[
                        (
                            say.fill(say.STATEMENT, need=say.strip_period(o.need), option=o.answer),
                            say.fill(say.TRUE_STATEMENT, why=o.why),
                        )
                        for o in true_ones
                    ],
                    explanation=r.why,
                    source=from_requirement(case, r),
                    alternatives=[say.fill(say.STATEMENT, need=need, option=a) for a in r.alternatives],
                )
            )
    return questions


@form("purpose", over="case")
def purpose(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """A component of the architecture -> which requirement it is there for."""
    questions = []
    nodes = {n.id: n for n in case.diagram.nodes}
    for r in case.requirements:
        for node_id in r.nodes:
            # Only a component that serves this one requirement has a single right answer.
            if any(node_id in o.nodes for o in case.requirements if o.id != r.id) or node_id not in nodes:
                continue
            others = [o for o in case.requirements if node_id not in o.nodes]
            if len(others) < WRONG_CHOICES:
                continue
            key = f"purpose:{case.slug}:{r.id}:{node_id}"
            wrong = rng(seed, key).sample(others, WRONG_CHOICES)
            node = nodes[node_id]
            questions.append(
                build(
                    key,
                    seed,
                    stem=say.join(case.company, say.fill(say.PURPOSE, component=node.label)),
                    right=[(r.need, r.why)],
                    wrong=[(o.need, say.fill(say.MET_ELSEWHERE, answer=o.answer)) for o in wrong],
                    explanation=r.why,
                    source=from_requirement(case, r),
                    services=[node.service] if node.service else [],
                )
            )
    return questions
