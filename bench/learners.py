"""The benchmark database's learners, signed in by writing their session rows straight into the database
(the sign-in form's rate limits rightly refuse a thousand sign-ins from one address), each with a CSRF
token; twin quizzes for them; and the database settled after a run's setup has rewritten it. Django must
be set up for everything here but `Learner`."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from bench.harness import HOST, ORIGIN


@dataclass(frozen=True)
class Learner:
    pk: int
    session_key: str
    csrf: str
    language: str

    def headers(self, referer: str = "/") -> dict[str, str]:
        """What a signed-in browser sends through the TLS proxy: cookies, CSRF token, origin, htmx."""
        return {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Origin": ORIGIN,
            "Referer": ORIGIN + referer,
            "Cookie": f"sessionid={self.session_key}; csrftoken={self.csrf}; studyapp_language={self.language}",
            "X-CSRFToken": self.csrf,
            "HX-Request": "true",
            "Accept-Encoding": "gzip, deflate, br",
            "Accept-Language": f"{self.language},en;q=0.8",
        }


def sign_in_learners(count: int, *, korean_share: float = 0.5) -> list[Learner]:
    """Replace every user of the benchmark database by `count` signed-in learners (Django must be set up).

    Users, profiles and sessions are written in bulk, as the sign-in form would leave them."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from accounts.models import Profile, User

    User.objects.all().delete()  # the benchmark database's own users, with their answers and cards
    Session.objects.all().delete()
    run = secrets.token_hex(3)
    unusable = make_password(None)  # signed in by session only, as after a sign-in
    users = User.objects.bulk_create(
        User(email=f"learner{i}-{run}@bench.example", password=unusable) for i in range(count)
    )
    languages = ["ko" if i < count * korean_share else "en" for i in range(count)]
    Profile.objects.bulk_create(
        Profile(user=u, language=lang) for u, lang in zip(users, languages, strict=True)
    )
    store, expires = SessionStore(), timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    learners, sessions = [], []
    for user, language in zip(users, languages, strict=True):
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        key = secrets.token_hex(16)
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        learners.append(Learner(user.pk, key, secrets.token_hex(16), language))
    Session.objects.bulk_create(sessions, batch_size=2000)
    return learners


def twin(parent, user, fields: tuple[str, ...], item_fields: tuple[str, ...]) -> str:
    """The same quiz or mock exam for another learner, for comparing what two runs leave behind: the
    `fields` of `parent` copied for `user`, with the `item_fields` of its items (the same questions,
    versions and choice order; nothing answered), under codes of their own."""
    model, items = type(parent), parent.items
    copy = model.objects.create(user=user, **{name: getattr(parent, name) for name in fields})
    items.model.objects.bulk_create(
        items.model(**{items.field.name: copy}, **{name: getattr(item, name) for name in item_fields})
        for item in items.all()
    )
    return str(copy.code)


def settle() -> None:
    """VACUUM (ANALYZE) the benchmark's database (Django must be set up). Setting up a run deletes the
    previous run's learners with everything they wrote and bulk-inserts the new ones: minutes later
    autovacuum would have cleaned up and counted, but a run starting at once met dead rows and stale
    statistics (a plan that read 60,000 index entries for ten items)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
