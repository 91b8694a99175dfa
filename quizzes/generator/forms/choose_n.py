"""choose-n: a scenario's situation and constraints (forms/scenario.py), asked as "which combination of
actions meets these requirements? (Choose TWO/THREE)": one answer per constraint, and distractors of those
requirements as the wrong options. The key names the main requirement first (`choose-n:<case>:R2+R1`)."""

from __future__ import annotations

from quizzes.generator import cues
from quizzes.generator import phrasing as say
from quizzes.generator.build import build, service_names
from quizzes.generator.forms import form
from quizzes.generator.forms.scenario import (
    CONSTRAINTS,
    closest,
    constraint,
    design_explanation,
    group_source,
    key_ids,
    partner_groups,
    requirement_names,
    situation,
    swaps,
)
from quizzes.generator.questions import WRONG_CHOICES, Part, Question
from topics.content import Case, Curriculum, Text


@form("choose-n", over="case")
def choose_n(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """Per requirement: "which combination of actions meets these requirements?", choose one per constraint.

    A requirement that serves both exams takes turns: SAA-C03 (choose two) and SAP-C02 (choose three)."""
    services = curriculum.services
    questions = []
    taken: list[frozenset[str]] = []
    for index, main in enumerate(case.requirements):
        serves = [exam for exam in CONSTRAINTS if exam in main.domains]
        if not serves:
            continue
        exam = serves[index % len(serves)]
        count = CONSTRAINTS[exam]
        group = next(partner_groups(case, main, exam, count, services, taken), None)
        if group is None:
            continue
        taken.append(frozenset(r.id for r in group))
        key = f"choose-n:{case.slug}:{key_ids(main, group)}"
        right = [
            (
                say.strip_period(r.answer),
                say.fill(say.MEETS, need=say.strip_period(r.need), why=r.why),
                (Part(r.id, "meets"),),
            )
            for r in group
        ]
        longer = cues.longer_wanted(key)
        shortest_en = min(len(r.answer.en) for r in group)
        shortest_ko = min(len(r.answer.ko) for r in group)
        wrong, order = [], [main] + [r for r in group if r is not main]
        while len(wrong) < WRONG_CHOICES:
            added = False
            for r in order:
                left = [s for s in swaps(r, "") if all(s.text != w[0] for w in wrong)]
                if left and len(wrong) < WRONG_CHOICES:
                    wanted = len(wrong) < longer
                    swap = closest(
                        left, max(shortest_en, len(r.answer.en)), max(shortest_ko, len(r.answer.ko)), wanted
                    )
                    wrong.append((swap.text, swap.why, (swap.part,)))
                    added = True
            if not added:
                break
        opening = situation(case, exam, [n for r in group for n in requirement_names(services, r)])
        constraints = [constraint(r, "") for r in group]
        bullets = Text(
            "\n".join(f"- {c.en}" for c in constraints), "\n".join(f"- {c.ko}" for c in constraints)
        )
        opening = say.join(opening, say.REQUIREMENTS_FOLLOW)
        closing = say.fill(say.PICK_ACTIONS, count=say.choose_count(count))
        questions.append(
            build(
                key,
                seed,
                choose=count,
                stem=say.join(opening, bullets, closing, sep="\n\n"),
                right=right,
                wrong=wrong,
                explanation=design_explanation(group),
                source=group_source(case, group, main, exam),
                keyed=service_names(services, [s for r in group for s in r.services]),
                constraints=[r.id for r in group],
            )
        )
    return questions
