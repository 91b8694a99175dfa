"""Two gunicorn servers on one database; one learner goes through a whole practice quiz and a whole mock exam
(bench/two_servers_exam.py) alternating between them.

The shape of scaling out behind a load balancer: nothing may live in one server's memory. The learner
signs in through the real sign-in form (its page from one server, the post to the other), starts a
quiz, and for every question reads the page on one server and answers on the other; a second answer
to an answered question (another tab, the other server) is refused. A twin learner answers the same
quiz the same way on one server. Both servers must show the same summary, and the twins' answers,
summaries and cards must be the same. Used by bench/faults.py (--fault two-servers).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import tempfile
from http.cookies import SimpleCookie
from pathlib import Path

from bench import harness, learners

PASSWORD = secrets.token_urlsafe(16)  # the learners' sign-in, typed into the real form
CODE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Browser:
    """One learner's browser: its cookies, sent to whichever server (port) each request goes to."""

    def __init__(self, session):
        self.session, self.cookies = session, {}

    async def request(
        self, port: int, path: str, data: dict | None = None, *, htmx=False
    ) -> tuple[int, str, str]:
        headers = {
            "Host": harness.HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Origin": harness.ORIGIN,
            "Referer": harness.ORIGIN + path,
            "Accept-Language": "en",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        if htmx:
            headers["HX-Request"] = "true"
        method = "POST" if data is not None else "GET"
        url = f"http://127.0.0.1:{port}{path}"
        async with self.session.request(method, url, data=data, headers=headers, allow_redirects=False) as r:
            for header in r.headers.getall("Set-Cookie", []):
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return r.status, r.headers.get("Location", ""), await r.text()


def token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def main_part(page: str) -> str:
    """The page's <main>, with what differs by design between two renderings (quiz codes, tokens) blanked."""
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'value="[^"]{40,}"', 'value=""', CODE.sub("CODE", main))


async def sign_in(browser: Browser, ports: tuple[int, int], email: str) -> None:
    _status, _location, page = await browser.request(ports[0], "/accounts/login/")
    data = {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token(page)}
    status, location, _page = await browser.request(ports[1], "/accounts/login/", data)
    assert status == 302 and "sessionid" in browser.cookies, f"sign-in failed: {status} {location}"


async def answer_quiz(browser: Browser, ports, code: str, picks_for) -> list[int]:
    """Every question: the page from one server, the answer (htmx) to the next; return the statuses."""
    from quizzes.models import PracticeItem

    statuses, position = [], 1
    items = {
        i["position"]: i
        for i in PracticeItem.objects.filter(quiz__code=code).values("position", "choice_order")
    }
    for position, item in sorted(items.items()):
        page_port, answer_port = ports[position % len(ports)], ports[(position + 1) % len(ports)]
        _status, _location, page = await browser.request(page_port, f"/practice/{code}/{position}/")
        shown = re.findall(r'name="choice" value="([^"]+)"', page)
        assert shown == item["choice_order"], f"question {position} shows {shown}, not {item['choice_order']}"
        data = {"choice": picks_for(position), "csrfmiddlewaretoken": token(page)}
        status, _location, _page = await browser.request(
            answer_port, f"/practice/{code}/{position}/", data, htmx=True
        )
        statuses.append(status)
    return statuses


def outcome(user) -> dict:
    """What a learner's quiz left in the database, comparable between two learners."""
    from quizzes.models import Answer
    from reviews.models import Card

    return {
        "answers": sorted(
            Answer.objects.filter(user=user).values_list(
                "question_id", "version_id", "selected", "is_correct"
            )
        ),
        "cards": sorted(Card.objects.filter(user=user).values_list("question_id", "state", "reps", "lapses")),
    }


def make_learner(email: str):
    from allauth.account.models import EmailAddress

    from accounts.models import Profile, User

    user = User.objects.create_user(email=email, password=PASSWORD)
    Profile.objects.create(user=user, language="en")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


async def _flow(args, ports: tuple[int, int]) -> dict:
    import aiohttp

    from quizzes.models import PracticeItem, PracticeQuiz

    learners.sign_in_learners(0)  # a clean slate: no other learner's answers in the comparison
    learner, twin = make_learner("alternating@bench.example"), make_learner("one-server@bench.example")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        browser, single = Browser(session), Browser(session)
        await sign_in(browser, ports, learner.email)
        _status, _location, page = await browser.request(ports[0], "/practice/")
        data = {"scope": "mixed", "exam": "", "size": str(args.quiz), "csrfmiddlewaretoken": token(page)}
        status, location, _page = await browser.request(ports[1], "/practice/start/", data)
        assert status == 302, f"starting the quiz answered {status}"
        code = CODE.search(location).group(0)
        orders = dict(PracticeItem.objects.filter(quiz__code=code).values_list("position", "choice_order"))
        chooses = dict(
            PracticeItem.objects.filter(quiz__code=code).values_list("position", "question__choose")
        )

        def picks(position):  # the same picks for both twins: the first `choose` choices as shown
            return orders[position][: chooses[position]]

        statuses = await answer_quiz(browser, ports, code, picks)
        second = {"choice": orders[1][-chooses[1] :], "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
        second_status, _location, _page = await browser.request(
            ports[0], f"/practice/{code}/1/", second, htmx=True
        )
        summaries = [main_part((await browser.request(p, f"/practice/{code}/summary/"))[2]) for p in ports]

        await sign_in(single, (ports[0], ports[0]), twin.email)
        twin_code = learners.twin(
            PracticeQuiz.objects.get(code=code),
            twin,
            fields=("scope", "target", "title_en", "title_ko", "size"),
            item_fields=("position", "question_id", "version_id", "choice_order"),
        )
        twin_statuses = await answer_quiz(single, (ports[0],), twin_code, picks)
        twin_summary = main_part((await single.request(ports[0], f"/practice/{twin_code}/summary/"))[2])
        mine, theirs = outcome(learner), outcome(twin)  # before the exam adds answers and reviews
        from bench.two_servers_exam import exam_flow

        exam = await exam_flow(args, ports, browser, single, twin)
    first = PracticeItem.objects.get(quiz__code=code, position=1).answer
    result = {
        "answers_acknowledged": statuses.count(200),
        "questions": len(statuses),
        "second_answer_status": second_status,
        "first_answer_kept": sorted(first.selected) == sorted(picks(1)),
        "same_summary_on_both_servers": summaries[0] == summaries[1],
        "same_summary_as_one_server": summaries[0] == twin_summary and twin_statuses == statuses,
        "same_answers_and_cards_as_one_server": mine == theirs and len(mine["answers"]) == len(statuses),
        "score": re.search(r'class="score"><strong>(\d+)</strong> / (\d+)', summaries[0]).groups(),
    }
    result["passed"] = (
        result["answers_acknowledged"]
        == result["questions"]
        == PracticeItem.objects.filter(quiz__code=code).count()
        and second_status == 409
        and all(v for k, v in result.items() if k.startswith(("same_", "first_")))
    )
    return {"practice": result, "exam": exam, "passed": result["passed"] and exam["passed"]}


def two_servers(args) -> dict:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # short ORM look-ups between this script's requests
    with tempfile.TemporaryDirectory() as folder:
        env = harness.server_env(os.environ["DATABASE_URL"])
        servers = [harness.Server(env, Path(folder) / f"gunicorn-{i}.log") for i in (1, 2)]
        try:
            for server in servers:
                server.start()
            return asyncio.run(_flow(args, (servers[0].port, servers[1].port)))
        finally:
            for server in servers:
                server.stop()
