"""The heaviest pages with today's data and with ten times as much: server time and queries, side by side.

Run: .venv/bin/python bench/pages.py [--scale 10] [--repeat 20] [--keep]

On a scratch PostgreSQL database (pages_bench_<pid> on BENCH_DATABASE_URL's server, default the
local one; dropped afterwards unless --keep) it loads content/ and a day's worth of learners
("today": 100 learners with 20 answers each, and one busy learner with 20 finished practice
quizzes, 200 answers, cards and review logs and 30 studied topics), times each page through
Django's whole stack (middleware, session, queries, template; DEBUG off, the connection pool on, as
in production; no network), then multiplies everything by --scale (facts per topic, questions in
the bank, learners, the busy learner's quizzes, answers, cards and reviews) and times them again.
A page whose queries or time grow with the data shows it in the last columns.
Pages: topic (the one citing the most facts), dashboard, practice home, practice question,
practice summary, mock exam question (of a 65-question sitting; "today" the learner sat 5 mock
exams), exam history, the due queue, search, and the instructor question list.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--scale", type=int, default=10, help="multiply today's data by this (default 10)")
parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (default 20)")
parser.add_argument("--learners", type=int, default=100, help="learners today (default 100)")
parser.add_argument("--content", default=str(ROOT / "content"), help="content folder (default content/)")
parser.add_argument("--keep", action="store_true", help="keep the scratch database")
args = parser.parse_args()

server = os.environ.get("BENCH_DATABASE_URL", harness.DEFAULT_SERVER)
name = f"pages_bench_{os.getpid()}"
url, _created = harness.create_database(server, name)
os.environ.update(
    DATABASE_URL=url, DJANGO_SETTINGS_MODULE="studyapp.settings", ALLOWED_HOSTS="testserver", DEBUG="false"
)

import django  # noqa: E402

django.setup()

import django.contrib.auth.models  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import INSTRUCTORS_GROUP, Profile, User  # noqa: E402
from bench.copy_content import copy_content  # noqa: E402
from quizzes.models import Answer, PracticeItem, PracticeQuiz, Question  # noqa: E402
from reviews.models import Card, ReviewLog  # noqa: E402
from topics.models import Fact, StudiedTopic, Topic  # noqa: E402

rng = random.Random(10)
NOW = timezone.now()


def learners(count: int) -> list[User]:
    run, unusable = uuid.uuid4().hex[:6], make_password(None)
    users = User.objects.bulk_create(
        User(email=f"l{i}-{run}@bench.example", password=unusable) for i in range(count)
    )
    Profile.objects.bulk_create(
        Profile(user=u, language="ko" if i % 2 else "en") for i, u in enumerate(users)
    )
    return users


def activity(
    user: User, questions: list[tuple[int, int, list, int]], quizzes: int, reviews_each: int = 1
) -> None:
    """Finished practice quizzes of 10 with their answers, a card per question and its review logs."""
    picked = questions[: quizzes * 10]  # fewer on a small bank (the tests' curriculum)
    quiz_rows = PracticeQuiz.objects.bulk_create(
        PracticeQuiz(
            user=user,
            scope="mixed",
            title_en="Mixed",
            title_ko="종합",
            size=len(picked[i : i + 10]),
            finished_at=NOW,
        )
        for i in range(0, len(picked), 10)
    )
    answers = Answer.objects.bulk_create(
        Answer(
            user=user,
            question_id=q,
            version_id=v,
            selected=[choices[0]["id"]],
            is_correct=rng.random() < 0.7,
            source="practice",
            answered_at=NOW - datetime.timedelta(days=rng.random() * 30),
        )
        for q, v, choices, _choose in picked
    )
    PracticeItem.objects.bulk_create(
        PracticeItem(
            quiz=quiz_rows[i // 10],
            position=i % 10 + 1,
            question_id=q,
            version_id=v,
            choice_order=[c["id"] for c in choices],
            answer=answer,
        )
        for i, ((q, v, choices, _c), answer) in enumerate(zip(picked, answers, strict=True))
    )
    cards = Card.objects.bulk_create(
        Card(
            user=user,
            question_id=q,
            state=2,
            stability=1 + rng.random() * 60,
            difficulty=1 + rng.random() * 9,
            due=NOW + datetime.timedelta(days=rng.random() * 40 - 10),
            last_review=a.answered_at,
            reps=reviews_each,
        )
        for (q, _v, _c, _ch), a in zip(picked, answers, strict=True)
    )
    ReviewLog.objects.bulk_create(
        (
            ReviewLog(
                card=card,
                user=user,
                answer=a if n == 0 else None,
                version_id=v,
                source="practice" if n == 0 else "review",
                rating=3,
                reviewed_at=a.answered_at + datetime.timedelta(days=n),
                state_before=min(n, 2),
                stability=card.stability,
                difficulty=card.difficulty,
                due=card.due,
            )
            for card, a, (_q, v, _c, _ch) in zip(cards, answers, picked, strict=True)
            for n in range(reviews_each)
        ),
        batch_size=5000,
    )


def bank(copy: int) -> list:
    questions = (
        Question.objects.published().filter(key__endswith=f"#{copy}")
        if copy
        else Question.objects.published().exclude(key__contains="#")
    )
    rows = list(questions.values_list("pk", "current_version_id", "current_version__choices", "choose"))
    rng.shuffle(rows)
    return rows


def fill(copy: int, busy: User) -> None:
    """Today's worth of learners and the busy learner's activity, on copy `copy` of the bank."""
    questions = bank(copy)
    for user in learners(args.learners):
        activity(user, rng.sample(questions, min(20, len(questions))), quizzes=2)
    activity(busy, questions, quizzes=20, reviews_each=2)


def sittings(busy: User, count: int) -> None:
    """Mock exams the busy learner sat (most questions answered, submitted), then one left running."""
    from exams import services as exams
    from exams.models import Attempt, Blueprint

    size = min(65, Question.objects.published().count())
    blueprint, _created = Blueprint.objects.get_or_create(
        slug="pages-bench",
        defaults={
            "title_en": "Bench",
            "title_ko": "벤치",
            "questions": size,
            "minutes": 130,
            "pass_scaled": 720,
        },
    )
    Attempt.objects.filter(user=busy, submitted_at__isnull=True).delete()
    for n in range(count + 1):
        attempt = exams.start(user=busy, blueprint=blueprint, rng=rng)
        for position in range(1, attempt.size + 1, 1 + (n % 3)):
            exams.save(user=busy, code=attempt.code, position=position, picks=[1])
        if n < count:
            exams.submit(attempt=attempt)


def pages(busy: User) -> dict[str, str]:
    from exams.models import Attempt

    topic = Topic.objects.annotate(n=django.db.models.Count("facts")).order_by("-n").first()
    sitting = Attempt.objects.get(user=busy, submitted_at__isnull=True)
    open_quiz = PracticeQuiz.objects.filter(user=busy, finished_at__isnull=True).first()
    done = PracticeQuiz.objects.filter(user=busy, finished_at__isnull=False).order_by("-pk").first()
    return {
        f"topic ({topic.facts.count()} facts)": f"/topics/{topic.slug}/",
        "dashboard": "/dashboard/",
        "practice home": "/practice/",
        "practice question": f"/practice/{open_quiz.code}/1/",
        "exam question": f"/exams/{sitting.code}/{(sitting.size + 1) // 2}/",
        "exam history": "/exams/history/",
        "practice summary": f"/practice/{done.code}/summary/",
        "due queue (/reviews/)": "/reviews/",
        "search": "/search/?q=Lambda",
        "instructor question list": "/authoring/questions/",
    }


def measure(client: Client, instructor: Client, busy: User) -> dict[str, dict]:
    figures = {}
    for page, path in pages(busy).items():
        client_of_page = instructor if path.startswith("/authoring/") else client
        response = client_of_page.get(path)  # warm: templates, translations, the pool
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client_of_page.get(path)
        queries = len(captured.captured_queries)  # now: the next request empties the log
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client_of_page.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        figures[page.split(" (")[0]] = {
            "label": page,
            "median": statistics.median(times),
            "p95": harness.percentile(times, 95),
            "queries": queries,
            "kb": len(response.content) / 1024,
        }
    return figures


def main() -> None:
    print(f"scratch database {name}; {harness.machine()}", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_content", path=args.content, stdout=io.StringIO())
    busy = learners(1)[0]
    StudiedTopic.objects.bulk_create(
        StudiedTopic(user=busy, topic=t) for t in Topic.objects.order_by("?")[:30]
    )
    fill(0, busy)
    PracticeQuiz.objects.create(user=busy, scope="mixed", title_en="Mixed", title_ko="종합", size=10)
    open_quiz = PracticeQuiz.objects.get(user=busy, finished_at__isnull=True)
    PracticeItem.objects.bulk_create(
        PracticeItem(
            quiz=open_quiz, position=i + 1, question_id=q, version_id=v, choice_order=[c["id"] for c in ch]
        )
        for i, (q, v, ch, _c) in enumerate(bank(0)[:10])
    )
    sittings(busy, 5)
    print(f"today's data in {time.perf_counter() - started:.0f} s", flush=True)
    client, instructor = Client(HTTP_HOST="testserver"), Client(HTTP_HOST="testserver")
    client.force_login(busy)
    teacher = learners(1)[0]
    teacher.groups.add(django.contrib.auth.models.Group.objects.get(name=INSTRUCTORS_GROUP))
    instructor.force_login(teacher)
    today = measure(client, instructor, busy)
    today_facts, today_questions = Fact.objects.count(), Question.objects.published().count()
    started, last_fact = time.perf_counter(), Fact.objects.order_by("pk").last().pk
    for copy in range(1, args.scale):
        copy_content(copy, last_fact)
        fill(copy, busy)
    sittings(busy, 5 * (args.scale - 1))
    connection.cursor().execute("ANALYZE")
    counts = {m.__name__: m.objects.count() for m in (User, Question, Fact, Answer, Card, ReviewLog)}
    print(f"x{args.scale} in {time.perf_counter() - started:.0f} s: {counts}", flush=True)
    assert (
        counts["Fact"] == args.scale * today_facts and counts["Question"] == args.scale * today_questions
    ), counts
    scaled = measure(client, instructor, busy)

    rows, readme = [], []
    for key, now in today.items():
        big = scaled[key]
        rows.append(
            [
                now["label"].split(" (")[0],
                f"{now['median']:.1f}",
                f"{now['queries']}",
                f"{big['median']:.1f}",
                f"{big['p95']:.1f}",
                f"{big['queries']}",
                f"{big['kb']:.0f}",
                f"{big['median'] / now['median']:.2f}",
            ]
        )
        readme.append(
            (
                f"{big['label']} at x{args.scale} data: server time (median), queries",
                f"{big['median']:.1f} ms, {big['queries']} queries (today: {now['median']:.1f} ms, {now['queries']})",
                "flat with data",
            )
        )
    print(
        f"\nserver time in ms (median of {args.repeat}), today's data and x{args.scale}, {harness.today()}, {harness.machine()}"
    )
    print(
        harness.table(
            [
                "page",
                "today ms",
                "today queries",
                f"x{args.scale} ms",
                f"x{args.scale} p95 ms",
                f"x{args.scale} queries",
                "KB",
                "growth",
            ],
            rows,
        )
    )
    print("\nREADME rows (Performance):\n" + harness.readme_rows(readme))
    print(f"\nRerun: {harness.rerun_command()}")


try:
    main()
finally:
    connections.close_all()
    if args.keep:
        print(f"kept {name}")
    else:
        harness.drop_database(server, name)
        print(f"dropped {name}")
