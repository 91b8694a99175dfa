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
