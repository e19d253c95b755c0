"""Pure: from an anchor and the evidence to the most probable event day, its window and its confidence.

1. The article's own date ("now") is narrowed by the hard windows, most trusted first; a window that
   contradicts those already kept is set aside (and said so). A printed date of the page, when the hard
   windows allow it, fixes now; a printed date they contradict is kept only as a conflict. Soft windows
   (a site header, a caption, the corpus period) narrow what is left unless they contradict it.
2. Every allowed now gets a weight from the preferences (the article follows soon after the newest date it
   mentions, and precedes soon the dates it announces).
3. The anchor names the event's day seen from each now; the event's hard windows (an office title holds on
   the event's day too) and preferences (a landmark the text matches) weigh those days.
4. The shown day is the most probable one; the window is every day left possible; the confidence follows
   the share of the probability the shown day holds (`loaders.reading`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from loaders.anchors import Anchor
from loaders.evidence import BOUND, EVENT, NOW, POINT, PREFER, SOFT, Evidence, of_role
from loaders.intervals import EARLIEST, Window
from loaders.reading import (
    LANDMARK_CONFLICT,
    PRINTED_CONFLICT,
    SET_ASIDE,
    STALE_DATE,
    YEAR_REPAIRED,
    DateReading,
    confidence_of,
    precision_of,
    undated,
)

NEAR_DAYS = 45  # a reading whose best day and the days this close to it hold under half the weight is too vague ...
FEW_OPTIONS = 12  # ... unless the evidence leaves only this many days or fewer (shown, with low confidence) ...
SURE_ENOUGH = 0.3  # ... or the best day alone holds this share (a landmark the text matches)
NO_DAY_SLACK = 2  # with no day named, the event is the article's day or up to this many days before
TOO_WIDE_DAYS = 550  # a window wider than this (about 18 months) is too vague to place on a timeline
STALE_DAYS = 7  # a stated date older than this, in an article of known date, is background
YEAR_REPAIR_SPAN = 3  # years either side of a contradicted printed year tried for the same day
CONFLICT_WEIGHT = 1.9  # a landmark match this strong (about 5 points) that disagrees with a stated date is a conflict ...
CONFLICT_DAYS = 30  # ... when it falls within a month of it
MAX_SPAN_DAYS = 62  # an anchor naming a longer span ("in 2019") dates nothing by itself


@dataclass(frozen=True)
class NowChoice:
    """The article dates the evidence allows, with weights, and what set them."""

    days: dict[dt.date, float]
    window: Window
    point: Evidence | None
    kept: tuple[Evidence, ...]
    codes: tuple[str, ...]
    notes: tuple[str, ...]


def _intersect(window: Window, bounds: list[Evidence], codes: list[str], notes: list[str], quiet: bool = False):
    """Intersect in decreasing trust; a bound that would empty the window is set aside."""
    kept = []
    for bound in sorted(bounds, key=lambda b: (-b.spec.trust, b.offset)):
        narrowed = window & bound.window
        if narrowed.empty:
            if not quiet:
                codes.append(SET_ASIDE)
                notes.append(f"set aside {bound.describe()}: it contradicts the rest")
            continue
        window = narrowed
        kept.append(bound)
    return window, kept


def _weekday_disagrees(point: Evidence, anchor: Anchor | None) -> bool:
    """'este jueves' (this Thursday) under a Wednesday dateline: a weekday of this week that is four to six
    days back is not how a text of that day would name it (`last Thursday` would be)."""
    if anchor is None or len(anchor.mentions) != 1 or len(point.window.spans) != 1:
        return False
    mention = anchor.first
    candidate = getattr(mention, "candidate", None)
    if candidate is None or candidate.kind != "weekday" or mention.modifier != "this" or mention.tense == "future":
        return False
    return (point.window.end.weekday() - candidate.weekday) % 7 > 3


def _repair_year(point: Evidence, firm: Window, anchor: Anchor | None, must_agree: bool = False) -> Evidence | None:
    """A printed date whose year the text contradicts: the same day in a year the text allows (a typo in the
    year is the likeliest error), preferring a year where the anchor names the printed day itself."""
    day = point.window.end
    options = []
    for year in range(day.year - YEAR_REPAIR_SPAN, day.year + YEAR_REPAIR_SPAN + 1):
        try:
            moved = day.replace(year=year)
        except ValueError:
            continue
        if year != day.year and moved in firm:
            agrees = anchor is not None and not anchor.stated and anchor.span(moved) == (moved, moved)
            if agrees or not must_agree:
                options.append((not agrees, abs(year - day.year), moved))
    if not options:
        return None
    _, _, moved = min(options)
    return Evidence(
        point.kind, Window.between(moved, moved), point.text, point.offset, point.weight, f"“{point.text}” read as {moved:%Y-%m-%d}"
    )


def choose_now(evidence: list[Evidence], today: dt.date, anchor: Anchor | None = None) -> NowChoice:
    """The article dates the evidence allows and their weights (steps 1 and 2 of the module docstring)."""
    codes: list[str] = []
    notes: list[str] = []
    hard = [e for e in of_role(evidence, BOUND) if e.spec.target == NOW]
    firm, kept = _intersect(Window.between(EARLIEST, today), hard, codes, notes)
    points = sorted(of_role(evidence, POINT), key=lambda p: (-p.spec.trust, p.offset))
    point = next((p for p in points if not (firm & p.window).empty), None)
    if point is not None and points[0] is not point and points[0].spec.printed:
        repaired = _repair_year(points[0], firm, anchor)
        if repaired is not None:
            point = repaired
            codes.append(YEAR_REPAIRED)
            notes.append(f"the {points[0].spec.label} “{points[0].text}” contradicts the text; the same day of another year fits it")
    if point is not None and point is points[0] and point.spec.printed and _weekday_disagrees(point, anchor):
        repaired = _repair_year(point, firm, anchor, must_agree=True)
        if repaired is not None:
            codes.append(YEAR_REPAIRED)
            notes.append(f"“{anchor.text}” does not fit the {point.spec.label} “{point.text}”; the same day of another year fits both")
            point = repaired
    if point is None and points and points[0].spec.printed:
        repaired = _repair_year(points[0], firm, anchor)
        point = repaired or points[0]
        codes.append(YEAR_REPAIRED if repaired else PRINTED_CONFLICT)
        notes.append(
            f"the {points[0].spec.label} “{points[0].text}” contradicts what the text says"
            + ("; the same day of another year fits it" if repaired else "")
        )
    if point is not None:
        window = point.window if PRINTED_CONFLICT in codes else (firm & point.window)
        kept.append(point)
    else:
        soft = [e for e in of_role(evidence, SOFT) if e.spec.target == NOW]
        window, soft_kept = _intersect(firm, soft, codes, notes, quiet=True)
        kept += soft_kept
    days = {day: 1.0 for day in window.iter_days()}
    for preference in (e for e in of_role(evidence, PREFER) if e.spec.target == NOW):
        _weigh(days, preference)
    return NowChoice(days, window, point, tuple(kept), tuple(codes), tuple(notes))


def _factor(preference: Evidence, day: dt.date, scale: int = 1) -> float:
    """What a preference multiplies a day's weight by (a decaying one counts from the span of its window that
    holds or precedes the day: the term in office the day falls in)."""
    shape, window = preference.spec.shape, preference.window
    if shape == "after":
        starts = [start for start, _ in window.spans if start <= day]
        return _decay((day - starts[-1]).days, preference.spec) if starts else 1.0
    if shape == "before":
        ends = [end for _, end in window.spans if end >= day]
        return _decay((ends[0] - day).days, preference.spec) if ends else 1.0
    if shape == "boost" and day in window:
        return 1.0 + preference.weight * scale
    return 1.0


def _decay(gap: int, kind) -> float:
    return kind.tail + (1.0 - kind.tail) * math.exp(-gap / kind.days)


def _weigh(days: dict[dt.date, float], preference: Evidence) -> None:
    """Multiply each day's weight by what the preference says of it."""
    for day in days:
        days[day] *= _factor(preference, day)


Span = tuple[dt.date, dt.date]


def _event_spans(anchor: Anchor | None, now: NowChoice) -> dict[Span, float]:
    """Each span the anchor names (a single day for a day anchor), with the summed weight of the article dates
    that name it. With no anchor the event is most likely the article's own day, else one of the days before."""
    spans: dict[Span, float] = defaultdict(float)
    for day, weight in now.days.items():
        if anchor is None:
            for back in range(NO_DAY_SLACK + 1):
                event_day = day - dt.timedelta(days=back)
                spans[(event_day, event_day)] += weight * (0.7 if back == 0 else 0.1)
            continue
        placed = anchor.span(day)
        if placed is not None and (placed[1] - placed[0]).days <= MAX_SPAN_DAYS:
            spans[placed] += weight
    return spans


def _apply_event_evidence(spans: dict[Span, float], evidence: list[Evidence], codes: list[str], notes: list[str]) -> list[Evidence]:
    """Keep the spans every event window allows (a window that would leave none is set aside), then weigh them."""
    used = []
    windows = [e for e in of_role(evidence, BOUND, SOFT) if e.spec.target == EVENT or e.spec.both]
    for bound in sorted(windows, key=lambda b: (b.spec.role != BOUND, -b.spec.trust)):
        inside = {span: w for span, w in spans.items() if not (bound.window & Window.between(*span)).empty}
        if inside and len(inside) < len(spans):
            spans.clear()
            spans.update(inside)
            used.append(bound)
        elif not inside and bound.spec.target == EVENT and bound.spec.role == BOUND:
            codes.append(SET_ASIDE)
            notes.append(f"set aside {bound.describe()}: no day it allows fits the rest")
    for preference in (e for e in of_role(evidence, PREFER) if e.spec.target == EVENT):
        changed = False
        scale = len(spans) if preference.spec.scaled else 1
        for span in spans:
            factor = _factor(preference, span[0], scale)
            if span[1] != span[0]:
                factor = max(factor, _factor(preference, span[1], scale))
            if factor != 1.0:
                spans[span] *= factor
                changed = True
        if changed:
            used.append(preference)
    return used


def resolve(anchor: Anchor | None, evidence: list[Evidence], today: dt.date, now: NowChoice | None = None) -> DateReading:
    """The event's reading from its anchor (None: no day is named) and the evidence (module docstring)."""
    now = now or choose_now(evidence, today, anchor)
    codes, notes = list(now.codes), list(now.notes)
    point_spans = [(now.point.text, now.point.offset)] if now.point is not None and now.point.offset >= 0 else []
    published = now.point.window.end if now.point is not None and len(now.point.window.spans) == 1 else None
    stated = anchor.stated if anchor is not None else None
    if stated is not None:
        conflicting = [e for e in evidence if e.kind == "landmark" and e.weight >= CONFLICT_WEIGHT and _near_but_not(e.window, stated)]
        if conflicting:
            codes.append(LANDMARK_CONFLICT)
            notes.append(f"the stated date {stated:%Y-%m-%d} differs from the landmark it matches: {conflicting[0].describe()}")
        if published is not None and (published - stated).days > STALE_DAYS:
            codes.append(STALE_DATE)
            notes.append(f"the stated date {stated:%Y-%m-%d} is more than a week older than the article ({published:%Y-%m-%d})")
        elif now.window and not now.window.empty and stated > now.window.end + dt.timedelta(days=1):
            codes.append(PRINTED_CONFLICT)
            notes.append(f"the stated date {stated:%Y-%m-%d} is later than the evidence allows for the article")
        spans = {(stated, stated): 1.0}
    else:
        spans = _event_spans(anchor, now)
    if not spans:
        return undated(_no_day_method(anchor, now), tuple(codes), tuple(notes), now.window)
    used = _apply_event_evidence(spans, evidence, codes, notes) if stated is None else []
    total = sum(spans.values())
    best = max(spans, key=lambda span: (spans[span], -span[0].toordinal()))
    share = spans[best] / total if total else 0.0
    shown = best[0] + (best[1] - best[0]) // 2
    earliest, latest = min(s[0] for s in spans), max(s[1] for s in spans)
    near = sum(w for span, w in spans.items() if abs((span[0] - shown).days) <= NEAR_DAYS) / total if total else 0.0
    if (latest - earliest).days > TOO_WIDE_DAYS and near < 0.5 and share < SURE_ENOUGH and len(spans) > FEW_OPTIONS:
        return undated(f"the evidence allows {_span(earliest, latest)}: too wide to date the event", tuple(codes), tuple(notes), now.window)
    anchor_spans = [(m.text, m.start) for m in anchor.mentions] if anchor is not None else []
    evidence_spans = point_spans + anchor_spans + [(e.text, e.offset) for e in used if e.offset >= 0]
    printed = stated is not None or (now.point is not None and now.point.spec.printed and PRINTED_CONFLICT not in codes)
    if anchor is None or not anchor.is_day:
        printed = False  # no day is named (or only a month, a week): the shown day is only the likeliest
    codes = tuple(dict.fromkeys(codes))
    return DateReading(
        date=shown,
        earliest=earliest,
        latest=latest,
        precision=precision_of(earliest, latest),
        confidence=confidence_of(share, printed, codes),
        method=_method(anchor, stated, now, earliest, latest, share, used, len(spans)),
        evidence=tuple(dict.fromkeys(evidence_spans)),
        published=published,
        codes=codes,
        notes=tuple(dict.fromkeys(notes)),
        share=round(share, 3),
        now=now.window,
        now_days=tuple(sorted(now.days.items())),
        anchor_offset=anchor.start if anchor is not None else None,
    )


def _near_but_not(window: Window, day: dt.date) -> bool:
    """A landmark within a month of a stated day, but not on it: the same event told with another date?"""
    return day not in window and any(abs((edge - day).days) <= CONFLICT_DAYS for edge in (window.start, window.end))


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None:
        return "no bounded window"
    return f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def _now_words(now: NowChoice) -> str:
    if now.point is not None:
        return f"the article's {now.point.spec.label} ({now.point.window.end:%Y-%m-%d})"
    binding = [e.describe() for e in now.kept if e.spec.role in (BOUND, SOFT)][:3]
    return f"an article date between {_span(now.window.start, now.window.end)}" + (f", set by {'; '.join(binding)}" if binding else "")


def _method(anchor, stated, now: NowChoice, earliest, latest, share, used: list[Evidence], n_days: int) -> str:
    """How the date was decided, in words a student can follow."""
    if stated is not None:
        return f"date stated in the text: “{anchor.text}”"
    favoured = "; ".join(e.describe() for e in used if e.spec.role == PREFER)
    if anchor is None:
        head = f"no day is named for the event; the article's date is the likeliest day, from {_now_words(now)}"
    elif n_days == 1:
        head = f"“{anchor.text}” read against {_now_words(now)}"
    else:
        head = (
            f"“{anchor.text}” fits {n_days} days from {_span(earliest, latest)}, given {_now_words(now)}; "
            f"the most probable is shown ({share:.0%})"
        )
    return head + (f"; favoured: {favoured}" if favoured else "")


def _no_day_method(anchor: Anchor | None, now: NowChoice) -> str:
    if anchor is not None and now.window and not now.window.empty:
        return f"“{anchor.text}” names no day inside {_now_words(now)}"
    return "no date evidence in the text" if not now.kept else f"the evidence allows {_now_words(now)}: too little to date the event"
