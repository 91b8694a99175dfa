"""Sign-up does the same work whether or not the e-mail already has an account (no timing oracle)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from accounts.models import User

SIGN_UP = reverse("account_signup")
NEW_PASSWORD = "a-long-new-passphrase-2026"


class CountingHasher(MD5PasswordHasher):
    """The cheap test hasher, counting how often a password is hashed."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counted(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signup.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


def sign_up(client, email):
    return client.post(SIGN_UP, {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_a_new_email_hashes_the_password_once(client, db, counted):
    response = sign_up(client, "newcomer@example.com")
    assert response.status_code == 302
    assert User.objects.filter(email="newcomer@example.com").exists()
    assert counted.calls == 1


def test_an_existing_email_hashes_a_password_too_and_answers_the_same(client, learner, counted):
    response = sign_up(client, learner.email)
    assert counted.calls == 1
    assert response.status_code == 302
    assert response["Location"] == sign_up(client, "someone-new@example.com")["Location"]
    assert User.objects.filter(email=learner.email).count() == 1
    assert not learner.__class__.objects.get(pk=learner.pk).check_password(NEW_PASSWORD)
    assert len(mail.outbox) == 2  # "you already have an account" and a verification mail
