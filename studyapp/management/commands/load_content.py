"""Validate every curriculum file, then load them all in one transaction."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from quizzes.services import sync_generated
from studyapp.management.commands.generate_questions import generate_or_fail, read_or_fail
from topics.loading import load_curriculum


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the output is not a terminal."""

    def __init__(self, stream):
        self.stream = stream
        self.active = stream.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.active or not total:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\r  {stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Validate content/ and load it into the database in one transaction (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=str(settings.BASE_DIR / "content"),
            help="The content folder to load (default: content/ in the project).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only validate the files; do not touch the database.",
        )

    def handle(self, *args, path, check, **options):
        started = time.perf_counter()
        curriculum = read_or_fail(Path(path), self.stderr)
        counts = (
            f"{len(curriculum.topics)} topics, {len(curriculum.facts)} facts, {len(curriculum.cases)} cases, "
            f"{len(curriculum.glossary)} glossary terms, {len(curriculum.services)} services"
        )
        if check:
            generated = generate_or_fail(curriculum, seed=0)
            self.stdout.write(f"Content is valid: {counts}, {len(generated.questions)} questions.")
            return
        generated = generate_or_fail(curriculum, seed=0)
        counts += f", {len(generated.questions)} questions"
        with transaction.atomic():
            report = load_curriculum(curriculum, progress=ProgressBar(sys.stderr))
            questions = sync_generated(generated.questions)
        elapsed = time.perf_counter() - started
        if report.changed or questions.changed:
            for line in report.lines():
                self.stdout.write(f"  {line}")
            self.stdout.write(
                f"  questions: {questions.created} created, {questions.new_versions} new versions, "
                f"{questions.retired} retired"
            )
            self.stdout.write(self.style.SUCCESS(f"Loaded {counts} in {elapsed:.1f} s."))
        else:
            self.stdout.write(
                f"No changes: the database already matches content/ ({counts}; {elapsed:.1f} s)."
            )
