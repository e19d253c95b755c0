"""Dashboard speed in headless Chromium: the Timeline page vs a minimal one-chart Streamlit + plotly app, and reruns.

    python benchmarks/dashboard.py [--runs 7] [--reruns 10] [--articles DIR] [--strict]

Starts both apps in the same run, warms each server once, then opens each page `--runs` times in a fresh
browser context (a first visit: nothing cached) and times page open -> plotly chart drawn. Then times
`--reruns` filter changes on the Timeline twice: the server-side script run, in process with Streamlit's
AppTest on the same page and corpus, and the round trip seen from the browser (click -> the app reports its
script finished, which includes the websocket and drawing the new chart). Prints medians and ratios.
Targets: page open within 1.5x the minimal app; server-side reruns under 300 ms. --strict exits 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

from tests.browser_support import APP_IDLE, CHART_DRAWN, ROOT, TIMEOUT_MS, launch, serve

MINIMAL_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Scatter(x=["2019-06-07", "2021-06-07"], y=[1, 2], mode="markers")))
"""
# Timestamps of the app's script-state changes, recorded in the page so polling cannot miss a short run.
WATCH_SCRIPT_STATE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.__states = [];
  new MutationObserver(() => window.__states.push([app.getAttribute("data-test-script-state"), performance.now()]))
    .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""
TARGET_RATIO, TARGET_RERUN_MS = 1.5, 300


def time_to_chart(browser, url: str, timeout_ms: int = TIMEOUT_MS) -> float:
    """Seconds from opening `url` in a fresh context to its first plotly chart being drawn."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, timeout=timeout_ms)
    page.wait_for_selector(CHART_DRAWN, timeout=timeout_ms)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def rerun_times(browser, url: str, reruns: int, timeout_ms: int = TIMEOUT_MS) -> list[float]:
    """Milliseconds the script ran for, per filter change (alternating two minimum-confidence choices)."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(url, timeout=timeout_ms)
    page.wait_for_selector(CHART_DRAWN, timeout=timeout_ms)
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    page.evaluate(WATCH_SCRIPT_STATE)
    durations = []
    for i in range(reruns):
        page.evaluate("window.__states = []")
        choice = "High only" if i % 2 == 0 else "Any"
        page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup'] button").filter(has_text=choice).click()
        page.wait_for_function(
            "window.__states.some(s => s[0] === 'running') && window.__states.at(-1)[0] === 'notRunning'", timeout=timeout_ms
        )
        states = page.evaluate("window.__states")
        started = next(t for state, t in states if state == "running")
        durations.append(states[-1][1] - started)
        page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    page.close()
    return durations


def server_rerun_times(reruns: int) -> list[float]:
    """Milliseconds of the Timeline script per filter change, run in process (no browser, no websocket)."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.switch_page("pages/10_Timeline.py").run()
    durations = []
    for i in range(reruns):
        app.segmented_control(key="w_conf").set_value("high" if i % 2 == 0 else "low")
        start = time.perf_counter()
        app.run()
        durations.append((time.perf_counter() - start) * 1000)
        assert not app.exception, app.exception
    return durations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--articles", help="ARTICLES_DIR for the dashboard (default: the bundled corpus)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    env = {"ARTICLES_DIR": str(Path(args.articles).resolve())} if args.articles else None
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        with serve(env=env) as dashboard_url, serve(minimal, cwd=Path(folder)) as minimal_url, sync_playwright() as playwright:
            browser = launch(playwright)
            timeline_url = f"{dashboard_url}/Timeline"
            cold = {"Timeline": time_to_chart(browser, timeline_url), "minimal app": time_to_chart(browser, minimal_url)}
            timings: dict[str, list[float]] = {"Timeline": [], "minimal app": []}
            for _ in range(args.runs):  # interleaved, so drift on the machine hits both alike
                timings["Timeline"].append(time_to_chart(browser, timeline_url))
                timings["minimal app"].append(time_to_chart(browser, minimal_url))
            round_trips = rerun_times(browser, timeline_url, args.reruns)
            browser.close()
    if env:
        os.environ.update(env)
    reruns = server_rerun_times(args.reruns)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    ratio = medians["Timeline"] / medians["minimal app"]
    rerun_ms, round_trip_ms = statistics.median(reruns), statistics.median(round_trips)
    print(f"page open -> chart drawn, fresh browser context, median of {args.runs} (first, cold-server load in brackets):")
    for name, values in timings.items():
        print(f"  {name:<12} {medians[name]:6.2f} s   runs {', '.join(f'{v:.2f}' for v in values)}   [{cold[name]:.2f} s]")
    print(f"  ratio Timeline / minimal app: {ratio:.2f}x   (target <= {TARGET_RATIO}x)")
    print(f"rerun after a filter change, median of {args.reruns}:")
    print(f"  server-side script run  {rerun_ms:5.0f} ms   runs {', '.join(f'{v:.0f}' for v in reruns)}   (target < {TARGET_RERUN_MS} ms)")
    print(f"  browser round trip      {round_trip_ms:5.0f} ms   runs {', '.join(f'{v:.0f}' for v in round_trips)}")
    missed = ratio > TARGET_RATIO or rerun_ms >= TARGET_RERUN_MS
    print("targets: " + ("MISSED" if missed else "met"))
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
