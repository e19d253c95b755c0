"""Pure: windows of time the text allows, from who held which office and which named policies existed."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from loaders.candidates import EN_MONTHS, ES_MONTHS
from loaders.entities import OfficialMention
from loaders.evidence import Evidence
from loaders.grammar import Grammar, bundled, count_words
from loaders.intervals import ONE_DAY, Window
from loaders.layout import BODY, STANDFIRST, SUBHEAD, TITLE, Layout
from loaders.mentions import RelativeMention
from loaders.reference import NamedPolicy, Reference, RelativePhrase, Term
from loaders.screen import PatternSet, screened
from loaders.tense import FUTURE, PAST, UNKNOWN, classify_tense, sentence_tense

YEAR_AFTER_TAKING_OFFICE = 365


ARTICLE_ZONES = (TITLE, STANDFIRST, BODY, SUBHEAD)  # officials named in site chrome, teasers or captions date nothing


def in_article(officials: list[OfficialMention], layout: Layout | None) -> list[OfficialMention]:
    """The officials named in the article itself (not in site chrome, teasers or captions)."""
    if layout is None:
        return officials
    return [o for o in officials if (line := layout.line_at(o.start)) is not None and line.zone in ARTICLE_ZONES]


def office_bounds(officials: list[OfficialMention], text: str = "", newly: re.Pattern | None = None) -> list[Evidence]:
    """Each titled mention of an office holder: the article's now lies in their term of that office; a text that
    calls them new ("the new foreign minister") is from the first weeks of the term (detail `new`)."""
    bounds = []
    seen = set()
    for mention in officials:
        if mention.window is None or mention.window.empty or (mention.official_id, mention.office_id) in seen:
            continue
        seen.add((mention.official_id, mention.office_id))
        around = text[max(0, mention.span[0] - 40) : mention.end]
        fresh = bool(newly and newly.search(around))
        bounds.append(Evidence("office", mention.window, mention.span_text or mention.text, mention.span[0], detail="new" if fresh else ""))
    return bounds


def official_bounds(officials: list[OfficialMention], terms: dict[str, tuple[Term, ...]], head_offices: frozenset[str]) -> list[Evidence]:
    """An office holder named without a title is most likely in some office of theirs at the time (a soft
    window: it gives way to printed dates and to titles). Heads of state are left out: they are named long after."""
    bounds, seen = [], set()
    for mention in officials:
        held = terms.get(mention.official_id, ())
        if mention.office_id or mention.former or mention.official_id in seen or any(t.office_id in head_offices for t in held):
            continue
        seen.add(mention.official_id)
        window = Window.union([Window.between(t.start_date, (t.end_date - ONE_DAY) if t.end_date else None) for t in held])
        bounds.append(
            Evidence("named_official", window, mention.text, mention.start, detail=f"{mention.name} (in office {_spans(window)})")
        )
    return bounds


def _spans(window: Window) -> str:
    return ", ".join(f"{start:%Y-%m}–{end:%Y-%m}" if end.year < 2040 else f"{start:%Y-%m}–" for start, end in window.spans)


def _policy_start(policy: NamedPolicy) -> dt.date | None:
    return policy.announced_date or policy.start_date


def compile_policies(reference: Reference) -> PatternSet:
    """The named policies' alias patterns, keyed by policy."""
    return PatternSet([(p, p.alias_pattern) for p in reference.named_policies if p.alias_pattern])


def _sentence_around(text: str, layout: Layout, match: re.Match) -> str:
    """The sentence of a policy mention with the mention itself blanked out, so that a verb inside the alias
    ("terminated TPS for Salvadorans") is not read as the sentence saying the policy ended."""
    begin, end = layout.sentence_at(text, match.start())
    cut_from, cut_to = max(begin, match.start()), min(end, max(begin, match.end()))
    return text[begin:cut_from] + " " + text[cut_to:end]


def find_policies(text: str, policies: PatternSet, lowered: str | None = None) -> list[tuple[NamedPolicy, re.Match]]:
    """Every mention of a named policy, in reading order."""
    return sorted(policies.finditer(text, lowered), key=lambda found: found[1].start())


def policy_bounds(
    text: str, layout: Layout, policies: list[tuple[NamedPolicy, re.Match]], grammar: Grammar | None = None
) -> list[Evidence]:
    """A named policy the text mentions existed: the article is no older than its announcement, and no older
    than its entry into force when the sentence says it took effect, or than its suspension or end (whichever
    came first: a paused policy is already reported as ended) when the sentence says it ended. `policies`:
    the mentions `find_policies` found."""
    bounds, seen, g = [], set(), grammar or bundled()
    for policy, match in policies:
        line = layout.line_at(match.start())
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY) or policy.policy_id in seen:
            continue
        seen.add(policy.policy_id)
        sentence = _sentence_around(text, layout, match)
        start = _policy_start(policy)
        if policy.stopped_date and g["ended"].search(sentence):
            start = policy.stopped_date
        elif policy.start_date and g["in_force"].search(sentence):
            start = policy.start_date
        if start is not None:
            bounds.append(
                Evidence("policy" if policy.policy_type else "period", Window.between(start, None), match.group(0), match.start())
            )
    return bounds


NEAR_CHARS = 60  # an announcement word this close to a policy's name tells of that policy's step


def policy_events(
    text: str, layout: Layout, policies: list[tuple[NamedPolicy, re.Match]], step_words: re.Pattern, grammar: Grammar | None = None
) -> list[Evidence]:
    """A lead that tells of a named policy's step ("ended TPS for Salvadorans", "announced a parole process for
    Venezuelans") reports that step: its day (the end or suspension, the entry into force, else the
    announcement) is favoured among the days the text allows. `policies`: the mentions `find_policies` found."""
    lead = {line.index for line in layout.lead}
    found, seen, g = [], set(), grammar or bundled()
    for policy, match in policies:
        line = layout.line_at(match.start())
        if line is None or line.index not in lead or policy.policy_id in seen or not policy.policy_type:
            continue
        near = text[max(line.start, match.start() - NEAR_CHARS) : min(line.end, match.end() + NEAR_CHARS)]
        if not step_words.search(near):
            continue
        seen.add(policy.policy_id)
        sentence = _sentence_around(text, layout, match)
        if policy.stopped_date and (g["ended"].search(sentence) or g["ended"].search(match.group(0))):
            day, step = policy.stopped_date, "ended or suspended"
        elif policy.start_date and g["in_force"].search(sentence):
            day, step = policy.start_date, "took effect"
        else:
            day, step = _policy_start(policy), "announced"
        if day is not None:
            found.append(
                Evidence(
                    "policy_event", Window.between(day, day), match.group(0), match.start(), detail=f"{policy.name}, {step} {day:%Y-%m-%d}"
                )
            )
    return found


_MONTH_WORDS = "|".join(sorted({*EN_MONTHS, *ES_MONTHS}, key=len, reverse=True))
FOLLOWING_CHARS = 60  # how far after "took office" its time phrase may stand


@lru_cache(maxsize=4)
def _in_month(g: Grammar) -> re.Pattern:
    """'in January', 'en enero', 'in early March' right after a phrase of taking office."""
    return re.compile(
        rf"\s*(?:(?:the\s+\w+\s+)?(?:{g.words('in_month_preposition')})\s+)(?:(?:{g.words('month_part')})\s+)?"
        rf"(?P<month>{_MONTH_WORDS})\b(?!\s+\d)",
        re.IGNORECASE,
    )


def _month_number(word: str) -> int:
    word = word.lower()
    return EN_MONTHS.get(word) or ES_MONTHS[word]


def _now_window_for_start(start: dt.date, phrase: RelativePhrase) -> Window | None:
    """The article dates from which a relative phrase ("last week", "days ago") names the day `start`."""
    if phrase.anchor == "day":
        return Window.between(start - dt.timedelta(days=phrase.max_days), start - dt.timedelta(days=phrase.min_days))
    if phrase.anchor == "week":
        monday = start - dt.timedelta(days=start.weekday())
        first = monday - dt.timedelta(weeks=phrase.max_days)
        return Window.between(max(first, start), first + dt.timedelta(days=6 + 7 * (phrase.max_days - phrase.min_days)))
    if phrase.anchor == "month":
        months = start.year * 12 + start.month - 1 - phrase.min_days
        year, month = divmod(months, 12)
        return Window.between(max(start, dt.date(year, month + 1, 1)), dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1]))
    return None


def took_office_bounds(
    text: str,
    officials: list[OfficialMention],
    terms: dict[str, tuple[Term, ...]],
    relative: list[RelativeMention] = (),
    grammar: Grammar | None = None,
) -> list[Evidence]:
    """'After Biden took office in January', 'Wolf, who took over last week': the article's now follows that
    term's start by the time the phrase says (within a year for a month)."""
    bounds, g = [], grammar or bundled()
    in_month = _in_month(g)
    for _, match in screened(g["took_office"]).finditer(text):
        before = [o for o in officials if o.end <= match.start() and match.start() - o.end <= 120]
        if not before:
            continue
        official = before[-1]
        held = terms.get(official.official_id, ())
        month = in_month.match(text, match.end())
        phrase = next(
            (r for r in relative if 0 <= r.start - match.end() <= FOLLOWING_CHARS and r.phrase.anchor in ("day", "week", "month")), None
        )
        if month:
            starts = [t.start_date for t in held if t.start_date.month == _month_number(month.group("month"))]
            windows = [Window.between(s, s + dt.timedelta(days=YEAR_AFTER_TAKING_OFFICE)) for s in starts]
            end = month.end()
        elif phrase:
            windows = [w for w in (_now_window_for_start(t.start_date, phrase.phrase) for t in held) if w is not None]
            end = phrase.end
        else:
            continue
        if windows:
            bounds.append(Evidence("took_office", Window.union(windows), text[official.start : end], official.start))
    return bounds


def compile_named_days(reference: Reference, grammar: Grammar | None = None) -> PatternSet:
    """For each named day, one pattern for the ways a text places itself against it (or simply names it)."""
    g = grammar or bundled()
    count = count_words(g.lexicon)
    unit = f"{g.words('day_unit')}|{g.words('week_unit')}"
    direction = f"{g.words('after_word')}|{g.words('before_word')}"
    compiled = []
    for day in reference.named_days:
        name = f"(?:(?:{g.words('named_day_article')})\\s+)?(?:U\\.S\\.\\s+)?(?:{day.pattern})"
        pattern = (
            rf"(?P<count>{count})\s+(?P<unit>{unit})\s+(?P<dir>{direction})\s+{name}"
            rf"|(?P<away_name>{name})\s+(?:is\s+|was\s+)?(?:just\s+|only\s+)?(?P<count2>{count})\s+(?P<unit2>{unit})\s+away"
            rf"|(?P<eve>\b{g.words('eve_of')})\s+{name}"
            rf"|(?P<plain>{name})"
        )
        compiled.append((day, pattern))
    return PatternSet(compiled)


AROUND_DAYS = 2  # "this Holy Week": the article is of the named days, or of the two days before them


def named_day_bounds(
    text: str, layout: Layout, compiled: PatternSet, years: range, lowered: str | None = None, grammar: Grammar | None = None
) -> list[Evidence]:
    """'Two days after Cinco de Mayo', 'with Christmas five days away', 'on the eve of Thanksgiving'; a named day
    the text lives in ('esta Semana Santa', a plan 'for Holy Week': now is around it) or looks back on ('during
    Holy Week, flights stopped': now follows its latest occurrence, soon)."""
    bounds, g = [], grammar or bundled()
    for day, match in compiled.finditer(text, lowered):
        line = layout.line_at(match.start())
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY):
            continue
        if match.group("plain"):
            bounds += _plain_named_day(text, layout, day, match, years, g)
            continue
        if match.group("eve"):
            offset, on_event = -1, True
        elif match.group("away_name"):
            days = g.number(match.group("count2")) * (7 if g["week_unit"].fullmatch(match.group("unit2")) else 1)
            offset, on_event = -days, False
        else:
            days = g.number(match.group("count")) * (7 if g["week_unit"].fullmatch(match.group("unit")) else 1)
            offset, on_event = (days if g["after_word"].fullmatch(" ".join(match.group("dir").split())) else -days), True
        slack = 0 if abs(offset) < 7 else 3
        anchor = [day.span_in_year(y)[1 if offset > 0 else 0] for y in years]
        windows = [Window.between(d + dt.timedelta(days=offset - slack), d + dt.timedelta(days=offset + slack)) for d in anchor]
        bounds.append(Evidence("named_day_event" if on_event else "named_day", Window.union(windows), match.group(0), match.start()))
    return bounds


SCENE_CHARS = 16  # a named day this near the start of its sentence ("During Holy Week, ...") sets the sentence's scene


def _plain_named_day(text: str, layout: Layout, day, match: re.Match, years: range, g: Grammar) -> list[Evidence]:
    """A named day named without a count of days: around it now, or looked back on."""
    start, end = layout.sentence_at(text, match.start())
    tense = classify_tense(text[start:end], match.start() - start, match.end() - start, g)
    if tense == UNKNOWN and match.start() - start < SCENE_CHARS:  # a named day that opens its sentence sets its scene
        tense = sentence_tense(text[start:end], g)
    spans = [day.span_in_year(y) for y in years]
    if g["this_before"].search(text[max(0, match.start() - 24) : match.start()]) or tense == FUTURE:
        around = Window.union([Window.between(first - dt.timedelta(days=AROUND_DAYS), last) for first, last in spans])
        return [Evidence("named_day", around, match.group(0), match.start())]
    if tense == PAST:
        ends = Window.union([Window.between(last, last) for _, last in spans])
        return [Evidence("recency", ends, match.group(0), match.start(), detail=f"“{match.group(0)}”")]
    return []


def election_bounds(
    text: str, relative: list[RelativeMention], officials: list[OfficialMention], reference: Reference, grammar: Grammar | None = None
) -> list[Evidence]:
    """'Days after he won the election': the event follows the election of the president-elect named."""
    elect_terms = [
        t for o in officials if o.office_id for t in reference.terms
        if t.official_id == o.official_id and t.office_id == o.office_id and _is_elect_office(o.office_id, reference)
    ]  # fmt: skip
    bounds = []
    for mention in relative:
        if mention.phrase.anchor != "after_event":
            continue
        following = text[mention.end : mention.end + 90]
        election = (grammar or bundled())["election"].search(following)
        if not election or not elect_terms:
            continue
        election_day = elect_terms[0].start_date
        window = Window.between(
            election_day + dt.timedelta(days=mention.phrase.min_days), election_day + dt.timedelta(days=mention.phrase.max_days)
        )
        evidence = text[mention.start : mention.end + election.end()]
        bounds.append(Evidence("election", window, evidence, mention.start))
    return bounds


def _is_elect_office(office_id: str, reference: Reference) -> bool:
    return any(o.office_id == office_id and o.kind == "head_of_state_elect" for o in reference.offices)
