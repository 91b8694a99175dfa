from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for search on PostgreSQL; Django skips this on other databases."""

    dependencies = [("topics", "0001_initial")]

    operations = [TrigramExtension()]
