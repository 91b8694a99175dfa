"""Render curriculum Markdown to sanitised HTML: heading anchors that keep Korean, fact citations,
glossary links. Django-free, so it is tested (and used by the loader) without a database."""

from __future__ import annotations

import functools
import html
import re
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

FACT_REF_RE = re.compile(r"\[\[([A-Z0-9]{2,5}-\d{2,3})\]\]")

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em",
    "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "sup", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
# Headings in notes start at h2 (the page owns the h1); a stray '# ' becomes an h2.
HEADING_SHIFT = {"h1": "h2"}
SKIP_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class GlossaryLink:
    """A phrase to link to the glossary: the first occurrence in a note becomes a link."""

    phrase: str
    href: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: str


def _slugify(value: str, separator: str) -> str:
    # Prefixed so a note's headings never collide with the page's own ids (#note, #answer-panel).
    return "h-" + slugify_unicode(value, separator)


@functools.lru_cache(maxsize=8)
def _glossary_index(links: tuple[GlossaryLink, ...]) -> tuple[dict, re.Pattern | None]:
    ordered = sorted(links, key=lambda link: len(link.phrase), reverse=True)
    index = {link.phrase.casefold(): link for link in ordered}
    if not ordered:
        return index, None
    alternatives = _trie_regex([link.phrase.casefold() for link in ordered])
    # Latin terms need word boundaries; Hangul terms may carry a particle (배치 그룹은).
    return index, re.compile(rf"(?<![\w-])({alternatives})(?![A-Za-z0-9-])", re.IGNORECASE)


def _trie_regex(phrases: list[str]) -> str:
    """One alternation shaped as a trie ("s3(?:| bucket)"), so the regex engine tries each prefix once
    instead of hundreds of phrases at every position of every text (4x faster loads). Longer
    phrases still win: at each branch the longer continuations come first."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append("")  # the phrase may end here, after every longer continuation failed
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(trie)


class _GlossaryLinker(Treeprocessor):
    def __init__(self, md, links: tuple[GlossaryLink, ...]):
        super().__init__(md)
        self.links, self.pattern = _glossary_index(links)

    def run(self, root):
        if self.pattern is None:
            return
        self.used: set[str] = set()
        self._walk(root)

    def _link_text(self, text: str) -> tuple[str, list[tuple[etree.Element, str]]]:
        """Split text at unused glossary phrases: the leading text, then (link, following text) pairs."""
        pieces: list[tuple[etree.Element, str]] = []
        head, position, last = text, 0, None
        for match in self.pattern.finditer(text):
            link = self.links.get(match.group(1).casefold())
            if link is None or link.href in self.used:
                continue
            self.used.add(link.href)
            element = etree.Element("a", {"href": link.href, "class": "gloss", "title": link.title})
            element.text = match.group(1)
            if last is None:
                head = text[: match.start()]
            else:
                pieces[-1] = (pieces[-1][0], text[position : match.start()])
            pieces.append((element, ""))
            position, last = match.end(), element
        if pieces:
            pieces[-1] = (pieces[-1][0], text[position:])
        return head, pieces

    def _walk(self, element):
        if element.tag in SKIP_TAGS:
            return
        if element.text:
            head, pieces = self._link_text(element.text)
            if pieces:
                element.text = head
                for index, (link, tail) in enumerate(pieces):
                    link.tail = tail
                    element.insert(index, link)
        for child in list(element):
            self._walk(child)
            if child.tail:
                head, pieces = self._link_text(child.tail)
                if pieces:
                    child.tail = head
                    position = list(element).index(child) + 1
                    for offset, (link, tail) in enumerate(pieces):
                        link.tail = tail
                        element.insert(position + offset, link)


class _GlossaryExtension(Extension):
    def __init__(self, links: tuple[GlossaryLink, ...]):
        self.links = links
        super().__init__()

    def extendMarkdown(self, md):
        md.treeprocessors.register(_GlossaryLinker(md, self.links), "glossary_links", 1)


class _CornerCells(Treeprocessor):
    """An empty header cell (the corner of a comparison table, `| | A | B |`) becomes a data cell:
    it heads nothing, and a screen reader would announce an unnamed column header."""

    def run(self, root):
        for cell in root.iter("th"):
            if not (cell.text or "").strip() and len(cell) == 0:
                cell.tag = "td"


class _CornerCellExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_CornerCells(md), "corner_cells", 0)


def _cite_facts(text: str, fact_href: str) -> str:
    return FACT_REF_RE.sub(lambda m: f"[{m.group(1)}]({fact_href}{m.group(1)}){{: .fact-ref}}", text)


# Short texts (question stems, choices, explanations) come from instructors and imported files and sit
# inside the app's own markup: an id there could take over one the page's htmx targets and scripts look
# up (#item, #answer-form, #request-problem), or shadow a global through DOM clobbering.
SHORT_TEXT_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "*": ALLOWED_ATTRIBUTES["*"] - {"id"}}


def sanitise(html: str, attributes: dict = ALLOWED_ATTRIBUTES) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render(text: str, *, glossary: list[GlossaryLink] = (), fact_href: str = "#fact-") -> Rendered:
    """Render one note. Raw HTML in the source is removed; only the allow-listed tags survive."""
    md = markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "toc",
            "attr_list",
            "admonition",
            "sane_lists",
            _GlossaryExtension(tuple(glossary)),
            _CornerCellExtension(),
        ],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"slugify": _slugify, "toc_depth": "2-3"},
        },
    )
    html = md.convert(_cite_facts(text, fact_href))
    for old, new in HEADING_SHIFT.items():
        html = re.sub(rf"<(/?){old}([ >])", rf"<\g<1>{new}\g<2>", html)
    return Rendered(html=sanitise(html), toc=sanitise(md.toc) if md.toc_tokens else "")


# Texts using only paragraphs, "- " lists and **bold** (nearly every question stem) are rendered
# here directly; anything richer goes through Python-Markdown and nh3.
_RICH_SYNTAX = re.compile(r"[`#\[\]|<>_]|(?<!\*)\*(?!\*)|^\s*\d+\.\s|^ {2,}\S", re.MULTILINE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_short = threading.local()


def _simple_html(text: str) -> str:
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        escaped = [_BOLD.sub(r"<strong>\1</strong>", html.escape(line, quote=False)) for line in lines]
        if all(line.startswith(("- ", "+ ")) for line in lines):
            blocks.append("<ul>\n" + "\n".join(f"<li>{line[2:]}</li>" for line in escaped) + "\n</ul>")
        else:
            blocks.append("<p>" + "\n".join(escaped) + "</p>")
    return "\n".join(blocks)


def render_text(text: str) -> str:
    """Render a short text (a question stem, an explanation) to sanitised HTML, quickly."""
    if not text.strip():
        return ""
    if not _RICH_SYNTAX.search(text):
        return _simple_html(text)
    md = getattr(_short, "md", None)
    if md is None:
        md = _short.md = markdown.Markdown(
            extensions=["sane_lists", "fenced_code", "tables", _CornerCellExtension()]
        )
    md.reset()
    return sanitise(md.convert(text), SHORT_TEXT_ATTRIBUTES)
