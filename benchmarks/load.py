"""Load: concurrent sessions against one local server, each changing filters; errors, rerun times, memory per session.

    python benchmarks/load.py [--sessions 20] [--changes 8] [--articles DIR | --synthetic 1000]

Starts one server (as the browser tests do) on a corpus: a folder, or by default a synthetic one of `--synthetic`
articles written by benchmarks/ingest.py (big enough that a copy of the event table per session would show in the
memory figures). Then, in one headless Chromium with a browser context per session:

1. Memory: opens the sessions one after another on the Timeline, each kept open, reading the server's resident memory
   (RSS, /proc/PID/status) after each. A table copied per session would add at least its own size per session; a
   table cached once (st.cache_resource) leaves the growth per session flat and well below it.
2. Load: all sessions at once make `--changes` filter changes each (minimum confidence, lanes, the mentioned-events
   switch, the search box). A change counts as done when the app has written it to the URL and is idle again.

Before the load phase the first session makes the same changes alone: the baseline the load figures are compared with.
Prints errors (exceptions shown, page errors, timeouts: must be 0), p50/p95 of the rerun round trip seen from the
browser, alone and under load, and their ratio; the server's CPU time per change (from /proc: the server's own cost,
apart from the browsers sharing the machine); the memory figures next to the size of the cached dataset; and how many
times the server built the dataset (its log: once for all sessions). Figures only: nothing here is a pass/fail timing
test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright

from benchmarks.ingest import write_corpus
from tests.browser_support import APP_IDLE, CHART_DRAWN, CHROMIUM, CHROMIUM_ARGS, server
from ui.cache import BUILT, build_dataset

TIMEOUT_MS = 180_000  # twenty sessions rerunning at once on a small machine: generous; a timeout counts as an error
SIDEBAR_BUTTONS = "[data-testid='stSidebar'] [data-testid='stButtonGroup'] button"
LANES = "[data-testid='stMain'] [data-testid='stButtonGroup'] >> nth=0 >> button"
SEARCH = "[data-testid='stSidebar'] [data-testid='stTextInputField']"
TICKS = os.sysconf("SC_CLK_TCK")
# The page is drawn: its chart, or the message that no event matches (a small corpus filtered hard).
DRAWN = f"{CHART_DRAWN}, [data-testid='stMain'] [data-testid='stAlert']"


async def click(page, selector: str, text: str) -> None:
    await page.locator(selector).filter(has_text=text).click()


async def search(page, words: str) -> None:
    await page.locator(SEARCH).fill(words)
    await page.locator(SEARCH).press("Enter")


async def toggle_mentioned(page) -> None:
    await page.get_by_text("Include events the articles only mention").click()


# Each change reruns the script and changes the URL (each undoes an earlier one, so the cycle repeats).
CHANGES = (
    lambda page: click(page, SIDEBAR_BUTTONS, "High only"),
    lambda page: click(page, LANES, "Policy type"),
    toggle_mentioned,
    lambda page: search(page, "asylum"),
    lambda page: click(page, SIDEBAR_BUTTONS, "Any"),
    lambda page: click(page, LANES, "Country"),
    toggle_mentioned,
    lambda page: search(page, ""),
)


@dataclass
class Tally:
    """What the sessions saw: rerun round trips in milliseconds, and every error."""

    round_trips: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def open_timeline(browser, url: str, tally: Tally, index: int):
    """A new browser context on the Timeline, its chart drawn; page errors go to the tally."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.on("pageerror", lambda error: tally.errors.append(f"session {index}: page error {error}"))
    await page.goto(f"{url}/Timeline", timeout=TIMEOUT_MS)
    await page.wait_for_selector(CHART_DRAWN, timeout=TIMEOUT_MS)
    await page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    return context, page


async def exercise(page, index: int, changes: int, tally: Tally, first: int = 0) -> None:
    """Make `changes` filter changes from the `first` of the cycle on, each timed from the click to the app idle with
    the change in its URL."""
    try:
        for step in range(first, first + changes):
            before = await page.evaluate("location.search")
            began = time.perf_counter()
            await CHANGES[step % len(CHANGES)](page)
            await page.wait_for_function("(before) => location.search !== before", arg=before, timeout=TIMEOUT_MS)
            await page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
            await page.wait_for_selector(DRAWN, timeout=TIMEOUT_MS)
            tally.round_trips.append((time.perf_counter() - began) * 1000)
            if await page.locator("[data-testid='stException']").count():
                tally.errors.append(f"session {index}: the app shows an exception after change {step}")
    except Exception as exc:  # a failing session is an error to report, not a crash of the benchmark
        tally.errors.append(f"session {index}, change {step}: {type(exc).__name__}: {str(exc).splitlines()[0]}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


async def run(host, sessions: int, changes: int) -> tuple[Tally, Tally, list[int], dict[str, float]]:
    """Open the sessions one by one (RSS after each, KiB); exercise the first alone (the baseline), then all at once
    (wall and server CPU seconds)."""
    tally, solo, rss = Tally(), Tally(), [host.rss_kib()]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        pages, contexts = [], []
        for index in range(sessions):
            try:
                context, page = await open_timeline(browser, host.url, tally, index)
            except Exception as exc:
                tally.errors.append(f"session {index}: could not open: {type(exc).__name__}: {str(exc).splitlines()[0]}")
                continue
            contexts.append(context)
            pages.append((index, page))
            await asyncio.sleep(0.5)  # let the run's garbage go before reading the memory
            rss.append(host.rss_kib())
        for index, page in pages[:1]:  # the baseline: one session alone makes the same changes
            cpu = cpu_seconds(host.process.pid)
            await exercise(page, index, changes, solo)
            solo_cpu = cpu_seconds(host.process.pid) - cpu
        cpu, wall = cpu_seconds(host.process.pid), time.perf_counter()
        # the first session goes on where its baseline stopped, so each of its clicks changes something
        await asyncio.gather(*(exercise(page, index, changes, tally, changes if index == 0 else 0) for index, page in pages))
        load = {"wall": time.perf_counter() - wall, "server cpu": cpu_seconds(host.process.pid) - cpu, "rss after": host.rss_kib()}
        load["solo cpu"] = solo_cpu if pages else 0.0
        for context in contexts:
            await context.close()
        await browser.close()
    return tally, solo, rss, load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=8, help="filter changes per session")
    parser.add_argument("--articles", help="the corpus folder (default: a synthetic corpus)")
    parser.add_argument("--synthetic", type=int, default=1000, help="articles in the synthetic corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(args.articles).resolve() if args.articles else Path(folder)
        if not args.articles:
            write_corpus(corpus, args.synthetic)
        dataset = build_dataset(corpus)
        table_kib = dataset.events.memory_usage(deep=True).sum() / 1024
        texts_kib = sum(len(a.text.encode()) for a in dataset.corpus.articles.values()) / 1024
        with server(env={"ARTICLES_DIR": str(corpus)}) as host:
            tally, solo, rss, load = asyncio.run(run(host, args.sessions, args.changes))
            builds = host.log().count(BUILT)
    opened = len(rss) - 1
    print(f"machine: {os.cpu_count()} CPUs, shared by the server and {args.sessions} Chromium pages")
    print(f"corpus: {len(dataset.corpus.articles)} articles, {len(dataset.events)} events; cached dataset: event table "
          f"{table_kib:,.0f} KiB (pandas deep size), article texts {texts_kib:,.0f} KiB")  # fmt: skip
    errors = solo.errors + tally.errors
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    reruns = len(tally.round_trips)
    print("rerun round trip (click -> change in the URL, app idle, chart drawn), and the server's CPU time per change:")
    if solo.round_trips:
        print(f"  1 session alone (baseline) x {args.changes} changes: p50 {percentile(solo.round_trips, 0.5):,.0f} ms, "
              f"p95 {percentile(solo.round_trips, 0.95):,.0f} ms; server CPU {load['solo cpu'] / len(solo.round_trips) * 1000:,.0f} ms")  # fmt: skip
    print(f"  {opened} sessions at once x {args.changes} changes ({reruns} in {load['wall']:.0f} s): p50 {percentile(tally.round_trips, 0.5):,.0f} ms, "
          f"p95 {percentile(tally.round_trips, 0.95):,.0f} ms" + (f"; server CPU {load['server cpu'] / reruns * 1000:,.0f} ms" if reruns else ""))  # fmt: skip
    if solo.round_trips and reruns:
        ratio = percentile(tally.round_trips, 0.5) / percentile(solo.round_trips, 0.5)
        print(f"  p50 ratio, {opened} sessions / 1 alone: {ratio:.1f}x (the server and every browser share {os.cpu_count()} CPUs)")
    print("server memory (RSS), sessions opened one after another and kept open:")
    for count in sorted({0, 1, min(5, opened), min(10, opened), opened}):
        print(f"  {count:>3} sessions open  {rss[count] / 1024:8.1f} MiB")
    if opened > 5:
        slope = (rss[opened] - rss[5]) / (opened - 5)
        print(f"  growth per session from the 5th to the {opened}th: {slope:,.0f} KiB "
              f"(a copy of the cached dataset would be {table_kib + texts_kib:,.0f} KiB)")  # fmt: skip
    print(f"  after the load phase ({opened} sessions at once): {load['rss after'] / 1024:.1f} MiB")
    print(f"dataset builds in the server log: {builds} (1: one cached copy shared by every session)")
    return 1 if errors or builds != 1 else 0


if __name__ == "__main__":
    sys.exit(main())
