"""Import Moodle GIFT or Moodle XML questions into the bank, all or nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.authoring.transfer import import_file


class Command(BaseCommand):
    help = (
        "Import the choice questions of a Moodle GIFT or Moodle XML file into the question bank as drafts "
        "(a question already imported, or exported from here, is updated). Other question types are listed "
        "as skipped; an error anywhere imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the GIFT (.txt, .gift) or Moodle XML (.xml) file, UTF-8")
        parser.add_argument("--dry-run", action="store_true", help="read and check the file, save nothing")
        parser.add_argument(
            "--json", action="store_true", help='print {"created", "updated", "skipped", "errors"}'
        )
        parser.add_argument(
            "--language",
            choices=["en", "ko"],
            default="en",
            help="the language of texts without multi-language spans (default: en)",
        )
        parser.add_argument(
            "--format", choices=["gift", "xml"], help="the file's format (default: from its name)"
        )

    def handle(self, *args, file, dry_run, language, format, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from None
        report = import_file(
            data=data, filename=path.name, language=language, author=None, dry_run=dry_run, fmt=format
        )
        if options["json"]:
            self.stdout.write(_json(report))
        else:
            self._describe(report, dry_run)
        if report["errors"]:
            raise CommandError("nothing was imported: " + "; ".join(report["errors"]), returncode=1)

    def _describe(self, report: dict, dry_run: bool) -> None:
        for skipped in report["skipped"]:
            self.stdout.write(f"  skipped: {skipped['name']!r} (line {skipped['line']}): {skipped['reason']}")
        if report["errors"]:
            return
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {report['created']} and {'would update' if dry_run else 'updated'} {report['updated']} "
                f"question(s); {len(report['skipped'])} skipped."
            )
        )


def _json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)
