"""What the generator says, in both languages: the templates, values with their units, and how pieces join.

Korean templates put a particle after an interpolated word as a format spec naming the pair,
"{component:이/가}", and `fill` picks the form by the word's final sound (see `korean`), so no
question ever shows a placeholder such as 이(가) or 을(를).
"""

from __future__ import annotations

import string

from quizzes.generator.cues import TOO_MANY
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
MISSING_BOX = Text(
    "The diagram shows the proposed architecture with one component hidden (?). That component must meet this "
    "requirement: {need} Which AWS service belongs in the hidden box?",
    "다이어그램은 제안된 아키텍처이며 구성 요소 하나가 가려져 있다(?). 가려진 구성 요소는 다음 요구 사항을 충족해야 "
    "한다. {need} 가려진 상자에 들어갈 AWS 서비스는 무엇인가?",
)
NOT_CORRECT = Text(
    "A solutions architect reviews which component would meet each of the company's requirements. Which "
    "statement is NOT correct?",
    "솔루션스 아키텍트가 회사의 각 요구 사항을 어떤 구성 요소가 충족할지 검토하고 있다. 다음 중 옳지 않은 설명은 "
    "무엇인가?",
)
STATEMENT = Text(
    "The requirement “{need}” would be met by {option}.",
    "{option:은/는} “{need}” 요구 사항을 충족한다.",
)
PURPOSE = Text(
    "The proposed architecture includes this component: {component}. Which of the company's requirements is it "
    "there to meet?",
    "제안된 아키텍처에는 {component:이/가} 포함되어 있다. 이 구성 요소는 회사의 어떤 요구 사항을 충족하기 위한 것인가?",
)
ALSO_ACCEPTABLE = Text("Also acceptable in practice: {items}.", "실무에서 함께 인정되는 대안: {items}.")
WORKABLE_NOT_BEST = Text(
    "Also workable, but not the best choice here: {alternative}. {why}",
    "실무에서 쓸 수는 있지만 여기서는 최선이 아니다: {alternative}. {why}",
)
MET_ELSEWHERE = Text(
    "That requirement is met by another part of the design: {answer}.",
    "그 요구 사항은 설계의 다른 부분이 충족한다: {answer}.",
)
TRUE_STATEMENT = Text("Correct statement. {why}", "옳은 설명이다. {why}")
FACT_WAS = Text("Changed: {change}", "변경 사항: {change}")
ABOUT = Text("This question is about {service}. {ask}", "{service}에 관한 문제다. {ask}")

# ---------------------------------------------------------------------------------------------
# Scenario questions: a situation, two or three requirements as constraints, a qualifier.

CLOSING = {
    "ops": Text(
        "Which solution will meet these requirements with the LEAST operational overhead?",
        "운영 오버헤드가 가장 적은 방식으로 이러한 요구 사항을 충족하는 솔루션은 무엇인가?",
    ),
    "cost": Text(
        "Which solution will meet these requirements MOST cost-effectively?",
        "이러한 요구 사항을 가장 비용 효율적으로 충족하는 솔루션은 무엇인가?",
    ),
    "performance": Text(
        "Which solution will meet these requirements with the BEST performance?",
        "이러한 요구 사항을 가장 높은 성능으로 충족하는 솔루션은 무엇인가?",
    ),
    "availability": Text(
        "Which solution will meet these requirements with the HIGHEST availability?",
        "가장 높은 가용성으로 이러한 요구 사항을 충족하는 솔루션은 무엇인가?",
    ),
    "security": Text(
        "Which solution will meet these requirements MOST securely?",
        "이러한 요구 사항을 가장 안전하게 충족하는 솔루션은 무엇인가?",
    ),
    "simple": Text(
        "Which solution will meet these requirements?", "이러한 요구 사항을 충족하는 솔루션은 무엇인가?"
    ),
}
# A constraint whose own goal is not the question's qualifier says what it wants, so an option that
# merely loses on that goal fails a stated constraint instead of being a second workable answer.
WANTS = {
    "ops": Text(
        "For this requirement, the company wants the least operational overhead.",
        "이 요구 사항에서는 운영 오버헤드가 가장 적은 방법을 원한다.",
    ),
    "cost": Text(
        "For this requirement, the company wants the lowest cost.",
        "이 요구 사항에서는 비용이 가장 적게 드는 방법을 원한다.",
    ),
    "performance": Text(
        "For this requirement, the company wants the best performance.",
        "이 요구 사항에서는 성능이 가장 좋은 방법을 원한다.",
    ),
    "availability": Text(
        "For this requirement, the company wants the highest availability.",
        "이 요구 사항에서는 가용성이 가장 높은 방법을 원한다.",
    ),
    "security": Text(
        "For this requirement, the company wants the most secure option.",
        "이 요구 사항에서는 가장 안전한 방법을 원한다.",
    ),
}
# In a prose stem (SAA-C03) the goal comes first and points at the requirement that follows it; "this
# requirement" after it had no clear referent among the stem's sentences. SAP-C02 lists each requirement
# as a bullet, where the goal after the need is plain.
WANTS_NEXT = {
    goal: Text(
        wants.en.replace("For this requirement", "For the next requirement", 1),
        wants.ko.replace("이 요구 사항에서는", "다음 요구 사항에서는", 1),
    )
    for goal, wants in WANTS.items()
}
BEST = {
    "ops": Text("lowest-overhead", "운영 오버헤드가 가장 적은"),
    "cost": Text("most cost-effective", "가장 비용 효율적인"),
    "performance": Text("best-performing", "성능이 가장 좋은"),
    "availability": Text("most highly available", "가용성이 가장 높은"),
    "security": Text("most secure", "가장 안전한"),
}
REQUIREMENTS_FOLLOW = Text(
    "The solution must meet these requirements:", "솔루션은 다음 요구 사항을 충족해야 한다."
)
FAILS = Text("Does not meet the requirement “{need}”. {why}", "“{need}” 요구 사항을 충족하지 못한다. {why}")
LOSES = Text(
    "Meets every requirement, but it is not the {best} option. {why}",
    "모든 요구 사항을 충족하지만 {best} 방법이 아니다. {why}",
)
MEETS_ALL = Text("Meets every requirement. {whys}", "모든 요구 사항을 충족한다. {whys}")
MEETS = Text("Meets the requirement “{need}”. {why}", "“{need}” 요구 사항을 충족한다. {why}")
PARTS_OF_THE_DESIGN = Text(
    "Each requirement is met by its own part of the design:",
    "요구 사항마다 그것을 충족하는 설계 요소가 있다.",
)
PICK_ACTIONS = Text(
    "Which combination of actions will meet these requirements? (Choose {count}.)",
    "이러한 요구 사항을 충족하는 조치의 조합은 무엇인가? ({count:을/를} 고르시오.)",
)

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


# The next unit up (how many of this unit make one of it) and down, for values nobody writes as they are.
_UP = {"ms": ("s", 1000), "s": ("min", 60), "min": ("h", 60), "h": ("days", 24)}
_SIZES = (("KB", "MB", "GB", "TB"), ("KiB", "MiB", "GiB", "TiB"))


def natural(number: float, unit: str) -> tuple[float, str]:
    """The value in the unit a person would write it in: 0.125 MB -> 128 KB, 8,760 h -> 365 days.

    Only exact conversions: a value that does not divide evenly stays as it is (and the validator says so).
    """
    for ladder in _SIZES:
        if unit in ladder:
            index = ladder.index(unit)
            while 0 < number < 1 and number != 0.5 and index > 0:
                # 0.125 MB is 128 KB; a decimal unit may also mean thousands (0.05 GB is 50 MB).
                factor = next(
                    (
                        f
                        for f in (1024, 1000)
                        if float(number * f).is_integer() and (f == 1024 or ladder is _SIZES[0])
                    ),
                    0,
                )
                if not factor:
                    break
                number, index = number * factor, index - 1
            while (
                number > TOO_MANY.get(ladder[index][:1] + "B", float("inf"))
                and index < len(ladder) - 1
                and float(number / 1024).is_integer()
            ):
                number, index = number / 1024, index + 1
            return number, ladder[index]
    if unit in _UP and number > TOO_MANY[unit]:
        # Climb as far as the value stays whole and large: 31,536,000 s -> 365 days, 172,800 s -> 2 days.
        best = (number, unit)
        while unit in _UP:
            bigger, factor = _UP[unit]
            if not float(number / factor).is_integer():
                break
            number, unit = number / factor, bigger
            best = (number, unit)
        return best
    if unit in ("min", "h", "days") and 0 < number < 1:
        down = {"days": ("h", 24), "h": ("min", 60), "min": ("s", 60)}[unit]
        if float(number * down[1]).is_integer():
            return number * down[1], down[0]
    return number, unit


def format_value(number: float, unit: str, family: str | None = None) -> Text:
    """A value in its natural unit, in both languages; a bare count gets the Korean counter of its quiz family."""
    number, unit = natural(number, unit)
    n = format_number(number)
    if unit == "count":
        return Text(n, counted(n, counter_for(family)))
    if unit == "percent":
        return Text(f"{n}%", f"{n}%")
    if unit in UNITS:
        (singular, plural), ko = UNITS[unit]
        return Text(f"{n} {singular if number == 1 else plural}", ko.format(n=n))
    return Text(f"{n} {unit}", f"{n}{unit}")
