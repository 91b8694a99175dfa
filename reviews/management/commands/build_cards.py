"""Build review cards from answers that have none yet (answers given before spaced repetition)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from quizzes.models import Answer
from reviews.backfill import replay_answers
from reviews.models import Card, ReviewLog


class Command(BaseCommand):
    help = (
        "Replay every learner's saved answers, in order, into review cards for the questions that have "
        "no card yet. Safe to run again: existing cards are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, default=2000, help="Cards written per database round trip (default 2000)."
        )

    def handle(self, *args, batch, **options):
        with transaction.atomic():
            made = replay_answers(
                Answer=Answer,
                Card=Card,
                ReviewLog=ReviewLog,
                batch=batch,
                progress=lambda n: self.stdout.write(f"  {n} cards…"),
            )
        self.stdout.write(self.style.SUCCESS(f"Built {made} card(s) from saved answers."))
