"""Generate the scenario questions from content/ and store them (load_content runs this too)."""

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizzes.generator import Generated, distinct_count
from studyapp import curriculum as pipeline


def describe(generated: Generated, write) -> None:
    """Counts per form, exam and domain, then every rejection with its reason."""
    questions = generated.questions
    write(
        f"Generated {len(questions)} valid questions ({distinct_count(questions)} distinct), "
        f"{len(generated.rejected)} rejected."
    )
    for form, count in sorted(Counter(q.form for q in questions).items()):
        write(f"  form {form:<12} {count:>5}")
    per_domain = Counter((exam, domain) for q in questions for exam, domain in q.exams.items())
    for (exam, domain), count in sorted(per_domain.items()):
        write(f"  {exam} domain {domain}  {count:>5}")
    trimmed = Counter(r.question.form for r in generated.rejected if r.trimmed)
    for form, count in sorted(trimmed.items()):
        write(f"  form {form:<12} {count:>5} dropped: the key stood out by length")
    for rejection in (r for r in generated.rejected if not r.trimmed):
        kind = "INVALID CONTENT" if rejection.fatal else "rejected"
        write(
            f"  {kind}: {rejection.question.key} ({rejection.question.source_ref}): {'; '.join(rejection.reasons)}"
        )


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
            generated = pipeline.generate(pipeline.read(Path(path)), seed=seed)
        except pipeline.PipelineFailed as failed:
            raise CommandError("\n".join([str(failed), *failed.lines])) from None
        describe(generated, self.stdout.write)
        if dry_run:
            return
        report = pipeline.sync(generated)
        self.stdout.write(
            f"Stored: {report.created} new, {report.new_versions} new versions, {report.unchanged} unchanged, "
            f"{report.retired} retired, {report.revived} back in use, {report.relinked} relinked, "
            f"{report.kept_edited} kept as edited in the app ({time.perf_counter() - started:.1f} s)."
        )
