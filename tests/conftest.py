"""Shared fixtures: personas for access checks, a real Chromium for browser tests."""

import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from accounts.models import INSTRUCTORS_GROUP, Profile, User
from quizzes.bank import sync_questions
from quizzes.generator import generate
from topics.content import read_curriculum
from topics.loading import load_curriculum

# Playwright's sync API runs an event loop in the test thread; Django must still allow the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = ROOT / "test-results"
# A small curriculum (2 topics, 2 facts, 1 case) that every database test starts with.
FIXTURE_CONTENT = ROOT / "tests" / "topics" / "content"
REAL_CONTENT = ROOT / "content"
PASSWORD = "correct-horse-battery-staple"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_fixture_curriculum()


def load_fixture_curriculum(path=FIXTURE_CONTENT):
    curriculum = read_curriculum(path)
    load_curriculum(curriculum)
    sync_questions(generate(curriculum).questions)


@pytest.fixture(scope="session")
def real_curriculum():
    """The real content/ folder, read once per test session (reading and checking it takes seconds)."""
    return read_curriculum(REAL_CONTENT)


@pytest.fixture(scope="session")
def real_generated(real_curriculum):
    """The question bank generated from the real curriculum, once per test session."""
    return generate(real_curriculum)


@pytest.fixture(scope="session")
def real_content_db(django_db_setup, django_db_blocker, real_curriculum, real_generated):
    """The real curriculum and its questions in the test database, loaded once per session in place of
    the small one. The tests that use it run after every other rolled-back test (see the ordering
    hook below), so nothing else sees the swap."""
    with django_db_blocker.unblock():
        load_curriculum(real_curriculum)
        sync_questions(real_generated.questions)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # allauth's rate limits live in the cache
    yield
    cache.clear()


def make_user(email: str, *, language: str = "en", instructor: bool = False, staff: bool = False) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=staff)
    Profile.objects.create(user=user, language=language)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if instructor:
        # get_or_create: a transactional test's flush empties the group its data migration made (the
        # flush recreates the permission itself).
        group, created = Group.objects.get_or_create(name=INSTRUCTORS_GROUP)
        if created:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="accounts", codename="instruct")
            )
        user.groups.add(group)
    return user


@pytest.fixture
def learner(db):
    return make_user("alice@example.com")


@pytest.fixture
def other_learner(db):
    return make_user("bob@example.com")


@pytest.fixture
def instructor(db):
    return make_user("charlie@example.com", instructor=True)


@pytest.fixture
def staff(db):
    return make_user("dana@example.com", staff=True)


PERSONAS = ["anonymous", "learner", "other_learner", "instructor", "staff"]


@pytest.fixture
def persona_client(request, client, db):
    """Return a function giving a test client signed in as the named persona."""

    def for_persona(name: str):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return for_persona


@pytest.fixture(scope="session")
def output_dir():
    OUTPUT_DIR.mkdir(exist_ok=True)
    return OUTPUT_DIR


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    errors = []
    # 409 and 422 are answers the app gives on purpose (already answered, choose more) and shows in
    # place; Chromium still logs them as failed loads.
    expected = re.compile(r"Failed to load resource: the server responded with a status of (409|422)")
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not expected.match(message.text)
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"


def _database_group(item) -> int:
    """0: runs inside a rolled-back transaction, 1: commits (live server, transactional), 2: no database."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if (
        "live_server" in fixtures
        or "transactional_db" in fixtures
        or (marker and marker.kwargs.get("transaction"))
    ):
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that load the real curriculum after every other rolled-back database test, so those
    see only the fixture curriculum, and before the live-server tests, which empty the database."""
    items.sort(
        key=lambda item: (_database_group(item), "real_content_db" in getattr(item, "fixturenames", ()))
    )
