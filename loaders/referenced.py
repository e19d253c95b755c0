"""Pure: other dated events an article mentions ("At the June 28 meeting", "In March, Biden tasked Harris")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loaders.anchors import Anchor
from loaders.entities import CountryMention, OfficialMention
from loaders.grammar import Grammar, bundled
from loaders.intervals import Window
from loaders.layout import BODY, Layout
from loaders.mentions import EVENT, FUTURE, PAST, REFERENCED, DateMention, RelativeMention
from loaders.reading import DateReading
from loaders.resolve import NowChoice, resolve

NOW_SPREAD_DAYS = 14  # a wider window for the article's date is replaced by the date of its own event
MAX_REFERENCED = 6  # per article: the rest is background, not events worth a point of their own

_DAY_KINDS = ("full", "month_day", "weekday")
_MONTH_KINDS = ("month", "month_year")


@dataclass(frozen=True)
class ReferencedEvent:
    """A dated event told in one sentence of the article, apart from its main event."""

    sentence: tuple[int, int]
    reading: DateReading
    officials: tuple[OfficialMention, ...]
    countries: tuple[str, ...]


def _candidates(mentions: list[DateMention], relative: list[RelativeMention], g: Grammar) -> list[DateMention | RelativeMention]:
    """Past mentions only: a date whose tense cannot be told may be a plan ("a conference in August")."""
    dated = [
        m for m in mentions
        if m.zone == BODY and m.candidate.kind in (*_DAY_KINDS, *_MONTH_KINDS)
        and ((m.role == EVENT and m.tense == PAST) or (m.role == REFERENCED and m.tense != FUTURE))
    ]  # fmt: skip
    spans = [
        r for r in relative
        if r.zone == BODY and r.tense != FUTURE and r.phrase.anchor in ("day", "week", "month") and not g["present"].match(r.text)
    ]  # fmt: skip
    return sorted(dated + spans, key=lambda m: m.start)


def _sentence_of(layout: Layout, text: str, mention) -> tuple[int, int]:
    return mention.sentence if isinstance(mention, DateMention) else layout.sentence_at(text, mention.start)


def article_now(primary: DateReading) -> NowChoice | None:
    """The article dates the main reading allowed, as the 'now' referenced events are read against (its own
    event's day when that window is wide: the article was written near its own event)."""
    if primary.now is None or not primary.now.bounded or not primary.now_days:
        return None
    days = dict(primary.now_days)
    if (primary.now.end - primary.now.start).days > NOW_SPREAD_DAYS and primary.date:
        days = {primary.date: 1.0}
    return NowChoice(days, Window.between(min(days), max(days)), None, (), (), ())


def find_referenced(
    text: str,
    layout: Layout,
    mentions: list[DateMention],
    relative: list[RelativeMention],
    officials: list[OfficialMention],
    countries: list[CountryMention],
    primary: DateReading,
    today: dt.date,
    grammar: Grammar | None = None,
) -> list[ReferencedEvent]:
    """Dated events the article mentions besides its main one, one per sentence, each read by the same resolver
    as the main event against the article's own date."""
    now = article_now(primary)
    if now is None:
        return []
    anchor_sentence = layout.sentence_at(text, primary.anchor_offset) if primary.anchor_offset is not None else None
    own = (primary.earliest, primary.latest) if primary.earliest and primary.latest else None
    found, used = [], {anchor_sentence}
    g = grammar or bundled()
    for mention in _candidates(mentions, relative, g):
        sentence = _sentence_of(layout, text, mention)
        if sentence in used:
            continue
        body = text[sentence[0] : sentence[1]]
        named = [o for o in officials if sentence[0] <= o.start < sentence[1]]
        places = sorted({c.iso3 for c in countries if sentence[0] <= c.start < sentence[1] and c.how != "demonym"})
        if not g["event_word"].search(body) or not (named or places):
            continue
        reading = resolve(Anchor((mention,)), [], today, now)
        if reading.date is None:
            continue
        if own is not None and reading.precision == "day" and reading.earliest <= own[1] and own[0] <= reading.latest:
            used.add(sentence)  # the sentence tells the article's own event again
            continue
        used.add(sentence)
        found.append(ReferencedEvent(sentence, reading, tuple(named), tuple(dict.fromkeys([o.country for o in named] + places))))
        if len(found) == MAX_REFERENCED:
            break
    return found
