"""The background worker that runs spaced repetition's tasks is part of the deployment."""

from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_review_tasks_have_a_worker_in_compose_with_the_apps_database_and_settings():
    worker, web = COMPOSE["services"]["worker"], COMPOSE["services"]["web"]
    assert "db_worker" in worker["command"] and worker["build"] == web["build"]
    assert worker["env_file"] == web["env_file"]
    assert worker["environment"]["DATABASE_URL"] == web["environment"]["DATABASE_URL"]
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"  # after the migrations


def test_review_tasks_queue_in_the_database_unless_told_otherwise():
    env = (ROOT / ".env.example").read_text()
    assert "\nTASKS_BACKEND=database\n" in env
    assert "django_tasks_db" in settings.INSTALLED_APPS


def test_review_worker_starts_beside_the_development_server():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "db_worker" in run and "runserver" in run
