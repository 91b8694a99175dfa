"""Exam-style questions built from several requirements of one case.

scenario  A situation, two requirements (SAA-C03) or three (SAP-C02, with the case's longer situation)
          as constraints, and the main requirement's goal as the qualifier ("MOST cost-effectively").
          The options are complete designs of one shape: one component per constraint, in the order
          the stem states them. The key is every requirement's answer; each wrong design swaps exactly
          one component, for a distractor of that requirement (it fails that stated constraint) or for
          an alternative that works but loses on the qualifier. The validator checks that structure.
choose-n  (forms/choose_n.py) the same situation and constraints, as "which combination of actions".

The key names the main requirement first (`scenario:<case>:R2+R1+R4`), so `knowledge_key` finds it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from quizzes.generator import cues
from quizzes.generator import phrasing as say
from quizzes.generator.build import SAA, SAP, build, from_case, service_names
from quizzes.generator.forms import form
from quizzes.generator.forms.cases import lower_first, proper_words
from quizzes.generator.questions import WRONG_CHOICES, Part, Question
from quizzes.generator.validate import names_pattern, similar
from topics.content import Case, Curriculum, Requirement, Service, Text

CONSTRAINTS = {SAA: 2, SAP: 3}


@dataclass(frozen=True)
class Swap:
    """A component that can take a requirement's place in a design, and why it is worse there."""

    text: Text
    why: Text
    part: Part


def requirement_names(services: dict[str, Service], r: Requirement) -> list[str]:
    return service_names(services, r.services)


def _names_any(text: Text, names: list[str]) -> bool:
    if not names:
        return False
    pattern = names_pattern(tuple(sorted(set(names), key=len, reverse=True)))
    return any(pattern.search(text.get(lang)) for lang in ("en", "ko"))


def _compatible(a: Requirement, b: Requirement, services: dict[str, Service]) -> bool:
    """Two requirements can be stated together: neither need names what the other keys, and their answers differ."""
    return (
        not _names_any(a.need, requirement_names(services, b))
        and not _names_any(b.need, requirement_names(services, a))
        and not similar(a.answer.en, b.answer.en)
    )


def _has_long_swap(r: Requirement, qualifier: str) -> bool:
    """A wrong component at least as long as the answer exists, so the key need not be the longest option."""
    return any(len(d.option.en) >= len(r.answer.en) for d in r.distractors) or any(
        a.loses_on == qualifier for a in r.alternatives if qualifier
    )


def partner_groups(
    case: Case,
    main: Requirement,
    exam: str,
    count: int,
    services: dict[str, Service],
    taken: list[frozenset[str]] = (),
) -> Iterator[list[Requirement]]:
    """The requirements stated beside `main`: first those with a wrong component at least as long as their
    answer (so the key need not be the longest option), among them those stated least often so far in the
    form's questions on this case (`taken`), then the nearest after `main`. Never a set already taken (it
    would be the same question). Content decides, never the seed, so keys stay stable. Yields every
    usable group in that order (main and partners in case order); the form takes the first that works."""
    order = {r.id: i for i, r in enumerate(case.requirements)}
    size = len(case.requirements)
    qualifier = "" if main.goal == "simple" else main.goal
    pool = [
        r for r in case.requirements if r is not main and exam in r.domains and _compatible(main, r, services)
    ]
    uses = Counter(rid for group in taken for rid in group)
    pool.sort(
        key=lambda r: (not _has_long_swap(r, qualifier), uses[r.id], (order[r.id] - order[main.id]) % size)
    )
    for others in itertools.combinations(pool, count - 1):
        group = [main, *others]
        if frozenset(r.id for r in group) in taken:
            continue
        if all(_compatible(a, b, services) for a, b in itertools.combinations(others, 2)):
            yield sorted(group, key=lambda r: order[r.id])


def _first_paragraph(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().split("\n\n")[0]).strip()


def _opening(case: Case) -> Text | None:
    """The scenario's opening paragraph, without a closing sentence that introduces the case's own list
    ("The platform has four parts:"): the stem lists its own requirements."""
    en, ko = _first_paragraph(case.scenario.en), _first_paragraph(case.scenario.ko)
    if en.endswith(":"):
        en_sentences, ko_sentences = _SENTENCE.split(en), _SENTENCE.split(ko)
        if len(en_sentences) < 2 or len(ko_sentences) < 2:
            return None
        en, ko = " ".join(en_sentences[:-1]), " ".join(ko_sentences[:-1])
    return Text(en, ko) if en and ko else None


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


# An opening paragraph longer than this would make the stem far longer than an SAP-C02 item (median 93 words).
OPENING_WORDS = 70


def situation(case: Case, exam: str, keyed: list[str]) -> Text:
    """SAA-C03: the case's one-sentence company line. SAP-C02: the opening paragraph of the case's scenario,
    with the organisation's context, unless it names a keyed service or runs too long."""
    if exam == SAP:
        opening = _opening(case)
        if opening and len(opening.en.split()) <= OPENING_WORDS and not _names_any(opening, keyed):
            return opening
    return case.company


def constraint(r: Requirement, qualifier: str, exam: str = SAP) -> Text:
    """The requirement as the stem states it; its own goal is said too when the qualifier does not say it:
    before the need in prose (SAA-C03), after it in a bullet (SAP-C02)."""
    if r.goal in ("simple", qualifier):
        return r.need
    if exam == SAA:
        return say.join(say.WANTS_NEXT[r.goal], r.need)
    return say.join(r.need, say.WANTS[r.goal])


def scenario_stem(
    case: Case, group: list[Requirement], exam: str, qualifier: str, closing: Text, keyed: list[str]
) -> Text:
    opening = situation(case, exam, keyed)
    constraints = [constraint(r, qualifier, exam) for r in group]
    if exam == SAA:
        return say.join(opening, *constraints, closing)
    opening = say.join(opening, say.REQUIREMENTS_FOLLOW)
    bullets = Text("\n".join(f"- {c.en}" for c in constraints), "\n".join(f"- {c.ko}" for c in constraints))
    return say.join(opening, bullets, closing, sep="\n\n")


_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")


def swaps(r: Requirement, qualifier: str) -> list[Swap]:
    """What can replace r's answer in a wrong design: its distractors (they fail r) and its alternatives that
    lose on the qualifier (they work, at a worse cost, overhead, ...). Other alternatives never appear."""
    need = say.strip_period(r.need)
    result = [
        Swap(say.strip_period(d.option), say.fill(say.FAILS, need=need, why=d.why), Part(r.id, "fails"))
        for d in r.distractors
    ]
    for a in r.alternatives:
        if qualifier and a.loses_on == qualifier and a.why:
            # "(cheaper, but no response cache)" after an alternative would say why it loses.
            text = Text(_ASIDE.sub("", a.en), _ASIDE.sub("", a.ko))
            result.append(
                Swap(
                    text,
                    say.fill(say.LOSES, best=say.BEST[qualifier], why=a.why),
                    Part(r.id, "loses", qualifier),
                )
            )
    return result


def _fit(s: Swap, en: int, ko: int, longer: bool) -> tuple[int, float]:
    """How badly a swap fits an answer of en/ko characters: languages where it is on the wrong side of the
    answer's length (longer when it should not be, or the reverse), then its relative distance."""
    miss = ((len(s.text.en) > en) != longer) + ((len(s.text.ko) > ko) != longer)
    return miss, abs(len(s.text.en) - en) / max(en, 1) + abs(len(s.text.ko) - ko) / max(ko, 1)


def closest(options: list[Swap], en: int, ko: int, longer: bool) -> Swap:
    """The swap nearest in length to the answer it replaces (en and ko characters), longer than it in both
    languages when `longer`, else not longer, then in one language: a wrong design is longer than the key
    exactly when its swap is longer than the answer it replaces, so the choices set the key's place by
    length (cues.longer_wanted). Content decides, not the seed: which questions the length-cue trim keeps
    must not change with it."""
    return min(options, key=lambda s: _fit(s, en, ko, longer))


def design(components: list[Text], proper: re.Pattern) -> Text:
    """One complete design: the components in the stem's order, as one list."""
    parts = [say.strip_period(c) for c in components]
    return Text(
        "; ".join(p.en if i == 0 else lower_first(p.en, proper) for i, p in enumerate(parts)),
        "; ".join(p.ko for p in parts),
    )


def design_explanation(group: list[Requirement]) -> Text:
    items = say.listing(
        [Text(f"- {r.answer.en}: {r.why.en}", f"- {r.answer.ko}: {r.why.ko}") for r in group], "\n"
    )
    return say.join(say.PARTS_OF_THE_DESIGN, items, sep="\n\n")


def _fits_the_rest(
    swap: Swap, r: Requirement, group: list[Requirement], services: dict[str, Service]
) -> bool:
    """A wrong component keeps what the other components name of r's services ("RDS Proxy between the
    functions and the Aurora cluster" needs an Aurora cluster beside it): otherwise the design contradicts
    itself, and that tells the reader it is wrong without knowing why."""
    for slug in r.services:
        names = service_names(services, [slug])
        named_elsewhere = any(_names_any(other.answer, names) for other in group if other is not r)
        if named_elsewhere and not _names_any(swap.text, names):
            return False
    return True


def _pick_wrong(
    group: list[Requirement], main: Requirement, qualifier: str, services: dict[str, Service]
) -> list[tuple[int, Swap]]:
    """Three wrong designs, each one swap: one that loses on the qualifier when the content has one, then
    the main requirement's, then the others'; each the swap nearest in length to the answer it replaces."""
    slots = {r.id: i for i, r in enumerate(group)}
    offered = {r.id: [w for w in swaps(r, qualifier) if _fits_the_rest(w, r, group, services)] for r in group}
    picked: list[tuple[int, Swap]] = []
    longer = cues.longer_wanted("+".join(r.id for r in group) + "|" + main.answer.en)
    losing = [(r, s) for r in group for s in offered[r.id] if s.part.verdict == "loses"]
    if losing:  # the first `longer` picks are longer than the answers they replace
        r, swap = min(
            losing, key=lambda rs: _fit(rs[1], len(rs[0].answer.en), len(rs[0].answer.ko), longer > 0)
        )
        picked.append((slots[r.id], swap))
    order = [
        main,
        *sorted((r for r in group if r is not main), key=lambda r: not _has_long_swap(r, qualifier)),
    ]
    for _round in range(WRONG_CHOICES):
        for r in order:
            if len(picked) == WRONG_CHOICES:
                return picked
            left = [
                s for s in offered[r.id] if s.part.verdict == "fails" and all(s is not p for _i, p in picked)
            ]
            if left:
                wanted = len(picked) < longer
                picked.append((slots[r.id], closest(left, len(r.answer.en), len(r.answer.ko), wanted)))
    return picked


def group_source(case: Case, group: list[Requirement], main: Requirement, exam: str) -> dict:
    ids = "+".join(r.id for r in group)
    return from_case(case, f"requirements {ids}") | {
        "exams": {exam: main.domains[exam]},
        "tasks": {exam: main.tasks[exam]} if exam in main.tasks else {},
        "services": sorted({s for r in group for s in r.services}),
    }


def key_ids(main: Requirement, group: list[Requirement]) -> str:
    return "+".join([main.id] + [r.id for r in group if r is not main])


@form("scenario", over="case")
def scenario(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """Per requirement and exam it serves: a scenario with it as the main constraint (see the module)."""
    services, proper = curriculum.services, proper_words(curriculum.services)
    questions = []
    taken: list[frozenset[str]] = []
    for main in case.requirements:
        qualifier = "" if main.goal == "simple" else main.goal
        for exam, count in CONSTRAINTS.items():
            if exam not in main.domains:
                continue
            # The first group whose components offer three wrong designs that do not contradict themselves.
            groups = partner_groups(case, main, exam, count, services, taken)
            found = next(
                (
                    (g, w)
                    for g in groups
                    if len(w := _pick_wrong(g, main, qualifier, services)) == WRONG_CHOICES
                ),
                None,
            )
            if found is None:
                continue
            group, picked = found
            taken.append(frozenset(r.id for r in group))
            key = f"scenario:{case.slug}:{key_ids(main, group)}"
            keyed = [n for r in group for n in requirement_names(services, r)]
            answers = [r.answer for r in group]
            wrong = []
            for slot, swap in picked:
                components = [*answers[:slot], swap.text, *answers[slot + 1 :]]
                parts = tuple(swap.part if i == slot else Part(r.id, "meets") for i, r in enumerate(group))
                wrong.append((design(components, proper), swap.why, parts))
            whys = say.listing([r.why for r in group], " ")
            questions.append(
                build(
                    key,
                    seed,
                    stem=scenario_stem(case, group, exam, qualifier, say.CLOSING[main.goal], keyed),
                    right=[
                        (
                            design(answers, proper),
                            say.fill(say.MEETS_ALL, whys=whys),
                            tuple(Part(r.id, "meets") for r in group),
                        )
                    ],
                    wrong=wrong,
                    explanation=design_explanation(group),
                    source=group_source(case, group, main, exam),
                    keyed=keyed,
                    qualifier=qualifier,
                    constraints=[r.id for r in group],
                )
            )
    return questions
