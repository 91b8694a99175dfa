"""Generate the scenario questions from content/ and store them (load_content runs this too)."""

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quizzes.generator import Generated, distinct_count, generate
from quizzes.services import sync_generated
from topics.content import ContentInvalid, Curriculum, read_curriculum


def describe(generated: Generated, write) -> None:
    """Counts per form, exam and domain, then every rejection with its reason."""
    questions = generated.questions
    write(
        f"Generated {len(questions)} valid questions ({distinct_count(questions)} distinct), {len(generated.rejected)} rejected."
    )
    for form, count in sorted(Counter(q.form for q in questions).items()):
        write(f"  form {form:<12} {count:>5}")
    per_domain = Counter((exam, domain) for q in questions for exam, domain in q.exams.items())
    for (exam, domain), count in sorted(per_domain.items()):
        write(f"  {exam} domain {domain}  {count:>5}")
    for rejection in generated.rejected:
        kind = "INVALID CONTENT" if rejection.fatal else "rejected"
        write(
            f"  {kind}: {rejection.question.key} ({rejection.question.source_ref}): {'; '.join(rejection.reasons)}"
        )


def read_or_fail(path: Path, stderr) -> Curriculum:
    """The validated curriculum, or every problem on stderr and a CommandError: nothing is loaded."""
    try:
        return read_curriculum(path)
    except ContentInvalid as invalid:
        for error in invalid.errors:
            stderr.write(str(error))
        raise CommandError(f"{len(invalid.errors)} problem(s) found; nothing was loaded.") from None


def generate_or_fail(curriculum, seed: int) -> Generated:
    generated = generate(curriculum, seed=seed)
    if generated.fatal:
        lines = [
            f"{r.question.source_ref}: {r.question.key}: {'; '.join(r.reasons)}" for r in generated.fatal
        ]
        raise CommandError("Content makes invalid questions; nothing was loaded:\n" + "\n".join(lines))
    return generated


class Command(BaseCommand):
    help = "Generate questions from the cases and facts in content/ and upsert them by stable key."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.BASE_DIR / "content"), help="The content folder.")
        parser.add_argument(
            "--seed", type=int, default=0, help="Seed for distractor choice and order (default 0)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be generated; store nothing."
        )

    def handle(self, *args, path, seed, dry_run, **options):
        started = time.perf_counter()
        try:
            curriculum = read_curriculum(Path(path))
        except ContentInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(invalid.errors)} problem(s) in content/; run load_content first."
            ) from None
        generated = generate_or_fail(curriculum, seed)
        describe(generated, self.stdout.write)
        if dry_run:
            return
        with transaction.atomic():
            report = sync_generated(generated.questions)
        self.stdout.write(
            f"Stored: {report.created} new, {report.new_versions} new versions, {report.unchanged} unchanged, "
            f"{report.retired} retired, {report.revived} back in use ({time.perf_counter() - started:.1f} s)."
        )
