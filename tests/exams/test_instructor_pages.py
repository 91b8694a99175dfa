"""Instructors define custom exams by topics, cases or domains, and read the item statistics."""

import random

import pytest
from django.urls import reverse

from exams import services
from exams.models import AttemptItem, Blueprint, ItemStatistic
from quizzes.models import Question
from topics.models import Exam, ExamDomain

pytestmark = pytest.mark.django_db
NEW = reverse("exams:blueprint-new")


def blueprint_data(**changes):
    data = {
        "title_en": "Domain 2 sprint", "title_ko": "도메인 2 집중", "exam": "", "questions": 3, "minutes": 10,
        "pass_scaled": 700, "multiple_percent": 0, "is_active": "on",
    }  # fmt: skip
    return data | changes


def test_an_instructor_defines_an_exam_by_domain_and_a_learner_sits_it(client, instructor, learner, bank):
    domain = ExamDomain.objects.get(exam__code="SAA-C03", number=2)
    client.force_login(instructor)
    response = client.post(NEW, blueprint_data(domains=[domain.pk]))
    assert response.status_code == 302
    blueprint = Blueprint.objects.get(official=False, title_en="Domain 2 sprint")
    assert blueprint.slug == "custom-domain-2-sprint" and blueprint.created_by == instructor
    client.force_login(learner)
    assert "Domain 2 sprint" in client.get(reverse("exams:home")).content.decode()
    attempt = services.start(user=learner, blueprint=blueprint, rng=random.Random(3))
    questions = Question.objects.filter(pk__in=AttemptItem.objects.filter(attempt=attempt).values("question"))
    assert attempt.size == 3 and all(domain in q.domains.all() for q in questions)


def test_a_scope_too_small_for_the_count_is_refused_with_the_number_available(client, instructor, bank):
    domain = ExamDomain.objects.get(exam__code="SAA-C03", number=2)
    in_scope = Question.objects.published().filter(domains=domain).count()
    client.force_login(instructor)
    response = client.post(NEW, blueprint_data(domains=[domain.pk], questions=in_scope + 1))
    assert response.status_code == 400
    assert f"The bank has {in_scope} published questions in this scope" in response.content.decode()
    assert not Blueprint.objects.filter(official=False, title_en="Domain 2 sprint").exists()


def test_domains_of_another_exam_are_refused(client, instructor, bank):
    client.force_login(instructor)
    other = ExamDomain.objects.get(exam__code="SAP-C02", number=1)
    saa = Exam.objects.get(code="SAA-C03")
    response = client.post(NEW, blueprint_data(exam=saa.pk, domains=[other.pk]))
    assert (
        response.status_code == 400 and "Choose domains of the exam you picked" in response.content.decode()
    )


def test_a_topic_scope_draws_only_that_topics_questions(client, instructor, learner, bank):
    from topics.models import Topic

    topic = Topic.objects.get(slug="placement-groups")
    Question.objects.filter(pk__in=[q.pk for q in bank[:3]]).update(topic=topic)
    client.force_login(instructor)
    client.post(NEW, blueprint_data(title_en="Placement", topics=[topic.pk]))
    blueprint = Blueprint.objects.get(title_en="Placement")
    attempt = services.start(user=learner, blueprint=blueprint, rng=random.Random(1))
    keys = set(AttemptItem.objects.filter(attempt=attempt).values_list("question__key", flat=True))
    assert keys <= set(Question.objects.filter(topic=topic).values_list("key", flat=True)) and len(keys) == 3


def test_editing_keeps_the_slug_and_hides_it_from_learners(client, instructor, learner, drill):
    client.force_login(instructor)
    url = reverse("exams:blueprint-edit", args=[drill.slug])
    data = blueprint_data(title_en="Renamed drill", exam=drill.exam_id)
    data.pop("is_active")
    assert client.post(url, data).status_code == 302
    drill.refresh_from_db()
    assert (drill.slug, drill.title_en, drill.is_active) == ("drill", "Renamed drill", False)
    client.force_login(learner)
    home = client.get(reverse("exams:home")).content.decode()
    assert 'value="drill"' not in home and "Renamed drill" not in home.split("<h1>", 1)[1]


def test_an_official_blueprint_cannot_be_edited_here(client, instructor):
    official = Blueprint.official_for(Exam.objects.get(code="SAA-C03"))
    client.force_login(instructor)
    assert client.get(reverse("exams:blueprint-edit", args=[official.slug])).status_code == 404


def test_submitting_an_exam_refreshes_the_statistics_the_pages_show(
    client, instructor, attempt, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    item = attempt.items.select_related("version").first()
    right = [n for n, cid in enumerate(item.choice_order, start=1) if cid in item.version.correct_ids]
    services.save(
        user=attempt.user, code=attempt.code, position=item.position, picks=right, now=attempt.started_at
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(attempt=attempt, now=attempt.started_at)
    assert ItemStatistic.objects.count() == attempt.size
    stat = ItemStatistic.objects.get(version=item.version)
    assert (stat.attempts, stat.facility) == (1, 1.0)
    client.force_login(instructor)
    with django_assert_max_num_queries(9):
        page = client.get(reverse("exams:statistics")).content.decode()
    assert "Five-question drill" in page and 'class="chart stat-histogram"' in page
    # In Korean the chart names the blueprint by its Korean title.
    korean = client.get(reverse("exams:statistics"), HTTP_ACCEPT_LANGUAGE="ko", query_params={"lang": "ko"})
    assert "다섯 문제 연습" in korean.content.decode().split('class="chart stat-histogram"', 1)[1]
    detail = client.get(reverse("exams:question-statistics", args=[item.question.code])).content.decode()
    assert "<svg" in detail and "Choices picked in version 1" in detail and "Right answer" in detail


def test_the_refresh_button_recomputes(client, instructor, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ItemStatistic.objects.all().delete()
    client.force_login(instructor)
    response = client.post(reverse("exams:statistics-refresh"), follow=True)
    assert "being recomputed" in response.content.decode()


def test_learners_cannot_reach_the_instructor_pages(client, learner, drill):
    client.force_login(learner)
    for url in (NEW, reverse("exams:blueprints"), reverse("exams:statistics"),
                reverse("exams:blueprint-edit", args=[drill.slug])):  # fmt: skip
        assert client.get(url).status_code == 403
    assert client.post(NEW, blueprint_data()).status_code == 403
    assert not Blueprint.objects.filter(title_en="Domain 2 sprint").exists()


def test_a_korean_instructor_is_told_the_saved_blueprints_korean_title(client, instructor, bank):
    from django.conf import settings

    client.force_login(instructor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.post(NEW, blueprint_data(exam=Exam.objects.get(code="SAA-C03").pk), follow=True)
    page = response.content.decode()
    assert "“도메인 2 집중”" in page and "Domain 2 sprint" not in page
