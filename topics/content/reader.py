"""YAML that remembers line numbers, and typed field access that reports `file:line: what is wrong`."""

from __future__ import annotations

import datetime
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from topics.content.model import LANGUAGES, ContentError, Located, Source, Text

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s]+$")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
LANGUAGE_NAMES = {"en": "English", "ko": "Korean"}


class Mapping(dict):
    line: int = 0
    key_lines: dict


class Sequence(list):
    line: int = 0
    item_lines: list


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml parses ~10x faster
    pass


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _BadValue(yaml.MarkedYAMLError):
    pass


def _construct(loader, node):
    """One value; a value its tag cannot make (`!!int x`, the date 2026-13-45, `!!seq {a: 1}`) is a YAML
    error at its line.

    PyYAML's constructors fail on those with whatever the conversion raised (ValueError, KeyError,
    AttributeError, ...), which carries no file or line; the content format needs no explicit tags."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        tag = node.tag.rsplit(":", 1)[-1]
        what = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"this {node.id}"
        detail = (
            f" ({exc})" if type(exc) is ValueError else ""
        )  # "month must be in 1..12" helps; the rest would not
        raise _BadValue(None, None, f"{what} is not a valid {tag}{detail}", node.start_mark) from None


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, Hashable):
            raise _BadValue(
                None, None, "a key must be a plain name, not a list or mapping", key_node.start_mark
            )
        if key in mapping:
            raise _DuplicateKey(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = _construct(loader, value_node)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader, node):
    sequence = Sequence(_construct(loader, child) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str, errors: list[ContentError], line_offset: int = 0) -> Any:
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(loader, node)
    except RecursionError:
        errors.append(ContentError(path, line_offset + 1, "bad YAML: lists or mappings nested too deeply"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        errors.append(ContentError(path, line, f"bad YAML: {problem}"))
    except yaml.YAMLError as exc:
        errors.append(ContentError(path, None, f"bad YAML: {exc}"))
    finally:
        loader.dispose()
    return None


class Fields:
    """Typed access to one YAML mapping; every problem becomes a ContentError at the right line."""

    def __init__(self, data: Any, path: str, errors: list[ContentError], what: str, line: int | None = None):
        self.path, self.errors, self.what = path, errors, what
        self.ok = isinstance(data, dict)
        self.data = data if self.ok else {}
        self.line = getattr(data, "line", None) or line or 0
        if not self.ok:
            self.error(f"{what} must be a mapping of fields, got {type(data).__name__}")

    def line_of(self, key: str) -> int:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def location(self) -> dict:
        """Keyword arguments that place a Located dataclass at this mapping's file and line."""
        return {"path": self.path, "line": self.line, "key_lines": dict(getattr(self.data, "key_lines", {}))}

    def error(self, message: str, key: str | None = None) -> None:
        self.errors.append(ContentError(self.path, self.line_of(key) if key else self.line, message))

    def only(self, *allowed: str) -> None:
        for key in self.data:
            if key not in allowed:
                self.error(f"unknown field {key!r} in {self.what}", key)

    def _get(self, key: str, required: bool):
        if key not in self.data or self.data[key] is None or self.data[key] == "":
            if required:
                self.error(f"missing field {key!r} in {self.what}")
            return None
        return self.data[key]

    def str(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            self.error(f"field {key!r} must be text", key)
            return ""
        return str(value).strip()

    def text(self, stem: str, required: bool = True) -> Text | None:
        """Read `stem_en` and `stem_ko`; a missing language is an error of its own."""
        present = [
            f"{stem}_{lang}" in self.data and self.data[f"{stem}_{lang}"] not in (None, "")
            for lang in LANGUAGES
        ]
        if not any(present):
            if required:
                self.error(f"missing field {stem!r} in {self.what} (needs {stem}_en and {stem}_ko)")
            return None
        for language, here in zip(LANGUAGES, present, strict=True):
            if not here:
                self.error(
                    f"missing language: {stem}_{language} ({LANGUAGE_NAMES[language]}) is required in {self.what}"
                )
        return Text(self.str(f"{stem}_en", False), self.str(f"{stem}_ko", False))

    def int(self, key: str, required: bool = True, minimum: int | None = None) -> int:
        value = self._get(key, required)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"field {key!r} must be a whole number, got {value!r}", key)
            return 0
        if minimum is not None and value < minimum:
            self.error(f"field {key!r} must be at least {minimum}, got {value}", key)
        return value

    def number(self, key: str) -> float:
        value = self._get(key, True)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(f"field {key!r} must be a number, got {value!r}", key)
            return 0
        return value

    def bool(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(f"field {key!r} must be true or false, got {value!r}", key)
            return default
        return value

    def list(self, key: str, required: bool = True) -> list:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"field {key!r} must be a list", key)
            return []
        return value

    def str_list(self, key: str, required: bool = True) -> list[str]:
        items = self.list(key, required)
        if any(not isinstance(item, (str, int)) for item in items):
            self.error(f"field {key!r} must be a list of names", key)
            return []
        return [str(item) for item in items]

    def mapping(self, key: str, required: bool = True) -> dict:
        value = self._get(key, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(f"field {key!r} must be a mapping", key)
            return {}
        return value

    def date(self, key: str) -> datetime.date | None:
        value = self._get(key, True)
        if value is None:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.error(f"field {key!r} must be a date like 2026-11-22, got {value!r}", key)
            return None

    def choice(self, key: str, choices: tuple[str, ...], required: bool = True) -> str:
        value = self.str(key, required)
        if value and value not in choices:
            self.error(f"field {key!r} must be one of {', '.join(choices)}, got {value!r}", key)
        return value

    def url(self, key: str, what: str = "source") -> str:
        value = self._get(key, False)
        if value is None:
            self.error(f"missing {what}: field {key!r} with a documentation URL is required in {self.what}")
            return ""
        value = str(value).strip()
        if not URL_RE.match(value):
            self.error(f"field {key!r} must be an http(s) URL, got {value!r}", key)
        return value

    def slug(self, key: str = "slug") -> str:
        value = self.str(key)
        if value and not SLUG_RE.match(value):
            self.error(f"{key} {value!r} must be lower-case letters, digits and hyphens", key)
        return value

    def sources(self, key: str = "sources") -> list[Source]:
        items = self.list(key)
        if not items:
            self.error(f"missing sources: {self.what} needs at least one documentation link")
        sources = []
        for item in items:
            item_fields = Fields(item, self.path, self.errors, "a source", self.line_of(key))
            item_fields.only("url", "title")
            sources.append(Source(item_fields.url("url"), item_fields.str("title")))
        return sources


def error_at(errors: list[ContentError], obj: Located, message: str, key: str | None = None) -> None:
    """Report a problem found after reading (a cross-file check) at the line of `obj` or of its `key`."""
    line = obj.key_lines.get(key, obj.line) if key else obj.line
    errors.append(ContentError(obj.path, line or None, message))


def rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)


def read_text(path: Path, root: Path, errors: list[ContentError]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        errors.append(ContentError(rel(path, root), None, "file is missing"))
    except UnicodeDecodeError as exc:
        errors.append(ContentError(rel(path, root), None, f"not UTF-8 text ({exc.reason})"))
    return None


def load_yaml_file(path: Path, root: Path, errors: list[ContentError]) -> tuple[str, Any]:
    path_rel = rel(path, root)
    text = read_text(path, root, errors)
    return path_rel, parse_yaml(text, path_rel, errors) if text is not None else None


def yaml_files(root: Path, folder: str, errors: list[ContentError]):
    """(path, relative path, data) for every YAML file in a folder that parses."""
    for path in sorted((root / folder).glob("*.yaml")):
        path_rel, data = load_yaml_file(path, root, errors)
        if data is not None:
            yield path, path_rel, data


def split_front_matter(text: str, path_rel: str, errors: list[ContentError]) -> tuple[Any, str, int]:
    match = FRONT_MATTER_RE.match(text)
    if not match:
        errors.append(
            ContentError(
                path_rel,
                1,
                "missing front matter: the file must start with a '---' block holding title and summary",
            )
        )
        return None, text, 0
    meta = parse_yaml(match.group(1), path_rel, errors, line_offset=1)
    body_start_line = match.group(0).count("\n")
    return meta, text[match.end() :], body_start_line
