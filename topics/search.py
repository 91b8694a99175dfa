"""Search topics, facts and glossary terms in Korean and English.

PostgreSQL: full-text search with the 'simple' configuration and prefix matching (Korean has no
stemmer there, and prefixes catch particles: 그룹 finds 그룹은), plus trigram word similarity for
near spellings and transliterations kept in `keywords` (람다 -> Lambda). SQLite: a plain
substring fallback with the same weighting idea.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import F, FloatField, Q, TextField, Value
from django.db.models.functions import Cast, Concat, Greatest

from topics.models import Fact, GlossaryTerm, Topic

LIMIT = 10
WORD_RE = re.compile(r"[\w.@-]+", re.UNICODE)


@dataclass
class Results:
    topics: list
    facts: list
    terms: list

    @property
    def total(self) -> int:
        return len(self.topics) + len(self.facts) + len(self.terms)


def words_of(query: str) -> list[str]:
    words = [w.strip(".-@") for w in WORD_RE.findall(query)]
    return [w for w in words if w][:8]


def search(query: str) -> Results:
    words = words_of(query)
    if not words:
        return Results([], [], [])
    if connection.vendor == "postgresql":
        return _search_postgres(query, words)
    return _search_plain(words)


# --------------------------------------------------------------------------------------------- PostgreSQL


def _tsquery(words: list[str], operator: str) -> SearchQuery:
    # Only word characters reach the raw query, so a learner cannot inject tsquery syntax.
    # Letters, digits and inner hyphens only: PostgreSQL reads "LAM-01" as 'lam' and '-01', the same
    # way on both sides, and nothing here is tsquery syntax.
    terms = [t for w in words for t in re.findall(r"\w(?:[\w-]*\w)?", w)]
    raw = f" {operator} ".join(f"{t}:*" for t in terms if t)
    return SearchQuery(raw, search_type="raw", config="simple")


def _ranked(queryset, vector, similarity, words: list[str], *, match_all: bool, min_similarity: float):
    """Rows matching the words (all of them, or any) or alike enough, best first.

    Matching every word counts twice as much as matching some; trigram similarity adds the rest.
    """
    every, any_word = _tsquery(words, "&"), _tsquery(words, "|")
    score = (
        SearchRank(vector, every, normalization=1) * Value(2.0)
        + SearchRank(vector, any_word, normalization=1)
        + similarity * Value(0.5)
    )
    return (
        queryset.annotate(vector=vector, similarity=similarity, score=score)
        .filter(Q(vector=every if match_all else any_word) | Q(similarity__gte=min_similarity))
        .order_by("-score")
    )


def _search_postgres(query: str, words: list[str]) -> Results:
    topic_vector = (
        SearchVector("title_en", "title_ko", "keywords", weight="A", config="simple")
        + SearchVector("summary_en", "summary_ko", weight="B", config="simple")
        + SearchVector("body_en", "body_ko", weight="D", config="simple")
    )
    topic_similarity = Greatest(
        TrigramWordSimilarity(query, "title_en"),
        TrigramWordSimilarity(query, "title_ko"),
        TrigramWordSimilarity(query, "keywords"),
        output_field=FloatField(),
    )
    topics = (
        _ranked(Topic.objects, topic_vector, topic_similarity, words, match_all=False, min_similarity=0.5)
        .order_by("-score", "order")
        .only("slug", "title_en", "title_ko", "summary_en", "summary_ko")[:LIMIT]
    )

    fact_vector = SearchVector("key", "text_en", "text_ko", "value_en", "value_ko", config="simple")
    fact_similarity = Greatest(
        TrigramWordSimilarity(query, "text_en"),
        TrigramWordSimilarity(query, "text_ko"),
        output_field=FloatField(),
    )
    facts = (
        _ranked(Fact.objects, fact_vector, fact_similarity, words, match_all=True, min_similarity=0.6)
        .select_related("topic")
        .order_by("-score", "key")
        .only(
            "key",
            "text_en",
            "text_ko",
            "value_en",
            "value_ko",
            "topic__slug",
            "topic__title_en",
            "topic__title_ko",
        )[:LIMIT]
    )

    names = Concat(
        F("term_en"),
        Value(" "),
        F("term_ko"),
        Value(" "),
        Cast("aliases", TextField()),
        output_field=TextField(),
    )
    term_vector = SearchVector("term_en", "term_ko", weight="A", config="simple") + SearchVector(
        "definition_en", "definition_ko", weight="C", config="simple"
    )
    term_similarity = TrigramWordSimilarity(query, names)
    terms = (
        _ranked(GlossaryTerm.objects, term_vector, term_similarity, words, match_all=True, min_similarity=0.5)
        .select_related("topic")
        .order_by("-score", "term_en")
        .only(
            "slug",
            "term_en",
            "term_ko",
            "definition_en",
            "definition_ko",
            "topic__slug",
            "topic__title_en",
            "topic__title_ko",
        )[:LIMIT]
    )
    return Results(list(topics), list(facts), list(terms))


# --------------------------------------------------------------------------------------------- SQLite


def _plain_score(words: list[str], weighted_fields: list[tuple[str, int]]) -> int:
    lowered = [(text.casefold(), weight) for text, weight in weighted_fields]
    score = 0
    for word in (w.casefold() for w in words):
        hits = [weight for text, weight in lowered if word in text]
        if not hits:
            return 0  # every word must appear somewhere
        score += max(hits)
    return score


def _search_plain(words: list[str]) -> Results:
    def matching(queryset, fields):
        condition = Q()
        for word in words:
            condition |= _any_field(fields, word)
        return queryset.filter(condition)

    topics = []
    for topic in matching(
        Topic.objects.all(),
        ["title_en", "title_ko", "keywords", "summary_en", "summary_ko", "body_en", "body_ko"],
    ):
        fields = [(topic.title_en, 10), (topic.title_ko, 10), (topic.keywords, 8), (topic.summary_en, 4),
                  (topic.summary_ko, 4), (topic.body_en, 1), (topic.body_ko, 1)]  # fmt: skip
        if score := _plain_score(words, fields):
            topics.append((score, topic.order, topic))
    facts = []
    for fact in matching(
        Fact.objects.select_related("topic"), ["key", "text_en", "text_ko", "value_en", "value_ko"]
    ):
        fields = [(fact.key, 5), (fact.text_en, 2), (fact.text_ko, 2), (fact.value_en, 1), (fact.value_ko, 1)]
        if score := _plain_score(words, fields):
            facts.append((score, fact.key, fact))
    terms = []
    for term in matching(
        GlossaryTerm.objects.select_related("topic"),
        ["term_en", "term_ko", "aliases", "definition_en", "definition_ko"],
    ):
        fields = [
            (term.term_en, 5),
            (term.term_ko, 5),
            (" ".join(term.aliases), 4),
            (term.definition_en, 1),
            (term.definition_ko, 1),
        ]
        if score := _plain_score(words, fields):
            terms.append((score, term.term_en, term))

    def best(rows):
        return [row[-1] for row in sorted(rows, key=lambda r: (-r[0], r[1]))[:LIMIT]]

    return Results(best(topics), best(facts), best(terms))


def _any_field(fields: list[str], word: str) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": word})
    return condition
