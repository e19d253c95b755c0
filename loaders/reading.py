"""Pure: the one record of a date reading, and the one rule that grades its precision and confidence.

Main events, referenced events and human corrections all end as a `DateReading`. Its precision follows the
window (a date is "to the day" only when the evidence allows at most a few days); its confidence follows how
much of the probability the shown day holds and whether it rests on a date the page prints:

- `high`: the shown day holds at least 95% of the probability, it rests on a printed date (a date stated for
  the event, or a day word resolved against a printed dateline), and nothing contradicts it;
- `medium`: the shown day holds at least 60% of the probability and nothing contradicts it;
- `low`: anything else: several days remain possible, or the evidence disagrees (the window says how far).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loaders.intervals import Window

DAY_WINDOW = 3  # a window of at most this many days is a date to the day
MONTH_WINDOW = 62  # at most this many days: to the month; wider: to the year
HIGH_SHARE = 0.95
MEDIUM_SHARE = 0.6

# Codes of what is doubtful or contradictory about a reading (labels in data/reference/review_reasons.csv).
PRINTED_CONFLICT = "printed_date_conflict"  # a date the page prints contradicts what the text says
YEAR_REPAIRED = "printed_year_repaired"  # a printed year contradicts the text; the day was kept in another year
SET_ASIDE = "evidence_set_aside"  # a hard window contradicted the rest and was set aside
STALE_DATE = "stale_stated_date"  # the only stated date is more than a week older than the article
LANDMARK_CONFLICT = "landmark_conflict"  # a landmark the text matches disagrees with the stated date
CONFLICTS = frozenset({PRINTED_CONFLICT, YEAR_REPAIRED, SET_ASIDE, STALE_DATE, LANDMARK_CONFLICT})


@dataclass(frozen=True)
class DateReading:
    """When an event happened: the shown day, the window the evidence allows, how sure, how, and from what."""

    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    precision: str
    confidence: str
    method: str
    evidence: tuple[tuple[str, int], ...] = ()
    published: dt.date | None = None
    codes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    share: float = 0.0  # the probability the shown day holds
    now: Window | None = field(default=None, compare=False)  # the article dates the evidence allows
    now_days: tuple[tuple[dt.date, float], ...] = field(default=(), compare=False)  # their weights, for referenced events
    anchor_offset: int | None = field(default=None, compare=False)  # where the mention read as the event's day starts


def precision_of(earliest: dt.date | None, latest: dt.date | None) -> str:
    """`day`, `month` or `year` from the width of the window; empty without one."""
    if earliest is None or latest is None:
        return ""
    days = (latest - earliest).days + 1
    return "day" if days <= DAY_WINDOW else "month" if days <= MONTH_WINDOW else "year"


def confidence_of(share: float, printed: bool, codes: tuple[str, ...] | frozenset[str]) -> str:
    """The one confidence rule (see the module docstring)."""
    if CONFLICTS & set(codes):
        return "low"
    if share >= HIGH_SHARE and printed:
        return "high"
    return "medium" if share >= MEDIUM_SHARE else "low"


def undated(method: str, codes: tuple[str, ...] = (), notes: tuple[str, ...] = (), now: Window | None = None) -> DateReading:
    """A reading that names no day: the method says why."""
    return DateReading(None, None, None, "", "low", method, codes=codes, notes=notes, now=now)


def curated(day: dt.date, replaced: DateReading | None = None) -> DateReading:
    """A date a person set by hand: the day itself, to the day, high confidence."""
    return DateReading(day, day, day, "day", "high", "corrected by hand", published=replaced.published if replaced else None, share=1.0)
