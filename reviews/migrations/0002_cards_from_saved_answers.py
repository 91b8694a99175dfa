"""Learners who practised before spaced repetition start with cards built from their saved answers."""

from django.db import migrations


def build_cards(apps, schema_editor):
    from reviews.backfill import replay_answers

    replay_answers(
        Answer=apps.get_model("quizzes", "Answer"),
        Card=apps.get_model("reviews", "Card"),
        ReviewLog=apps.get_model("reviews", "ReviewLog"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("quizzes", "0002_tasks_and_qualifier"),
    ]

    # Going back drops the tables anyway (0001); nothing to undo here.
    operations = [migrations.RunPython(build_cards, migrations.RunPython.noop)]
