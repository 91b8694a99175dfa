"""What a browser gets from the app under the production variables, behind the TLS proxy: HSTS, cookies
that never travel over plain HTTP and that scripts cannot read, the redirect to HTTPS, and the
security headers. Run in a fresh process with the production environment (settings read it at start),
against a throwaway SQLite database, signing in as a browser does."""

import json
import subprocess
import sys

import pytest

from tests.studyapp.test_operations import PRODUCTION_ENV, ROOT, clean_env

SCRIPT = """
import json, os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
django.setup()
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from accounts.models import Profile, User

call_command("migrate", verbosity=0)
user = User.objects.create_user(email="pat@example.com", password="a-long-production-passphrase")
Profile.objects.create(user=user)
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

proxy = {"HTTP_HOST": "study.example.com", "REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
https = {**proxy, "HTTP_X_FORWARDED_PROTO": "https"}
client = Client(raise_request_exception=False)

def seen(response):
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "headers": {k.lower(): v for k, v in response.headers.items()},
        "cookies": {name: morsel.OutputString() for name, morsel in response.cookies.items()},
    }

out = {
    "plain_page": seen(client.get("/topics/", **{**proxy, "HTTP_X_FORWARDED_PROTO": "http"})),
    "plain_healthz": seen(client.get("/healthz", **{**proxy, "HTTP_X_FORWARDED_PROTO": "http"})),
    "home": seen(client.get("/", **https)),
    "sign_in": seen(client.post(
        "/accounts/login/", {"login": user.email, "password": "a-long-production-passphrase"}, **https
    )),
    "language": seen(client.post("/language/", {"language": "ko", "next": "/"}, **https)),
}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    database = tmp_path_factory.mktemp("production") / "db.sqlite3"
    env = clean_env(**PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{database}")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_sent_to_https_except_the_health_check(production):
    assert production["plain_page"]["status"] == 301
    assert production["plain_page"]["location"] == "https://study.example.com/topics/"
    assert production["plain_healthz"]["status"] == 200  # the container's health check asks over HTTP


def test_https_pages_carry_hsts_for_a_year_with_subdomains_and_preload(production):
    hsts = production["home"]["headers"]["strict-transport-security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_security_headers_are_sent(production):
    headers = production["home"]["headers"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    csp = headers["content-security-policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


@pytest.mark.parametrize(
    ("response", "cookie"),
    [("home", "csrftoken"), ("sign_in", "sessionid"), ("language", "studyapp_language")],
)
def test_every_cookie_is_secure_and_same_site(production, response, cookie):
    sent = production[response]["cookies"][cookie]
    attributes = {part.strip().split("=")[0].lower() for part in sent.split(";")}
    assert "secure" in attributes, sent
    assert "samesite" in attributes, sent


def test_the_session_cookie_is_out_of_reach_of_scripts(production):
    assert production["sign_in"]["status"] == 302, "the sign-in worked"
    assert "HttpOnly" in production["sign_in"]["cookies"]["sessionid"]
