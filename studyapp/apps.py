from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using, **kwargs):
    """Create the cache table whenever the database is migrated (a no-op unless CACHE_BACKEND=database)."""
    call_command("createcachetable", database=using, verbosity=0)


class StudyappConfig(AppConfig):
    name = "studyapp"
    verbose_name = "Study app"

    def ready(self):
        # `migrate` alone (make run, docker compose, a deploy) then leaves no setting of
        # .env.example without its table: CACHE_BACKEND=database used to be a 500 until
        # someone ran createcachetable by hand.
        post_migrate.connect(create_cache_table, sender=self)
