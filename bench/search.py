"""Time a search against a topic page, server side, and print the ratio.

Run: .venv/bin/python bench/search.py [--rounds 15]
on a database with the real curriculum loaded (`manage.py load_content`); PostgreSQL is what the
target is about: DATABASE_URL=postgres://... .venv/bin/python bench/search.py

Each request goes through Django's whole stack (middleware, view, template) with the test client,
so no network or server process is in the figure. Every query below and every topic page is
requested once per round; the figures are medians over all requests of one kind.
Target: a search costs at most three times a topic page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from topics.models import Topic  # noqa: E402

QUERIES = [
    "Global Accelerator",
    "스팟",
    "IP 차단",
    "placement group",
    "가중치 기반 라우팅",
    "람다",
    "DynamoDB 글로벌 테이블",
    "S3 lifecycle",
]
TARGET = 3.0


def timed_get(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15, help="Rounds to take the median over (default 15).")
    args = parser.parse_args()

    slugs = list(
        Topic.objects.order_by("order").values_list("slug", flat=True)[:: max(1, Topic.objects.count() // 8)]
    )
    if len(slugs) < 4:
        raise SystemExit("Load the real curriculum first: manage.py load_content")
    client = Client(HTTP_HOST="127.0.0.1")
    topic_urls = [f"/topics/{slug}/" for slug in slugs]
    search_urls = ["/search/?" + urlencode({"q": query}) for query in QUERIES]
    for url in topic_urls + search_urls:  # warm up: templates, connections, caches
        timed_get(client, url)

    topic_times, search_times = [], []
    for _ in range(args.rounds):
        topic_times += [timed_get(client, url) for url in topic_urls]
        search_times += [timed_get(client, url) for url in search_urls]

    topic, search = statistics.median(topic_times), statistics.median(search_times)
    ratio = search / topic
    print(
        f"database: {connection.vendor}; {args.rounds} rounds, {len(topic_urls)} topics, {len(QUERIES)} queries"
    )
    print(f"topic page  median {topic * 1000:7.1f} ms  (max {max(topic_times) * 1000:.1f} ms)")
    print(f"search      median {search * 1000:7.1f} ms  (max {max(search_times) * 1000:.1f} ms)")
    print(
        f"ratio search / topic page: {ratio:.2f} (target <= {TARGET:.0f}: {'met' if ratio <= TARGET else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
