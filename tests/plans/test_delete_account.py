"""Deleting an account: the password again, then no row of the learner is left in any table."""

from collections import defaultdict
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from classes.services import create_class, join_class
from plans.models import StudyPlan
from quizzes.models import Question, QuestionVersion
from reviews.models import Optimisation, ReviewSettings
from reviews.services import answer_new
from tests.conftest import PASSWORD, make_user
from tests.plans.conftest import make_question, practise, sit_mock
from topics.models import Exam, StudiedTopic, Topic

User = get_user_model()
DELETE = reverse("plans:delete-account")


def rows_of(user_pk: int) -> tuple[dict, dict]:
    """Every row that points at the user, directly or through another row of theirs, over every foreign
    key and one-to-one field of every model (many-to-many tables included), as {model: {pk, ...}}.

    Rows reached through a SET_NULL key (what the user wrote for others) are returned apart: deleting
    the user keeps them and clears the key."""
    owned: dict[type, set] = defaultdict(set)
    credited: dict[type, set] = defaultdict(set)
    frontier: dict[type, set] = {User: {user_pk}}
    while frontier:
        found: dict[type, set] = defaultdict(set)
        for model in apps.get_models(include_auto_created=True):
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target not in frontier or not (field.many_to_one or field.one_to_one):
                    continue
                pks = set(
                    model._base_manager.filter(**{f"{field.attname}__in": frontier[target]}).values_list(
                        "pk", flat=True
                    )
                )
                if field.remote_field.on_delete is models.SET_NULL:
                    credited[model] |= pks
                else:
                    found[model] |= pks - owned[model]
        for model, pks in found.items():
            owned[model] |= pks
        frontier = {model: pks for model, pks in found.items() if pks}
    owned.pop(User, None)
    credited = {m: pks - owned.get(m, set()) for m, pks in credited.items() if pks - owned.get(m, set())}
    return {m: pks for m, pks in owned.items() if pks}, credited


def busy_learner(email: str, first: int):
    """A learner (who also teaches) with a bit of everything: plan, settings, studied topic, practice,
    a review session answer, an optimisation request."""
    user = make_user(email, instructor=True)
    questions = [make_question(n, task=("SAA-C03", "3.2")) for n in range(first, first + 3)]
    practise(user, questions[0], correct=True)
    practise(user, questions[1], correct=False)
    answer_new(user=user, question=questions[2], selected=["r"])
    StudiedTopic.objects.create(user=user, topic=Topic.objects.get(slug="lambda-basics"))
    ReviewSettings.objects.create(user=user, exam_date=date(2027, 3, 15))
    StudyPlan.objects.create(
        user=user, exam=Exam.objects.get(code="SAA-C03"), minutes_per_day=30, started_on=date(2027, 1, 4)
    )
    Optimisation.objects.create(user=user)
    sit_mock(user, prefix=f"mock-{first}")
    return user


def test_deleting_the_account_leaves_no_row_of_the_learner_in_any_table(client, db):
    leaving = busy_learner("leaving@example.com", 0)
    staying = busy_learner("staying@example.com", 10)
    exam = Exam.objects.get(code="SAA-C03")
    join_class(
        user=leaving,
        classroom=create_class(instructor=staying, name="Staying's", exam=exam, exam_date=date(2027, 3, 1)),
    )
    create_class(instructor=leaving, name="Leaving's", exam=exam, exam_date=date(2027, 3, 1))
    owned, _credited = rows_of(leaving.pk)
    names = {model._meta.label for model in owned}
    assert {
        "accounts.Profile", "account.EmailAddress", "accounts.User_groups", "reviews.ReviewSettings",
        "plans.StudyPlan", "topics.StudiedTopic", "quizzes.PracticeQuiz", "quizzes.PracticeItem",
        "quizzes.Answer", "reviews.Card", "reviews.ReviewLog", "reviews.Optimisation", "exams.Attempt",
        "exams.AttemptItem", "classes.Membership", "classes.Classroom",
    } <= names, names  # fmt: skip
    others_before, _ = rows_of(staying.pk)

    client.force_login(leaving)
    response = client.post(DELETE, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "Your account and everything in it were deleted." in response.content.decode()
    assert not User.objects.filter(pk=leaving.pk).exists()
    for model, pks in owned.items():
        left = list(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        assert left == [], f"{model._meta.label} still has rows {left} of the deleted learner"
    assert rows_of(leaving.pk) == ({}, {})
    # Nobody else's rows went with them (but the learner's membership of another's class, which was theirs too).
    assert rows_of(staying.pk)[0] == {
        model: pks - owned.get(model, set())
        for model, pks in others_before.items()
        if pks - owned.get(model, set())
    }
    assert client.get(reverse("dashboard")).status_code == 302  # signed out


def test_a_wrong_or_missing_password_deletes_nothing(client, learner):
    practise(learner, make_question(1), correct=True)
    before, _ = rows_of(learner.pk)
    client.force_login(learner)
    page = client.get(DELETE).content.decode()
    assert "1 answer, 1 review and 1 card" in page and learner.email in page
    for password, message in [
        ("not-my-password", "That is not your password. Nothing was deleted."),
        ("", "Enter your password to delete your account."),
    ]:
        response = client.post(DELETE, {"password": password})
        assert response.status_code == 400 and message in response.content.decode()
    assert rows_of(learner.pk)[0] == before
    assert client.get(reverse("dashboard")).status_code == 200  # still signed in


def test_guessing_the_password_is_rate_limited(client, learner):
    client.force_login(learner)
    statuses = [client.post(DELETE, {"password": f"guess-{n}"}).status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    assert User.objects.filter(pk=learner.pk).exists()


def test_delete_needs_a_post_and_a_signed_in_learner(client, learner):
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert User.objects.filter(pk=learner.pk).exists()


def test_an_instructors_questions_stay_credited_to_a_removed_user(client, instructor, staff, learner):
    staff.groups.add(*instructor.groups.all())  # another instructor, who edited the question after them
    question = make_question(1)
    Question.objects.filter(pk=question.pk).update(
        key=f"app:{question.code}", app_owned=True
    )  # made in the app
    first = question.current_version
    QuestionVersion.objects.filter(pk=first.pk).update(
        author=instructor, note="First draft", written_in_app=True
    )
    second = QuestionVersion.objects.create(
        question=question, number=2, digest="plans-2", stem_en="Which service runs code (v2)?",
        stem_ko="코드를 실행하는 서비스는 (v2)?", explanation_en="Lambda.", explanation_ko="Lambda.",
        choices=first.choices, author=staff, note="Clearer stem", written_in_app=True,
    )  # fmt: skip
    practise(learner, question, correct=True)
    client.force_login(instructor)
    client.post(DELETE, {"password": PASSWORD})

    first.refresh_from_db()
    assert first.author is None and first.stem_en.startswith("Which service runs code")
    assert learner.answers.filter(version=first).exists()  # the learners' work on it stays
    client.force_login(staff)
    page = client.get(reverse("authoring:question-history", args=[question.code])).content.decode()
    newest, oldest = page.split('class="panel version"')[1:]
    assert staff.email in newest and "Clearer stem" in newest
    assert "a removed user" in oldest and "First draft" in oldest and "content files" not in oldest
    second.refresh_from_db()
    assert second.author == staff


def test_the_delete_page_tells_a_learner_only_what_a_learner_has(client, learner, instructor):
    client.force_login(learner)
    page = client.get(DELETE).content.decode()
    assert "Your quizzes, mock exam attempts" in page
    assert "Classes you teach" not in page and "Questions you wrote as an instructor" not in page
    client.force_login(instructor)
    page = client.get(DELETE).content.decode()
    assert "Classes you teach" in page and "Questions you wrote as an instructor" in page


def test_the_korean_deletion_page_asks_in_a_full_sentence_to_download_first(client, db):
    """The link read "먼저 내 데이터 내려받기." (a menu label with a full stop) where English asks a sentence."""
    learner = make_user("korean-leaver@example.com", language="ko")
    client.force_login(learner)
    page = client.get(DELETE, headers={"accept-language": "ko"}).content.decode()
    assert "먼저 내 데이터를 내려받으세요</a>." in page
