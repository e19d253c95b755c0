"""Dashboard speed in headless Chromium: the Timeline page vs a minimal one-chart Streamlit + plotly app, and reruns.

    python benchmarks/dashboard.py [--runs 7] [--reruns 10] [--articles DIR] [--strict]

Starts both apps in the same run, warms each server once, then opens each page `--runs` times in a fresh
browser context (a first visit: nothing cached) and times page open -> plotly chart drawn. Then times
`--reruns` filter changes on the Timeline twice: the server-side script run, in process with Streamlit's
AppTest on the same page and corpus, and the round trip seen from the browser (the click's rerun request
leaving the page -> the server's "script finished" arriving over the websocket and the page's next frame drawn,
so the websocket both ways and the page's handling of the new chart are included). Prints medians and ratios.
Targets: page open within 1.5x the minimal app; server-side reruns under 300 ms. --strict exits 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.SessionStatus_pb2 import SessionStatus
from streamlit.testing.v1 import AppTest

from tests.browser_support import CHART_DRAWN, ROOT, TIMEOUT_MS, launch, serve

MINIMAL_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Scatter(x=["2019-06-07", "2021-06-07"], y=[1, 2], mode="markers")))
"""
# The sidebar control a rerun clicks, by its accessible label (ui/filters.py; the scale benchmark's minimal app draws
# one with the same label), and the two choices clicked in turn.
CONFIDENCE_LABEL, CONFIDENCE_CHOICES = "Minimum date confidence", ("High only", "Any")
_FIELDS = {
    "rerun": BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number,
    "status": ForwardMsg.DESCRIPTOR.fields_by_name["session_status_changed"].number,
    "running": SessionStatus.DESCRIPTOR.fields_by_name["script_is_running"].number,
}
# Added to the page before it loads: the page's own timestamps (performance.now()) of the app's script runs, read from
# the websocket's messages (their top-level protobuf fields) as they arrive: "requested" when the page sends a rerun
# request, "running" and "notRunning" when the server's session status says so, "drawn" two animation frames after a
# "notRunning" (the page has handled the run's messages and drawn a frame). The app's data-test-script-state attribute
# cannot be used: React renders the "running" and "not running" of a quick run (the minimal app's, ~20 ms) in one go,
# so the attribute often never changes and a wait for it hangs.
WATCH_RUNS_JS = """(FIELDS) => {
  const fields = (b, start, end) => {
    const out = [];
    let i = start;
    const varint = () => { let v = 0, m = 1, c; do { c = b[i++]; v += (c & 127) * m; m *= 128; } while (c & 128); return v; };
    while (i < end) {
      const tag = varint(), number = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) out.push([number, varint()]);
      else if (wire === 2) { const n = varint(); out.push([number, [i, i + n]]); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return out;
  };
  const bytes = (data) => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  window.__runs = [];
  const log = (what) => window.__runs.push([what, performance.now()]);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const b = bytes(event.data);
        if (!b) return;
        for (const [number, value] of fields(b, 0, b.length)) {
          if (number !== FIELDS.status || !Array.isArray(value)) continue;
          const running = fields(b, value[0], value[1]).some(([n, v]) => n === FIELDS.running && v === 1);
          log(running ? "running" : "notRunning");
          if (!running) requestAnimationFrame(() => requestAnimationFrame(() => log("drawn")));
        }
      });
    }
    send(data) {
      const b = bytes(data);
      if (b && fields(b, 0, b.length).some(([n]) => n === FIELDS.rerun)) log("requested");
      return super.send(data);
    }
  };
}"""
WATCH_RUNS = f"({WATCH_RUNS_JS})({json.dumps(_FIELDS)});"
# The page's app is idle: the server's last session status said "not running" and a frame was drawn after it.
SETTLED = """() => {
  const last = window.__runs.findLastIndex(([what]) => what === "running" || what === "notRunning");
  return last >= 0 && window.__runs[last][0] === "notRunning" && window.__runs.slice(last).some(([what]) => what === "drawn");
}"""
# Since entry `since` of the log: a rerun request, then the script running, then not running, then a frame drawn.
RUN_DONE = """(since) => {
  let step = 0;
  for (const [what] of window.__runs.slice(since)) if (what === ["requested", "running", "notRunning", "drawn"][step]) step++;
  return step === 4;
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
    """Milliseconds per filter change seen from the browser: from the click's rerun request leaving the page to the
    first frame drawn after the server said the script had finished (WATCH_RUNS), clicking the sidebar's minimum
    confidence choices in turn, each once the app is idle. Fails naming what it waited for and what it saw."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.add_init_script(WATCH_RUNS)
    page.goto(url, timeout=timeout_ms)
    page.wait_for_selector(CHART_DRAWN, timeout=timeout_ms)
    control = page.locator("[data-testid='stSidebar']").get_by_role("radiogroup", name=CONFIDENCE_LABEL, exact=True)
    durations = []
    for _ in range(reruns):
        _wait(page, SETTLED, None, timeout_ms, f"{url}: the app to be idle (its last session status 'not running', a frame drawn)")
        if control.count() != 1:
            raise RuntimeError(f"{url}: expected one control labelled {CONFIDENCE_LABEL!r} in the sidebar, found {control.count()}")
        options = {choice: control.get_by_role("radio", name=choice, exact=True) for choice in CONFIDENCE_CHOICES}
        choice = next(c for c, option in options.items() if option.get_attribute("aria-checked") != "true")
        since = page.evaluate("window.__runs.length")
        options[choice].click(timeout=timeout_ms)
        what = f"{url}: after clicking {choice!r} in {CONFIDENCE_LABEL!r}, a rerun request sent, then the server's 'running' and 'not running', then a frame drawn"
        _wait(page, RUN_DONE, since, timeout_ms, what)
        if options[choice].get_attribute("aria-checked") != "true":
            raise RuntimeError(f"{url}: the app reran but {choice!r} is not selected in {CONFIDENCE_LABEL!r}: the click was undone")
        times, steps = [], iter(("requested", "running", "notRunning", "drawn"))
        step = next(steps)
        for event, t in page.evaluate("(since) => window.__runs.slice(since)", since):  # as RUN_DONE reads them
            if event == step:
                times.append(t)
                step = next(steps, None)
        durations.append(times[-1] - times[0])
    page.close()
    return durations


def _wait(page, condition: str, arg, timeout_ms: int, what: str) -> None:
    """Wait for a WATCH_RUNS condition; on a timeout, fail saying what was awaited and the script runs the page saw."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout_ms, polling=50)
    except PlaywrightTimeoutError:
        seen = page.evaluate("window.__runs ? window.__runs.slice(-12) : null")
        start = seen[0][1] if seen else 0
        log = ", ".join(f"{name} +{t - start:.0f} ms" for name, t in seen) if seen else "no websocket messages recorded"
        raise TimeoutError(f"waited {timeout_ms / 1000:.0f} s for {what}; the page's last script-run events: {log}") from None


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
