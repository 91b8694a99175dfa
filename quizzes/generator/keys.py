"""What a question is about, read from its stable key: the requirement, fact or authored item behind it.

Several questions teach the same thing (a requirement asked as a scenario, as a missing box, as a
"choose two"); a quiz or mock exam that shows two of them teaches it twice and tests it once. The key
says which item it comes from, so this needs no database and works for stored questions too:

    requirement:<case>:<R>:v0          -> requirement:<case>:<R>
    scenario:<case>:<R1>+<R2>+<R3>     -> requirement:<case>:<R1> (the one the qualifier comes from),
                                          then <R2>, <R3>
    fact-value:<FACT>:v1               -> fact:<FACT>
    authored:<id>                      -> authored:<id>
    anything else (imported, written in the app) -> itself
"""

from __future__ import annotations

# Forms whose key is form:<case>:<requirements joined by +>:... (the first requirement is the main one).
CASE_FORMS = frozenset({"requirement", "scenario", "choose-n", "missing-box", "not-correct", "purpose"})
FACT_FORMS = frozenset({"fact-value", "fact-owner"})


def knowledge_keys(question_key: str) -> tuple[str, ...]:
    """Every requirement, fact or authored item a question draws on, the main one first."""
    form, _, rest = question_key.partition(":")
    parts = rest.split(":")
    if form in CASE_FORMS and len(parts) >= 2 and parts[0] and parts[1]:
        return tuple(f"requirement:{parts[0]}:{r}" for r in parts[1].split("+"))
    if form in FACT_FORMS and parts[0]:
        return (f"fact:{parts[0]}",)
    return (question_key,)


def knowledge_key(question_key: str) -> str:
    """The one requirement, fact or authored item a question is mainly about (see `knowledge_keys`)."""
    return knowledge_keys(question_key)[0]


def pick_varied(keys: list[str], size: int, answered: set[str] = frozenset()) -> list[int]:
    """Which of these questions (by key, in the order to prefer them, e.g. shuffled) a quiz shows: up to
    `size`, never two on the same requirement, fact or authored item.

    Questions the learner has not answered come first, and among them those whose requirement or fact
    they have not met through another question; within each tier, a question sharing no requirement at all
    with those already picked comes before one that shares a secondary requirement of a scenario.
    Returns indexes into `keys`.
    """
    met = {item for key in answered for item in knowledge_keys(key)}

    def tier(key: str) -> int:
        if key in answered:
            return 2
        return 1 if knowledge_key(key) in met else 0

    tiers = [tier(key) for key in keys]
    picked: list[int] = []
    mains: set[str] = set()
    used: set[str] = set()
    for level in (0, 1, 2):
        for strict in (True, False):
            for index, key in enumerate(keys):
                if len(picked) == size:
                    return picked
                items = knowledge_keys(key)
                if tiers[index] != level or index in picked or items[0] in mains:
                    continue
                if strict and used.intersection(items):
                    continue
                picked.append(index)
                mains.add(items[0])
                used.update(items)
    return picked
