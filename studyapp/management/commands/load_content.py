"""Validate every curriculum file, then load them all in one transaction."""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from studyapp import curriculum as pipeline


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
            "--check", action="store_true", help="Only validate the files; do not touch the database."
        )

    def handle(self, *args, path, check, **options):
        started = time.perf_counter()
        try:
            curriculum = pipeline.read(Path(path))
            generated = pipeline.generate(curriculum)
        except pipeline.PipelineFailed as failed:
            raise CommandError("\n".join([str(failed), *failed.lines])) from None
        counts = (
            f"{len(curriculum.topics)} topics, {len(curriculum.facts)} facts, {len(curriculum.cases)} cases, "
            f"{len(curriculum.glossary)} glossary terms, {len(curriculum.services)} services, "
            f"{len(generated.questions)} questions"
        )
        if check:
            self.stdout.write(f"Content is valid: {counts}.")
            return
        loaded = pipeline.load(curriculum, generated, progress=ProgressBar(sys.stderr))
        elapsed = time.perf_counter() - started
        if not loaded.changed:
            self.stdout.write(
                f"No changes: the database already matches content/ ({counts}; {elapsed:.1f} s)."
            )
            return
        for line in loaded.content.lines():
            self.stdout.write(f"  {line}")
        questions = loaded.questions
        self.stdout.write(
            f"  questions: {questions.created} created, {questions.new_versions} new versions, {questions.retired} retired, {questions.relinked} relinked, "
            f"{questions.kept_edited} kept as edited in the app"
        )
        self.stdout.write(self.style.SUCCESS(f"Loaded {counts} in {elapsed:.1f} s."))
