"""Every URL answers each persona as it should, and every page has exactly one <h1>.

The expectations are checked against the URL configuration itself (`get_resolver()`): a named URL
without an EXPECTED entry, an unnamed route outside UNNAMED and the admin, or an entry that leaves a
persona out, fails. POSTs are checked too: a stranger's POST with the learner's object codes is refused
the way the GET is, and changes nothing the learner owns.
"""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.attack import owned_rows, routes
from tests.conftest import PERSONAS

OK, LOGIN, REDIRECT, NOT_ALLOWED = 200, "login", 302, 405

# name -> (kwargs, {persona: expected}); "login" means a redirect to the sign-in page.
SIGNED_IN = {"learner": OK, "other_learner": OK, "instructor": OK, "staff": OK}
ANYONE = {"anonymous": OK, **SIGNED_IN}
GUESTS_ONLY = {"anonymous": OK, **dict.fromkeys(SIGNED_IN, REDIRECT)}
MEMBERS = {"anonymous": LOGIN, **SIGNED_IN}
OWNER_ONLY = {"anonymous": LOGIN, "learner": OK, "other_learner": 404, "instructor": 404, "staff": 404}
OWNER_ONLY_REDIRECT = {**OWNER_ONLY, "learner": REDIRECT}
QUIZ_CODE = "8f1c2d3e-0000-4000-8000-00000000abcd"
CARD_CODE = "8f1c2d3e-0000-4000-8000-00000000c0de"
REVIEW_CODE = "8f1c2d3e-0000-4000-8000-0000000010c0"
NEW_QUESTION_CODE = "8f1c2d3e-0000-4000-8000-00000000e11e"
EXAM_CODE = "8f1c2d3e-0000-4000-8000-0000000e4a11"
DONE_EXAM_CODE = "8f1c2d3e-0000-4000-8000-0000000d0e11"
BANK_QUESTION_CODE = "8f1c2d3e-0000-4000-8000-0000000ba11c"
REPORT_CODE = "8f1c2d3e-0000-4000-8000-0000000e0e0e"
CUSTOM_BLUEPRINT = "drill"  # the custom blueprint learners_exams makes
POST_ONLY = {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)}
# Authoring: instructors and staff only; learners get 403, anonymous visitors are sent to sign in.
INSTRUCTORS = {"anonymous": LOGIN, "learner": 403, "other_learner": 403, "instructor": OK, "staff": OK}
INSTRUCTORS_POST = {**INSTRUCTORS, "instructor": NOT_ALLOWED, "staff": NOT_ALLOWED}
# The instructor persona's class, with the learner persona as its member; staff are another instructor.
CLASS_CODE = "8f1c2d3e-0000-4000-8000-0000000c1a55"
MEMBER_CODE = "8f1c2d3e-0000-4000-8000-0000000ae0be"
ASSIGNMENT_CODE = "8f1c2d3e-0000-4000-8000-0000000a551e"
JOIN_CODE = "k7m2p9x4q8r3"
CLASS_INSTRUCTOR = {"anonymous": LOGIN, "learner": 404, "other_learner": 404, "instructor": OK, "staff": 404}
CLASS = {"code": CLASS_CODE}

EXPECTED = {
    "home": ({}, ANYONE),
    "dashboard": ({}, MEMBERS),
    "healthz": ({}, ANYONE),
    "accounts:set-language": ({}, dict.fromkeys(PERSONAS, NOT_ALLOWED)),  # POST only
    "topics:index": ({}, ANYONE),
    "topics:topic-detail": ({"slug": "lambda-basics"}, ANYONE),
    "topics:topic-studied": (
        {"slug": "lambda-basics"},
        {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)},
    ),
    "topics:case-index": ({}, ANYONE),
    "topics:case-detail": ({"slug": "tiny-api"}, ANYONE),
    "topics:case-diagram": ({"slug": "tiny-api"}, ANYONE),
    "topics:glossary": ({}, ANYONE),
    "topics:facts": ({}, ANYONE),
    "topics:search": ({}, ANYONE),
    "quizzes:practice-home": ({}, MEMBERS),
    "quizzes:practice-start": ({}, {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, NOT_ALLOWED)}),
    # The learner's own quiz: everyone else gets a 404, anonymous visitors are sent to sign in.
    "quizzes:practice-quiz": ({"code": QUIZ_CODE}, OWNER_ONLY_REDIRECT),
    "quizzes:practice-item": ({"code": QUIZ_CODE, "position": 1}, OWNER_ONLY),
    "quizzes:practice-summary": ({"code": QUIZ_CODE}, OWNER_ONLY),
    "exams:home": ({}, MEMBERS),
    "exams:start": ({}, POST_ONLY),
    "exams:history": ({}, MEMBERS),
    # The learner's running attempt (question 1 is where they are) and a submitted one.
    "exams:attempt": ({"code": EXAM_CODE}, OWNER_ONLY_REDIRECT),
    "exams:question": ({"code": EXAM_CODE, "position": 1}, OWNER_ONLY),
    "exams:answer": ({"code": EXAM_CODE, "position": 1}, POST_ONLY),
    "exams:summary": ({"code": EXAM_CODE}, OWNER_ONLY),
    "exams:submit": ({"code": EXAM_CODE}, OWNER_ONLY),  # GET asks for confirmation
    "exams:result": ({"code": DONE_EXAM_CODE}, OWNER_ONLY),
    "exams:review": ({"code": DONE_EXAM_CODE}, OWNER_ONLY),
    "exams:retake": ({"code": DONE_EXAM_CODE}, POST_ONLY),
    # Any published question: every signed-in learner may report a problem with it.
    "quizzes:report-problem": ({"code": BANK_QUESTION_CODE}, MEMBERS),
    "reviews:session": ({}, MEMBERS),
    # The learner's own card and review: everyone else gets a 404.
    "reviews:card": ({"code": CARD_CODE}, OWNER_ONLY),
    "reviews:reviewed": ({"code": REVIEW_CODE}, OWNER_ONLY),
    # A published question nobody has met yet, offered as a new card.
    "reviews:new": ({"code": NEW_QUESTION_CODE}, MEMBERS),
    "reviews:restore": ({"code": CARD_CODE}, POST_ONLY),
    "reviews:rate": ({"code": REVIEW_CODE}, POST_ONLY),
    "reviews:undo": ({}, POST_ONLY),
    # The rating box of the learner's answer to their quiz's first question.
    "reviews:practice-rating": ({"code": QUIZ_CODE, "position": 1}, OWNER_ONLY),
    "reviews:progress": ({}, MEMBERS),
    "reviews:export": ({}, MEMBERS),
    "reviews:settings": ({}, MEMBERS),
    "reviews:optimise": ({}, POST_ONLY),
    "authoring:questions": ({}, INSTRUCTORS),
    "authoring:bulk": ({}, INSTRUCTORS_POST),
    "authoring:question-new": ({}, INSTRUCTORS),
    # Any question in the bank: the first fixture question gets this code.
    "authoring:question-edit": ({"code": BANK_QUESTION_CODE}, INSTRUCTORS),
    "authoring:question-preview": ({"code": BANK_QUESTION_CODE}, INSTRUCTORS),
    "authoring:question-history": ({"code": BANK_QUESTION_CODE}, INSTRUCTORS),
    "authoring:import": ({}, INSTRUCTORS),
    "authoring:export": ({}, INSTRUCTORS),
    "authoring:reports": ({}, INSTRUCTORS),
    "exams:blueprints": ({}, INSTRUCTORS),
    "exams:blueprint-new": ({}, INSTRUCTORS),
    "exams:blueprint-edit": ({"slug": CUSTOM_BLUEPRINT}, INSTRUCTORS),
    "exams:statistics": ({}, INSTRUCTORS),
    "exams:statistics-refresh": ({}, INSTRUCTORS_POST),
    "exams:question-statistics": ({"code": BANK_QUESTION_CODE}, INSTRUCTORS),
    "authoring:report-resolve": ({"code": REPORT_CODE}, INSTRUCTORS_POST),
    # The learner's own plan (or, without one, the form that makes it), data and account: no ids in the
    # URLs, so every signed-in persona sees their own.
    "plans:plan": ({}, MEMBERS),
    "plans:edit": ({}, MEMBERS),
    "plans:data": ({}, MEMBERS),
    "plans:export-csv": ({}, MEMBERS),
    "plans:export-anki": ({}, MEMBERS),
    "plans:delete-account": ({}, MEMBERS),
    "classes:index": ({}, MEMBERS),
    "classes:create": ({}, INSTRUCTORS),
    # The join page: the member is sent to their class page, the instructor told it is their own class.
    "classes:join": ({"join_code": JOIN_CODE}, {**MEMBERS, "learner": REDIRECT}),
    "classes:detail": (CLASS, CLASS_INSTRUCTOR),
    "classes:edit": (CLASS, CLASS_INSTRUCTOR),
    "classes:regenerate-code": (CLASS, POST_ONLY),
    "classes:member": ({**CLASS, "member": MEMBER_CODE}, CLASS_INSTRUCTOR),
    # Removing a member and leaving: the GET asks first; the confirmed POST acts.
    "classes:remove-member": ({**CLASS, "member": MEMBER_CODE}, CLASS_INSTRUCTOR),
    "classes:assignment-create": (CLASS, CLASS_INSTRUCTOR),
    "classes:assignment": ({**CLASS, "assignment": ASSIGNMENT_CODE}, CLASS_INSTRUCTOR),
    "classes:assignment-start": ({**CLASS, "assignment": ASSIGNMENT_CODE}, POST_ONLY),
    "classes:membership": (CLASS, OWNER_ONLY),
    "classes:leave": (CLASS, OWNER_ONLY),
    "account_login": ({}, GUESTS_ONLY),
    "account_signup": ({}, GUESTS_ONLY),
    "account_logout": ({}, {"anonymous": REDIRECT, **SIGNED_IN}),
    "account_inactive": ({}, ANYONE),
    "account_reauthenticate": ({}, MEMBERS),
    "account_email": ({}, MEMBERS),
    "account_email_verification_sent": ({}, ANYONE),
    "account_change_password": ({}, MEMBERS),
    "account_set_password": ({}, {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, REDIRECT)}),
    "account_reset_password": ({}, ANYONE),
    "account_reset_password_done": ({}, ANYONE),
    "account_reset_password_from_key_done": ({}, ANYONE),
    # Login by code is off: the page sends everyone back to the sign-in page.
    "account_confirm_login_code": ({}, dict.fromkeys(PERSONAS, REDIRECT)),
    # A made-up key shows the "expired or invalid link" page rather than an error.
    "account_confirm_email": ({"key": "made-up-key"}, ANYONE),
    "account_reset_password_from_key": ({"uidb36": "zz", "key": "made-up"}, ANYONE),
}
ADMIN_INDEX = {
    "anonymous": REDIRECT,
    "learner": REDIRECT,
    "other_learner": REDIRECT,
    "instructor": REDIRECT,
    "staff": OK,
}


# Routes without a name: the path and what each persona gets.
UNNAMED = {
    # The admin's sign-in goes through the site's rate-limited one (studyapp.views.admin_login).
    "admin/login/": {
        "anonymous": LOGIN,
        "learner": 403,
        "other_learner": 403,
        "instructor": 403,
        "staff": REDIRECT,
    },
}
# What a stranger's POST gets where the GET alone cannot say (the view takes only POSTs). Entries
# are optional: without one, a POST must be refused as the GET is wherever the GET refuses.
POST_EXPECTED = {
    "reviews:restore": {"anonymous": LOGIN, "other_learner": 404, "instructor": 404, "staff": 404},
    "reviews:rate": {"anonymous": LOGIN, "other_learner": 404, "instructor": 404, "staff": 404},
    "exams:answer": {"anonymous": LOGIN, "other_learner": 404, "instructor": 404, "staff": 404},
    "exams:retake": {"anonymous": LOGIN, "other_learner": 404, "instructor": 404, "staff": 404},
    # The instructor's class: another learner, a member or staff get a 404 for its POSTs.
    "classes:regenerate-code": {"anonymous": LOGIN, "other_learner": 404, "staff": 404},
    "classes:remove-member": {"anonymous": LOGIN, "other_learner": 404, "staff": 404},
    # The learner's membership: only the member starts its assignments or leaves.
    "classes:assignment-start": {"anonymous": LOGIN, "other_learner": 404, "instructor": 404, "staff": 404},
    "classes:leave": {"anonymous": LOGIN, "other_learner": 404, "instructor": 404, "staff": 404},
}
# (persona, owner) pairs where the persona's POST may change what the owner owns, on purpose.
CHANGES_ALLOWED = {
    # Anyone with the join code joins the instructor's class (its member list changes).
    "classes:join": {("other_learner", "instructor"), ("staff", "instructor")},
    # The class's instructor removes the learner from it.
    "classes:remove-member": {("instructor", "learner")},
}
# Form data that the owner's own POST accepts, so the stranger's POST is refused for who they are,
# not for a missing field. The owner's POST is checked to succeed with it.
POST_DATA = {
    "reviews:rate": {"rating": "4"},
    "reviews:restore": {},
    "quizzes:practice-item": {"choice": "__first_choices__"},
    "topics:topic-studied": {"studied": "1"},
    "exams:answer": {"answering": "1", "choice": "1", "flag": "1"},
    "exams:submit": {},
    "exams:retake": {},
    "classes:leave": {"confirmed": "1"},
}


def named_urls(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from named_urls(pattern, full)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_named_url_has_an_expectation():
    names = {name for name in named_urls() if not name.startswith("admin:")}
    assert names - EXPECTED.keys() == set(), "add the new URLs to EXPECTED"
    assert EXPECTED.keys() - names == set(), "EXPECTED lists URLs that no longer exist"


def test_every_route_has_an_expectation():
    """Also unnamed routes: a path added without a name must be listed in UNNAMED."""
    uncovered = [
        r.route
        for r in routes()
        if r.name not in EXPECTED and r.route not in UNNAMED and not r.route.startswith("admin/")
    ]
    assert uncovered == [], "add these routes to EXPECTED (name them) or to UNNAMED"
    assert UNNAMED.keys() <= {r.route for r in routes()}, "UNNAMED lists routes that no longer exist"


def test_every_expectation_names_every_persona():
    for name, (_kwargs, expectations) in EXPECTED.items():
        assert set(expectations) == set(PERSONAS), f"{name}: give every persona an expected status"


def _cases():
    for name, (kwargs, expectations) in EXPECTED.items():
        for persona, expected in expectations.items():
            yield pytest.param(name, kwargs, persona, expected, id=f"{name}-{persona}")
    for persona, expected in ADMIN_INDEX.items():
        yield pytest.param("admin:index", {}, persona, expected, id=f"admin:index-{persona}")


@pytest.fixture
def learners_quiz(learner):
    from quizzes.models import PracticeQuiz
    from quizzes.services import Scope, start_practice

    quiz = start_practice(user=learner, scope=Scope("mixed", "", "Mixed", "종합"), size=3)
    PracticeQuiz.objects.filter(pk=quiz.pk).update(code=QUIZ_CODE)


@pytest.fixture
def learners_card(learners_quiz, learner):
    """The learner answered their quiz's first question and reviewed another (a card and its review);
    a third question is still new."""
    from quizzes.models import PracticeItem, ProblemReport, Question
    from quizzes.services import answer_practice_item
    from reviews.models import Card, ReviewLog
    from reviews.services import answer_new

    item = PracticeItem.objects.select_related("version").get(quiz__code=QUIZ_CODE, position=1)
    answer_practice_item(
        user=learner,
        code=QUIZ_CODE,
        position=1,
        selected=[c["id"] for c in item.version.choices][: item.question.choose],
    )
    first, second = (
        Question.objects.filter(status="published")
        .exclude(pk=item.question_id)
        .select_related("current_version")[:2]
    )
    right = [c["id"] for c in first.current_version.choices if c["correct"]]
    result = answer_new(user=learner, question=first, selected=right)
    Card.objects.filter(pk=result.card.pk).update(code=CARD_CODE)
    ReviewLog.objects.filter(pk=result.log.pk).update(code=REVIEW_CODE)
    Question.objects.filter(pk=second.pk).update(code=NEW_QUESTION_CODE)
    third = Question.objects.exclude(code__in=[NEW_QUESTION_CODE]).exclude(
        pk__in=[first.pk, item.question_id]
    )
    third = third.order_by("pk").first()
    Question.objects.filter(pk=third.pk).update(code=BANK_QUESTION_CODE)
    # A learner's problem report on it, open in the instructors' queue.
    ProblemReport.objects.create(
        code=REPORT_CODE,
        user=learner,
        question=third,
        version=third.current_version,
        kind="unclear",
        language="en",
    )


@pytest.fixture
def learners_class(learner, instructor):
    """The instructor's class, its member (the learner) and a practice assignment, with known codes."""
    from classes import services
    from classes.models import Assignment, Classroom, Membership
    from topics.models import Exam

    classroom = services.create_class(
        instructor=instructor,
        name="Cloud cohort",
        exam=Exam.objects.get(code="SAA-C03"),
        exam_date="2031-03-14",
    )
    membership = services.join_class(user=learner, classroom=classroom)
    assignment = services.assign_practice(
        classroom=classroom, value="exam:SAA-C03", size=3, due_on=classroom.exam_date
    )
    Classroom.objects.filter(pk=classroom.pk).update(code=CLASS_CODE, join_code=JOIN_CODE)
    Membership.objects.filter(pk=membership.pk).update(code=MEMBER_CODE)
    Assignment.objects.filter(pk=assignment.pk).update(code=ASSIGNMENT_CODE)


@pytest.fixture
def learners_exams(learner):
    """A submitted five-question mock exam and a running one (the learner is on question 1)."""
    from exams import services
    from exams.models import Attempt, Blueprint
    from tests.exams.factory import make_bank
    from topics.models import Exam

    make_bank("SAA-C03", singles=4, multiples=2)
    drill = Blueprint.objects.create(
        slug="drill", exam=Exam.objects.get(code="SAA-C03"), title_en="Drill", title_ko="연습",
        questions=5, minutes=20, pass_scaled=720, multiple_percent=20,
    )  # fmt: skip
    done = services.start(user=learner, blueprint=drill)
    services.submit(attempt=done)
    running = services.start(user=learner, blueprint=drill)
    Attempt.objects.filter(pk=done.pk).update(code=DONE_EXAM_CODE)
    Attempt.objects.filter(pk=running.pk).update(code=EXAM_CODE)
    from exams.statistics import refresh

    refresh()  # the item statistics of the submitted one


def assert_answers(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("name", "kwargs", "persona", "expected"), list(_cases()))
def test_named_url_answers_persona(
    persona_client,
    learners_quiz,
    learners_card,
    learners_exams,
    learners_class,
    name,
    kwargs,
    persona,
    expected,
):
    client = persona_client(persona)
    response = client.get(reverse(name, kwargs=kwargs))
    assert_answers(response, expected)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, "a page has exactly one <h1>"
        # Every <script> loads a file (src=...) or is a JSON data block that never runs: no inline code,
        # whatever its attributes (nonce=...).
        inline = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and 'type="application/json"' not in tag
        ]
        assert inline == [] and 'style="' not in html, "no inline scripts or styles (strict CSP)"


@pytest.mark.parametrize(
    ("route", "persona", "expected"),
    [(route, persona, status) for route, personas in UNNAMED.items() for persona, status in personas.items()],
)
def test_unnamed_route_answers_persona(persona_client, route, persona, expected):
    assert_answers(persona_client(persona).get("/" + route), expected)


ADMIN_ROUTES = [r for r in routes() if r.route.startswith("admin/") and r.route not in UNNAMED]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "staff"])
def test_no_admin_page_opens_for_anyone_but_staff(persona_client, learner, persona):
    """Every admin route (model lists, change forms of the learner's own user, the catch-all), GET and
    POST: the admin's sign-in for anyone who is not staff, never the page."""
    client = persona_client(persona)
    before = owned_rows(learner)
    for route in ADMIN_ROUTES:
        path = route.sample_path.replace("/1/", f"/{learner.pk}/")
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (route.route, method.__name__, response.status_code)
            # The admin's logout sends a non-staff visitor to the admin index, which then asks to sign in.
            assert response["Location"].startswith((reverse("admin:login"), reverse("admin:index"))), (
                route.route
            )
    assert owned_rows(learner) == before


def _post_expectations(name) -> dict:
    """What each persona's POST must get: POST_EXPECTED's word, else the GET's where the GET refuses
    (sign-in, 403, 404), else None (only "nothing of the learner's changes"). The learner is the
    owner: only a refusal the GET gives them too (an instructor page's 403) applies to them."""
    _kwargs, expectations = EXPECTED[name]
    result = {}
    for persona, expected in expectations.items():
        if name in POST_EXPECTED:
            expected = POST_EXPECTED[name].get(persona)
        elif expected not in (LOGIN, 403, 404):
            expected = None
        if persona != "learner" or expected == 403:
            result[persona] = expected
    return result


# URLs that name an object, and those whose GET refuses someone: where a POST could reach what a
# stranger must not (others would only change the sender's own data).
POST_CASES = [
    name
    for name, (kwargs, expectations) in EXPECTED.items()
    if kwargs or name in POST_EXPECTED or 403 in expectations.values()
]


def _post_data(name, client_user_quiz=QUIZ_CODE):
    data = dict(POST_DATA.get(name, {}))
    if data.get("choice") == "__first_choices__":
        from quizzes.models import PracticeItem

        item = PracticeItem.objects.select_related("version", "question").get(
            quiz__code=client_user_quiz, position=1
        )
        data["choice"] = [c["id"] for c in item.version.choices][: item.question.choose]
    return data


@pytest.fixture
def unanswered_first_item(learners_card, learners_exams, learners_class):
    """The quiz's first question unanswered again and the card a suspended leech, so a POST answering
    the question or restoring the card is one the owner could make."""
    from quizzes.models import Answer
    from reviews.models import Card

    Answer.objects.filter(practice_item__quiz__code=QUIZ_CODE, practice_item__position=1).delete()
    Card.objects.filter(code=CARD_CODE).update(leech=True, suspended=True)


@pytest.mark.parametrize("name", POST_CASES)
def test_a_strangers_post_is_refused_and_changes_nothing_of_the_learners(
    request, learner, instructor, unanswered_first_item, name
):
    """One test per URL with every persona in turn (the fixtures are costly to build per persona). What
    the learner owns (quiz, cards, exams, membership) and what the instructor owns (the class) stays as
    it was, unless the persona who posted is that owner."""
    path = reverse(name, kwargs=EXPECTED[name][0])
    owners = {"learner": learner, "instructor": instructor}
    for persona, expected in _post_expectations(name).items():
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        watched = {
            who: user
            for who, user in owners.items()
            if who != persona and (persona, who) not in CHANGES_ALLOWED.get(name, set())
        }
        before = {who: owned_rows(user) for who, user in watched.items()}
        response = client.post(path, _post_data(name))
        assert response.status_code < 500, persona
        if expected is not None and response.status_code != NOT_ALLOWED:
            assert_answers(response, expected)
        after = {who: owned_rows(user) for who, user in watched.items()}
        assert after == before, f"a POST by {persona} changed another persona's data"


@pytest.mark.parametrize("name", POST_DATA)
def test_the_owners_post_with_the_same_data_is_accepted(client, learner, unanswered_first_item, name):
    """Proves POST_DATA is data the view accepts, so the strangers above were refused for who they are."""
    client.force_login(learner)
    before = owned_rows(learner)
    kwargs = EXPECTED[name][0]
    response = client.post(reverse(name, kwargs=kwargs), _post_data(name))
    assert response.status_code in (200, 302), response.content[:500]
    assert owned_rows(learner) != before, f"the owner's POST to {name} changed nothing"


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_dashboard_shows_only_the_learners_own_progress(
    client, learner, other_learner, django_assert_max_num_queries
):
    from quizzes.models import Answer
    from topics.models import StudiedTopic, Topic

    topic = Topic.objects.get(slug="lambda-basics")
    StudiedTopic.objects.create(user=other_learner, topic=topic)
    question = topic.questions.first()
    Answer.objects.create(
        user=other_learner, question=question, version=question.current_version, selected=[], is_correct=True,
        source="practice", answered_at="2026-11-22T10:00:00Z",
    )  # fmt: skip
    client.force_login(learner)
    # The seventh: reviews due and done today; the eighth: mock exams; the ninth: the study plan (none
    # here; see tests/plans); the tenth: the learner's classes.
    with django_assert_max_num_queries(10):
        page = client.get(reverse("dashboard")).content.decode()
    assert "0 of 2 studied" in page  # SAA-C03 has both fixture topics
    assert "You have not answered any questions yet." in page
    StudiedTopic.objects.create(user=learner, topic=topic)
    assert "1 of 2 studied" in client.get(reverse("dashboard")).content.decode()
