"""Joining with a link (after seeing what the instructor will see), wrong and replaced codes, leaving
and being removed: after either, the instructor sees nothing more of the learner."""

import re

import pytest
from django.urls import reverse

from classes import services
from classes.models import AssignmentWork, Membership
from quizzes.models import PracticeQuiz

pytestmark = pytest.mark.django_db


def figures_html(page: str) -> str:
    """The member's figures block of a page (the same include on both sides)."""
    return re.search(r'<div class="member-figures">.*?<!-- /member-figures -->', page, re.S).group(0)


def test_the_join_page_shows_what_the_instructor_will_see_and_joins_only_on_the_click(
    client, classroom, other_learner
):
    client.force_login(other_learner)
    page = client.get(classroom.get_join_url()).content.decode()
    assert "Join Cloud cohort" in page and "charlie@example.com" in page  # the class and its instructor
    for seen in (
        "your e-mail address and the day you joined",
        "which topics of SAA-C03 you marked as studied",
        "how many of your answers were right",
        "how many of your reviews are due and overdue",
        "your estimated readiness for SAA-C03",
        "whether you have done the class's assignments, and your score on each",
    ):
        assert seen in page
    assert not Membership.objects.exists(), "looking at the link joins nobody"
    response = client.post(classroom.get_join_url())
    assert response["Location"] == reverse("classes:membership", args=[classroom.code])
    assert Membership.objects.get().user == other_learner
    assert "You joined Cloud cohort." in client.get(response["Location"]).content.decode()


def test_the_instructor_sees_a_new_member_on_the_class_page(client, classroom, membership, instructor):
    client.force_login(instructor)
    page = client.get(classroom.get_absolute_url()).content.decode()
    assert "alice@example.com" in page and "1 member" in page


@pytest.mark.parametrize("code", ["wrongcode123", "k7m2p9x4q8r", "x%27%20OR%20%271%27=%271", "%F0%9F%98%80"])
def test_a_wrong_code_says_the_link_does_not_work_and_joins_nobody(client, classroom, other_learner, code):
    client.force_login(other_learner)
    for method in (client.get, client.post):
        response = method(f"/classes/join/{code}/")
        assert response.status_code == 404
        page = response.content.decode()
        assert "This join link does not work" in page
        assert "Ask your instructor for the current join link." in page
        assert "Cloud cohort" not in page
    assert not Membership.objects.exists()


def test_a_replaced_code_stops_the_old_link_and_keeps_the_members(
    client, classroom, membership, other_learner, instructor
):
    old_url = classroom.get_join_url()
    client.force_login(instructor)
    response = client.post(reverse("classes:regenerate-code", args=[classroom.code]), follow=True)
    assert "The class has a new join link. The old one no longer works." in response.content.decode()
    classroom.refresh_from_db()
    assert classroom.get_join_url() != old_url
    assert classroom.get_join_url() in response.content.decode()  # the class page shows the new link

    client.force_login(other_learner)
    old = client.post(old_url)
    assert old.status_code == 404 and "This join link does not work" in old.content.decode()
    assert list(Membership.objects.values_list("user__email", flat=True)) == ["alice@example.com"]
    client.post(classroom.get_join_url())
    assert Membership.objects.filter(user=other_learner, classroom=classroom).exists()


def test_the_instructor_cannot_join_their_own_class(client, classroom, instructor):
    client.force_login(instructor)
    page = client.get(classroom.get_join_url()).content.decode()
    assert "You teach this class" in page and "Join the class</button>" not in page
    assert client.post(classroom.get_join_url()).status_code == 400
    assert not Membership.objects.exists()


def test_joining_twice_keeps_one_membership(client, classroom, membership, learner):
    client.force_login(learner)
    for method in (client.get, client.post):
        response = method(classroom.get_join_url())
        assert response["Location"] == reverse("classes:membership", args=[classroom.code])
    assert Membership.objects.count() == 1
    with pytest.raises(services.AlreadyMember):
        services.join_class(user=learner, classroom=classroom)


def test_the_member_sees_exactly_the_figures_the_instructor_sees(
    client, classroom, membership, learner, instructor
):
    client.force_login(learner)
    own = client.get(reverse("classes:membership", args=[classroom.code])).content.decode()
    client.force_login(instructor)
    seen = client.get(reverse("classes:member", args=[classroom.code, membership.code])).content.decode()
    assert figures_html(own) == figures_html(seen)


def test_leaving_cuts_the_instructors_view_and_the_members_access(
    client, classroom, membership, assignment, learner, instructor
):
    quiz = services.start_assignment(membership=membership, assignment=assignment)
    client.force_login(learner)
    response = client.post(reverse("classes:leave", args=[classroom.code]), {"confirmed": "1"}, follow=True)
    assert (
        "You left Cloud cohort. Its instructor no longer sees anything of yours." in response.content.decode()
    )
    assert client.get(reverse("classes:membership", args=[classroom.code])).status_code == 404
    url = reverse("classes:assignment-start", args=[classroom.code, assignment.code])
    assert client.post(url).status_code == 404
    assert "Cloud cohort" not in client.get(reverse("dashboard")).content.decode()

    client.force_login(instructor)
    for url in (classroom.get_absolute_url(), assignment.get_absolute_url()):
        assert "alice@example.com" not in client.get(url).content.decode()
    member_url = reverse("classes:member", args=[classroom.code, membership.code])
    assert client.get(member_url).status_code == 404
    assert not Membership.objects.exists() and not AssignmentWork.objects.exists()
    assert PracticeQuiz.objects.filter(pk=quiz.pk, user=learner).exists(), (
        "the learner's own quiz stays theirs"
    )


def test_the_instructor_removes_a_member(client, classroom, membership, learner, instructor):
    client.force_login(instructor)
    url = reverse("classes:remove-member", args=[classroom.code, membership.code])
    page = client.post(url, {"confirmed": "1"}, follow=True).content.decode()
    assert "alice@example.com is no longer in the class." in page
    assert "No members yet." in page
    client.force_login(learner)
    assert client.get(reverse("classes:membership", args=[classroom.code])).status_code == 404


@pytest.mark.parametrize(
    ("language", "heading", "kept", "button"),
    [
        ("en", "Leave Cloud cohort?", "You keep your own answers, cards, reviews", "Yes, leave the class"),
        ("ko", "Cloud cohort에서 나갈까요?", "회원님의 답안, 카드, 복습", "네, 반에서 나갑니다"),
    ],
)
def test_leaving_asks_first_and_says_what_the_learner_keeps(
    client, classroom, membership, learner, language, heading, kept, button
):
    client.force_login(learner)
    url = reverse("classes:leave", args=[classroom.code])
    own = client.get(reverse("classes:membership", args=[classroom.code])).content.decode()
    assert f'href="{url}"' in own, "the class page links to the question, it does not act"
    headers = {"Accept-Language": language}
    # Asked by a link (GET) or by a POST without the confirmation (an old form, a stray click): the
    # question, never the act.
    for response in (client.get(url, headers=headers), client.post(url, headers=headers)):
        page = response.content.decode()
        assert response.status_code == 200 and heading in page and kept in page and button in page
        assert "charlie@example.com" in page  # who stops seeing them
        assert 'name="confirmed" value="1"' in page and "csrfmiddlewaretoken" in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(url, {"confirmed": "1"})
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize(
    ("language", "heading", "kept"),
    [
        ("en", "Remove alice@example.com from Cloud cohort?", "They keep their own answers, cards"),
        ("ko", "alice@example.com 님을 Cloud cohort에서 내보낼까요?", "구성원의 답안, 카드"),
    ],
)
def test_removing_a_member_asks_the_instructor_first(
    client, classroom, membership, instructor, language, heading, kept
):
    client.force_login(instructor)
    url = reverse("classes:remove-member", args=[classroom.code, membership.code])
    assert f'href="{url}"' in client.get(classroom.get_absolute_url()).content.decode()
    headers = {"Accept-Language": language}
    for response in (
        client.get(url, headers=headers),
        client.post(url, {"confirmed": "yes"}, headers=headers),
    ):
        page = response.content.decode()
        assert response.status_code == 200 and heading in page and kept in page
        assert 'name="confirmed" value="1"' in page and "csrfmiddlewaretoken" in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_join_pages_read_in_korean(client, classroom, other_learner):
    client.force_login(other_learner)
    korean = {"Accept-Language": "ko"}
    page = client.get(classroom.get_join_url(), headers=korean).content.decode()
    assert "Cloud cohort 참여하기" in page and "강사가 보게 되는 정보" in page
    assert "SAA-C03 예상 합격 가능성" in page and "반에 참여하기</button>" in page
    wrong = client.get("/classes/join/nothing-here/", headers=korean).content.decode()
    assert "이 참여 링크는 작동하지 않습니다" in wrong and "강사에게 현재 참여 링크를 요청하세요." in wrong


def test_the_instructor_edits_the_class_but_not_the_exam_of_its_assignments(client, classroom, instructor):
    from topics.models import Exam

    client.force_login(instructor)
    url = reverse("classes:edit", args=[classroom.code])
    sap = Exam.objects.get(code="SAP-C02")
    response = client.post(url, {"name": "  Cloud   cohort 2 ", "exam": sap.pk, "exam_date": "2031-05-01"})
    assert response["Location"] == classroom.get_absolute_url()
    classroom.refresh_from_db()
    assert (classroom.name, classroom.exam, str(classroom.exam_date)) == ("Cloud cohort 2", sap, "2031-05-01")
    services.assign_practice(classroom=classroom, value="exam:SAP-C02", size=5, due_on=classroom.exam_date)
    saa = Exam.objects.get(code="SAA-C03")
    refused = client.post(url, {"name": "Cloud cohort 2", "exam": saa.pk, "exam_date": "2031-05-01"})
    assert refused.status_code == 400
    assert "The class has assignments from SAP-C02, so its exam stays SAP-C02." in refused.content.decode()
    classroom.refresh_from_db()
    assert classroom.exam == sap


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "   ", "exam_date": "2031-01-01"}, "This field is required."),
        ({"name": "A" * 101, "exam_date": "2031-01-01"}, "Ensure this value has at most 100 characters"),
        ({"name": "Cohort", "exam_date": "2020-01-01"}, "The exam date is in the past."),
        ({"name": "Cohort", "exam_date": "14/03/2031"}, "Enter a valid date."),
    ],
)
def test_a_bad_class_is_refused_with_a_message_and_makes_nothing(client, instructor, data, message):
    from classes.models import Classroom
    from topics.models import Exam

    client.force_login(instructor)
    response = client.post(reverse("classes:create"), {**data, "exam": Exam.objects.get(code="SAA-C03").pk})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Classroom.objects.exists()


def test_the_topics_that_teach_each_task_statement_fold_under_their_count(
    client, classroom, membership, learner
):
    """Every topic of every task statement, listed in full in a fourth column, made the table 18,000 px tall on
    a 390 px phone, the lists themselves off screen to the right of the scrolling table: the learner saw
    only blank space. Each list now folds under "N topics"."""
    client.force_login(learner)
    figures = figures_html(client.get(reverse("classes:membership", args=[classroom.code])).content.decode())
    folds = re.findall(
        r'<details class="task-topics"><summary>(\d+) topics?</summary>(.*?)</details>', figures, re.S
    )
    assert folds, figures
    for count, links in folds:
        assert links.count('<a href="/topics/') == int(count)
    assert 'href="/topics/' not in re.sub(
        r"<details.*?</details>", "", figures.split("member-tasks-heading")[1], flags=re.S
    )
