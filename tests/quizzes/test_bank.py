"""Storing generated questions: versions are immutable, answers keep their version, vanished questions retire."""

import copy

import pytest

from quizzes.bank import sync_questions
from quizzes.generator import Text, distinct_count, generate
from quizzes.models import Answer, Question, QuestionVersion
from tests.conftest import FIXTURE_CONTENT
from topics.content import read_curriculum

pytestmark = pytest.mark.django_db
KEY = "requirement:tiny-api:R1:v0"


@pytest.fixture
def tiny():
    return read_curriculum(FIXTURE_CONTENT)


def test_regenerating_the_same_content_changes_nothing(tiny):
    report = sync_questions(generate(tiny).questions)
    assert not report.changed
    assert report.unchanged == Question.objects.count()


def test_an_edit_makes_a_new_version_and_old_answers_keep_theirs(tiny, learner):
    question = Question.objects.get(key=KEY)
    first = question.current_version
    answer = Answer.objects.create(
        user=learner, question=question, version=first, selected=[first.choices[0]["id"]], is_correct=False,
        source="practice", answered_at="2026-11-22T10:00:00Z",
    )  # fmt: skip
    edited = copy.deepcopy(tiny)
    edited.cases["tiny-api"].requirements[0].why = Text("A clearer reason.", "더 분명한 이유.")
    report = sync_questions(generate(edited).questions)
    question.refresh_from_db()
    assert report.new_versions >= 1
    assert question.current_version.number == 2 and question.current_version.explanation_en.startswith(
        "A clearer reason."
    )
    answer.refresh_from_db()
    assert answer.version == first and first.explanation_en != question.current_version.explanation_en
    assert QuestionVersion.objects.filter(question=question).count() == 2


def test_a_question_whose_source_disappeared_is_retired_not_deleted(tiny, learner):
    question = Question.objects.get(key=KEY)
    Answer.objects.create(
        user=learner, question=question, version=question.current_version, selected=[], is_correct=False,
        source="practice", answered_at="2026-11-22T10:00:00Z",
    )  # fmt: skip
    edited = copy.deepcopy(tiny)
    edited.cases = {}
    sync_questions(generate(edited).questions)
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert Answer.objects.filter(question=question).exists()
    report = sync_questions(generate(tiny).questions)  # the case comes back
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and report.revived >= 1


def test_questions_carry_exam_domains_services_and_sources():
    question = Question.objects.get(key=KEY)
    assert {(d.exam.code, d.number) for d in question.domains.select_related("exam")} == {
        ("SAA-C03", 2),
        ("SAP-C02", 2),
    }
    assert {s.slug for s in question.services.all()} == {"api-gateway", "lambda"}
    assert question.case.slug == "tiny-api" and question.topic.slug == "lambda-basics"
    assert question.current_version.sources == ["https://docs.aws.amazon.com/lambda/latest/dg/welcome.html"]


def test_a_hand_written_question_is_stored_as_authored_with_its_task_statements(tiny):
    question = Question.objects.get(key="authored:placement-choose-two")
    assert question.origin == "authored" and question.kind == "multiple" and question.choose == 2
    assert {(t.domain.exam.code, t.code) for t in question.tasks.select_related("domain__exam")} == {
        ("SAA-C03", "3.2"),
        ("SAP-C02", "2.5"),
    }
    assert len(question.current_version.choices) == 5
    assert sum(c["correct"] for c in question.current_version.choices) == 2

    edited = copy.deepcopy(tiny)
    edited.questions["placement-choose-two"].stem = Text(
        "A clearer stem. (Choose two.)", "더 분명한 문제. (2개 선택)"
    )
    sync_questions(generate(edited).questions)
    question.refresh_from_db()
    assert question.current_version.number == 2 and question.current_version.stem_en.startswith("A clearer")


def test_questions_written_in_the_app_are_never_retired_by_a_content_load(tiny):
    written = Question.objects.create(
        key="bank:written-in-the-app", origin="authored", kind="single", status="published"
    )
    sync_questions(generate(tiny).questions)
    written.refresh_from_db()
    assert written.status == "published"


def test_content_stats_reports_questions(capsys, tiny):
    import json

    from django.core.management import call_command

    call_command("content_stats", as_json=True)
    stats = json.loads(capsys.readouterr().out)["questions"]
    assert stats["valid"] == Question.objects.filter(status="published").count() > 0
    assert stats["distinct"] == distinct_count(generate(tiny).questions)
    assert set(stats["by_exam_domain"]) == {"SAA-C03", "SAP-C02"}
    assert set(stats["by_exam_domain"]["SAA-C03"]) == {"1", "2", "3", "4"}
    assert sum(stats["by_form"].values()) == stats["valid"]


def test_content_stats_counts_topics_cases_and_questions_per_task_statement(capsys):
    import json

    from django.core.management import call_command

    call_command("content_stats", as_json=True)
    tasks = json.loads(capsys.readouterr().out)["task_statements"]
    assert [row["number"] for row in tasks["SAA-C03"]] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4",
    ]  # fmt: skip
    by_number = {row["number"]: row for row in tasks["SAA-C03"]}
    # lambda-basics teaches 2.1 and 3.2; three hand-written items target 3.2
    assert by_number["3.2"] | {"title": ""} == {
        "number": "3.2",
        "title": "",
        "topics": 1,
        "cases": 0,
        "questions": 3,
    }
    assert by_number["2.1"]["topics"] == 1 and by_number["1.1"]["topics"] == 0
    assert {row["number"]: row["questions"] for row in tasks["SAP-C02"]}["2.5"] == 1


def test_content_stats_reports_the_quality_of_the_published_bank(capsys):
    import json

    from django.core.management import call_command

    call_command("content_stats", as_json=True)
    quality = json.loads(capsys.readouterr().out)["quality"]
    # The small curriculum: one requirement, one quiz fact, three authored items (one tagged to both exams).
    assert quality["knowledge_items"] == {
        "requirements": 1,
        "facts": 1,
        "authored": 3,
        "other": 0,
        "total": 5,
    }
    # Tagged to both: the requirement and the fact (as their content says) and one authored item.
    assert quality["by_exam_only"] == {"SAA-C03": 2, "SAP-C02": 0, "both": 3, "none": 0, "both_share": 0.6}
    assert quality["qualifier_share"] == 0.4  # the authored Lambda item and the requirement (goal ops)
    assert quality["largest_identical_stem_group"] == 1
    assert set(quality["key_longest_share"]) == {"authored", "requirement", "fact-value"}
    assert set(quality["key_longest_share_ko"]) == set(quality["key_longest_share"])
    # Where the key falls by length (1 = longest ... 4 = shortest), in each language, shares of one form.
    assert "authored" in quality["key_rank_shares"]
    for by_lang in quality["key_rank_shares"].values():
        assert set(by_lang) == {"en", "ko"}
        assert all(len(shares) == 4 and abs(sum(shares) - 1) < 0.01 for shares in by_lang.values())
    assert quality["median_stem_words"]["SAA-C03"]["en"] > 0
    # Retired questions do not count.
    Question.objects.filter(key=KEY).update(status=Question.Status.RETIRED)
    call_command("content_stats")
    table = capsys.readouterr().out
    assert "knowledge items" in table and "tagged to both exams" in table
    assert "key is the longest option (ko)" in table and "key's length place 1-4" in table
    n_longest_row = next(line for line in table.splitlines() if "N longest are the keys" in line)
    assert "en " in n_longest_row and "ko " in n_longest_row  # both languages' readers
    call_command("content_stats", as_json=True)
    assert json.loads(capsys.readouterr().out)["quality"]["knowledge_items"]["requirements"] == 0


def test_retargeting_a_requirement_relinks_its_questions_without_a_new_version(tiny):
    question = Question.objects.get(key=KEY)
    before = question.current_version_id
    edited = copy.deepcopy(tiny)
    requirement = edited.cases["tiny-api"].requirements[0]
    requirement.tasks, requirement.domains = {"SAP-C02": "2.1"}, {"SAP-C02": 2}
    report = sync_questions(generate(edited).questions)
    question.refresh_from_db()
    assert report.relinked >= 1 and question.current_version_id == before
    assert {(d.exam.code, d.number) for d in question.domains.select_related("exam")} == {("SAP-C02", 2)}
    assert [(t.domain.exam.code, t.code) for t in question.tasks.select_related("domain__exam")] == [
        ("SAP-C02", "2.1")
    ]
    assert not sync_questions(generate(edited).questions).changed  # and a second load changes nothing
