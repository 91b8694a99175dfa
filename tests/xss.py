"""Cross-site scripting: a corpus of payloads and every field that accepts text.

FIELDS lists each place a visitor types text; adding one is one line (`Field(...)`). Two tests use it:
tests/studyapp/test_xss.py sends every payload through every field with Django's test client and reads
the HTML (`assert_inert`), and tests/e2e/test_xss.py sends them from a real Chromium and checks that
nothing ran.

Every payload, if it ever ran, would set `window.__xss` (or open a dialog): the marker `__xss` lets the
HTML check tell an injected element from the payload shown as text.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import reverse

from quizzes.formats import gift
from quizzes.formats.parsed import Choice, Question, Text

MARKER = "__xss"
RUN = "window.__xss=1"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f'<img src=x onerror="{RUN}">',
    f"<img/src=x/onerror={RUN}>",
    f"<svg onload={RUN}>",
    f"<svg><script>{RUN}</script></svg>",
    f"<svg><a xlink:href=\"javascript:{RUN}\"><text x='0' y='20'>x</text></a></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f"<math><maction actiontype=statusline xlink:href=javascript:{RUN}>x</maction></math>",
    f'<a href="javascript:{RUN}">click</a>',
    f'<a href="&#106;avascript:{RUN}">click</a>',
    f'<a href="JaVaScRiPt:{RUN}">click</a>',
    f"javascript:{RUN}",
    f"[click](javascript:{RUN})",
    f"[click](JAVASCRIPT:{RUN})",
    f"[click][r]\n\n[r]: javascript:{RUN}",
    f"<javascript:{RUN}>",
    f'![img](x" onerror="{RUN})',
    f"![img](javascript:{RUN})",
    f"[![img](x)](javascript:{RUN})",
    f'<iframe srcdoc="<script>parent.{RUN}</script>"></iframe>',
    f'" autofocus onfocus="{RUN}',
    f"' autofocus onfocus='{RUN}",
    f'" onmouseover="{RUN}" x="',
    f"</textarea><script>{RUN}</script>",
    f"</title><script>{RUN}</script>",
    f"</script><script>{RUN}</script>",
    f"<details open ontoggle={RUN}>",
    f"<input autofocus onfocus={RUN}>",
    f"<body onload={RUN}>",
    f'<form action="javascript:{RUN}"><button>go</button></form>',
    f'<object data="javascript:{RUN}"></object>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    f'<div hx-get="/healthz" hx-trigger="load" hx-on::after-request="{RUN}">x</div>',
    f'<div data-hx-on:click="{RUN}" hx-on-click="{RUN}">x</div>',
    f'<!--<img src="--><img src=x onerror={RUN}//">',
    f'<noscript><p title="</noscript><img src=x onerror={RUN}>"></noscript>',
    f"&lt;script&gt;{RUN}&lt;/script&gt;",
    f"<style>@import 'javascript:{RUN}';</style>",
    f"<a style=\"background:url('javascript:{RUN}')\">x</a>",
    "{{ 7|add:42 }}{% now 'Y' %}" + f"<script>{RUN}</script>",
    # Korean text around the payload: the escaping must not depend on the script the text is in.
    f"람다 함수 <script>{RUN}</script> 호출",
    f'가용 영역"><img src=x onerror={RUN}>',
    f"[시험 팁](javascript:{RUN}) 배치 그룹",
    f"**굵게** <svg onload={RUN}> `코드`",
]
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "srcset",
}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
RAW_TEXT = {"script", "style"}


class _Injection(HTMLParser):
    """Walks the HTML as a browser would and records every place the marker could run from."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.raw: str | None = None

    def handle_starttag(self, tag, attrs):
        if MARKER in tag:
            self.found.append(f"an injected <{tag}> element")
        for name, value in attrs:
            value = value or ""
            if MARKER in name:
                self.found.append(f"an injected attribute {name!r} on <{tag}>")
            elif MARKER not in value:
                continue
            elif name.startswith(("on", "hx-on", "data-hx-on")) or name in ("srcdoc", "style"):
                self.found.append(f"the payload in {name}= of <{tag}>")
            elif name in URL_ATTRIBUTES and _scheme(value) not in SAFE_SCHEMES:
                self.found.append(f"a {_scheme(value)}: URL in {name}= of <{tag}>")
            elif tag == "meta" and name == "content":
                self.found.append("the payload in a <meta> content")
        if tag in RAW_TEXT and not (tag == "script" and ("type", "application/json") in attrs):
            self.raw = tag

    def handle_endtag(self, tag):
        if tag == self.raw:
            self.raw = None

    def handle_data(self, data):
        if self.raw and MARKER in data:
            self.found.append(f"the payload inside <{self.raw}>")


def _scheme(url: str) -> str:
    cleaned = "".join(ch for ch in unescape(url) if ch > " ").lower()  # browsers drop controls and spaces
    try:
        return urlsplit(cleaned).scheme
    except ValueError:
        return "invalid"


def injections(html: str) -> list[str]:
    """Where the HTML would run a payload: injected elements, handlers, script URLs, script contents."""
    parser = _Injection()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_inert(html: str, payload: str, where: str = "") -> None:
    """The payload is shown as text (or removed by the sanitiser), never as markup that runs."""
    found = injections(html)
    assert found == [], f"{where}: {payload!r} became live markup: {found}"
    if "<" in payload:
        assert payload not in html, f"{where}: {payload!r} appears unescaped"


def as_gift_file(payload: str) -> str:
    """The payload as the text, a choice and a feedback of a question in a GIFT file, base64-encoded as
    the import form's confirm step sends it back."""
    question = Question(
        name=f"Q {payload[:40]}",
        line=0,
        category="",
        qtype="multichoice",
        text=Text(f"Stem {payload}"),
        choices=[
            Choice(Text(f"Yes {payload}"), 1.0, Text(f"Why {payload}")),
            Choice(Text("No"), 0.0, Text("")),
        ],
    )
    return base64.b64encode(gift.dump([question]).encode()).decode()


def prepare_targets() -> None:
    """Give the objects some fields post to the codes FIELDS name (a published question to report)."""
    from quizzes.models import Question as BankQuestion

    first = BankQuestion.objects.filter(status="published").order_by("pk").first()
    BankQuestion.objects.filter(pk=first.pk).update(code=REPORTED_QUESTION)


def exam_pk(code: str) -> int:
    from topics.models import Exam

    return Exam.objects.get(code=code).pk


def in_60_days() -> str:
    import datetime

    return (datetime.date.today() + datetime.timedelta(days=60)).isoformat()


def as_email(payload: str) -> str:
    """The payload as the local part of an e-mail address, which a quoted local part allows."""
    return f'"{payload}"@example.com'


@dataclass(frozen=True)
class Field:
    """A place a visitor types text: the form (URL name, the payload's parameter, the other fields) and
    the pages that may show it afterwards. `persona` is who types it; `wrap` shapes the payload (an
    e-mail address); `htmx` sends it as htmx does; `viewer` is who reads it afterwards (an instructor
    reading a learner's problem report). `one_at_a_time` is for fields that cannot take every
    payload at once (a length limit, an address format); the browser test sends the others together."""

    name: str
    url: str
    param: str
    data: dict = field(default_factory=dict)
    method: str = "post"
    persona: str = "learner"
    shows: tuple[str, ...] = ()
    wrap: object = None
    kwargs: dict = field(default_factory=dict)
    htmx: bool = False
    one_at_a_time: bool = False
    viewer: str | None = None  # who opens the `shows` pages, when not the one who typed it

    def path(self) -> str:
        return reverse(self.url, kwargs=self.kwargs)

    def value(self, payload: str) -> str:
        return self.wrap(payload) if self.wrap else payload

    def form(self, payload: str) -> dict:
        """The form to send; a value given as a function is worked out now (a primary key, a date)."""
        data = {name: value() if callable(value) else value for name, value in self.data.items()}
        return {**data, self.param: self.value(payload)}

    def pages(self) -> list[str]:
        return [name if name.startswith("/") else reverse(name) for name in self.shows]


PASSWORD = "a-long-xss-passphrase-2026"
REPORTED_QUESTION = "8f1c2d3e-0000-4000-8000-00000000a55e"
REPORT = {"code": REPORTED_QUESTION}
FIELDS = [
    Field("search", "topics:search", "q", method="get", persona="anonymous", one_at_a_time=True),
    Field("search, as htmx asks", "topics:search", "q", method="get", persona="learner", htmx=True),
    Field("sign-up e-mail", "account_signup", "email", {"password1": PASSWORD, "password2": PASSWORD},
          persona="anonymous", wrap=as_email, one_at_a_time=True),
    Field("sign-in e-mail", "account_login", "login", {"password": PASSWORD}, persona="anonymous"),
    Field("password-reset e-mail", "account_reset_password", "email", persona="anonymous"),
    Field("another e-mail of the account", "account_email", "email", {"action_add": ""},
          shows=("account_email", "dashboard"), wrap=as_email, one_at_a_time=True),
    Field("interface language", "accounts:set-language", "language", {"next": "/"}),
    Field("language switch's return address", "accounts:set-language", "next", {"language": "ko"}),
    Field("practice topic", "quizzes:practice-start", "topic", {"scope": "topic", "size": "5"}),
    Field("practice size", "quizzes:practice-start", "size", {"scope": "mixed"}),
    Field("review settings: retention", "reviews:settings", "desired_retention",
          {"new_cards_per_day": "10", "max_reviews_per_day": "100"}),
    Field("review settings: exam date", "reviews:settings", "exam_date",
          {"desired_retention": "0.9", "new_cards_per_day": "10", "max_reviews_per_day": "100"}),
    Field("topic index exam filter", "topics:index", "exam", method="get", persona="anonymous"),
    Field("topic index task filter", "topics:index", "task", method="get", persona="anonymous"),
    Field("problem report", "quizzes:report-problem", "message", {"version": "1", "kind": "unclear"}, kwargs=REPORT,
          shows=("authoring:reports",), viewer="instructor"),
    Field("problem report's version", "quizzes:report-problem", "version", method="get", kwargs=REPORT),
    Field("class name", "classes:create", "name", {"exam": lambda: exam_pk("SAA-C03"), "exam_date": in_60_days},
          persona="instructor", shows=("classes:index",)),
    Field("question list search", "authoring:questions", "q", method="get", persona="instructor"),
    Field("imported GIFT file (preview)", "authoring:import", "content", {"language": "en"},
          persona="instructor", wrap=as_gift_file),
    Field("imported GIFT file (saved)", "authoring:import", "content", {"language": "en", "confirm": "1"},
          persona="instructor", wrap=as_gift_file, shows=("authoring:questions",)),
    Field("imported file's name", "authoring:import", "filename",
          {"language": "en", "content": base64.b64encode(b"::Q:: Q? {=yes ~no}").decode()}, persona="instructor"),
]  # fmt: skip
