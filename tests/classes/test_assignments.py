"""Assignments: the instructor sets a practice set from the class's exam with a due date; members (and
only members) see it on their dashboard, start it with one click, and the class sees who did it and
how they scored."""

import re

import pytest
import time_machine
from django.urls import reverse

from classes import services
from classes.models import Assignment, AssignmentWork
from quizzes.models import PracticeQuiz, Question
from quizzes.services import answer_practice_item
from tests.classes.test_class_page import task_questions
from tests.reviews.conftest import make_questions
from topics.models import TaskStatement

pytestmark = pytest.mark.django_db

NEW = "classes:assignment-create"


def answer_all(user, quiz, right: int):
    """Answer the quiz's items, the first `right` of them rightly."""
    for item in quiz.items.select_related("version", "question").order_by("position"):
        choices = item.version.choices
        correct = [c["id"] for c in choices if c["correct"]]
        wrong = [c["id"] for c in choices if not c["correct"]][: item.question.choose]
        picks = correct if item.position <= right else wrong
        answer_practice_item(user=user, code=quiz.code, position=item.position, selected=picks)


def test_the_form_offers_only_the_class_exams_domains_tasks_and_topics(client, classroom, instructor):
    client.force_login(instructor)
    page = client.get(reverse(NEW, args=[classroom.code])).content.decode()
    for value in (
        "exam:SAA-C03",
        "domain:SAA-C03:4",
        "task:SAA-C03:2.1",
        "topic:lambda-basics",
        "topic:placement-groups",
    ):
        assert f'value="{value}"' in page
    assert "SAP-C02" not in re.search(r'<select name="what".*?</select>', page, re.S).group(0)


def test_the_instructor_sets_a_task_statement_practice_set(client, classroom, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse(NEW, args=[classroom.code]), {"what": "task:SAA-C03:3.2", "size": "5", "due_on": "2031-02-01"}
    )
    assert response["Location"] == classroom.get_absolute_url()
    assignment = Assignment.objects.get()
    assert (assignment.scope_kind, assignment.scope_target, assignment.size) == ("task", "SAA-C03:3.2", 5)
    assert assignment.title_en == "SAA-C03 · 3.2 Design high-performing and elastic compute solutions"
    assert assignment.title_ko == "SAA-C03 · 3.2 고성능의 탄력적인 컴퓨팅 솔루션 설계"
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "3.2 Design high-performing and elastic compute solutions" in page and "0 of 0 done" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what": "", "size": "5", "due_on": "2031-02-01"}, "This field is required."),
        ({"what": "task:SAP-C02:1.1", "size": "5", "due_on": "2031-02-01"}, "Select a valid choice."),
        (
            {"what": "task:SAA-C03:1.1", "size": "5", "due_on": "2031-02-01"},
            "There are no questions for this choice yet.",
        ),
        ({"what": "exam:SAA-C03", "size": "31", "due_on": "2031-02-01"}, "Select a valid choice."),
        ({"what": "exam:SAA-C03", "size": "5", "due_on": "2020-01-01"}, "The due date is in the past."),
        ({"what": "exam:SAA-C03", "size": "5", "due_on": "soon"}, "Enter a valid date."),
    ],
)
def test_a_bad_assignment_is_refused_with_a_message_and_sets_nothing(
    client, classroom, instructor, data, message
):
    client.force_login(instructor)
    response = client.post(reverse(NEW, args=[classroom.code]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_scope_outside_the_exam_is_refused_by_the_service(classroom):
    with pytest.raises(services.NotInExam):
        services.assign_practice(
            classroom=classroom, value="domain:SAP-C02:1", size=5, due_on=classroom.exam_date
        )
    with pytest.raises(services.NotInExam):
        services.assign_practice(
            classroom=classroom, value="topic:no-such-topic", size=5, due_on=classroom.exam_date
        )


def test_an_assignment_appears_on_members_dashboards_only(
    client,
    classroom,
    membership,
    assignment,
    learner,
    other_learner,
    instructor,
    django_assert_max_num_queries,
):
    client.force_login(learner)
    with django_assert_max_num_queries(12):  # the dashboard's nine (plan included), three for the classes
        page = client.get(reverse("dashboard")).content.decode()
    card = re.search(r'<section class="card" id="class-assignments">.*?</section>', page, re.S).group(0)
    assert "Mixed · SAA-C03" in card and "Cloud cohort" in card and "not started" in card
    assert reverse("classes:membership", args=[classroom.code]) in card
    for outsider in (other_learner, instructor):
        client.force_login(outsider)
        page = client.get(reverse("dashboard")).content.decode()
        assert "class-assignments" not in page and "Mixed · SAA-C03" not in page


def test_the_member_starts_resumes_and_finishes_the_assignment(
    client, classroom, membership, assignment, learner, instructor
):
    client.force_login(learner)
    url = reverse("classes:assignment-start", args=[classroom.code, assignment.code])
    first = client.post(url)
    quiz = PracticeQuiz.objects.get(user=learner)
    assert first["Location"] == quiz.get_absolute_url() and quiz.size == 3
    assert client.post(url)["Location"] == quiz.get_absolute_url(), "a second click resumes the same quiz"
    assert PracticeQuiz.objects.count() == 1 and AssignmentWork.objects.count() == 1

    answer_all(learner, quiz, right=2)
    mine = client.get(reverse("classes:membership", args=[classroom.code])).content.decode()
    assert "done · 2 / 3 (67%)" in mine
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Nothing to do for your classes right now." in dashboard, "done: off the dashboard's to-do"

    client.force_login(instructor)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert re.search(r"alice@example.com</a></th>\s*<td>.*done · 2 / 3 \(67%\)", page, re.S)
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "1 of 1 done" in page and "average score 67%" in page


def test_the_class_sees_who_has_not_started_and_who_is_late(
    client, classroom, membership, assignment, other_learner, instructor
):
    services.join_class(user=other_learner, classroom=classroom)
    with time_machine.travel("2031-03-20 10:00 +0900", tick=False):  # after the due date
        quiz = services.start_assignment(membership=membership, assignment=assignment)
        answer_all(membership.user, quiz, right=3)
        client.force_login(instructor)
        page = client.get(assignment.get_absolute_url()).content.decode()
    alice = re.search(r"alice@example.com</a></th>(.*?)</tr>", page, re.S).group(1)
    bob = re.search(r"bob@example.com</a></th>(.*?)</tr>", page, re.S).group(1)
    assert "done · 3 / 3 (100%)" in alice and "late" in alice
    assert "not started" in bob and "overdue" in bob


def test_a_task_statement_assignment_draws_only_that_tasks_questions(classroom, membership):
    assignment = services.assign_practice(
        classroom=classroom, value="task:SAA-C03:3.2", size=10, due_on=classroom.exam_date
    )
    quiz = services.start_assignment(membership=membership, assignment=assignment)
    codes = set(quiz.items.values_list("question__tasks__code", flat=True))
    assert quiz.size == 3 and "3.2" in codes  # the fixture's three questions of task 3.2, no other
    assert all(item.question.tasks.filter(code="3.2").exists() for item in quiz.items.all())


def test_a_member_of_another_class_cannot_start_this_classs_assignment(
    client, classroom, assignment, instructor, other_learner
):
    other_class = services.create_class(
        instructor=instructor, name="Other", exam=classroom.exam, exam_date=classroom.exam_date
    )
    services.join_class(user=other_learner, classroom=other_class)
    client.force_login(other_learner)
    url = reverse("classes:assignment-start", args=[other_class.code, assignment.code])
    assert client.post(url).status_code == 404
    assert not PracticeQuiz.objects.exists()


def test_a_task_statement_set_started_by_a_member_is_a_quiz_of_that_task_statement(
    client, classroom, membership, learner, instructor
):
    task = TaskStatement.objects.get(domain__exam__code="SAA-C03", code="2.1")
    task_questions(6)
    others = make_questions(6, domain=("SAA-C03", task.domain.number))  # same domain, other tasks
    client.force_login(instructor)
    client.post(
        reverse(NEW, args=[classroom.code]),
        {"what": "task:SAA-C03:2.1", "size": "10", "due_on": "2031-02-01"},
    )
    assignment = Assignment.objects.get()
    client.force_login(learner)
    page = client.post(
        reverse("classes:assignment-start", args=[classroom.code, assignment.code]), follow=True
    ).content.decode()
    quiz = PracticeQuiz.objects.get(user=learner)
    assert quiz.items.count() == Question.objects.published().filter(tasks=task).count()
    assert not quiz.items.filter(question__in=others).exists()
    assert all(item.question.tasks.filter(pk=task.pk).exists() for item in quiz.items.all())
    # The quiz is recorded as the task statement's, not its domain's, and says so in both languages.
    assert (quiz.scope, quiz.target) == ("task", "SAA-C03:2.1")
    assert quiz.title_en == "SAA-C03 · 2.1 Design scalable and loosely coupled architectures"
    assert quiz.title_ko == "SAA-C03 · 2.1 확장 가능하고 느슨하게 결합된 아키텍처 설계"
    assert quiz.title_en in page
    korean = client.get(quiz.get_absolute_url(), headers={"Accept-Language": "ko"}, follow=True)
    korean = korean.content.decode()
    assert quiz.title_ko in korean
