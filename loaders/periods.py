"""Pure: windows of time the text allows, from who held which office and which named policies existed."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from loaders.candidates import EN_MONTHS, ES_MONTHS
from loaders.entities import OfficialMention
from loaders.intervals import Window
from loaders.layout import BODY, STANDFIRST, TITLE, Layout
from loaders.mentions import RelativeMention
from loaders.reference import NamedPolicy, Reference, RelativePhrase, Term
from loaders.screen import PatternSet

YEAR_AFTER_TAKING_OFFICE = 365


@dataclass(frozen=True)
class Bound:
    """A window for the article's own date (its 'now'), and the text it comes from."""

    window: Window
    evidence: str
    offset: int
    source: str  # office, policy, took_office, election, past_date, future_date, header, style, year
    hard: bool = False
    on_event: bool = False  # also bounds the event itself ("days after the election")

    def describe(self) -> str:
        start, end = self.window.start, self.window.end
        return f"“{self.evidence}” ({start:%Y-%m-%d} to {end:%Y-%m-%d})" if start and end else f"“{self.evidence}”"


def office_bounds(officials: list[OfficialMention]) -> list[Bound]:
    """Each titled mention of an office holder: the article's now lies in their term of that office."""
    bounds = []
    seen = set()
    for mention in officials:
        if mention.window is None or mention.window.empty or (mention.official_id, mention.office_id) in seen:
            continue
        seen.add((mention.official_id, mention.office_id))
        bounds.append(Bound(mention.window, mention.span_text or mention.text, mention.span[0], "office", hard=True))
    return bounds


def _policy_start(policy: NamedPolicy) -> dt.date | None:
    return policy.announced_date or policy.start_date


def compile_policies(reference: Reference) -> PatternSet:
    """The named policies' alias patterns, keyed by policy."""
    return PatternSet([(p, p.alias_pattern) for p in reference.named_policies if p.alias_pattern])


_IN_FORCE = re.compile(
    r"\b(?:took effect|entered into force|came into force|went into effect|began|started|launched|"
    r"entrada en vigor|entró en vigor|comenzó a regir|empezó a regir|arrancó|se puso en marcha)\b",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b(?:ended|expired|lifted|terminated|was rescinded|came to an end|termin[oó]|expir[oó]|lleg[oó] a su fin|fue levantad[oa]|fin de)\b",
    re.IGNORECASE,
)


def _sentence_around(text: str, layout: Layout, match: re.Match) -> str:
    """The sentence of a policy mention with the mention itself blanked out, so that a verb inside the alias
    ("terminated TPS for Salvadorans") is not read as the sentence saying the policy ended."""
    begin, end = layout.sentence_at(text, match.start())
    cut_from, cut_to = max(begin, match.start()), min(end, max(begin, match.end()))
    return text[begin:cut_from] + " " + text[cut_to:end]


def policy_bounds(text: str, layout: Layout, policies: PatternSet, lowered: str | None = None) -> list[Bound]:
    """A named policy the text mentions existed: the article is no older than its announcement, and no older
    than its entry into force when the sentence says it took effect, or than its suspension or end (whichever
    came first: a paused policy is already reported as ended) when the sentence says it ended."""
    bounds, seen = [], set()
    for policy, match in sorted(policies.finditer(text, lowered), key=lambda found: found[1].start()):
        line = layout.line_at(match.start())
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY) or policy.policy_id in seen:
            continue
        seen.add(policy.policy_id)
        sentence = _sentence_around(text, layout, match)
        start = _policy_start(policy)
        if policy.stopped_date and _ENDED.search(sentence):
            start = policy.stopped_date
        elif policy.start_date and _IN_FORCE.search(sentence):
            start = policy.start_date
        if start is not None:
            bounds.append(Bound(Window.between(start, None), match.group(0), match.start(), "policy"))
    return bounds


_MONTH_WORDS = "|".join(sorted({*EN_MONTHS, *ES_MONTHS}, key=len, reverse=True))
_TOOK_OFFICE = re.compile(
    r"\b(?:took office|assumed office|was inaugurated|was sworn in|sworn in|took power|came to power|took over|"
    r"asumió(?: el cargo| la presidencia)?|tomó posesión|llegó al poder|juramentad[oa])\b",
    re.IGNORECASE,
)
_IN_MONTH = re.compile(
    rf"\s*(?:(?:the\s+\w+\s+)?(?:in|on|en|el)\s+)(?:(?:early|late|mid-?|principios de|finales de)\s+)?(?P<month>{_MONTH_WORDS})\b(?!\s+\d)",
    re.IGNORECASE,
)
FOLLOWING_CHARS = 60  # how far after "took office" its time phrase may stand


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
    text: str, officials: list[OfficialMention], terms: dict[str, tuple[Term, ...]], relative: list[RelativeMention] = ()
) -> list[Bound]:
    """'After Biden took office in January', 'Wolf, who took over last week': the article's now follows that
    term's start by the time the phrase says (within a year for a month)."""
    bounds = []
    for match in _TOOK_OFFICE.finditer(text):
        before = [o for o in officials if o.end <= match.start() and match.start() - o.end <= 120]
        if not before:
            continue
        official = before[-1]
        held = terms.get(official.official_id, ())
        month = _IN_MONTH.match(text, match.end())
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
            bounds.append(Bound(Window.union(windows), text[official.start : end], official.start, "took_office", hard=True))
    return bounds


_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
}  # fmt: skip
_COUNT = r"(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)"
_UNIT = r"(?P<unit>days?|weeks?|d[ií]as?|semanas?)"


def compile_named_days(reference: Reference) -> PatternSet:
    """For each named day, one pattern for the ways a text places itself against it."""
    compiled = []
    for day in reference.named_days:
        name = f"(?:the\\s+|el\\s+|la\\s+)?(?:U\\.S\\.\\s+)?(?:{day.pattern})"
        pattern = (
            rf"{_COUNT}\s+{_UNIT}\s+(?P<dir>after|before|después\s+de(?:l)?|antes\s+de(?:l)?)\s+{name}"
            rf"|(?P<away_name>{name})\s+(?:is\s+|was\s+)?(?:just\s+|only\s+)?{_COUNT.replace('count', 'count2')}\s+{_UNIT.replace('unit', 'unit2')}\s+away"
            rf"|(?P<eve>\b(?:the\s+)?eve\s+of|v[ií]spera(?:s)?\s+de(?:l)?)\s+{name}"
        )
        compiled.append((day, pattern))
    return PatternSet(compiled)


def named_day_bounds(text: str, layout: Layout, compiled: PatternSet, years: range, lowered: str | None = None) -> list[Bound]:
    """'Two days after Cinco de Mayo', 'with Christmas five days away', 'on the eve of Thanksgiving'."""
    bounds = []
    for day, match in compiled.finditer(text, lowered):
        line = layout.line_at(match.start())
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY):
            continue
        if match.group("eve"):
            offset, on_event = -1, True
        elif match.group("away_name"):
            count = match.group("count2")
            days = _SMALL_NUMBERS.get(count.lower()) or int(count)
            offset, on_event = -days * (7 if match.group("unit2").lower().startswith(("week", "seman")) else 1), False
        else:
            count = match.group("count")
            days = (_SMALL_NUMBERS.get(count.lower()) or int(count)) * (
                7 if match.group("unit").lower().startswith(("week", "seman")) else 1
            )
            offset, on_event = (days if match.group("dir").lower().startswith(("after", "despu")) else -days), True
        slack = 0 if abs(offset) < 7 else 3
        windows = [
            Window.between(day.in_year(y) + dt.timedelta(days=offset - slack), day.in_year(y) + dt.timedelta(days=offset + slack))
            for y in years
        ]
        bounds.append(Bound(Window.union(windows), match.group(0), match.start(), "named_day", on_event=on_event))
    return bounds


_ELECTION = re.compile(
    r"\b(?:election|elections|vote|won|victory|win|elecci[oó]n|elecciones|comicios|votaci[oó]n|ganó|triunfo|victoria)\b", re.IGNORECASE
)


def election_bounds(text: str, relative: list[RelativeMention], officials: list[OfficialMention], reference: Reference) -> list[Bound]:
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
        if not _ELECTION.search(following) or not elect_terms:
            continue
        election_day = elect_terms[0].start_date
        window = Window.between(
            election_day + dt.timedelta(days=mention.phrase.min_days), election_day + dt.timedelta(days=mention.phrase.max_days)
        )
        evidence = text[mention.start : mention.end + len(_ELECTION.search(following).group(0)) + _ELECTION.search(following).start()]
        bounds.append(Bound(window, evidence, mention.start, "election", hard=False, on_event=True))
    return bounds


def _is_elect_office(office_id: str, reference: Reference) -> bool:
    return any(o.office_id == office_id and o.kind == "head_of_state_elect" for o in reference.offices)
