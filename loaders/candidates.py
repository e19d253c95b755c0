"""Pure: find date-like spans with precompiled patterns, then read each span with dateparser."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
ES_MONTHS = {
    "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3, "abril": 4, "abr": 4, "mayo": 5,
    "may": 5, "junio": 6, "jun": 6, "julio": 7, "jul": 7, "agosto": 8, "ago": 8, "septiembre": 9,
    "setiembre": 9, "sept": 9, "sep": 9, "set": 9, "octubre": 10, "oct": 10, "noviembre": 11, "nov": 11,
    "diciembre": 12, "dic": 12,
}  # fmt: skip
EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
EN_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
ES_WEEKDAYS = {
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
}  # fmt: skip

UNIX_MIN, UNIX_MAX = 946_684_800, 2_000_000_000  # 2000-01-01 .. 2033


def _alternation(words: list[str], *, lower: bool) -> str:
    """Capitalised and upper-case forms (and lower-case when `lower`), longest first."""
    forms = set()
    for word in words:
        forms.update({word.capitalize(), word.upper()})
        if lower:
            forms.add(word)
    return "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))


_EN_MON = _alternation(list(EN_MONTHS), lower=False)
_EN_MON_FULL = _alternation([m for m in EN_MONTHS if len(m) > 3 or m == "may"], lower=False)
_ES_MON = _alternation([m for m in ES_MONTHS if len(m) > 3 or m == "mayo"], lower=True)
_ES_MON_ABBR = _alternation([m for m in ES_MONTHS if len(m) <= 4], lower=True)
_EN_WD = _alternation(list(EN_WEEKDAYS), lower=False)
_EN_WD_ANY = _alternation(list(EN_WEEKDAYS) + list(EN_WEEKDAY_ABBR), lower=False)
_ES_WD = _alternation(list(ES_WEEKDAYS), lower=True)
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th|º|°)?"

# Alternatives are tried in order at each position: the most specific first. A weekday right before a date
# ("Tuesday, May 28, 2019") is picked up afterwards by _WEEKDAY_BEFORE, which keeps these patterns fast.
_PATTERNS = [
    (
        "iso",
        rf"\b(?P<iso>{_YEAR}-(?:0\d|1[0-2])-(?:[0-2]\d|3[01]))(?:[T ](?P<hour>[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?\b",
    ),
    ("unix", r"(?<![\w.,$/-])(?P<unix>1[0-9]{9})(?![\w.,/-])"),
    ("url", rf"(?<=/)(?P<url>{_YEAR}/(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]))(?=/)"),
    ("numeric", rf"(?<![\w/.-]){_DAY}[/.-]{_DAY}[/.-](?:{_YEAR}|\d{{2}})(?![\w/.-])"),
    ("en_mdy", rf"\b(?:{_EN_MON})\.?\s+{_DAY}{_ORD}(?:,?\s+{_YEAR})?\b(?![:\d])"),
    ("en_dmy", rf"\b{_DAY}{_ORD}\s+(?:of\s+)?(?:{_EN_MON})\b\.?(?:,?\s+{_YEAR}\b)?"),
    ("es_dmy", rf"\b{_DAY}\s+de\s+(?:{_ES_MON})\b(?:\s+(?:de|del)\s+{_YEAR}\b)?"),
    ("es_dm_abbr", rf"\b{_DAY}\s+(?:{_ES_MON_ABBR})\b\.?"),
    ("en_month_year", rf"\b(?:{_EN_MON_FULL})\.?,?\s+(?:of\s+)?{_YEAR}\b"),
    ("es_month_year", rf"\b(?:{_ES_MON})\s+(?:de|del)\s+{_YEAR}\b"),
    (
        "en_month",
        rf"\b(?i:in|since|until|till|by|through|during|early|late|mid|mid-|last|next|this|from|before|after|of)\s+(?i:early\s+|late\s+|mid-)?(?:{_EN_MON_FULL})\b(?![ .]\d)",
    ),
    (
        "es_month",
        rf"\b(?i:en|desde|hasta|durante|de|del|pasado|próximo|este|a (?:principios|finales|mediados) de|el mes de)\s+(?:{_ES_MON})\b(?!\s+(?:de|del)\s+\d)",
    ),
    ("en_weekday", rf"\b(?:{_EN_WD})(?:'s|’s)?\b"),
    ("es_weekday", rf"\b(?:{_ES_WD})\b"),
    ("year", rf"\b(?i:in|since|until|by|during|of|en|desde|hasta|durante|de|del)\s+{_YEAR}\b(?!\s*[-/]\d)"),
]
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_EN_WD_ANY}|{_ES_WD})\.?,?\s+$")
DATE_RE = re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in _PATTERNS))
_DAY_NUMBER = re.compile(r"\b(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|º|°)?\b")
_YEAR_NUMBER = re.compile(rf"\b{_YEAR}\b")
_WORD = re.compile(r"[^\W\d_]+")

_MONTH_KINDS = {"en_month_year", "es_month_year", "en_month", "es_month"}

PARSERS = {
    "en": DateDataParser(languages=["en"], settings={"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first"}),
    "es": DateDataParser(languages=["es"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}),
}


@dataclass(frozen=True)
class Candidate:
    """A date-like span and what it says: some of year, month, day, or a weekday."""

    start: int
    end: int
    text: str
    kind: str  # full, datetime, unix, url, numeric, month_day, month_year, month, year, weekday
    language: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    ambiguous: bool = False  # a numeric date that reads both day-first and month-first
    utc: bool = False  # a timestamp in UTC: the local day may be one earlier

    @property
    def has_day(self) -> bool:
        return self.day is not None and self.month is not None

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.has_day

    def as_date(self) -> dt.date | None:
        if not self.is_full:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@lru_cache(maxsize=8192)
def read_date_string(text: str, language: str) -> tuple[int | None, int | None, int | None]:
    """Read a date string with dateparser: (year or None, month, day or None); the parts it was given."""
    parser = PARSERS.get(language, PARSERS["en"])
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None, None, None
    parts = set(getattr(data, "parts", None) or ())
    when = data.date_obj
    year = when.year if "year" in parts else None
    day = when.day if "day" in parts else None
    return year, when.month, day


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _clean_for_parser(text: str) -> str:
    text = re.sub(r"(\d)(?:st|nd|rd|th|º|°)\b", r"\1", text)
    text = re.sub(r"\b(?:in|since|until|till|by|through|during|early|late|mid-?|last|next|this|from|before|after|of)\s+", "", text)
    text = re.sub(r"\b(?:en|desde|hasta|durante|pasado|próximo|este|a (?:principios|finales|mediados) de|el mes de)\s+", "", text)
    return text.strip(" .,")


def _weekday_of(text: str) -> int | None:
    word = _WORD.match(text)
    if not word:
        return None
    key = word.group(0).lower()
    return EN_WEEKDAYS.get(key, EN_WEEKDAY_ABBR.get(key, ES_WEEKDAYS.get(key)))


def _numeric(text: str, language: str) -> Candidate | None:
    first, second, year = re.split(r"[/.-]", text)
    a, b = int(first), int(second)
    year_value = int(year) if len(year) == 4 else 2000 + int(year)
    day_first = language == "es" or "." in text  # dotted dates (10.07.2018) are day-first wherever they appear
    if day_first or a > 12:
        day, month = a, b
    else:
        month, day = a, b
    if month > 12 or not 1 <= day <= 31:
        day, month = month, day
    if month > 12:
        return None
    ambiguous = a <= 12 and b <= 12 and a != b
    return Candidate(0, 0, text, "numeric", language, year_value, month, day, ambiguous=ambiguous)


def _from_match(match: re.Match, language: str) -> Candidate | None:
    kind_key = match.lastgroup.removeprefix("k_")
    text = match.group(0)
    start, end = match.span()
    if kind_key == "iso":
        day = dt.date.fromisoformat(match.group("iso"))
        utc = match.group("tz") in ("Z", "+00:00", "+0000")
        kind = "datetime" if match.group("hour") else "full"
        return Candidate(start, end, text, kind, language, day.year, day.month, day.day, utc=utc)
    if kind_key == "url":
        year, month, day = (int(part) for part in match.group("url").split("/"))
        return Candidate(start, end, text, "url", language, year, month, day) if _valid(year, month, day) else None
    if kind_key == "unix":
        seconds = int(match.group("unix"))
        if not UNIX_MIN <= seconds <= UNIX_MAX:
            return None
        day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        return Candidate(start, end, text, "unix", language, day.year, day.month, day.day, utc=True)
    if kind_key in ("en_weekday", "es_weekday"):
        return Candidate(start, end, text, "weekday", language, weekday=_weekday_of(text))
    if kind_key == "year":
        year = int(_YEAR_NUMBER.search(text).group(0))
        return Candidate(start, end, text, "year", language, year=year)
    if kind_key == "numeric":
        found = _numeric(text, language)
        return (
            None
            if found is None
            else Candidate(start, end, text, "numeric", language, found.year, found.month, found.day, ambiguous=found.ambiguous)
        )
    parse_language = "es" if kind_key.startswith("es_") else "en"
    cleaned = _clean_for_parser(text)
    year, month, day = read_date_string(cleaned, parse_language)
    if month is None:
        return None
    if kind_key in _MONTH_KINDS:
        day = None
        kind = "month_year" if year else "month"
    else:
        if day is None:
            found = _DAY_NUMBER.search(cleaned)
            day = int(found.group(1)) if found else None
        kind = "full" if year else "month_day"
    weekday = None
    if kind in ("full", "month_day"):
        before = _WEEKDAY_BEFORE.search(match.string, max(0, start - 14), start)
        if before:
            weekday = _weekday_of(before.group(0))
            start, text = before.start(), match.string[before.start() : end]
    candidate = Candidate(start, end, text, kind, parse_language, year, month, day, weekday=weekday)
    if candidate.is_full and candidate.as_date() is None:
        return None
    return candidate


_TOKEN = re.compile(r"[^\W_]+")
_TRIGGERS = frozenset({w.lower() for w in (*EN_MONTHS, *ES_MONTHS, *EN_WEEKDAYS, *ES_WEEKDAYS)} | {"miercoles", "sabado", "setiembre"})
# a word where a date can begin: one that starts with a digit, or is a month or weekday name (searched in the
# lower-cased text, which is faster than a case-blind search)
_TRIGGER = re.compile(r"(?<![^\W_])(?:\d|(?:" + "|".join(sorted(map(re.escape, _TRIGGERS), key=len, reverse=True)) + r")(?![^\W_]))")
_CONTEXT_TOKENS = 3  # "a principios de marzo": patterns may start this many words before their trigger


def _words_before(text: str, position: int, count: int) -> list[int]:
    """Where the `count` words before `position` begin (fewer at the start of the text)."""
    reach = 64
    while True:
        low = max(0, position - reach)
        starts = [m.start() for m in _TOKEN.finditer(text, low, position)]
        if low == 0 or len(starts) > count:  # more than asked: the first word, perhaps cut by `low`, is not used
            return starts[-count:] if count else []
        reach *= 4


def find_candidates(text: str, language: str = "en") -> list[Candidate]:
    """Every date-like span of a text, in reading order.

    The patterns are only tried where a date can start: at a number or a month or weekday name, or up to
    three words before one (for "in March", "a principios de marzo"). That keeps the scan linear and fast.
    """
    found: list[Candidate] = []
    covered = 0
    lowered = text.lower()
    if len(lowered) != len(text):  # lower() changed the length (rare characters): positions would not line up
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for trigger in _TRIGGER.finditer(lowered):
        for position in (*_words_before(text, trigger.start(), _CONTEXT_TOKENS), trigger.start()):
            if position < covered:
                continue
            match = DATE_RE.match(text, position)
            if match is None:
                continue
            candidate = _from_match(match, language)
            covered = match.end()
            if candidate is not None:
                if found and candidate.start < found[-1].end:
                    found.pop()  # a weekday that turned out to begin this date
                found.append(candidate)
            break
    return found


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE)
_ZONE = re.compile(r"\b(?:[ECMP][SD]?T|UTC|GMT|ET|CT|PT|hrs?|horas?|h)\b", re.IGNORECASE)


def is_date_only(line: str, spans: list[tuple[int, int]], max_words: int = 3) -> bool:
    """True when a line says nothing but a date (and perhaps a time, zone or label: at most `max_words` words)."""
    if not spans:
        return False
    rest, last = [], 0
    for start, end in spans:
        rest.append(line[last:start])
        last = end
    rest.append(line[last:])
    remainder = _ZONE.sub(" ", _TIME.sub(" ", " ".join(rest)))
    words = _WORD.findall(remainder)
    return len(words) <= max_words
