"""Which questions a mock exam shows: counts by domain weight, a single/multiple mix, no repeats.

Django-free: candidates in, picks out. Rules, in order of strength:
1. Exactly `size` questions when the bank has them; each question at most once (never two versions of
   one question), and never two on the same requirement, fact or authored item
   (`quizzes.generator.keys.knowledge_key`), which would test one thing twice.
2. Each domain gets its share of `size` by the exam guide's weights (largest remainders), so its
   count is within one question of `size * weight / 100`; a domain short of questions passes its
   shortfall to the others.
3. `multiple_percent` of the items are multiple response, spread over the domains the same way; a
   shortfall of one kind is made up with the other.
4. Among candidates, those the learner has not seen recently come first: never seen, then seen longest
   ago; ties are broken by the random generator.
The picks come back in a random order, as the real exam mixes domains.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime

from quizzes.generator.keys import knowledge_key


@dataclass(frozen=True)
class Candidate:
    question_id: int
    version_id: int
    key: str
    multiple: bool
    domains: tuple[int, ...]  # the exam's domain numbers the question serves (empty: no exam)
    last_seen: datetime | None = None


@dataclass(frozen=True)
class Pick:
    question_id: int
    version_id: int
    domain: int | None


def split(total: int, weights: list[float]) -> list[int]:
    """Share `total` by `weights`, largest remainders first, so the counts add up exactly."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    counts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _freshness(candidate: Candidate, rng: random.Random) -> tuple:
    # Never seen first, then the longest ago; random among equals.
    seen = candidate.last_seen.timestamp() if candidate.last_seen else -math.inf
    return (seen, rng.random())


def assemble(
    candidates: list[Candidate],
    *,
    size: int,
    weights: dict[int, int],
    multiple_percent: int,
    rng: random.Random,
) -> list[Pick]:
    """Pick up to `size` questions (fewer only when the bank has fewer). `weights` maps domain number to
    percent; empty for a blueprint without an exam (then domains are ignored)."""
    ordered = sorted(candidates, key=lambda c: _freshness(c, rng))
    domains = sorted(weights) or [None]
    pools = {d: [c for c in ordered if d is None or d in c.domains] for d in domains}
    targets = dict(zip(domains, split(size, [weights.get(d, 1) for d in domains]), strict=True))
    used_questions: set[int] = set()
    used_keys: set[str] = set()
    picks: list[Pick] = []

    def take(domain, want_multiple: bool | None, count: int) -> int:
        taken = 0
        for candidate in pools[domain]:
            if taken == count:
                break
            if want_multiple is not None and candidate.multiple != want_multiple:
                continue
            main = knowledge_key(candidate.key)
            if candidate.question_id in used_questions or main in used_keys:
                continue
            used_questions.add(candidate.question_id)
            used_keys.add(main)
            picks.append(Pick(candidate.question_id, candidate.version_id, domain))
            taken += 1
        return taken

    # Scarce domains first, so a question serving two domains is spent where it is needed most.
    by_scarcity = sorted(domains, key=lambda d: len(pools[d]) / max(1, targets[d]))
    multiples = dict(
        zip(domains, split(round(size * multiple_percent / 100), [targets[d] for d in domains]), strict=True)
    )
    shortfall = 0
    for domain in by_scarcity:
        got = take(domain, True, multiples[domain])
        got += take(domain, False, targets[domain] - got)
        got += take(domain, None, targets[domain] - got)  # too few singles: more multiples
        shortfall += targets[domain] - got
    for domain in by_scarcity:  # a short domain's share goes to the others
        if shortfall <= 0:
            break
        shortfall -= take(domain, None, shortfall)
    rng.shuffle(picks)
    return picks
