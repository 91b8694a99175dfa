"""Background work of mock exams (Django's tasks framework; the django-tasks-db worker runs it)."""

from django.tasks import task

from exams import statistics


@task()
def refresh_item_statistics() -> dict:
    """Recompute the item and blueprint statistics from every submitted attempt."""
    refreshed = statistics.refresh()
    return {"items": refreshed.items, "blueprints": refreshed.blueprints, "flagged": refreshed.flagged}
