"""Practice quizzes: no answers before answering, feedback after, privacy, bad input, two tabs."""

import random
import re
from html import unescape

import pytest
from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from quizzes.models import Answer, PracticeItem, PracticeQuiz, Question
from quizzes.services import Scope, start_practice
from topics.markdown import render_text

pytestmark = pytest.mark.django_db


def quiz_for(user, size=5, seed=1, scope=None):
    return start_practice(
        user=user, scope=scope or Scope("mixed", "", "Mixed", "종합"), size=size, rng=random.Random(seed)
    )


def item_url(item):
    return reverse("quizzes:practice-item", args=[item.quiz.code, item.position])


def right_choices(item):
    return [c["id"] for c in item.version.choices if c["correct"]]


def wrong_choices(item):
    return [c["id"] for c in item.version.choices if not c["correct"]]


def test_starting_a_quiz_from_the_form(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("quizzes:practice-start"), {"scope": "case", "case": "tiny-api", "size": "5"}
    )
    quiz = PracticeQuiz.objects.get(user=learner)
    assert response.status_code == 302 and response["Location"] == quiz.get_absolute_url()
    in_case = Question.objects.filter(case__slug="tiny-api", status="published").count()
    assert in_case > 0
    assert quiz.size == min(5, in_case) == quiz.items.count()
    assert quiz.items.filter(question__case__slug="tiny-api").count() == quiz.size


@pytest.mark.parametrize(
    "data",
    [
        {"scope": "topic", "topic": "lambda-basics", "size": "5"},
        {"scope": "domain", "domain": "SAA-C03:2", "size": "5"},
        {"scope": "service", "service": "lambda", "size": "5"},
        {"scope": "mixed", "exam": "SAP-C02", "size": "5"},
    ],
)
def test_every_scope_finds_questions(client, learner, data):
    client.force_login(learner)
    assert client.post(reverse("quizzes:practice-start"), data).status_code == 302
    assert PracticeQuiz.objects.get(user=learner).items.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"scope": "case", "case": "no-such-case", "size": "5"},
        {"scope": "topic", "size": "5"},
        {"scope": "mixed", "size": "500"},
        {"scope": "everything", "size": "5"},
    ],
)
def test_a_tampered_start_form_is_refused_and_creates_nothing(client, learner, data):
    client.force_login(learner)
    assert client.post(reverse("quizzes:practice-start"), data).status_code == 400
    assert not PracticeQuiz.objects.exists()


def test_choices_are_shuffled_per_learner(learner, other_learner):
    case = Scope("case", "tiny-api", "Tiny", "작은", Q(case__slug="tiny-api"))
    mine = {
        i.question_id: i
        for i in quiz_for(learner, size=30, seed=1, scope=case).items.select_related("version")
    }
    theirs = {i.question_id: i for i in quiz_for(other_learner, size=30, seed=2, scope=case).items.all()}
    assert mine.keys() == theirs.keys()
    for _question_id, item in mine.items():
        assert sorted(item.choice_order) == sorted(c["id"] for c in item.version.choices)  # a permutation
    assert any(mine[q].choice_order != theirs[q].choice_order for q in mine)


def test_the_question_page_and_fragment_hold_no_answer_before_answering(client, learner):
    quiz = quiz_for(learner)
    client.force_login(learner)
    for item in quiz.items.select_related("version"):
        for response in (
            client.get(item_url(item)),
            client.get(item_url(item), headers={"HX-Request": "true"}),
        ):
            html = unescape(response.content.decode())
            assert response.status_code == 200
            for choice in item.version.choices:
                assert choice["why_en"] not in html and choice["why_ko"] not in html
            assert render_text(item.version.explanation_en) not in html
            assert "is-correct" not in html and "Right answer" not in html
            assert all(
                choice_id in html for choice_id in item.choice_order
            )  # the options themselves are there


def test_answering_shows_feedback_and_records_the_version(client, learner):
    quiz = quiz_for(learner)
    item = quiz.items.select_related("version").get(position=1)
    client.force_login(learner)
    response = client.post(item_url(item), {"choice": right_choices(item)})
    assert response.status_code == 302 and response["Location"] == item_url(item)
    page = unescape(client.get(item_url(item)).content.decode())
    assert "Correct." in page and "Right answer" in page
    for choice in item.version.choices:
        assert choice["why_en"] in page  # every option explained
    answer = Answer.objects.get(user=learner)
    assert answer.version_id == item.version_id and answer.is_correct and answer.source == "practice"


def test_htmx_answer_returns_the_feedback_fragment(client, learner):
    """The answer replaces only the answer area: the stem the learner is reading, the diagram and the
    report form stay in place (and are not sent again); the tab title stays the question's."""
    quiz = quiz_for(learner)
    item = quiz.items.select_related("version").get(position=1)
    client.force_login(learner)
    response = client.post(
        item_url(item),
        {"choice": wrong_choices(item)[: item.question.choose]},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="answer-area">')
    assert "Not quite." in html and item.version.explanation_en[:40] in html
    assert item.version.stem_en[:40] not in html and "report-problem" not in html and "<title>" not in html
    # The form the feedback replaces, on a question not answered yet, sits in that same area.
    page = client.get(item_url(quiz.items.get(position=2))).content.decode()
    form = page.index('<form id="answer-form"')
    assert page.rindex('<div id="answer-area">', 0, form) > page.index('class="stem')
    assert 'hx-target="#answer-area"' in page[form : page.index(">", form)]


def test_the_next_question_fragment_retitles_the_tab(client, learner):
    quiz = quiz_for(learner)
    first = quiz.items.select_related("version", "question").get(position=1)
    client.force_login(learner)
    client.post(item_url(first), {"choice": right_choices(first)})
    html = client.get(
        reverse("quizzes:practice-quiz", args=[quiz.code]), headers={"HX-Request": "true"}, follow=True
    )
    assert f"<title>{quiz.title_en} · 2/{quiz.size} · AWS SA Study</title>" in html.content.decode()


def test_another_learner_cannot_open_or_answer_the_quiz(client, learner, other_learner):
    quiz = quiz_for(learner)
    item = quiz.items.select_related("version").get(position=1)
    client.force_login(other_learner)
    assert client.get(quiz.get_absolute_url()).status_code == 404
    assert client.get(item_url(item)).status_code == 404
    assert client.post(item_url(item), {"choice": right_choices(item)}).status_code == 404
    assert client.get(reverse("quizzes:practice-summary", args=[quiz.code])).status_code == 404
    assert not Answer.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, learner):
    item = quiz_for(learner).items.get(position=1)
    for response in (
        client.get(item_url(item)),
        client.post(item_url(item), {"choice": ["x"]}),
        client.get(reverse("quizzes:practice-home")),
    ):
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Answer.objects.exists()


def test_a_tampered_choice_is_refused_and_nothing_is_saved(client, learner):
    item = quiz_for(learner).items.get(position=1)
    client.force_login(learner)
    response = client.post(item_url(item), {"choice": ["not-a-choice"]})
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_tampered_htmx_answer_shows_the_problem_in_the_alert_area_not_in_the_card(client, learner):
    item = quiz_for(learner).items.get(position=1)
    client.force_login(learner)
    response = client.post(item_url(item), {"choice": ["not-a-choice"]}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#request-problem" and response["HX-Reswap"] == "innerHTML"
    html = response.content.decode()
    assert "Nothing was saved" in html and "<nav" not in html and "<html" not in html
    assert not Answer.objects.exists()


def test_the_wrong_number_of_answers_is_refused_with_a_clear_message(client, learner):
    item = quiz_for(learner).items.select_related("version").get(position=1)
    client.force_login(learner)
    everything = [c["id"] for c in item.version.choices]
    response = client.post(item_url(item), {"choice": everything})
    assert response.status_code == 422
    assert "Choose" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize("htmx", [False, True], ids=["plain-form", "htmx"])
def test_checking_with_nothing_chosen_asks_for_an_answer_in_place(client, learner, htmx):
    item = quiz_for(learner).items.select_related("question").get(position=1)
    client.force_login(learner)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(item_url(item), {}, headers=headers)
    html = response.content.decode()
    assert response.status_code == 422
    expected = (
        "Choose one answer."
        if item.question.choose == 1
        else f"Choose exactly {item.question.choose} answers."
    )
    assert f'<p class="errorlist" role="alert">{expected}</p>' in html
    # The question stays on screen: the whole page without htmx, the answer area with its form in place.
    assert (
        '<div id="answer-area">' in html and '<form id="answer-form"' in html and (("<html" in html) != htmx)
    )
    assert not Answer.objects.exists()


def test_a_refused_answer_keeps_the_learners_picks(client, learner):
    quiz = quiz_for(learner)
    item = next(i for i in quiz.items.select_related("question", "version") if i.question.choose > 1)
    client.force_login(learner)
    one = right_choices(item)[:1]
    html = client.post(item_url(item), {"choice": one}).content.decode()
    inputs = {
        re.search(r'value="([^"]+)"', tag).group(1): tag
        for tag in re.findall(r"<input[^>]*name=\"choice\"[^>]*>", html)
    }
    assert set(inputs) == set(item.choice_order)
    assert {cid for cid, tag in inputs.items() if " checked" in tag} == set(one)


def test_fragment_and_page_answers_vary_on_the_htmx_header(client, learner):
    item = quiz_for(learner).items.get(position=1)
    client.force_login(learner)
    assert "HX-Request" in client.get(item_url(item))["Vary"]


def test_a_second_tab_cannot_change_the_first_answer(client, learner):
    item = quiz_for(learner).items.select_related("version").get(position=1)
    client.force_login(learner)
    client.post(item_url(item), {"choice": right_choices(item)})
    response = client.post(item_url(item), {"choice": wrong_choices(item)[: item.question.choose]})
    assert response.status_code == 409
    assert "already answered" in response.content.decode()
    assert Answer.objects.get().is_correct  # the first answer stands


def test_a_finished_quiz_leads_to_a_summary_of_what_to_review(client, learner):
    quiz = quiz_for(learner, size=3)
    client.force_login(learner)
    for item in quiz.items.select_related("version"):
        client.post(item_url(item), {"choice": wrong_choices(item)[: item.question.choose]})
    response = client.get(quiz.get_absolute_url())
    assert response.status_code == 302 and response["Location"].endswith("/summary/")
    summary = client.get(response["Location"]).content.decode()
    assert f"<strong>0</strong> / {quiz.size}" in summary
    assert "What to review" in summary and "Lambda basics" in summary
    quiz.refresh_from_db()
    assert quiz.finished_at is not None


def test_a_quiz_can_be_left_and_resumed(client, learner):
    quiz = quiz_for(learner, size=3)
    first = quiz.items.select_related("version").get(position=1)
    client.force_login(learner)
    client.post(item_url(first), {"choice": right_choices(first)})
    response = client.get(quiz.get_absolute_url())
    assert response["Location"] == reverse("quizzes:practice-item", args=[quiz.code, 2])
    assert "1 of 3 answered" in client.get(reverse("quizzes:practice-home")).content.decode()
    # Answered out of order (the last one opened from its address): the first open one still comes next.
    last = quiz.items.select_related("version").get(position=3)
    client.post(item_url(last), {"choice": right_choices(last)})
    assert client.get(quiz.get_absolute_url())["Location"] == reverse(
        "quizzes:practice-item", args=[quiz.code, 2]
    )
    second = quiz.items.select_related("version").get(position=2)
    client.post(item_url(second), {"choice": right_choices(second)})
    summary = reverse("quizzes:practice-summary", args=[quiz.code])
    assert client.get(quiz.get_absolute_url())["Location"] == summary


def test_questions_read_in_korean_and_flip_in_place(client, learner):
    item = quiz_for(learner).items.select_related("version").get(position=1)
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    assert render_text(item.version.stem_ko) in client.get(item_url(item)).content.decode()
    flipped = client.get(item_url(item), {"lang": "en"}, headers={"HX-Request": "true"}).content.decode()
    assert render_text(item.version.stem_en) in flipped


@pytest.mark.parametrize("answered", [False, True])
def test_the_question_page_stays_within_its_query_budget(
    client, learner, answered, django_assert_max_num_queries
):
    item = quiz_for(learner).items.select_related("version").get(position=1)
    client.force_login(learner)
    if answered:
        client.post(item_url(item), {"choice": right_choices(item)})
    with django_assert_max_num_queries(4):  # session, user, the item with all it shows, nothing more
        assert client.get(item_url(item)).status_code == 200


def test_answering_with_its_feedback_fragment_costs_six_queries_and_locks_only_the_learners_rows(
    client, learner
):
    """Session, user, the locked item read, the answer with the item (and the quiz's finish, written by
    its last answer only), and the learner's review card written in the same transaction by reviews
    (issue 10): the card read with the settings, the card with its review log. The same for a new card
    and for a question met again; the rating box loads on its own request. On PostgreSQL each write
    chains into the next in one statement (six in all); SQLite takes each write on its own (eight, nine
    with the finish)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = quiz_for(learner).items.select_related("version", "question").get(position=1)
    assert not item.version.figure  # a missing-box question reads its diagram too: one query more
    again = PracticeQuiz.objects.create(
        user=learner, scope="mixed", title_en="Again", title_ko="다시", size=2
    )
    for position in (1, 2):
        PracticeItem.objects.create(
            quiz=again,
            position=position,
            question=item.question,
            version=item.version,
            choice_order=item.choice_order,
        )
    client.force_login(learner)
    # A new card, the same card again, and then the quiz's last open item, which finishes it.
    for answering in (item, *again.items.order_by("position")):
        finishes = answering.quiz_id == again.pk and answering.position == 2
        assert bool(PracticeQuiz.objects.get(pk=again.pk).finished_at) is False
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                item_url(answering), {"choice": right_choices(item)}, headers={"HX-Request": "true"}
            )
        assert response.status_code == 200 and "Correct." in response.content.decode()
        # (Statements prepared on PostgreSQL are logged as "QUERY = '...' - PARAMS = (...)".)
        statements = [
            q["sql"].removeprefix("QUERY = '").split("' - PARAMS = ")[0]
            for q in queries.captured_queries
            if "SAVEPOINT" not in q["sql"]
        ]
        assert len(statements) <= (6 if connection.vendor == "postgresql" else 8 + finishes), statements
        if connection.vendor == "postgresql":
            locking = [sql for sql in statements if "FOR UPDATE" in sql]
            item_read = locking[0]
            assert (
                'FROM "quizzes_practiceitem" i ' in item_read
                and 'JOIN "quizzes_practicequiz" q ' in item_read
            )
            assert item_read.endswith("FOR UPDATE OF i, q")  # never v, the version every learner shares
            # The learner's card of this question (or nothing, for a new one) with their settings:
            # the lock is on the card table alone, inside its subquery.
            (card_read,) = locking[1:]
            assert 'FROM "reviews_card" WHERE "user_id" = ' in card_read and " FOR UPDATE) c " in card_read
            assert card_read.count("FOR UPDATE") == 1
        assert bool(PracticeQuiz.objects.get(pk=again.pk).finished_at) is finishes


def test_the_practice_home_stays_within_its_query_budget(client, learner, django_assert_max_num_queries):
    quiz_for(learner)
    client.force_login(learner)
    with django_assert_max_num_queries(4):  # session, user, the topic list, the learner's quizzes
        page = client.get(reverse("quizzes:practice-home"), {"scope": "topic", "topic": "lambda-basics"})
    assert page.status_code == 200
    assert (
        '<option value="lambda-basics" selected>' in page.content.decode()
    )  # "Practise this topic" pre-fills the form


def test_a_missing_box_question_never_shows_the_hidden_box_in_page_or_fragment(client, learner):
    from topics.diagrams import PALETTE

    question = Question.objects.get(key="requirement:tiny-api:R1:v0")
    version = question.current_version
    version.pk, version.number, version.figure = None, 99, {"case": "tiny-api", "hide": "fn"}
    version.save()
    Question.objects.filter(pk=question.pk).update(current_version=version)
    quiz = start_practice(
        user=learner,
        scope=Scope("case", "tiny-api", "t", "t", Q(key=question.key)),
        size=1,
        rng=random.Random(1),
    )
    item = quiz.items.get()
    client.force_login(learner)
    fill, stroke = PALETTE["compute"]
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(item_url(item), headers=headers).content.decode()
        figure = html[html.index("<figure") : html.index("</figure>")]
        assert "hidden-box" in figure
        for leak in ('id="node-fn"', "cat-compute", fill, stroke, "AWS Lambda"):
            assert leak not in figure, leak


def test_the_practice_home_lists_the_six_newest_quizzes_newest_first(client, learner):
    import datetime

    from django.utils import timezone

    quizzes = [quiz_for(learner, size=1, seed=n) for n in range(8)]
    for age, quiz in enumerate(reversed(quizzes)):  # the last one made is the newest
        PracticeQuiz.objects.filter(pk=quiz.pk).update(
            started_at=timezone.now() - datetime.timedelta(hours=age)
        )
    client.force_login(learner)
    html = client.get(reverse("quizzes:practice-home")).content.decode()
    shown = [str(q.code) for q in quizzes if str(q.code) in html]
    assert shown == [str(q.code) for q in quizzes[2:]]
    positions = [html.index(code) for code in shown]
    assert positions == sorted(positions, reverse=True)  # newest (last made) first


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Only {n} different {questions_fit} this choice, so this quiz has {n} instead of 30."),
        ("ko", "이 범위에는 서로 다른 문제가 {n}개뿐이라 이 퀴즈는 30문제가 아니라 {n}문제입니다."),
    ],
)
def test_a_quiz_shorter_than_asked_says_why_on_its_first_question(client, learner, language, expected):
    """Asking for 30 questions on one case gave a quiz "1 of 8" with no word about the other 22."""
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    learner.profile.language = language
    learner.profile.save()
    response = client.post(
        reverse("quizzes:practice-start"), {"scope": "case", "case": "tiny-api", "size": "30"}, follow=True
    )
    quiz = PracticeQuiz.objects.get(user=learner)
    assert quiz.size < 30
    questions_fit = "question fits" if quiz.size == 1 else "questions fit"
    assert expected.format(n=quiz.size, questions_fit=questions_fit) in unescape(response.content.decode())


def test_a_quiz_of_the_size_asked_says_nothing_about_its_size(client, learner):
    client.force_login(learner)
    response = client.post(reverse("quizzes:practice-start"), {"scope": "mixed", "size": "5"}, follow=True)
    assert PracticeQuiz.objects.get(user=learner).size == 5
    assert "different question" not in response.content.decode()


def test_the_dashboard_shows_a_finished_quizs_score_and_offers_to_resume_the_others(client, learner):
    """The dashboard said "3 of 3 answered" for a finished quiz, where the practice page gives its score."""
    finished = quiz_for(learner, size=3, seed=1)
    client.force_login(learner)
    for item in finished.items.select_related("version"):
        client.post(item_url(item), {"choice": right_choices(item)[: item.question.choose]})
    quiz_for(learner, size=3, seed=2)
    page = unescape(client.get(reverse("dashboard")).content.decode())
    assert "3 of 3 right" in page and "3 of 3 answered" not in page
    assert "0 of 3 answered — resume" in page


@pytest.mark.parametrize("htmx", [False, True])
def test_a_learner_starts_a_quiz_on_one_task_statement_from_the_form(client, learner, htmx):
    client.force_login(learner)
    headers = {"HX-Request": "true"} if htmx else {}
    tab = client.get(reverse("quizzes:practice-home"), {"scope": "task"}, headers=headers).content.decode()
    assert tab.lstrip().startswith('<form id="start-form"') == htmx  # htmx swaps only the form
    assert '<optgroup label="SAA-C03 · 3. Design High-Performing Architectures">' in tab
    assert (
        '<option value="SAA-C03:3.2">3.2 Design high-performing and elastic compute solutions</option>' in tab
    )
    assert "SAA-C03:2.1" not in tab  # no published question maps to 2.1: not offered
    response = client.post(
        reverse("quizzes:practice-start"),
        {"scope": "task", "task": "SAA-C03:3.2", "size": "10"},
        headers=headers,
    )
    quiz = PracticeQuiz.objects.get(user=learner)
    assert response.status_code == 302 and response["Location"] == quiz.get_absolute_url()
    in_task = Question.objects.published().filter(tasks__domain__exam__code="SAA-C03", tasks__code="3.2")
    assert quiz.size == in_task.count() == quiz.items.count() > 0
    assert set(quiz.items.values_list("question_id", flat=True)) == set(in_task.values_list("pk", flat=True))
    assert quiz.title_en == "SAA-C03 · 3.2 Design high-performing and elastic compute solutions"
    assert quiz.title_ko == "SAA-C03 · 3.2 고성능의 탄력적인 컴퓨팅 솔루션 설계"


def test_the_task_statement_list_reads_in_korean(client, learner):
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    tab = client.get(reverse("quizzes:practice-home"), {"scope": "task"}).content.decode()
    assert "과제 설명 하나" in tab  # the tab
    assert '<option value="SAA-C03:3.2">3.2 고성능의 탄력적인 컴퓨팅 솔루션 설계</option>' in tab


@pytest.mark.parametrize("task", ["SAA-C03:9.9", "SAA-C03:2.1", "SAA-C03:3.2' OR 1=1", ""])
def test_a_tampered_task_statement_gets_the_form_back_and_creates_nothing(client, learner, task):
    client.force_login(learner)
    response = client.post(reverse("quizzes:practice-start"), {"scope": "task", "task": task, "size": "5"})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert 'id="start-form"' in html and '<ul class="errorlist"' in html
    assert ("Select a valid choice." if task else "This field is required.") in html
    assert not PracticeQuiz.objects.exists()


def test_a_practise_link_preselects_its_task_statement_or_says_it_has_no_questions(
    client, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    with django_assert_max_num_queries(4):  # session, user, the task statements, the learner's quizzes
        page = client.get(reverse("quizzes:practice-home"), {"scope": "task", "task": "SAA-C03:3.2"})
    page = page.content.decode()
    assert '<option value="SAA-C03:3.2" selected>' in page
    tab_on = r'<a href="\?scope=task"[^>]* aria-current="true">A task statement</a>'
    assert re.search(tab_on, page)
    empty = client.get(reverse("quizzes:practice-home"), {"scope": "task", "task": "SAA-C03:2.1"})
    empty = empty.content.decode()
    assert (
        "SAA-C03 · 2.1 Design scalable and loosely coupled architectures has no practice questions yet."
        in unescape(empty)
    )
