"""Search topics, cases, facts and glossary terms in Korean and English.

Both databases rank the same way. A row is first placed in a tier, best first:
  16  its title (a term's name, a fact's key) holds the query as a phrase
   8  its keywords (the names and aliases of its services) hold the phrase
   4  its title holds every word, apart
   2  its text holds the phrase
   1  it holds every word somewhere
then, within a tier, the title closest to the whole query wins ("스팟" finds 스팟 인스턴스 before
"EC2 구매 옵션 - ..., 스팟, ..."), then the text rank. A body that mentions a phrase ten times
never outranks a title that names it.

PostgreSQL: weighted vectors stored in `search_vector` (GIN-indexed, filled by
`update_search_vectors()` when the content loads), the 'simple' configuration and prefix matching
(Korean has no stemmer there, and prefixes catch particles: 그룹 finds 그룹은); transliterations
are words too, kept in `keywords` and aliases (람다 -> Lambda). When nothing matches word for word,
trigram word similarity over short names finds near spellings.
SQLite: a plain substring fallback over the same fields.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Func, IntegerField, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from topics.models import Case, Fact, GlossaryTerm, Topic

LIMIT = 10
WORD_RE = re.compile(r"[\w.@-]+", re.UNICODE)
# Tier points: see the module docstring.
PHRASE_IN_TITLE, PHRASE_IN_KEYWORDS, EVERY_WORD_IN_TITLE, PHRASE, EVERY_WORD = 16, 8, 4, 2, 1


@dataclass
class Results:
    topics: list
    cases: list
    facts: list
    terms: list

    @property
    def total(self) -> int:
        return len(self.topics) + len(self.cases) + len(self.facts) + len(self.terms)


@dataclass(frozen=True)
class Kind:
    """What to search in one model: fields by weight (A titles, B keywords, C summaries, D bodies)."""

    model: type
    weights: dict[str, tuple[str, ...]]
    titles: tuple[str, ...]  # what "closest title" compares with the query
    similar: tuple[str, ...]  # where near spellings are looked for when nothing matches exactly
    match_all: bool  # every word must match (else any word)
    min_similarity: float
    order: str  # last tie-break
    shown: tuple[str, ...]  # the fields the results page reads
    related: tuple[str, ...] = ()

    def objects(self):
        rows = self.model.objects.all()
        return rows.select_related(*self.related) if self.related else rows


# Case requirements are JSON ({"need": {"en": .., "ko": ..}, ...}); these names read their texts.
REQUIREMENT_TEXTS = {"requirements.need": "need", "requirements.answer": "answer", "requirements.why": "why"}
TOPIC_TITLE = ("topic__slug", "topic__title_en", "topic__title_ko")

TOPICS = Kind(
    Topic,
    {"A": ("title_en", "title_ko"), "B": ("keywords",), "C": ("summary_en", "summary_ko"), "D": ("body_en", "body_ko")},
    titles=("title_en", "title_ko"),
    similar=("title_en", "title_ko", "keywords"),
    match_all=False,
    min_similarity=0.5,
    order="order",
    shown=("slug", "title_en", "title_ko", "summary_en", "summary_ko"),
)  # fmt: skip
CASES = Kind(
    Case,
    {"A": ("title_en", "title_ko"), "B": ("company_en", "company_ko"),
     "C": ("scenario_en", "scenario_ko", "requirements.need"), "D": ("requirements.answer", "requirements.why")},
    titles=("title_en", "title_ko"),
    similar=("title_en", "title_ko"),
    match_all=True,
    min_similarity=0.5,
    order="title_en",
    shown=("slug", "title_en", "title_ko", "company_en", "company_ko"),
)  # fmt: skip
FACTS = Kind(
    Fact,
    {"A": ("key",), "B": ("text_en", "text_ko"), "C": ("value_en", "value_ko")},
    titles=("key",),
    similar=(),
    match_all=True,
    min_similarity=0.6,
    order="key",
    shown=("key", "text_en", "text_ko", "value_en", "value_ko", *TOPIC_TITLE),
    related=("topic",),
)
TERMS = Kind(
    GlossaryTerm,
    {"A": ("term_en", "term_ko", "aliases"), "C": ("definition_en", "definition_ko")},
    titles=("term_en", "term_ko"),
    similar=("term_en", "term_ko", "aliases"),
    match_all=True,
    min_similarity=0.5,
    order="term_en",
    shown=("slug", "term_en", "term_ko", "definition_en", "definition_ko", *TOPIC_TITLE),
    related=("topic",),
)
KINDS = (TOPICS, CASES, FACTS, TERMS)


def words_of(query: str) -> list[str]:
    words = [w.strip(".-@") for w in WORD_RE.findall(query)]
    return [w for w in words if w][:8]


def search(query: str) -> Results:
    words = words_of(query)
    if not words:
        return Results([], [], [], [])
    find = _search_postgres if connection.vendor == "postgresql" else _search_plain
    topics, cases, facts, terms = (find(kind, query, words) for kind in KINDS)
    if not any((topics, cases, facts, terms)) and find is _search_postgres:
        # Nothing matched word for word: look for near spellings ("Cloudfrnt", "클라우드프런트"),
        # only now, because trigram word similarity over every row costs more than the search.
        return Results(*(_near_spellings(kind, query) for kind in KINDS))
    return Results(_explained_first(topics, terms), cases, facts, terms)


def _explained_first(topics: list, terms: list) -> list:
    """Count a glossary term the query names as a title of the topic that explains it.

    "글로벌 액셀러레이터" is an alias of the Global Accelerator term, not in any topic title; without
    this, every topic listing the service among its keywords would tie with the topic about it.
    """
    explained = {term.topic_id for term in terms if term.tier & PHRASE_IN_TITLE}
    for topic in topics:
        if topic.pk in explained:
            topic.tier |= PHRASE_IN_TITLE
    return sorted(topics, key=lambda topic: (-topic.tier, -topic.closeness, -topic.rank))  # stable


def update_search_vectors() -> None:
    """Store the weighted search vector of every topic, case, fact and glossary term (PostgreSQL).

    The content loader calls this after each load; SQLite searches the plain columns instead.
    """
    if connection.vendor != "postgresql":
        return
    for kind in KINDS:
        vectors = [
            SearchVector(*(_sql_text(name) for name in names), weight=weight, config="simple")
            for weight, names in kind.weights.items()
        ]
        combined = vectors[0]
        for vector in vectors[1:]:
            combined = combined + vector
        kind.model.objects.update(search_vector=combined)


# --------------------------------------------------------------------------------------------- PostgreSQL


def _sql_text(name: str):
    if name in REQUIREMENT_TEXTS:
        # Both languages of one text of every requirement, as a JSON array that to_tsvector splits.
        path = f"'$[*].{REQUIREMENT_TEXTS[name]}.*'"
        return Cast(Func(F("requirements"), function="jsonb_path_query_array", template=f"%(function)s(%(expressions)s, {path})"), TextField())  # fmt: skip
    if name == "aliases":
        return Cast("aliases", TextField())
    return F(name)


def _tsquery(words: list[str], operator: str, weights: str = "") -> str:
    """Raw tsquery text: every word as a prefix, joined by `operator`, limited to `weights` if given.

    Only letters, digits and inner hyphens reach it, so a learner cannot inject tsquery syntax.
    PostgreSQL reads "LAM-01" as 'lam' and '-01', the same way on both sides.
    """
    terms = [t for w in words for t in re.findall(r"\w(?:[\w-]*\w)?", w)]
    return f" {operator} ".join(f"{t}:*{weights}" for t in terms if t)


def _search_postgres(kind: Kind, query: str, words: list[str]) -> list:
    # The ranking is plain SQL on purpose: built from ORM expressions it took Python longer to
    # compile than the database to run.
    vector = _column(kind, "search_vector")

    tiers = [
        (PHRASE_IN_TITLE, _tsquery(words, "<->", "A")),
        (PHRASE_IN_KEYWORDS, _tsquery(words, "<->", "AB")),
        (EVERY_WORD_IN_TITLE, _tsquery(words, "&", "A")),
        (PHRASE, _tsquery(words, "<->")),
        (EVERY_WORD, _tsquery(words, "&")),
    ]
    tier = " + ".join(
        f"(CASE WHEN {vector} @@ to_tsquery('simple', %s) THEN {p} ELSE 0 END)" for p, _ in tiers
    )
    closeness = ", ".join(f"similarity({_column(kind, name)}, %s)" for name in kind.titles)
    matches = SearchQuery(_tsquery(words, "&" if kind.match_all else "|"), search_type="raw", config="simple")
    rows = (
        kind.objects().filter(search_vector=matches)
        .annotate(
            tier=RawSQL(tier, [raw for _, raw in tiers], output_field=IntegerField()),
            closeness=RawSQL(f"GREATEST({closeness})", [query] * len(kind.titles), output_field=FloatField()),
            rank=RawSQL(f"ts_rank({vector}, to_tsquery('simple', %s), 33)", [_tsquery(words, "|")], output_field=FloatField()),
        )
        .only(*kind.shown)
        .order_by("-tier", "-closeness", "-rank", kind.order)
    )  # fmt: skip
    return list(rows[:LIMIT])


def _column(kind: Kind, name: str) -> str:
    return f'"{kind.model._meta.db_table}"."{name}"' + ("::text" if name == "aliases" else "")


def _near_spellings(kind: Kind, query: str) -> list:
    if not kind.similar:
        return []

    def word_similarity(names):
        joined = ", ".join(_column(kind, name) for name in names)
        return RawSQL(f"word_similarity(%s, concat_ws(' ', {joined}))", [query], output_field=FloatField())

    rows = (
        kind.objects()
        .annotate(similarity=word_similarity(kind.similar))
        .filter(similarity__gte=kind.min_similarity)
        .annotate(in_title=word_similarity(kind.titles))
        .only(*kind.shown)
        .order_by("-similarity", "-in_title", kind.order)
    )
    return list(rows[:LIMIT])


# --------------------------------------------------------------------------------------------- SQLite

PLAIN_WEIGHTS = {"A": 8, "B": 4, "C": 2, "D": 1}


def _py_text(obj, name: str) -> str:
    if name in REQUIREMENT_TEXTS:
        key = REQUIREMENT_TEXTS[name]
        return " ".join(text for r in obj.requirements for text in r.get(key, {}).values())
    if name == "aliases":
        return " ".join(obj.aliases)
    return getattr(obj, name) or ""


def _search_plain(kind: Kind, query: str, words: list[str]) -> list:
    words = [w.casefold() for w in words]
    phrase = " ".join(words)
    names = [name for names in kind.weights.values() for name in names]
    columns = {name.split(".")[0] for name in names}
    condition = Q()
    for word in words:
        for column in columns:
            # JSON columns hold non-ASCII text escaped (\ucc28): look for the word the same way.
            is_json = column in ("requirements", "aliases")
            condition |= Q(**{f"{column}__icontains": json.dumps(word)[1:-1] if is_json else word})
    rows = kind.objects().filter(condition).only(*kind.shown, *columns, kind.order)
    scored = []
    for obj in rows:
        texts = {w: " ".join(_py_text(obj, n) for n in ns).casefold() for w, ns in kind.weights.items()}
        everything = " ".join(texts.values())
        found = [w for w in words if w in everything]
        if not found or (kind.match_all and len(found) < len(words)):
            continue
        title, keywords = texts.get("A", ""), texts.get("A", "") + " " + texts.get("B", "")
        tier = (
            PHRASE_IN_TITLE * (phrase in title)
            + EVERY_WORD_IN_TITLE * all(w in title for w in words)
            + PHRASE_IN_KEYWORDS * (phrase in keywords)
            + PHRASE * (phrase in everything)
            + EVERY_WORD * (len(found) == len(words))
        )
        titles = [_py_text(obj, n).casefold() for n in kind.titles]
        closeness = max((len(phrase) / len(t) for t in titles if t and phrase in t), default=0)
        rank = sum(
            max((PLAIN_WEIGHTS[w] for w, text in texts.items() if word in text), default=0) for word in words
        )
        obj.tier, obj.closeness, obj.rank = tier, closeness, rank
        scored.append(((-tier, -closeness, -rank, getattr(obj, kind.order)), obj))
    scored.sort(key=lambda row: row[0])
    return [obj for _key, obj in scored[:LIMIT]]
