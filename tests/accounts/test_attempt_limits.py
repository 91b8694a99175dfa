"""The limits allauth puts on sign-up, on wrong passwords for one account and on password-reset mails,
and the page a visitor gets when one trips: the site's own, in their language. Time moves with
time-machine, so a limit is seen to lift when its window ends.

(tests/accounts/test_rate_limits.py covers failed sign-ins counted per visitor behind the proxy.)"""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.conftest import PASSWORD

SIGN_UP = reverse("account_signup")
SIGN_IN = reverse("account_login")
RESET = reverse("account_reset_password")
NEW_PASSWORD = "a-long-new-passphrase-2026"


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def sign_up(client, n: int, address="198.51.100.7"):
    data = {"email": f"new{n}@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return client.post(SIGN_UP, data, REMOTE_ADDR=address)


@pytest.mark.parametrize(("language", "heading"), [("en", "Too many attempts"), ("ko", "시도 횟수 초과")])
def test_the_21st_sign_up_in_a_minute_from_one_address_is_refused_on_the_sites_own_page(
    client, db, clock, language, heading
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for n in range(20):
        assert sign_up(client, n).status_code == 302
    refused = sign_up(client, 20)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert 'class="site-header"' in page  # the site's layout, not allauth's bare page
    assert not User.objects.filter(email="new20@example.com").exists()
    # Another visitor is not held back, and a minute later this one may sign up again.
    assert sign_up(client, 21, address="203.0.113.50").status_code == 302
    clock.shift(timedelta(seconds=61))
    assert sign_up(client, 22).status_code == 302


def test_five_wrong_passwords_lock_the_account_for_five_minutes_from_any_address(client, learner, clock):
    for n in range(5):
        client.post(
            SIGN_IN, {"login": learner.email, "password": "wrong-guess-123"}, REMOTE_ADDR=f"192.0.2.{n}"
        )
    # Even the right password, from a fresh address, is refused while the lock holds.
    refused = client.post(SIGN_IN, {"login": learner.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.99")
    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    clock.shift(timedelta(minutes=5, seconds=1))
    accepted = client.post(SIGN_IN, {"login": learner.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.99")
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_password_reset_mails_for_one_address_stop_after_five_a_minute(client, learner, clock):
    for n in range(7):
        client.post(RESET, {"email": learner.email}, REMOTE_ADDR=f"192.0.2.{n}")
    assert len(mail.outbox) == 5
    clock.shift(timedelta(seconds=61))
    client.post(RESET, {"email": learner.email}, REMOTE_ADDR="192.0.2.50")
    assert len(mail.outbox) == 6
