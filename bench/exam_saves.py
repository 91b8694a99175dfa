"""Mock exam answer saves under load: a class sitting the same questions at once (bench/answers.py).

Every learner gets a running attempt of one blueprint ("bench-hall", not offered to learners; the
official exam's length, 65 questions, or fewer on a small bank). The first attempt is assembled by
exams.services.start; the others get its very questions and versions, each with choices in an order
of its own, as a class sitting the same exam would. A save is what the exam page's htmx posts:
`answering=1` and the choices by their number on the page. Saves go through the questions in
order, round and round (the last write wins), so the check afterwards compares each question's
stored selection with the last acknowledged save of it (or a later one still in flight).
Django must be set up.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from bench.learners import Learner
from bench.workloads import Job, Outcome

BLUEPRINT = "bench-hall"


class ExamSaves:
    name = "exam answer save"

    def __init__(self, rng: random.Random, learners: list[Learner], *, questions: int = 65):
        from django.utils import timezone

        from accounts.models import User
        from exams import services
        from exams.models import Attempt, AttemptItem, Blueprint
        from quizzes.models import Question

        self.rng = rng
        size = min(questions, Question.objects.published().count())
        blueprint, _created = Blueprint.objects.update_or_create(
            slug=BLUEPRINT,
            defaults={
                "title_en": "Bench hall",
                "title_ko": "벤치 시험장",
                "questions": size,
                "minutes": 130,
                "pass_scaled": 720,
                "is_active": False,
                "exam": None,
                "official": False,
            },
        )
        first = services.start(user=User.objects.get(pk=learners[0].pk), blueprint=blueprint, rng=rng)
        template = list(first.items.order_by("position"))
        now = timezone.now()
        attempts = Attempt.objects.bulk_create(
            Attempt(
                user_id=learner.pk,
                blueprint=blueprint,
                size=first.size,
                minutes=first.minutes,
                pass_scaled=first.pass_scaled,
                started_at=now,
                deadline=now + timedelta(minutes=first.minutes),
            )
            for learner in learners[1:]
        )
        items = []
        for attempt in attempts:
            for item in template:
                order = list(item.choice_order)
                rng.shuffle(order)
                items.append(
                    AttemptItem(
                        attempt=attempt,
                        position=item.position,
                        question_id=item.question_id,
                        version_id=item.version_id,
                        domain_id=item.domain_id,
                        choose=item.choose,
                        choice_order=order,
                    )
                )
        AttemptItem.objects.bulk_create(items, batch_size=5000)
        self.items: dict[int, list[tuple]] = {}
        rows = AttemptItem.objects.filter(attempt__in=[first, *attempts]).values_list(
            "attempt__user_id", "attempt__code", "pk", "position", "version_id", "choose", "choice_order"
        )
        for user_id, code, pk, position, version, choose, order in rows.order_by("attempt", "position"):
            self.items.setdefault(user_id, []).append((code, pk, position, version, choose, order))
        self.size = first.size

    def endless(self, learner: Learner) -> Callable[[], Job]:
        """The learner's saves, one question after the other from a random one, round and round."""
        items, rng = self.items[learner.pk], self.rng
        state = {"next": rng.randrange(len(items))}

        def next_job() -> Job:
            code, pk, position, version, choose, order = items[state["next"] % len(items)]
            state["next"] += 1
            numbers = sorted(rng.sample(range(1, len(order) + 1), choose))
            data = (("answering", "1"), *(("choice", str(n)) for n in numbers))
            picked = tuple(sorted(order[n - 1] for n in numbers))
            return Job(learner, f"/exams/{code}/{position}/answer/", data, ack=(pk, version, picked))

        return next_job

    def prepare(self, wanted: list[tuple[Learner, int]]) -> list[list[Job]]:
        result = []
        for learner, count in wanted:
            next_job = self.endless(learner)
            result.append([next_job() for _ in range(count)])
        return result

    @staticmethod
    def verify(outcomes: list[Outcome]) -> dict:
        """Each question's stored selection is its last acknowledged save's, or one sent while that one was
        still on its way; a question never acknowledged holds nothing or one of the saves sent to it."""
        from exams.models import AttemptItem

        by_item: dict[int, list[Outcome]] = {}
        for outcome in outcomes:
            by_item.setdefault(outcome.job.ack[0], []).append(outcome)
        stored = {
            pk: (version, tuple(selected), set(order))
            for pk, version, selected, order in AttemptItem.objects.filter(pk__in=by_item).values_list(
                "pk", "version_id", "selected", "choice_order"
            )
        }
        acknowledged = lost = changed = saved_without_ack = broken = 0
        for pk, saves in by_item.items():
            version, selected, order = stored[pk]
            broken += not set(selected) <= order
            acked = [o for o in saves if o.status == 200]
            acknowledged += len(acked)
            shown = saves[0].job.ack[1]
            if acked:
                last = max(acked, key=lambda o: o.sent_at)
                # The last acknowledged save, or one still on its way when that one was sent.
                allowed = {o.job.ack[2] for o in saves if o.finished_at >= last.sent_at}
                lost += selected not in allowed or version != shown
            elif selected:
                saved_without_ack += 1
                changed += selected not in {o.job.ack[2] for o in saves} or version != shown
        return {
            "sent": len(outcomes),
            "acknowledged": acknowledged,
            "lost": lost,
            "changed_without_ack": changed,
            "saved_without_ack": saved_without_ack,
            "half_written": broken,
            "quizzes_finished_wrongly": 0,
        }
