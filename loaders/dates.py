"""Pure: from date mentions and windows to the event's best date, window, precision, confidence and evidence.

The rule, in three steps:
1. The article's own date ("now") comes from the strongest point the page shows (front matter, dateline,
   wire dateline, byline, page metadata), checked against windows the text allows: who held which office,
   which named policies existed, explicit past and future dates, a site header (an upper bound), a photo
   caption (a lower bound) and AP style (a month-and-day date written without a weekday is a week or more old).
2. The event anchor is the first past-or-present day mention of the lead (weekday, "today", an explicit date),
   else of the body; mentions about the future, about other dated events or about spans are skipped.
3. The anchor is resolved against every "now" the evidence allows. One answer: the date, with high confidence
   when the now was printed. Several: the earliest (articles are read as recent as their evidence allows),
   with low confidence and the full window.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from loaders.intervals import Window
from loaders.layout import BODY, HEADER, STANDFIRST, TITLE, Layout
from loaders.mentions import (
    CAPTION_DATE,
    DATELINE_DATE,
    EVENT,
    FUTURE,
    METADATA,
    PAST,
    REFERENCED,
    UNKNOWN,
    DateMention,
    RelativeMention,
)
from loaders.periods import Bound

STYLE_DAYS = 3  # a past month-and-day date written without a weekday is at least this old (style guides name weekdays within the week)
CAPTION_DAYS = 6  # a photo of the event is at most this many days older than the article
STALE_DAYS = 7  # a stated date older than this, in an article of known date, is background
NARROW_DAYS = 62  # an answer spread wider than this is not shown as a day
WINDOW_DAYS = 550  # a window wider than this (about 18 months) is too vague to place on a timeline
SOFT_BOUNDS = ("caption", "header", "style")  # heuristics that give way to a printed date
BOUND_ORDER = ("office", "took_office", "election", "named_day", "policy", "past_date", "future_date", "caption", "header", "style", "year")
DAY_KINDS = ("weekday", "full", "datetime", "numeric", "month_day")


@dataclass(frozen=True)
class Point:
    """A date the page gives for itself."""

    date: dt.date
    strength: int  # 5 front matter, 4 dateline, 3 wire or byline with inferred year, 2 page metadata
    slack: int  # days the local date may precede it (UTC timestamps)
    evidence: str
    offset: int
    source: str


@dataclass(frozen=True)
class DateResult:
    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    precision: str
    confidence: str
    method: str
    evidence: tuple[tuple[str, int], ...]
    published: dt.date | None
    notes: tuple[str, ...] = ()
    now: Window | None = field(default=None, compare=False)
    anchor_offset: int | None = field(default=None, compare=False)  # where the mention chosen as the event's day starts


# ---- placing partial dates against a "now" -------------------------------------------------------------


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


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def place_month_day(month: int, day: int, now: dt.date, tense: str) -> dt.date | None:
    """A month and day without a year: the latest one not after now, or the next one for the future."""
    years = (now.year, now.year + 1) if tense == FUTURE else (now.year, now.year - 1)
    for year in years:
        placed = _safe_date(year, month, day)
        if placed and ((placed >= now) if tense == FUTURE else (placed <= now)):
            return placed
    return None


def place_month_day_on_weekday(month: int, day: int, weekday: int, now: dt.date, tense: str) -> dt.date | None:
    """'Monday, December 6' without a year: the nearest year around now in which that day is that weekday."""
    options = [d for year in range(now.year - 6, now.year + 7) if (d := _safe_date(year, month, day)) and d.weekday() == weekday]
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


def anchor_date(anchor: DateMention | RelativeMention, now: dt.date) -> dt.date | None:
    """The day an event anchor names, seen from now (None when it cannot be placed)."""
    if isinstance(anchor, RelativeMention):
        start, end = place_relative(anchor, now)
        return start if start == end else None
    c = anchor.candidate
    if c.kind == "weekday":
        return place_weekday(c.weekday, now, anchor.tense, anchor.modifier)
    if c.is_full:
        return c.as_date()
    if c.kind == "month_day" and c.weekday is not None:
        return place_month_day_on_weekday(c.month, c.day, c.weekday, now, anchor.tense)
    if c.kind == "month_day":
        return place_month_day(c.month, c.day, now, anchor.tense)
    return None


# ---- the article's own date --------------------------------------------------------------------------------


def find_points(mentions: list[DateMention], published: dt.date | None) -> tuple[list[Point], list[DateMention]]:
    """Dates the page gives for itself, strongest first, and datelines that lack a year."""
    points, partial = [], []
    if published:
        points.append(Point(published, 5, 0, f"published: {published:%Y-%m-%d}", -1, "front matter"))
    for mention in mentions:
        c = mention.candidate
        if mention.role == DATELINE_DATE:
            if c.is_full:
                source = "wire dateline" if mention.zone == BODY else f"{mention.label} date" if mention.label else "dateline"
                # an "updated" stamp or a numeric date read by the language's convention is a little weaker
                strength = 3 if (mention.label == "updated" or c.ambiguous) else 4
                if c.ambiguous:
                    source += f" (read {'day-first' if c.language == 'es' else 'month-first'})"
                points.append(Point(c.as_date(), strength, 1 if c.utc else 0, c.text, c.start, source))
            elif c.kind == "month_day":
                partial.append(mention)
        elif mention.role == METADATA and c.is_full:
            points.append(Point(c.as_date(), 2, 1 if c.utc else 0, c.text, c.start, "page metadata"))
    points.sort(key=lambda p: (-p.strength, p.offset))
    return points, partial


def mention_bounds(mentions: list[DateMention]) -> list[Bound]:
    """Windows for now from explicit dates: past ones before it, future ones after it, header and captions."""
    bounds = []
    for mention in mentions:
        c = mention.candidate
        if mention.zone == HEADER and c.is_full:
            bounds.append(Bound(Window.between(None, c.as_date()), c.text, c.start, "header"))
        elif mention.role == CAPTION_DATE and c.is_full:
            day = c.as_date()
            # the photo shows the event or something before it, and the article follows within days
            bounds.append(Bound(Window.between(day, day + dt.timedelta(days=CAPTION_DAYS)), c.text, c.start, "caption", on_event=True))
        elif mention.role in (EVENT, REFERENCED) and c.is_full and not c.ambiguous:
            day = c.as_date()
            if mention.tense == FUTURE:
                bounds.append(Bound(Window.between(None, day), c.text, c.start, "future_date"))
            elif mention.tense == PAST:
                bounds.append(Bound(Window.between(day, None), c.text, c.start, "past_date"))
        elif mention.role in (EVENT, REFERENCED) and c.kind == "month_year" and mention.tense == PAST:
            bounds.append(Bound(Window.between(dt.date(c.year, c.month, 1), None), c.text, c.start, "past_date"))
        elif mention.role in (EVENT, REFERENCED) and c.kind == "year" and mention.tense == PAST:
            bounds.append(Bound(Window.between(dt.date(c.year, 1, 1), None), c.text, c.start, "year"))
    return bounds


def style_bounds(mentions: list[DateMention], window: Window) -> list[Bound]:
    """AP style: a past month-and-day date written without a weekday is at least a week older than now."""
    bounds = []
    for mention in mentions:
        c = mention.candidate
        if c.kind != "month_day" or c.weekday is not None or mention.tense != PAST or mention.role not in (EVENT, REFERENCED):
            continue
        years = sorted({d.year for d in window.iter_days() if d.month == c.month and d.day == c.day})
        if years:
            day = dt.date(years[0], c.month, c.day)
            bounds.append(Bound(Window.between(day + dt.timedelta(days=STYLE_DAYS), None), c.text, c.start, "style"))
    return bounds


def combine_bounds(bounds: list[Bound], today: dt.date | None = None) -> tuple[Window, list[Bound], list[Bound]]:
    """Intersect windows in order of trust; a window that contradicts the ones already kept is set aside.
    Nothing an article reports lies after `today` (the day of the load)."""
    window = Window.between(None, today)
    kept, dropped = [], []
    for bound in sorted(bounds, key=lambda b: (BOUND_ORDER.index(b.source), b.offset)):
        narrowed = window & bound.window
        if narrowed.empty:
            dropped.append(bound)
        else:
            window, _ = narrowed, kept.append(bound)
    return window, kept, dropped


# ---- the event anchor ------------------------------------------------------------------------------------


def _eligible(mention: DateMention) -> bool:
    c = mention.candidate
    return mention.role == EVENT and mention.tense != FUTURE and c.kind in DAY_KINDS and not c.ambiguous


def choose_anchor(
    layout: Layout, mentions: list[DateMention], relative: list[RelativeMention], now: dt.date | None = None
) -> DateMention | RelativeMention | None:
    """The first past-or-present day mention of the lead, else of the body; day-level before vaguer ones. With the
    article's date known, a stated date more than a week older is background unless nothing else is offered."""
    lead = {line.index for line in layout.lead}
    day_relative = [r for r in relative if r.phrase.anchor == "day" and r.phrase.min_days == r.phrase.max_days and r.tense != FUTURE]
    ordered = sorted([m for m in mentions if _eligible(m)] + day_relative, key=lambda m: m.start)
    if now is not None:
        recent = [m for m in ordered if not _stale(m, now)]
        ordered = recent or ordered
    in_lead = [m for m in ordered if (layout.line_at(m.start).index if layout.line_at(m.start) else -1) in lead]
    in_body = [m for m in ordered if m.zone in (BODY, TITLE, STANDFIRST)]
    for group in (in_lead, in_body):
        for position, mention in enumerate(group):
            if not _reported_before_event(mention, group[position + 1 :]):
                return mention
    return None


def _stale(mention, now: dt.date) -> bool:
    """A stated date more than a week before the article's own date: background, not the news."""
    if not isinstance(mention, DateMention) or not mention.candidate.is_full:
        return False
    return (now - mention.candidate.as_date()).days > STALE_DAYS


def _reported_before_event(mention, later) -> bool:
    """'X said on Monday that they met on Sunday': the saying dates the report, the meeting is the event."""
    if not isinstance(mention, DateMention) or not mention.reporting:
        return False
    return any(isinstance(m, DateMention) and m.sentence == mention.sentence and _eligible(m) for m in later) or any(
        isinstance(m, RelativeMention) and mention.sentence[0] <= m.start < mention.sentence[1] for m in later
    )


def choose_vague_anchor(layout: Layout, mentions: list[DateMention], relative: list[RelativeMention]):
    """When no day is named: the first past month or relative span of the lead ("In March", "last week")."""
    lead = {line.index for line in layout.lead}
    months = [m for m in mentions if m.role == EVENT and m.tense != FUTURE and m.candidate.kind in ("month", "month_year")]
    spans = [r for r in relative if r.phrase.anchor in ("day", "week", "month") and r.tense != FUTURE]
    for item in sorted(months + spans, key=lambda m: m.start):
        line = layout.line_at(item.start)
        if line is not None and line.index in lead:
            return item
    return None


# ---- putting it together -------------------------------------------------------------------------------------


def _now_window(point: Point | None, window: Window) -> Window:
    if point is None:
        return window
    return Window.between(point.date - dt.timedelta(days=point.slack), point.date)


def _resolve_partial(partial: list[DateMention], window: Window) -> Point | None:
    """A wire dateline without a year ('WASHINGTON, July 26 (Reuters)'): the year the windows allow."""
    for mention in partial:
        c = mention.candidate
        days = [d for d in window.iter_days() if d.month == c.month and d.day == c.day] if window.bounded else []
        if days:
            return Point(days[0], 3 if len(days) == 1 else 1, 0, c.text, c.start, "wire dateline (year inferred)")
    return None


def _event_days(anchor, nows: Window, event_window: Window) -> Counter:
    """Each day the anchor can name, with how many of the allowed 'now's name it (inside the event's own window
    when one is known and leaves any day at all)."""
    days: Counter = Counter()
    for now in nows.iter_days():
        day = anchor_date(anchor, now)
        if day is not None:
            days[day] += 1
    inside = Counter({day: n for day, n in days.items() if day in event_window})
    return inside or days


def _fmt(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "?"


def resolve_dates(
    layout: Layout,
    mentions: list[DateMention],
    relative: list[RelativeMention],
    bounds: list[Bound],
    published: dt.date | None = None,
    today: dt.date | None = None,
) -> DateResult:
    """Decide the event's date, window, precision, confidence and evidence (see the module docstring), and say where
    the mention chosen as the event's day starts (`anchor_offset`), so other rules know which mention was the event."""
    points, partial = find_points(mentions, published)
    all_bounds = bounds + mention_bounds(mentions)
    firm, _, _ = combine_bounds([b for b in all_bounds if b.source not in SOFT_BOUNDS], today)
    window, kept, dropped = combine_bounds(all_bounds, today)
    if not points:
        window, kept, _ = combine_bounds(kept + style_bounds(mentions, window), today)
    notes = [f"set aside {b.describe()}: it contradicts the rest" for b in dropped if b.source in ("office", "took_office", "header")]

    # a printed date is checked against firm evidence only; a caption or header that disagrees gives way
    point = next((p for p in points if not (firm & Window.between(p.date - dt.timedelta(days=p.slack), p.date)).empty), None)
    conflict = False
    if point is None and points and points[0].strength >= 3:
        point, conflict = points[0], True
        notes.append(f"{point.source} {point.evidence!r} contradicts what the text says about office holders or dates")
    if point is not None:
        kept = [
            b
            for b in kept
            if b.source not in SOFT_BOUNDS or not (b.window & Window.between(point.date - dt.timedelta(days=point.slack), point.date)).empty
        ]
    if point is None:
        point = _resolve_partial(partial, window)
    nows = _now_window(point, window)
    event_window = Window.between(None, None)
    for bound in kept:
        if bound.on_event or bound.source in ("office", "took_office"):  # the titles hold on the event's day too
            event_window = event_window & bound.window
    near = point is not None or any(b.source in ("caption", "style", "election", "named_day", "took_office") for b in kept)

    article_day = _published(point)  # the article's own date, one reading for every rule below
    anchor = choose_anchor(layout, mentions, relative, article_day)
    evidence: list[tuple[str, int]] = []
    if point is not None and point.offset >= 0:
        evidence.append((point.evidence, point.offset))
    now_text = f"{point.source} {_fmt(point.date)}" if point else "the window " + _window_text(nows, kept)

    explicit = isinstance(anchor, DateMention) and anchor.candidate.is_full
    if explicit:  # a stated date needs no "now"; it is checked against the window instead
        stated = anchor.candidate.as_date()
        conflict = conflict or (window.bounded and stated not in Window.between(window.start - dt.timedelta(days=STYLE_DAYS), window.end))
        if article_day is not None and _stale(anchor, article_day):
            notes.append(f"the only stated date, {stated:%Y-%m-%d}, is more than a week older than the article ({article_day:%Y-%m-%d})")
            conflict = True
        evidence.append((anchor.text, anchor.start))
        return _anchored(
            _day_result(Counter({stated: 1}), anchor, point, nows, kept, near, conflict, now_text, evidence, notes, layout), anchor
        )
    if anchor is not None and nows.bounded:
        days = _event_days(anchor, nows, event_window)
        if days:
            evidence.append((anchor.text, anchor.start))
            return _anchored(_day_result(days, anchor, point, nows, kept, near, conflict, now_text, evidence, notes, layout), anchor)

    vague = choose_vague_anchor(layout, mentions, relative)
    if vague is not None and point is not None:
        start, end = _vague_span(vague, point.date)
        evidence.append((vague.text, vague.start))
        precision = "month" if (start.year, start.month) == (end.year, end.month) else "day"
        midpoint = start + (end - start) // 2
        return _anchored(DateResult(
            midpoint, start, end, precision, "low" if conflict else "medium",
            f"“{vague.text}” read against the {now_text}; no day is named", tuple(evidence), _published(point), tuple(notes), nows,
        ), anchor)  # fmt: skip

    if point is not None:
        confidence = "low" if conflict or point.strength < 4 else "medium"
        return _anchored(DateResult(
            point.date, point.date - dt.timedelta(days=STYLE_DAYS), point.date, "day", confidence,
            f"no day named for the event; the article's {point.source} date is used", tuple(evidence), _published(point), tuple(notes), nows,
        ), anchor)  # fmt: skip
    return _anchored(_undated(nows, kept, notes), anchor)


def _anchored(result: DateResult, anchor) -> DateResult:
    """The result, noting where the mention chosen as the event's day starts."""
    return replace(result, anchor_offset=anchor.start if anchor is not None else None)


def _vague_span(vague, now: dt.date) -> tuple[dt.date, dt.date]:
    if isinstance(vague, RelativeMention):
        return place_relative(vague, now)
    c = vague.candidate
    if c.kind == "month_year":
        return dt.date(c.year, c.month, 1), dt.date(c.year, c.month, calendar.monthrange(c.year, c.month)[1])
    return place_month(c.month, now, vague.tense)


def _published(point: Point | None) -> dt.date | None:
    return point.date if point is not None and point.strength >= 2 else None


def _window_text(window: Window, kept: list[Bound]) -> str:
    """The window in words, naming the evidence that sets its two ends."""
    binding = [b for b in kept if b.window.spans and (_touches(b.window.start, window.start) or _touches(b.window.end, window.end))]
    why = "; ".join(dict.fromkeys(b.describe() for b in binding))
    return f"{_fmt(window.start)} to {_fmt(window.end)} (set by {why})" if why else f"{_fmt(window.start)} to {_fmt(window.end)}"


def _touches(edge: dt.date | None, end: dt.date | None) -> bool:
    return edge is not None and end is not None and abs((edge - end).days) <= 1


def _day_result(days, anchor, point, nows, kept, near, conflict, now_text, evidence, notes, layout) -> DateResult:
    in_lead = (layout.line_at(anchor.start) is not None) and layout.line_at(anchor.start).index in {line.index for line in layout.lead}
    explicit = isinstance(anchor, DateMention) and anchor.candidate.is_full
    if len(days) == 1:
        (day,) = days
        if explicit:
            confidence = "high" if not conflict else "low"
            method = f"date stated in the text: “{anchor.text}”"
        elif point is not None and point.strength >= 4 and not conflict:
            confidence = "high" if in_lead else "medium"
            method = f"“{anchor.text}” resolved against the {now_text}"
        else:
            confidence = "low" if conflict else "medium"
            method = f"“{anchor.text}” resolved against {now_text}"
        return DateResult(day, day, day, "day", confidence, method, tuple(evidence), _published(point), tuple(notes), nows)
    first, last = min(days), max(days)
    if not near and last - first > dt.timedelta(days=NARROW_DAYS):
        if (last - first).days > WINDOW_DAYS:
            return _undated(nows, kept, notes)
        middle = first + (last - first) / 2
        best = min(days, key=lambda day: abs((day - middle).days))
        method = (
            f"“{anchor.text}” fits {len(days)} days between {_fmt(first)} and {_fmt(last)} given {now_text}; "
            "nothing narrows it further, so the fitting day nearest the middle is shown"
        )
        precision = "month" if (last - first).days <= 2 * NARROW_DAYS else "year"
        return DateResult(best, first, last, precision, "low", method, tuple(evidence), _published(point), tuple(notes), nows)
    best = max(days, key=lambda day: (days[day], -day.toordinal()))
    method = (
        f"“{anchor.text}” fits {len(days)} days between {_fmt(first)} and {_fmt(last)} given {now_text}; "
        "shown: the day most of the possible article dates point to (the earliest on a tie)"
    )
    return DateResult(best, first, last, "day", "low", method, tuple(evidence), _published(point), tuple(notes), nows)


def _undated(nows: Window, kept: list[Bound], notes: list[str]) -> DateResult:
    """No day can be named: a window short enough to be useful is shown by its middle, else nothing."""
    if nows.bounded and nows.days() <= WINDOW_DAYS:
        midpoint = nows.start + (nows.end - nows.start) // 2
        precision = "month" if nows.days() <= NARROW_DAYS else "year"
        evidence = tuple((b.evidence, b.offset) for b in kept if b.source not in ("header",))
        method = f"only a window is known: {_window_text(nows, kept)}; its middle is shown"
        return DateResult(midpoint, nows.start, nows.end, precision, "low", method, evidence, None, tuple(notes), nows)
    method = "no date evidence in the text" if not kept else f"the evidence allows {_window_text(nows, kept)}: too wide to date the event"
    return DateResult(None, None, None, "", "low", method, (), None, tuple(notes), nows)
