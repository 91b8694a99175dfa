"""Hypothesis settings for the fuzz tests: deterministic and bounded in CI, a long random hunt on demand.

`@budget(200)` runs the same 200 examples on every run (derandomize: a fuzz test never flakes). Set
FUZZ=explore to try twenty times as many fresh random examples, to look for new bugs before a
release; a failure it finds prints the example, which then becomes a plain regression test.
"""

import os

from hypothesis import HealthCheck, settings


def budget(examples: int) -> settings:
    explore = os.environ.get("FUZZ") == "explore"
    return settings(
        max_examples=examples * 20 if explore else examples,
        derandomize=not explore,
        deadline=None,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
