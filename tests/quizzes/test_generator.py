"""The generator: deterministic, stable keys, every rule of the validator, enough good questions."""

import copy
import dataclasses
import re
from collections import Counter

import pytest

from quizzes.generator import (
    REGISTRY,
    Text,
    cues,
    distinct_count,
    format_value,
    generate,
    knowledge_keys,
    validate,
)
from quizzes.generator.build import build, from_fact, from_requirement
from quizzes.generator.forms import form
from quizzes.generator.korean import counter_for, in_words, particle
from quizzes.generator.phrasing import PURPOSE, bold, fill
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


def test_the_curriculum_yields_questions_in_every_form_and_exam_domain(real_generated):
    questions = real_generated.questions
    assert distinct_count(questions) == len(questions)  # fewer, fairer: no two with the same stem and key
    per_domain = Counter((exam, domain) for q in questions for exam, domain in q.exams.items())
    for exam in ("SAA-C03", "SAP-C02"):
        for domain in (1, 2, 3, 4):
            assert per_domain[(exam, domain)] >= 20, (exam, domain, per_domain[(exam, domain)])
    assert {q.form for q in questions} == set(REGISTRY)
    assert len({item for q in questions for item in knowledge_keys(q.key)}) >= 600


def test_every_requirement_and_quiz_fact_keeps_a_question_after_the_length_trim(real, real_generated):
    items = {item for q in real_generated.questions for item in knowledge_keys(q.key)}
    requirements = {f"requirement:{c.slug}:{r.id}" for c in real.cases.values() for r in c.requirements}
    facts = {f"fact:{f.id}" for f in real.facts.values() if f.quiz}
    assert requirements - items == set() and facts - items == set()
    assert any(r.trimmed for r in real_generated.rejected)  # the trim did drop some


def test_in_neither_language_does_the_longest_option_find_a_generated_forms_key(real_generated):
    """A Korean learner reads the Korean options: the key may be the longest there in at most a third of a
    generated form's single-answer questions, as in English (chance is a quarter)."""
    for name in {q.form for q in real_generated.questions if q.origin == "generated"}:
        single = [q for q in real_generated.questions if q.form == name and q.choose == 1]
        for language in ("en", "ko"):
            hits = [q.key for q in single if cues.key_is_longest(cues.options_of(q, language))]
            assert len(hits) <= len(single) / 3 + 1e-9, (name, language, len(hits), len(single))
            # Nor any other place: distractors all at least as long would make the key the shortest.
            four = [cues.options_of(q, language) for q in single if len(q.choices) == 4]
            places = Counter(cues.key_rank(options) for options in four)
            assert all(n <= 0.4 * len(four) for n in places.values()), (name, language, places)


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
    assert format_value(14, "days") == Text("14 days", "14일")
    assert format_value(25, "count") == Text("25", "25개")
    assert format_value(2, "count", family="max-retries") == Text("2", "2회")
    assert format_value(6, "count", family="sqs-visibility-multiplier") == Text("6", "6배")
    assert format_value(255, "count", family="routing-weight") == Text("255", "255")
    assert format_value(1, "min") == Text("1 minute", "1분")
    assert format_value(10240, "MB") == Text("10,240 MB", "10,240MB")
    assert format_value(48.8, "TiB") == Text("48.8 TiB", "48.8TiB")
    assert format_value(10000, "requests-per-s") == Text("10,000 requests per second", "초당 10,000건")


# ------------------------------------------------------------------ Korean particles and counters


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        # Hangul: the last syllable's final consonant
        ("함수", "이/가", "가"),
        ("요청", "이/가", "이"),
        ("대기열", "을/를", "을"),
        ("서버", "은/는", "는"),
        ("엔드포인트", "과/와", "와"),
        ("버킷", "과/와", "과"),
        ("900초", "이라는/라는", "라는"),
        ("14일", "이라는/라는", "이라는"),
        # (으)로: the short form after a vowel and after ㄹ
        ("파일", "으로/로", "로"),
        ("서버", "으로/로", "로"),
        ("요청", "으로/로", "으로"),
        ("랜딩 존", "으로/로", "으로"),
        # English words as the loanword is said
        ("AWS Lambda", "이/가", "가"),
        ("Lambda", "을/를", "를"),
        ("Secrets Manager", "이/가", "가"),
        ("Amazon CloudFront", "이/가", "가"),
        ("Cognito user pool", "이/가", "이"),
        ("Amazon Neptune", "은/는", "은"),
        ("Auto Scaling", "이/가", "이"),
        ("Amazon Timestream", "을/를", "을"),
        ("AWS Backup", "으로/로", "으로"),
        ("AWS CloudTrail", "으로/로", "로"),
        ("Elastic", "이/가", "이"),
        ("Spot", "이/가", "이"),
        ("Health check", "이/가", "가"),
        # acronyms letter by letter: L, M, N, R end in a consonant
        ("IAM", "을/를", "을"),
        ("IAM", "으로/로", "으로"),
        ("RAM", "이/가", "이"),
        ("EMR", "이/가", "이"),
        ("EMR", "으로/로", "로"),
        ("ALB", "이/가", "가"),
        ("Amazon SQS", "을/를", "를"),
        ("VPN", "과/와", "과"),
        ("Aurora PostgreSQL", "이/가", "이"),
        ("DynamoDB", "은/는", "는"),
        ("NAT", "이/가", "이"),
        ("10,240MB", "이라는/라는", "라는"),
        # numbers in Sino-Korean; digits after Latin letters in English
        ("1", "이/가", "이"),
        ("2", "이/가", "가"),
        ("3", "을/를", "을"),
        ("6", "이/가", "이"),
        ("9", "이/가", "가"),
        ("10", "이/가", "이"),
        ("100", "으로/로", "으로"),
        ("1,000", "이/가", "이"),
        ("10,000", "이/가", "이"),
        ("1,000,000,000,000", "이/가", "가"),
        ("48.8", "으로/로", "로"),
        ("0.5", "이/가", "가"),
        ("EC2", "이/가", "가"),
        ("Amazon Route 53", "이/가", "가"),
        ("Windows 10", "이/가", "이"),
        # what follows the word without changing how it is read
        ("Amazon Route 53(updates.example.com)", "이/가", "가"),
        ("Auto Scaling 그룹, 현재 버전 (블루)", "이/가", "이"),
        ("**14일**", "이라는/라는", "이라는"),
        ("“Amazon ECR”", "은/는", "은"),
    ],
)
def test_a_particle_fits_the_final_sound_of_the_word_before_it(word, pair, expected):
    assert particle(word, pair) == expected


def test_particles_are_filled_into_korean_templates_only():
    ecr = fill(PURPOSE, component=Text("Amazon ECR", "Amazon ECR"))
    assert "Amazon ECR이 포함되어" in ecr.ko and "includes this component: Amazon ECR." in ecr.en
    days = fill(Text("the value {value}.", "{value:이라는/라는} 값"), value=bold(format_value(14, "days")))
    assert "**14일**이라는 값" in days.ko and "the value **14 days**." in days.en
    with pytest.raises(ValueError, match="after a consonant/after a vowel"):
        particle("EMR", "이가")


def test_counters_follow_what_is_counted():
    assert counter_for("max-retries") == "회"
    assert counter_for("connection-attempts") == "회"
    assert counter_for("min-rate-limit") == "건"
    assert counter_for("max-layers") == counter_for(None) == "개"
    assert in_words(2, "개") == "두 개" and in_words(3, "번") == "세 번"


PLACEHOLDER = re.compile(r"\((?:이|가|을|를|은|는|과|와|으)\)")


def test_no_korean_text_shows_a_particle_placeholder(real_generated):
    found = []
    for question in real_generated.questions + [r.question for r in real_generated.rejected]:
        texts = [question.stem, question.explanation] + [t for c in question.choices for t in (c.text, c.why)]
        found += [(question.key, t.ko) for t in texts if PLACEHOLDER.search(t.ko)]
    assert found == [], found[:5]


def test_korean_stems_choose_the_particle_by_the_word_before_it(real_generated):
    stems = {q.key: q.stem.ko for q in real_generated.questions}
    purpose = [stem for key, stem in stems.items() if key.startswith("purpose:")]
    assert any("Amazon ECR이 포함되어" in stem for stem in purpose)
    assert any("AWS Secrets Manager (복제된 보안 암호)가 포함되어" in stem for stem in purpose)
    statements = [c.text.ko for q in real_generated.questions if q.form == "not-correct" for c in q.choices]
    assert any(re.search(r"[가-힣]는 “", s) for s in statements) and any(
        re.search(r"Balancer는 “", s) for s in statements
    )


def test_counts_take_the_counter_of_what_they_count(real_generated):
    retries = next(q for q in real_generated.questions if q.key == "fact-value:LAM-20:v0")
    assert {c.text.ko for c in retries.choices if c.correct} == {"2회"}


# ------------------------------------------------------------------ the form registry


@pytest.fixture
def registry():
    """The real registry; whatever a test registers is gone afterwards."""
    saved = dict(REGISTRY)
    yield REGISTRY
    REGISTRY.clear()
    REGISTRY.update(saved)


def test_a_new_form_is_one_function_and_one_registry_entry(registry, tiny):
    @form("why-answer", over="case")
    def why_answer(case, curriculum, seed):
        return [
            build(
                f"why-answer:{case.slug}:{r.id}",
                seed,
                stem=Text(f"Why use {r.answer.en}?", f"{r.answer.ko}을 쓰는 이유는?"),
                right=[(r.why, r.why)],
                wrong=[(d.why, d.option) for d in r.distractors[:3]],
                explanation=r.why,
                source=from_requirement(case, r),
            )
            for r in case.requirements
        ]

    new = [q for q in generate(tiny).questions if q.form == "why-answer"]
    assert [q.key for q in new] == ["why-answer:tiny-api:R1"]
    assert new[0].case == "tiny-api" and new[0].source_ref.endswith("tiny-api.yaml requirement R1")


def test_a_question_keyed_under_another_form_is_refused(registry, tiny):
    @form("stray", over="fact")
    def stray(fact, curriculum, seed):
        return [
            build(
                f"fact-value:{fact.id}:stray",
                seed,
                stem=Text("Which?", "어느 것인가?"),
                right=[(Text("one", "하나"), fact.text)],
                wrong=[(Text(w, w), fact.text) for w in ("two", "three", "four")],
                explanation=fact.text,
                source=from_fact(fact),
            )
        ]

    result = generate(tiny)
    assert any(
        "does not start with its form stray" in reason
        for reason in reasons_for(result, "fact-value:TST-01:stray")
    )


def test_a_form_name_is_registered_once(registry):
    with pytest.raises(ValueError, match="registered twice"):
        form("purpose", over="case")(lambda case, curriculum, seed: [])


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


def test_no_purpose_question_lets_a_keyword_of_the_component_point_at_the_answer(real_generated):
    """The component's label shares no more words with the right requirement than with some wrong one shown."""
    import re

    from quizzes.generator.validate import content_words

    checked = 0
    for question in real_generated.questions:
        if question.form != "purpose":
            continue
        label = re.search(r"includes this component: (.*)\. Which", question.stem.en).group(1)
        words = content_words(label)
        right = max(len(words & content_words(c.text.en)) for c in question.choices if c.correct)
        wrong = max(len(words & content_words(c.text.en)) for c in question.choices if not c.correct)
        assert right == 0 or right <= wrong, (question.key, label)
        checked += 1
    assert checked > 100


def test_a_not_correct_statement_names_the_requirement_first_and_the_component_mid_sentence(real_generated):
    statements = [
        choice.text.en
        for question in real_generated.questions
        if question.form == "not-correct"
        for choice in question.choices
    ]
    assert len(statements) > 100
    for text in statements:
        # An option with a comma of its own no longer runs into "would meet": the component comes last.
        assert text.startswith("The requirement “") and "” would be met by " in text, text
        component = text.split("” would be met by ", 1)[1]
        assert not component.startswith(("A ", "An ", "The ")), text


def test_a_requirements_own_goal_points_at_its_requirement_in_prose_and_in_bullets(real_generated):
    """In a prose stem the goal comes before the need it is about ("For the next requirement, ..."); "this
    requirement" after a sentence had no clear referent. In a bulleted stem it stays inside the bullet."""
    prose = bulleted = 0
    for question in real_generated.questions:
        if question.form not in ("scenario", "choose-n"):
            continue
        en, ko = question.stem.en, question.stem.ko
        if "\n- " in en:
            assert "For the next requirement" not in en and "다음 요구 사항에서는" not in ko, question.key
            bulleted += "For this requirement" in en
        else:
            assert "For this requirement" not in en and "이 요구 사항에서는" not in ko, question.key
            prose += "For the next requirement" in en
            assert en.count("For the next requirement") == ko.count("다음 요구 사항에서는"), question.key
    assert prose > 10 and bulleted > 10
