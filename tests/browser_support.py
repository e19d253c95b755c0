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
from dataclasses import dataclass
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
# Every article event id drawn in a plotly chart: the first customdata value of every point of every trace but those of
# the timeline's context layer (the landmarks and policies, whose traces say their layer in `meta`).
CHART_EVENT_IDS_JS = """(index) => {
  const plots = document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const plot = plots[index];
  if (!plot || !plot.data) return null;
  const ids = new Set();
  for (const trace of plot.data) {
    if (trace.meta && trace.meta.layer) continue;
    for (const row of (trace.customdata || [])) if (row && row[0]) ids.add(row[0]);
  }
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


# What the tests add to a host's command line: no usage statistics, no file watcher (nothing changes during a run).
TEST_OPTIONS = ("--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none")


@dataclass(frozen=True)
class Server:
    """A running `streamlit run`: its base URL, its process (the Python that runs Streamlit) and its log file."""

    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        """What the server has written to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rss_kib(self) -> int:
        """The server process's resident memory now, in KiB (from /proc)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


@contextmanager
def server(
    script: str | Path = "dashboard.py",
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    options: tuple[str, ...] = TEST_OPTIONS,
    unset: tuple[str, ...] = (),
    port: int | None = None,
) -> Iterator[Server]:
    """Run `streamlit run script --server.headless true` on a free 127.0.0.1 port (or `port`), plus `options`, with the
    environment changed by `env` and without the variables in `unset`; yield it once it is healthy; stop it afterwards."""
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", *options]
    environment = {k: v for k, v in {**os.environ, **(env or {})}.items() if k not in unset}
    with tempfile.TemporaryDirectory() as folder:
        log_path = Path(folder) / "streamlit.log"
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT, text=True)
        running = Server(f"http://127.0.0.1:{port}", process, log_path)
        try:
            try:
                wait_healthy(running.url, process)
            except (RuntimeError, TimeoutError) as exc:
                raise RuntimeError(f"{exc}\n{running.log()[-4000:]}") from exc
            yield running
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def serve(script: str | Path = "dashboard.py", cwd: Path = ROOT, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run script` headless on a free 127.0.0.1 port; yield its base URL; stop it afterwards."""
    with server(script, cwd, env) as running:
        yield running.url


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
