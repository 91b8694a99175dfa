"""The class page: members' figures and the class's, per exam domain and task statement, the weakest
task statements with the topics that teach them, charts legible in Korean, and a query count that
does not grow with the class."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes import progress, services
from reviews import stats
from reviews.models import ReviewSettings
from tests.conftest import make_user
from tests.reviews.conftest import make_card, make_questions, practise
from topics.models import StudiedTopic, TaskStatement, Topic

pytestmark = pytest.mark.django_db


def task_questions(count, code="2.1"):
    """Published SAA-C03 questions of task statement `code` (which lambda-basics teaches)."""
    task = TaskStatement.objects.get(domain__exam__code="SAA-C03", code=code)
    questions = make_questions(count, domain=("SAA-C03", task.domain.number))
    for question in questions:
        question.tasks.add(task)
    return questions


def practise_all(user, questions, right: int):
    for index, question in enumerate(questions):
        practise(user, question, correct=index < right)


@pytest.fixture
def busy_class(classroom, membership, learner, other_learner):
    """Alice studied Lambda basics and got 1 of 4 task 2.1 questions right; Bob got 2 of 2 right.
    Alice also has a review card due since yesterday."""
    services.join_class(user=other_learner, classroom=classroom)
    StudiedTopic.objects.create(user=learner, topic=Topic.objects.get(slug="lambda-basics"))
    questions = task_questions(4)
    practise_all(learner, questions, right=1)
    practise_all(other_learner, questions[:2], right=2)
    make_card(learner, make_questions(1, domain=("SAA-C03", 1))[0])  # due yesterday: overdue
    return classroom


def cells(row_html: str) -> list[str]:
    """The text of each <td> of a table row, tags dropped and spaces collapsed."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)
    ]


def member_row(page: str, email: str) -> list[str]:
    row = re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{re.escape(email)}</a></th>(.*?)</tr>", page, re.S)
    return cells(row.group(1))


def test_the_class_page_shows_each_members_figures(client, busy_class, instructor, learner, other_learner):
    client.force_login(instructor)
    page = client.get(busy_class.get_absolute_url()).content.decode()
    now = timezone.now()
    alice, bob = member_row(page, learner.email), member_row(page, other_learner.email)
    assert alice[0] == "1 / 2"  # Lambda basics of the two SAA-C03 topics
    assert alice[1] == "25% (1 / 4)" and bob[1] == "100% (2 / 2)"
    # Due and overdue as the learner's own dashboard counts them (wrong answers come back within minutes).
    assert alice[2] == str(stats.today(learner, now)["due"]) and alice[3] == "1"
    assert bob[3] == "0"
    # Readiness: the progress page's estimate for the class's exam.
    own = {p.exam.code: p for p in stats.exams_progress(learner, ReviewSettings.for_user(learner), now)}
    chance = own["SAA-C03"].readiness.probability
    assert alice[4] == ("< 1%" if 0 < chance < 0.005 else f"{round(100 * chance)}%")


def test_the_readiness_is_the_progress_pages_estimate(busy_class, learner, other_learner):
    now = timezone.now()
    report = progress.build(busy_class.exam, [learner.pk, other_learner.pk], now)
    for user in (learner, other_learner):
        own = {p.exam.code: p for p in stats.exams_progress(user, ReviewSettings.for_user(user), now)}
        assert report.members[user.pk].readiness.probability == pytest.approx(
            own["SAA-C03"].readiness.probability
        )
        ours, theirs = report.members[user.pk].readiness.domains, own["SAA-C03"].readiness.domains
        assert [n for n, _p in ours] == [n for n, _p in theirs]
        assert [p for _n, p in ours] == pytest.approx([p for _n, p in theirs])


def test_the_class_page_names_the_weakest_task_statements_with_their_topics(client, busy_class, instructor):
    client.force_login(instructor)
    page = client.get(busy_class.get_absolute_url()).content.decode()
    weakest = re.search(r'<ol class="weak-list">(.*?)</ol>', page, re.S).group(1)
    assert "2.1 Design scalable and loosely coupled architectures" in weakest
    assert "50% (3 / 6)" in weakest  # the class: 1 of 4 plus 2 of 2
    assert 'href="/topics/lambda-basics/"' in weakest
    # The task table: Lambda basics teaches 2.1, and one member of two studied it.
    row = re.search(
        r"2\.1 Design scalable and loosely coupled architectures</th>(.*?)</tr>", page, re.S
    ).group(1)
    assert cells(row)[:2] == ["1", "50%"]


def test_a_task_statement_needs_enough_answers_to_rank_as_weak(
    client, classroom, membership, learner, instructor
):
    practise_all(learner, task_questions(progress.MIN_ANSWERS - 1), right=0)
    client.force_login(instructor)
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "Not enough answers yet" in page and 'class="weak-list"' not in page


def test_the_class_page_query_count_does_not_grow_with_the_class(
    client, classroom, membership, learner, instructor
):
    questions = task_questions(3)
    client.force_login(instructor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(classroom.get_absolute_url()).status_code == 200
        return len(queries)

    practise_all(learner, questions, right=2)
    services.assign_practice(
        classroom=classroom, value="task:SAA-C03:2.1", size=3, due_on=classroom.exam_date
    )
    small = count()
    for n in range(6):
        user = make_user(f"member{n}@example.com")
        services.join_class(user=user, classroom=classroom)
        practise_all(user, questions, right=n % 3)
        StudiedTopic.objects.create(user=user, topic=Topic.objects.get(slug="placement-groups"))
    assert count() == small
    # Session, user, the class, the instructor's role (two), members, the report's fifteen, assignments
    # and their work.
    assert small <= 23


def test_the_member_page_query_count_is_fixed(
    client, busy_class, membership, instructor, django_assert_max_num_queries
):
    client.force_login(instructor)
    # Session, user, the class, the instructor's role (two), the member, the report's fifteen, the
    # assignments and their work.
    with django_assert_max_num_queries(23):
        client.get(reverse("classes:member", args=[busy_class.code, membership.code]))


def test_the_class_page_reads_in_korean(client, busy_class, instructor):
    client.force_login(instructor)
    page = client.get(busy_class.get_absolute_url(), headers={"Accept-Language": "ko"}).content.decode()
    svgs = re.findall(r'<svg class="chart.*?</svg>', page, flags=re.S)
    assert len(svgs) == 3
    assert "영역별 학습한 주제: SAA-C03" in svgs[0] and "1. 보안 아키텍처 설계" in svgs[0]
    assert "영역별 정답: SAA-C03" in svgs[1]
    assert "구성원별 예상 합격 가능성" in svgs[2] and "alice@example.com" in svgs[2]
    assert "2.1 확장 가능하고 느슨하게 결합된 아키텍처 설계" in page
    assert "구성원" in page and "숙제" in page


def test_the_member_page_lists_their_tasks_with_the_topics_that_teach_them(
    client, busy_class, membership, instructor
):
    client.force_login(instructor)
    page = client.get(reverse("classes:member", args=[busy_class.code, membership.code])).content.decode()
    row = re.search(
        r"2\.1 Design scalable and loosely coupled architectures</th>(.*?)</tr>", page, re.S
    ).group(1)
    assert cells(row) == ["1 / 1", "25% (1 / 4)", "1 topic Lambda basics"]
    assert "bob@example.com" not in page
