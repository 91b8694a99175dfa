"""Refresh the item statistics from every submitted mock exam (the background task calls this).

Reads the scored items of submitted attempts in one streamed query, computes with exams.itemstats and
replaces the stored figures in one transaction; questions whose latest measured version needs checking
get `Question.needs_checking` (the authoring list filters on it), the others lose it.

Time per item is not recorded as such: it is estimated as the time from the attempt's previous save
(or its start) to the item's last save, in the order the learner saved them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from exams import itemstats
from exams.models import AttemptItem, BlueprintStatistic, ItemStatistic
from quizzes.models import Question, QuestionVersion


@dataclass
class Refreshed:
    items: int
    blueprints: int
    flagged: int


def _sittings() -> list[itemstats.Sitting]:
    rows = (
        AttemptItem.objects.filter(attempt__submitted_at__isnull=False, scored=True)
        .order_by("attempt_id", "saved_at", "position")
        .values_list(
            "attempt_id", "attempt__blueprint_id", "attempt__started_at", "version_id", "is_correct", "selected",
            "saved_at",
        )
    )  # fmt: skip
    by_attempt: dict[int, dict] = {}
    for attempt_id, blueprint_id, started_at, version_id, correct, selected, saved_at in rows.iterator(2000):
        entry = by_attempt.setdefault(
            attempt_id, {"blueprint": blueprint_id, "last": started_at, "responses": []}
        )
        seconds = None
        if saved_at is not None:
            seconds = max(0.0, (saved_at - entry["last"]).total_seconds())
            entry["last"] = saved_at
        entry["responses"].append(
            itemstats.Response(version_id, bool(correct), tuple(selected or ()), seconds)
        )
    return [itemstats.Sitting(e["blueprint"], tuple(e["responses"])) for e in by_attempt.values()]


@transaction.atomic
def refresh() -> Refreshed:
    """Recompute every item and blueprint statistic from the submitted attempts."""
    sittings = _sittings()
    versions = {r.version for s in sittings for r in s.responses}
    info = {
        pk: (question_id, number, {c["id"] for c in choices if c["correct"]})
        for pk, question_id, number, choices in QuestionVersion.objects.filter(pk__in=versions).values_list(
            "pk", "question_id", "number", "choices"
        )
    }
    items = itemstats.item_results(sittings, {pk: key for pk, (_q, _n, key) in info.items()})
    blueprints = itemstats.blueprint_results(sittings, items)
    now = timezone.now()
    ItemStatistic.objects.all().delete()
    ItemStatistic.objects.bulk_create(
        ItemStatistic(
            question_id=info[r.version][0], version_id=r.version, attempts=r.attempts, facility=r.facility,
            discrimination=r.discrimination, pick_rates=r.pick_rates, median_seconds=r.median_seconds,
            reasons=r.reasons, needs_checking=r.needs_checking, computed_at=now,
        )
        for r in items.values()
    )  # fmt: skip
    BlueprintStatistic.objects.all().delete()
    BlueprintStatistic.objects.bulk_create(
        BlueprintStatistic(
            blueprint_id=b.blueprint, attempts=b.attempts, mean=b.mean, spread=b.spread, alpha=b.alpha,
            scores=b.scores, computed_at=now,
        )
        for b in blueprints.values()
    )  # fmt: skip
    # A question is judged by its newest version with enough attempts to say anything.
    latest: dict[int, tuple[int, bool]] = {}
    for result in items.values():
        question_id, number, _key = info[result.version]
        if result.attempts >= itemstats.MIN_ATTEMPTS and number > latest.get(question_id, (0, False))[0]:
            latest[question_id] = (number, result.needs_checking)
    flagged = [question_id for question_id, (_n, needs) in latest.items() if needs]
    Question.objects.filter(needs_checking=True).exclude(pk__in=flagged).update(needs_checking=False)
    Question.objects.filter(pk__in=flagged).update(needs_checking=True)
    return Refreshed(items=len(items), blueprints=len(blueprints), flagged=len(flagged))


def pick_rows(statistic: ItemStatistic) -> list[dict]:
    """The version's choices in order with their pick rates, for the bar chart."""
    rows = []
    for number, choice in enumerate(statistic.version.choices, start=1):
        rows.append(
            {
                "number": number,
                "choice": choice,
                "rate": statistic.pick_rates.get(choice["id"], 0.0),
                "correct": choice["correct"],
            }
        )
    return rows


def histogram(scores: list[float], bins: int = 10) -> list[int]:
    """How many attempts scored in each tenth of 0-100 percent."""
    counts = defaultdict(int)
    for score in scores:
        counts[min(bins - 1, int(score // (100 / bins)))] += 1
    return [counts[i] for i in range(bins)]
