"""The mock exam pages: access, integrity before submission, resume, two tabs, the clock, queries."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from exams import services
from exams.models import Attempt, AttemptItem, Blueprint
from quizzes.models import PracticeQuiz
from tests.attack import assert_no_answer_key
from tests.exams.conftest import T0
from tests.exams.factory import make_bank, make_question, right_picks, wrong_picks
from topics.models import Case, Exam


@pytest.fixture
def now():
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False) as traveller:
        yield traveller


def urls(attempt):
    code = attempt.code
    return {
        "attempt": reverse("exams:attempt", args=[code]),
        "question": reverse("exams:question", args=[code, 1]),
        "answer": reverse("exams:answer", args=[code, 1]),
        "summary": reverse("exams:summary", args=[code]),
        "submit": reverse("exams:submit", args=[code]),
        "result": reverse("exams:result", args=[code]),
        "review": reverse("exams:review", args=[code]),
        "retake": reverse("exams:retake", args=[code]),
    }


def items_of(attempt):
    return list(AttemptItem.objects.filter(attempt=attempt).select_related("version").order_by("position"))


def test_another_learner_gets_404_on_every_attempt_url(client, other_learner, attempt, now):
    client.force_login(other_learner)
    for name, url in urls(attempt).items():
        response = (
            client.post(url, {"answering": "1", "choice": "1"})
            if name in ("answer", "retake")
            else client.get(url)
        )
        assert response.status_code == 404, name
    assert client.post(urls(attempt)["submit"]).status_code == 404
    assert not Attempt.objects.get(pk=attempt.pk).is_submitted


def test_anonymous_visitors_are_sent_to_sign_in(client, attempt, now):
    for name, url in urls(attempt).items():
        response = client.post(url) if name in ("answer", "retake") else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), name


def test_start_from_the_home_page_and_resume_where_the_learner_was(client, learner, drill, now):
    client.force_login(learner)
    home = client.get(reverse("exams:home")).content.decode()
    assert 'value="drill"' in home and 'value="saa-c03"' in home and 'value="sap-c02"' in home
    response = client.post(reverse("exams:start"), {"blueprint": "drill", "esl": "on"})
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == attempt.get_absolute_url()
    assert attempt.deadline == T0 + timedelta(seconds=10) + timedelta(minutes=32)
    client.post(reverse("exams:answer", args=[attempt.code, 3]), {"answering": "1", "choice": "1"})
    client.get(reverse("exams:question", args=[attempt.code, 4]))
    # Back later (a closed tab, another device): the question the learner was on, the answer still there.
    assert client.get(attempt.get_absolute_url())["Location"] == reverse(
        "exams:question", args=[attempt.code, 4]
    )
    page = client.get(reverse("exams:question", args=[attempt.code, 3])).content.decode()
    assert re.search(r'value="1" data-n="1" checked', page)
    # A second start resumes the running attempt instead.
    again = client.post(reverse("exams:start"), {"blueprint": "drill"})
    assert again["Location"] == attempt.get_absolute_url() and Attempt.objects.count() == 1
    assert "Resume" in client.get(reverse("exams:home")).content.decode()


def test_a_plain_form_post_saves_and_moves_on_without_javascript(client, learner, attempt, now):
    client.force_login(learner)
    response = client.post(urls(attempt)["answer"], {"answering": "1", "choice": "2", "go": "next"})
    assert response.status_code == 302
    assert response["Location"] == reverse("exams:question", args=[attempt.code, 2])
    response = client.post(urls(attempt)["answer"], {"flag": "1", "go": "summary"})
    assert response["Location"] == urls(attempt)["summary"]
    item = items_of(attempt)[0]
    assert item.selected == [item.choice_order[1]] and item.flagged


def test_refused_answers_change_nothing_and_say_why(client, learner, attempt, now):
    client.force_login(learner)
    single = next(i for i in items_of(attempt) if i.choose == 1)
    answer = reverse("exams:answer", args=[attempt.code, single.position])
    tampered = client.post(answer, {"answering": "1", "choice": "x"})
    assert tampered.status_code == 400 and "Nothing was saved" in tampered.content.decode()
    too_many = client.post(answer, {"answering": "1", "choice": ["1", "2"]}, headers={"HX-Request": "true"})
    assert too_many.status_code == 422 and "Choose at most 1 answers" in too_many.content.decode()
    assert items_of(attempt)[single.position - 1].selected == []


def test_an_answer_one_second_late_is_refused_and_the_page_shows_the_submitted_result(
    client, learner, attempt
):
    client.force_login(learner)
    with time_machine.travel(T0 + timedelta(seconds=20), tick=False):
        client.post(
            urls(attempt)["answer"], {"answering": "1", "choice": "1"}, headers={"HX-Request": "true"}
        )
    with time_machine.travel(attempt.deadline + timedelta(seconds=1), tick=False):
        late = client.post(
            reverse("exams:answer", args=[attempt.code, 2]),
            {"answering": "1", "choice": "1"},
            headers={"HX-Request": "true"},
        )
        assert late.status_code == 409
        assert "Time is up" in late.content.decode() and "was not saved" in late.content.decode()
    first, second = items_of(attempt)[:2]
    assert first.selected and second.selected == []
    # Opened after its deadline: the result, with the answers saved before it.
    with time_machine.travel(attempt.deadline + timedelta(hours=5), tick=False):
        response = client.get(urls(attempt)["question"])
        assert response["Location"] == urls(attempt)["result"]
        result = client.get(urls(attempt)["result"]).content.decode()
    assert "Time ran out" in result and "result-score" in result
    assert Attempt.objects.get(pk=attempt.pk).ended_by == "deadline"


def test_an_attempt_opened_after_its_deadline_is_submitted_with_the_saved_answers(client, learner, attempt):
    client.force_login(learner)
    item = items_of(attempt)[0]
    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        client.post(
            urls(attempt)["answer"], {"answering": "1", "choice": [str(n) for n in right_picks(item)]}
        )
    with time_machine.travel(attempt.deadline + timedelta(days=1), tick=False):
        assert client.get(urls(attempt)["attempt"])["Location"] == urls(attempt)["result"]
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline and attempt.scored_right == 1


def test_submitting_twice_is_harmless(client, learner, attempt, now):
    client.force_login(learner)
    confirm = client.get(urls(attempt)["submit"]).content.decode()
    assert 'id="confirm-heading"' in confirm and "5 questions are still unanswered" in confirm
    first = client.post(urls(attempt)["submit"])
    second = client.post(urls(attempt)["submit"])
    assert first["Location"] == second["Location"] == urls(attempt)["result"]
    assert client.get(urls(attempt)["result"]).status_code == 200
    assert Attempt.objects.get(pk=attempt.pk).scored_total == 5


def test_two_interleaved_sessions_on_one_attempt_last_write_wins(client, learner, attempt, now):
    from django.test import Client

    first, second = client, Client()
    first.force_login(learner)
    second.force_login(learner)
    hx = {"HX-Request": "true"}
    first.get(urls(attempt)["question"])
    second.get(urls(attempt)["question"])
    assert (
        first.post(urls(attempt)["answer"], {"answering": "1", "choice": "1"}, headers=hx).status_code == 200
    )
    assert (
        second.post(urls(attempt)["answer"], {"answering": "1", "choice": "3"}, headers=hx).status_code == 200
    )
    assert second.post(urls(attempt)["answer"], {"flag": "1"}, headers=hx).status_code == 200
    item = items_of(attempt)[0]
    assert item.selected == [item.choice_order[2]] and item.flagged
    page = first.get(urls(attempt)["question"]).content.decode()
    assert re.search(r'value="3" data-n="3" checked', page) and 'aria-pressed="true"' in page
    # One tab submits; the other's late pick is refused with a message, not an error page.
    assert second.post(urls(attempt)["submit"]).status_code == 302
    late = first.post(urls(attempt)["answer"], {"answering": "1", "choice": "2"}, headers=hx)
    assert late.status_code == 409 and "already submitted" in late.content.decode()
    assert first.get(urls(attempt)["question"], headers=hx)["HX-Redirect"] == urls(attempt)["result"]


def correctness_leaks(html: str, items) -> list[str]:
    """Every piece of correctness information of these items found in the HTML."""
    leaks = []
    for item in items:
        for choice in item.version.choices:
            if choice["id"] in html:
                leaks.append(f"choice id {choice['id']}")
            if choice["why_en"] in html or choice["why_ko"] in html:
                leaks.append(f"why of {choice['id']}")
        for text in (item.version.explanation_en, item.version.explanation_ko):
            if text in html:
                leaks.append("explanation")
    for marker in ("is-correct", "badge-ok", "Right answer", "correct"):
        if marker in html.lower().replace("correct-horse", ""):
            leaks.append(marker)
    return leaks


def test_nothing_sent_before_submission_reveals_correctness(client, learner, attempt, now):
    client.force_login(learner)
    items = items_of(attempt)
    hx = {"HX-Request": "true"}
    pages = [
        client.get(reverse("exams:home")),
        client.get(urls(attempt)["summary"]),
        client.get(urls(attempt)["submit"]),
    ]
    for item in items:
        question = reverse("exams:question", args=[attempt.code, item.position])
        answer = reverse("exams:answer", args=[attempt.code, item.position])
        pages += [
            client.get(question),
            client.get(question + "?lang=ko", headers=hx),
            client.get(question + "?lang=en&answering=1&choice=1", headers=hx),
            client.post(
                answer, {"answering": "1", "choice": [str(n) for n in right_picks(item)]}, headers=hx
            ),
            client.post(answer, {"flag": "1"}, headers=hx),
            client.post(answer, {"answering": "1", "choice": "1", "go": "next"}),
        ]
    client.post(
        reverse("exams:answer", args=[attempt.code, 1]), {"answering": "1", "choice": "9"}, headers=hx
    )
    for response in pages:
        assert response.status_code in (200, 302)
        html = response.content.decode()
        assert correctness_leaks(html, items) == [], response.request["PATH_INFO"]
        for item in items:
            assert_no_answer_key(html, item.version.choices)
    # After submission the review shows them all.
    client.post(urls(attempt)["submit"])
    review = client.get(urls(attempt)["review"]).content.decode()
    assert items[0].version.choices[0]["why_en"] in review and "Right answer" in review


def test_a_missing_box_question_hides_everything_of_the_box(client, learner, now):
    case = Case.objects.exclude(svg_en="").first()
    node = re.search(r'<g id="node-([^"]+)" class="node arch-node cat-(\w+)">(.*?)</g>', case.svg_en, re.S)
    hidden, category, body = node.group(1), node.group(2), node.group(3)
    label = re.search(r"<text[^>]*>([^<]+)</text>", body).group(1)
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', body))
    exam = Exam.objects.get(code="SAA-C03")
    question = make_question("box:q", exam=exam, domain_number=1, figure={"case": case.slug, "hide": hidden})
    blueprint = Blueprint.objects.create(
        slug="box", exam=exam, title_en="Box", title_ko="상자", questions=1, minutes=5, pass_scaled=720
    )
    from quizzes.models import Question

    Question.objects.exclude(pk=question.pk).update(status="draft")
    attempt = services.start(user=learner, blueprint=blueprint)
    client.force_login(learner)
    for language in ("en", "ko"):
        html = client.get(
            reverse("exams:question", args=[attempt.code, 1]) + f"?lang={language}"
        ).content.decode()
        figure = re.search(r"<figure.*?</figure>", html, re.S).group(0)
        assert "hidden-box" in figure
        assert f"node-{hidden}" not in html and f'cat-{category}"' not in re.search(
            r'<g class="node hidden-box">.*?</g>', figure, re.S
        ).group(0)
        box = re.search(r'<g class="node hidden-box">(.*?)</g>', figure, re.S).group(1)
        assert label not in box and not colours & set(re.findall(r"#[0-9a-fA-F]{6}", box)) - {
            "#f2f4f8",
            "#5a6b86",
        }


def test_saving_costs_at_most_three_queries_and_a_question_at_most_six(
    client, learner, django_assert_max_num_queries, now
):
    make_bank("SAA-C03", singles=60, multiples=12, prefix="big")
    official = Blueprint.official_for(Exam.objects.get(code="SAA-C03"))
    attempt = services.start(user=learner, blueprint=official)
    client.force_login(learner)
    client.get(reverse("exams:question", args=[attempt.code, 1]))  # the session is warm
    answer = reverse("exams:answer", args=[attempt.code, 40])
    hx = {"HX-Request": "true"}
    # Session and user are two more queries.
    with django_assert_max_num_queries(3 + 2):
        assert client.post(answer, {"answering": "1", "choice": "1"}, headers=hx).status_code == 200
    with django_assert_max_num_queries(3 + 2):
        assert client.post(answer, {"flag": "1"}, headers=hx).status_code == 200
    with django_assert_max_num_queries(6 + 2):
        assert client.get(reverse("exams:question", args=[attempt.code, 41])).status_code == 200
    with django_assert_max_num_queries(6 + 2):
        assert client.get(reverse("exams:question", args=[attempt.code, 42]), headers=hx).status_code == 200


def test_result_review_filters_and_retake_of_exactly_the_wrong_answers(client, learner, attempt, now):
    client.force_login(learner)
    items = items_of(attempt)
    for item in items[:2]:
        services.save(user=learner, code=attempt.code, position=item.position, picks=right_picks(item))
    services.save(user=learner, code=attempt.code, position=3, picks=wrong_picks(items[2]), flagged=True)
    client.post(urls(attempt)["submit"])
    result = client.get(urls(attempt)["result"]).content.decode()
    assert "400" in result and "2 of 5 scored questions" in result and "<svg" in result
    assert "does not publish" in result
    wrong = client.get(urls(attempt)["review"] + "?show=wrong").content.decode()
    assert wrong.count('<article class="review-item') == 3
    flagged = client.get(urls(attempt)["review"] + "?show=flagged").content.decode()
    assert flagged.count('<article class="review-item') == 1
    response = client.post(urls(attempt)["retake"])
    quiz = PracticeQuiz.objects.get(user=learner)
    assert response["Location"] == quiz.get_absolute_url()
    assert set(quiz.items.values_list("question_id", flat=True)) == {i.question_id for i in items[2:]}


def test_history_and_dashboard_show_results_and_the_attempt_in_progress(client, learner, drill, attempt, now):
    client.force_login(learner)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Resume the exam" in dashboard
    services.submit(attempt=attempt)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Best score per exam" in dashboard and "Five-question drill" in dashboard
    history = client.get(reverse("exams:history")).content.decode()
    assert "<svg" in history and "Five-question drill" in history
