"""Estimated readiness: the chance of passing an exam today, from the learner's memory of each domain.

Method (also stated on the progress page):
1. For each exam domain, the chance of answering one of its questions right today is the mean, over
   the domain's published questions, of the learner's predicted recall: FSRS retrievability for
   questions that are cards, and the learner's first-try accuracy for questions never met.
2. The exam's scored questions are split between domains by the exam guide's weights.
3. The pass mark on the 100-1000 scale is read as the same share of scored questions answered right
   (AWS does not publish its scaling), and the chance of reaching it is computed exactly from the
   per-domain chances (a sum of binomials).
4. When mock exam results exist, each domain's chance is shifted by the mean gap between the scores
   predicted for the learner's last five mock exams and the scores obtained (calibration). The
   prediction for an exam is the mean, over its scored questions, of the recall the learner's cards
   predicted when the exam started (first-try accuracy for questions without a card then), each exam
   weighted by its scored questions (a short diagnostic counts for less); the shift is held within ±0.25 so one unlucky sitting cannot swamp the memory model.

Django-free: plain numbers in and out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class DomainInput:
    number: int
    weight: int  # percent of the exam
    questions: int  # published questions of the domain
    recall_sum: float  # sum of the retrievability of the learner's cards in the domain
    cards: int


@dataclass(frozen=True)
class Readiness:
    probability: float
    expected_share: float  # expected share of scored questions answered right
    needed: int  # right answers needed out of `scored`
    scored: int
    domains: list[tuple[int, float]]  # (domain number, chance of a right answer)


def first_try_accuracy(right: int, total: int) -> float:
    """Accuracy on questions met for the first time, pulled towards a coin-toss with no history."""
    return (right + 1) / (total + 2)


def split_items(total: int, weights: list[int]) -> list[int]:
    """Share `total` questions by weight, largest remainders first, so the counts add up exactly."""
    whole = sum(weights) or 1
    raw = [total * w / whole for w in weights]
    counts = [math.floor(r) for r in raw]
    for index in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[
        : total - sum(counts)
    ]:
        counts[index] += 1
    return counts


MAX_OFFSET = 0.25
CALIBRATION_EXAMS = 5


def calibration_offset(gaps: list[float], sizes: list[int] | None = None) -> float:
    """Mean of (obtained - predicted) share over the latest exams, held within ±MAX_OFFSET. With `sizes`
    (each exam's scored questions) the mean is weighted by them, so a 20-question diagnostic moves the
    estimate less than a full exam does."""
    recent = gaps[:CALIBRATION_EXAMS]
    if not recent:
        return 0.0
    weights = (sizes or [1] * len(gaps))[:CALIBRATION_EXAMS]
    mean = sum(g * w for g, w in zip(recent, weights, strict=True)) / sum(weights)
    return max(-MAX_OFFSET, min(MAX_OFFSET, mean))


def _binomial(n: int, p: float) -> list[float]:
    return [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]


def _convolve(a: list[float], b: list[float]) -> list[float]:
    out = [0.0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return out


def estimate(
    domains: list[DomainInput], *, scored: int, pass_scaled: int, new_accuracy: float, offset: float = 0.0
) -> Readiness:
    """The chance of at least `pass_scaled / 1000` of `scored` questions right, domain by domain."""
    chances = []
    for domain in domains:
        unseen = max(0, domain.questions - domain.cards)
        total = domain.cards + unseen
        chance = (domain.recall_sum + unseen * new_accuracy) / total if total else new_accuracy
        chances.append(min(1.0, max(0.0, chance + offset)))
    counts = split_items(scored, [d.weight for d in domains])
    distribution = [1.0]
    for count, chance in zip(counts, chances, strict=True):
        distribution = _convolve(distribution, _binomial(count, chance))
    needed = math.ceil(scored * pass_scaled / 1000)
    weights = sum(d.weight for d in domains) or 1
    return Readiness(
        probability=min(1.0, sum(distribution[needed:])),
        expected_share=sum(c * d.weight for c, d in zip(chances, domains, strict=True)) / weights,
        needed=needed,
        scored=scored,
        domains=[(d.number, c) for d, c in zip(domains, chances, strict=True)],
    )
