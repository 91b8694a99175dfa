"""The plan form, the plan page and the dashboard's "today", against the database."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Profile
from plans import inputs
from plans.models import StudyPlan
from reviews.models import ReviewSettings
from tests.plans.conftest import make_question, practise, sit_mock
from topics.models import Exam, StudiedTopic, Topic

NOW = datetime(2027, 1, 4, 1, 0, tzinfo=UTC)  # 10:00 on Monday 4 January in Seoul
TODAY = date(2027, 1, 4)
EXAM_DAY = date(2027, 3, 15)
VALID = {"exam": "SAA-C03", "exam_date": "2027-03-15", "language": "en", "minutes_per_day": "30"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def make_plan(user, *, exam_date=EXAM_DAY, started=TODAY, minutes=30) -> StudyPlan:
    ReviewSettings.objects.update_or_create(user=user, defaults={"exam_date": exam_date})
    return StudyPlan.objects.create(
        user=user, exam=Exam.objects.get(code="SAA-C03"), minutes_per_day=minutes, started_on=started
    )


def test_without_a_plan_the_dashboard_prompts_and_the_plan_page_is_the_form(client, learner):
    client.force_login(learner)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert 'id="plan-prompt"' in dashboard and reverse("plans:plan") in dashboard
    page = client.get(reverse("plans:plan")).content.decode()
    assert "<h1>Make your study plan</h1>" in page
    assert 'name="exam" value="SAA-C03"' in page and 'name="minutes_per_day" value="30"' in page


def test_making_a_plan_keeps_the_date_in_review_settings_and_the_language_on_the_profile(client, learner):
    client.force_login(learner)
    response = client.post(reverse("plans:edit"), VALID | {"language": "ko"})
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan")
    assert response.cookies["studyapp_language"].value == "ko"
    plan = StudyPlan.objects.get(user=learner)
    assert (plan.exam.code, plan.minutes_per_day, plan.started_on) == ("SAA-C03", 30, TODAY)
    assert ReviewSettings.objects.get(user=learner).exam_date == EXAM_DAY  # one place for the exam date
    assert Profile.objects.get(user=learner).language == "ko"
    page = client.get(reverse("plans:plan")).content.decode()
    assert '<html lang="ko">' in page and "Lambda 기초" in page


def test_changing_the_plan_restarts_it_only_when_something_changed(client, learner):
    make_plan(learner, started=TODAY - timedelta(days=9))
    client.force_login(learner)
    client.post(reverse("plans:edit"), VALID)  # the same answers
    assert StudyPlan.objects.get(user=learner).started_on == TODAY - timedelta(days=9)
    client.post(reverse("plans:edit"), VALID | {"minutes_per_day": "45"})
    assert StudyPlan.objects.get(user=learner).started_on == TODAY


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"exam_date": "2027-01-04"}, "The exam date must be after today."),
        ({"exam_date": "2030-01-01"}, "The exam date must be within two years from today."),
        ({"exam_date": "15/03/2027"}, "Enter the exam date as YYYY-MM-DD."),
        ({"minutes_per_day": "5"}, "Minutes per day must be a whole number from 10 to 480."),
        ({"minutes_per_day": "lots"}, "Minutes per day must be a whole number from 10 to 480."),
        ({"exam": "CLF-C02"}, "Choose one of the exams listed."),
        ({"language": "fr"}, "Choose English or Korean."),
    ],
)
def test_bad_answers_are_refused_precisely_and_change_nothing(client, learner, changes, message):
    client.force_login(learner)
    response = client.post(reverse("plans:edit"), VALID | changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StudyPlan.objects.exists() and not ReviewSettings.objects.exists()
    assert Profile.objects.get(user=learner).language == "en"


def test_the_plan_page_shows_the_weeks_the_mocks_and_what_no_topic_teaches(
    client, learner, django_assert_max_num_queries
):
    make_plan(learner)
    client.force_login(learner)
    # Session and user; plan, review settings, task statements, topics, studied topics, weak task
    # statements, cards due this week, mock exams sat; reviews due and done today. However long the
    # curriculum.
    with django_assert_max_num_queries(11):
        page = client.get(reverse("plans:plan")).content.decode()
    assert "SAA-C03 on March 15, 2027, 30 minutes a day." in page
    assert "Week 1 · January 4 \u2013 January 10" in page and "Week 10 · March 8 \u2013 March 14" in page
    assert page.count('href="/topics/lambda-basics/"') == 2  # today, and its day in week 1
    assert "Diagnostic mock exam" in page and page.count("Final mock exam") == 2
    # The fixture curriculum teaches only 2.1 and 3.2 of SAA-C03: the rest is listed to practise.
    assert "No topic teaches these task statements yet" in page and "1.1 Design secure access" in page


def test_the_dashboard_opens_on_today(client, learner, other_learner, django_assert_max_num_queries):
    make_plan(learner)
    make_plan(other_learner, exam_date=EXAM_DAY + timedelta(days=30))
    client.force_login(learner)
    with django_assert_max_num_queries(17):  # the dashboard's 9 (mock exams, classes) and the plan's 8
        page = client.get(reverse("dashboard")).content.decode()
    assert 'id="today-heading"' in page and "SAA-C03 in 70 days" in page
    assert 'href="/topics/lambda-basics/">Lambda basics</a>' in page
    assert "Diagnostic mock exam" in page and "Jan. 5, 2027 · in 1 day" in page
    assert '<p><a href="/exams/">Mock exams</a></p>' in page  # the next mock exam links to the mock exams
    StudiedTopic.objects.create(user=learner, topic=Topic.objects.get(slug="lambda-basics"))
    page = client.get(reverse("dashboard")).content.decode()
    assert 'class="is-done"' in page and "Done" in page


def test_weak_task_statements_come_from_answers_and_reviews_with_enough_evidence(
    client, learner, other_learner
):
    make_plan(learner)
    weak = [make_question(n, task=("SAA-C03", "3.2")) for n in range(4)]
    for question in weak:
        practise(learner, question, correct=False)
        practise(other_learner, question, correct=True)
    strong = [make_question(10 + n, task=("SAA-C03", "2.1")) for n in range(4)]
    for question in strong[:3]:
        practise(learner, question, correct=True)
    practise(learner, strong[3], correct=False)
    exam = Exam.objects.get(code="SAA-C03")
    weakness = inputs.weakness_by_task(learner, exam.pk, now=NOW)
    assert weakness["3.2"] == 1.0 and weakness["2.1"] == 0.25
    assert inputs.weakness_by_task(other_learner, exam.pk, now=NOW)["3.2"] == 0.0
    three = [make_question(20 + n, task=("SAA-C03", "3.3")) for n in range(3)]
    for question in three:
        practise(learner, question, correct=False)
    assert "3.3" not in inputs.weakness_by_task(learner, exam.pk, now=NOW)  # three is not enough to judge
    client.force_login(learner)
    page = client.get(reverse("plans:plan")).content.decode()
    assert "Your weakest task statements come first" in page and "100% missed" in page
    assert "25% missed" not in page  # below a third: not weak
    # Each weak task statement leads to a quiz on it, and only the weak ones do.
    assert 'href="/practice/?scope=task&amp;task=SAA-C03:3.2" aria-label="Practise 3.2"' in page
    assert "task=SAA-C03:2.1" not in page


def test_a_learner_behind_the_plan_sees_a_new_pace_not_overdue_work(client, learner):
    make_plan(learner, started=TODAY - timedelta(days=20))
    client.force_login(learner)
    page = client.get(reverse("dashboard")).content.decode()
    assert "You are 1 topic behind the plan you made." in page
    assert "the topics left are spread over the days left" in page
    assert "overdue" not in page.lower()
    assert 'href="/topics/lambda-basics/">Lambda basics</a>' in page  # planned for today, not in the past


def test_a_mock_exam_sat_since_the_plan_began_stands_for_the_diagnostic(client, learner):
    make_plan(learner, started=TODAY - timedelta(days=1))
    client.force_login(learner)
    assert "Diagnostic mock exam" in client.get(reverse("dashboard")).content.decode()
    sit_mock(learner, size=5, prefix="drill")  # a short drill does not count
    assert "Diagnostic mock exam" in client.get(reverse("dashboard")).content.decode()
    sit_mock(learner, size=20)
    exam = Exam.objects.get(code="SAA-C03")
    assert inputs.mock_days(learner, exam.pk, since=TODAY - timedelta(days=1)) == [TODAY]
    page = client.get(reverse("dashboard")).content.decode()
    assert "Diagnostic mock exam" not in page and "Checkpoint mock exam" in page


def test_a_cleared_exam_date_asks_for_a_new_one(client, learner):
    make_plan(learner)
    ReviewSettings.objects.filter(user=learner).update(exam_date=None)
    client.force_login(learner)
    assert "Your plan needs an exam date" in client.get(reverse("plans:plan")).content.decode()
    assert "Your study plan needs a new exam date." in client.get(reverse("dashboard")).content.decode()
    ReviewSettings.objects.filter(user=learner).update(exam_date=TODAY)
    assert "Your exam date has come" in client.get(reverse("plans:plan")).content.decode()


def test_a_learner_sees_only_their_own_plan(client, learner, other_learner):
    make_plan(other_learner, minutes=90)
    client.force_login(learner)
    page = client.get(reverse("plans:plan")).content.decode()
    assert "<h1>Make your study plan</h1>" in page and "90" not in page
    client.force_login(other_learner)
    assert "90 minutes a day" in client.get(reverse("plans:plan")).content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", '<span class="today-number">0</span> cards due'),
        ("ko", '<span class="today-number">0</span>장 복습 예정'),
    ],
)
def test_the_cards_due_today_read_as_one_phrase_in_both_languages(client, learner, language, expected):
    """Korean counters attach to their number: the card read "17 장 복습 예정" with a space before 장."""
    make_plan(learner)
    Profile.objects.filter(user=learner).update(language=language)
    client.force_login(learner)
    client.cookies["studyapp_language"] = language
    page = client.get(reverse("dashboard")).content.decode()
    assert expected in page


def test_the_korean_plan_names_task_statements_as_the_rest_of_the_site_does(client, learner):
    """The plan called a task statement 작업 설명 where the topics, the classes and the mock exams say 과제 설명."""
    make_plan(learner)
    for question in [make_question(n, task=("SAA-C03", "3.2")) for n in range(4)]:
        practise(learner, question, correct=False)
    Profile.objects.filter(user=learner).update(language="ko")
    client.force_login(learner)
    client.cookies["studyapp_language"] = "ko"
    page = client.get(reverse("plans:plan")).content.decode()
    assert "가장 약한 과제 설명을 먼저 공부합니다" in page
    assert "작업 설명" not in page
