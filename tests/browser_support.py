"""Serve a Streamlit script on a free local port and drive it with headless Chromium (browser tests and benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART_DRAWN = "[data-testid='stPlotlyChart'] .main-svg"
TIMEOUT_MS = 30_000
# Every event id drawn in a plotly chart: the first customdata value of every point of every trace.
CHART_EVENT_IDS_JS = """(index) => {
  const plots = document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const plot = plots[index];
  if (!plot || !plot.data) return null;
  const ids = new Set();
  for (const trace of plot.data) for (const row of (trace.customdata || [])) if (row && row[0]) ids.add(row[0]);
  return Array.from(ids);
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 30) -> float:
    """Seconds until /_stcore/health answers ok; fails when the server dies or never answers."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read().strip() == b"ok":
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@contextmanager
def serve(script: str | Path = "dashboard.py", cwd: Path = ROOT, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run script` headless on a free 127.0.0.1 port; yield its base URL; stop it afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_healthy(url, process)
            except (RuntimeError, TimeoutError) as exc:
                log.seek(0)
                raise RuntimeError(f"{exc}\n{log.read()[-4000:]}") from exc
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def launch(playwright):
    """Headless Debian Chromium with no background traffic."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def wait_idle(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the app has rendered and its script is not running."""
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def chart_event_ids(page, index: int = 0) -> set[str] | None:
    ids = page.evaluate(CHART_EVENT_IDS_JS, index)
    return None if ids is None else set(ids)
