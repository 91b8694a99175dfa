"""No XSS payload runs in a real Chromium, whichever field it is typed into (tests/xss.py FIELDS).

Each payload is sent as the browser would send the form (a real navigation with the session and CSRF
cookies), then the response and every page that shows the field are rendered. A payload that ran would
set `window.__xss` or open a dialog; one the Content-Security-Policy stopped would leave a CSP report
in the console. All three are checked, so the test fails on an escaping hole even though the CSP would
have blocked it.
"""

import json
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from tests.conftest import load_fixture_curriculum
from tests.e2e.signing import sign_in
from tests.xss import FIELDS, PAYLOADS, prepare_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = """([action, fields]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  for (const [name, value] of fields) {
    const input = document.createElement("textarea");
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}"""


class Watch:
    """A browser context for one persona that records what would show a payload ran."""

    def __init__(self, browser, url):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("console", self._console)
        self.where = ""

    def _dialog(self, dialog):
        self.problems.append(f"{self.where}: a {dialog.type} dialog opened: {dialog.message}")
        dialog.dismiss()

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.problems.append(f"{self.where}: the CSP blocked something injected: {message.text[:200]}")

    def sign_in(self, user):
        sign_in(self.page, self.url, user)

    def send(self, field, payload):
        form = field.form(payload)
        if field.method == "get":
            self.page.goto(f"{self.url}{field.path()}?{urlencode(form)}")
            return
        if not self.page.url.startswith(self.url):
            self.page.goto(self.url + "/")
        token = next(c["value"] for c in self.context.cookies() if c["name"] == "csrftoken")
        fields = [*form.items(), ("csrfmiddlewaretoken", token)]
        with self.page.expect_navigation():
            self.page.evaluate(SUBMIT, [self.url + field.path(), fields])

    def check(self, where):
        self.where = where
        self.page.wait_for_load_state("load")
        ran = self.page.evaluate("() => window.__xss")
        if ran is not None:
            self.problems.append(f"{where}: window.__xss = {json.dumps(ran)}")

    def close(self):
        self.context.close()


def test_no_payload_runs_in_chromium_in_any_field(live_server, browser, learner, instructor, output_dir):
    load_fixture_curriculum()  # transactional tests start from an empty database
    prepare_targets()
    watches = {name: Watch(browser, live_server.url) for name in ("anonymous", "learner", "instructor")}
    watches["learner"].sign_in(learner)
    watches["instructor"].sign_in(instructor)
    try:
        for field in FIELDS:
            if field.htmx:
                continue  # in a browser the same request as the field's plain version
            watch = watches[field.persona]
            for payload in PAYLOADS if field.one_at_a_time else ["\n".join(PAYLOADS)]:
                cache.clear()  # the sign-up and e-mail limits would refuse the later payloads
                watch.where = f"{field.name}, {payload[:40]!r}"
                watch.send(field, payload)
                watch.check(f"{field.name}: the response to {payload[:40]!r}")
            viewer = watches[field.viewer or field.persona]
            for page in field.pages():  # stored payloads pile up: one visit shows them all
                viewer.page.goto(live_server.url + page)
                viewer.check(f"{field.name}: {page}")
        watches["learner"].page.goto(live_server.url + "/accounts/email/")
        watches["learner"].page.screenshot(path=output_dir / "xss-stored-emails.png", full_page=True)
        problems = [p for watch in watches.values() for p in watch.problems]
    finally:
        for watch in watches.values():
            watch.close()
    assert problems == []
