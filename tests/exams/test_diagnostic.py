"""The short diagnostic: beside each full official exam, a 20-question sitting at the exam's pace with
its domain weights and pass line, labelled as shorter and less precise, for learners on their own."""

import random
import re
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from exams import assembly, services
from exams.models import Attempt, Blueprint
from exams.scoring import scaled_score
from plans import inputs
from reviews import readiness
from tests.exams.conftest import T0
from tests.exams.factory import make_bank, right_picks, wrong_picks
from topics.models import Exam

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_bank(db):
    """Enough SAA-C03 questions in every domain for the diagnostic's mix (eight multiples, 32 singles)."""
    return make_bank("SAA-C03", singles=32, multiples=8)


def card(page: str, slug: str) -> str:
    return re.search(
        rf'<section class="card blueprint-card[^"]*" aria-labelledby="bp-{slug}">(.*?)</section>', page, re.S
    ).group(1)


def test_the_home_page_offers_a_short_diagnostic_beside_each_full_exam(client, learner):
    client.force_login(learner)
    page = client.get(reverse("exams:home")).content.decode()
    slugs = re.findall(r'name="blueprint" value="([^"]+)"', page)
    assert slugs[:4] == ["saa-c03", "saa-c03-diagnostic", "sap-c02", "sap-c02-diagnostic"]
    saa = " ".join(card(page, "saa-c03-diagnostic").split())
    assert "SAA-C03 short diagnostic" in saa and "Short diagnostic" in saa
    assert "20 questions · 40 minutes" in saa and "Pass mark 720 of 1000" in saa
    assert "Shorter and less precise than the full exam: 20 questions instead of 65" in saa
    sap = " ".join(card(page, "sap-c02-diagnostic").split())
    assert "20 questions · 48 minutes" in sap and "instead of 75" in sap and "Pass mark 750" in sap
    # The full exams are still there, unchanged.
    assert "65 questions · 130 minutes" in " ".join(card(page, "saa-c03").split())

    korean = client.get(reverse("exams:home"), headers={"Accept-Language": "ko"}).content.decode()
    saa = " ".join(card(korean, "saa-c03-diagnostic").split())
    assert "SAA-C03 짧은 진단 모의고사" in saa and "짧은 진단" in saa
    assert "전체 시험보다 짧고 덜 정확합니다: 65문항 대신 20문항" in saa


def test_a_learner_sits_the_diagnostic_and_reads_the_result_in_korean(client, learner, big_bank):
    client.force_login(learner)
    with time_machine.travel(T0, tick=False):
        response = client.post(reverse("exams:start"), {"blueprint": "saa-c03-diagnostic"})
    attempt = Attempt.objects.select_related("blueprint").get(user=learner)
    assert response["Location"] == attempt.get_absolute_url()
    assert attempt.blueprint.diagnostic and attempt.blueprint.official
    assert (attempt.size, attempt.minutes, attempt.pass_scaled) == (20, 40, 720)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=40)
    items = list(attempt.items.select_related("version", "domain").order_by("position"))
    # The exam guide's weights 30/26/24/20 over 20 questions, every one scored, 15% multiple response.
    weights = dict(attempt.blueprint.exam.domains.values_list("number", "weight"))
    expected = assembly.split(20, [weights[n] for n in sorted(weights)])
    assert [Counter(i.domain.number for i in items)[n] for n in sorted(weights)] == expected == [6, 5, 5, 4]
    assert all(item.scored for item in items)
    assert sum(item.choose == 2 for item in items) == 3

    for item in items:
        picks = right_picks(item) if item.position <= 15 else wrong_picks(item)
        services.save(user=learner, code=attempt.code, position=item.position, picks=picks, now=T0)
    with time_machine.travel(T0 + timedelta(minutes=30), tick=False):
        client.post(reverse("exams:submit", args=[attempt.code]))
        page = client.get(
            reverse("exams:result", args=[attempt.code]), headers={"Accept-Language": "ko"}
        ).content.decode()
    attempt.refresh_from_db()
    assert attempt.scaled == scaled_score(15, 20) == 750 and attempt.passed
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "결과: SAA-C03 짧은 진단 모의고사" in text
    assert "750 / 1000" in text and "합격" in text
    assert "짧은 진단 모의고사입니다: 채점 문항 20개로는 전체 시험보다 덜 정확하게" in text


def test_the_diagnostic_follows_the_exams_content_values(db):
    exam = Exam.objects.get(code="SAP-C02")
    blueprint = Blueprint.diagnostic_for(exam)
    assert (blueprint.slug, blueprint.questions, blueprint.minutes) == ("sap-c02-diagnostic", 20, 48)
    assert (blueprint.pass_scaled, blueprint.unscored, blueprint.exam) == (750, 0, exam)
    exam.pass_scaled = 760
    exam.save()
    assert (
        Blueprint.diagnostic_for(exam).pass_scaled == 760
        and Blueprint.objects.filter(diagnostic=True).count() == 1
    )
    # Neither an instructor's list of custom blueprints nor a class's choice of them offers it.
    assert not Blueprint.objects.custom().filter(pk=blueprint.pk).exists()


def test_a_custom_blueprint_cannot_take_a_diagnostics_name(db):
    custom = Blueprint(
        slug="saa-c03-diagnostic", title_en="Mine", title_ko="내 것", questions=5, minutes=5, pass_scaled=700
    )
    with pytest.raises(ValidationError):
        custom.clean()


def test_a_diagnostic_counts_for_the_study_plan_and_calibrates_less_than_a_full_exam(learner, big_bank):
    exam = Exam.objects.get(code="SAA-C03")
    attempt = services.start(
        user=learner, blueprint=Blueprint.diagnostic_for(exam), now=T0, rng=random.Random(2)
    )
    services.submit(attempt=attempt, now=T0 + timedelta(minutes=20))
    # The plan's first mock exam is itself a diagnostic: sitting this one counts as that day's mock.
    assert inputs.mock_days(learner, exam.pk, since=T0.date()) == [T0.date()]
    # Twenty scored questions weigh 20 against a full exam's 50 in the calibration's mean gap.
    assert readiness.calibration_offset([0.2, -0.1], [20, 50]) == pytest.approx((0.2 * 20 - 0.1 * 50) / 70)
    assert readiness.calibration_offset([0.2, -0.1]) == pytest.approx(0.05)
