"""Faults under load: the app must recover by itself and lose no acknowledged answer.

Run: .venv/bin/python bench/faults.py [--fault pg-restart|worker-kill|slow-clients|two-servers|all]
         [--takers 300] [--duration 20] [--every 10]

Everything runs on 127.0.0.1, bounded in time. By default on a private, throwaway PostgreSQL cluster
(initdb in a temporary folder, its own port), so restarting PostgreSQL disturbs nobody's databases;
--server URL uses that server instead and --restart-command restarts it (for the machine's own:
"pg_ctlcluster --skip-systemctl-redirect 15 main restart" — only on a machine nobody else uses).
Each fault gets fresh learners and gunicorn as in production (bench/harness.py), and a hall of
--takers takers saving answers at random moments (open loop, bench/answers.py) while
/healthz is asked every 0.25 s:

Half the takers sit a mock exam (the same questions for all, bench/exam_saves.py), half answer
practice questions.

  pg-restart    PostgreSQL restarted a third of the way in: the app answers 503 for a moment and
                is back by itself within --recover seconds, without being restarted.
  worker-kill   a gunicorn worker SIGKILLed a third of the way in: only its requests in flight fail,
                the master starts another; nothing half-written.
  slow-clients  --slow connections that send half their headers, or headers and part of a body,
                and stall (reopened whenever the server drops one), an upload announcing 1 GB and a
                chunked upload streaming as fast as it can, all through the run: no learner sees an
                error, /healthz keeps answering within a second, stalled connections are dropped.
  two-servers   two gunicorn servers on one database; one learner signs in and goes through a whole
                practice quiz and a whole mock exam alternating between them (page on one, answer on
                the other); a twin learner does the same on one server: same summary, result, cards.

After each hall every answer the server acknowledged is looked up in the database (bench/workloads.py).
The exit status is 1 when a fault's checks fail.
"""

import argparse
import asyncio
import json
import os
import random
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.answers import setup_django  # noqa: E402
from bench.learners import sign_in_learners  # noqa: E402
from bench.two_servers import two_servers  # noqa: E402
from bench.workloads import Job, PracticeSaves, open_loop, poisson_moments, summarise  # noqa: E402

FAULTS = ["pg-restart", "worker-kill", "slow-clients", "two-servers"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--fault", choices=[*FAULTS, "all"], default="all", help="the fault to inject (default all)")
    add("--takers", type=int, default=300, help="takers in the hall (default 300)")
    add("--duration", type=float, default=20, help="seconds of the hall (default 20)")
    add("--every", type=float, default=10, help="mean seconds between one taker's saves (default 10)")
    add("--recover", type=float, default=10, help="seconds the app may take to recover (default 10)")
    add("--slow", type=int, default=6, help="slow-clients: stalled connections at any time (default 6)")
    add("--quiz", type=int, default=10, help="two-servers: questions in the quiz and the exam (default 10)")
    add("--server", help="PostgreSQL server URL (default: a private cluster made for the run)")
    add("--restart-command", help="shell command restarting that server (pg-restart)")
    add("--database", default="studyapp_bench", help="database name (default studyapp_bench)")
    add("--content", default=str(ROOT / "content"), help="content folder loaded into a new database")
    add("--seed", type=int, default=15, help="random seed")
    add("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    args.fresh = False
    return args


def hall_plan(args, learners, practice):
    """Half the takers sit a mock exam (all the same questions), half answer practice questions."""
    from bench.exam_saves import ExamSaves

    rng = random.Random(args.seed)
    takers, prober = learners[:-1], learners[-1]
    exam = ExamSaves(rng, takers[1::2], questions=65)
    plan = []
    for group, workload in ((takers[::2], practice), (takers[1::2], exam)):
        moments = [poisson_moments(rng, args.every, args.duration) for _ in group]
        jobs = workload.prepare([(t, len(m)) for t, m in zip(group, moments, strict=True)])
        plan += [(m, j) for ms, js in zip(moments, jobs, strict=True) for m, j in zip(ms, js, strict=True)]
    probes = [(i * 0.25, Job(prober, "/healthz", kind="health")) for i in range(int(args.duration * 4))]
    return plan + probes, exam


def judge(args, run, fault_at: float | None, done_at: float | None) -> dict:
    saves = [o for o in run.outcomes if o.job.kind == "save"]
    health = [o for o in run.outcomes if o.job.kind == "health"]
    failed = sorted(o.planned for o in saves if o.status != 200)
    result = {
        "saves": summarise(saves),
        "healthz": summarise(health) | {"slowest_s": round(max((o.latency for o in health), default=0), 2)},
        "events": {k: round(v, 2) for k, v in run.events.items()},
    }
    if fault_at is not None:
        late = [o for o in saves if o.planned > done_at + args.recover and o.status != 200]
        result["failures_from_s"] = round(failed[0] - fault_at, 2) if failed else None
        result["failures_until_s"] = round(failed[-1] - done_at, 2) if failed else None
        result["failed_after_recovery"] = len(late)
    return result


async def pg_restart(args, server, plan, restart: str):
    at = args.duration / 3

    async def restart_postgres():
        process = await asyncio.create_subprocess_exec(
            *shlex.split(restart), stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
        )
        if await process.wait():
            raise RuntimeError(f"{restart} failed")

    run = await open_loop(f"http://127.0.0.1:{server.port}", plan, [(at, "restart", restart_postgres)])
    return run, run.events["restart"], run.events["restart done"]


async def worker_kill(args, server, plan):
    at = args.duration / 3

    async def kill():
        server.kill_worker()
        await asyncio.to_thread(server.wait_until_healthy, args.recover)

    run = await open_loop(f"http://127.0.0.1:{server.port}", plan, [(at, "kill", kill)])
    return run, run.events["kill"], run.events["kill"]


async def slow_clients(args, server, plan) -> tuple:
    """Stalled connections (reopened whenever the server drops one) and huge uploads, through the whole hall."""
    port, host = server.port, harness.HOST
    head = f"POST /accounts/login/ HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-Proto: https\r\n"
    stalled_body = (
        head + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogin="
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + args.duration
    answers, held = {}, []

    async def stall(partial: str) -> None:
        while loop.time() < deadline:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(partial.encode())
            opened = loop.time()
            try:
                await asyncio.wait_for(reader.read(), deadline - loop.time())  # until the server lets go
                held.append(loop.time() - opened)
            except TimeoutError:
                return
            finally:
                writer.close()

    async def announced_gigabyte():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                head + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1073741824\r\n\r\n"
            ).encode()
        )
        answers["announced 1 GB"] = (await asyncio.wait_for(reader.readline(), 5)).decode().strip()
        writer.close()

    async def chunked_stream():
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                head + "Content-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n"
            ).encode()
        )
        chunk, sent = b"%x\r\n%s\r\n" % (65536, b"x" * 65536), 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + args.duration
        try:
            while loop.time() < deadline and sent < 2**30:
                writer.write(chunk)
                await writer.drain()
                sent += 65536
        except OSError:
            pass  # the server closed it: what it should do
        answers["chunked upload"] = (
            f"{sent // 2**20} MB sent before {'closed' if sent < 2**30 else 'giving up'}"
        )
        writer.close()

    stalls = [stall(stalled_body if i % 2 else head[: len(head) // 2]) for i in range(args.slow)]
    background = [asyncio.create_task(c) for c in (*stalls, announced_gigabyte(), chunked_stream())]
    run = await open_loop(f"http://127.0.0.1:{server.port}", plan)
    await asyncio.gather(*background, return_exceptions=True)
    answers["stalled connections dropped by the server"] = len(held)
    answers["longest stall held s"] = round(max(held, default=0), 1)
    return run, answers


def hall_fault(args, name: str, practice, restart: str | None) -> dict:
    learners = sign_in_learners(args.takers + 1)
    plan, exam = hall_plan(args, learners, practice)
    with tempfile.TemporaryDirectory() as folder:
        server = harness.Server(harness.server_env(os.environ["DATABASE_URL"]), Path(folder) / "gunicorn.log")
        try:
            server.start()
            extra = {}
            if name == "pg-restart":
                run, at, done = asyncio.run(pg_restart(args, server, plan, restart))
            elif name == "worker-kill":
                run, at, done = asyncio.run(worker_kill(args, server, plan))
            else:
                (run, extra), at, done = asyncio.run(slow_clients(args, server, plan)), None, None
        finally:
            server.stop()
    from django.db import connections

    connections.close_all()  # the script's own connection did not survive a restart either
    result = judge(args, run, at, done) | ({"slow": extra} if extra else {})
    saves = [o for o in run.outcomes if o.job.kind == "save"]
    result["checks"] = {
        "practice": practice.verify([o for o in saves if o.job.path.startswith("/practice/")]),
        "exam": exam.verify([o for o in saves if o.job.path.startswith("/exams/")]),
    }
    check = result["check"] = {
        key: sum(c[key] for c in result["checks"].values()) for key in result["checks"]["exam"]
    }
    consistent = not (check["lost"] or check["changed_without_ack"] or check["half_written"])
    result["passed"] = (
        consistent
        and not check["quizzes_finished_wrongly"]
        and (
            result["saves"]["errors"] == 0 if name == "slow-clients" else result["failed_after_recovery"] == 0
        )
    )
    if name == "slow-clients":
        # Nothing waited behind a stalled connection until the server dropped it (a busy machine is slow,
        # but not that slow: the stalls last the whole IO timeout).
        slowest = max(result["healthz"]["slowest_s"], result["saves"]["max"] / 1000)
        result["passed"] &= result["healthz"]["errors"] == 0 and slowest < harness.CLIENT_IO_TIMEOUT - 2
        result["passed"] &= extra.get("announced 1 GB", "").startswith("HTTP/1.1 413")
        result["passed"] &= extra["longest stall held s"] <= harness.CLIENT_IO_TIMEOUT + 2
    return result


def report(args, results: dict) -> None:
    print(
        f"\n{harness.today()}, {harness.machine()}; hall of {args.takers} takers, a save per {args.every:g} s "
        f"on average, {args.duration:g} s, /healthz every 0.25 s"
    )
    rows = []
    for name, r in results.items():
        if name == "two-servers":
            continue
        c, s, h = r["check"], r["saves"], r["healthz"]
        window = "-"
        if r.get("failures_from_s") is not None:
            window = f"{r['failures_from_s']:+} s .. {r['failures_until_s']:+} s"
        rows.append(
            [
                name,
                s["requests"],
                s["errors"],
                s["statuses"] or "",
                window,
                h["statuses"] or "",
                h["slowest_s"],
                c["acknowledged"],
                c["lost"] + c["changed_without_ack"],
                c["half_written"],
                "yes" if r["passed"] else "NO",
            ]
        )
    if rows:
        print(
            harness.table(
                [
                    "fault",
                    "saves",
                    "failed",
                    "statuses",
                    "failures (from fault .. after it ended)",
                    "healthz non-200",
                    "slowest healthz s",
                    "acknowledged",
                    "lost",
                    "half-written",
                    "passed",
                ],
                rows,
            )
        )
    if "slow-clients" in results:
        print(f"slow clients: {json.dumps(results['slow-clients']['slow'], ensure_ascii=False)}")
    if "two-servers" in results:
        t = results["two-servers"]
        print(f"\ntwo servers, one learner through a {args.quiz}-question quiz and exam: {json.dumps(t)}")
    readme = [
        (
            f"fault: {n}",
            "passed" if r["passed"] else "FAILED",
            "no acknowledged answer lost; recovers by itself",
        )
        for n, r in results.items()
    ]
    print("\nREADME rows (Performance):\n" + harness.readme_rows(readme))
    print(f"\nRerun: {harness.rerun_command()}")


def main(argv=None) -> int:
    args = parse_args(argv)
    cluster = None
    if args.server is None:
        cluster = harness.Cluster().start()
        args.server, restart = cluster.server_url, cluster.restart_command
        print(f"private PostgreSQL cluster on 127.0.0.1:{cluster.port} in {cluster.folder}", flush=True)
    else:
        restart = args.restart_command or "pg_ctlcluster --skip-systemctl-redirect 15 main restart"
    try:
        setup_django(args)
        practice = PracticeSaves(random.Random(args.seed))
        results = {}
        for name in FAULTS if args.fault == "all" else [args.fault]:
            print(f"{name} ...", flush=True)
            if name == "two-servers":
                results[name] = two_servers(args)
            else:
                results[name] = hall_fault(args, name, practice, restart)
    finally:
        if cluster:
            from django.db import connections

            connections.close_all()
            cluster.remove()
    report(args, results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0 if all(r["passed"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
