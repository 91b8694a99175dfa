"""A question bank of known shape for mock exam tests: N single and M multiple-response questions of an
exam, spread over its domains in turn, with the correct choices known from their text."""

from quizzes.models import Question, QuestionVersion
from topics.models import Exam


def make_question(
    key: str, *, exam: Exam, domain_number: int, multiple: bool = False, figure=None
) -> Question:
    choose = 2 if multiple else 1
    question = Question.objects.create(
        key=key,
        form="authored",
        kind=Question.Kind.MULTIPLE if multiple else Question.Kind.SINGLE,
        choose=choose,
        status=Question.Status.PUBLISHED,
        origin=Question.Origin.AUTHORED,
    )
    question.domains.add(exam.domains.get(number=domain_number))
    choices = [
        {
            "id": f"{key}-c{n}",
            "text_en": f"Option {n} of {key}",
            "text_ko": f"{key}의 선택지 {n}",
            "correct": n <= choose,
            "why_en": f"Why option {n} of {key} is {'right' if n <= choose else 'wrong'}.",
            "why_ko": f"{key}의 선택지 {n}에 대한 설명.",
        }
        for n in range(1, 5 + multiple)
    ]
    version = QuestionVersion.objects.create(
        question=question,
        number=1,
        digest=key,
        stem_en=f"Stem of {key}: which option fits?",
        stem_ko=f"{key} 문제: 어느 것이 맞는가?",
        explanation_en=f"Explanation of {key}.",
        explanation_ko=f"{key} 해설.",
        choices=choices,
        figure=figure,
    )
    Question.objects.filter(pk=question.pk).update(current_version=version)
    question.current_version = version
    return question


def make_bank(exam_code: str, *, singles: int, multiples: int, prefix: str = "bank") -> list[Question]:
    """Published questions of one exam, domain 1, 2, 3, ... in turn (singles first)."""
    exam = Exam.objects.get(code=exam_code)
    numbers = list(exam.domains.order_by("number").values_list("number", flat=True))
    questions = []
    for index in range(singles + multiples):
        multiple = index >= singles
        key = f"{prefix}:{exam_code}:{'m' if multiple else 's'}{index}"
        questions.append(
            make_question(key, exam=exam, domain_number=numbers[index % len(numbers)], multiple=multiple)
        )
    return questions


def right_picks(item) -> list[int]:
    """The display numbers (1-based, as the page shows them) of an item's correct choices."""
    correct = item.version.correct_ids
    return [n for n, choice_id in enumerate(item.choice_order, start=1) if choice_id in correct]


def wrong_picks(item) -> list[int]:
    correct = item.version.correct_ids
    wrong = [n for n, choice_id in enumerate(item.choice_order, start=1) if choice_id not in correct]
    return wrong[: item.choose]
