import django.contrib.postgres.search
from django.db import migrations, models

TABLES = ["topics_topic", "topics_fact", "topics_case", "topics_glossaryterm"]


def create_gin_indexes(apps, schema_editor):
    # Not in Meta.indexes: a GinIndex there breaks SQLite, which rebuilds tables with every index
    # the model declares. SQLite keeps the columns empty and searches the plain text instead.
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"CREATE INDEX {table}_search_gin ON {table} USING gin (search_vector)")


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")


class Migration(migrations.Migration):
    """Stored search vectors (filled by the content loader) with GIN indexes on PostgreSQL, and the
    hash a case's diagrams were drawn from (so a renderer change draws them again)."""

    dependencies = [("topics", "0004_task_statements")]

    operations = [
        migrations.AddField(
            model_name=model,
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        )
        for model in ("case", "fact", "glossaryterm", "topic")
    ] + [
        migrations.RunPython(create_gin_indexes, drop_gin_indexes, elidable=False),
        migrations.AddField(
            model_name="case", name="rendered_from", field=models.CharField(blank=True, max_length=64)
        ),
    ]
