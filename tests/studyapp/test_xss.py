"""Every XSS payload through every field that accepts text (tests/xss.py): the response and every page
that shows the field afterwards carry it as text, never as markup that runs; a redirect built from it
never leaves the site or runs script."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from tests.xss import FIELDS, MARKER, PAYLOADS, assert_inert, prepare_targets


def send(client, field, payload):
    headers = {"HTTP_HX_REQUEST": "true"} if field.htmx else {}
    if field.method == "get":
        return client.get(field.path(), field.form(payload), **headers)
    return client.post(field.path(), field.form(payload), **headers)


def check(response, payload, where):
    assert response.status_code < 500, where
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"])
        assert target.scheme in ("", "http", "https") and target.netloc in ("", "testserver"), (
            f"{where}: {payload!r} redirected to {response['Location']!r}"
        )
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    if response.get("Content-Type", "").startswith("text/html"):
        assert_inert(response.content.decode(), payload, where)


@pytest.fixture
def client_of(request, db):
    def signed_in(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return signed_in


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_every_payload_stays_text_in_every_field(client_of, field):
    prepare_targets()
    client = client_of(field.persona)
    viewer = client_of(field.viewer) if field.viewer else client
    shown = False
    for payload in PAYLOADS:
        cache.clear()  # the sign-up and e-mail limits would otherwise refuse the later payloads
        check(send(client, field, payload), payload, f"{field.name}: the response")
        for page in field.pages():
            response = viewer.get(page)
            check(response, payload, f"{field.name}: {page}")
            shown = shown or MARKER in response.content.decode()
    if field.shows:  # the pages really show what was typed: the check above saw the payloads
        assert shown, f"no payload reached a page that shows {field.name}: the field refused them all"
