"""docker-compose.yml, the Dockerfile and .env.example fit together: `cp .env.example .env && docker compose up`.

Docker cannot run here, so these read the files and run the app with .env.example's values the
way the container gets them; tests/studyapp/test_gunicorn.py runs the container's gunicorn set-up.
"""

import re
import subprocess
import sys

import yaml

from tests.studyapp.test_operations import ROOT, clean_env

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
WEB = COMPOSE["services"]["web"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
ENV_EXAMPLE_LINES = (ROOT / ".env.example").read_text().splitlines()
SETTINGS_LINES = [line for line in ENV_EXAMPLE_LINES if line.strip() and not line.startswith("#")]


def env_example() -> dict[str, str]:
    """.env.example read as `docker run --env-file` reads it: everything after the first '='."""
    return dict(line.split("=", 1) for line in SETTINGS_LINES)


def test_compose_runs_postgres_with_a_health_check_and_a_volume():
    db = COMPOSE["services"]["db"]
    assert db["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert db["volumes"][0].split(":")[0] in COMPOSE["volumes"]


def test_the_app_waits_for_a_healthy_database():
    assert WEB["depends_on"]["db"]["condition"] == "service_healthy"
    assert WEB["build"] == "."


def test_every_setting_of_the_env_file_reaches_the_app():
    assert WEB["env_file"] == ".env"
    # Only what must differ inside compose is fixed here; everything else comes from .env.
    assert set(WEB["environment"]) == {"DATABASE_URL", "SECRET_KEY", "CACHE_BACKEND"}
    assert "@db:5432/" in WEB["environment"]["DATABASE_URL"]
    assert WEB["environment"]["CACHE_BACKEND"] == "database"


def test_the_app_migrates_loads_content_and_serves_with_the_repositorys_gunicorn_config():
    command = WEB["command"]
    steps = [command.index(step) for step in ("migrate", "load_content", "gunicorn -c gunicorn.conf.py")]
    assert steps == sorted(steps)
    assert '"gunicorn", "-c", "gunicorn.conf.py", "studyapp.wsgi"' in DOCKERFILE


def test_the_dockerfile_installs_only_the_runtime_lock_file():
    assert "FROM python:3.12" in DOCKERFILE
    assert "--require-hashes -r requirements.txt" in DOCKERFILE
    assert "requirements-dev" not in DOCKERFILE
    assert "collectstatic" in DOCKERFILE and "compilemessages" in DOCKERFILE


def test_the_health_checks_use_the_script_that_copes_with_production_settings():
    assert WEB["healthcheck"]["test"] == ["CMD", "python", "-m", "studyapp.healthcheck"]
    assert (
        'HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 CMD ["python", "-m", "studyapp.healthcheck"]'
        in DOCKERFILE
    )


def test_the_published_port_is_the_one_gunicorn_binds():
    assert WEB["ports"] == [f"{env_example()['PORT']}:8000"]
    assert "os.environ.get('PORT', '8000')" in (ROOT / "gunicorn.conf.py").read_text()


def test_env_example_has_comments_on_their_own_lines_and_plain_values():
    for line in SETTINGS_LINES:
        name, _, value = line.partition("=")
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name), line
        assert " #" not in value and "\t#" not in value, f"inline comment becomes part of the value: {line}"
        assert not value.startswith(('"', "'")), f"docker --env-file keeps the quotes: {line}"
        assert "$" not in value, f"compose interpolates $: {line}"
        assert value == value.strip(), f"surrounding blanks: {line!r}"


def test_every_variable_gunicorn_reads_is_in_env_example():
    read = set(re.findall(r"os\.environ\.get\(['\"]([A-Z_]+)['\"]", (ROOT / "gunicorn.conf.py").read_text()))
    assert read - env_example().keys() == set()


def test_the_app_serves_localhost_with_the_env_example_values(tmp_path):
    env = {
        **env_example(),
        # Compose's database and collected static files only exist inside the containers.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_MANIFEST": "false",
    }
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'studyapp.settings'); django.setup();"
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "print(c.get('/', HTTP_HOST='localhost:8000').status_code,"
        " c.get('/healthz', HTTP_HOST='127.0.0.1:8000').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["200", "200"], result.stderr
