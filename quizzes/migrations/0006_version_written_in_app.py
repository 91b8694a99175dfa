"""QuestionVersion.written_in_app: versions written in the app, told apart from those loaded from content/.

Existing rows: a version with an author was written in the app. One without lost its author when the
account was deleted, or came from content/; as the history page used to guess, it counts as written in
the app when its question was made in the app (an "app:" key) or an earlier version has an author
(the loader adds no version to a question once the app owns it). Versions from content/ stay False.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def mark_versions_written_in_app(apps, schema_editor):
    QuestionVersion = apps.get_model("quizzes", "QuestionVersion")
    earlier_with_author = QuestionVersion.objects.filter(
        question=OuterRef("question"), number__lt=OuterRef("number"), author__isnull=False
    )
    QuestionVersion.objects.filter(
        Q(author__isnull=False) | Q(question__key__startswith="app:") | Exists(earlier_with_author)
    ).update(written_in_app=True)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_problem_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionversion",
            name="written_in_app",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.RunPython(mark_versions_written_in_app, migrations.RunPython.noop, elidable=True),
    ]
