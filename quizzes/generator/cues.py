"""Cues that give an answer away without knowing anything: length, repeated stems, grammar, odd units.

Two kinds of rule:

- per question (`question_cues`, part of `validate`): a Korean particle placeholder such as 이(가)
  anywhere, or a number in a unit a person would not write ("0.125 MB", "8,760 hours") in the stem or
  an option. Such a question is refused.
- over the whole bank (`bank_problems`), in each language: the key is the longest option in more than
  40% of a form's single-answer questions, or at any other one place by length (second, third, shortest
  of four) in more than 40%; the N longest options are the key in more than 15% of a form's
  multiple-response questions; more than 4 questions share a stem word for word once numbers and
  quotations are masked. One question is not wrong there, the bank is: the load fails and says which
  form, which language and what share. A Korean learner reads the Korean options: a cue there counts
  as much as one in English.

The functions take plain (text, correct) pairs so the same measures run over generated questions and
over the stored versions that `content_stats` reads from the database.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from quizzes.generator.keys import knowledge_keys
from quizzes.generator.questions import WRONG_CHOICES, Question, Rejection

LANGUAGES = ("en", "ko")
KEY_LONGEST_MAX = 0.40
N_LONGEST_MAX = 0.15
SAME_STEM_MAX = 4
# Any form: the key at any one other place by length (second, third, shortest of four) in more than this share
# of its single-answer questions, in either language. Authors who avoid a longest key tend to make it the
# second longest instead; a generator that always picks distractors at least as long makes it the shortest.
# The trim holds generated forms to it; hand-written ones are their authors' to balance.
KEY_PLACE_MAX = 0.40
PLACE_NAMES = {1: "the longest", 2: "the second longest", 3: "the third longest", 4: "the shortest"}
# A share over fewer questions than this says nothing about a form (one item in three is 33%).
MIN_FOR_SHARE = 10
# What the generator aims for in its own forms, well inside the limits: the key the longest option in at
# most a third of a form's single-answer questions (chance is a quarter), the N longest the keys in at
# most a tenth of its "choose N".
KEY_LONGEST_TARGET = 1 / 3
N_LONGEST_TARGET = 0.10

Options = Sequence[tuple[str, bool]]  # (English text, correct), in any order

# ------------------------------------------------------------------------------------------ length


def key_is_longest(options: Options) -> bool:
    """The single key is longer than every other option (a tie is no cue)."""
    keys = [len(t) for t, correct in options if correct]
    others = [len(t) for t, correct in options if not correct]
    return len(keys) == 1 and bool(others) and keys[0] > max(others)


def longer_wanted(basis: str) -> int:
    """How many of a generated question's three wrong options should be longer than its key: 0 to 3 in turn
    by a hash of its content (not the seed), so that the key is the longest, second, third or shortest
    option about equally often where the content offers both longer and shorter options. Always the
    nearest "at least as long" made the key the second longest in half the scenario questions."""
    return zlib.crc32(basis.encode()) % (WRONG_CHOICES + 1)


def key_rank(options: Options) -> int:
    """The single key's place by length: 1 when no option is longer, 4 when three of four are longer."""
    key = next(len(t) for t, correct in options if correct)
    return 1 + sum(1 for t, _correct in options if len(t) > key)


def n_longest_are_key(options: Options) -> bool:
    """The N longest options are exactly the N keys, and the Nth is longer than the next one."""
    n = sum(1 for _t, correct in options if correct)
    ranked = sorted(options, key=lambda o: len(o[0]), reverse=True)
    if n == 0 or n >= len(ranked):
        return False
    return all(correct for _t, correct in ranked[:n]) and len(ranked[n - 1][0]) > len(ranked[n][0])


def length_margin(options: Options) -> float:
    """How much longer the key is than the longest wrong option, relative (0.2 = 20% longer); <= 0 if not."""
    keys = [len(t) for t, correct in options if correct]
    others = [len(t) for t, correct in options if not correct]
    if not keys or not others:
        return 0.0
    return min(keys) / max(others) - 1 if len(keys) == 1 else sorted(keys)[0] / max(others) - 1


# ------------------------------------------------------------------------------------------ stems

# Double quotes, curly single quotes (not apostrophes: "company's"), corner brackets, code.
_QUOTED = re.compile('“[^”]*”|"[^"]*"|\u2018[^\u2019]*\u2019|「[^」]*」|`[^`]*`')
_NUMBER = re.compile(r"\d[\d,.]*")


def masked_stem(stem: str) -> str:
    """The stem with quotations and numbers masked and spacing normalised: what "the same stem" means."""
    text = _QUOTED.sub("“…”", stem)
    text = _NUMBER.sub("#", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def largest_stem_group(stems: Iterable[tuple[str, str]]) -> tuple[int, str]:
    """The size of the largest group of (key, stem) sharing a masked stem, and one key of that group."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key, stem in stems:
        groups[masked_stem(stem)].append(key)
    if not groups:
        return 0, ""
    keys = max(groups.values(), key=len)
    return len(keys), keys[0]


# ------------------------------------------------------------------------------------------ per question

# What a template writes when it cannot choose a particle: 이(가), 을(를), 은(는), 과(와), (으)로, (이)라.
PLACEHOLDER = re.compile(
    r"이\(가\)|가\(이\)|을\(를\)|를\(을\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)[라며다나]"
)

_UNIT_WORDS = {
    "ms": "ms", "millisecond": "ms", "milliseconds": "ms", "밀리초": "ms",
    "second": "s", "seconds": "s", "초": "s",
    "minute": "min", "minutes": "min", "분": "min",
    "hour": "h", "hours": "h", "시간": "h",
    "day": "days", "days": "days", "일": "days",
    "KB": "KB", "KiB": "KB", "MB": "MB", "MiB": "MB", "GB": "GB", "GiB": "GB", "TB": "TB", "TiB": "TB",
}  # fmt: skip
_VALUE = re.compile(
    r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s?("
    + "|".join(sorted(map(re.escape, _UNIT_WORDS), key=len, reverse=True))
    + r")(?![A-Za-z])"
)
# Above these a person writes the value in the next unit up ("8,760 hours" is a year, "1,440 minutes" a
# day); "86,400 seconds" is how AWS documents a day-long TTL and stays. Below 1, the next unit down.
TOO_MANY = {
    "ms": 60_000,
    "s": 86_400,
    "min": 1_439,
    "h": 167,
    "KB": 1_048_575,
    "MB": 1_048_575,
    "GB": 1_048_575,
}
_NO_FRACTION = {"min", "h", "days", "KB", "MB", "GB", "TB"}


def unnatural_values(text: str) -> list[str]:
    """Numbers in a unit nobody would write them in: "0.125 MB", "8,760 hours", "31,536,000 seconds".

    A value followed or preceded by a conversion in parentheses ("1,209,600 seconds (14 days)",
    "a year (31,536,000 seconds)") is a precise restatement and is fine.
    """
    found = []
    for match in _VALUE.finditer(text):
        number = float(match.group(1).replace(",", ""))
        unit = _UNIT_WORDS[match.group(2)]
        before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
        if after.startswith("(") or (before.endswith("(") and after.startswith(")")):
            continue
        fraction = 0 < number < 1 and not (number == 0.5 and unit in ("KB", "MB", "GB", "TB"))
        if (unit in _NO_FRACTION and fraction) or number > TOO_MANY.get(unit, float("inf")):
            found.append(match.group(0))
    return found


def question_cues(texts: Iterable[tuple[str, str, str]]) -> list[str]:
    """The per-question cues in (where, language, text) triples, as reasons to refuse the question.

    Placeholders count anywhere; odd units only in the stem and the options, what a learner reads before
    answering: an explanation may give the value the API takes ("up to 2,880 minutes, which is two days")."""
    reasons = []
    for where, language, text in texts:
        if language == "ko" and (placeholder := PLACEHOLDER.search(text)):
            reasons.append(f"a Korean particle placeholder “{placeholder.group(0)}” in the {where}")
        if where == "stem" or where.startswith("choice"):
            for value in unnatural_values(text):
                reasons.append(f"a number in a unit nobody writes it in: “{value}” ({where}, {language})")
    return reasons


# ------------------------------------------------------------------------------------------ the bank


def shares(rows: Iterable[tuple[str, int, Options]]) -> dict[str, dict[str, tuple[int, int]]]:
    """Per form: (hits, questions) of the key-longest cue (single answer) and the N-longest cue (multiple)."""
    result: dict[str, dict[str, list[int]]] = {
        "key_longest": defaultdict(lambda: [0, 0]),
        "n_longest": defaultdict(lambda: [0, 0]),
    }
    for form, choose, options in rows:
        if choose == 1:
            tally = result["key_longest"][form]
            tally[0] += key_is_longest(options)
        else:
            tally = result["n_longest"][form]
            tally[0] += n_longest_are_key(options)
        tally[1] += 1
    return {
        name: {form: (a, b) for form, (a, b) in sorted(by_form.items())} for name, by_form in result.items()
    }


def places(rows: Iterable[tuple[str, int, Options]]) -> dict[str, Counter]:
    """Per form: how often the key holds each place by length (key_rank) among four single-answer options."""
    result: dict[str, Counter] = defaultdict(Counter)
    for form, choose, options in rows:
        if choose == 1 and len(options) == 4:
            result[form][key_rank(options)] += 1
    return dict(sorted(result.items()))


def bank_problems(rows: list[tuple[str, str, int, dict[str, Options], str, str]]) -> list[str]:
    """What is wrong with the bank as a whole: rows are (key, form, choose, options by language, stem_en,
    stem_ko)."""
    problems = []
    limits = {
        "key_longest": (KEY_LONGEST_MAX, "the key is the longest option in", "single-answer"),
        "n_longest": (N_LONGEST_MAX, "the N longest options are the key in", "multiple-response"),
    }
    for language in LANGUAGES:
        measured = shares((form, choose, options[language]) for _k, form, choose, options, _e, _k2 in rows)
        for name, (limit, says, kind) in limits.items():
            for form, (hits, total) in measured[name].items():
                if total >= MIN_FOR_SHARE and hits / total > limit:
                    problems.append(
                        f"form {form} ({language}): {says} {hits / total:.0%} of its {kind} questions"
                        f" ({hits} of {total}); at most {limit:.0%} is allowed"
                    )
    for language in LANGUAGES:
        by_form = places((form, choose, options[language]) for _k, form, choose, options, _e, _k2 in rows)
        for form, counts in by_form.items():
            total = sum(counts.values())
            for place, hits in sorted(counts.items()):
                if place > 1 and total >= MIN_FOR_SHARE and hits / total > KEY_PLACE_MAX:
                    problems.append(
                        f"form {form} ({language}): the key is {PLACE_NAMES[place]} of four options in"
                        f" {hits / total:.0%} of its single-answer questions ({hits} of {total});"
                        f" at most {KEY_PLACE_MAX:.0%} is allowed"
                    )
    for index, language in ((4, "en"), (5, "ko")):
        size, key = largest_stem_group((row[0], row[index]) for row in rows)
        if size > SAME_STEM_MAX:
            form = key.partition(":")[0]
            problems.append(
                f"form {form}: {size} questions share one stem word for word ({language}, e.g. {key});"
                f" at most {SAME_STEM_MAX} may"
            )
    return problems


def options_of(question: Question, language: str = "en") -> list[tuple[str, bool]]:
    """The options as a reader of that language sees them (a missing Korean text shows the English)."""
    return [(getattr(c.text, language) or c.text.en, c.correct) for c in question.choices]


def bank_rows(questions: list[Question]) -> list[tuple[str, str, int, dict[str, Options], str, str]]:
    return [
        (q.key, q.form, q.choose, {lang: options_of(q, lang) for lang in LANGUAGES}, q.stem.en, q.stem.ko)
        for q in questions
    ]


def _margin(question: Question) -> float:
    """How far the key stands out by length in the language where it stands out most."""
    return max(length_margin(options_of(question, language)) for language in LANGUAGES)


def trim_length_cues(questions: list[Question]) -> tuple[list[Question], list[Rejection]]:
    """Drop a generated form's questions whose key stands out by length in either language (the longest
    option, the N longest, or too often at one other place), the most blatant first, until the form is
    within its targets; hand-written questions are left to their authors (and to bank_problems). A question
    that is the last one on its requirement or fact goes only after all the others.

    Without this a learner could pick by length alone: answers that run longer than their distractors make
    the key the longest, distractors that run longer make it the shortest."""
    drop: set[str] = set()
    coverage = Counter(item for q in questions for item in knowledge_keys(q.key))

    def spare(q: Question) -> bool:
        return all(coverage[item] > 1 for item in knowledge_keys(q.key))

    def at_place(place: int):
        return lambda options: len(options) == 4 and key_rank(options) == place

    passes = [
        (True, key_is_longest, KEY_LONGEST_TARGET),
        (False, n_longest_are_key, N_LONGEST_TARGET),
        # Then no other place by length may hold the key too often either (content whose distractors all run
        # longer than its answers would make the key the shortest); dropping for one place raises the
        # others' shares, so these passes repeat until none drops anything.
        *((True, at_place(place), KEY_PLACE_MAX) for place in (2, 3, 4)),
    ]
    dropped_before = -1
    while len(drop) != dropped_before:
        dropped_before = len(drop)
        _trim_passes(questions, passes, drop, coverage, spare)
    kept = [q for q in questions if q.key not in drop]

    trimmed = [
        Rejection(q, [f"dropped: its key stands out by length ({_margin(q):+.0%})"], trimmed=True)
        for q in questions
        if q.key in drop
    ]
    return kept, trimmed


def _trim_passes(questions: list[Question], passes, drop: set[str], coverage: Counter, spare) -> None:
    """One round of trim_length_cues' passes over every generated form, adding to `drop`."""
    for form in sorted({q.form for q in questions if q.origin == "generated"}):
        for single, cue, target in passes:
            group = [
                q for q in questions if q.form == form and (q.choose == 1) == single and q.key not in drop
            ]
            if len(group) < MIN_FOR_SHARE:
                continue
            # Each language is held to the target on its own: a question goes only while a language in which
            # its key stands out is over it; those that stand out in both languages, then the most blatant, first.
            hits = {lang: {q.key for q in group if cue(options_of(q, lang))} for lang in LANGUAGES}
            size = len(group)
            ranked = sorted(
                (q for q in group if any(q.key in keys for keys in hits.values())),
                key=lambda q: (-sum(q.key in keys for keys in hits.values()), -_margin(q), q.key),
            )
            for last_ones in (False, True):
                for q in ranked:
                    over = [lang for lang in LANGUAGES if len(hits[lang]) > target * size]
                    if not over:
                        break
                    if not any(q.key in hits[lang] for lang in over):  # dropped already, or not a hit there
                        continue
                    if last_ones or spare(q):
                        drop.add(q.key)
                        coverage.subtract(knowledge_keys(q.key))
                        size -= 1
                        for keys in hits.values():
                            keys.discard(q.key)
