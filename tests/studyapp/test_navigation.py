"""The main navigation shows each persona where their work is: instructors reach the authoring pages and
their classes from every page; a learner is not offered a "Classes" page they have no use for (a learner
in a class reaches it from the dashboard)."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classes import services as classes
from classes.models import Classroom
from topics.models import Exam

pytestmark = pytest.mark.django_db


def nav_links(response) -> list[str]:
    html = response.content.decode()
    nav = html.split('<nav class="wrap main-nav"', 1)[1].split("</nav>", 1)[0]
    return [part.split('"', 1)[0] for part in nav.split('href="')[1:]]


def test_an_instructor_finds_authoring_and_classes_in_the_navigation(client, instructor):
    client.force_login(instructor)
    for page in ("dashboard", "topics:index", "exams:home"):
        links = nav_links(client.get(reverse(page)))
        assert reverse("authoring:questions") in links, page
        assert reverse("classes:index") in links, page


def test_staff_find_authoring_in_the_navigation_too(client, staff):
    client.force_login(staff)
    assert reverse("authoring:questions") in nav_links(client.get(reverse("dashboard")))


def test_a_learner_is_offered_neither_authoring_nor_an_empty_classes_page(client, learner):
    client.force_login(learner)
    links = nav_links(client.get(reverse("dashboard")))
    assert reverse("authoring:questions") not in links
    assert reverse("classes:index") not in links
    assert reverse("reviews:session") in links and reverse("dashboard") in links


def test_a_learner_in_a_class_reaches_it_from_the_dashboard(client, learner, instructor):
    classroom = classes.create_class(
        instructor=instructor,
        name="Cloud study",
        exam=Exam.objects.get(code="SAA-C03"),
        exam_date=date(2031, 3, 14),
    )
    classes.join_class(user=learner, classroom=Classroom.objects.get(pk=classroom.pk))
    client.force_login(learner)
    response = client.get(reverse("dashboard"))
    assert reverse("classes:index") not in nav_links(response)
    assert f'href="{reverse("classes:index")}"' in response.content.decode()


def test_the_role_is_read_from_the_session_so_the_navigation_costs_no_query(learner, instructor):
    counts = {}
    for user in (learner, instructor):
        client = Client()
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("topics:glossary"))
        counts[user.email] = len(queries)
    assert reverse("authoring:questions") in nav_links(response)  # the instructor's page
    assert counts[learner.email] == counts[instructor.email], counts
