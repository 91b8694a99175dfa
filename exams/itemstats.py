"""Item statistics of mock exams, from plain values (Django-free, so it is tested without a database).

Classical test theory on the scored items of submitted attempts:
- **facility**: the share of attempts that got the item right (its p-value);
- **discrimination**: the point-biserial correlation between getting the item right and the learner's
  score on the *rest* of the attempt (the share right of its other scored items), so the item does not
  correlate with itself;
- **choice pick rates**: how often each choice was selected, among the attempts that showed the item;
- **median time**: the median seconds spent on the item;
- **needs checking**: with enough attempts, a discrimination below `LOW_DISCRIMINATION` (zero or negative
  included: strong learners miss it as often as weak ones), or a distractor picked more often than a key.

Per blueprint: the mean and standard deviation of the attempts' percent scores and Cronbach's alpha.
Mock exams draw different questions for each learner, so alpha is computed as KR-20 with each attempt's
own items: alpha = k/(k-1) * (1 - mean over attempts of sum(p_i * (1 - p_i)) / variance of the raw scores),
k being the mean number of scored items. When every attempt has the same items this is exactly Cronbach's
alpha (KR-20) of that form.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

LOW_DISCRIMINATION = 0.2
MIN_ATTEMPTS = 5  # fewer attempts say too little to flag an item


@dataclass(frozen=True)
class Response:
    """One scored item of one submitted attempt."""

    version: int
    correct: bool
    selected: tuple[str, ...]
    seconds: float | None = None


@dataclass(frozen=True)
class Sitting:
    blueprint: int
    responses: tuple[Response, ...]


@dataclass
class ItemResult:
    version: int
    attempts: int
    facility: float
    discrimination: float | None
    pick_rates: dict[str, float]
    median_seconds: float | None
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_checking(self) -> bool:
        return bool(self.reasons)


@dataclass
class BlueprintResult:
    blueprint: int
    attempts: int
    mean: float  # percent right
    spread: float  # standard deviation of percent right
    alpha: float | None
    scores: list[float]  # each attempt's percent right, for the histogram


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r (the point-biserial when one variable is 0/1); None when either does not vary."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def item_results(sittings: list[Sitting], keys: dict[int, set[str]]) -> dict[int, ItemResult]:
    """Statistics per version, `keys` giving each version's correct choice ids."""
    scores: dict[int, list[float]] = defaultdict(list)
    rests: dict[int, list[float]] = defaultdict(list)
    picks: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seconds: dict[int, list[float]] = defaultdict(list)
    for sitting in sittings:
        right = sum(r.correct for r in sitting.responses)
        others = len(sitting.responses) - 1
        for response in sitting.responses:
            scores[response.version].append(float(response.correct))
            # The share right of the attempt's other items (an attempt of one item has no rest: 0).
            rests[response.version].append((right - response.correct) / others if others else 0.0)
            for choice in response.selected:
                picks[response.version][choice] += 1
            if response.seconds is not None:
                seconds[response.version].append(response.seconds)
    results = {}
    for version, item_scores in scores.items():
        attempts = len(item_scores)
        rates = {choice: count / attempts for choice, count in picks[version].items()}
        result = ItemResult(
            version=version,
            attempts=attempts,
            facility=sum(item_scores) / attempts,
            discrimination=correlation(item_scores, rests[version]),
            pick_rates=rates,
            median_seconds=statistics.median(seconds[version]) if seconds[version] else None,
        )
        result.reasons = _reasons(result, keys.get(version, set()))
        results[version] = result
    return results


def _reasons(result: ItemResult, key: set[str]) -> list[str]:
    if result.attempts < MIN_ATTEMPTS:
        return []
    reasons = []
    if result.discrimination is not None and result.discrimination < LOW_DISCRIMINATION:
        reasons.append("negative discrimination" if result.discrimination < 0 else "low discrimination")
    key_rate = min((result.pick_rates.get(choice, 0.0) for choice in key), default=0.0)
    if any(rate > key_rate for choice, rate in result.pick_rates.items() if choice not in key):
        reasons.append("a distractor outdraws the key")
    return reasons


def blueprint_results(sittings: list[Sitting], items: dict[int, ItemResult]) -> dict[int, BlueprintResult]:
    by_blueprint: dict[int, list[Sitting]] = defaultdict(list)
    for sitting in sittings:
        if sitting.responses:
            by_blueprint[sitting.blueprint].append(sitting)
    results = {}
    for blueprint, group in by_blueprint.items():
        percents = [100 * sum(r.correct for r in s.responses) / len(s.responses) for s in group]
        raw = [float(sum(r.correct for r in s.responses)) for s in group]
        results[blueprint] = BlueprintResult(
            blueprint=blueprint,
            attempts=len(group),
            mean=statistics.fmean(percents),
            spread=statistics.pstdev(percents) if len(percents) > 1 else 0.0,
            alpha=_alpha(group, raw, items),
            scores=percents,
        )
    return results


def _alpha(group: list[Sitting], raw: list[float], items: dict[int, ItemResult]) -> float | None:
    """KR-20 with each attempt's own items (Cronbach's alpha for 0/1 items); None when it is undefined."""
    if len(group) < 2:
        return None
    k = statistics.fmean(len(s.responses) for s in group)
    variance = statistics.pvariance(raw)
    if k <= 1 or variance == 0:
        return None
    # An item met by one sitting has no variance of its own to estimate: with such items the formula
    # runs above 1 (every item "perfectly consistent"), so say nothing rather than something wrong.
    if any(items[r.version].attempts < 2 for s in group for r in s.responses):
        return None
    item_variance = statistics.fmean(
        sum(items[r.version].facility * (1 - items[r.version].facility) for r in s.responses) for s in group
    )
    return k / (k - 1) * (1 - item_variance / variance)
