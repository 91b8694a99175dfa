"""Exam-grade questions: scenario options, cue validators, missing boxes, exam targeting, variety in a quiz.

Each rule is shown failing on a small curriculum built here, so a test breaks when the rule does.
"""

import copy
import dataclasses
import random

import pytest

from quizzes.generator import Text, generate, knowledge_key, knowledge_keys, pick_varied, validate
from quizzes.generator.cues import masked_stem, unnatural_values
from quizzes.generator.phrasing import format_value
from quizzes.generator.questions import Part
from tests.conftest import FIXTURE_CONTENT
from topics.content import (
    Alternative,
    AuthoredChoice,
    AuthoredQuestion,
    DiagramEdge,
    Distractor,
    NotHere,
    Requirement,
    Service,
    read_curriculum,
)
from topics.content.text import mentions

BOTH = {"SAA-C03": 2, "SAP-C02": 2}


def service(slug, name, short=None):
    return Service(
        slug, name, short or name, [], "compute", Text(f"{name} does things.", f"{name}는 일을 한다."), []
    )


def requirement(
    rid, need, answer, services, distractors, *, goal="ops", domains=BOTH, nodes=(), alternatives=()
):
    return Requirement(
        id=rid,
        domains=dict(domains),
        tasks={},
        goal=goal,
        need=Text(need, f"{need} (ko)"),
        answer=Text(answer, f"{answer} (ko)"),
        services=list(services),
        nodes=list(nodes),
        why=Text(f"Why {answer} fits.", f"{answer}가 맞는 이유."),
        distractors=[
            Distractor(
                Text(option, f"{option} (ko)"),
                Text(f"{option} fails here.", f"{option}는 여기서 실패한다."),
                [],
            )
            for option in distractors
        ],
        alternatives=list(alternatives),
        facts=[],
    )


@pytest.fixture
def shop():
    """The tiny curriculum, its case grown to four requirements that serve both exams."""
    curriculum = read_curriculum(FIXTURE_CONTENT)
    for s in (
        service("sqs", "Amazon SQS", "SQS"),
        service("s3", "Amazon S3", "S3"),
        service("cloudfront", "Amazon CloudFront", "CloudFront"),
        service("sns", "Amazon SNS", "SNS"),
        service("kinesis", "Amazon Kinesis Data Streams", "Kinesis"),
    ):
        curriculum.services[s.slug] = s
    case = curriculum.cases["tiny-api"]
    case.requirements += [
        requirement(
            "R2",
            "Orders must wait safely when the packing system is down, and none may be lost.",
            "A queue that keeps each order until the packing system deletes it",
            ["sqs"],
            [
                "A topic that pushes each order to the packing system once",
                "A nightly batch export of the orders",
                "A single shared file that both systems append to",
            ],
            goal="availability",
        ),
        requirement(
            "R3",
            "Product photos must load fast for shoppers on every continent.",
            "Photos kept in object storage behind a content delivery network",
            ["s3", "cloudfront"],
            [
                "Photos stored in the database next to each product",
                "Photos served from one web server in one Region",
                "Photos copied to every shopper's browser at sign-up, kept there for good",
            ],
            goal="performance",
            alternatives=[
                Alternative(
                    "Photos in object storage behind an edge network with a premium price tier",
                    "사진(ko)",
                    "ops",
                    Text("It works but needs more tuning.", "동작하지만 조정이 더 필요하다."),
                )
            ],
        ),
        requirement(
            "R4",
            "Every order event must reach billing, shipping and analytics, each at its own pace.",
            "A topic that fans out to one queue per consumer",
            ["sns", "sqs"],
            [
                "One queue that all three consumers poll",
                "Direct calls from the shop to each consumer in turn",
                "An hourly report e-mailed to each team",
            ],
            goal="simple",
        ),
    ]
    return curriculum


def by_form(generated, name):
    return [q for q in generated.questions if q.form == name]


# ------------------------------------------------------------------ scenario questions


def test_every_wrong_scenario_option_fails_exactly_one_stated_requirement(shop):
    scenarios = by_form(generate(shop), "scenario")
    assert scenarios
    needs = {r.id: r.need.en.rstrip(".") for r in shop.cases["tiny-api"].requirements}
    for question in scenarios:
        key = next(c for c in question.choices if c.correct)
        assert [p.verdict for p in key.parts] == ["meets"] * len(question.constraints)
        for choice in (c for c in question.choices if not c.correct):
            off = [p for p in choice.parts if p.verdict != "meets"]
            assert len(off) == 1, choice.text.en
            if off[0].verdict == "fails":
                # The explanation names the requirement the option fails, in both languages.
                assert (
                    f"“{needs[off[0].requirement]}”" in choice.why.en and "충족하지 못한다" in choice.why.ko
                )
            else:
                assert off[0].loses_on == question.qualifier and "not the" in choice.why.en


def test_an_alternative_that_loses_on_the_qualifier_is_a_wrong_option_and_names_why(shop):
    # R3's alternative loses on operational overhead: it appears where the qualifier is LEAST operational overhead.
    ops = [q for q in by_form(generate(shop), "scenario") if q.qualifier == "ops" and "R3" in q.constraints]
    assert ops
    losing = [c for q in ops for c in q.choices if any(p.verdict == "loses" for p in c.parts)]
    assert losing and all("premium price tier" in c.text.en and "(" not in c.text.en for c in losing)
    assert all("LEAST operational overhead" in q.stem.en for q in ops)


def test_the_validator_refuses_a_wrong_option_that_fails_two_requirements_or_the_wrong_qualifier(shop):
    question = next(q for q in by_form(generate(shop), "scenario") if len(q.constraints) == 2)
    assert validate(question) == []
    wrong = next(i for i, c in enumerate(question.choices) if not c.correct)
    twice = copy.deepcopy(question)
    twice.choices[wrong] = dataclasses.replace(
        twice.choices[wrong], parts=tuple(Part(p.requirement, "fails") for p in twice.choices[wrong].parts)
    )
    assert any("loses on 2 points" in reason for reason in validate(twice))
    elsewhere = copy.deepcopy(question)
    parts = list(elsewhere.choices[wrong].parts)
    slot = next(i for i, p in enumerate(parts) if p.verdict != "meets")
    parts[slot] = Part(parts[slot].requirement, "loses", "cost" if question.qualifier != "cost" else "ops")
    elsewhere.choices[wrong] = dataclasses.replace(elsewhere.choices[wrong], parts=tuple(parts))
    assert any("but the stem asks for" in reason for reason in validate(elsewhere))


def test_scenarios_target_one_exam_each_and_sap_ones_are_longer(shop):
    generated = generate(shop)
    scenarios = by_form(generated, "scenario")
    saa = [q for q in scenarios if set(q.exams) == {"SAA-C03"}]
    sap = [q for q in scenarios if set(q.exams) == {"SAP-C02"}]
    assert saa and sap and len(saa) + len(sap) == len(scenarios)
    assert all(len(q.constraints) == 2 for q in saa) and all(len(q.constraints) == 3 for q in sap)
    words = lambda qs: sorted(len(q.stem.en.split()) for q in qs)  # noqa: E731
    assert words(sap)[len(sap) // 2] > words(saa)[len(saa) // 2]
    # A one-requirement question serves the exams its requirement names, no more.
    shop_r1 = shop.cases["tiny-api"].requirements[0]
    shop_r1.domains = {"SAA-C03": 2}
    tagged = {q.key: set(q.exams) for q in generate(shop).questions if q.form == "requirement"}
    assert tagged["requirement:tiny-api:R1:v0"] == {"SAA-C03"}
    assert tagged["requirement:tiny-api:R2:v0"] == {"SAA-C03", "SAP-C02"}


def test_a_requirement_only_for_sap_never_makes_an_saa_question(shop):
    for r in shop.cases["tiny-api"].requirements:
        r.domains = {"SAP-C02": 4}
    generated = generate(shop)
    assert generated.questions and all(
        "SAA-C03" not in q.exams for q in generated.questions if q.case == "tiny-api"
    )


def test_scenario_keys_name_the_main_requirement_first_and_do_not_depend_on_the_seed(shop):
    first = [q.key for q in by_form(generate(shop, seed=1), "scenario")]
    assert first == [q.key for q in by_form(generate(shop, seed=2), "scenario")]
    for key in first:
        assert knowledge_key(key) == f"requirement:tiny-api:{key.split(':')[2].split('+')[0]}"
        assert len(knowledge_keys(key)) in (2, 3)


# ------------------------------------------------------------------ cue validators over the bank


def authored(qid, stem, choices, *, choose=1, kind="single"):
    return AuthoredQuestion(
        id=qid, group="cues", tasks={"SAA-C03": "3.2"}, domains={"SAA-C03": 3}, topic="lambda-basics",
        services=[], facts=[], qualifier="", kind=kind, choose=choose,
        stem=Text(stem, f"{stem} (ko)"),
        choices=[AuthoredChoice(Text(t, f"{t} (ko)"), ok, Text("Because.", "그래서.")) for t, ok in choices],
        explanation=None, sources=[],
    )  # fmt: skip


def with_questions(curriculum, questions):
    curriculum.questions = {q.id: q for q in questions}
    return generate(curriculum)


def test_a_form_whose_key_is_mostly_the_longest_option_fails_the_bank(shop):
    long_keys = [
        authored(f"long-{i}", f"Question {chr(65 + i)} about a tea shop?",
                 [("The right answer, spelled out at much greater length", True), ("Wrong", False),
                  ("Also wrong", False), ("Not this", False)])
        for i in range(10)
    ]  # fmt: skip
    problems = with_questions(shop, long_keys).problems
    assert any("form authored" in p and "longest option in 100%" in p and "10 of 10" in p for p in problems)


def test_a_form_whose_korean_key_is_mostly_the_longest_option_fails_the_bank_too(shop):
    """Options of one length in English, the key spelled out in Korean: a Korean reader would find it."""
    items = [
        dataclasses.replace(
            authored(f"ko-long-{i}", f"Question {chr(65 + i)} about a tea shop?",
                     [("Answer one", True), ("Answer two", False), ("Answer six", False), ("Answer ten", False)]),
            choices=[
                AuthoredChoice(Text("Answer one", "훨씬 길게 풀어 쓴 정답 선택지입니다"), True, Text("Because.", "그래서.")),
                *(AuthoredChoice(Text(t, k), False, Text("Because.", "그래서."))
                  for t, k in (("Answer two", "오답"), ("Answer six", "다른 오답"), ("Answer ten", "틀림"))),
            ],
        )
        for i in range(10)
    ]  # fmt: skip
    problems = with_questions(shop, items).problems
    assert any("form authored (ko)" in p and "longest option in 100%" in p for p in problems), problems
    assert not any("form authored (en)" in p for p in problems)


def test_hand_written_keys_mostly_second_longest_fail_the_bank(shop):
    """Never the longest, always the second longest: a reader who knows the habit picks it blind."""
    items = [
        authored(f"second-{i}", f"Question {chr(65 + i)} about a tea shop?",
                 [("The right answer, told at length", True), ("A wrong answer, told at greater length", False),
                  ("Wrong", False), ("Not this", False)])
        for i in range(10)
    ]  # fmt: skip
    problems = with_questions(shop, items).problems
    assert any(
        "form authored (en)" in p and "second longest of four options in 100%" in p and "10 of 10" in p
        for p in problems
    ), problems
    assert not any("longest option in" in p for p in problems)  # never the longest itself


def test_multiple_response_whose_longest_options_are_the_keys_fails_the_bank(shop):
    items = [
        authored(f"pick-{i}", f"Pick two, case {chr(65 + i)}?",
                 [("First right answer, written out in full", True), ("Second right answer, also long", True),
                  ("No", False), ("Nope", False), ("Not it", False)], choose=2, kind="multiple")
        for i in range(10)
    ]  # fmt: skip
    problems = with_questions(shop, items).problems
    assert any("form authored" in p and "N longest options are the key in 100%" in p for p in problems)


def test_more_than_four_questions_with_one_stem_fail_the_bank(shop):
    same = [
        authored(f"same-{i}", f"A company stores {i + 1} TB in “bucket-{i}”. What should it use?",
                 [("Option one", True), ("Option two", False), ("Option three", False), ("Option four", False)])
        for i in range(5)
    ]  # fmt: skip
    assert masked_stem(same[0].stem.en) == masked_stem(same[4].stem.en)
    problems = with_questions(shop, same).problems
    assert any("5 questions share one stem word for word" in p for p in problems)
    assert with_questions(shop, same[:4]).problems == []


def test_the_load_fails_with_the_form_and_the_share(shop, tmp_path):
    from studyapp import curriculum as pipeline

    long_keys = [
        authored(f"long-{i}", f"Question {chr(65 + i)}?",
                 [("A much longer right answer than the others", True), ("No", False), ("Nah", False),
                  ("Nope", False)])
        for i in range(10)
    ]  # fmt: skip
    shop.questions = {q.id: q for q in long_keys}
    with pytest.raises(pipeline.PipelineFailed, match="gives answers away") as failed:
        pipeline.generate(shop)
    assert any("form authored" in line and "100%" in line for line in failed.value.lines)


def test_a_korean_particle_placeholder_is_refused(shop):
    item = authored(
        "placeholder",
        "Which service runs code?",
        [("Lambda", True), ("EC2", False), ("S3", False), ("SQS", False)],
    )
    item.stem = Text("Which service runs code?", "코드를 실행하는 서비스이(가) 무엇인가?")
    rejected = with_questions(shop, [item]).rejected
    assert any("particle placeholder “이(가)”" in reason for r in rejected for reason in r.reasons)


def test_a_number_in_a_unit_nobody_writes_is_refused_and_fact_values_are_written_naturally(shop):
    item = authored(
        "odd-unit",
        "How long are backups kept?",
        [("8,760 hours", True), ("30 days", False), ("7 days", False), ("90 days", False)],
    )
    rejected = with_questions(shop, [item]).rejected
    assert any("unit nobody writes it in: “8,760 hours”" in reason for r in rejected for reason in r.reasons)
    assert unnatural_values("a limit of 0.125 MB") == ["0.125 MB"]
    assert unnatural_values("1,209,600 seconds (14 days)") == []  # a precise restatement is fine
    assert unnatural_values("the default TTL is 86,400 seconds, a cache of 0.5 GB") == []
    assert format_value(0.125, "MB") == Text("128 KB", "128KB")
    assert format_value(8760, "h") == Text("365 days", "365일")
    assert format_value(31_536_000, "s") == Text("365 days", "365일")
    assert format_value(0.05, "GB") == Text("50 MB", "50MB")


def test_a_fact_neighbour_that_cannot_be_written_naturally_is_left_out(shop):
    quiz = shop.facts["TST-01"].quiz
    quiz.neighbours = [*quiz.neighbours, dataclasses.replace(quiz.neighbours[0], number=31_536_000.5)]
    question = by_form(generate(shop), "fact-value")[0]
    assert all("31,536,000" not in c.text.en for c in question.choices) and len(question.choices) == 4


def test_a_fact_question_always_names_the_service(shop):
    question = by_form(generate(shop), "fact-value")[0]
    assert question.stem.en.startswith("This question is about AWS Lambda. How long can one invocation run?")
    assert question.stem.ko.startswith("AWS Lambda에 관한 문제다.")


def test_a_fact_question_that_names_the_service_with_a_korean_particle_gets_no_lead_in(shop):
    quiz = shop.facts["TST-01"].quiz
    quiz.ask = [
        Text(
            "How long can one AWS Lambda invocation run?",
            "AWS Lambda가 호출 1회에 실행될 수 있는 최대 시간은?",
        )
    ]
    question = by_form(generate(shop), "fact-value")[0]
    assert question.stem.en.startswith("How long can one AWS Lambda invocation run?")
    assert question.stem.ko.startswith(
        "AWS Lambda가 호출 1회에"
    )  # "Lambda가" names Lambda: no "…에 관한 문제다."
    # A particle is not any letter: "배치한다" (deploys) does not name a service called "배치".
    assert mentions("CloudFront가 오리진에 연결한다", "CloudFront") and mentions("람다로도", "람다")
    assert not mentions("서버를 배치한다", "배치") and not mentions("S3x", "S3")


# ------------------------------------------------------------------ the missing box


@pytest.fixture
def boxed(shop):
    """The API box says why three other services do not fit it."""
    node = next(n for n in shop.cases["tiny-api"].diagram.nodes if n.id == "api")
    node.not_here = [
        NotHere("alb", Text("An ALB bills by the hour even when idle.", "ALB는 놀아도 시간당 과금된다.")),
        NotHere(
            "sqs", Text("A queue does not answer HTTPS requests.", "대기열은 HTTPS 요청에 응답하지 않는다.")
        ),
        NotHere(
            "cloudfront",
            Text("A CDN needs an origin to run the API.", "CDN은 API를 실행할 오리진이 필요하다."),
        ),
    ]
    return shop


def test_a_box_is_hidden_only_with_a_reason_written_for_each_wrong_service(boxed):
    [question] = by_form(generate(boxed), "missing-box")
    assert question.key == "missing-box:tiny-api:R1:api" and question.figure == {
        "case": "tiny-api",
        "hide": "api",
    }
    whys = {c.text.en: c.why.en for c in question.choices if not c.correct}
    assert whys == {
        "Application Load Balancer": "An ALB bills by the hour even when idle.",
        "Amazon SQS": "A queue does not answer HTTPS requests.",
        "Amazon CloudFront": "A CDN needs an origin to run the API.",
    }
    boxed.cases["tiny-api"].diagram.nodes[1].not_here.pop()
    assert by_form(generate(boxed), "missing-box") == []  # two reasons are not enough for three wrong options


def test_no_box_is_hidden_that_a_label_beside_it_names(boxed):
    diagram = boxed.cases["tiny-api"].diagram
    diagram.edges.append(DiagramEdge("client", "fn", Text("via API Gateway", "API Gateway 경유")))
    assert by_form(generate(boxed), "missing-box") == []


def test_no_box_is_hidden_that_does_not_meet_the_stated_requirement(boxed):
    boxed.cases["tiny-api"].requirements[0].services = [
        "lambda"
    ]  # the need is met by Lambda, not the API box
    assert by_form(generate(boxed), "missing-box") == []


def test_a_service_an_acceptable_alternative_names_is_never_a_wrong_box(boxed):
    r = boxed.cases["tiny-api"].requirements[0]
    r.distractors.append(
        Distractor(
            Text("Amazon SNS", "Amazon SNS"),
            Text("SNS pushes, it does not serve.", "SNS는 푸시만 한다."),
            ["sns"],
        )
    )
    boxed.cases["tiny-api"].diagram.nodes[1].not_here.pop()
    [question] = by_form(generate(boxed), "missing-box")
    assert "Amazon SNS" in {c.text.en for c in question.choices}
    r.alternatives.append(Alternative("Amazon SNS with HTTPS subscriptions", "HTTPS 구독을 쓰는 Amazon SNS"))
    assert by_form(generate(boxed), "missing-box") == []


# ------------------------------------------------------------------ variety in a quiz


def test_a_quiz_never_shows_two_questions_on_one_requirement_or_fact_and_prefers_unmet_ones():
    keys = [
        "requirement:shop:R1:v0",
        "scenario:shop:R1+R2",
        "scenario:shop:R2+R1+R3",
        "choose-n:shop:R3+R2",
        "fact-value:LAM-01:v0",
        "fact-value:LAM-01:v1",
        "authored:tea-timeout",
    ]
    picked = [keys[i] for i in pick_varied(keys, 10)]
    mains = [knowledge_key(k) for k in picked]
    assert len(mains) == len(set(mains)) == 5
    # Unmet requirements first, then a requirement met through another question, answered questions last;
    # within a tier, a question sharing no requirement with those picked comes first.
    answered = {"requirement:shop:R1:v0", "authored:tea-timeout"}
    assert [keys[i] for i in pick_varied(keys, 10, answered)] == [
        "scenario:shop:R2+R1+R3",
        "fact-value:LAM-01:v0",
        "choose-n:shop:R3+R2",
        "scenario:shop:R1+R2",
        "authored:tea-timeout",
    ]


@pytest.mark.django_db
def test_a_practice_quiz_on_a_case_repeats_no_requirement(shop, learner):
    from django.db.models import Q

    from quizzes.bank import sync_questions
    from quizzes.models import Answer
    from quizzes.services import Scope, start_practice
    from topics.loading import load_curriculum

    load_curriculum(shop)
    sync_questions(generate(shop).questions)
    scope = Scope("case", "tiny-api", "Tiny", "작은", Q(case__slug="tiny-api"))
    quiz = start_practice(user=learner, scope=scope, size=30, rng=random.Random(3))
    keys = list(quiz.items.values_list("question__key", flat=True))
    mains = [knowledge_key(k) for k in keys]
    assert len(keys) == len(set(mains)) == 4  # four requirements, four questions
    first = quiz.items.select_related("version").first()
    Answer.objects.create(
        user=learner, question_id=first.question_id, version=first.version, selected=[], is_correct=False,
        source="practice", answered_at="2026-11-22T10:00:00Z",
    )  # fmt: skip
    again = start_practice(user=learner, scope=scope, size=3, rng=random.Random(3))
    assert first.question_id not in set(again.items.values_list("question_id", flat=True))


def test_no_wrong_design_contradicts_itself(shop):
    # R2's answer names CloudFront, which R3 keys: a design that swaps R3's answer for one without
    # CloudFront would still mention it beside R2, and that contradiction would give the option away.
    r2 = shop.cases["tiny-api"].requirements[1]
    r2.answer = Text(
        "A queue that keeps each order until CloudFront logs are processed", "CloudFront 대기열(ko)"
    )
    scenarios = by_form(generate(shop), "scenario")

    def swaps_r3(question):
        return [
            c
            for c in question.choices
            if any(p.requirement == "R3" and p.verdict != "meets" for p in c.parts)
        ]

    together = [q for q in scenarios if {"R2", "R3"} <= set(q.constraints)]
    apart = [q for q in scenarios if "R3" in q.constraints and "R2" not in q.constraints]
    assert together and all("CloudFront" in c.text.en for q in together for c in swaps_r3(q))
    assert any(swaps_r3(q) for q in apart)  # without R2 beside it, R3's answer is swapped as usual


def test_an_alternative_that_loses_on_a_goal_is_explained_as_workable_but_not_best(shop):
    [r3] = [q for q in generate(shop).questions if q.key == "requirement:tiny-api:R3:v0"]
    # It loses on operations, so calling it "also acceptable" would contradict the stem's qualifier.
    assert "Also acceptable in practice" not in r3.explanation.en
    assert r3.explanation.en.endswith(
        "Also workable, but not the best choice here: photos in object storage behind an edge network with a"
        " premium price tier. It works but needs more tuning."
    )
    assert r3.explanation.ko.endswith(
        "실무에서 쓸 수는 있지만 여기서는 최선이 아니다: 사진(ko). 동작하지만 조정이 더 필요하다."
    )
    # An alternative as good as the key is still "also acceptable", its article lower-cased mid-sentence.
    r3_content = next(r for r in shop.cases["tiny-api"].requirements if r.id == "R3")
    r3_content.alternatives.append(
        Alternative("An edge network in front of object storage", "엣지 네트워크(ko)")
    )
    [r3] = [q for q in generate(shop).questions if q.key == "requirement:tiny-api:R3:v0"]
    assert "Also acceptable in practice: an edge network in front of object storage." in r3.explanation.en


def test_a_requirement_met_elsewhere_reads_as_one_sentence(shop):
    [purpose] = by_form(generate(shop), "purpose")
    whys = [c.why.en for c in purpose.choices if not c.correct]
    assert (
        "That requirement is met by another part of the design: a topic that fans out to one queue per consumer."
        in whys
    )
    assert not any(": A " in why or ": An " in why for why in whys)
    # A common first word is lower-cased too; a service name keeps its capitals.
    assert (
        "That requirement is met by another part of the design: photos kept in object storage behind a"
        " content delivery network." in whys
    )


def test_a_hyphenated_count_is_lower_cased_inside_a_design_list(shop):
    from quizzes.generator.forms.cases import proper_words
    from quizzes.generator.forms.scenario import design

    listed = design(
        [
            Text("Amazon S3 for the reports", "보고서용 S3"),
            Text("Three-year Convertible Reserved Instances", "RI"),
        ],
        proper_words(shop.services),
    )
    assert listed.en == "Amazon S3 for the reports; three-year Convertible Reserved Instances"
    listed = design(
        [Text("Amazon S3", "S3"), Text("Self-managed NAT instances", "NAT"), Text("X-Ray traces", "X-Ray")],
        proper_words(shop.services),
    )
    assert listed.en == "Amazon S3; self-managed NAT instances; X-Ray traces"


def test_a_choose_two_item_without_an_explanation_explains_both_keys(shop):
    item = authored(
        "two-keys",
        "Which TWO services store objects or files?",
        [
            ("Amazon S3", True),
            ("Amazon EFS", True),
            ("Amazon SQS", False),
            ("Amazon SNS", False),
            ("AWS STS", False),
        ],
        choose=2,
        kind="multiple",
    )
    whys = {
        "Amazon S3": Text("S3 stores objects.", "S3는 객체를 저장한다."),
        "Amazon EFS": Text("EFS stores files.", "EFS는 파일을 저장한다."),
    }
    item.choices = [dataclasses.replace(c, why=whys.get(c.text.en, c.why)) for c in item.choices]
    [question] = [q for q in with_questions(shop, [item]).questions if q.key == "authored:two-keys"]
    assert question.explanation == Text(
        "S3 stores objects. EFS stores files.", "S3는 객체를 저장한다. EFS는 파일을 저장한다."
    )


def test_what_changed_about_a_fact_is_in_the_explanation_not_in_the_keys_reason(shop):
    fact = shop.facts["TST-01"]
    fact.change = Text("Older notes said 300 seconds.", "예전 노트는 300초라고 했다.")
    [question] = by_form(generate(shop), "fact-value")
    [key] = [c for c in question.choices if c.correct]
    assert key.why == fact.text
    assert question.explanation.en.endswith("Changed: Older notes said 300 seconds.")
