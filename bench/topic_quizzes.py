"""How much each topic quiz has to offer, and which of its cases' questions stay out and why.

Run: .venv/bin/python bench/topic_quizzes.py [--below 10] [--topic SLUG ...] [--save FILE] [--compare FILE]
on a database with the real curriculum loaded (`manage.py load_content`).

Per topic: the published questions its quiz draws (quizzes.models.of_topics) and the distinct items among
them (requirements, facts, authored items): a quiz never asks two on one item, so that is the most
questions one quiz can hold (a practice quiz has 10 by default). Topics under --below are listed.
--topic lists the questions of the cases that list the topic but stay out of its quiz (no service in
common with the topic's `services:`), with their services: either the topic's note teaches one of them
and its `services:` should say so, or the question is about another part of the case.
--save writes the figures as JSON; --compare prints the topics whose figures differ from a saved file.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")

import django  # noqa: E402

django.setup()

from quizzes.generator.keys import knowledge_key  # noqa: E402
from quizzes.models import Question, Scope  # noqa: E402
from topics.models import Topic  # noqa: E402


def sizes() -> dict[str, tuple[int, int]]:
    """Topic slug -> (questions, distinct items) of its quiz."""
    figures = {}
    for slug in Topic.objects.order_by("slug").values_list("slug", flat=True):
        keys = set(
            Question.objects.published()
            .filter(Scope.resolve("topic", slug).filters)
            .values_list("key", flat=True)
        )
        figures[slug] = (len(keys), len({knowledge_key(key) for key in keys}))
    return figures


def left_out(slug: str) -> None:
    topic = Topic.objects.prefetch_related("services").get(slug=slug)
    print(f"\n{slug}: services {sorted(s.slug for s in topic.services.all())}")
    in_quiz = Question.objects.published().filter(Scope.resolve("topic", slug).filters).values("pk")
    out = (
        Question.objects.published()
        .filter(case__topics=topic)
        .exclude(pk__in=in_quiz)
        .prefetch_related("services")
        .distinct()
    )
    for question in out:
        print(f"  {question.key:60} {sorted(s.slug for s in question.services.all())}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--below", type=int, default=10, help="List topics with fewer items than this (default 10)."
    )
    parser.add_argument(
        "--topic", action="append", default=[], help="A topic slug whose left-out questions to list."
    )
    parser.add_argument("--save", help="Write the figures to this JSON file.")
    parser.add_argument(
        "--compare", help="A JSON file written by --save: print the topics whose figures differ."
    )
    args = parser.parse_args()

    figures = sizes()
    print(f"{len(figures)} topics, {sum(q for q, _i in figures.values())} questions in topic quizzes")
    print(f"Fewer than {args.below} items (topic: questions, items):")
    for slug, (questions, items) in sorted(figures.items(), key=lambda f: f[1][1]):
        if items < args.below:
            print(f"  {slug:42} {questions:4} {items:4}")
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        print(f"\nChanged since {args.compare} (questions, items):")
        for slug, (questions, items) in figures.items():
            was = tuple(before.get(slug, (0, 0)))
            if was != (questions, items):
                print(f"  {slug:42} {was[0]:4} -> {questions:4}   {was[1]:4} -> {items:4}")
    for slug in args.topic:
        left_out(slug)
    if args.save:
        Path(args.save).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
