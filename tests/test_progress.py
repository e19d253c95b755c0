"""Progress of a build: nothing for a quick one, then every step; one line in place on a terminal, few lines in a log."""

from __future__ import annotations

import io

from loaders.progress import after_delay, describe, stderr_lines
from tests.test_cli import run


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_drawn_in_the_first_second_then_every_step():
    clock, drawn = Clock(), []
    report = after_delay(lambda *step: drawn.append(step), clock=clock)
    report(1, 10, "Extracting events")
    clock.now = 0.99
    report(2, 10, "Extracting events")
    clock.now = 1.0
    report(3, 10, "Extracting events")
    report(0, 0, "Merging")
    assert drawn == [(3, 10, "Extracting events"), (0, 0, "Merging")]


def test_a_step_in_words():
    assert describe(1234, 10_000, "Extracting events") == "Extracting events: 1,234 of 10,000 articles (12%)"
    assert describe(0, 0, "Reading the article files") == "Reading the article files…"


def test_a_log_gets_a_line_per_step_every_few_seconds_and_at_the_end():
    clock, stream = Clock(), io.StringIO()
    report = stderr_lines(stream, every_s=2.0, clock=clock)
    report(0, 0, "Reading the article files")
    for done in range(1, 101):
        clock.now = done * 0.1
        report(done, 100, "Extracting events")
    report(100, 100, "Merging")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Reading the article files…" and lines[-1] == "Merging: 100 of 100 articles (100%)"
    extracting = [line for line in lines if line.startswith("Extracting")]
    assert extracting[0].startswith("Extracting events: 1 of 100") and extracting[-1].endswith("100 of 100 articles (100%)")
    assert 5 <= len(extracting) <= 8, "about one line every two seconds of a ten-second step"


def test_a_terminal_gets_one_line_rewritten_in_place():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    report = stderr_lines(stream)
    for done in range(1, 4):
        report(done, 3, "Extracting events")
    assert "\n" not in stream.getvalue() and stream.getvalue().count("\r") == 3


def test_the_command_line_extracts_in_a_pool_of_workers_as_in_one_process(tmp_path):
    from tests.conftest import CORPUS_DIR

    one, pooled = tmp_path / "one.csv", tmp_path / "pooled.csv"
    assert run(CORPUS_DIR, "--out", one, "--workers", "1").returncode == 0
    result = run(CORPUS_DIR, "--out", pooled, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert pooled.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")
