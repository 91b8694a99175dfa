"""Text helpers shared by the content checks and the question generator."""

from __future__ import annotations

import functools
import re

from topics.content.model import Service

# A fact cited in a note: [[LAM-01]].
FACT_REF_RE = re.compile(r"\[\[([^\[\]\s]+)\]\]")


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Case-folded words separated by single spaces: how two texts are compared for sameness."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def names_of(service: Service) -> list[str]:
    """Every way a text can name a service: full name, short name, aliases, the name without its vendor."""
    names = {service.name, service.short, *service.aliases}
    for vendor in ("Amazon ", "AWS "):
        if service.name.startswith(vendor):
            names.add(service.name.removeprefix(vendor))
    names.add(re.sub(r"\s*\(.*?\)", "", service.name))
    return sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)


# Korean particles written straight after a name ("CloudFront가", "Lambda 함수에서는"): the name is still
# a word of its own. Any other letter after it makes another word ("배치한다" is not "배치").
_PARTICLES = (
    "이|가|을|를|은|는|의|에|에서|에게|로|으로|와|과|도|만|까지|부터|처럼|보다|나|이나|라는|이라는|란|이란"
    "|이다|이며|로서|로써|으로서|으로써"
)


@functools.lru_cache(maxsize=4096)
def _word_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w@]){re.escape(name)}(?:{_PARTICLES})*(?![\w@])", re.IGNORECASE)


def mentions(text: str, name: str) -> bool:
    """Whether `text` names `name` as a word (case-insensitive; 'S3' does not match 'S3x'), Korean
    particles after it included ('CloudFront가' names CloudFront)."""
    return _word_pattern(name).search(text) is not None
