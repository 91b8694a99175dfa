"""Scoring a mock exam: all-or-nothing items, raw score, an estimated scaled score, domain shares.

Django-free: plain values in and out.

AWS reports results on a 100-1000 scale and does not publish how raw scores map onto it (it equates
exam forms of different difficulty). Our estimate reads the share of scored questions answered right
as the same share of 1000, with 100 as the floor: 72% right is an estimated 720, SAA-C03's pass line.
It is the same reading the readiness estimate of spaced repetition uses, so the two agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

SCALE_MIN, SCALE_MAX = 100, 1000


def is_right(selected: Iterable[str], correct: Iterable[str]) -> bool:
    """All or nothing: exactly the correct choices. Nothing selected is wrong."""
    chosen = set(selected)
    return bool(chosen) and chosen == set(correct)


def scaled_score(right: int, scored: int) -> int:
    """The estimated score on 100-1000 for `right` of `scored` questions (see the module docstring)."""
    if scored <= 0:
        return SCALE_MIN
    return max(SCALE_MIN, min(SCALE_MAX, round(SCALE_MAX * right / scored)))


def right_needed(scored: int, pass_scaled: int) -> int:
    """How many scored questions right reach the pass line under our estimate."""
    return min(scored, math.ceil(scored * pass_scaled / SCALE_MAX - 1e-9))


@dataclass(frozen=True)
class Graded:
    """One item as the grader sees it."""

    domain: int | None  # exam domain number, None when the blueprint has no exam
    scored: bool
    selected: tuple[str, ...]
    correct: frozenset[str]


@dataclass(frozen=True)
class DomainResult:
    number: int | None
    right: int
    total: int

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class Result:
    right: int
    total: int
    scaled: int
    passed: bool
    domains: list[DomainResult]


def grade(items: list[Graded], *, pass_scaled: int) -> Result:
    """Raw and scaled score over the scored items, and the right/total of each domain."""
    by_domain: dict[int | None, list[int]] = {}
    right = total = 0
    for item in items:
        if not item.scored:
            continue
        ok = is_right(item.selected, item.correct)
        counts = by_domain.setdefault(item.domain, [0, 0])
        counts[0] += ok
        counts[1] += 1
        right += ok
        total += 1
    scaled = scaled_score(right, total)
    domains = [
        DomainResult(number, r, t)
        for number, (r, t) in sorted(by_domain.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    ]
    return Result(right=right, total=total, scaled=scaled, passed=scaled >= pass_scaled, domains=domains)
