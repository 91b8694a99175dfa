"""The generator: deterministic, stable keys, every rule of the validator, enough good questions."""

import copy
import dataclasses
import re
from collections import Counter

import pytest

from quizzes.generator import Text, distinct_count, format_value, generate, validate
from tests.conftest import FIXTURE_CONTENT
from topics.content import read_curriculum


@pytest.fixture(scope="module")
def real(real_curriculum):
    return real_curriculum


@pytest.fixture
def tiny():
    return read_curriculum(FIXTURE_CONTENT)


def snapshot(questions):
    return [(q.key, q.stem, [(c.id, c.text, c.correct) for c in q.choices]) for q in questions]


def test_the_same_seed_gives_the_same_questions(real, real_generated):
    assert snapshot(generate(real).questions) == snapshot(real_generated.questions)


def test_another_seed_changes_distractors_or_order_but_not_keys(real, real_generated):
    other = generate(real, seed=7)
    assert [q.key for q in other.questions] == [q.key for q in real_generated.questions]
    assert snapshot(other.questions) != snapshot(real_generated.questions)


def test_keys_are_stable_when_content_is_edited(tiny):
    before = {q.key: q for q in generate(tiny).questions}
    edited = copy.deepcopy(tiny)
    requirement = edited.cases["tiny-api"].requirements[0]
    requirement.why = Text("Rewritten explanation.", "다시 쓴 설명.")
    after = {q.key: q for q in generate(edited).questions}
    assert after.keys() == before.keys()
    changed = [key for key in after if after[key].explanation != before[key].explanation]
    assert changed and all(
        key.startswith(("requirement:tiny-api:R1", "missing-box:tiny-api:R1")) for key in changed
    )


def test_every_published_question_passes_the_validator(real_generated):
    assert real_generated.fatal == []
    for question in real_generated.questions:
        assert validate(question) == []


def test_the_curriculum_yields_enough_distinct_questions_in_every_domain(real_generated):
    questions = real_generated.questions
    assert distinct_count(questions) >= 1500
    per_domain = Counter((exam, domain) for q in questions for exam, domain in q.exams.items())
    for exam in ("SAA-C03", "SAP-C02"):
        for domain in (1, 2, 3, 4):
            assert per_domain[(exam, domain)] >= 100, (exam, domain, per_domain[(exam, domain)])
    forms = Counter(q.form for q in questions)
    assert set(forms) == {
        "requirement",
        "missing-box",
        "choose-n",
        "not-correct",
        "fact-value",
        "fact-owner",
        "purpose",
    }


def test_korean_and_english_versions_have_the_same_choices_and_keyed_answers(real_generated):
    mismatched = []
    for question in real_generated.questions:
        for choice in question.choices:
            assert choice.text.en.strip() and choice.text.ko.strip()
            if question.form != "fact-value":
                continue
            # A value must be the same number in both languages (word order may differ).
            digits = [
                sorted(re.findall(r"\d+", text.replace(",", ""))) for text in (choice.text.en, choice.text.ko)
            ]
            if digits[0] != digits[1]:
                mismatched.append((question.key, choice.text.en, choice.text.ko))
        correct = [c for c in question.choices if c.correct]
        assert len(correct) == question.choose
    assert mismatched == [], mismatched[:5]


def test_choose_n_questions_say_how_many(real_generated):
    for question in (q for q in real_generated.questions if q.form == "choose-n"):
        word = {2: ("TWO", "두"), 3: ("THREE", "세")}[question.choose]
        assert f"(Choose {word[0]}.)" in question.stem.en and f"{word[1]} 개를 고르시오" in question.stem.ko


def test_numbers_read_naturally_in_both_languages():
    assert format_value(900, "s") == Text("900 seconds", "900초")
    assert format_value(1, "min") == Text("1 minute", "1분")
    assert format_value(10240, "MB") == Text("10,240 MB", "10,240MB")
    assert format_value(48.8, "TiB") == Text("48.8 TiB", "48.8TiB")
    assert format_value(10000, "requests-per-s") == Text("10,000 requests per second", "초당 10,000건")


# ------------------------------------------------------------------ each validator rule, on a broken case


def broken(tiny, change):
    curriculum = copy.deepcopy(tiny)
    change(curriculum.cases["tiny-api"].requirements[0], curriculum)
    return generate(curriculum)


def reasons_for(result, key):
    return [reason for r in result.rejected if r.question.key == key for reason in r.reasons]


def test_rule_wrong_number_of_choices(tiny):
    def drop(r, _):
        r.distractors = r.distractors[:1]

    result = broken(tiny, drop)
    assert any(
        "wrong number of choices" in reason for reason in reasons_for(result, "requirement:tiny-api:R1:v0")
    )
    assert result.fatal  # the case itself is invalid: the load must fail


def test_rule_near_duplicate_choices(tiny):
    def echo(r, _):
        r.distractors[0].option = Text("Lambda functions with an API Gateway", "API Gateway와 Lambda 함수")

    assert any(
        "near-duplicate" in reason for reason in reasons_for(broken(tiny, echo), "requirement:tiny-api:R1:v0")
    )


def test_rule_distractor_is_an_acceptable_alternative(tiny):
    def alternative(r, _):
        r.distractors[0].option = Text(
            "An API Gateway HTTP API with Lambda", "Lambda를 쓰는 API Gateway HTTP API"
        )

    result = broken(tiny, alternative)
    assert any(
        "acceptable alternative" in reason for reason in reasons_for(result, "requirement:tiny-api:R1:v0")
    )


def test_rule_missing_translation(tiny):
    def untranslated(r, _):
        r.distractors[0].why = Text("Servers to manage.", "")

    result = broken(tiny, untranslated)
    reasons = [reason for rejection in result.rejected for reason in rejection.reasons]
    assert any("missing translation" in reason and "no ko text" in reason for reason in reasons)


def test_rule_stem_gives_the_answer_away(tiny):
    def leak(_r, curriculum):
        curriculum.cases["tiny-api"].company = Text(
            "A small shop runs its API on AWS Lambda.", "한 작은 가게가 AWS Lambda로 API를 운영한다."
        )

    reasons = reasons_for(broken(tiny, leak), "requirement:tiny-api:R1:v0")
    assert any("gives the answer away" in reason and "Lambda" in reason for reason in reasons)


def test_rule_numeric_answer_in_the_stem(tiny):
    curriculum = copy.deepcopy(tiny)
    quiz = curriculum.facts["TST-01"].quiz
    curriculum.facts["TST-01"].quiz = dataclasses.replace(
        quiz, ask=[Text("Is it 900 seconds?", "900초인가?")]
    )
    reasons = reasons_for(generate(curriculum), "fact-value:TST-01:v0")
    assert any("gives the answer away" in reason for reason in reasons)


def test_an_invalid_case_stops_the_load_loudly(tmp_path):
    import shutil

    from django.core.management import CommandError, call_command

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    case = content / "cases" / "tiny-api.yaml"
    case.write_text(
        case.read_text().replace(
            "company_en: A small shop sells tea online.",
            "company_en: A small shop sells tea online with AWS Lambda.",
        )
    )
    with pytest.raises(CommandError, match="Content makes invalid questions; nothing was loaded") as caught:
        call_command("load_content", path=str(content), check=True)
    assert "content/cases/tiny-api.yaml requirement R1" in str(caught.value)
    assert "gives the answer away" in str(caught.value)
