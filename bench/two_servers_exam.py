"""The two-server run's mock exam (bench/two_servers.py): a whole sitting, alternating between servers.

The learner starts a short exam on one server, and for every question reads the page on one server and
saves the selection on the other (one question also flagged), reads the summary, submits on one server
and submits again on the other (harmless). Both servers show the same result page. A twin learner
sits the same questions (same versions, same choice order) with the same picks on one server: the
same score, items and cards.
"""

from __future__ import annotations

import re

from bench import learners
from bench.two_servers import CODE, Browser, main_part, token

BLUEPRINT = "bench-two-servers"


def _blueprint(questions: int):
    from exams.models import Blueprint
    from quizzes.models import Question

    size = min(questions, Question.objects.published().count())
    blueprint, _created = Blueprint.objects.update_or_create(
        slug=BLUEPRINT,
        defaults={
            "title_en": "Two servers",
            "title_ko": "서버 두 대",
            "questions": size,
            "minutes": 30,
            "pass_scaled": 720,
            "is_active": True,
            "exam": None,
            "official": False,
        },
    )
    return blueprint


async def _sit(browser: Browser, ports, code: str, picks_for, flag: int) -> list[int]:
    from exams.models import AttemptItem

    orders = dict(AttemptItem.objects.filter(attempt__code=code).values_list("position", "choice_order"))
    statuses = []
    for position in sorted(orders):
        page_port, save_port = ports[position % len(ports)], ports[(position + 1) % len(ports)]
        _status, _location, page = await browser.request(page_port, f"/exams/{code}/{position}/")
        shown = re.findall(r'name="choice" value="(\d+)"', page)
        assert len(shown) == len(orders[position]), f"question {position} shows {shown}"
        data = {
            "answering": "1",
            "choice": [str(n) for n in picks_for(position)],
            "csrfmiddlewaretoken": token(page),
        }
        if position == flag:
            data["flag"] = "1"
        status, _location, _page = await browser.request(
            save_port, f"/exams/{code}/{position}/answer/", data, htmx=True
        )
        statuses.append(status)
    return statuses


def _outcome(code: str) -> dict:
    from exams.models import Attempt
    from reviews.models import Card

    attempt = Attempt.objects.get(code=code)
    return {
        "score": (attempt.scored_right, attempt.scored_total, attempt.scaled, attempt.passed),
        "items": list(
            attempt.items.order_by("position").values_list("version_id", "selected", "flagged", "is_correct")
        ),
        # Reps only: a card's memory also depends on when the practice quiz before was answered.
        "cards": sorted(Card.objects.filter(user=attempt.user).values_list("question_id", "reps")),
    }


async def exam_flow(args, ports, browser: Browser, single: Browser, twin) -> dict:
    from exams.models import Attempt, AttemptItem

    blueprint = _blueprint(args.quiz)
    _status, _location, page = await browser.request(ports[0], "/exams/")
    data = {"blueprint": blueprint.slug, "csrfmiddlewaretoken": token(page)}
    status, location, _page = await browser.request(ports[1], "/exams/start/", data)
    assert status == 302, f"starting the exam answered {status}"
    code = CODE.search(location).group(0)
    items = AttemptItem.objects.filter(attempt__code=code)
    chooses = dict(items.values_list("position", "choose"))

    def picks(position):  # the same picks for both twins: the first `choose` choices as shown
        return list(range(1, chooses[position] + 1))

    statuses = await _sit(browser, ports, code, picks, flag=2)
    summary, _location, _page = await browser.request(ports[0], f"/exams/{code}/summary/")
    submit = {"csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    first = (await browser.request(ports[1], f"/exams/{code}/submit/", submit))[0]
    again = (await browser.request(ports[0], f"/exams/{code}/submit/", submit))[0]
    late = {"answering": "1", "choice": "1", "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    late_status = (await browser.request(ports[1], f"/exams/{code}/1/answer/", late, htmx=True))[0]
    results = [main_part((await browser.request(p, f"/exams/{code}/result/"))[2]) for p in ports]

    twin_code = learners.twin(
        Attempt.objects.get(code=code),
        twin,
        fields=("blueprint", "size", "minutes", "pass_scaled", "started_at", "deadline"),
        item_fields=("position", "question_id", "version_id", "domain_id", "choose", "choice_order"),
    )
    twin_statuses = await _sit(single, (ports[0],), twin_code, picks, flag=2)
    await single.request(
        ports[0], f"/exams/{twin_code}/submit/", {"csrfmiddlewaretoken": single.cookies["csrftoken"]}
    )
    mine, theirs = _outcome(code), _outcome(twin_code)
    result = {
        "saves_acknowledged": statuses.count(200),
        "questions": len(statuses),
        "summary_status": summary,
        "submit_statuses": [first, again],
        "save_after_submit_status": late_status,
        "same_result_on_both_servers": results[0] == results[1],
        "same_result_as_one_server": mine == theirs and twin_statuses == statuses,
        "score": mine["score"],
    }
    result["passed"] = (
        result["saves_acknowledged"] == result["questions"] == items.count()
        and summary == 200
        and first == again == 302
        and late_status == 409
        and result["same_result_on_both_servers"]
        and result["same_result_as_one_server"]
    )
    return result
