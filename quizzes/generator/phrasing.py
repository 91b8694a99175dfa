"""What the generator says, in both languages: the templates, values with their units, and how pieces join.

Korean templates put a particle after an interpolated word as a format spec naming the pair,
"{component:이/가}", and `fill` picks the form by the word's final sound (see `korean`), so no
question ever shows a placeholder such as 이(가) or 을(를).
"""

from __future__ import annotations

import string

from quizzes.generator.korean import counted, counter_for, in_words, particle
from topics.content import Text

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
    "회사는 다음 요구 사항을 충족해야 한다.\n\n{needs}\n\n이 요구 사항을 충족하는 조치의 조합은 무엇인가? ({count:을/를} "
    "고르시오.)",
)
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
    "제안된 아키텍처에는 {component:이/가} 포함되어 있다. 이 구성 요소는 회사의 어떤 요구 사항을 충족하기 위한 것인가?",
)
FACT_OWNER = Text(
    "An architecture review checklist records the value {value}. Which of the following does this value "
    "belong to?",
    "아키텍처 검토 체크리스트에 {value:이라는/라는} 값이 적혀 있다. 이 값은 다음 중 어느 항목의 값인가?",
)  # the value comes in bold
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

_ENGLISH_COUNTS = {2: "TWO", 3: "THREE"}

# unit -> (English singular, plural), Korean with {n} for the number.
UNITS = {
    "s": (("second", "seconds"), "{n}초"),
    "ms": (("millisecond", "milliseconds"), "{n}밀리초"),
    "min": (("minute", "minutes"), "{n}분"),
    "h": (("hour", "hours"), "{n}시간"),
    "days": (("day", "days"), "{n}일"),
    "percent": (("%", "%"), "{n}%"),
    "requests-per-s": (("request per second", "requests per second"), "초당 {n}건"),
}


class _Korean(string.Formatter):
    """str.format, plus a particle pair as format spec: "{name:이/가}" -> "Lambda가", "IAM이"."""

    def format_field(self, value, format_spec):
        if "/" in format_spec:
            text = str(value)
            return text + particle(text, format_spec)
        return super().format_field(value, format_spec)


_KOREAN = _Korean()


def fill(template: Text, **values: Text | str) -> Text:
    """The template with each value put in, the Korean particles chosen to fit the words before them."""
    en = {k: (v.en if isinstance(v, Text) else v) for k, v in values.items()}
    ko = {k: (v.ko if isinstance(v, Text) else v) for k, v in values.items()}
    # string.Formatter is pure Python and slow; only a template with a particle pair needs it.
    korean = _KOREAN.format(template.ko, **ko) if "/" in template.ko else template.ko.format(**ko)
    return Text(template.en.format(**en), korean)


def join(*parts: Text, sep: str = " ") -> Text:
    return Text(sep.join(p.en for p in parts if p.en), sep.join(p.ko for p in parts if p.ko))


def listing(items: list[Text], sep: str = "; ") -> Text:
    return Text(sep.join(i.en for i in items), sep.join(i.ko for i in items))


def strip_period(text: Text) -> Text:
    return Text(text.en.rstrip(" ."), text.ko.rstrip(" ."))


def choose_count(count: int) -> Text:
    """How many answers to choose, as the exam writes it: "TWO" / "두 개"."""
    return Text(_ENGLISH_COUNTS[count], in_words(count, "개"))


def bold(text: Text) -> Text:
    """Markdown emphasis; a particle after it is still chosen by the word inside."""
    return Text(f"**{text.en}**", f"**{text.ko}**")


def format_number(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,}".rstrip("0").rstrip(".")


def format_value(number: float, unit: str, family: str | None = None) -> Text:
    """A value in its unit, in both languages; a bare count gets the Korean counter of its quiz family."""
    n = format_number(number)
    if unit == "count":
        return Text(n, counted(n, counter_for(family)))
    if unit == "percent":
        return Text(f"{n}%", f"{n}%")
    if unit in UNITS:
        (singular, plural), ko = UNITS[unit]
        return Text(f"{n} {singular if number == 1 else plural}", ko.format(n=n))
    return Text(f"{n} {unit}", f"{n}{unit}")
