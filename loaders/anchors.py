"""Pure: the day (or days) a date mention names, seen from a given article date ("now").

"Tuesday" in an article of Thursday 2019-03-28 is 2019-03-26; "ayer" is the day before; "last week" is seven
days; "March 26" is the latest March 26 not after now. An `Anchor` is one or more mentions that name the
same day ("ayer lunes", "este martes 14 de febrero"): the days it names are those every mention allows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from loaders.mentions import FUTURE, PAST, UNKNOWN, DateMention, RelativeMention

Mention = DateMention | RelativeMention


def place_weekday(weekday: int, now: dt.date, tense: str, modifier: str) -> dt.date:
    """The date of a weekday mention, seen from `now`."""
    delta_back = (now.weekday() - weekday) % 7
    delta_ahead = (weekday - now.weekday()) % 7
    if modifier == "last":
        return now - dt.timedelta(days=delta_back or 7)
    if modifier == "next":
        return now + dt.timedelta(days=delta_ahead or 7)
    if tense == FUTURE:
        return now + dt.timedelta(days=delta_ahead)
    if modifier == "this" and tense == UNKNOWN:
        return now - dt.timedelta(days=delta_back) if delta_back <= 3 else now + dt.timedelta(days=delta_ahead)
    return now - dt.timedelta(days=delta_back)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def place_month_day(month: int, day: int, now: dt.date, tense: str) -> dt.date | None:
    """A month and day without a year: the latest one not after now, or the next one for the future."""
    years = (now.year, now.year + 1) if tense == FUTURE else (now.year, now.year - 1)
    for year in years:
        placed = safe_date(year, month, day)
        if placed and ((placed >= now) if tense == FUTURE else (placed <= now)):
            return placed
    return None


def place_month_day_on_weekday(month: int, day: int, weekday: int, now: dt.date, tense: str) -> dt.date | None:
    """'Monday, December 6' without a year: the nearest year around now in which that day is that weekday."""
    options = [d for year in range(now.year - 6, now.year + 7) if (d := safe_date(year, month, day)) and d.weekday() == weekday]
    if tense == FUTURE:
        options = [d for d in options if d >= now] or options
    elif tense == PAST:
        options = [d for d in options if d <= now] or options
    return min(options, key=lambda d: abs((d - now).days)) if options else None


def place_month(month: int, now: dt.date, tense: str) -> tuple[dt.date, dt.date]:
    """A month without a year: this year's if not after now (next occurrence for the future)."""
    year = now.year
    if tense == FUTURE and month < now.month:
        year += 1
    elif tense != FUTURE and month > now.month:
        year -= 1
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def place_relative(mention: RelativeMention, now: dt.date) -> tuple[dt.date, dt.date]:
    """The window a relative phrase ("yesterday", "last week", "earlier this month") names, seen from now."""
    phrase = mention.phrase
    if phrase.anchor == "day":
        return now + dt.timedelta(days=phrase.min_days), now + dt.timedelta(days=phrase.max_days)
    if phrase.anchor == "week":
        monday = now - dt.timedelta(days=now.weekday())
        start = monday + dt.timedelta(weeks=phrase.min_days)
        end = min(monday + dt.timedelta(weeks=phrase.max_days, days=6), now if phrase.max_days == 0 else dt.date.max)
        return start, end
    if phrase.anchor == "month":
        month_index = now.year * 12 + now.month - 1 + phrase.min_days
        year, month = divmod(month_index, 12)
        start = dt.date(year, month + 1, 1)
        last = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        return start, min(last, now) if phrase.max_days == 0 else last
    if phrase.anchor == "year":
        year = now.year + phrase.min_days
        return dt.date(year, 1, 1), min(dt.date(year, 12, 31), now) if phrase.max_days == 0 else dt.date(year, 12, 31)
    return now, now


def mention_span(mention: Mention, now: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day a mention can name, seen from now (None when it cannot be placed)."""
    if isinstance(mention, RelativeMention):
        return place_relative(mention, now)
    c = mention.candidate
    day = None
    if c.kind == "weekday":
        day = place_weekday(c.weekday, now, mention.tense, mention.modifier)
    elif c.is_full:
        day = c.as_date()
    elif c.kind == "month_day" and c.weekday is not None:
        day = place_month_day_on_weekday(c.month, c.day, c.weekday, now, mention.tense)
    elif c.kind == "month_day":
        day = place_month_day(c.month, c.day, now, mention.tense)
    elif c.kind == "month_year":
        return dt.date(c.year, c.month, 1), dt.date(c.year, c.month, calendar.monthrange(c.year, c.month)[1])
    elif c.kind == "month":
        start, end = place_month(c.month, now, mention.tense)
        if mention.modifier == "last_year" and start.year == now.year:
            start, end = start.replace(year=start.year - 1), end.replace(year=end.year - 1)
        return start, end
    elif c.kind == "year":
        return dt.date(c.year, 1, 1), dt.date(c.year, 12, 31)
    return (day, day) if day is not None else None


@dataclass(frozen=True)
class Anchor:
    """The mention(s) read as the event's day: every mention must allow the days it names."""

    mentions: tuple[Mention, ...]

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def start(self) -> int:
        return self.first.start

    @property
    def text(self) -> str:
        return " … ".join(m.text for m in self.mentions) if len(self.mentions) > 1 else self.first.text

    @property
    def stated(self) -> dt.date | None:
        """The full date the text states for the event, if it states one."""
        for mention in self.mentions:
            if isinstance(mention, DateMention) and mention.candidate.is_full and not mention.candidate.ambiguous:
                return mention.candidate.as_date()
        return None

    @property
    def is_day(self) -> bool:
        """The anchor names one day (not a week or a month)."""
        return any(
            (isinstance(m, RelativeMention) and m.phrase.anchor == "day" and m.phrase.min_days == m.phrase.max_days)
            or (isinstance(m, DateMention) and (m.candidate.has_day or m.candidate.kind == "weekday"))
            for m in self.mentions
        )

    def span(self, now: dt.date) -> tuple[dt.date, dt.date] | None:
        """The first and last day the anchor names seen from `now`: inside the span of every mention."""
        start, end = dt.date.min, dt.date.max
        for mention in self.mentions:
            placed = mention_span(mention, now)
            if placed is None:
                return None
            start, end = max(start, placed[0]), min(end, placed[1])
            if start > end:
                return None
        return start, end
