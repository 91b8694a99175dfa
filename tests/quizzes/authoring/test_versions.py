"""Every change of a question's text is a new version; what a learner met keeps showing that version."""

import random
import re

import pytest
from django.urls import reverse

from quizzes.authoring.drafts import Draft
from quizzes.models import Answer, Question
from quizzes.services import Scope, answer_practice_item, start_practice
from tests.quizzes.authoring.conftest import form_data

pytestmark = pytest.mark.django_db
V1_STEM = "A company stores logs for seven years."
V2_STEM = "Version two: a company archives audit records"


@pytest.fixture
def published(write_question):
    return write_question(status="published")


def publish_v2(client, instructor, question, *, swap_key=False):
    """The instructor rewrites the stem (and, with swap_key, makes the second choice the key) and saves."""
    client.force_login(instructor)
    question.refresh_from_db()
    draft = Draft.of_version(question.current_version, kind="single", choose=1)
    draft.stem_en = draft.stem_en.replace(V1_STEM, V2_STEM)
    if swap_key:
        draft.choices[0]["correct"], draft.choices[1]["correct"] = False, True
    url = reverse("authoring:question-edit", args=[question.code])
    response = client.post(url, form_data(draft, action="save", note="New wording"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.current_version.number == 2
    return question.current_version


def quiz_with(learner, question):
    quiz = start_practice(
        user=learner, scope=Scope.of_questions([question.pk], "One", "하나"), size=1, rng=random.Random(1)
    )
    return quiz.items.select_related("version").get()


def test_an_unanswered_practice_item_keeps_showing_and_scoring_version_one(
    client, learner, instructor, published
):
    item = quiz_with(learner, published)
    v1 = item.version
    publish_v2(client, instructor, published, swap_key=True)
    client.force_login(learner)
    page = client.get(reverse("quizzes:practice-item", args=[item.quiz.code, 1])).content.decode()
    assert V1_STEM in page and V2_STEM not in page
    # v1's key is still right for this item, although v2 keyed another choice.
    answered = answer_practice_item(
        user=learner, code=item.quiz.code, position=1, selected=[v1.choices[0]["id"]]
    )
    assert answered.answer.is_correct and answered.answer.version == v1


def test_an_answered_practice_item_keeps_its_feedback_from_version_one(
    client, learner, instructor, published
):
    item = quiz_with(learner, published)
    right = [c["id"] for c in item.version.choices if c["correct"]]
    answer_practice_item(user=learner, code=item.quiz.code, position=1, selected=right)
    publish_v2(client, instructor, published, swap_key=True)
    client.force_login(learner)
    page = client.get(reverse("quizzes:practice-item", args=[item.quiz.code, 1])).content.decode()
    assert V1_STEM in page and V2_STEM not in page and "Correct." in page
    summary = client.get(reverse("quizzes:practice-summary", args=[item.quiz.code])).content.decode()
    assert "S3 Glacier Deep Archive" in summary  # v1's key, not v2's


def test_a_new_quiz_after_the_edit_shows_version_two(client, learner, instructor, published):
    publish_v2(client, instructor, published)
    item = quiz_with(learner, published)
    assert item.version.number == 2 and item.version.stem_en.startswith(V2_STEM)


def test_a_review_answered_on_version_one_stays_on_version_one(client, learner, instructor, published):
    from reviews.services import answer_new

    published.refresh_from_db()
    v1 = published.current_version
    right = [c["id"] for c in v1.choices if c["correct"]]
    result = answer_new(user=learner, question=published, selected=right, version_number=1)
    publish_v2(client, instructor, published, swap_key=True)
    client.force_login(learner)
    page = client.get(reverse("reviews:reviewed", args=[result.log.code])).content.decode()
    assert V1_STEM in page and V2_STEM not in page
    # A review page left open on version 1 while version 2 went out is graded on version 1.
    other = Question.objects.get(pk=published.pk)
    second = answer_new(user=learner, question=other, selected=right, version_number=1)
    assert second.log.version == v1 and Answer.objects.filter(version=v1, is_correct=True).count() == 2


def test_the_history_shows_who_changed_what_and_when(
    client, learner, instructor, published, django_assert_max_num_queries
):
    item = quiz_with(learner, published)
    answer_practice_item(
        user=learner, code=item.quiz.code, position=1, selected=[item.version.choices[0]["id"]]
    )
    publish_v2(client, instructor, published)
    url = reverse("authoring:question-history", args=[published.code])
    with django_assert_max_num_queries(7):  # session, user, permissions (2), question, versions with authors
        page = client.get(url).content.decode()
    assert page.index("Version 2") < page.index("Version 1")  # newest first
    assert page.count(instructor.email) == 2 and "New wording" in page and "1 answer" in page
    assert f'<span class="diff-del">- {V1_STEM}' in page
    assert f'<span class="diff-add">+ {V2_STEM}' in page


def history_labels(client, question) -> dict[int, str]:
    """Version number -> who the history page says wrote it."""
    page = client.get(reverse("authoring:question-history", args=[question.code])).content.decode()
    found = re.findall(
        r'<h2>[^<]*?(\d+)(?:[^<]|<(?!/h2>))*</h2>\s*<p class="small muted">\s*([^<·]+?)\s*(?:<|·)', page
    )
    return {int(number): who for number, who in found}


@pytest.mark.parametrize(
    ("language", "removed", "content"),
    [("en", "a removed user", "content files"), ("ko", "탈퇴한 사용자", "콘텐츠 파일")],
)
def test_a_version_whose_author_was_deleted_reads_as_a_removed_users_not_the_content_files(
    client, staff, language, removed, content
):
    from django.conf import settings

    from quizzes.authoring.services import Links, save_question
    from tests.conftest import make_user

    # A question from content/, reworded in the app by an instructor whose account is then deleted.
    loaded = (
        Question.objects.exclude(key__startswith="app:").filter(status="published").order_by("key").first()
    )
    assert loaded.current_version.written_in_app is False and loaded.current_version.author is None
    instructor = make_user("gone@example.com", instructor=True)
    draft = Draft.of_version(loaded.current_version, kind=loaded.kind, choose=loaded.choose)
    draft.stem_en += " (reworded)"
    links = Links(topic=loaded.topic, case=loaded.case, domains=list(loaded.domains.all()), tags=loaded.tags)
    save_question(question=loaded, draft=draft, links=links, status=loaded.status, author=instructor, note="")
    # And a question imported from a file by the same instructor: not an "app:" key, never in content/.
    imported = save_question(
        question=None, draft=Draft.of_version(loaded.current_version, kind=loaded.kind, choose=loaded.choose),
        links=Links(), status="draft", author=instructor, key="import:gone-1", origin=Question.Origin.IMPORTED,
    )  # fmt: skip
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert history_labels(client, loaded) == {2: "gone@example.com", 1: content}
    instructor.delete()
    assert history_labels(client, loaded) == {2: removed, 1: content}
    assert history_labels(client, imported) == {1: removed}


def test_the_migration_tells_versions_written_in_the_app_from_those_of_the_content_files(write_question):
    """Rows from before the field: what the history page could tell then, the migration keeps."""
    import importlib

    from django.apps import apps

    from quizzes.authoring.services import Links, save_question
    from quizzes.models import QuestionVersion
    from tests.conftest import make_user

    migration = importlib.import_module("quizzes.migrations.0006_version_written_in_app")
    loaded = (
        Question.objects.exclude(key__startswith="app:").filter(status="published").order_by("key").first()
    )
    untouched = Question.objects.exclude(key__startswith="app:").exclude(pk=loaded.pk).first()
    kept, gone = (
        make_user("kept@example.com", instructor=True),
        make_user("gone@example.com", instructor=True),
    )
    links = Links(topic=loaded.topic, case=loaded.case, domains=list(loaded.domains.all()), tags=loaded.tags)
    for number, author in ((2, kept), (3, gone)):
        draft = Draft.of_version(loaded.current_version, kind=loaded.kind, choose=loaded.choose)
        draft.stem_en += f" (v{number})"
        save_question(question=loaded, draft=draft, links=links, status=loaded.status, author=author)
    app_question = write_question(author=gone)
    gone.delete()
    QuestionVersion.objects.update(written_in_app=False)  # as every row was before the field

    migration.mark_versions_written_in_app(apps, None)

    def marks(question):
        return dict(question.versions.order_by("number").values_list("number", "written_in_app"))

    assert marks(loaded) == {1: False, 2: True, 3: True}
    assert marks(untouched) == {1: False}
    assert marks(app_question) == {1: True}
