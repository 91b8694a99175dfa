"""Forms built from one requirement of an architecture case (scenario.py combines several).

Each targets the exams and task statements its requirement names (`tasks` in the case file): the
content decides which exam a one-requirement item serves; scenario.py writes one item per exam.
"""

from __future__ import annotations

import functools
import re

from quizzes.generator import cues
from quizzes.generator import phrasing as say
from quizzes.generator.build import build, from_requirement, rng, service_names
from quizzes.generator.forms import form
from quizzes.generator.questions import WRONG_CHOICES, Question
from quizzes.generator.validate import content_words
from topics.content import Case, Curriculum, Distractor, Requirement, Service, Text, mentions, names_of

# Words that start a noun phrase ("An ALB ...", "Two CloudFront behaviors ...") rather than an instruction.
DETERMINERS = frozenset({"A", "An", "The", "One", "Two", "Three", "Each", "Every", "Both", "Separate"})
# First halves of ordinary compound adjectives ("Self-managed NAT instances", "Cross-account roles"), which
# never start a name, unlike "Amazon-provided" or "X-Ray".
COMMON_PREFIXES = frozenset(
    {"Self", "Cross", "Single", "Fully", "Non", "Semi", "On", "Long", "Short", "Near", "Real"}
)


def mid_sentence(text: Text, proper: re.Pattern) -> Text:
    """The text as it reads after a colon or inside a list (English): a leading determiner or common word
    lower-cased ("an SQS queue", "share the directory"); names in `proper` keep their capitals."""
    return Text(lower_first(text.en, proper), text.ko)


def lower_first(text: str, proper: re.Pattern) -> str:
    """Lower-case a leading article or verb inside a list ("an Amazon SQS queue", "store the files");
    names stay as they are ("Amazon SQS", "Route 53 health checks", "Elastic IP addresses")."""
    words = text.split()
    first = words[0] if words else ""
    prefix, _hyphen, rest = first.partition("-")  # "An", "Three-year", "Self-managed"
    if prefix in DETERMINERS or (prefix in COMMON_PREFIXES and rest.islower()):
        return first[:1].lower() + text[1:]
    if (
        proper.match(text)
        or not first[:1].isupper()
        or any(ch.isupper() or ch.isdigit() for ch in first[1:])
        or (len(words) > 1 and words[1][:1].isupper())
    ):
        return text
    return first[:1].lower() + text[1:]


def proper_words(services: dict[str, Service]) -> re.Pattern:
    """What a text starting with a service name matches ("Amazon SQS", "Route 53", "Lambda"), so "Route 53
    health checks" is a noun phrase and "Route bucket traffic back" an instruction."""
    names = {name for s in services.values() for name in (s.name, s.short, *s.aliases) if name[:1].isupper()}
    return _name_start(tuple(sorted(names, key=len, reverse=True)))


@functools.lru_cache(maxsize=8)
def _name_start(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w@])")


def is_noun_phrase(text: str, proper: re.Pattern) -> bool:
    """Whether an option names a thing ("An SQS queue ...") rather than tells to do something ("Let ...")."""
    first = text.split()[0] if text.split() else ""
    return (
        first in DETERMINERS
        or bool(proper.match(text))
        or any(ch.isdigit() for ch in first)
        or (len(first) > 1 and any(ch.isupper() for ch in first[1:]))
    )


def _spread(r: Requirement) -> list[Distractor]:
    """The distractors to show when there are more than enough: as many longer than the answer (in both
    languages) as cues.longer_wanted asks for this requirement and the rest not longer, each the nearest
    in length, so the key's place by length varies from requirement to requirement."""
    if len(r.distractors) <= WRONG_CHOICES:
        return list(r.distractors)
    want = cues.longer_wanted(r.id + "|" + r.answer.en)

    def side(d: Distractor) -> int:  # 2: longer in both languages, 0: in neither
        return (len(d.option.en) > len(r.answer.en)) + (len(d.option.ko) > len(r.answer.ko))

    def distance(d: Distractor) -> float:
        return abs(len(d.option.en) / max(len(r.answer.en), 1) - 1) + abs(
            len(d.option.ko) / max(len(r.answer.ko), 1) - 1
        )

    longer = sorted(r.distractors, key=lambda d: (-side(d), distance(d)))[:want]
    rest = sorted((d for d in r.distractors if d not in longer), key=lambda d: (side(d), distance(d)))
    chosen = longer + rest[: WRONG_CHOICES - len(longer)]
    return [d for d in r.distractors if d in chosen]


def alternatives_said(r: Requirement, proper: re.Pattern) -> list[Text]:
    """What the explanation says of the requirement's other workable answers: those equal to the key as
    acceptable, those that lose on a goal as workable but not best here, each with its reason."""
    equal = [mid_sentence(a, proper) for a in r.alternatives if not a.loses_on]
    said = [say.fill(say.ALSO_ACCEPTABLE, items=say.listing(equal))] if equal else []
    for a in r.alternatives:
        if a.loses_on:
            why = a.why or Text("", "")
            said.append(say.fill(say.WORKABLE_NOT_BEST, alternative=mid_sentence(a, proper), why=why))
    return said


@form("requirement", over="case")
def requirement(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """A requirement under its qualifier -> the component that meets it best.

    One question per requirement: a second variant that differed only in its closing sentence taught
    nothing new (44 of 144 pairs had identical options)."""
    questions = []
    proper = proper_words(curriculum.services)
    for r in case.requirements:
        explanation = say.join(r.why, *alternatives_said(r, proper))
        key = f"requirement:{case.slug}:{r.id}:v0"
        questions.append(
            build(
                key,
                seed,
                stem=say.join(
                    case.company, r.need, say.GOAL_QUESTION.get(r.goal, say.GOAL_QUESTION["simple"])
                ),
                right=[(r.answer, r.why)],
                wrong=[(d.option, d.why) for d in _spread(r)],
                explanation=explanation,
                source=from_requirement(case, r),
                keyed=service_names(curriculum.services, r.services),
                alternatives=list(r.alternatives),
                qualifier="" if r.goal == "simple" else r.goal,
                base=True,
            )
        )
    return questions


def _is_bare(option: Text, service: Service) -> bool:
    """An option that is essentially the service ("Amazon ElastiCache for Redis OSS"), so its `why` was
    written for the service and can explain a bare service name in a box."""
    names = names_of(service)
    if not any(mentions(option.en, n) for n in names):
        return False
    rest = content_words(option.en) - {w for n in names for w in content_words(n)}
    return len(rest) <= 3


@form("missing-box", over="case")
def missing_box(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """The case diagram with one box hidden -> which service belongs there.

    Only a box whose service is what meets the stated requirement, that no visible label names, and
    whose wrong options each come with a reason written for that service in this place: the node's
    `not_here` entries in the case file, or distractors that are no more than one service. Never a
    service's generic description ("It is not what this box needs")."""
    services = curriculum.services
    diagram = case.diagram
    nodes = {n.id: n for n in diagram.nodes}
    visible = {n.service for n in diagram.nodes if n.service}
    questions = []
    asked: set[str] = set()  # one question per box, for the first requirement it meets
    for r in case.requirements:
        for node_id in r.nodes:
            node = nodes.get(node_id)
            if (
                node is None
                or node_id in asked
                or node.service not in services
                or node.service not in r.services
            ):
                continue
            # The only box of its service, or the hidden label could be read off another box.
            if sum(1 for n in diagram.nodes if n.service == node.service) > 1:
                continue
            service = services[node.service]
            labels = [e.label for e in diagram.edges if e.label]
            labels += [n.label for n in diagram.nodes if n.id != node_id] + [g.label for g in diagram.groups]
            if any(
                mentions(label.get(lang), name)
                for label in labels
                for lang in ("en", "ko")
                for name in names_of(service)
            ):
                continue  # "SSE-KMS default encryption" beside a hidden KMS box names it
            # Wrong services with a reason written for this box: the case's own (not_here), then a
            # distractor that is essentially one service ("Amazon ElastiCache for Redis OSS").
            wrong: dict[str, Text] = {e.service: e.why for e in node.not_here if e.service in services}
            for d in r.distractors:
                slug = d.services[0] if len(d.services) == 1 else None
                if (
                    slug is None
                    or slug not in services
                    or slug in visible
                    or slug in r.services
                    or slug in wrong
                ):
                    continue
                other = services[slug]
                # A service an acceptable alternative names could fill the box too.
                if any(mentions(a.en, n) for a in r.alternatives for n in names_of(other)):
                    continue
                if _is_bare(d.option, other):
                    wrong[slug] = d.why
            if len(wrong) < WRONG_CHOICES:
                continue
            asked.add(node_id)
            key = f"missing-box:{case.slug}:{r.id}:{node_id}"
            picked = rng(seed, key).sample(sorted(wrong), WRONG_CHOICES)
            questions.append(
                build(
                    key,
                    seed,
                    stem=say.join(case.company, say.fill(say.MISSING_BOX, need=r.need)),
                    right=[(Text(service.name, service.name), r.why)],
                    wrong=[(Text(services[s].name, services[s].name), wrong[s]) for s in picked],
                    explanation=r.why,
                    source=from_requirement(case, r),
                    services=[node.service],
                    figure={"case": case.slug, "hide": node_id},
                    keyed=names_of(service),
                )
            )
    return questions


# At most this many "which statement is NOT correct" per case: more would share one stem word for word.
NOT_CORRECT_PER_CASE = 2


@form("not-correct", over="case")
def not_correct(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """Statements pairing components with requirements -> which one is NOT correct.

    Statements pair a requirement with a noun phrase ("... would be met by an SQS FIFO queue"), never an
    instruction, and the false one is a distractor that names a real service: plausible, not absurd."""
    proper = proper_words(curriculum.services)
    stated = [r for r in case.requirements if is_noun_phrase(r.answer.en, proper)]
    candidates = []
    for r in stated:
        usable = [
            (index, d)
            for index, d in enumerate(r.distractors)
            if d.services and is_noun_phrase(d.option.en, proper)
        ]
        if usable and len(stated) > WRONG_CHOICES:
            # The false statement closest in length to the true one, so length does not point to it.
            candidates.append((r, min(usable, key=lambda x: abs(len(x[1].option.en) - len(r.answer.en)))))
    if not candidates:
        return []
    step = max(1, len(candidates) // NOT_CORRECT_PER_CASE)
    questions = []
    for r, (index, distractor) in candidates[::step][:NOT_CORRECT_PER_CASE]:
        key = f"not-correct:{case.slug}:{r.id}:d{index}"
        # Which true statements stand beside the false one sets its place by length, so content decides, not
        # the seed: the length-cue trim must keep the same questions whatever the seed (the seed still
        # orders the options).
        true_ones = rng(0, key).sample([o for o in stated if o.id != r.id], WRONG_CHOICES)
        questions.append(
            build(
                key,
                seed,
                stem=say.join(case.company, say.NOT_CORRECT),
                right=[
                    (
                        say.fill(
                            say.STATEMENT,
                            need=say.strip_period(r.need),
                            option=mid_sentence(distractor.option, proper),
                        ),
                        distractor.why,
                    )
                ],
                wrong=[
                    (
                        say.fill(
                            say.STATEMENT,
                            need=say.strip_period(o.need),
                            option=mid_sentence(o.answer, proper),
                        ),
                        say.fill(say.TRUE_STATEMENT, why=o.why),
                    )
                    for o in true_ones
                ],
                explanation=r.why,
                source=from_requirement(case, r),
                alternatives=[
                    say.fill(say.STATEMENT, need=say.strip_period(r.need), option=mid_sentence(a, proper))
                    for a in r.alternatives
                ],
            )
        )
    return questions


def _echoes(label: Text, right: Text, wrong: list[Text]) -> bool:
    """The right requirement shares more words with the component's label than any wrong one: a learner
    could match them by keyword without knowing what the component does."""
    words = content_words(label.en)
    overlap = len(words & content_words(right.en))
    return overlap > 0 and overlap > max(len(words & content_words(w.en)) for w in wrong)


@form("purpose", over="case")
def purpose(case: Case, curriculum: Curriculum, seed: int) -> list[Question]:
    """A component of the architecture -> which requirement it is there for."""
    questions = []
    proper = proper_words(curriculum.services)
    nodes = {n.id: n for n in case.diagram.nodes}
    asked: set[tuple[str, str]] = set()  # two boxes with one label ("DynamoDB table" per Region) ask once
    for r in case.requirements:
        for node_id in r.nodes:
            # Only a component that serves this one requirement has a single right answer.
            if any(node_id in o.nodes for o in case.requirements if o.id != r.id) or node_id not in nodes:
                continue
            if (r.id, nodes[node_id].label.en) in asked:
                continue
            asked.add((r.id, nodes[node_id].label.en))
            others = [o for o in case.requirements if node_id not in o.nodes]
            if len(others) < WRONG_CHOICES:
                continue
            node = nodes[node_id]
            key = f"purpose:{case.slug}:{r.id}:{node_id}"
            # First the other requirements that share the label's words (a keyword then points nowhere in
            # particular), then those nearest in length, so the right one does not stand out by it.
            label_words = content_words(node.label.en)
            wrong = sorted(
                others,
                key=lambda o: (
                    -len(label_words & content_words(o.need.en)),
                    abs(len(o.need.en) - len(r.need.en)),
                    o.id,
                ),
            )[:WRONG_CHOICES]
            # Judged against the options shown: a word the label shares only with the right one among
            # them is a cue, whatever requirements the question leaves out.
            if _echoes(node.label, r.need, [o.need for o in wrong]):
                continue
            questions.append(
                build(
                    key,
                    seed,
                    stem=say.join(case.company, say.fill(say.PURPOSE, component=node.label)),
                    right=[(r.need, r.why)],
                    wrong=[
                        (o.need, say.fill(say.MET_ELSEWHERE, answer=mid_sentence(o.answer, proper)))
                        for o in wrong
                    ],
                    explanation=r.why,
                    source=from_requirement(case, r),
                    services=[node.service] if node.service else [],
                )
            )
    return questions
