"""Upload speed: reading N uploaded HTML pages vs the same pages as plain text, through the Upload page's pipeline.

    python benchmarks/upload.py [--pages 200] [--repeats 3]

Builds N news pages from the team-written corpus (tests/corpus/articles): each a full page with meta tags, JSON-LD,
navigation, share buttons, related links and a footer around the article, and the same article as a .txt file.
Each set is uploaded as one zip to `loaders.uploads.ingest` (unpack, read, extract every event: what the page does
in a session), timed in the same run, repeats alternating. Prints medians, the ratio (target: at most 3x), how
often both give the main event the same day, and the longest wait between two progress-bar updates.
"""

from __future__ import annotations

import argparse
import html
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import matchers_for
from loaders.articles import split_front_matter
from loaders.uploads import ingest

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "articles"
TARGET = 3.0
NAV = " ".join(
    f'<a href="/{s.lower()}">{s}</a>' for s in ("Home", "World", "Americas", "Politics", "Business", "Opinion", "Sports", "Subscribe")
)
RELATED = "".join(f'<li><a href="/story/{n}">Related story number {n} you may have missed</a></li>' for n in range(8))


def articles() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every corpus article."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        first = next((i for i, p in enumerate(paragraphs) if len(p) > 30 and not set(p) & set("|·")), 0)  # the headline, past the chrome
        found.append((paragraphs[first], paragraphs[first + 1 :]))
    return found


def page_html(title: str, paragraphs: list[str], n: int) -> str:
    """A saved news page around one article."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    url = f"https://ledger.example/americas/story-{n}"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | The Ledger</title>
<link rel="canonical" href="{url}"><meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="The Ledger"><meta name="author" content="Staff Reporter">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "story {n}"}}</script>
<style>nav a {{ margin: 0 1em; }}</style></head><body>
<header><div class="masthead">The Ledger</div><div class="today">Tuesday, March 5, 2024</div><nav>{NAV}</nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Staff Reporter</p>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
{body}<p>Reference {n}.</p></article><aside><h2>Most read</h2><ul>{RELATED}</ul></aside></main>
<footer><p>© 2024 The Ledger</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>"""


def page_text(title: str, paragraphs: list[str], n: int) -> str:
    """The same article as plain text."""
    return "\n\n".join([title, *paragraphs, f"Reference {n}."]) + "\n"


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def timed(archive: tuple[str, bytes], matchers) -> tuple[float, float, int, object]:
    """Seconds to read one uploaded zip, the longest gap between progress updates, the updates, and the uploads."""
    stamps = []
    started = time.perf_counter()
    uploads = ingest([archive], matchers, progress=lambda done, total: stamps.append(time.perf_counter()))
    elapsed = time.perf_counter() - started
    gaps = [b - a for a, b in zip([started, *stamps], [*stamps, time.perf_counter()], strict=True)]
    return elapsed, max(gaps), len(stamps), uploads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    source = articles()
    picked = [(n, *source[n % len(source)]) for n in range(args.pages)]
    pages = ("pages.zip", zipped({f"page_{n:03d}.html": page_html(t, ps, n) for n, t, ps in picked}))
    texts = ("texts.zip", zipped({f"page_{n:03d}.txt": page_text(t, ps, n) for n, t, ps in picked}))
    matchers = matchers_for()
    ingest([(pages[0], zipped({"warm.html": page_html(*source[0], 0)}))], matchers)  # imports and lazy tables, once
    ingest([(texts[0], zipped({"warm.txt": page_text(*source[0], 0)}))], matchers)
    html_runs, text_runs = [], []
    for _ in range(args.repeats):
        text_runs.append(timed(texts, matchers))
        html_runs.append(timed(pages, matchers))
    html_s, text_s = statistics.median(r[0] for r in html_runs), statistics.median(r[0] for r in text_runs)
    html_up, text_up = html_runs[-1][3], text_runs[-1][3]
    read = sum(r.status != "skipped" for r in html_up.reports), sum(r.status != "skipped" for r in text_up.reports)
    html_days = {r["event_id"].removeprefix("up_"): r["date"] for r in html_up.rows if r["role"] == "primary"}
    text_days = {r["event_id"].removeprefix("up_"): r["date"] for r in text_up.rows if r["role"] == "primary"}
    same = sum(html_days.get(k) == v for k, v in text_days.items())
    print(f"{args.pages} pages uploaded as one zip, {args.repeats} repeats each (medians); read: {read[0]} HTML, {read[1]} text")
    print(
        f"  plain text : {text_s:6.2f} s  ({1000 * text_s / args.pages:5.1f} ms a page)   runs: {', '.join(f'{r[0]:.2f}' for r in text_runs)}"
    )
    print(
        f"  HTML pages : {html_s:6.2f} s  ({1000 * html_s / args.pages:5.1f} ms a page)   runs: {', '.join(f'{r[0]:.2f}' for r in html_runs)}"
    )
    print(f"  ratio HTML / text: {html_s / text_s:.2f}x (target at most {TARGET:g}x): {'met' if html_s / text_s <= TARGET else 'MISSED'}")
    print(f"  main event on the same day from the page and from its text: {same} of {len(text_days)}")
    longest = max(r[1] for r in html_runs + text_runs)
    updates = {r[2] for r in html_runs + text_runs}
    print(f"  progress bar: {sorted(updates)} updates a run (one per file and the last), longest wait between two {longest * 1000:.0f} ms")
    return 0 if html_s / text_s <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
