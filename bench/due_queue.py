"""Time the review session's due queue on 1,000,000 cards across 10,000 learners, in PostgreSQL.

Run: .venv/bin/python bench/due_queue.py [--learners 10000] [--cards 100] [--runs 40] [--repeat 5] [--keep]

It creates a scratch database (reviews_bench_<pid>) next to the one BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres) points at, migrates it, fills it with generate_series
(learners, questions, cards with due dates from 10 days overdue to 60 days ahead, and one review
log per card), then measures the due-queue page (/reviews/ with a learner signed in) through the
whole Django stack: middleware, session, queries and template. It prints the median and 95th
percentile server time over `--runs` learners x `--repeat` requests (target: a median of 10 ms or
less), the queries of one request, and EXPLAIN ANALYZE of the due-card query, which
must use the (user, due) index. The scratch database is dropped at the end unless --keep.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--learners", type=int, default=10_000, help="learners to create (default 10000)")
parser.add_argument("--cards", type=int, default=100, help="cards per learner (default 100)")
parser.add_argument("--questions", type=int, default=2_000, help="questions in the bank (default 2000)")
parser.add_argument("--runs", type=int, default=40, help="learners whose page is timed (default 40)")
parser.add_argument("--repeat", type=int, default=5, help="timed requests per learner (default 5)")
parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
parser.add_argument("--database", help="time an existing database kept with --keep (no fill, not dropped)")
args = parser.parse_args()

import psycopg  # noqa: E402

admin_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
name = args.database or f"reviews_bench_{os.getpid()}"
parts = urlsplit(admin_url)
bench_url = urlunsplit(parts._replace(path=f"/{name}"))
if not args.database:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
os.environ.update(
    DATABASE_URL=bench_url,
    DJANGO_SETTINGS_MODULE="studyapp.settings",
    ALLOWED_HOSTS="testserver",
    DATABASE_POOL="true",  # as in production: connections are reused, not opened per request
    DEBUG="false",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from reviews.models import Card, ReviewSettings  # noqa: E402
from reviews.queue import day_bounds  # noqa: E402

FILL = """
INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active, date_joined, email)
SELECT '!', false, '', '', false, true, now(), 'learner' || g || '@bench.example' FROM generate_series(1, %(learners)s) g;

INSERT INTO quizzes_question
  (code, key, form, kind, choose, status, origin, qualifier, app_owned, tags, needs_checking, created_at, updated_at)
SELECT gen_random_uuid(), 'bench:' || g, 'bench', 'single', 1, 'published', 'authored', '', false, '[]', false,
       now(), now()
FROM generate_series(1, %(questions)s) g;

INSERT INTO quizzes_questionversion
  (question_id, number, digest, stem_en, stem_ko, explanation_en, explanation_ko, choices, sources, note, created_at)
SELECT q.id, 1, md5(q.key), 'Which option meets the requirement in question ' || q.id || '?',
       q.id || '번 문제의 요구 사항을 충족하는 것은 무엇인가?', 'Because.', '그렇기 때문입니다.',
       jsonb_build_array(
         jsonb_build_object('id', 'a' || q.id, 'text_en', 'Option A', 'text_ko', '보기 A', 'correct', true, 'why_en', 'Yes.', 'why_ko', '네.'),
         jsonb_build_object('id', 'b' || q.id, 'text_en', 'Option B', 'text_ko', '보기 B', 'correct', false, 'why_en', 'No.', 'why_ko', '아니요.'),
         jsonb_build_object('id', 'c' || q.id, 'text_en', 'Option C', 'text_ko', '보기 C', 'correct', false, 'why_en', 'No.', 'why_ko', '아니요.'),
         jsonb_build_object('id', 'd' || q.id, 'text_en', 'Option D', 'text_ko', '보기 D', 'correct', false, 'why_en', 'No.', 'why_ko', '아니요.')),
       '[]', '', now()
FROM quizzes_question q;

UPDATE quizzes_question q SET current_version_id = v.id FROM quizzes_questionversion v WHERE v.question_id = q.id;

-- Each learner's cards are distinct questions (101 is coprime with the bank size); 85 %% are in review,
-- the rest learning or relearning; due dates run from 10 days overdue to 60 days ahead.
INSERT INTO reviews_card
  (code, user_id, question_id, state, step, stability, difficulty, due, last_review, reps, lapses, leech, suspended, created_at)
SELECT gen_random_uuid(), u.id, q.id, s.state, CASE WHEN s.state = 2 THEN NULL ELSE 0 END,
       s.stability, 1 + random() * 9, s.due, s.due - make_interval(secs => s.stability * 86400),
       1 + (random() * 10)::int, (random() * 3)::int, false, false, now()
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user) u
CROSS JOIN generate_series(1, %(cards)s) AS k(n)
JOIN quizzes_question q ON q.id = (SELECT min(id) FROM quizzes_question) + ((u.n * 37 + k.n * 101) %% %(questions)s)
CROSS JOIN LATERAL (
  SELECT CASE WHEN random() < 0.85 THEN 2 WHEN random() < 0.5 THEN 1 ELSE 3 END AS state,
         0.5 + random() * 200 AS stability,
         now() + make_interval(secs => (random() * 70 - 10) * 86400) AS due
  WHERE k.n > 0 AND u.id > 0  -- refers to both outer rows, so random() is drawn for every card
) s;

INSERT INTO reviews_reviewlog
  (code, card_id, user_id, version_id, source, rating, reviewed_at, state_before, stability, difficulty, due)
SELECT gen_random_uuid(), c.id, c.user_id, q.current_version_id, 'review', 3, c.last_review, 2,
       c.stability, c.difficulty, c.due
FROM reviews_card c JOIN quizzes_question q ON q.id = c.question_id;

ANALYZE;
"""


def fill() -> float:
    started = time.perf_counter()
    # Whole numbers from the command line, formatted in: several statements cannot take bound parameters.
    sql = FILL % {"learners": int(args.learners), "cards": int(args.cards), "questions": int(args.questions)}
    with connection.cursor() as cursor:
        cursor.execute(sql)
    return time.perf_counter() - started


def main() -> None:
    load = os.getloadavg()
    print(f"scratch database {name}; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    call_command("migrate", verbosity=0)  # a kept database catches up with newer migrations
    if not args.database:
        seconds = fill()
        print(f"filled in {seconds:.1f} s")
    print(f"{User.objects.count():,} learners, {Card.objects.count():,} cards")

    # No setup_test_environment(): its instrumented template rendering (contexts copied for the test
    # client) is test-only overhead a real server does not have.
    learners = list(User.objects.order_by("?").values_list("pk", flat=True)[: args.runs])
    clients = []
    for pk in learners:
        client = Client()
        client.force_login(User.objects.get(pk=pk))
        client.get("/reviews/")  # warm the connection, templates and translations
        clients.append(client)
    timings, cpu = [], []
    for _ in range(args.repeat):
        for client in clients:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get("/reviews/")
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(
        f"\nGET /reviews/ (the due queue and the next card), {len(clients)} learners x {args.repeat} requests:"
    )
    print(
        f"  median {statistics.median(timings):.2f} ms   p95 {p95:.2f} ms   min {timings[0]:.2f} ms   max {timings[-1]:.2f} ms"
    )
    print(
        f"  of which CPU time in Django (this process, not PostgreSQL's): median {statistics.median(cpu):.2f} ms"
    )
    print("  target: median <= 10 ms")

    user = User.objects.get(pk=learners[0])
    with CaptureQueriesContext(connection) as captured:
        clients[0].get("/reviews/")
    print(f"\nqueries of one request: {len(captured.captured_queries)}")
    for query in captured.captured_queries:
        print(f"  {float(query['time']) * 1000:6.2f} ms  {query['sql'][:110]}")

    _start, end = day_bounds(timezone.now())
    due = Card.objects.due_before(user, end).values_list(
        "pk", "code", "state", "due", "stability", "last_review"
    )
    print(f"\nEXPLAIN ANALYZE of the due-card query ({due.count()} cards due today for one learner):")
    plan = due.explain(analyze=True, buffers=True)
    print("  " + plan.replace("\n", "\n  "))
    assert "card_user_due" in plan, "the (user, due) index was not used"
    settings = ReviewSettings.for_user(user)
    print(
        f"\nlearner settings: retention {settings.desired_retention}, max reviews {settings.max_reviews_per_day}"
    )
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


try:
    main()
finally:
    connections.close_all()
    if args.keep or args.database:
        print(f"kept {name}: rerun with --database {name}")
    else:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped {name}")
