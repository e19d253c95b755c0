"""Progress of a build: told (steps done, steps in all, what is being done) and shown only once it lasts a second."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Report = Callable[[int, int, str], None]  # (steps done, steps in all, what is being done, in words); 0 in all: not counted
DELAY_S = 1.0  # a build quicker than this shows no progress at all


def quiet(done: int, total: int, doing: str) -> None:
    """Progress that goes nowhere."""


def after_delay(draw: Report, delay_s: float = DELAY_S, clock: Callable[[], float] = time.monotonic) -> Report:
    """Pass progress on to `draw` only once `delay_s` seconds have passed since this was made."""
    started = clock()

    def report(done: int, total: int, doing: str) -> None:
        if clock() - started >= delay_s:
            draw(done, total, doing)

    return report


def describe(done: int, total: int, doing: str) -> str:
    """One progress line: 'Extracting events: 1,234 of 10,000 articles (12%)'."""
    return f"{doing}: {done:,} of {total:,} articles ({done / total:.0%})" if total else f"{doing}…"


def stderr_lines(stream: TextIO | None = None, every_s: float = 2.0, clock: Callable[[], float] = time.monotonic) -> Report:
    """Progress for the command line: one line rewritten in place on a terminal, else a line every `every_s` seconds
    and at each change of step (a log stays short)."""
    stream = stream or sys.stderr
    last: dict[str, object] = {"at": float("-inf"), "doing": None}

    def report(done: int, total: int, doing: str) -> None:
        line = describe(done, total, doing)
        if stream.isatty():
            stream.write(f"\r\033[K{line}")
        elif doing != last["doing"] or clock() - last["at"] >= every_s or (total and done == total):
            stream.write(f"{line}\n")
            last["at"] = clock()
        last["doing"] = doing
        stream.flush()

    return report
