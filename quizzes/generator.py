"""Generate exam-style scenario questions from the curriculum's cases and facts.

Pure Python over plain data (topics.content dataclasses): no database, no clock. The same
curriculum and seed always give the same questions, and every question has a stable key
(form, case, requirement or fact, variant), so regenerating after a content edit updates
questions in place instead of orphaning anyone's progress.

Forms
  requirement   a requirement under a constraint -> the component that meets it best
  missing-box   the case diagram with one box hidden -> which service belongs there
  choose-n      several requirements of one case -> choose the TWO/THREE actions that meet them
  not-correct   statements about the architecture -> which one is NOT correct
  fact-value    a limit or default -> its value, with real neighbouring values as distractors
  fact-owner    a value -> which service/feature it belongs to
  purpose       a component of the architecture -> which requirement it is there for
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from topics.content import Case, Curriculum, Fact, Requirement, Service, Text, names_of

FORMS = ("requirement", "missing-box", "choose-n", "not-correct", "fact-value", "fact-owner", "purpose")
SINGLE, MULTIPLE = "single", "multiple"
WRONG_CHOICES = 3  # single answer: 1 of 4, as on the exam

GOAL_QUESTION = {
    "ops": Text(
        "Which solution meets this requirement with the LEAST operational overhead?",
        "운영 오버헤드가 가장 적은 방법으로 이 요구 사항을 충족하는 솔루션은 무엇인가?",
    ),
    "cost": Text(
        "Which solution meets this requirement MOST cost-effectively?",
        "이 요구 사항을 가장 비용 효율적으로 충족하는 솔루션은 무엇인가?",
    ),
    "performance": Text(
        "Which solution meets this requirement with the BEST performance?",
        "이 요구 사항을 가장 높은 성능으로 충족하는 솔루션은 무엇인가?",
    ),
    "availability": Text(
        "Which solution meets this requirement with the HIGHEST availability?",
        "가장 높은 가용성으로 이 요구 사항을 충족하는 솔루션은 무엇인가?",
    ),
    "security": Text(
        "Which solution meets this requirement in the MOST secure way?",
        "이 요구 사항을 가장 안전하게 충족하는 솔루션은 무엇인가?",
    ),
    "simple": Text("Which solution meets this requirement?", "이 요구 사항을 충족하는 솔루션은 무엇인가?"),
}
RECOMMEND = Text(
    "A solutions architect is reviewing the design. What should the solutions architect recommend?",
    "솔루션스 아키텍트가 설계를 검토하고 있다. 솔루션스 아키텍트는 무엇을 권장해야 하는가?",
)
MISSING_BOX = Text(
    "The diagram shows the proposed architecture with one component hidden (?). That component must meet this "
    "requirement: {need} Which AWS service belongs in the hidden box?",
    "다이어그램은 제안된 아키텍처이며 구성 요소 하나가 가려져 있다(?). 가려진 구성 요소는 다음 요구 사항을 충족해야 "
    "한다. {need} 가려진 상자에 들어갈 AWS 서비스는 무엇인가?",
)
CHOOSE_N = Text(
    "The company must meet these requirements:\n\n{needs}\n\nWhich combination of actions meets these requirements? "
    "(Choose {count}.)",
    "회사는 다음 요구 사항을 충족해야 한다.\n\n{needs}\n\n이 요구 사항을 충족하는 조치의 조합은 무엇인가? ({count_ko} 개를 "
    "고르시오.)",
)
COUNT_WORDS = {2: Text("TWO", "두"), 3: Text("THREE", "세")}
NOT_CORRECT = Text(
    "A solutions architect wrote down which part of the design meets each requirement. Which statement is NOT "
    "correct?",
    "솔루션스 아키텍트가 각 요구 사항을 설계의 어느 부분이 충족하는지 정리했다. 다음 중 옳지 않은 설명은 무엇인가?",
)
STATEMENT = Text(
    "To meet the requirement “{need}”, the design uses {option}.",
    "“{need}” 요구 사항을 충족하는 구성: {option}",
)
PURPOSE = Text(
    "The proposed architecture includes {component}. Which of the company's requirements is it there to meet?",
    "제안된 아키텍처에는 {component}이(가) 포함되어 있다. 이 구성 요소는 회사의 어떤 요구 사항을 충족하기 위한 것인가?",
)
FACT_OWNER = Text(
    "An architecture review checklist records the value **{value}**. Which of the following does this value "
    "belong to?",
    "아키텍처 검토 체크리스트에 **{value}**라는 값이 적혀 있다. 이 값은 다음 중 어느 항목의 값인가?",
)
ALSO_ACCEPTABLE = Text("Also acceptable in practice: {items}.", "실무에서 함께 인정되는 대안: {items}.")
NOT_THIS_BOX = Text(
    "{name}: {does} It is not what this box needs.", "{name}: {does} 이 상자에 필요한 구성 요소가 아니다."
)
MET_ELSEWHERE = Text(
    "That requirement is met by another part of the design: {answer}.",
    "그 요구 사항은 설계의 다른 부분이 충족한다: {answer}.",
)
TRUE_STATEMENT = Text("Correct statement. {why}", "옳은 설명이다. {why}")
WRONG_FOR_COMBINATION = Text("Not part of the answer. {why}", "정답 조합에 포함되지 않는다. {why}")
RIGHT_FOR_COMBINATION = Text("Part of the answer. {why}", "정답 조합의 일부다. {why}")
RIGHT_COMBINATION = Text(
    "Each requirement needs its own part of the design. The right combination: {items}.",
    "요구 사항마다 필요한 구성 요소가 따로 있다. 정답 조합: {items}.",
)
FACT_WAS = Text("Changed: {change}", "변경 사항: {change}")

UNITS = {
    "s": (("second", "seconds"), "{n}초"),
    "ms": (("millisecond", "milliseconds"), "{n}밀리초"),
    "min": (("minute", "minutes"), "{n}분"),
    "h": (("hour", "hours"), "{n}시간"),
    "days": (("day", "days"), "{n}일"),
    "count": (("", ""), "{n}개"),
    "percent": (("%", "%"), "{n}%"),
    "requests-per-s": (("request per second", "requests per second"), "초당 {n}건"),
}


# ---------------------------------------------------------------------------------------------
# The questions


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    correct: bool
    why: Text


@dataclass
class Question:
    key: str
    form: str
    kind: str
    choose: int
    exams: dict[str, int]
    stem: Text
    choices: list[Choice]
    explanation: Text
    topic: str | None = None
    case: str | None = None
    fact: str | None = None
    services: list[str] = field(default_factory=list)
    figure: dict | None = None
    sources: list[str] = field(default_factory=list)
    # What must never appear in the stem (the keyed services' names, the keyed value).
    keyed: list[str] = field(default_factory=list)
    # Answers that also work in practice: no wrong choice may be one of them.
    alternatives: list[Text] = field(default_factory=list)
    # The first question of a requirement or fact: if it is invalid, the content is invalid.
    base: bool = False
    source_ref: str = ""

    @property
    def correct_ids(self) -> list[str]:
        return [c.id for c in self.choices if c.correct]

    def identity(self) -> tuple[str, tuple[str, ...]]:
        """Stem plus correct answers: reshuffled choices or other distractors are the same question."""
        return self.stem.en, tuple(sorted(c.text.en for c in self.choices if c.correct))


@dataclass
class Rejection:
    question: Question
    reasons: list[str]

    @property
    def fatal(self) -> bool:
        return self.question.base


@dataclass
class Generated:
    questions: list[Question]
    rejected: list[Rejection]

    @property
    def fatal(self) -> list[Rejection]:
        return [r for r in self.rejected if r.fatal]


# ---------------------------------------------------------------------------------------------
# Helpers


def _rng(seed: int, key: str) -> random.Random:
    """One random stream per question, so editing one case never reshuffles another's questions."""
    return random.Random(f"{seed}:{key}")


def _choice_id(key: str, text: str) -> str:
    return hashlib.sha256(f"{key}|{text}".encode()).hexdigest()[:10]


def _fmt(template: Text, **values) -> Text:
    en = {k: (v.en if isinstance(v, Text) else v) for k, v in values.items()}
    ko = {k: (v.ko if isinstance(v, Text) else v) for k, v in values.items()}
    return Text(template.en.format(**en), template.ko.format(**ko))


def _join(*parts: Text, sep: str = " ") -> Text:
    return Text(sep.join(p.en for p in parts if p.en), sep.join(p.ko for p in parts if p.ko))


def _strip_period(text: Text) -> Text:
    return Text(text.en.rstrip(" ."), text.ko.rstrip(" ."))


def format_number(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,}".rstrip("0").rstrip(".")


def format_value(number: float, unit: str) -> Text:
    n = format_number(number)
    if unit in UNITS:
        (singular, plural), ko = UNITS[unit]
        if unit == "percent":
            return Text(f"{n}%", f"{n}%")
        if unit == "count":
            return Text(n, ko.format(n=n))
        word = singular if number == 1 else plural
        return Text(f"{n} {word}", ko.format(n=n))
    return Text(f"{n} {unit}", f"{n}{unit}")


def _assemble(
    key: str,
    seed: int,
    right: list[tuple[Text, Text]],
    wrong: list[tuple[Text, Text]],
) -> list[Choice]:
    """Choices in a seeded order; ids are opaque (a hash), so neither order nor id reveals the answer."""
    choices = [Choice(_choice_id(key, t.en), t, True, w) for t, w in right]
    choices += [Choice(_choice_id(key, t.en), t, False, w) for t, w in wrong]
    _rng(seed, key + ":order").shuffle(choices)
    return choices


def _majority(domains: list[dict[str, int]]) -> dict[str, int]:
    result = {}
    exams = {exam for d in domains for exam in d}
    for exam in sorted(exams):
        votes = Counter(d[exam] for d in domains if exam in d)
        best = max(votes.values())
        result[exam] = next(d[exam] for d in domains if exam in d and votes[d[exam]] == best)
    return result


def _service_names(services: dict[str, Service], slugs: list[str]) -> list[str]:
    return [name for slug in slugs if slug in services for name in names_of(services[slug])]


# ---------------------------------------------------------------------------------------------
# Case forms


def _case_context(case: Case) -> dict:
    return {
        "topic": case.topics[0] if case.topics else None,
        "case": case.slug,
        "sources": [s.url for s in case.sources],
    }


def _requirement_questions(
    case: Case, r: Requirement, services: dict[str, Service], seed: int
) -> list[Question]:
    questions = []
    explanation = r.why
    if r.alternatives:
        items = Text("; ".join(a.en for a in r.alternatives), "; ".join(a.ko for a in r.alternatives))
        explanation = _join(r.why, _fmt(ALSO_ACCEPTABLE, items=items))
    for variant, closing in enumerate((GOAL_QUESTION.get(r.goal, GOAL_QUESTION["simple"]), RECOMMEND)):
        key = f"requirement:{case.slug}:{r.id}:v{variant}"
        wrong = _rng(seed, key).sample(r.distractors, min(WRONG_CHOICES, len(r.distractors)))
        questions.append(
            Question(
                key=key,
                form="requirement",
                kind=SINGLE,
                choose=1,
                exams=dict(r.domains),
                stem=_join(case.company, r.need, closing),
                choices=_assemble(key, seed, [(r.answer, r.why)], [(d.option, d.why) for d in wrong]),
                explanation=explanation,
                services=list(r.services),
                keyed=_service_names(services, r.services),
                alternatives=list(r.alternatives),
                base=variant == 0,
                source_ref=f"{case.path} requirement {r.id}",
                **_case_context(case),
            )
        )
    return questions


def _missing_box_questions(case: Case, services: dict[str, Service], seed: int) -> list[Question]:
    questions = []
    nodes = {n.id: n for n in case.diagram.nodes}
    visible_services = {n.service for n in case.diagram.nodes if n.service}
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
                for slug in d.services:
                    if slug in services and slug not in visible_services and slug != node.service:
                        candidates.append((slug, d.why))
            for slug in service.confusables:
                if slug in services and slug not in visible_services and slug != node.service:
                    candidates.append(
                        (slug, _fmt(NOT_THIS_BOX, name=services[slug].name, does=services[slug].does))
                    )
            unique = list(dict((slug, why) for slug, why in reversed(candidates)).items())[::-1]
            if len(unique) < WRONG_CHOICES:
                continue
            wrong = _rng(seed, key).sample(unique, WRONG_CHOICES)
            name = Text(service.name, service.name)
            questions.append(
                Question(
                    key=key,
                    form="missing-box",
                    kind=SINGLE,
                    choose=1,
                    exams=dict(r.domains),
                    stem=_join(case.company, _fmt(MISSING_BOX, need=r.need)),
                    choices=_assemble(
                        key,
                        seed,
                        [(name, r.why)],
                        [(Text(services[s].name, services[s].name), why) for s, why in wrong],
                    ),
                    explanation=r.why,
                    services=[node.service],
                    figure={"case": case.slug, "hide": node_id},
                    keyed=names_of(service),
                    source_ref=f"{case.path} requirement {r.id}",
                    **_case_context(case),
                )
            )
    return questions


def _choose_n_questions(case: Case, services: dict[str, Service], seed: int) -> list[Question]:
    questions = []
    requirements = case.requirements
    for count in (2, 3):
        wrong_total = 3
        for group in itertools.combinations(requirements, count):
            ids = "+".join(r.id for r in group)
            key = f"choose-n:{case.slug}:{ids}"
            rng = _rng(seed, key)
            pool = [(d.option, d.why) for r in group for d in r.distractors]
            wrong = rng.sample(pool, min(wrong_total, len(pool)))
            needs = Text(
                "\n".join(f"- {r.need.en}" for r in group), "\n".join(f"- {r.need.ko}" for r in group)
            )
            words = COUNT_WORDS[count]
            questions.append(
                Question(
                    key=key,
                    form="choose-n",
                    kind=MULTIPLE,
                    choose=count,
                    exams=_majority([r.domains for r in group]),
                    stem=_join(
                        case.company,
                        _fmt(CHOOSE_N, needs=needs, count=words.en, count_ko=words.ko),
                        sep="\n\n",
                    ),
                    choices=_assemble(
                        key,
                        seed,
                        [(r.answer, _fmt(RIGHT_FOR_COMBINATION, why=r.why)) for r in group],
                        [(option, _fmt(WRONG_FOR_COMBINATION, why=why)) for option, why in wrong],
                    ),
                    explanation=_fmt(
                        RIGHT_COMBINATION,
                        items=Text(
                            "; ".join(r.answer.en for r in group), "; ".join(r.answer.ko for r in group)
                        ),
                    ),
                    services=sorted({s for r in group for s in r.services}),
                    keyed=_service_names(services, [s for r in group for s in r.services]),
                    alternatives=[a for r in group for a in r.alternatives],
                    source_ref=f"{case.path} requirements {ids}",
                    **_case_context(case),
                )
            )
    return questions


def _not_correct_questions(case: Case, seed: int) -> list[Question]:
    questions = []
    for r in case.requirements:
        others = [o for o in case.requirements if o.id != r.id]
        if len(others) < WRONG_CHOICES:
            continue
        for index, distractor in enumerate(r.distractors):
            key = f"not-correct:{case.slug}:{r.id}:d{index}"
            true_ones = _rng(seed, key).sample(others, WRONG_CHOICES)
            false_statement = _fmt(STATEMENT, need=_strip_period(r.need), option=distractor.option)
            questions.append(
                Question(
                    key=key,
                    form="not-correct",
                    kind=SINGLE,
                    choose=1,
                    exams=dict(r.domains),
                    stem=_join(case.company, NOT_CORRECT),
                    choices=_assemble(
                        key,
                        seed,
                        [(false_statement, distractor.why)],
                        [
                            (
                                _fmt(STATEMENT, need=_strip_period(o.need), option=o.answer),
                                _fmt(TRUE_STATEMENT, why=o.why),
                            )
                            for o in true_ones
                        ],
                    ),
                    explanation=r.why,
                    services=list(r.services),
                    alternatives=[
                        _fmt(STATEMENT, need=_strip_period(r.need), option=a) for a in r.alternatives
                    ],
                    source_ref=f"{case.path} requirement {r.id}",
                    **_case_context(case),
                )
            )
    return questions


def _purpose_questions(case: Case, seed: int) -> list[Question]:
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
            wrong = _rng(seed, key).sample(others, WRONG_CHOICES)
            label = nodes[node_id].label
            questions.append(
                Question(
                    key=key,
                    form="purpose",
                    kind=SINGLE,
                    choose=1,
                    exams=dict(r.domains),
                    stem=_join(case.company, _fmt(PURPOSE, component=label)),
                    choices=_assemble(
                        key,
                        seed,
                        [(r.need, r.why)],
                        [(o.need, _fmt(MET_ELSEWHERE, answer=o.answer)) for o in wrong],
                    ),
                    explanation=r.why,
                    services=[nodes[node_id].service] if nodes[node_id].service else [],
                    source_ref=f"{case.path} requirement {r.id}",
                    **_case_context(case),
                )
            )
    return questions


# ---------------------------------------------------------------------------------------------
# Fact forms


def _fact_explanation(fact: Fact) -> Text:
    if fact.change:
        return _join(fact.text, _fmt(FACT_WAS, change=fact.change))
    return fact.text


def _fact_value_questions(fact: Fact, seed: int) -> list[Question]:
    quiz = fact.quiz
    questions = []
    value = format_value(quiz.number, quiz.unit)
    keyed = [format_number(quiz.number), value.en, value.ko]
    for variant, ask in enumerate(quiz.ask):
        key = f"fact-value:{fact.id}:v{variant}"
        wrong = _rng(seed, key).sample(quiz.neighbours, min(WRONG_CHOICES, len(quiz.neighbours)))
        questions.append(
            Question(
                key=key,
                form="fact-value",
                kind=SINGLE,
                choose=1,
                exams=dict(fact.domains),
                stem=ask,
                choices=_assemble(
                    key,
                    seed,
                    [(value, _fact_explanation(fact))],
                    [(format_value(n.number, quiz.unit), n.why) for n in wrong],
                ),
                explanation=_fact_explanation(fact),
                topic=fact.topic,
                fact=fact.id,
                services=list(fact.services),
                sources=[fact.source],
                keyed=keyed,
                base=variant == 0,
                source_ref=f"{fact.path}:{fact.line} fact {fact.id}",
            )
        )
    return questions


def _fact_owner_questions(facts: list[Fact], services: dict[str, Service], seed: int) -> list[Question]:
    families: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        if fact.quiz:
            families.setdefault((fact.quiz.family, fact.quiz.unit), []).append(fact)
    questions = []
    for members in families.values():
        for fact in members:
            # Distractors must have a different value, or they would be right too.
            others = [
                o
                for o in members
                if o.quiz.number != fact.quiz.number and o.quiz.subject.en != fact.quiz.subject.en
            ]
            by_subject = {o.quiz.subject.en: o for o in others}
            if len(by_subject) < WRONG_CHOICES:
                continue
            key = f"fact-owner:{fact.id}"
            wrong = _rng(seed, key).sample(sorted(by_subject.values(), key=lambda o: o.id), WRONG_CHOICES)
            value = format_value(fact.quiz.number, fact.quiz.unit)
            questions.append(
                Question(
                    key=key,
                    form="fact-owner",
                    kind=SINGLE,
                    choose=1,
                    exams=dict(fact.domains),
                    stem=_fmt(FACT_OWNER, value=value),
                    choices=_assemble(
                        key,
                        seed,
                        [(fact.quiz.subject, _fact_explanation(fact))],
                        [(o.quiz.subject, o.text) for o in wrong],
                    ),
                    explanation=_fact_explanation(fact),
                    topic=fact.topic,
                    fact=fact.id,
                    services=list(fact.services),
                    sources=[fact.source],
                    keyed=_service_names(services, fact.services),
                    source_ref=f"{fact.path}:{fact.line} fact {fact.id}",
                )
            )
    return questions


# ---------------------------------------------------------------------------------------------
# Validation


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "for",
        "with",
        "in",
        "on",
        "at",
        "by",
        "from",
        "its",
        "their",
        "your",
        "use",
        "using",
    ]
)


@functools.lru_cache(maxsize=65536)
def _content_words(text: str) -> frozenset:
    return frozenset(_norm(text).split()) - STOPWORDS


def similar(a: str, b: str) -> bool:
    """Whether a learner would read two choices as the same answer.

    Equal after normalising, or the same content words in another order or with other articles.
    "Glacier Instant Retrieval" and "Glacier Flexible Retrieval" differ in a word that matters,
    so they are not duplicates; "Use an SQS queue." and "use a SQS queue" are.
    """
    return _norm(a) == _norm(b) or _content_words(a) == _content_words(b)


@functools.lru_cache(maxsize=4096)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One search for all keyed names (longest first), as whole words, ignoring case."""
    return re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w@])", re.IGNORECASE)


def _number_in(text: str, number: str) -> bool:
    plain = number.replace(",", "")
    for candidate in {number, plain}:
        if re.search(rf"(?<![\d.,]){re.escape(candidate)}(?![\d]|[.,]\d)", text):
            return True
    return False


def validate(question: Question) -> list[str]:
    """Every reason this question must not be published (empty when it is fine)."""
    reasons = []
    correct = question.correct_ids
    if question.kind == SINGLE and (len(correct) != 1 or len(question.choices) != WRONG_CHOICES + 1):
        reasons.append(
            f"wrong number of choices: {len(correct)} correct of {len(question.choices)} (needs 1 of 4)"
        )
    if question.kind == MULTIPLE and (
        question.choose < 2 or len(correct) != question.choose or len(question.choices) < question.choose + 3
    ):
        reasons.append(
            f"wrong number of choices: {len(correct)} correct of {len(question.choices)} for choose {question.choose}"
        )
    texts = [c.text for c in question.choices]
    for a, b in itertools.combinations(texts, 2):
        if similar(a.en, b.en) or _norm(a.ko) == _norm(b.ko):
            reasons.append(f"duplicate or near-duplicate choices: “{a.en}” and “{b.en}”")
    for choice in question.choices:
        if not choice.correct:
            for alternative in question.alternatives:
                if similar(choice.text.en, alternative.en) or _content_words(
                    alternative.en
                ) <= _content_words(choice.text.en):
                    reasons.append(f"a wrong choice is an acceptable alternative: “{choice.text.en}”")
    parts = {"stem": question.stem, "explanation": question.explanation}
    for index, choice in enumerate(question.choices, start=1):
        parts[f"choice {index}"] = choice.text
        parts[f"explanation of choice {index}"] = choice.why
    for name, text in parts.items():
        for language in ("en", "ko"):
            if not text.get(language).strip():
                reasons.append(f"missing translation: {name} has no {language} text")
    names = tuple(
        sorted({t for t in question.keyed if not re.fullmatch(r"[\d,.]+", t)}, key=len, reverse=True)
    )
    numbers = [t for t in question.keyed if re.fullmatch(r"[\d,.]+", t)]
    for language in ("en", "ko"):
        stem = question.stem.get(language)
        found = _names_pattern(names).search(stem) if names else None
        term = found.group(0) if found else next((n for n in numbers if _number_in(stem, n)), None)
        if term:
            reasons.append(f"the stem gives the answer away: it names “{term}” ({language})")
    return reasons


# ---------------------------------------------------------------------------------------------
# Entry point


def generate(curriculum: Curriculum, seed: int = 0) -> Generated:
    """All questions for the curriculum, validated: the good ones, and the rejected ones with reasons."""
    services = curriculum.services
    produced: list[Question] = []
    for case in sorted(curriculum.cases.values(), key=lambda c: c.slug):
        for requirement in case.requirements:
            produced += _requirement_questions(case, requirement, services, seed)
        produced += _missing_box_questions(case, services, seed)
        produced += _choose_n_questions(case, services, seed)
        produced += _not_correct_questions(case, seed)
        produced += _purpose_questions(case, seed)
    facts = sorted(curriculum.facts.values(), key=lambda f: f.id)
    for fact in facts:
        if fact.quiz:
            produced += _fact_value_questions(fact, seed)
    produced += _fact_owner_questions(facts, services, seed)

    valid, rejected = [], []
    seen: set[str] = set()
    for question in produced:
        reasons = validate(question)
        if question.key in seen:
            reasons.append(f"duplicate key {question.key}")
        seen.add(question.key)
        if reasons:
            rejected.append(Rejection(question, reasons))
        else:
            valid.append(question)
    return Generated(valid, rejected)


def distinct_count(questions: list[Question]) -> int:
    return len({q.identity() for q in questions})
