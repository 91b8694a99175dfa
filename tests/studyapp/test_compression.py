"""Pages are gzipped for browsers that accept it; pages with personal data or secrets are not (BREACH)."""

import gzip

import pytest


def get(client, url, *, gzip_ok=True):
    return client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br" if gzip_ok else "identity")


@pytest.mark.parametrize("url", ["/facts/", "/glossary/", "/topics/", "/topics/lambda-basics/", "/"])
def test_a_reading_page_is_gzipped_when_the_browser_accepts_it(client, db, url):
    plain = get(client, url, gzip_ok=False)
    packed = get(client, url)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    assert b"</html>" in gzip.decompress(packed.content)


def test_a_signed_in_reading_page_is_gzipped_too(client, learner):
    client.force_login(learner)
    assert get(client, "/facts/")["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("url", ["/dashboard/", "/practice/", "/accounts/email/"])
def test_personal_pages_are_not_compressed(client, learner, url):
    client.force_login(learner)
    response = get(client, url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/password/reset/", "/accounts/confirm-email/made-up-key/"]
)
def test_account_pages_which_may_carry_keys_are_neither_compressed_nor_stored(client, db, url):
    response = get(client, url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "no-store" in response["Cache-Control"]
