"""Print the counts a content reviewer checks, as JSON or as a table."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from studyapp import curriculum as pipeline


class Command(BaseCommand):
    help = "Print curriculum counts (topics, facts, cases, blueprints, questions and their quality) from the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print machine-readable JSON."
        )
        parser.add_argument(
            "--write-coverage",
            action="store_true",
            help="Rewrite the task-statement map in content/COVERAGE.md from the content files, then stop.",
        )

    def handle(self, *args, as_json: bool = False, write_coverage: bool = False, **options):
        if write_coverage:
            content = settings.BASE_DIR / "content"
            changed = pipeline.write_coverage(content / "COVERAGE.md", pipeline.read(content))
            self.stdout.write("content/COVERAGE.md " + ("updated." if changed else "was already up to date."))
            return
        stats = pipeline.stats()
        if as_json:
            self.stdout.write(_dumps(stats))
            return
        rows = [
            ("Topics", stats["topics"]["total"]),
            ("  complete in English", stats["topics"]["complete_en"]),
            ("  complete in Korean", stats["topics"]["complete_ko"]),
            ("Facts", stats["facts"]["total"]),
            ("  with a source", stats["facts"]["with_source"]),
            ("  with an as-of date", stats["facts"]["with_as_of"]),
            ("Cases", stats["cases"]["total"]),
            ("  with a diagram", stats["cases"]["with_diagram"]),
            ("  requirements", stats["cases"]["requirements"]),
        ]
        for blueprint in stats["blueprints"]:
            weights = "/".join(str(w) for w in blueprint["domain_weights"].values())
            rows.append(
                (
                    f"Blueprint {blueprint['slug']}",
                    f"{blueprint['questions']} questions, {blueprint['minutes']} min, "
                    f"pass {blueprint['pass_scaled']}, weights {weights}",
                )
            )
        questions = stats["questions"]
        rows += [
            ("Questions", questions["total"]),
            ("  valid (published)", questions["valid"]),
            ("  distinct", questions["distinct"]),
        ]
        rows += [(f"  form {form}", count) for form, count in questions["by_form"].items()]
        for exam, domains in questions["by_exam_domain"].items():
            rows.append((f"  {exam} by domain", "  ".join(f"{d}: {n}" for d, n in domains.items())))
        quality = stats["quality"]
        rows += [
            ("Quality", ""),
            ("  key is the longest option", _shares(quality["key_longest_share"])),
            ("  key is the longest option (ko)", _shares(quality["key_longest_share_ko"])),
            (
                "  N longest are the keys",
                f"en {quality['n_longest_share']:.0%}, ko {quality['n_longest_share_ko']:.0%}",
            ),
            ("  largest identical-stem group", quality["largest_identical_stem_group"]),
            ("  with a qualifier", f"{quality['qualifier_share']:.0%}"),
            ("  knowledge items", quality["knowledge_items"]["total"]),
            ("  tagged to both exams", f"{quality['by_exam_only']['both_share']:.0%}"),
        ]
        for form, by_lang in quality["key_rank_shares"].items():
            places = "; ".join(
                f"{lang} " + " ".join(f"{share:.0%}" for share in shares) for lang, shares in by_lang.items()
            )
            rows.append((f"  key's length place 1-4, {form}", places))
        for exam, words in quality["median_stem_words"].items():
            rows.append((f"  {exam} median stem words", f"en {words['en']}, ko {words['ko']}"))
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            self.stdout.write(f"{label:<{width}}  {value}")


def _shares(by_form: dict[str, float]) -> str:
    return ", ".join(f"{form} {share:.0%}" for form, share in by_form.items())


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
