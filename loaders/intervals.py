"""Pure: sets of date intervals (inclusive on both ends), for windows of what the evidence allows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2040, 12, 31)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """A union of inclusive date intervals, sorted and disjoint."""

    spans: tuple[tuple[dt.date, dt.date], ...]

    @classmethod
    def between(cls, start: dt.date | None, end: dt.date | None) -> Window:
        start, end = start or EARLIEST, end or LATEST
        return cls(((start, end),) if start <= end else ())

    @classmethod
    def union(cls, windows: list[Window]) -> Window:
        spans = sorted(span for window in windows for span in window.spans)
        merged: list[tuple[dt.date, dt.date]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1] + ONE_DAY:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return cls(tuple(merged))

    def __bool__(self) -> bool:
        return bool(self.spans)

    @property
    def empty(self) -> bool:
        return not self.spans

    @property
    def start(self) -> dt.date | None:
        return self.spans[0][0] if self.spans else None

    @property
    def end(self) -> dt.date | None:
        return self.spans[-1][1] if self.spans else None

    @property
    def bounded(self) -> bool:
        return bool(self.spans) and self.start > EARLIEST and self.end < LATEST

    def days(self) -> int:
        return sum((end - start).days + 1 for start, end in self.spans)

    def __and__(self, other: Window) -> Window:
        out = []
        for a_start, a_end in self.spans:
            for b_start, b_end in other.spans:
                start, end = max(a_start, b_start), min(a_end, b_end)
                if start <= end:
                    out.append((start, end))
        return Window.union([Window(tuple(out))])

    def __contains__(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.spans)

    def iter_days(self, limit: int = 4000):
        count = 0
        for start, end in self.spans:
            day = start
            while day <= end and count < limit:
                yield day
                day += ONE_DAY
                count += 1


EVERYTHING = Window.between(None, None)
