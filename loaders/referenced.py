"""Pure: other dated events an article mentions ("At the June 28 meeting", "In March, Biden tasked Harris")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from loaders.candidates import Candidate
from loaders.dates import DateResult, anchor_date, place_month, place_relative
from loaders.entities import CountryMention, OfficialMention
from loaders.intervals import Window
from loaders.layout import BODY, Layout
from loaders.mentions import EVENT, FUTURE, PAST, REFERENCED, DateMention, RelativeMention

NOW_SPREAD_DAYS = 14  # a wider window for the article's date is replaced by the date of its own event
MAX_REFERENCED = 6  # per article: the rest is background, not events worth a point of their own

# A sentence tells of an event when it has one of these words (and names an official or a country).
_EVENT_WORDS = re.compile(
    r"\b(?:met|meets?|meeting|visit(?:s|ed)?|trip|called|phone call|call|spoke|talks|signed|signing|agreement|accord|deal|"
    r"announced|announcement|tasked|summit|conference|declaration|pledged|hosted|received|travel(?:l?ed)|launched|"
    r"se reuni[óo]|reuni[óo]n|visit[óo]|visita|llamada|habl[óo]|convers[óo]|conversación|firm[óo]|firmaron|acuerdo|"
    r"anunci[óo]|cumbre|encomend[óo]|recibi[óo]|viaj[óo]|declaración)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"(?:this|esta|este)\b", re.IGNORECASE)  # "this week" is the article's own time, not another event
_DAY_KINDS = ("full", "month_day", "weekday")
_MONTH_KINDS = ("month", "month_year")


@dataclass(frozen=True)
class ReferencedEvent:
    """A dated event told in one sentence of the article, apart from its main event."""

    sentence: tuple[int, int]
    date: dt.date
    earliest: dt.date
    latest: dt.date
    precision: str
    confidence: str
    method: str
    evidence: tuple[tuple[str, int], ...]
    officials: tuple[OfficialMention, ...]
    countries: tuple[str, ...]


def _span(mention: DateMention | RelativeMention, now: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """The days a mention names, seen from the article's date, and the precision that goes with them."""
    if isinstance(mention, RelativeMention):
        start, end = place_relative(mention, now)
        return start, end, "day" if start == end else "month"
    c = mention.candidate
    if c.kind in _DAY_KINDS:
        day = anchor_date(mention, now)
        return (day, day, "day") if day else None
    if c.kind == "month_year":
        return dt.date(c.year, c.month, 1), dt.date(c.year, c.month, calendar.monthrange(c.year, c.month)[1]), "month"
    if c.kind == "month":
        start, end = place_month(c.month, now, mention.tense)
        if mention.modifier == "last_year" and start.year == now.year:
            start, end = start.replace(year=start.year - 1), end.replace(year=end.year - 1)
        return start, end, "month"
    return None


def _candidates(mentions: list[DateMention], relative: list[RelativeMention]) -> list[DateMention | RelativeMention]:
    """Past mentions only: a date whose tense cannot be told may be a plan ("a conference in August")."""
    dated = [
        m for m in mentions
        if m.zone == BODY and m.candidate.kind in (*_DAY_KINDS, *_MONTH_KINDS)
        and ((m.role == EVENT and m.tense == PAST) or (m.role == REFERENCED and m.tense != FUTURE))
    ]  # fmt: skip
    spans = [
        r for r in relative
        if r.zone == BODY and r.tense != FUTURE and r.phrase.anchor in ("day", "week", "month") and not _PRESENT.match(r.text)
    ]  # fmt: skip
    return sorted(dated + spans, key=lambda m: m.start)


def _sentence_of(layout: Layout, text: str, mention) -> tuple[int, int]:
    return mention.sentence if isinstance(mention, DateMention) else layout.sentence_at(text, mention.start)


def find_referenced(
    text: str,
    layout: Layout,
    mentions: list[DateMention],
    relative: list[RelativeMention],
    officials: list[OfficialMention],
    countries: list[CountryMention],
    primary: DateResult,
    primary_anchor: int | None,
) -> list[ReferencedEvent]:
    """Dated events the article mentions besides its main one, one per sentence, each with its own window."""
    if primary.now is None or not primary.now.bounded:
        return []
    now_start, now_end = primary.now.start, primary.now.end
    if (now_end - now_start).days > NOW_SPREAD_DAYS and primary.date:
        now_start = now_end = primary.date  # the article was written near its own event
    exact_now = now_start == now_end and primary.confidence != "low"
    anchor_sentence = layout.sentence_at(text, primary_anchor) if primary_anchor is not None else None
    found, used = [], {anchor_sentence}
    for mention in _candidates(mentions, relative):
        sentence = _sentence_of(layout, text, mention)
        if sentence in used:
            continue
        body = text[sentence[0] : sentence[1]]
        named = [o for o in officials if sentence[0] <= o.start < sentence[1]]
        places = sorted({c.iso3 for c in countries if sentence[0] <= c.start < sentence[1] and c.how != "demonym"})
        if not _EVENT_WORDS.search(body) or not (named or places):
            continue
        early, late = _span(mention, now_start), _span(mention, now_end)
        if early is None or late is None:
            continue
        start, end, precision = min(early[0], late[0]), max(early[1], late[1]), early[2]
        day = start + (end - start) // 2 if precision != "day" or start != end else start
        own = Window.between(primary.earliest, primary.latest) if primary.earliest and primary.latest else None
        if own is not None and precision == "day" and not (own & Window.between(start, end)).empty:
            used.add(sentence)  # the sentence tells the article's own event again
            continue
        stated = isinstance(mention, DateMention) and isinstance(mention.candidate, Candidate) and mention.candidate.is_full
        confidence = (
            "high" if stated else ("medium" if exact_now and ((precision == "day" and start == end) or precision == "month") else "low")
        )
        method = (
            f"date stated in the text: “{mention.text}”"
            if stated
            else f"“{mention.text}” read against the article's date {now_start:%Y-%m-%d}" + ("" if exact_now else f" to {now_end:%Y-%m-%d}")
        )
        used.add(sentence)
        found.append(
            ReferencedEvent(
                sentence=sentence,
                date=day,
                earliest=start,
                latest=end,
                precision="day" if start == end else precision,
                confidence=confidence,
                method=method,
                evidence=((mention.text, mention.start),),
                officials=tuple(named),
                countries=tuple(dict.fromkeys([o.country for o in named] + places)),
            )
        )
        if len(found) == MAX_REFERENCED:
            break
    return found
