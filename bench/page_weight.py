"""Page weight and time to first paint in real Chromium, against gunicorn as in production, on loopback.

Run: .venv/bin/python bench/page_weight.py [--runs 5]

It collects the static files (hashed and precompressed, STATIC_MANIFEST=true, as the Dockerfile
does), starts gunicorn with the production settings (bench/harness.py) on the benchmark's database
(studyapp_bench on BENCH_DATABASE_URL's server, as bench/answers.py leaves it; created and loaded on
first use), signs one learner in and opens each page in a fresh Chromium context (an empty cache, a
first visit): the bytes sent for the HTML, CSS and JavaScript (as transferred, compressed where the
server compresses, and gzipped, what they would weigh compressed), and first contentful paint
(median of --runs). Pages about the learner are sent uncompressed on purpose (no-store, BREACH: see
studyapp/middleware.py); the "gzip" column shows what compression would save on them.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.learners import sign_in_learners  # noqa: E402

# First contentful paint, waiting for it if it has not happened yet (null after 5 s).
PAINT = """() => new Promise(resolve => {
  new PerformanceObserver(list => resolve(list.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null))
    .observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 5000);
})"""


def prepare(args):
    from bench.answers import setup_django

    args.fresh = False
    setup_django(args)
    import random

    from bench.workloads import PracticeSaves
    from topics.models import Topic

    learner = sign_in_learners(1, korean_share=0)[0]
    item = PracticeSaves(random.Random(1)).prepare([(learner, 5)])[0][0]
    from bench.exam_saves import ExamSaves

    exam = ExamSaves(random.Random(1), [learner])
    code = exam.items[learner.pk][0][0]
    exam_path = f"/exams/{code}/{(exam.size + 1) // 2}/"
    topic = Topic.objects.order_by("order").values_list("slug", flat=True)[len(Topic.objects.all()) // 2]
    pages = {
        "home (anonymous)": ("/", False),
        "topic": (f"/topics/{topic}/", True),
        "dashboard": ("/dashboard/", True),
        "practice home": ("/practice/", True),
        "practice question": (item.path, True),
        "exam question": (exam_path, True),
        "due queue": ("/reviews/", True),
        "exam history": ("/exams/history/", True),
        "search": ("/search/?q=Lambda", True),
        "glossary": ("/glossary/", True),
        "facts": ("/facts/", True),
    }
    return learner, pages


def body_sizes(request, static_root: Path) -> tuple[int, int]:
    """The body's size as written and gzipped. Chromium hands over a body as it came (gzip or brotli):
    a static file is read from disk instead, with the .gz WhiteNoise made beside it."""
    path = urlsplit(request.url).path
    if path.startswith("/static/"):
        file = static_root / path.removeprefix("/static/")
        gz = file.with_name(file.name + ".gz")
        return file.stat().st_size, gz.stat().st_size if gz.exists() else len(
            gzip.compress(file.read_bytes(), 6)
        )
    body = request.response().body()
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return len(body), len(gzip.compress(body, 6))


def visit(browser, base: str, path: str, learner, static_root: Path) -> dict:
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"}, locale="en-US")
    if learner:
        context.add_cookies(
            [
                {"name": "sessionid", "value": learner.session_key, "url": base},
                {"name": "csrftoken", "value": learner.csrf, "url": base},
            ]
        )
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    response = page.goto(base + path, wait_until="load")
    assert response.status == 200, (path, response.status)
    page.wait_for_load_state("networkidle")
    paint = page.evaluate(PAINT)
    weights = {}
    for request in requests:
        kind = {"document": "html", "stylesheet": "css", "script": "js"}.get(request.resource_type, "other")
        raw, gzipped = body_sizes(request, static_root)
        entry = weights.setdefault(kind, {"raw": 0, "sent": 0, "gzip": 0, "files": 0})
        entry["raw"] += raw
        entry["sent"] += request.sizes()["responseBodySize"]
        entry["gzip"] += gzipped
        entry["files"] += 1
    context.close()
    return {"weights": weights, "paint": paint}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="visits per page for the paint time (default 5)")
    parser.add_argument("--database", default="studyapp_bench", help="the benchmark's database")
    parser.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", harness.DEFAULT_SERVER))
    parser.add_argument("--content", default=str(ROOT / "content"), help="content loaded into a new database")
    args = parser.parse_args()
    learner, pages = prepare(args)
    env = harness.server_env(os.environ["DATABASE_URL"], STATIC_MANIFEST="true")
    env["ALLOWED_HOSTS"] += ",127.0.0.1"  # Chromium asks for 127.0.0.1:port
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    from playwright.sync_api import sync_playwright

    rows, readme = [], []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        server = harness.Server(env, Path(folder) / "gunicorn.log").start()
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            base = f"http://127.0.0.1:{server.port}"
            for name, (path, signed_in) in pages.items():
                visits = [
                    visit(browser, base, path, learner if signed_in else None, ROOT / "staticfiles")
                    for _ in range(args.runs)
                ]
                w = visits[0]["weights"]
                paints = [v["paint"] for v in visits if v["paint"] is not None]
                paint = statistics.median(paints) if paints else float("nan")

                def kb(kind, key, w=w):
                    return f"{w.get(kind, {}).get(key, 0) / 1024:.1f}"

                rows.append(
                    [
                        name,
                        kb("html", "raw"),
                        kb("html", "sent"),
                        kb("html", "gzip"),
                        kb("css", "raw"),
                        kb("css", "sent"),
                        kb("js", "raw"),
                        kb("js", "sent"),
                        f"{paint:.0f}",
                    ]
                )
                total = sum(e["sent"] for e in w.values()) / 1024
                readme.append(
                    (
                        f"page weight and first paint: {name}",
                        f"HTML {kb('html', 'sent')} KB (gzip {kb('html', 'gzip')}), CSS {kb('css', 'sent')}, "
                        f"JS {kb('js', 'sent')} KB sent; {total:.0f} KB in all; first paint {paint:.0f} ms",
                        "",
                    )
                )
        finally:
            browser.close()
            server.stop()
    print(
        f"\nfirst visit (empty cache), KB as written (raw), as sent and gzipped; first contentful paint, median of {args.runs};"
        f" {harness.today()}, {harness.machine()}"
    )
    print(
        harness.table(
            [
                "page",
                "HTML raw",
                "HTML sent",
                "HTML gzip",
                "CSS raw",
                "CSS sent",
                "JS raw",
                "JS sent",
                "paint ms",
            ],
            rows,
        )
    )
    print("\nREADME rows (Performance):\n" + harness.readme_rows(readme))
    print(f"\nRerun: {harness.rerun_command()}")


if __name__ == "__main__":
    main()
