"""Questions written through the authoring service, for the authoring tests."""

import pytest

from quizzes.authoring.drafts import Draft
from quizzes.authoring.services import Links, save_question


def choices(*rows):
    """Choices from (text_en, text_ko, correct) rows, with short reasons in both languages."""
    return [
        {
            "id": "",
            "text_en": en,
            "text_ko": ko,
            "correct": correct,
            "why_en": f"Because {en}.",
            "why_ko": f"{ko} 때문.",
        }
        for en, ko, correct in rows
    ]


def good_draft(**changes) -> Draft:
    values = {
        "kind": "single",
        "choose": 1,
        "stem_en": "A company stores logs for seven years. Which storage class is **cheapest**?",
        "stem_ko": "한 회사가 로그를 7년 동안 보관한다. 가장 **저렴한** 스토리지 클래스는 무엇인가?",
        "explanation_en": "Deep Archive costs least for data read rarely.",
        "explanation_ko": "거의 읽지 않는 데이터에는 Deep Archive가 가장 저렴하다.",
        "choices": choices(
            ("S3 Glacier Deep Archive", "S3 Glacier Deep Archive", True),
            ("S3 Standard", "S3 Standard", False),
            ("S3 One Zone-IA", "S3 One Zone-IA", False),
            ("EBS gp3", "EBS gp3", False),
        ),
        "sources": ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html"],
    }
    return Draft(**(values | changes))


@pytest.fixture
def write_question(instructor):
    def write(status="draft", links=None, author=None, **changes):
        return save_question(
            question=None,
            draft=good_draft(**changes),
            links=links or Links(),
            status=status,
            author=author or instructor,
        )

    return write


def form_data(draft=None, *, action="save", rows=None, **fields):
    """The editor's POST for a draft (its choices as formset rows), with `fields` overriding any value."""
    draft = draft or good_draft()
    data = {
        "action": action,
        "kind": draft.kind,
        "choose": draft.choose,
        "stem_en": draft.stem_en,
        "stem_ko": draft.stem_ko,
        "explanation_en": draft.explanation_en,
        "explanation_ko": draft.explanation_ko,
        "sources": "\n".join(draft.sources),
        "tags": "",
        "note": "",
        "topic": "",
        "case": "",
    }
    choices = draft.choices
    total = rows if rows is not None else len(choices)
    data |= {
        "choice-TOTAL_FORMS": total,
        "choice-INITIAL_FORMS": 0,
        "choice-MIN_NUM_FORMS": 0,
        "choice-MAX_NUM_FORMS": 10,
    }
    for index, choice in enumerate(choices):
        for name in ("id", "text_en", "text_ko", "why_en", "why_ko"):
            data[f"choice-{index}-{name}"] = choice.get(name, "")
        if choice["correct"]:
            data[f"choice-{index}-correct"] = "on"
    return data | fields
