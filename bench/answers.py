"""Answer saves under load on gunicorn and PostgreSQL, side by side with a bare one-UPDATE view in the same run.

Run: .venv/bin/python bench/answers.py [--clients 100] [--seconds 10] [--rounds 2]
         [--takers 1000] [--duration 60] [--every 60] [--readers 0] [--only capacity|hall]

It starts gunicorn as production runs it (gunicorn.conf.py: 2 workers x 8 threads, DEBUG off, HTTPS
behind the TLS proxy, the database cache) on 127.0.0.1, against a PostgreSQL database of its own
(--database, default studyapp_bench, on the server of BENCH_DATABASE_URL, default the local one;
created, migrated and loaded with content/ on first use, kept for the next run; --fresh starts over),
signs in the learners, vacuums and analyses the database as autovacuum soon would (bench/learners.py settle), and
measures two views:

  bare      POST /bench/baseline/: sign-in check, CSRF and one UPDATE behind the same middleware
            (mounted only because the server runs with BENCH_BASELINE=true);
  practice  POST of a practice answer as htmx sends it, answered with its feedback fragment;
  exam      POST of a mock exam selection as htmx sends it, every learner sitting the same
            --questions questions at once (bench/exam_saves.py).

capacity  --clients clients posting back to back over keep-alive connections, in alternating rounds
          of --seconds per view: answers per second, and each / bare (target >= 0.70, issues 8 and 9).
hall      --takers takers each saving on average once per --every seconds at random (Poisson)
          moments for --duration seconds, open loop, a new connection per request, latency counted
          from the planned moment: p50, p95, p99 and errors (target for exam saves: p95 <= 50 ms and
          no errors, issue 9). --readers learners read topic pages and search meanwhile.

Afterwards every answer the server acknowledged (200) is looked up in the database: saved with the
choices sent and the version shown, and nothing half-written. The exit status is 1 when one is not.
On a busy machine the absolute figures drop; the ratios are measured in the same run, side by side.
"""

import argparse
import asyncio
import io
import json
import math
import os
import random
import sys
import tempfile
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.learners import settle, sign_in_learners  # noqa: E402
from bench.workloads import (  # noqa: E402
    Job,
    PracticeSaves,
    baseline_job,
    closed_loop,
    open_loop,
    poisson_moments,
    summarise,
)

SEARCHES = ["Global Accelerator", "스팟", "IP 차단", "placement group", "S3 lifecycle", "람다"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--clients", type=int, default=100, help="capacity: clients posting back to back (default 100)")
    add("--seconds", type=float, default=10, help="capacity: seconds per round and view (default 10)")
    add("--rounds", type=int, default=2, help="capacity: alternating rounds of each view (default 2)")
    add("--takers", type=int, default=1000, help="hall: simulated takers (default 1000)")
    add("--duration", type=float, default=60, help="hall: seconds per view (default 60)")
    add("--every", type=float, default=60, help="hall: mean seconds between one taker's saves (default 60)")
    add("--readers", type=int, default=0, help="hall: learners reading topics and searching meanwhile")
    add("--read-every", type=float, default=20, help="hall: mean seconds between one reader's pages")
    add("--only", choices=["capacity", "hall"], help="run one of the two")
    add("--scenarios", default="practice,exam", help="saves to measure beside the bare view (practice,exam)")
    add("--questions", type=int, default=65, help="exam: questions per attempt (default 65, as SAA-C03)")
    add("--database", default="studyapp_bench", help="the benchmark's database (default studyapp_bench)")
    add(
        "--server",
        default=os.environ.get("BENCH_DATABASE_URL", harness.DEFAULT_SERVER),
        help="PostgreSQL server URL (default BENCH_DATABASE_URL or the local server)",
    )
    add("--fresh", action="store_true", help="drop and recreate the database first")
    add("--content", default=str(ROOT / "content"), help="content folder loaded into a new database")
    add("--seed", type=int, default=2026, help="random seed of the hall's moments and the picks")
    add("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


def setup_django(args) -> str:
    url, _created = harness.create_database(args.server, args.database, fresh=args.fresh)
    # This process prepares and checks: plain connections, so a restarted PostgreSQL costs it nothing.
    os.environ.update(
        harness.server_env(url), DJANGO_SETTINGS_MODULE="studyapp.settings", DATABASE_POOL="false"
    )
    import django

    django.setup()
    from django.core.management import call_command

    from quizzes.models import Question

    call_command("migrate", verbosity=0)
    if not Question.objects.published().exists():
        print(f"loading {args.content} into {args.database} ...", flush=True)
        call_command("load_content", path=args.content, stdout=io.StringIO())
    return url


def capacity(args, base: str, clients, workloads: dict) -> dict:
    """Alternating rounds of each view, every client back to back: answers per second and the ratios."""
    bare_jobs = [baseline_job(c) for c in clients]
    practice_pools = [deque() for _ in clients]

    def bare(seconds, _rate):
        return [lambda j=j: j for j in bare_jobs]

    def practice(seconds, rate):  # items for 1.5 times the answers expected at the best rate so far
        need = math.ceil(1.5 * rate * seconds / len(clients)) + 3
        wanted = [(i, need - len(pool)) for i, pool in enumerate(practice_pools) if len(pool) < need]
        jobs = workloads["practice"].prepare([(clients[i], n) for i, n in wanted])
        for (i, _n), more in zip(wanted, jobs, strict=True):
            practice_pools[i].extend(more)
        return [lambda p=p: p.popleft() if p else None for p in practice_pools]

    def exam(seconds, _rate):
        return [workloads["exam"].endless(c) for c in clients]

    views = {"bare": bare, "practice": practice, "exam": exam}
    views = {name: views[name] for name in ["bare", *workloads]}
    best, warm = 0.0, {}
    for name, jobs in views.items():  # warm up: connections, templates, translations, the pool
        warm[name] = asyncio.run(closed_loop(base, jobs(2, best or 100), 2)).outcomes
        best = max(best, len(warm[name]) / 2)
    rounds = {name: [] for name in views}
    for _ in range(args.rounds):
        for name, jobs in views.items():
            clients_jobs = jobs(args.seconds, best)
            with harness.cpu_share() as cpu:
                run = asyncio.run(closed_loop(base, clients_jobs, args.seconds))
            best = max(best, summarise(run.outcomes, until=args.seconds)["ok"] / args.seconds)
            rounds[name].append((run, cpu["share"]))
    result, outcomes = {}, {}
    for view, runs in rounds.items():
        figures = summarise([o for run, _cpu in runs for o in run.outcomes if o.finished <= args.seconds])
        figures["per_second"] = round(figures["ok"] / (args.seconds * args.rounds), 1)
        figures["rounds"] = [
            round(summarise(r.outcomes, until=args.seconds)["ok"] / args.seconds, 1) for r, _ in runs
        ]
        figures["client_cpu"] = round(sum(c for _r, c in runs) / len(runs), 2)
        figures["starved"] = sum(r.starved for r, _ in runs)
        if view != "bare":
            figures["ratio"] = round(figures["per_second"] / max(result["bare"]["per_second"], 1e-9), 2)
            outcomes[view] = warm[view] + [o for run, _ in runs for o in run.outcomes]
        result[view] = figures
    return result, outcomes


def reading_plan(args, rng, readers) -> list[tuple[float, Job]]:
    from topics.models import Topic

    slugs = list(Topic.objects.values_list("slug", flat=True))
    plan = []
    for reader in readers:
        for moment in poisson_moments(rng, args.read_every, args.duration):
            path = (
                f"/topics/{rng.choice(slugs)}/"
                if rng.random() < 0.7
                else f"/search/?q={rng.choice(SEARCHES)}"
            )
            plan.append((moment, Job(reader, path, kind="read")))
    return plan


def hall(args, base: str, takers, readers, workloads: dict) -> tuple[dict, dict]:
    """Each view in turn, the same takers at the same random moments; readers alongside."""
    rng = random.Random(args.seed)
    moments = [poisson_moments(rng, args.every, args.duration) for _ in takers]
    reads = reading_plan(args, rng, readers)
    plans = {"bare": [(m, baseline_job(t)) for t, ms in zip(takers, moments, strict=True) for m in ms]}
    for name, workload in workloads.items():
        jobs = workload.prepare([(t, len(m)) for t, m in zip(takers, moments, strict=True)])
        plans[name] = [
            (m, j) for ms, js in zip(moments, jobs, strict=True) for m, j in zip(ms, js, strict=True)
        ]
    result, outcomes = {}, {}
    for view, plan in plans.items():
        with harness.cpu_share() as cpu:
            run = asyncio.run(open_loop(base, plan + reads))
        saves = [o for o in run.outcomes if o.job.kind == "save"]
        result[view] = summarise(saves) | {"client_cpu": round(cpu["share"], 2)}
        if reads:
            result[view + " readers"] = summarise([o for o in run.outcomes if o.job.kind == "read"])
        if view != "bare":
            outcomes[view] = saves
    return result, outcomes


TARGETS = {"practice": "issue 8", "exam": "issue 9"}


def report(args, figures: dict, checks: dict) -> None:
    print(f"\n{harness.today()}, {harness.machine()}; client CPU is this process's share of one core")
    rows = []
    if "capacity" in figures:
        cap = figures["capacity"]
        print(
            f"\ncapacity: {args.clients} clients back to back, {args.rounds} rounds x {args.seconds:g} s per view"
        )
        columns = ["view", "answers/s", "per round", "errors", "p50 ms", "p95 ms", "client CPU", "/ bare"]
        print(
            harness.table(
                columns,
                [
                    [
                        view,
                        f["per_second"],
                        " / ".join(map(str, f["rounds"])),
                        f["errors"],
                        f["p50"],
                        f["p95"],
                        f["client_cpu"],
                        f.get("ratio", ""),
                    ]
                    for view, f in cap.items()
                ],
            )
        )
        for view in checks:
            f = cap[view]
            print(f"{view} / bare: {f['ratio']:.2f} (target >= 0.70, {TARGETS[view]})")
            rows.append(
                (
                    f"{view} answer saves, {args.clients} clients back to back: answers/s ({view} / bare view)",
                    f"{f['per_second']:g} / {cap['bare']['per_second']:g} = **{f['ratio']:.2f}**",
                    ">= 0.70",
                )
            )
    if "hall" in figures:
        h = figures["hall"]
        print(
            f"\nhall: {args.takers} takers, one save per {args.every:g} s on average (Poisson), {args.duration:g} s"
            f" per view, open loop" + (f", {args.readers} readers" if args.readers else "")
        )
        columns = ["view", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "client CPU"]
        print(
            harness.table(
                columns,
                [
                    [
                        v,
                        f["requests"],
                        f["errors"],
                        f["p50"],
                        f["p95"],
                        f["p99"],
                        f["max"],
                        f.get("client_cpu", ""),
                    ]
                    for v, f in h.items()
                ],
            )
        )
        for view in checks:
            f = h[view]
            rows.append(
                (
                    f"{view} answer saves, hall of {args.takers} ({args.duration:g} s): p50 / p95 / p99, errors",
                    f"{f['p50']} / {f['p95']} / {f['p99']} ms, {f['errors']} errors (bare view: p95 {h['bare']['p95']} ms)",
                    "p95 <= 50 ms, no errors" if view == "exam" else "",
                )
            )
    for view, check in checks.items():
        print(
            f"\nverification, {view}: {check['acknowledged']} acknowledged saves, {check['lost']} lost or changed, "
            f"{check['changed_without_ack']} unacknowledged saves stored differently, {check['half_written']} "
            f"half-written, {check['quizzes_finished_wrongly']} quizzes with a wrong finish mark"
        )
    print("\nREADME rows (Performance):\n" + harness.readme_rows(rows))
    print(f"\nRerun: {harness.rerun_command()}")


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args)
    learners = sign_in_learners(max(args.clients, args.takers) + args.readers)
    rng = random.Random(args.seed)
    workloads = {}
    if "practice" in args.scenarios:
        workloads["practice"] = PracticeSaves(rng)
    if "exam" in args.scenarios:
        from bench.exam_saves import ExamSaves

        workloads["exam"] = ExamSaves(
            rng, learners[: max(args.clients, args.takers)], questions=args.questions
        )
    settle()
    figures, outcomes = {}, {name: [] for name in workloads}
    with tempfile.TemporaryDirectory() as folder:
        server = harness.Server(harness.server_env(os.environ["DATABASE_URL"]), Path(folder) / "gunicorn.log")
        try:
            server.start()
            base = f"http://127.0.0.1:{server.port}"
            if args.only in (None, "capacity"):
                figures["capacity"], saved = capacity(args, base, learners[: args.clients], workloads)
                for name, more in saved.items():
                    outcomes[name] += more
            if args.only in (None, "hall"):
                readers = learners[len(learners) - args.readers :] if args.readers else []
                figures["hall"], saved = hall(args, base, learners[: args.takers], readers, workloads)
                for name, more in saved.items():
                    outcomes[name] += more
        finally:
            server.stop()
    checks = {name: workload.verify(outcomes[name]) for name, workload in workloads.items()}
    report(args, figures, checks)
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures, "checks": checks}, indent=2))
    keys = ("lost", "changed_without_ack", "half_written", "quizzes_finished_wrongly")
    return 1 if any(check[key] for check in checks.values() for key in keys) else 0


if __name__ == "__main__":
    sys.exit(main())
