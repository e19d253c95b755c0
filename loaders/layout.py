"""Pure: split a scraped page into zones (header, title, dateline, body, captions, chrome, tail)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from loaders.candidates import Candidate, is_date_only
from loaders.reference import ChromePattern

# Zones a line can belong to.
HEADER = "header"  # before the headline: site chrome, "today's date"
TITLE = "title"
STANDFIRST = "standfirst"  # deck or subtitle under the headline
DATELINE = "dateline"  # the article's own date line, byline or updated line
BODY = "body"
SUBHEAD = "subhead"
CAPTION = "caption"
CHROME = "chrome"
TAIL = "tail"  # comments, related teasers, footers, metadata after the article
TOP_LINES = 6  # how far below the headline a dateline is looked for
LONG_PARAGRAPH = 35  # words of a paragraph that ends a comment or teaser block

_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "sra",
        "sr",
        "dra",
        "lic",
        "ing",
        "ee.uu",
        "uu",
        "p.m",
        "a.m",
        "pres",
    ]
)
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“‘(¿¡]?[A-ZÁÉÍÓÚÑ0-9])")
_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")


@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int
    text: str
    zone: str
    words: int


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    title: str
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(line.start for line in self.lines))

    def zone(self, *zones: str) -> list[Line]:
        return [line for line in self.lines if line.zone in zones]

    def line_at(self, offset: int) -> Line | None:
        position = bisect.bisect_right(self._starts, offset) - 1
        if position >= 0 and offset < self.lines[position].end:
            return self.lines[position]
        return None

    def zone_at(self, offset: int) -> str:
        line = self.line_at(offset)
        return line.zone if line else CHROME

    def sentence_at(self, text: str, offset: int) -> tuple[int, int]:
        """Start and end offsets of the sentence around `offset`."""
        line = self.line_at(offset)
        if line is None:
            return offset, offset
        for start, end in split_sentences(text, line.start, line.end):
            if start <= offset < end:
                return start, end
        return line.start, line.end

    @property
    def body(self) -> list[Line]:
        return self.zone(BODY)

    @property
    def lead(self) -> list[Line]:
        """Title, standfirst and the first two body paragraphs: where the reported event is told."""
        return [*self.zone(TITLE, STANDFIRST), *self.body[:2]]


@dataclass(frozen=True)
class ChromeMatchers:
    line: re.Pattern | None
    tail: re.Pattern | None
    caption: re.Pattern | None
    file_photo: re.Pattern | None
    byline: re.Pattern | None
    dateline_label: re.Pattern | None


def compile_chrome(patterns: tuple[ChromePattern, ...]) -> ChromeMatchers:
    """One compiled pattern per kind of page chrome."""

    def union(kind: str) -> re.Pattern | None:
        parts = [f"(?:{p.pattern})" for p in patterns if p.kind == kind]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    return ChromeMatchers(*(union(kind) for kind in ("line", "tail", "caption", "file_photo", "byline", "dateline_label")))


def _hit(pattern: re.Pattern | None, text: str) -> bool:
    return bool(pattern and pattern.search(text))


def _raw_lines(text: str) -> list[tuple[int, int, str]]:
    found, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            found.append((start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return found


def _date_spans(start: int, end: int, candidates: list[Candidate]) -> list[tuple[int, int]]:
    return [(c.start - start, c.end - start) for c in candidates if start <= c.start and c.end <= end and c.kind != "year"]


def _is_date_line(text: str, start: int, end: int, candidates: list[Candidate]) -> bool:
    spans = _date_spans(start, end, candidates)
    return bool(spans) and any(c.start >= start and c.end <= end and c.kind != "weekday" for c in candidates) and is_date_only(text, spans)


def segment(text: str, candidates: list[Candidate], chrome: ChromeMatchers, title_hint: str = "") -> Layout:
    """Assign every non-blank line of an article to a zone."""
    raw = _raw_lines(text)
    kinds = []
    for start, end, line in raw:
        words = len(_WORDS.findall(line))
        if _is_date_line(line, start, end, candidates):
            kind = "date"
        elif _hit(chrome.byline, line) and words <= 25:
            kind = "byline"
        elif _hit(chrome.dateline_label, line) and words <= 14 and _date_spans(start, end, candidates):
            kind = "date"
        elif _hit(chrome.tail, line) and words <= 25:
            kind = "tail"
        elif _hit(chrome.line, line):
            kind = "chrome"
        elif _hit(chrome.caption, line):
            kind = "caption"
        else:
            kind = "text"
        kinds.append((kind, words))

    title_index = _find_title(raw, kinds, title_hint)
    zones = [HEADER if i < title_index else None for i in range(len(raw))]
    if 0 <= title_index < len(raw):
        zones[title_index] = TITLE

    # Just below the headline: standfirst, dateline, byline, credits.
    first_dateline = next(
        (i for i in range(title_index + 1, min(len(raw), title_index + 1 + TOP_LINES)) if kinds[i][0] in ("date", "byline")),
        None,
    )
    in_tail = False
    long_after_tail = 0
    for i in range(title_index + 1, len(raw)):
        kind, words = kinds[i]
        if kind == "tail":
            in_tail, long_after_tail = True, 0
            zones[i] = TAIL
            continue
        if in_tail:
            long_after_tail = long_after_tail + 1 if (kind == "text" and words >= LONG_PARAGRAPH) else 0
            if long_after_tail < 2:
                zones[i] = TAIL
                continue
            in_tail = False
            zones[i - 1] = BODY
        if kind == "date" or kind == "byline":
            zones[i] = DATELINE if (first_dateline is not None and i <= first_dateline + 2 and not _seen_body(zones)) else TAIL
        elif kind == "chrome":
            zones[i] = CHROME
        elif kind == "caption":
            zones[i] = CAPTION
        elif first_dateline is not None and i < first_dateline and words >= 6:
            zones[i] = STANDFIRST
        elif words >= 12 or (words >= 6 and _SENTENCE_END.search(raw[i][2])):
            zones[i] = BODY
        else:
            zones[i] = SUBHEAD if words >= 2 else CHROME
    _mark_caption_echoes(raw, zones)
    _mark_trailing_dates(raw, kinds, zones)
    lines = tuple(
        Line(index=i, start=start, end=end, text=line, zone=zones[i] or CHROME, words=kinds[i][1])
        for i, (start, end, line) in enumerate(raw)
    )
    title = title_hint or (raw[title_index][2] if 0 <= title_index < len(raw) else "")
    return Layout(lines=lines, title=title)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], not breaking after abbreviations like "U.S." or "Dec."."""
    spans, begin = [], start
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        before = text[max(begin, match.start() - 8) : match.start()].split()
        token = before[-1].lower().strip('("“') if before else ""
        if token in _ABBREVIATIONS or len(token) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
            continue
        spans.append((begin, match.start() + len(match.group(0).rstrip())))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def _seen_body(zones: list[str | None]) -> bool:
    return BODY in zones


def _find_title(raw: list[tuple[int, int, str]], kinds: list[tuple[str, int]], hint: str) -> int:
    """Index of the headline line; -1 when the front matter gives a title the text does not repeat."""
    if hint:
        for i, (_, _, line) in enumerate(raw):
            if _fold(line.strip()) == _fold(hint.strip()):
                return i
        return -1
    for i, (kind, words) in enumerate(kinds):
        if kind == "text" and 3 <= words <= 30:
            return i
    return 0 if raw else -1


def _mark_caption_echoes(raw: list[tuple[int, int, str]], zones: list[str | None]) -> None:
    """A line that repeats the start of a caption next to it is the same caption (alt text)."""
    for i in range(len(raw)):
        if zones[i] != CAPTION:
            continue
        for j in (i - 1, i + 1):
            echoes = 0 <= j < len(raw) and zones[j] in (BODY, SUBHEAD, STANDFIRST) and _fold(raw[j][2][:40]) == _fold(raw[i][2][:40])
            if echoes:
                zones[j] = CAPTION


def _fold(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _mark_trailing_dates(raw: list[tuple[int, int, str]], kinds: list[tuple[str, int]], zones: list[str | None]) -> None:
    """Date-only lines after the last body paragraph are page metadata (tail)."""
    last_body = max((i for i, z in enumerate(zones) if z == BODY), default=-1)
    for i in range(last_body + 1, len(raw)):
        if kinds[i][0] == "date":
            zones[i] = TAIL
