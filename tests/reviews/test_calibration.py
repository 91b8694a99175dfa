"""Readiness is calibrated against the learner's mock exam results (reviews.stats.mock_exam_calibrations)."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from exams import services as exams
from exams.models import Blueprint
from reviews import readiness
from reviews.models import ReviewLog, ReviewSettings
from reviews.stats import exams_progress, mock_exam_calibrations
from tests.exams.factory import make_bank
from topics.models import Exam

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def drill(db):
    make_bank("SAA-C03", singles=4, multiples=0)
    return Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Drill", title_ko="연습",
        questions=4, minutes=10, pass_scaled=720, multiple_percent=0,
    )  # fmt: skip


def sit(learner, drill, *, right: int, at: datetime):
    """Start the drill, answer `right` questions correctly and the rest wrongly, submit."""
    attempt = exams.start(user=learner, blueprint=drill, now=at, rng=random.Random(3))
    for item in attempt.items.select_related("version").order_by("position"):
        keys = {choice["id"] for choice in item.version.choices if choice["correct"]}
        correct = [n for n, cid in enumerate(item.choice_order, 1) if cid in keys]
        wrong = [n for n, cid in enumerate(item.choice_order, 1) if cid not in keys][: item.choose]
        picks = correct if item.position <= right else wrong
        exams.save(user=learner, code=attempt.code, position=item.position, picks=picks, now=at)
    return exams.submit(attempt=attempt, now=at + timedelta(minutes=5))


def test_without_mock_exams_readiness_is_not_calibrated(learner, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert mock_exam_calibrations(learner, decay=0.15) == {}
    settings = ReviewSettings.objects.create(user=learner)
    saa = next(p for p in exams_progress(learner, settings, T0) if p.exam.code == "SAA-C03")
    assert saa.calibration.exams == 0 and "not calibrated" in saa.calibration.note


def test_a_better_score_than_predicted_raises_the_estimate(learner, drill):
    # Four questions and no review before the exam: each predicted at the first-try accuracy, 0.5.
    sit(learner, drill, right=3, at=T0)
    calibration = mock_exam_calibrations(learner, decay=0.15)
    entry = calibration[drill.exam_id]
    assert entry.exams == 1
    assert entry.offset == pytest.approx(0.75 - 0.5)
    assert "+25" in entry.note

    settings = ReviewSettings.objects.create(user=learner)
    saa = next(
        p for p in exams_progress(learner, settings, T0 + timedelta(hours=1)) if p.exam.code == "SAA-C03"
    )
    assert saa.calibration.exams == 1
    inputs = [
        readiness.DomainInput(d.domain.number, d.domain.weight, d.questions, d.recall_sum, d.cards)
        for d in saa.domains
    ]
    # The exam's answers were the learner's first reviews: the same first-try accuracy, no offset.
    first = ReviewLog.objects.filter(user=learner, state_before=0)
    new_accuracy = readiness.first_try_accuracy(first.exclude(rating=1).count(), first.count())
    plain = readiness.estimate(
        inputs, scored=saa.exam.scored, pass_scaled=saa.exam.pass_scaled, new_accuracy=new_accuracy
    )
    for (_n, calibrated), (_m, before) in zip(saa.readiness.domains, plain.domains, strict=True):
        assert calibrated == pytest.approx(min(1.0, before + 0.25))
    assert saa.readiness.probability > plain.probability


def test_a_worse_score_is_held_within_the_limit_and_only_the_latest_five_count(learner, drill):
    for day in range(6):
        sit(learner, drill, right=0, at=T0 + timedelta(days=day))
    entry = mock_exam_calibrations(learner, decay=0.15)[drill.exam_id]
    assert entry.exams == 5
    # Answers of earlier exams became reviewed cards: later exams predict from their memory, not 0.5.
    assert -readiness.MAX_OFFSET <= entry.offset < 0
