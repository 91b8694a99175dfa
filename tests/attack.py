"""Helpers the attack tests share: every route of the URL configuration, what a learner owns, and the
check that a page shows no answer key before the learner has answered.

Other tests import them too: `from tests.attack import assert_no_answer_key` in an exam test proves its
fragment leaks nothing, `owned_rows(user)` proves a refused request changed nothing of that user's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

SAMPLE_UUID = "8f1c2d3e-0000-4000-8000-000000000001"
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern, flattened: its full route text, its namespaced name (or None) and a path that
    resolves to it."""

    route: str
    name: str | None
    view: object
    sample_path: str


def routes(resolver=None, prefix: str = "", namespace: str | None = None) -> list[Route]:
    """Every URL pattern the site answers, named or not (admin, allauth and the apps alike); a pattern
    an earlier one shadows is left out."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        text = prefix + _pattern_text(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            nested = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            found += routes(pattern, text, nested)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            path = "/" + _sample(text)
            try:
                resolved = resolve(path).func
            except Resolver404:
                resolved = None
            # An earlier pattern may take the path on purpose (the admin's own sign-in page is
            # replaced by studyapp.views.admin_login): that route is never reached, so never checked.
            if resolved == pattern.callback:
                found.append(Route(text, name, pattern.callback, path))
    return found


def _pattern_text(pattern) -> str:
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        return text
    return text.removeprefix("^").removesuffix("$")


def _sample(route: str) -> str:
    """A concrete path for a route: a UUID where the converter wants one, "1" for anything else."""

    def parameter(match):
        converter = match.group("converter") or "str"
        return SAMPLE_UUID if converter == "uuid" else "1"

    return _ROUTE_PARAMETER.sub(parameter, _REGEX_GROUP.sub("1", route))


def _paths_to_user(model, depth: int = 3, prefix: str = ""):
    """Lookups from `model` to the user who owns a row (`user`, `quiz__user`, `item__attempt__user`)."""
    user_model = get_user_model()
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        if field.related_model is user_model:
            yield prefix + field.name
        elif depth > 1 and field.related_model is not model:
            yield from _paths_to_user(field.related_model, depth - 1, f"{prefix}{field.name}__")


def owned_rows(user) -> dict[str, list[str]]:
    """Every row that belongs to `user`, through any chain of up to three foreign keys, as comparable
    text: compare it before and after a request to prove the request changed nothing of theirs."""
    user_model = get_user_model()
    rows = {"user": [repr(row) for row in user_model.objects.filter(pk=user.pk).values()]}
    for model in apps.get_models():
        for path in _paths_to_user(model):
            values = model.objects.filter(**{path: user}).order_by("pk").values()
            rows[f"{model._meta.label}.{path}"] = [repr(row) for row in values]
    return rows


def assert_no_answer_key(html: str, choices: list[dict]) -> None:
    """A page shown before the learner answered gives nothing away: no choice is marked correct, no
    choice's explanation ("why") and no other per-choice data appears in the HTML.

    `choices` is the version's choice list (`{"id", "correct", "why_en", "why_ko", ...}`); the check reads
    the HTML as text, markup and attributes included, so a key hidden in a data- attribute, a comment, a
    JSON block or a CSS class is caught as well as one in visible text."""
    text = unescape(html)
    lowered = text.lower()
    for marker in (
        '"correct"',
        "'correct'",
        "data-correct",
        "is-correct",
        "aria-correct",
        "correct=",
        "정답입니다",
    ):
        assert marker not in lowered, f"the page marks a correct choice before the answer ({marker!r})"
    assert not re.search(r'class="[^"]*(?<![\w-])(correct|is-key|answer-key)(?![\w-])', html), (
        "a choice is styled as the key"
    )
    for choice in choices:
        for field in ("why_en", "why_ko"):
            why = " ".join((choice.get(field) or "").split())
            # A short "why" could occur by chance; 24 characters of an explanation cannot.
            if len(why) >= 24:
                assert why[:60] not in " ".join(text.split()), f"the explanation of {choice['id']} leaks"
