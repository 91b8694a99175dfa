"""What the load benchmarks send, how they pace it, and the check that no acknowledged answer was lost.

- Jobs: one request of one learner; a save carries what must be in the database if the server
  acknowledges it (the item, the version the learner was shown, the choices sent).
- closed_loop: clients posting back to back (capacity). open_loop: requests sent at planned
  moments whatever happened to the earlier ones (an exam hall), latency counted from the planned
  moment, so a slow server cannot hide its delay by slowing the client down.
- PracticeSaves: practice items prepared in bulk (as start_practice leaves them) and the
  verification of every acknowledged answer afterwards. Django must be set up for these.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bench.harness import client_session, send
from bench.learners import Learner


@dataclass(frozen=True)
class Job:
    learner: Learner
    path: str
    data: tuple[tuple[str, str], ...] | None = None  # None: a GET
    kind: str = "save"
    # A save to verify: (item pk, version id shown, choices sent).
    ack: tuple[int, int, tuple[str, ...]] | None = None


@dataclass
class Outcome:
    job: Job
    status: int
    planned: float  # seconds since the start of the run
    sent: float
    finished: float
    origin: float = 0.0  # the run's start on time.perf_counter(): orders outcomes of different runs

    @property
    def sent_at(self) -> float:
        return self.origin + self.sent

    @property
    def finished_at(self) -> float:
        return self.origin + self.finished

    @property
    def latency(self) -> float:
        return self.finished - self.planned


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    events: dict[str, float] = field(default_factory=dict)  # fault name -> seconds since start
    starved: int = 0  # clients that ran out of prepared jobs


async def _do(session, base: str, job: Job, planned: float, start: float, run: Run) -> None:
    sent = time.perf_counter() - start
    status = await send(session, base + job.path, headers=job.learner.headers(job.path), data=job.data)
    run.outcomes.append(Outcome(job, status, planned, sent, time.perf_counter() - start, start))


async def closed_loop(base: str, clients: list[Callable[[], Job | None]], seconds: float) -> Run:
    """Every client sends its next job (None: it has run out) as soon as the previous answer is in."""
    run = Run()
    async with client_session(limit=len(clients)) as session:
        start = time.perf_counter()

        async def client(next_job: Callable[[], Job | None]) -> None:
            while (now := time.perf_counter() - start) < seconds:
                job = next_job()
                if job is None:
                    run.starved += 1
                    return
                await _do(session, base, job, now, start, run)

        await asyncio.gather(*(client(c) for c in clients))
    return run


async def open_loop(
    base: str,
    plan: list[tuple[float, Job]],
    events: list[tuple[float, str, Callable[[], Awaitable]]] = (),
) -> Run:
    """Send each job at its planned moment (seconds from now), and run each event (a fault) at its own.

    A new connection per request: a taker who saves once a minute finds gunicorn's keep-alive gone."""
    run = Run()
    async with client_session(limit=0, force_close=True) as session:
        start = time.perf_counter()

        async def event(at: float, name: str, action) -> None:
            await asyncio.sleep(max(0.0, at - (time.perf_counter() - start)))
            run.events[name] = time.perf_counter() - start
            await action()
            run.events[name + " done"] = time.perf_counter() - start

        background = [asyncio.create_task(event(*e)) for e in events]
        tasks = []
        for planned, job in sorted(plan, key=lambda p: p[0]):
            delay = planned - (time.perf_counter() - start)
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_do(session, base, job, planned, start, run)))
        await asyncio.gather(*tasks, *background)
    return run


def poisson_moments(rng: random.Random, every: float, duration: float) -> list[float]:
    """Moments in [0, duration) of a Poisson process averaging one per `every` seconds."""
    moments, t = [], rng.expovariate(1 / every)
    while t < duration:
        moments.append(t)
        t += rng.expovariate(1 / every)
    return moments


def baseline_job(learner: Learner) -> Job:
    return Job(learner, "/bench/baseline/", (("saved", "1"),))


def summarise(outcomes: list[Outcome], *, until: float | None = None) -> dict:
    """Count, errors and latency of a set of outcomes (those finished by `until`, when given)."""
    from bench.harness import latency_ms

    done = [o for o in outcomes if until is None or o.finished <= until]
    ok = [o for o in done if o.status == 200]
    statuses: dict[int, int] = {}
    for o in done:
        if o.status != 200:
            statuses[o.status] = statuses.get(o.status, 0) + 1
    return {"requests": len(done), "ok": len(ok), "errors": len(done) - len(ok), "statuses": statuses} | (
        latency_ms([o.latency for o in ok])
    )


class PracticeSaves:
    """Practice answers posted the way htmx posts them, with the feedback fragment in the answer."""

    name = "practice answer + feedback"

    def __init__(self, rng: random.Random):
        from quizzes.models import Question

        self.rng = rng
        self.bank = list(
            Question.objects.published().values_list(
                "pk", "current_version_id", "choose", "current_version__choices"
            )
        )
        if not self.bank:
            raise SystemExit("no published questions: load content first")

    def prepare(self, wanted: list[tuple[Learner, int]]) -> list[list[Job]]:
        """`count` unanswered items for each learner, in practice quizzes of up to 30, written in bulk."""
        from quizzes.models import PracticeItem, PracticeQuiz

        quizzes, sizes = [], []
        for learner, count in wanted:
            while count > 0:
                size = min(30, count, len(self.bank))
                count -= size
                quizzes.append(
                    PracticeQuiz(
                        user_id=learner.pk, scope="mixed", title_en="Mixed", title_ko="종합", size=size
                    )
                )
                sizes.append((learner, size))
        PracticeQuiz.objects.bulk_create(quizzes, batch_size=2000)
        items, jobs_of = [], {}
        for quiz, (learner, size) in zip(quizzes, sizes, strict=True):
            for position, (question_id, version_id, choose, choices) in enumerate(
                self.rng.sample(self.bank, size), start=1
            ):
                order = [c["id"] for c in choices]
                self.rng.shuffle(order)
                items.append(
                    PracticeItem(
                        quiz=quiz,
                        position=position,
                        question_id=question_id,
                        version_id=version_id,
                        choice_order=order,
                    )
                )
                jobs_of.setdefault(learner.pk, []).append((quiz.code, position, version_id, order[:choose]))
        PracticeItem.objects.bulk_create(items, batch_size=2000)
        by_key = {(item.quiz.code, item.position): item.pk for item in items}
        result = []
        for learner, _count in wanted:
            result.append(
                [
                    Job(
                        learner,
                        f"/practice/{code}/{position}/",
                        tuple(("choice", c) for c in picks),
                        ack=(by_key[code, position], version_id, tuple(sorted(picks))),
                    )
                    for code, position, version_id, picks in jobs_of.get(learner.pk, [])
                ]
            )
        return result

    @staticmethod
    def verify(outcomes: list[Outcome]) -> dict:
        """Every acknowledged save in the database as sent; no other save changed; nothing half-written."""
        from django.db.models import Exists, OuterRef

        from quizzes.models import Answer, PracticeItem, PracticeQuiz

        sent = {o.job.ack[0]: o for o in outcomes if o.job.ack}
        stored = {
            pk: (version, tuple(selected or ()), answer_version)
            for pk, version, selected, answer_version in PracticeItem.objects.filter(pk__in=sent).values_list(
                "pk", "version_id", "answer__selected", "answer__version_id"
            )
        }
        acknowledged = lost = changed = 0
        for pk, outcome in sent.items():
            _pk, version_shown, picks = outcome.job.ack
            version, selected, answer_version = stored[pk]
            saved_as_sent = selected == picks and answer_version == version_shown == version
            if outcome.status == 200:
                acknowledged += 1
                lost += not saved_as_sent
            elif selected:  # no acknowledgement: saved as sent or not at all
                changed += not saved_as_sent
        open_items = PracticeItem.objects.filter(quiz=OuterRef("pk"), answer__isnull=True)
        return {
            "sent": len(sent),
            "acknowledged": acknowledged,
            "lost": lost,
            "changed_without_ack": changed,
            "saved_without_ack": sum(1 for pk, o in sent.items() if o.status != 200 and stored[pk][1]),
            # An answer without the item that points at it, or without its review log (the card's change).
            "half_written": Answer.objects.filter(practice_item__isnull=True, source="practice").count()
            + Answer.objects.filter(review_log__isnull=True).count(),
            "quizzes_finished_wrongly": PracticeQuiz.objects.filter(finished_at__isnull=True)
            .exclude(Exists(open_items))
            .count()
            + PracticeQuiz.objects.filter(finished_at__isnull=False).filter(Exists(open_items)).count(),
        }
