"""Mock exam assignments: the class exam's official blueprint or a custom one, started from the class
page (resumed, never twice), and the class sees each member's result, latest, best and trend."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes import services
from classes.models import Assignment, AssignmentWork
from exams import services as exams
from exams.models import Attempt, Blueprint
from tests.conftest import make_user
from tests.exams.factory import make_bank
from topics.models import Exam

pytestmark = pytest.mark.django_db


@pytest.fixture
def drill(db):
    """A five-question SAA-C03 mock exam of 20 minutes, and a bank that fills it."""
    make_bank("SAA-C03", singles=4, multiples=2)
    return Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Five-question drill",
        title_ko="다섯 문제 연습", questions=5, minutes=20, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip


@pytest.fixture
def mock(classroom, drill):
    return services.assign_mock(classroom=classroom, value="blueprint:drill", due_on=classroom.exam_date)


def sat(user, blueprint, scaled: int, *, days_ago: int = 0) -> Attempt:
    """A submitted attempt of `blueprint` with the given scaled score, `days_ago` days back."""
    attempt = exams.submit(attempt=exams.start(user=user, blueprint=blueprint))
    at = timezone.now() - timedelta(days=days_ago)
    Attempt.objects.filter(pk=attempt.pk).update(scaled=scaled, passed=scaled >= 720, submitted_at=at)
    return Attempt.objects.get(pk=attempt.pk)


def test_the_form_offers_the_official_mock_exam_and_the_classs_custom_ones(
    client, classroom, drill, instructor
):
    sap = Exam.objects.get(code="SAP-C02")
    Blueprint.objects.create(
        slug="sap-drill",
        exam=sap,
        title_en="SAP drill",
        title_ko="SAP 연습",
        questions=5,
        minutes=20,
        pass_scaled=750,
    )
    Blueprint.objects.create(
        slug="any-drill", title_en="Both exams", title_ko="두 시험", questions=5, minutes=20, pass_scaled=720
    )
    client.force_login(instructor)
    page = client.get(reverse("classes:assignment-create", args=[classroom.code])).content.decode()
    for value in ("blueprint:saa-c03", "blueprint:drill", "blueprint:any-drill"):
        assert f'value="{value}"' in page
    assert 'value="blueprint:sap-drill"' not in page
    with pytest.raises(services.NotInExam):
        services.assign_mock(classroom=classroom, value="blueprint:sap-drill", due_on=classroom.exam_date)


def test_the_instructor_assigns_the_official_mock_exam(client, classroom, instructor):
    client.force_login(instructor)
    url = reverse("classes:assignment-create", args=[classroom.code])
    response = client.post(url, {"what": "blueprint:saa-c03", "size": "10", "due_on": "2031-03-01"})
    assert response["Location"] == classroom.get_absolute_url()
    assignment = Assignment.objects.select_related("blueprint").get()
    assert assignment.kind == "mock" and assignment.size is None and assignment.scope_kind == ""
    assert assignment.blueprint.official and assignment.blueprint.exam.code == "SAA-C03"
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "Mock exam · 65 questions · 130 minutes" in page


def test_a_tampered_mock_exam_is_refused_and_sets_nothing(client, classroom, drill, instructor):
    drill.is_active = False
    drill.save()
    client.force_login(instructor)
    url = reverse("classes:assignment-create", args=[classroom.code])
    for value in ("blueprint:drill", "blueprint:no-such-exam", "blueprint:sap-c02"):
        response = client.post(url, {"what": value, "size": "10", "due_on": "2031-03-01"})
        assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_the_member_sits_the_assigned_mock_exam_once_and_the_class_sees_the_result(
    client, classroom, membership, mock, learner, instructor
):
    client.force_login(learner)
    url = reverse("classes:assignment-start", args=[classroom.code, mock.code])
    first = client.post(url, {"esl": "on"})
    attempt = Attempt.objects.get(user=learner)
    assert first["Location"] == attempt.get_absolute_url()
    assert attempt.blueprint.slug == "drill" and attempt.size == 5 and attempt.minutes == 20 + 30  # ESL
    assert client.post(url)["Location"] == attempt.get_absolute_url(), "a second click resumes it"
    assert Attempt.objects.count() == 1 and AssignmentWork.objects.get().attempt == attempt
    mine = client.get(reverse("classes:membership", args=[classroom.code])).content.decode()
    assert "started" in mine and f'href="{attempt.get_absolute_url()}"' in mine

    exams.submit(attempt=attempt)
    Attempt.objects.filter(pk=attempt.pk).update(scaled=760, passed=True, scored_right=4, scored_total=5)
    client.force_login(instructor)
    page = client.get(mock.get_absolute_url()).content.decode()
    assert re.search(
        r"alice@example.com</a></th>\s*<td>.*done · scaled score 760 \(4 / 5\) · passed", page, re.S
    )
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "1 of 1 done · average scaled score 760" in page


def test_one_sitting_at_a_time_the_member_is_sent_to_the_one_in_progress(
    client, classroom, membership, mock, drill, learner
):
    running = exams.start(user=learner, blueprint=drill)
    client.force_login(learner)
    response = client.post(reverse("classes:assignment-start", args=[classroom.code, mock.code]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "You are sitting another mock exam. Submit it first, then start this one." in page
    assert f'href="{running.get_absolute_url()}"' in page
    assert not AssignmentWork.objects.exists() and Attempt.objects.count() == 1


def test_a_mock_exam_the_bank_cannot_fill_is_refused_with_a_message(client, classroom, membership, learner):
    big = Blueprint.objects.create(
        slug="big",
        exam=classroom.exam,
        title_en="Big",
        title_ko="큰 시험",
        questions=200,
        minutes=20,
        pass_scaled=720,
    )
    assignment = services.assign_mock(classroom=classroom, value="blueprint:big", due_on=classroom.exam_date)
    assert big.assignments.get() == assignment
    client.force_login(learner)
    response = client.post(reverse("classes:assignment-start", args=[classroom.code, assignment.code]))
    assert response.status_code == 409
    assert "This assignment has no questions to draw from now." in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_class_page_shows_latest_best_and_trend_of_each_members_mock_exams(
    client, classroom, membership, drill, learner, other_learner, instructor
):
    services.join_class(user=other_learner, classroom=classroom)
    for scaled, days_ago in ((640, 9), (780, 5), (700, 1)):
        sat(learner, drill, scaled, days_ago=days_ago)
    client.force_login(instructor)
    page = client.get(classroom.get_absolute_url()).content.decode()
    alice = re.search(r"alice@example.com</a></th>(.*?)</tr>", page, re.S).group(1)
    assert "700 · 780" in alice  # latest, best
    assert 'aria-label="Mock exam scores, oldest first: 640, 780, 700"' in alice
    bob = re.search(r"bob@example.com</a></th>(.*?)</tr>", page, re.S).group(1)
    assert "sparkline" not in bob
    assert "Latest mock exam score by member: SAA-C03" in page
    member = client.get(reverse("classes:member", args=[classroom.code, membership.code])).content.decode()
    assert "Mock exam scores over time: SAA-C03" in member and "latest · best 780 · 3 sat" in member


def test_mock_exams_of_another_exam_do_not_count(client, classroom, membership, learner, instructor):
    make_bank("SAP-C02", singles=4, multiples=2)
    sap = Blueprint.objects.create(
        slug="sap-drill", exam=Exam.objects.get(code="SAP-C02"), title_en="SAP drill", title_ko="SAP 연습",
        questions=5, minutes=20, pass_scaled=750, multiple_percent=20,
    )  # fmt: skip
    sat(learner, sap, 800)
    client.force_login(instructor)
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "sparkline" not in page and "Latest mock exam score by member" not in page


def test_leaving_takes_the_mock_exam_result_off_the_class_page(
    client, classroom, membership, mock, learner, instructor
):
    attempt = services.start_assignment(membership=membership, assignment=mock)
    exams.submit(attempt=attempt)
    services.leave_class(membership=membership)
    client.force_login(instructor)
    assert "alice@example.com" not in client.get(mock.get_absolute_url()).content.decode()
    assert Attempt.objects.filter(pk=attempt.pk, user=learner).exists(), "the attempt stays the learner's"


def test_the_class_page_query_count_does_not_grow_with_mock_exams(client, classroom, drill, instructor):
    mock = services.assign_mock(classroom=classroom, value="blueprint:drill", due_on=classroom.exam_date)
    client.force_login(instructor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(classroom.get_absolute_url()).status_code == 200
        return len(queries)

    def add_member(n):
        user = make_user(f"sitter{n}@example.com")
        membership = services.join_class(user=user, classroom=classroom)
        exams.submit(attempt=services.start_assignment(membership=membership, assignment=mock))
        sat(user, drill, 600 + 10 * n)

    add_member(0)
    small = count()
    for n in range(1, 5):
        add_member(n)
    assert count() == small


def test_readiness_is_calibrated_on_mock_exams_as_on_the_progress_page(classroom, membership, drill, learner):
    from classes import progress
    from reviews import stats
    from reviews.models import ReviewSettings

    sat(learner, drill, 700)
    Attempt.objects.filter(user=learner).update(scored_right=5, scored_total=5)  # far above the prediction
    now = timezone.now()
    report = progress.build(classroom.exam, [learner.pk], now)
    own = {p.exam.code: p for p in stats.exams_progress(learner, ReviewSettings.for_user(learner), now)}
    assert own["SAA-C03"].calibration.exams == 1 and own["SAA-C03"].calibration.offset > 0
    assert report.members[learner.pk].readiness.probability == pytest.approx(
        own["SAA-C03"].readiness.probability
    )
