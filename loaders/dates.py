"""Pure: from the date mentions of an article to the evidence about its date, the event's anchor, and its reading.

What a page prints for itself (front matter, dateline, a "Published" line, page metadata, the date in its
address, a scraper's date line) is a *point* for the article's own date. What the text says bounds it:
explicit past and future dates, years, embedded posts, a site's "today" header, photo captions, the corpus
period (`loaders.evidence` lists every kind). The event's anchor is the first past-or-present day the lead
names ("met on Tuesday", "este viernes", "ayer lunes", a stated date), and `loaders.resolve` turns anchor
and evidence into the reading: the most probable day, the window, the confidence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math

from loaders.anchors import Anchor, safe_date
from loaders.evidence import BOUND, POINT, SOFT, Evidence, of_role
from loaders.intervals import Window
from loaders.layout import BODY, HEADER, STANDFIRST, TITLE, Layout
from loaders.mentions import (
    CAPTION_DATE,
    DATELINE_DATE,
    EVENT,
    FUTURE,
    METADATA,
    PAST,
    POST_DATE,
    REFERENCED,
    SCRAPER_DATE,
    URL_DATE,
    DateMention,
    RelativeMention,
)
from loaders.reading import DateReading
from loaders.resolve import STALE_DAYS, choose_now, resolve

CAPTION_DAYS = 6  # a photo of the event is at most this many days older than the article
STYLE_DAYS = 3  # a past month-and-day date written without a weekday is at least this old

DAY_KINDS = ("weekday", "full", "datetime", "numeric", "month_day")
YEARS = range(1990, 2041)  # the years a date without one may fall in
FIXED_PAST = ("past_date", "took_office", "tweet", "style")  # bounds whose start is a dated past event (not a policy: named long after)

# ---- the article's own date ---------------------------------------------------------------------------------


def find_points(
    mentions: list[DateMention], published: dt.date | None, published_kind: str = "front_matter"
) -> tuple[list[Evidence], list[DateMention]]:
    """Dates the page prints for itself, and wire datelines that lack a year. `published_kind` says where the known
    publication date came from: front matter, or an HTML page's own metadata."""
    points, partial = [], []
    if published:
        points.append(Evidence(published_kind, Window.between(published, published), f"published: {published:%Y-%m-%d}", -1))
    for mention in mentions:
        c = mention.candidate
        day = c.as_date() if c.is_full else None
        slack = Window.between(day - dt.timedelta(days=1 if c.utc else 0), day) if day else None
        if mention.role == DATELINE_DATE and day:
            if c.ambiguous:
                kind = "ambiguous_dateline"
            elif mention.label == "updated":
                kind = "updated_label"
            elif mention.label == "published":
                kind = "published_label"
            else:
                kind = "wire_dateline" if mention.zone == BODY else "dateline"
            points.append(Evidence(kind, slack, c.text, c.start))
        elif mention.role == DATELINE_DATE and c.kind == "month_day":
            partial.append(mention)
        elif mention.role == METADATA and day:
            points.append(Evidence("page_metadata", slack, c.text, c.start))
        elif mention.role == URL_DATE and day and mention.label == "published":
            points.append(Evidence("url_date", slack, c.text, c.start))
        elif mention.role == SCRAPER_DATE and day:
            points.append(Evidence("scraper_day", slack, c.text, c.start))
    return points, partial


def scraper_month(text: str, stamp: tuple[int, int] | None) -> list[Evidence]:
    """A scraper's month-only date line (` date 2019-10`): the article is most likely of that month."""
    if stamp is None:
        return []
    year, month = stamp
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return [Evidence("scraper_month", Window.between(first, last), f"date {year:04d}-{month:02d}", text.find(f"{year:04d}-{month:02d}"))]


def mention_evidence(mentions: list[DateMention]) -> list[Evidence]:
    """Windows for the article's date from explicit dates: past ones before it, future ones after it, a site
    header above it, photo captions and embedded posts below it."""
    found = []
    for mention in mentions:
        c = mention.candidate
        day = c.as_date() if c.is_full else None
        if mention.zone == HEADER and day and mention.role != METADATA:
            found.append(Evidence("header", Window.between(None, day), c.text, c.start))
        elif mention.role == CAPTION_DATE and day:
            # the photo shows the event or something before it, and the article follows within days
            found.append(Evidence("caption", Window.between(day, day + dt.timedelta(days=CAPTION_DAYS)), c.text, c.start))
            found.append(Evidence("caption_near", Window.between(day, day + dt.timedelta(days=1)), c.text, c.start, weight=1.0))
        elif mention.role == POST_DATE and day:
            # an embedded post is quoted after it was posted (a day's slack for time zones), and usually tells the event
            found.append(Evidence("tweet", Window.between(day - dt.timedelta(days=1), None), c.text, c.start))
            found.append(Evidence("tweet_near", Window.between(day - dt.timedelta(days=1), day), c.text, c.start, weight=2.0))
        elif mention.role == URL_DATE and day and mention.label != "published":
            found.append(Evidence("past_date", Window.between(day, None), c.text, c.start))
        elif mention.role in (EVENT, REFERENCED) and c.kind == "month_day" and mention.tense == FUTURE:
            # "the reopening on August 21": shortly before the next August 21, whatever the year
            every_year = Window.union([Window.between(d, d) for year in YEARS if (d := safe_date(year, c.month, c.day))])
            found.append(Evidence("future_near", every_year, c.text, c.start, detail=f"“{c.text}”"))
        elif mention.role in (EVENT, REFERENCED) and day and not c.ambiguous:
            if mention.tense == FUTURE:
                found.append(Evidence("future_date", Window.between(None, day), c.text, c.start))
            elif mention.tense == PAST:
                found.append(Evidence("past_date", Window.between(day, None), c.text, c.start))
        elif mention.role in (EVENT, REFERENCED) and c.kind == "month_year" and mention.tense == PAST:
            first = dt.date(c.year, c.month, 1)
            days = calendar.monthrange(c.year, c.month)[1]  # its weight: the month's length, so recency runs from its end
            found.append(Evidence("past_date", Window.between(first, None), c.text, c.start, weight=days))
        elif mention.role in (EVENT, REFERENCED) and c.kind == "year" and mention.tense == PAST:
            found.append(Evidence("year", Window.between(dt.date(c.year, 1, 1), None), c.text, c.start))
    return found


def style_evidence(mentions: list[DateMention], window: Window) -> list[Evidence]:
    """News style: a past month-and-day date written without a weekday is at least a few days older than now
    (unless the same date is also told as still to come: the tense of a quote is easily misread)."""
    found = []
    upcoming = {m.candidate.text for m in mentions if m.tense == FUTURE}
    for mention in mentions:
        if mention.candidate.text in upcoming:
            continue
        c = mention.candidate
        if c.kind != "month_day" or c.weekday is not None or mention.tense != PAST or mention.role not in (EVENT, REFERENCED):
            continue
        years = sorted({d.year for d in window.iter_days() if d.month == c.month and d.day == c.day})
        if years:
            day = dt.date(years[0], c.month, c.day)
            found.append(Evidence("style", Window.between(day + dt.timedelta(days=STYLE_DAYS), None), c.text, c.start))
    return found


def dated_past(evidence: list[Evidence]) -> list[Evidence]:
    """The bounds that stand for a dated past thing the article names (an earlier date, a post, a past month-and-day)."""
    return [e for e in of_role(evidence, BOUND, SOFT) if e.kind in FIXED_PAST and e.window.start is not None and e.window.start.year > 1990]


def preference_evidence(evidence: list[Evidence]) -> list[Evidence]:
    """The article follows soon after the newest dated thing it mentions and, mildly, early in the term of its
    newest office holder (strongly when the text calls them new); it precedes soon what it announces."""
    found = []
    bounds = of_role(evidence, BOUND)
    past = dated_past(evidence)
    if past:
        newest = max(past, key=_last_day)
        found.append(Evidence("recency", Window.between(_last_day(newest), None), newest.text, newest.offset, detail=f"“{newest.text}”"))
    offices = [e for e in bounds if e.kind == "office"]
    for kind, group in (("new_in_office", [e for e in offices if e.detail == "new"]), ("early_in_office", offices)):
        if group:
            newest = max(group, key=lambda e: e.window.spans[-1][0])
            found.append(Evidence(kind, newest.window, newest.text, newest.offset, detail=f"“{newest.text}”"))
            break
    periods = [e for e in bounds if e.kind == "period" and e.window.start is not None]
    if periods:  # "the coronavirus emergency" is told most in the period's first year, less as it goes on
        newest = max(periods, key=lambda e: e.window.start)
        found.append(Evidence("early_in_period", newest.window, newest.text, newest.offset, detail=f"“{newest.text}”"))
    future = [e for e in evidence if e.kind == "future_date" and e.window.end is not None]
    if future:
        nearest = min(future, key=lambda e: e.window.end)
        found.append(
            Evidence("future_near", Window.between(None, nearest.window.end), nearest.text, nearest.offset, detail=f"“{nearest.text}”")
        )
    return found


ELAPSED_SHARES = {"almost": (0.75, 1.0), "over": (1.0, 1.5), "about": (0.8, 1.2), "": (0.85, 1.15)}  # of the spell told
UNIT_DAYS = {"day_unit": 1, "week_unit": 7, "month_unit": 30}


def elapsed_evidence(text: str, layout: Layout, evidence: list[Evidence], grammar) -> list[Evidence]:
    """'After a suspension of almost a month', told in the lead: the event comes about that long after the newest dated
    past thing the article names. A preference, so a day the text states still wins."""
    past = dated_past(evidence)
    if not past:
        return []
    newest = max(past, key=_last_day)
    since = _last_day(newest) - dt.timedelta(days=STYLE_DAYS if newest.kind == "style" else 0)  # the date itself, not the style's slack
    for line in layout.lead:
        match = grammar["elapsed"].search(text, line.start, line.end)
        if not match:
            continue
        unit = next(UNIT_DAYS[k] for k in UNIT_DAYS if grammar[k].fullmatch(match.group("unit")))
        days = grammar.number(match.group("count")) * unit
        qualifier = match.group("qualifier") or ""
        kind = next((k for k in ("almost", "over", "about") if qualifier and grammar[f"elapsed_{k}"].fullmatch(qualifier)), "")
        low, high = ELAPSED_SHARES[kind]
        slack = 1 if unit == 1 else 0  # a count of days is told to the day, give or take one
        window = Window.between(
            since + dt.timedelta(days=int(days * low) - slack), since + dt.timedelta(days=math.ceil(days * high) + slack)
        )
        detail = f"“{match.group(0)}” after “{newest.text}”"
        return [Evidence("elapsed", window, match.group(0), match.start(), weight=1.0, detail=detail)]
    return []


def _last_day(bound: Evidence) -> dt.date:
    """The last day of the dated thing a past bound stands for (a month's last day for "in June 2022")."""
    return bound.window.start + dt.timedelta(days=int(bound.weight) - 1 if bound.kind == "past_date" and bound.weight > 1 else 0)


def _resolve_partial(partial: list[DateMention], window: Window) -> list[Evidence]:
    """A wire dateline without a year ('WASHINGTON, July 26 (Reuters)'): that day in every year the windows allow
    (the preferences then choose among them)."""
    for mention in partial:
        c = mention.candidate
        days = [d for d in window.iter_days() if d.month == c.month and d.day == c.day]
        if days:
            return [Evidence("wire_dateline_year", Window.union([Window.between(d, d) for d in days]), c.text, c.start)]
    return []


# ---- the event anchor ----------------------------------------------------------------------------------------


def _eligible(mention: DateMention) -> bool:
    c = mention.candidate
    return mention.role == EVENT and mention.tense != FUTURE and c.kind in DAY_KINDS and not c.ambiguous


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


def _companions(first, ordered: list, text_gap: int = 12) -> tuple:
    """Mentions right next to the anchor that name the same day ("ayer lunes", "yesterday (Monday)")."""
    together = [first]
    for mention in ordered:
        if mention is first or mention.start < first.start:
            continue
        end = together[-1].start + len(together[-1].text)
        if 0 <= mention.start - end <= text_gap:
            together.append(mention)
        elif mention.start > end + text_gap:
            break
    return tuple(together)


def choose_anchor(
    layout: Layout, mentions: list[DateMention], relative: list[RelativeMention], now: dt.date | None = None, held: Window | None = None
) -> Anchor | None:
    """The first past-or-present day mention of the lead, else of the body, with the mentions beside it that name
    the same day. With the article's date known, a stated date more than a week older is background unless
    nothing else is offered; a stated date outside the terms of the office holders the text names (`held`) is
    background too (a photo caption, an earlier event)."""
    lead = {line.index for line in layout.lead}
    day_relative = [r for r in relative if r.phrase.anchor == "day" and r.phrase.min_days == r.phrase.max_days and r.tense != FUTURE]
    ordered = sorted([m for m in mentions if _eligible(m)] + day_relative, key=lambda m: m.start)
    if held is not None and not held.empty:
        ordered = [m for m in ordered if not (isinstance(m, DateMention) and m.candidate.is_full and m.candidate.as_date() not in held)]
    if now is not None:
        ordered = [m for m in ordered if not _stale(m, now)] or ordered
    in_lead = [m for m in ordered if (layout.line_at(m.start).index if layout.line_at(m.start) else -1) in lead]
    in_body = [m for m in ordered if m.zone in (BODY, TITLE, STANDFIRST)]
    for group in (in_lead, in_body):
        for position, mention in enumerate(group):
            if not _reported_before_event(mention, group[position + 1 :]):
                return Anchor(_companions(mention, ordered))
    return None


def choose_vague_anchor(layout: Layout, mentions: list[DateMention], relative: list[RelativeMention]) -> Anchor | None:
    """When no day is named: the first past month or relative span of the lead ("In March", "last week")."""
    lead = {line.index for line in layout.lead}
    months = [m for m in mentions if m.role == EVENT and m.tense != FUTURE and m.candidate.kind in ("month", "month_year")]
    spans = [r for r in relative if r.phrase.anchor in ("day", "week", "month") and r.tense != FUTURE]
    for item in sorted(months + spans, key=lambda m: m.start):
        line = layout.line_at(item.start)
        if line is not None and line.index in lead:
            return Anchor((item,))
    return None


# ---- putting it together -------------------------------------------------------------------------------------


def gather_evidence(
    text: str,
    mentions: list[DateMention],
    published: dt.date | None,
    extra: list[Evidence],
    period: Window,
    scraper: tuple | None = None,
    published_kind: str = "front_matter",
) -> list[Evidence]:
    """Every piece of evidence about the article's date the text offers (the anchor aside)."""
    points, partial = find_points(mentions, published, published_kind)
    evidence = points + mention_evidence(mentions) + extra + scraper_month(text, scraper)
    evidence.append(Evidence("corpus_period", period, "the period the corpus covers", -1, detail=f"{period.start:%Y}–{period.end:%Y}"))
    if not points:
        window = period
        for bound in sorted(of_role(evidence, BOUND), key=lambda b: -b.spec.trust):
            narrowed = window & bound.window
            window = narrowed if not narrowed.empty else window
        evidence += style_evidence(mentions, window) + _resolve_partial(partial, window)
    return evidence + preference_evidence(evidence)


def read_date(
    layout: Layout,
    mentions: list[DateMention],
    relative: list[RelativeMention],
    evidence: list[Evidence],
    today: dt.date,
) -> DateReading:
    """The event's reading: the anchor chosen against the article's printed date, then resolved (module docstring)."""
    points = sorted(of_role(evidence, POINT), key=lambda p: -p.spec.trust)
    printed = points[0].window.end if points and points[0].spec.trust >= 20 else None
    held = Window.between(None, None)
    for office in (e for e in evidence if e.spec.both):
        held = held & office.window if not (held & office.window).empty else held
    anchor = choose_anchor(layout, mentions, relative, printed, held) or choose_vague_anchor(layout, mentions, relative)
    return resolve(anchor, evidence, today, choose_now(evidence, today, anchor))
