"""How exam-like the published bank is: the "quality" block of `content_stats --json`.

Read from the database (published questions, their current versions), so the figures describe what
a learner can meet after a real load, not what the generator meant to make.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict

from quizzes.generator import cues
from quizzes.generator.keys import knowledge_keys
from quizzes.models import Question

EXAMS = ("SAA-C03", "SAP-C02")
_WORD = re.compile(r"[^\W_]", re.UNICODE)


def stem_words(stem: str) -> int:
    """Words as a reader counts them: whitespace-separated pieces with a letter or digit (not "-" or "**")."""
    return sum(1 for piece in stem.split() if _WORD.search(piece))


def _rounded(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else 0.0


def quality_stats() -> dict:
    """Cue shares, stem lengths, exam targeting and the knowledge items behind the published bank."""
    published = Question.objects.published()
    rows = list(
        published.values_list(
            "pk", "key", "form", "choose", "qualifier",
            "current_version__stem_en", "current_version__stem_ko", "current_version__choices",
        )
    )  # fmt: skip
    exams_of: dict[int, set[str]] = defaultdict(set)
    for pk, code in Question.domains.through.objects.filter(question__in=published).values_list(
        "question_id", "examdomain__exam__code"
    ):
        exams_of[pk].add(code)
    for pk, code in Question.tasks.through.objects.filter(question__in=published).values_list(
        "question_id", "taskstatement__domain__exam__code"
    ):
        exams_of[pk].add(code)

    # The options as each language's reader sees them (a missing Korean text shows the English).
    options = [
        {
            lang: [(c[f"text_{lang}"] or c["text_en"], c["correct"]) for c in choices]
            for lang in cues.LANGUAGES
        }
        for *_row, choices in rows
    ]
    measured = {
        lang: cues.shares((row[2], row[3], opts[lang]) for row, opts in zip(rows, options, strict=True))
        for lang in cues.LANGUAGES
    }
    key_longest = {
        lang: {form: _rounded(*tally) for form, tally in measured[lang]["key_longest"].items()}
        for lang in cues.LANGUAGES
    }
    # Where the key falls by length among four options, per form and language: any place far above a
    # quarter is a cue ("never the longest" over-corrected makes it the second longest).
    key_rank_shares: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for lang in cues.LANGUAGES:
        by_form = cues.places((row[2], row[3], opts[lang]) for row, opts in zip(rows, options, strict=True))
        for form, counts in by_form.items():
            total = sum(counts.values())
            key_rank_shares[form][lang] = [_rounded(counts[rank], total) for rank in (1, 2, 3, 4)]
    # Multiple-response questions whose N longest options are exactly the keys, per language.
    n_longest = {lang: measured[lang]["n_longest"] for lang in cues.LANGUAGES}
    n_share = {
        lang: _rounded(
            sum(hits for hits, _t in tallies.values()), sum(total for _h, total in tallies.values())
        )
        for lang, tallies in n_longest.items()
    }

    words: dict[str, dict[str, list[int]]] = {exam: {"en": [], "ko": []} for exam in EXAMS}
    targeting: Counter = Counter()
    for pk, _key, _form, _choose, _q, stem_en, stem_ko, _choices in rows:
        exams = exams_of.get(pk, set())
        for exam in exams & set(EXAMS):
            words[exam]["en"].append(stem_words(stem_en))
            words[exam]["ko"].append(stem_words(stem_ko))
        targeting["both" if set(EXAMS) <= exams else next(iter(exams & set(EXAMS)), "none")] += 1

    items: dict[str, set[str]] = defaultdict(set)
    for _pk, key, *_rest in rows:
        for item in knowledge_keys(key):
            kind = item.partition(":")[0]
            items[kind if kind in ("requirement", "fact", "authored") else "other"].add(item)

    largest = max(
        cues.largest_stem_group((key, en) for _pk, key, _f, _c, _q, en, _ko, _ch in rows),
        cues.largest_stem_group((key, ko) for _pk, key, _f, _c, _q, _en, ko, _ch in rows),
    )
    total = len(rows)
    return {
        "questions": total,
        "key_longest_share": key_longest["en"],
        "key_longest_share_ko": key_longest["ko"],
        "key_rank_shares": dict(sorted(key_rank_shares.items())),
        "n_longest_share": n_share["en"],
        "n_longest_share_ko": n_share["ko"],
        "n_longest_share_by_form": {form: _rounded(*tally) for form, tally in n_longest["en"].items()},
        "largest_identical_stem_group": largest[0],
        "qualifier_share": _rounded(sum(1 for row in rows if row[4]), total),
        "multiple_response_share": _rounded(sum(1 for row in rows if row[3] > 1), total),
        "median_stem_words": {
            exam: {lang: int(statistics.median(n)) if n else 0 for lang, n in by_lang.items()}
            for exam, by_lang in words.items()
        },
        "knowledge_items": {
            "requirements": len(items["requirement"]),
            "facts": len(items["fact"]),
            "authored": len(items["authored"]),
            "other": len(items["other"]),
            "total": sum(len(v) for v in items.values()),
        },
        "by_exam_only": {
            "SAA-C03": targeting["SAA-C03"],
            "SAP-C02": targeting["SAP-C02"],
            "both": targeting["both"],
            "none": targeting["none"],
            "both_share": _rounded(targeting["both"], total),
        },
    }
