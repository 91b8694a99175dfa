"""A learner's mock exams at a glance (the dashboard's card): the one in progress, the latest result,
the best score per blueprint. One query (and the submission of an attempt whose time ran out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from exams import services
from exams.models import Attempt


@dataclass
class Overview:
    open: Attempt | None = None
    latest: Attempt | None = None
    best: list[Attempt] = field(default_factory=list)


def overview(user, now: datetime) -> Overview:
    attempts = Attempt.objects.filter(user=user).select_related("blueprint").order_by("-started_at")
    result = Overview()
    best: dict[int, Attempt] = {}
    for attempt in attempts:
        if attempt.is_expired(now):  # its time ran out since: submitted now, with what was saved
            attempt = services.close_if_expired(attempt, now=now)
        if attempt.submitted_at is None:
            result.open = attempt
            continue
        result.latest = result.latest or attempt
        current = best.get(attempt.blueprint_id)
        if current is None or attempt.scaled > current.scaled:
            best[attempt.blueprint_id] = attempt
    result.best = sorted(best.values(), key=lambda a: (not a.blueprint.official, a.blueprint.title_en))
    return result
