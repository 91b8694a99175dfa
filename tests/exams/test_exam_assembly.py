"""Blueprint assembly: exact counts, domain shares within one question of the weights, the single and
multiple mix, no question twice, not-recently-seen questions first."""

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from exams.assembly import Candidate, assemble, split

SAA = {1: 30, 2: 26, 3: 24, 4: 20}
SAP = {1: 26, 2: 29, 3: 25, 4: 20}


def bank(per_domain=60, multiple_every=5, both_every=7):
    candidates, n = [], 0
    for domain in range(1, 5):
        for i in range(per_domain):
            n += 1
            # Every seventh question serves two domains, to try the no-duplicate rule.
            domains = (domain, domain % 4 + 1) if i % both_every == 0 else (domain,)
            candidates.append(Candidate(n, 1000 + n, f"authored:q{n}", i % multiple_every == 0, domains))
    return candidates


@pytest.mark.parametrize(("weights", "size"), [(SAA, 65), (SAP, 75), (SAA, 5), (SAP, 13)])
def test_exam_assembly_counts_shares_and_no_duplicates(weights, size):
    for seed in range(20):
        picks = assemble(bank(), size=size, weights=weights, multiple_percent=15, rng=random.Random(seed))
        assert len(picks) == size
        assert len({p.question_id for p in picks}) == size
        counts = Counter(p.domain for p in picks)
        for domain, weight in weights.items():
            assert abs(counts[domain] - size * weight / 100) <= 1, (domain, counts)


def test_exam_assembly_mixes_single_and_multiple_response():
    candidates = bank()
    multiple = {c.question_id for c in candidates if c.multiple}
    picks = assemble(candidates, size=65, weights=SAA, multiple_percent=15, rng=random.Random(1))
    assert sum(p.question_id in multiple for p in picks) == round(65 * 0.15)


def test_exam_assembly_prefers_questions_not_seen_recently():
    seen = datetime(2026, 11, 1, tzinfo=UTC)
    candidates = [
        Candidate(n, n, f"authored:q{n}", False, (1,), seen if n <= 10 else None) for n in range(1, 21)
    ]
    picks = assemble(candidates, size=10, weights={1: 100}, multiple_percent=0, rng=random.Random(3))
    assert {p.question_id for p in picks} == set(range(11, 21))


def test_exam_assembly_never_shows_two_questions_on_one_requirement():
    candidates = [
        Candidate(1, 1, "requirement:case:R1:v0", False, (1,)),
        Candidate(2, 2, "missing-box:case:R1:v0", False, (1,)),
        Candidate(3, 3, "requirement:case:R2:v0", False, (1,)),
    ]
    picks = assemble(candidates, size=3, weights={1: 100}, multiple_percent=0, rng=random.Random(0))
    assert len(picks) == 2 and 3 in {p.question_id for p in picks}


def test_a_short_domain_passes_its_share_to_the_others():
    candidates = [c for c in bank() if c.domains[0] != 4 or c.question_id % 60 < 5]
    picks = assemble(candidates, size=65, weights=SAA, multiple_percent=15, rng=random.Random(0))
    assert len(picks) == 65


def test_split_adds_up_exactly():
    assert split(65, [30, 26, 24, 20]) == [19, 17, 16, 13]  # 19.5, 16.9, 15.6, 13.0
    assert sum(split(75, [26, 29, 25, 20])) == 75
