"""Failed sign-ins are counted per visitor, also behind the TLS proxy that BEHIND_TLS_PROXY describes."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.studyapp.test_operations import run_django

SIGN_IN = reverse("account_login")
PROXY = "10.0.0.2"  # every request reaches the app from the proxy's address


def fail_ten_times_from(client, visitor_ip):
    # Ten different e-mails, so only the per-address limit (10 a minute) can trip.
    for n in range(10):
        client.post(
            SIGN_IN,
            {"login": f"guess{n}@example.com", "password": "wrong-guess-123"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=visitor_ip,
        )


def sign_in_from(client, visitor_ip, email):
    return client.post(
        SIGN_IN, {"login": email, "password": PASSWORD}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor_ip
    )


def trusted_proxy_count(behind_proxy: str) -> int:
    """What the settings make of BEHIND_TLS_PROXY, read in a fresh process."""
    result = run_django(
        "from django.conf import settings; print(getattr(settings, 'ALLAUTH_TRUSTED_PROXY_COUNT', 0))",
        BEHIND_TLS_PROXY=behind_proxy,
    )
    return int(result.stdout.strip())


@pytest.fixture(scope="module")
def proxy_count():
    return trusted_proxy_count("true")


@pytest.fixture
def behind_the_proxy(settings, proxy_count):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxy_count


def test_one_visitors_failures_do_not_lock_out_another_behind_the_proxy(behind_the_proxy, client, learner):
    fail_ten_times_from(client, "203.0.113.7")
    assert sign_in_from(client, "198.51.100.9", learner.email).status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_the_visitor_who_failed_is_locked_out_behind_the_proxy(behind_the_proxy, client, learner):
    fail_ten_times_from(client, "203.0.113.7")
    response = sign_in_from(client, "203.0.113.7", learner.email)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_first_hop_does_not_escape_the_limit(behind_the_proxy, client, learner):
    # The proxy appends the address it saw; whatever the visitor wrote before it is ignored.
    for n in range(10):
        client.post(
            SIGN_IN,
            {"login": f"guess{n}@example.com", "password": "wrong-guess-123"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        )
    response = sign_in_from(client, "192.0.2.99, 203.0.113.7", learner.email)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.parametrize(("behind_proxy", "count"), [("true", 1), ("false", 0)])
def test_the_proxy_setting_also_sets_allauths_trusted_proxy_count(behind_proxy, count):
    assert trusted_proxy_count(behind_proxy) == count
