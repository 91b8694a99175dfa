"""Health check, environment handling, deploy checks and the container files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k9#Qm2!vX7pL0wR4tZ8yB1nC6eH3jU5sD0fG9aK2lM7oP4iT-production-only",
    "ALLOWED_HOSTS": "study.example.com",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_COOKIES": "true",
    "BEHIND_TLS_PROXY": "true",
    "SMTP_HOST": "smtp.example.com",
}
# Variables of the test run itself that a production process never has.
TEST_ONLY = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def clean_env(**env) -> dict:
    return {**{k: v for k, v in os.environ.items() if k not in TEST_ONLY}, **env}


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    """Run Python code in a fresh interpreter with Django set up under the given environment."""
    script = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'studyapp.settings'); "
    script += "django.setup(); " + code
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean_env(ALLOWED_HOSTS="testserver", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_pages_show_a_friendly_503_not_a_stack_trace_when_the_database_is_down():
    result = run_django(
        # A returning visitor's session cookie makes the page read the session table.
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "c.cookies['sessionid'] = 'returning-visitor'; r = c.get('/dashboard/');"
        "print(r.status_code); print(r.content.decode())",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",
        DATABASE_CONNECT_TIMEOUT="2",
        DATABASE_POOL_TIMEOUT="3",
    )
    status, _, body = result.stdout.partition("\n")
    assert status == "503", result.stderr
    assert "Something went wrong" in body
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "Environment variable DEBUG must be a boolean"),
        ("SECURE_COOKIES", "sometimes", "Environment variable SECURE_COOKIES must be a boolean"),
        ("DATABASE_POOL_MAX_SIZE", "eight", "Environment variable DATABASE_POOL_MAX_SIZE must be an integer"),
        ("SECURE_HSTS_SECONDS", "-5", "Environment variable SECURE_HSTS_SECONDS must be at least 0"),
        ("CACHE_BACKEND", "memcached", "Environment variable CACHE_BACKEND must be one of locmem, database"),
    ],
)
def test_a_malformed_variable_stops_startup_naming_it(variable, value, message):
    env = {variable: value}
    if variable.startswith("DATABASE_POOL"):
        env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:9/nothing"
    result = run_django("print('started')", **env)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert message in result.stderr
    assert repr(value) in result.stderr


def test_debug_is_off_unless_asked_for():
    assert run_django("from django.conf import settings; print(settings.DEBUG)").stdout.strip() == "False"


def test_deploy_check_is_clean_with_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_env(**PRODUCTION_ENV),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_flags_the_development_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_no_model_changes_are_missing_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_variable_the_settings_read_is_in_env_example():
    settings_source = (ROOT / "studyapp" / "settings.py").read_text()
    import re

    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read - documented == set()


def test_migrate_creates_the_cache_table_so_the_database_cache_works(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "CACHE_BACKEND": "database"}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    # A failed sign-in counts against the rate limit, which lives in the cache.
    result = run_django(
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "print(c.post('/accounts/login/', {'login': 'a@example.com', 'password': 'x'}).status_code)",
        **env,
    )
    assert result.stdout.strip() == "200", result.stderr


def test_a_log_line_is_printed_once_with_debug_on():
    result = run_django(
        "import logging; logging.getLogger('django.request').warning('only once')", DEBUG="true"
    )
    assert result.stderr.count("only once") == 1, result.stderr


def make_plan(target: str) -> str:
    """The commands `make TARGET` would run from scratch (make -n -B prints, runs nothing)."""
    return subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout


def test_make_run_installs_only_what_runs_the_app():
    plan = make_plan("run")
    assert "--require-hashes -r requirements.txt" in plan
    assert "requirements-dev.txt" not in plan


def test_make_test_adds_the_test_tools():
    assert "--require-hashes -r requirements-dev.txt" in make_plan("test")
