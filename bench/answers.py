"""Answer saves under load on gunicorn and PostgreSQL, side by side with a bare one-UPDATE view in the same run.

Run: .venv/bin/python bench/answers.py [--clients 100] [--seconds 10] [--rounds 2]
         [--takers 1000] [--duration 60] [--every 60] [--readers 0] [--only capacity|hall]

It starts gunicorn as production runs it (gunicorn.conf.py: 2 workers x 8 threads, DEBUG off, HTTPS
behind the TLS proxy, the database cache) on 127.0.0.1, against a PostgreSQL database of its own
(--database, default studyapp_bench, on the server of BENCH_DATABASE_URL, default the local one;
created, migrated and loaded with content/ on first use, kept for the next run; --fresh starts over),
signs in the learners and measures two views:

  bare      POST /bench/baseline/: sign-in check, CSRF and one UPDATE behind the same middleware
            (mounted only because the server runs with BENCH_BASELINE=true);
  practice  POST of a practice answer as htmx sends it, answered with its feedback fragment.

capacity  --clients clients posting back to back over keep-alive connections, in alternating rounds
          of --seconds per view: answers per second, and practice / bare (target >= 0.70, issue 8).
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


def capacity(args, base: str, clients, practice: PracticeSaves) -> dict:
    pools = [deque() for _ in clients]

    bare_jobs = [baseline_job(c) for c in clients]

    def bare_round(seconds):
        return asyncio.run(closed_loop(base, [lambda j=j: j for j in bare_jobs], seconds))

    def practice_round(seconds, rate):
        need = math.ceil(1.5 * rate * seconds / len(clients)) + 3  # items for 1.5 times the expected answers
        wanted = [(i, need - len(pool)) for i, pool in enumerate(pools) if len(pool) < need]
        jobs = practice.prepare([(clients[i], n) for i, n in wanted])
        for (i, _n), more in zip(wanted, jobs, strict=True):
            pools[i].extend(more)
        return asyncio.run(
            closed_loop(base, [lambda p=p: p.popleft() if p else None for p in pools], seconds)
        )

    warm = bare_round(2)  # connections, templates, translations, the pool
    practice_round(2, len(warm.outcomes) / 2)
    rounds, best = {"bare": [], "practice": []}, 0.0
    for _ in range(args.rounds):
        with harness.cpu_share() as cpu:
            bare = bare_round(args.seconds)
        best = max(best, summarise(bare.outcomes, until=args.seconds)["ok"] / args.seconds)
        rounds["bare"].append((bare, cpu["share"]))
        with harness.cpu_share() as cpu:
            answer = practice_round(args.seconds, best)
        rounds["practice"].append((answer, cpu["share"]))
    result = {}
    for view, runs in rounds.items():
        outcomes = [o for run, _cpu in runs for o in run.outcomes if o.finished <= args.seconds]
        figures = summarise(outcomes)
        figures["per_second"] = round(figures["ok"] / (args.seconds * args.rounds), 1)
        figures["rounds"] = [
            round(summarise(r.outcomes, until=args.seconds)["ok"] / args.seconds, 1) for r, _ in runs
        ]
        figures["client_cpu"] = round(sum(c for _r, c in runs) / len(runs), 2)
        figures["starved"] = sum(r.starved for r, _ in runs)
        result[view] = figures
    result["ratio"] = round(result["practice"]["per_second"] / max(result["bare"]["per_second"], 1e-9), 2)
    result["outcomes"] = [o for run, _ in rounds["practice"] for o in run.outcomes]
    return result


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


def hall(args, base: str, takers, readers, practice: PracticeSaves) -> dict:
    rng = random.Random(args.seed)
    moments = [poisson_moments(rng, args.every, args.duration) for _ in takers]
    reads = reading_plan(args, rng, readers)
    jobs = practice.prepare([(t, len(m)) for t, m in zip(takers, moments, strict=True)])
    plans = {
        "bare": [(m, baseline_job(t)) for t, ms in zip(takers, moments, strict=True) for m in ms],
        "practice": [
            (m, j) for ms, js in zip(moments, jobs, strict=True) for m, j in zip(ms, js, strict=True)
        ],
    }
    result = {}
    for view, plan in plans.items():
        with harness.cpu_share() as cpu:
            run = asyncio.run(open_loop(base, plan + reads))
        saves = [o for o in run.outcomes if o.job.kind == "save"]
        result[view] = summarise(saves) | {"client_cpu": round(cpu["share"], 2)}
        if reads:
            result[view + " readers"] = summarise([o for o in run.outcomes if o.job.kind == "read"])
        if view == "practice":
            result["outcomes"] = saves
    return result


def report(args, figures: dict, check: dict) -> None:
    latency = ["p50 ms", "p95 ms", "p99 ms", "max ms"]
    print(f"\n{harness.today()}, {harness.machine()}; client CPU is this process's share of one core")
    rows = []
    if "capacity" in figures:
        cap = figures["capacity"]
        print(
            f"\ncapacity: {args.clients} clients back to back, {args.rounds} rounds x {args.seconds:g} s per view"
        )
        print(
            harness.table(
                ["view", "answers/s", "per round", "errors", "p50 ms", "p95 ms", "client CPU"],
                [
                    [
                        view,
                        cap[view]["per_second"],
                        " / ".join(map(str, cap[view]["rounds"])),
                        cap[view]["errors"],
                        cap[view]["p50"],
                        cap[view]["p95"],
                        cap[view]["client_cpu"],
                    ]
                    for view in ("bare", "practice")
                ],
            )
        )
        print(f"practice / bare: {cap['ratio']:.2f} (target >= 0.70)")
        rows.append(
            (
                f"practice answer saves, {args.clients} clients: answers/s (practice / bare view)",
                f"{cap['practice']['per_second']:g} / {cap['bare']['per_second']:g} = **{cap['ratio']:.2f}**",
                ">= 0.70",
            )
        )
    if "hall" in figures:
        h = figures["hall"]
        print(
            f"\nhall: {args.takers} takers, one save per {args.every:g} s on average (Poisson), {args.duration:g} s"
            f" per view, open loop" + (f", {args.readers} readers" if args.readers else "")
        )
        views = [v for v in h if v != "outcomes"]
        print(
            harness.table(
                ["view", "requests", "errors", *latency, "client CPU"],
                [
                    [
                        v,
                        h[v]["requests"],
                        h[v]["errors"] or 0,
                        *(h[v][k] for k in ("p50", "p95", "p99", "max")),
                        h[v].get("client_cpu", ""),
                    ]
                    for v in views
                ],
            )
        )
        p = h["practice"]
        rows.append(
            (
                f"practice answer saves, hall of {args.takers} ({args.duration:g} s): p50 / p95 / p99, errors",
                f"{p['p50']} / {p['p95']} / {p['p99']} ms, {p['errors']} errors"
                f" (bare view: p95 {h['bare']['p95']} ms)",
                "p95 <= 50 ms, no errors",
            )
        )
    print(
        f"\nverification: {check['acknowledged']} acknowledged answers, {check['lost']} lost or changed, "
        f"{check['changed_without_ack']} unacknowledged saves stored differently, {check['half_written']} "
        f"half-written, {check['quizzes_finished_wrongly']} quizzes with a wrong finish mark"
    )
    print("\nREADME rows (Performance):\n" + harness.readme_rows(rows))
    print(f"\nRerun: {harness.rerun_command()}")


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args)
    learners = harness.sign_in_learners(max(args.clients, args.takers) + args.readers)
    practice = PracticeSaves(random.Random(args.seed))
    figures, outcomes = {}, []
    with tempfile.TemporaryDirectory() as folder:
        server = harness.Server(harness.server_env(os.environ["DATABASE_URL"]), Path(folder) / "gunicorn.log")
        try:
            server.start()
            base = f"http://127.0.0.1:{server.port}"
            if args.only in (None, "capacity"):
                figures["capacity"] = capacity(args, base, learners[: args.clients], practice)
                outcomes += figures["capacity"].pop("outcomes")
            if args.only in (None, "hall"):
                readers = learners[len(learners) - args.readers :] if args.readers else []
                figures["hall"] = hall(args, base, learners[: args.takers], readers, practice)
                outcomes += figures["hall"].pop("outcomes")
        finally:
            server.stop()
    check = practice.verify(outcomes)
    report(args, figures, check)
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures, "check": check}, indent=2))
    bad = (
        check["lost"]
        or check["changed_without_ack"]
        or check["half_written"]
        or check["quizzes_finished_wrongly"]
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
