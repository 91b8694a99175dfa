"""Writing a question: both languages, live preview, drafts may be incomplete, publishing is checked."""

import pytest
from django.urls import reverse

from quizzes.bank import sync_questions
from quizzes.generator import generate
from quizzes.models import Question, QuestionVersion
from tests.conftest import FIXTURE_CONTENT
from tests.quizzes.authoring.conftest import choices, form_data, good_draft
from topics.content import read_curriculum

pytestmark = pytest.mark.django_db
NEW = reverse("authoring:question-new")


def edit_url(question):
    return reverse("authoring:question-edit", args=[question.code])


def test_the_editor_shows_both_languages_side_by_side_and_a_preview(
    client, instructor, django_assert_max_num_queries
):
    client.force_login(instructor)
    with django_assert_max_num_queries(9):  # session, user, permissions (2), topics, cases, domains, ...
        page = client.get(NEW).content.decode()
    assert 'id="id_stem_en"' in page and 'id="id_stem_ko"' in page and 'lang="ko"' in page
    assert 'id="preview"' in page and 'hx-post="/authoring/questions/new/"' in page
    assert page.count("choice-row") == 4  # four empty rows to start with


def test_a_draft_may_be_incomplete(client, instructor):
    client.force_login(instructor)
    draft = good_draft(stem_ko="", choices=choices(("Only one", "", True)))
    response = client.post(NEW, form_data(draft, action="save", rows=4))
    question = Question.objects.get(origin="authored", app_owned=True, key__startswith="app:")
    assert response.status_code == 302 and response["Location"] == edit_url(question)
    assert question.status == "draft" and question.current_version.number == 1
    assert question.current_version.author == instructor
    assert question.current_version.stem_ko == "" and len(question.current_version.choices) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stem_ko": ""}, "The question text is missing in Korean."),
        ({"explanation_ko": ""}, "The explanation is missing in Korean"),
        (
            {"choices": choices(("A", "가", True), ("B", "나", True), ("C", "다", False))},
            "The question asks for 1 correct choice(s) but 2 are marked correct.",
        ),
        (
            {"choices": choices(("Same", "가", True), ("same!", "나", False), ("C", "다", False))},
            "Choices 1 and 2 read the same in English.",
        ),
        ({"choices": choices(("A", "", True), ("B", "나", False))}, "Choice 1 has no text in Korean."),
        ({"choices": choices(("A", "가", True))}, "A question needs at least two choices; this one has 1."),
    ],
)
def test_publishing_refuses_what_a_learner_should_not_meet(client, instructor, changes, message):
    client.force_login(instructor)
    response = client.post(NEW, form_data(good_draft(**changes), action="publish"))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Question.objects.filter(key__startswith="app:").exists()


def test_a_complete_bilingual_question_publishes(client, instructor):
    client.force_login(instructor)
    client.post(NEW, form_data(action="publish"))
    question = Question.objects.get(key__startswith="app:")
    assert question.status == "published" and question.kind == "single"
    version = question.current_version
    assert [c["correct"] for c in version.choices] == [True, False, False, False]
    assert all(len(c["id"]) == 10 for c in version.choices) and version.choices[0]["why_ko"]


def test_choose_two_needs_two_correct_choices(client, instructor):
    client.force_login(instructor)
    rows = choices(
        ("A", "가", True), ("B", "나", True), ("C", "다", False), ("D", "라", False), ("E", "마", False)
    )
    client.post(NEW, form_data(good_draft(kind="multiple", choose=2, choices=rows), action="publish"))
    question = Question.objects.get(key__startswith="app:")
    assert (question.kind, question.choose, question.status) == ("multiple", 2, "published")


def test_a_link_that_is_not_http_is_refused_and_nothing_saved(client, instructor):
    client.force_login(instructor)
    response = client.post(NEW, form_data(sources="javascript:alert(1)"))
    assert response.status_code == 400
    assert "is not a web link" in response.content.decode()
    assert not Question.objects.filter(key__startswith="app:").exists()


def test_the_live_preview_renders_both_languages_and_saves_nothing(client, instructor):
    client.force_login(instructor)
    data = form_data(good_draft(stem_ko=""), action="preview")
    response = client.post(NEW, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html  # only the preview
    assert html.count('class="learner-view"') == 2
    assert "<strong>cheapest</strong>" in html  # Markdown rendered
    assert "Not yet translated; shown in English." in html  # the Korean view falls back visibly
    assert "The question text is missing in Korean." in html  # and says what publishing still needs
    assert not Question.objects.filter(key__startswith="app:").exists()
    # Without JavaScript the Preview button shows the whole page with the preview filled in.
    page = client.post(NEW, data).content.decode()
    assert "<html" in page and page.count('class="learner-view"') == 2


def test_editing_a_generated_question_makes_it_authored_and_content_leaves_it_alone(client, instructor):
    client.force_login(instructor)
    question = Question.objects.filter(origin="generated").select_related("current_version").first()
    page = client.get(edit_url(question)).content.decode()
    assert question.current_version.stem_en.splitlines()[0][:30] in page
    from quizzes.authoring.drafts import Draft

    draft = Draft.of_version(question.current_version, kind=question.kind, choose=question.choose)
    draft.stem_en += "\n\nA sentence an instructor added."
    response = client.post(edit_url(question), form_data(draft, action="save", note="Clearer"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.origin == "authored" and question.app_owned and question.current_version.number == 2
    assert question.current_version.note == "Clearer" and question.status == "published"
    report = sync_questions(generate(read_curriculum(FIXTURE_CONTENT)).questions)
    question.refresh_from_db()
    assert report.kept_edited == 1
    assert question.current_version.number == 2
    assert question.current_version.stem_en.endswith("A sentence an instructor added.")


def test_saving_unchanged_text_adds_no_version(client, instructor, write_question):
    client.force_login(instructor)
    question = write_question(status="published")
    from quizzes.authoring.drafts import Draft

    draft = Draft.of_version(question.current_version, kind="single", choose=1)
    client.post(edit_url(question), form_data(draft, action="save", tags="a, b"))
    question.refresh_from_db()
    assert QuestionVersion.objects.filter(question=question).count() == 1 and question.tags == ["a", "b"]


def test_the_learner_preview_page_shows_the_current_version_in_both_languages(
    client, instructor, write_question
):
    client.force_login(instructor)
    question = write_question()
    page = client.get(reverse("authoring:question-preview", args=[question.code])).content.decode()
    assert 'lang="en"' in page and 'lang="ko"' in page
    assert "가장 <strong>저렴한</strong>" in page and "Right answer" in page
