"""Every class URL, for each persona: the class's instructor, another instructor, the member, a learner
outside the class, and anonymous visitors. Strangers get 404 (or the sign-in page) and change nothing."""

import pytest
from django.urls import reverse

from classes.models import Assignment, AssignmentWork, Classroom, Membership
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "login"
PERSONAS = ["owner", "other_instructor", "member", "outsider", "anonymous"]
ONLY_OWNER = {"owner": 200, "other_instructor": 404, "member": 404, "outsider": 404, "anonymous": LOGIN}
OWNER_ACTS = {**ONLY_OWNER, "owner": 302}
ONLY_MEMBER = {"owner": 404, "other_instructor": 404, "member": 200, "outsider": 404, "anonymous": LOGIN}
MEMBER_ACTS = {**ONLY_MEMBER, "member": 302}

# (URL name, kwargs from the fixtures, method, POST data, {persona: expected status})
CASES = [
    ("classes:detail", "class", "get", None, ONLY_OWNER),
    ("classes:edit", "class", "get", None, ONLY_OWNER),
    (
        "classes:edit",
        "class",
        "post",
        {"name": "Renamed", "exam": "SAA", "exam_date": "2031-04-01"},
        OWNER_ACTS,
    ),
    ("classes:regenerate-code", "class", "post", {}, OWNER_ACTS),
    ("classes:member", "member", "get", None, ONLY_OWNER),
    # Removing and leaving ask first (a GET or an unconfirmed POST shows the question) and act once confirmed.
    ("classes:remove-member", "member", "get", None, ONLY_OWNER),
    ("classes:remove-member", "member", "post", {}, ONLY_OWNER),
    ("classes:remove-member", "member", "post", {"confirmed": "1"}, OWNER_ACTS),
    ("classes:assignment-create", "class", "get", None, ONLY_OWNER),
    (
        "classes:assignment-create",
        "class",
        "post",
        {"what": "domain:SAA-C03:2", "size": "5", "due_on": "2031-03-01"},
        OWNER_ACTS,
    ),
    ("classes:assignment", "assignment", "get", None, ONLY_OWNER),
    ("classes:assignment-start", "assignment", "post", {}, MEMBER_ACTS),
    ("classes:membership", "class", "get", None, ONLY_MEMBER),
    ("classes:leave", "class", "get", None, ONLY_MEMBER),
    ("classes:leave", "class", "post", {}, ONLY_MEMBER),
    ("classes:leave", "class", "post", {"confirmed": "1"}, MEMBER_ACTS),
]


@pytest.fixture
def world(classroom, membership, assignment, instructor, other_instructor, learner, other_learner):
    return {
        "personas": {
            "owner": instructor,
            "other_instructor": other_instructor,
            "member": learner,
            "outsider": other_learner,
        },
        "kwargs": {
            "class": {"code": classroom.code},
            "member": {"code": classroom.code, "member": membership.code},
            "assignment": {"code": classroom.code, "assignment": assignment.code},
        },
    }


def snapshot():
    """Everything a refused request must leave as it was."""
    return (
        list(Classroom.objects.values_list("name", "exam_id", "exam_date", "join_code")),
        list(Membership.objects.values_list("pk", flat=True)),
        list(Assignment.objects.values_list("pk", flat=True)),
        AssignmentWork.objects.count(),
    )


def _params():
    for name, kwargs, method, data, expectations in CASES:
        for persona in PERSONAS:
            yield pytest.param(
                name, kwargs, method, data, persona, expectations[persona], id=f"{name}-{method}-{persona}"
            )


@pytest.mark.parametrize(("name", "kwargs", "method", "data", "persona", "expected"), list(_params()))
def test_class_url_answers_each_persona(client, world, name, kwargs, method, data, persona, expected):
    if persona != "anonymous":
        client.force_login(world["personas"][persona])
    if data and "exam" in data:
        from topics.models import Exam

        data = {**data, "exam": Exam.objects.get(code="SAA-C03").pk}
    before = snapshot()
    url = reverse(name, kwargs=world["kwargs"][kwargs])
    response = getattr(client, method)(url, data or {})
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    if expected in (404, LOGIN):
        assert snapshot() == before, "a refused request changed nothing"
    if expected == 404:
        # Nothing of the class leaks into the 404 page.
        page = response.content.decode()
        assert "Cloud cohort" not in page and "alice@example.com" not in page


def test_anonymous_visitors_sign_in_and_come_back_to_the_join_link(client, classroom, other_learner):
    response = client.get(classroom.get_join_url())
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={classroom.get_join_url()}"
    login = client.post(response["Location"], {"login": other_learner.email, "password": PASSWORD})
    assert login["Location"] == classroom.get_join_url()
    assert not Membership.objects.exists(), "signing in does not join: the learner still decides"


def test_a_learner_cannot_create_a_class(client, learner):
    client.force_login(learner)
    assert client.get(reverse("classes:create")).status_code == 403
    response = client.post(reverse("classes:create"), {"name": "Mine", "exam": 1, "exam_date": "2031-01-01"})
    assert response.status_code == 403
    assert not Classroom.objects.exists()


def test_a_member_never_sees_another_members_data(client, classroom, membership, other_learner):
    from classes import services

    other = services.join_class(user=other_learner, classroom=classroom)
    client.force_login(other_learner)
    own = client.get(reverse("classes:membership", args=[classroom.code])).content.decode()
    assert "Cloud cohort" in own and "alice@example.com" not in own
    assert client.get(reverse("classes:member", args=[classroom.code, membership.code])).status_code == 404
    assert client.get(reverse("classes:member", args=[classroom.code, other.code])).status_code == 404
    assert client.get(classroom.get_absolute_url()).status_code == 404


def test_an_instructor_whose_role_is_taken_away_loses_the_class_pages(
    client, classroom, membership, instructor
):
    from django.contrib.auth.models import Group

    from accounts.models import INSTRUCTORS_GROUP

    client.force_login(instructor)
    assert client.get(classroom.get_absolute_url()).status_code == 200
    instructor.groups.remove(Group.objects.get(name=INSTRUCTORS_GROUP))
    client.force_login(instructor)
    for url in (
        classroom.get_absolute_url(),
        reverse("classes:member", args=[classroom.code, membership.code]),
        reverse("classes:assignment-create", args=[classroom.code]),
    ):
        assert client.get(url).status_code == 403


def test_an_empty_post_is_refused_with_messages(client, classroom, instructor):
    client.force_login(instructor)
    for url in (reverse("classes:create"), reverse("classes:assignment-create", args=[classroom.code])):
        response = client.post(url, {})
        assert response.status_code == 400 and "This field is required." in response.content.decode()
