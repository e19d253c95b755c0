"""Scale: build time and peak memory per corpus size, and the Timeline against a minimal Streamlit app at each size.

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--runs 5] [--reruns 8] [--workers N] [--builds-only] [--strict]

For each size, in one run: writes a synthetic corpus (benchmarks/ingest.py's generator; events may share days, so
reports of one event are merged as on a real corpus), builds the event table in a fresh process (`python -m loaders`,
the process pool by default; `--workers 1` for one process) and records its wall time and peak resident memory (the
build process's peak plus its largest worker's). Then starts the dashboard on that corpus and a minimal one-chart Streamlit + plotly
app with one sidebar control, and measures, interleaved so drift on the machine hits both alike:
  - the server's first build of that corpus (first visit: page open -> chart drawn),
  - first chart: page open -> plotly chart drawn in a fresh browser context, median of `--runs`,
  - rerun: the sidebar's "Minimum date confidence" clicked -> the app's script finished and the page drew a frame,
    timed in the browser from the websocket's messages (benchmarks/dashboard.py's rerun_times), median of `--reruns`.
Prints a table with each size's figures, the build's milliseconds per article added since the size before (the
fixed cost of starting cancels out; equal figures mean linear), and the Timeline / minimal-app ratios. Targets: build
linear in articles (the last step's time per added article within 1.5x of the first step's), rerun under 300 ms at 10k events, first chart at most 2x the minimal app at 10k events. --strict exits 1
when a target is missed. --builds-only measures the builds alone (no dashboard): the way to reach 100,000 articles on a
small machine, where the server's own first build would take as long again.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from benchmarks import ingest
from benchmarks.dashboard import rerun_times, time_to_chart
from tests.browser_support import ROOT, launch, server

# Its one control has the dashboard's label: rerun_times finds the control it clicks by that label.
MINIMAL_APP = """import plotly.graph_objects as go
import streamlit as st

st.sidebar.segmented_control("Minimum date confidence", ["Any", "Medium or high", "High only"], default="Any")
st.title("Minimal")
st.plotly_chart(go.Figure(go.Scatter(x=["2019-06-07", "2021-06-07"], y=[1, 2], mode="markers")))
"""
# Run in a fresh process per size, so its peak memory is the build's alone.
BUILD = """
import json, resource, sys, time
from loaders import build_corpus
from loaders.extraction import run_serial
started = time.perf_counter()
corpus = build_corpus(sys.argv[1], runner=run_serial if sys.argv[2] == "1" else None)
elapsed = time.perf_counter() - started
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kib": peak_kib, "events": len(corpus.events), "articles": len(corpus.articles)}))
"""
TARGET_LINEAR, TARGET_RERUN_MS, TARGET_CHART_RATIO, TARGET_EVENTS = 1.5, 300, 2.0, 10_000


@dataclass
class Row:
    """One corpus size's figures."""

    articles: int
    events: int = 0
    build_s: float = 0.0
    peak_mib: float = 0.0
    first_build_s: float = 0.0
    chart_s: float = 0.0
    minimal_chart_s: float = 0.0
    rerun_ms: float = 0.0
    minimal_rerun_ms: float = 0.0


def write_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """`count` synthetic articles (events may share a day, as many reports of one event do in a large corpus)."""
    rng = random.Random(seed)
    ingest.SEED_SENTENCES[:] = ingest.seed_sentences()
    for index in range(count):
        text, _ = ingest.synthetic_article(index, rng)
        (folder / f"syn_{index:06d}.txt").write_text(text, encoding="utf-8")


def build(folder: Path, workers: int | None) -> dict:
    """Build the event table of `folder` in a fresh process; its time, peak memory and size."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)} | ({"LOADERS_WORKERS": str(workers)} if workers else {})
    command = [sys.executable, "-c", BUILD, str(folder), str(workers or 0)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int, args, minimal_url: str, browser, work: Path) -> Row:
    """Every figure of one corpus size."""
    folder = work / f"corpus_{size}"
    folder.mkdir()
    write_corpus(folder, size)
    built = build(folder, args.workers)
    row = Row(size, built["events"], built["seconds"], built["peak_kib"] / 1024)
    if args.builds_only:
        return row
    timeout_ms = int(max(180, size / 10) * 1000)  # the first visit builds the corpus: allow for a slow, shared machine
    with server(env={"ARTICLES_DIR": str(folder)}) as dashboard:
        timeline = f"{dashboard.url}/Timeline"
        row.first_build_s = time_to_chart(browser, timeline, timeout_ms)
        charts: dict[str, list[float]] = {"timeline": [], "minimal": []}
        for _ in range(args.runs):
            charts["timeline"].append(time_to_chart(browser, timeline, timeout_ms))
            charts["minimal"].append(time_to_chart(browser, minimal_url, timeout_ms))
        row.chart_s, row.minimal_chart_s = (statistics.median(charts[k]) for k in ("timeline", "minimal"))
        row.rerun_ms = statistics.median(rerun_times(browser, timeline, args.reruns, timeout_ms))
        row.minimal_rerun_ms = statistics.median(rerun_times(browser, minimal_url, args.reruns, timeout_ms))
    return row


def slopes(rows: list[Row]) -> list[float]:
    """Milliseconds of build per added article, from each size to the next (the fixed cost of starting, compiling the
    reference tables and starting the pool cancels out); the first size's is its own time per article."""
    first = rows[0].build_s / rows[0].articles * 1000
    return [first, *((b.build_s - a.build_s) / (b.articles - a.articles) * 1000 for a, b in itertools.pairwise(rows))]


def report(rows: list[Row]) -> list[str]:
    """The table, and the targets missed (empty when all are met)."""
    per_article = slopes(rows)
    print(f"machine: {os.cpu_count()} CPUs; synthetic articles (benchmarks/ingest.py's generator)")
    header = ("articles", "events", "build s", "ms/article", "peak MiB", "first visit s", "chart s", "vs minimal", "rerun ms", "vs minimal")
    print("  ".join(f"{h:>13}" for h in header))
    for row, slope in zip(rows, per_article, strict=True):
        measured = row.minimal_chart_s > 0  # the dashboard was measured (not --builds-only)
        cells = (
            f"{row.articles:,}",
            f"{row.events:,}",
            f"{row.build_s:.1f}",
            f"{slope:.2f}",
            f"{row.peak_mib:,.0f}",
            *(
                (
                    f"{row.first_build_s:.1f}",
                    f"{row.chart_s:.2f}",
                    f"{row.chart_s / row.minimal_chart_s:.2f}x",
                    f"{row.rerun_ms:,.0f}",
                    f"{row.rerun_ms / row.minimal_rerun_ms:.2f}x",
                )
                if measured
                else ("-",) * 5
            ),
        )
        print("  ".join(f"{c:>13}" for c in cells))
    print("  ms/article: build time per article added since the size above (the first row: its own time per article)")
    missed, unchecked = [], []
    if len(rows) > 2 and per_article[-1] / per_article[1] > TARGET_LINEAR:
        missed.append(f"build not linear: {per_article[-1] / per_article[1]:.2f}x the ms per added article of the first step")
    if len(rows) > 2:
        print(f"  linearity: the last step's ms per article / the first step's = {per_article[-1] / per_article[1]:.2f}x")
    else:
        unchecked.append("linearity (needs three sizes)")
    at_target = [r for r in rows if r.events >= TARGET_EVENTS and r.minimal_chart_s > 0]
    for row in at_target[:1]:
        if row.rerun_ms >= TARGET_RERUN_MS:
            missed.append(f"rerun {row.rerun_ms:.0f} ms at {row.events:,} events (target < {TARGET_RERUN_MS} ms)")
        if row.chart_s / row.minimal_chart_s > TARGET_CHART_RATIO:
            missed.append(f"first chart {row.chart_s / row.minimal_chart_s:.2f}x the minimal app (target <= {TARGET_CHART_RATIO}x)")
    if not at_target and not any(r.minimal_chart_s > 0 for r in rows):
        unchecked.append("rerun and first chart (--builds-only: the dashboard was not measured)")
    elif not at_target:
        unchecked.append(f"rerun and first chart (no size reached {TARGET_EVENTS:,} events; the most: {max(r.events for r in rows):,})")
    print(f"targets: build linear (within {TARGET_LINEAR}x per added article), at {TARGET_EVENTS:,}+ events rerun < {TARGET_RERUN_MS} ms "
          f"and first chart <= {TARGET_CHART_RATIO}x the minimal app: " + ("; ".join(missed) or "none missed")
          + (f"; not checked: {', '.join(unchecked)}" if unchecked else ""))  # fmt: skip
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated, smallest first")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reruns", type=int, default=8)
    parser.add_argument("--workers", type=int, help="processes for the build (default: the loaders' choice; 1: no pool)")
    parser.add_argument("--builds-only", action="store_true", help="time the builds alone, without the dashboard")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    rows = []
    with tempfile.TemporaryDirectory() as work:
        if args.builds_only:
            for size in sizes:
                rows.append(measure(size, args, "", None, Path(work)))
                print(f"built {size:,} articles", file=sys.stderr, flush=True)
        else:
            minimal = Path(work) / "minimal.py"
            minimal.write_text(MINIMAL_APP, encoding="utf-8")
            with server(minimal, cwd=Path(work)) as minimal_app, sync_playwright() as playwright:
                browser = launch(playwright)
                time_to_chart(browser, minimal_app.url, 60_000)  # warm the minimal server once
                for size in sizes:
                    rows.append(measure(size, args, minimal_app.url, browser, Path(work)))
                    print(f"measured {size:,} articles", file=sys.stderr, flush=True)
                browser.close()
    missed = report(rows)
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
