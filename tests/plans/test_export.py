"""Taking your data with you: every answer, review and card as CSV in one zip, and the cards as an Anki deck."""

import csv
import io
import sqlite3
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from plans import anki
from plans.models import StudyPlan
from quizzes.models import Question
from reviews.models import ReviewSettings
from tests.plans.conftest import make_question, practise, sit_mock
from topics.models import Exam, StudiedTopic, Topic


@pytest.fixture
def history(learner, other_learner):
    """The learner answered two questions (one wrongly), studied a topic and made a plan; so did another learner."""
    own = [make_question(1, task=("SAA-C03", "3.2")), make_question(2, task=("SAA-C03", "2.1"))]
    practise(learner, own[0], correct=True)
    practise(learner, own[1], correct=False)
    practise(other_learner, make_question(3), correct=True)
    StudiedTopic.objects.create(user=learner, topic=Topic.objects.get(slug="lambda-basics"))
    ReviewSettings.objects.create(user=learner, exam_date=date(2027, 3, 15))
    StudyPlan.objects.create(
        user=learner, exam=Exam.objects.get(code="SAA-C03"), minutes_per_day=45, started_on=date(2027, 1, 4)
    )
    return own


def read_zip(content: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def test_the_csv_zip_holds_every_answer_review_and_card_of_the_learner_only(client, learner, history):
    client.force_login(learner)
    response = client.get(reverse("plans:export-csv"))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="study-data-')
    assert response["Cache-Control"] == "private, no-store"
    assert response.content[:2] == b"PK"
    tables = read_zip(response.content)
    assert list(tables) == [
        "answers.csv", "attempts.csv", "reviews.csv", "cards.csv", "studied-topics.csv", "plan.csv",
    ]  # fmt: skip
    answers = tables["answers.csv"]
    assert [
        (a["question_key"], a["source"], a["selected"], a["correct_choices"], a["is_correct"])
        for a in answers
    ] == [
        ("test:plans:SAA-C03:3.2:1", "practice", "AWS Lambda", "AWS Lambda", "True"),
        ("test:plans:SAA-C03:2.1:2", "practice", "Amazon EC2", "AWS Lambda", "False"),
    ]
    # The ids stay for matching rows by machine, in columns of their own.
    assert [(a["selected_ids"], a["correct_choice_ids"]) for a in answers] == [("r", "r"), ("w", "r")]
    assert [(r["question_key"], r["rating_name"]) for r in tables["reviews.csv"]][-1] == (
        "test:plans:SAA-C03:2.1:2",
        "again",
    )
    assert len(tables["reviews.csv"]) == 2
    assert sorted(c["question_key"] for c in tables["cards.csv"]) == sorted(q.key for q in history)
    assert tables["studied-topics.csv"][0]["topic"] == "lambda-basics"
    assert tables["plan.csv"] == [
        {
            "exam": "SAA-C03", "exam_date": "2027-03-15", "minutes_per_day": "45", "started_on": "2027-01-04",
            "desired_retention": "0.9", "new_cards_per_day": "20",
        }
    ]  # fmt: skip
    assert "test:plans:SAA-C03:2.1:3" not in response.content.decode(
        "latin-1"
    )  # nothing of the other learner's


def test_mock_exam_attempts_export_item_by_item_with_the_key_only_once_submitted(
    client, learner, other_learner
):
    from exams import services as exam_services
    from exams.models import Blueprint

    attempt = sit_mock(learner)
    sit_mock(other_learner)
    client.force_login(learner)
    rows = read_zip(client.get(reverse("plans:export-csv")).content)["attempts.csv"]
    assert len(rows) == 20 and {r["attempt"] for r in rows} == {str(attempt.code)}
    first = rows[0]
    assert (first["blueprint"], first["exam"], first["position"], first["ended_by"]) == (
        "plans-mock-20", "SAA-C03", "1", "learner",
    )  # fmt: skip
    assert first["selected"] == first["correct_choices"] != "" and first["is_correct"] == "True"
    assert rows[1]["selected"] == "" and rows[1]["is_correct"] == "False"
    assert first["scaled_score"] == str(attempt.scaled)
    # A sitting still open shows what was picked, never the key.
    exam_services.start(user=learner, blueprint=Blueprint.objects.get(slug="plans-mock-20"))
    rows = read_zip(client.get(reverse("plans:export-csv")).content)["attempts.csv"]
    open_rows = [r for r in rows if r["attempt"] != str(attempt.code)]
    assert len(open_rows) == 20 and all(
        r["correct_choices"] == "" and r["submitted_at_utc"] == "" for r in open_rows
    )


def test_a_korean_learner_reads_the_choices_in_korean_with_english_where_korean_is_missing(
    client, learner, history
):
    version = history[1].current_version
    version.choices[1]["text_ko"] = ""  # "Amazon EC2" was never translated
    version.save(update_fields=["choices"])
    client.force_login(learner)
    client.cookies["studyapp_language"] = "ko"
    answers = read_zip(client.get(reverse("plans:export-csv")).content)["answers.csv"]
    assert [(a["고른 답"], a["정답"]) for a in answers] == [
        ("AWS 람다", "AWS 람다"),
        ("Amazon EC2", "AWS 람다"),
    ]
    # Which question each row is about, as the learner read it.
    assert [a["문제"] for a in answers] == [q.current_version.stem_ko for q in history]


def test_a_mock_exam_row_names_the_picked_and_correct_choices_by_their_text(client, learner):
    attempt = sit_mock(learner)
    item = attempt.items.select_related("version").get(position=1)
    texts = {c["id"]: c["text_en"] for c in item.version.choices}
    client.force_login(learner)
    first = read_zip(client.get(reverse("plans:export-csv")).content)["attempts.csv"][0]
    assert first["selected"] == "\n".join(texts[i] for i in first["selected_ids"].split())
    assert first["selected"] in texts.values() and first["selected"] == first["correct_choices"]
    assert first["question"] == item.version.stem_en


def test_the_export_costs_the_same_queries_for_two_answers_or_twenty(client, learner, history):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("plans:export-csv")).status_code == 200
        return len(captured)

    few = queries()
    for n in range(10, 28):
        practise(learner, make_question(n), correct=n % 2 == 0)
    sit_mock(learner)
    assert learner.answers.count() >= 20
    assert queries() == few


def test_a_learner_with_nothing_yet_gets_the_headers(client, other_learner, db):
    client.force_login(other_learner)
    StudiedTopic.objects.all().delete()
    tables = read_zip(client.get(reverse("plans:export-csv")).content)
    assert tables["answers.csv"] == [] and tables["cards.csv"] == []
    assert tables["plan.csv"][0]["exam"] == ""


def read_apkg(content: bytes, tmp_path) -> list[tuple]:
    """The notes of an .apkg: it is a zip holding an Anki collection, a SQLite database."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = connection.execute("select guid, flds, tags, mid from notes order by id").fetchall()
        cards = connection.execute("select count(*), count(distinct nid) from cards").fetchone()
        models = connection.execute("select models from col").fetchone()[0]
    finally:
        connection.close()
    assert cards == (len(notes), len(notes))  # one card per note
    assert str(anki.MODEL_ID) in models
    return notes


def test_the_anki_deck_has_one_note_per_card_in_both_languages_tagged(client, learner, history, tmp_path):
    client.force_login(learner)
    response = client.get(reverse("plans:export-anki"))
    assert response["Content-Disposition"].startswith('attachment; filename="aws-sa-study-cards-')
    notes = read_apkg(response.content, tmp_path)
    assert len(notes) == learner.cards.count() == 2
    _guid, fields, tags, _model = notes[0]
    key, question, choices, answer, explanation, question_ko, choices_ko, answer_ko, explanation_ko = (
        fields.split("\x1f")
    )
    assert key == "test:plans:SAA-C03:3.2:1"
    assert question == "<p>Which service runs code <strong>without servers</strong> (1)?</p>"
    assert choices == '<ol class="choices" type="A"><li>AWS Lambda</li><li>Amazon EC2</li></ol>'
    assert answer == '<p class="answer">A. AWS Lambda</p>'
    assert explanation == (
        "<p>Lambda runs code without servers.</p>"
        "<ul><li><b>A</b>: Serverless functions.</li><li><b>B</b>: Servers to manage.</li></ul>"
    )
    assert "서버 없이 코드를 실행하는 서비스는 (1)?" in question_ko and "AWS 람다" in choices_ko + answer_ko
    assert "Lambda는 서버 없이" in explanation_ko
    assert tags.split() == ["SAA-C03", "SAA-C03::domain-3", "topic::lambda-basics"]
    # A later export updates these notes in Anki rather than adding copies: the same guids.
    again = read_apkg(client.get(reverse("plans:export-anki")).content, tmp_path)
    assert [n[0] for n in again] == [n[0] for n in notes]


def test_a_korean_learner_gets_korean_first_and_english_beneath(client, learner, history, tmp_path):
    client.force_login(learner)
    client.cookies["studyapp_language"] = "ko"
    notes = read_apkg(client.get(reverse("plans:export-anki")).content, tmp_path)
    fields = notes[0][1].split("\x1f")
    assert "서버 없이" in fields[1] and "without servers" in fields[5]


def test_a_generated_question_exports_too(client, learner, tmp_path):
    question = (
        Question.objects.filter(status="published", topic__slug="lambda-basics").order_by("key").first()
    )
    practise(learner, question, correct=True)
    client.force_login(learner)
    notes = read_apkg(client.get(reverse("plans:export-anki")).content, tmp_path)
    assert [n[1].split("\x1f")[0] for n in notes] == [question.key]
    assert all(part.strip() for part in notes[0][1].split("\x1f")[1:5]), "no empty side"


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "your 1 answer, 0 mock exams question by question, 1 review and 1 card,",
         "your 2 answers, 0 mock exams question by question, 2 reviews and 2 cards,"),
        ("ko", "답안 1개, 문제별로 정리한 모의고사 0회, 복습 1회, 카드 1장,",
         "답안 2개, 문제별로 정리한 모의고사 0회, 복습 2회, 카드 2장,"),
    ],
)  # fmt: skip
def test_my_data_counts_each_thing_in_its_own_plural(client, learner, language, one, two):
    from django.conf import settings

    practise(learner, make_question(1), correct=True)
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert one in client.get(reverse("plans:data")).content.decode()
    practise(learner, make_question(2), correct=False)
    assert two in client.get(reverse("plans:data")).content.decode()


def test_a_korean_learner_reads_headings_and_coded_values_in_korean_with_the_ids_unchanged(
    client, learner, history
):
    sit_mock(learner)
    client.force_login(learner)
    client.cookies["studyapp_language"] = "ko"
    tables = read_zip(client.get(reverse("plans:export-csv")).content)
    answers = tables["answers.csv"]
    assert list(answers[0])[:3] == ["답한 시각(UTC)", "출처", "문제 키"]
    assert [(a["출처"], a["정답 여부"], a["고른 답 ID"]) for a in answers[:2]] == [
        ("연습", "정답", "r"),
        ("연습", "오답", "w"),
    ]
    assert answers[0]["문제 키"] == "test:plans:SAA-C03:3.2:1"
    first = tables["attempts.csv"][0]
    assert (first["종료"], first["합격 여부"], first["표시"], first["채점 대상"], first["정답 여부"]) == (
        "직접 제출", "불합격", "아니요", "예", "정답",
    )  # fmt: skip
    last_review = tables["reviews.csv"][1]
    assert (last_review["평가"], last_review["평가 이름"], last_review["복습 전 상태"]) == (
        "1",
        "다시",
        "새 카드",
    )
    assert tables["cards.csv"][0]["상태"] == "학습 중" and tables["cards.csv"][0]["보류"] == "아니요"
    assert list(tables["plan.csv"][0]) == [
        "시험", "시험 날짜", "하루 학습 시간(분)", "시작일", "목표 기억률", "하루 새 카드 수",
    ]  # fmt: skip
    assert list(tables["studied-topics.csv"][0]) == ["주제", "공부한 시각(UTC)"]


def test_my_data_says_which_language_the_headings_are_in(client, learner):
    client.force_login(learner)
    assert "in English" in client.get(reverse("plans:data")).content.decode()
    client.cookies["studyapp_language"] = "ko"
    assert "한국어" in client.get(reverse("plans:data")).content.decode()
