"""Pure: split a scraped page into zones (header, title, dateline, body, captions, chrome, tail)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.candidates import Candidate, is_date_only
from loaders.grammar import bundled
from loaders.reference import ChromePattern
from loaders.screen import LiteralIndex, PatternSet

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
TITLE_LINES = 8  # a headline is among the first lines of a page
HEADLINE_WORDS = 8  # lines at least this long above the body are all headline-like: the first of them wins
MASTHEAD_WORDS = 6  # a short line mostly in capitals at the top is the outlet's name or a section, not a headline
DATE_LINE_CHARS = 80  # a line longer than this is never just a date
STAMP_LINE_CHARS = 100  # a line opening with a full date and at most STAMP_WORDS other words is a date stamp
STAMP_WORDS = 6
LONG_PARAGRAPH = 35  # words of a paragraph that ends a comment or teaser block

_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“‘(¿¡]?[A-ZÁÉÍÓÚÑ0-9])")
_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_POST_HANDLE = re.compile(r"\(@\w{1,30}\)")
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
    _sentences: dict = field(default_factory=dict, repr=False, compare=False)
    _zones: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(line.start for line in self.lines))

    def zone(self, *zones: str) -> tuple[Line, ...]:
        """The lines of the given zones, in page order (worked out once per set of zones: the lead is asked for often)."""
        found = self._zones.get(zones)
        if found is None:
            found = self._zones[zones] = tuple(line for line in self.lines if line.zone in zones)
        return found

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
        found = self._sentences.get(line.index)
        if found is None:  # split once per line; then a bisection per offset, however many sentences the line has
            spans = split_sentences(text, line.start, line.end)
            found = self._sentences[line.index] = (spans, [start for start, _ in spans])
        spans, starts = found
        position = bisect.bisect_right(starts, offset) - 1
        if position >= 0 and offset < spans[position][1]:
            return spans[position]
        return line.start, line.end

    @property
    def body(self) -> tuple[Line, ...]:
        return self.zone(BODY)

    @property
    def lead(self) -> list[Line]:
        """Title, standfirst and the first two body paragraphs: where the reported event is told."""
        return [*self.zone(TITLE, STANDFIRST), *self.body[:2]]


SHORT_KINDS = ("line", "tail", "byline", "dateline_label")  # only ever short lines
ANY_KINDS = ("caption", "file_photo")  # captions can be long
STAMP_KINDS = ("scraper_date", "post_signature", "published_address")  # patterns read around a date, not over a line
SHORT_LINE_WORDS = 30


@dataclass(frozen=True)
class ChromeMatchers:
    short: PatternSet  # patterns for short lines (menus, share buttons, teasers, bylines), keyed by kind
    any: PatternSet  # patterns for any line (captions and credits), keyed by kind
    file_photo: re.Pattern | None
    stamps: dict[str, re.Pattern] = field(default_factory=dict)  # scraper date lines, post signatures, "published at" addresses


def compile_chrome(patterns: tuple[ChromePattern, ...]) -> ChromeMatchers:
    """The page-chrome patterns, searched together over the lines of a page."""
    flags = re.IGNORECASE | re.MULTILINE
    file_photo = [f"(?:{p.pattern})" for p in patterns if p.kind == "file_photo"]
    return ChromeMatchers(
        # each set is searched over its own text (the page's lines joined), which no other set reads: its own index
        short=PatternSet([(p.kind, p.pattern) for p in patterns if p.kind in SHORT_KINDS], flags, LiteralIndex()),
        any=PatternSet([(p.kind, p.pattern) for p in patterns if p.kind in ANY_KINDS], flags, LiteralIndex()),
        file_photo=re.compile("|".join(file_photo), re.IGNORECASE) if file_photo else None,
        stamps={
            kind: re.compile("|".join(f"(?:{p.pattern})" for p in patterns if p.kind == kind), re.IGNORECASE | re.MULTILINE)
            for kind in STAMP_KINDS
            if any(p.kind == kind for p in patterns)
        },
    )


def _kinds_of(lines: list[tuple[int, str]], patterns: PatternSet, kinds: list[set[str]]) -> None:
    """Add to `kinds` (by line index) the kind of every pattern that matches within one line."""
    if not lines:
        return
    joined = "\n".join(line for _, line in lines)
    starts, offset = [], 0
    for _, line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for kind, match in patterns.finditer(joined):
        if "\n" not in match.group(0):
            kinds[lines[bisect.bisect_right(starts, match.start()) - 1][0]].add(kind)


def _chrome_kinds(lines: list[str], chrome: ChromeMatchers) -> list[set[str]]:
    """The kinds of page chrome each line matches."""
    kinds: list[set[str]] = [set() for _ in lines]
    _kinds_of([(i, line) for i, line in enumerate(lines) if line.count(" ") < SHORT_LINE_WORDS], chrome.short, kinds)
    _kinds_of(list(enumerate(lines)), chrome.any, kinds)
    return kinds


def _raw_lines(text: str) -> list[tuple[int, int, str]]:
    found, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            found.append((start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return found


def _candidates_by_line(raw: list[tuple[int, int, str]], candidates: list[Candidate]) -> list[list[Candidate]]:
    """The date candidates inside each line (candidates come in text order)."""
    starts = [start for start, _, _ in raw]
    by_line: list[list[Candidate]] = [[] for _ in raw]
    for candidate in candidates:
        index = bisect.bisect_right(starts, candidate.start) - 1
        if index >= 0 and candidate.end <= raw[index][1]:
            by_line[index].append(candidate)
    return by_line


def _date_spans(start: int, inside: list[Candidate]) -> list[tuple[int, int]]:
    return [(c.start - start, c.end - start) for c in inside if c.kind != "year"]


def _is_date_line(text: str, start: int, inside: list[Candidate]) -> bool:
    """A line that is only a date (and a time, a zone, a label), or that opens with a full date followed by a few
    words of page furniture ("2021-04-27 15:20:16 GMT (Beijing Time) Sina English")."""
    if not inside or all(c.kind in ("weekday", "year") for c in inside):
        return False
    if len(text) <= DATE_LINE_CHARS and is_date_only(text, _date_spans(start, inside)):
        return True
    opens = inside[0].start == start and inside[0].is_full
    return opens and len(text) <= STAMP_LINE_CHARS and is_date_only(text, _date_spans(start, inside), max_words=STAMP_WORDS)


def segment(text: str, candidates: list[Candidate], chrome: ChromeMatchers, title_hint: str = "") -> Layout:
    """Assign every non-blank line of an article to a zone."""
    raw = _raw_lines(text)
    chrome_kinds = _chrome_kinds([line for _, _, line in raw], chrome)
    by_line = _candidates_by_line(raw, candidates)
    kinds = []
    for (start, _, line), hits, inside in zip(raw, chrome_kinds, by_line, strict=True):
        words = word_count(line)
        if "byline" in hits and words <= 25:
            kind = "byline"
        elif _is_date_line(line, start, inside) or ("dateline_label" in hits and words <= 14 and _date_spans(start, inside)):
            kind = "date"
        elif "tail" in hits and words <= 25:
            kind = "tail"
        elif "line" in hits:
            kind = "chrome"
        elif "caption" in hits:
            kind = "caption"
        else:
            kind = "text"
        kinds.append((kind, words))

    title_index = _find_title(raw, kinds, title_hint)
    # above the headline: site chrome, except a byline, which belongs to the article wherever it stands
    labelled = [
        kind == "byline" or (kind == "date" and "dateline_label" in hits) for (kind, _), hits in zip(kinds, chrome_kinds, strict=True)
    ]
    zones = [(DATELINE if labelled[i] else HEADER) if i < title_index else None for i in range(len(raw))]
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
    _mark_teaser_lists(kinds, zones)
    _mark_trailing_dates(raw, kinds, zones)
    lines = tuple(
        Line(index=i, start=start, end=end, text=line, zone=zones[i] or CHROME, words=kinds[i][1])
        for i, (start, end, line) in enumerate(raw)
    )
    title = title_hint or (raw[title_index][2] if 0 <= title_index < len(raw) else _first_sentence(text, raw, zones))
    return Layout(lines=lines, title=title)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], not breaking after abbreviations like "U.S." or "Dec." (the
    `abbreviation` lists of data/reference/words/)."""
    passage = text[start:end]
    spans = _kept_sentence_spans(passage) if len(passage) <= KEPT_CHARS else _sentence_spans(passage)
    return [(start + s, start + e) for s, e in spans]


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
KEPT_CHARS = 4000  # passages (lines) up to this long have their sentence spans and word counts kept, by their text


def _sentence_spans(passage: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans inside `passage`, as offsets into it (a pure function of the passage: no pattern looks outside it)."""
    spans, begin, abbreviations = [], 0, bundled()["abbreviation"]
    for match in _SENTENCE_BREAK.finditer(passage):
        before = passage[max(begin, match.start() - 8) : match.start()].split()
        token = before[-1].lower().strip('("“') if before else ""
        if abbreviations.fullmatch(token) or len(token) == 1 or _INITIALS.fullmatch(token):
            continue
        spans.append((begin, match.start() + len(match.group(0).rstrip())))
        begin = match.end()
    if begin < len(passage):
        spans.append((begin, len(passage)))
    return tuple(spans)


_kept_sentence_spans = lru_cache(maxsize=8192)(_sentence_spans)  # pages repeat their lines (menus, wire copy, boilerplate)


def word_count(line: str) -> int:
    """How many words a line has (a number or an abbreviation like "U.S." is one word)."""
    return _kept_word_count(line) if len(line) <= KEPT_CHARS else _word_count(line)


def _word_count(line: str) -> int:
    return len(_WORDS.findall(line))


_kept_word_count = lru_cache(maxsize=8192)(_word_count)


def _seen_body(zones: list[str | None]) -> bool:
    return BODY in zones


def _find_title(raw: list[tuple[int, int, str]], kinds: list[tuple[str, int]], hint: str) -> int:
    """Index of the headline line; -1 when the front matter gives a title the text does not repeat."""
    if hint:
        for i, (_, _, line) in enumerate(raw):
            if _fold(line.strip()) == _fold(hint.strip()):
                return i
        return -1
    # Above the article: the outlet's name, a section, an office, then the headline, the longest of them.
    candidates: list[int] = []
    for i, (kind, words) in enumerate(kinds[:TITLE_LINES]):
        if kind == "text" and words >= LONG_PARAGRAPH:
            break  # the body has begun (or the article starts without a headline)
        if kind in ("date", "byline") and candidates:
            break  # a dateline follows the headline
        line = raw[i][2]
        masthead = words <= MASTHEAD_WORDS and _mostly_capitals(line)
        sentence = line.endswith(".") and not line.endswith("...")  # headlines do not end with a full stop
        post = bool(_POST_HANDLE.search(line))  # an embedded post ("— Name (@handle) date") is never the headline
        if kind == "text" and 2 <= words <= 30 and not masthead and not sentence and not post:
            candidates.append(i)
    return max(candidates, key=lambda i: (min(kinds[i][1], HEADLINE_WORDS), -i)) if candidates else -1


def _mark_caption_echoes(raw: list[tuple[int, int, str]], zones: list[str | None]) -> None:
    """A line that repeats the start of a caption next to it is the same caption (alt text)."""
    for i in range(len(raw)):
        if zones[i] != CAPTION:
            continue
        for j in (i - 1, i + 1):
            echoes = 0 <= j < len(raw) and zones[j] in (BODY, SUBHEAD, STANDFIRST) and _fold(raw[j][2][:40]) == _fold(raw[i][2][:40])
            if echoes:
                zones[j] = CAPTION


def _first_sentence(text: str, raw: list[tuple[int, int, str]], zones: list[str | None]) -> str:
    """A stand-in headline for a page without one: the first sentence of its first paragraph."""
    for (start, end, _), zone in zip(raw, zones, strict=True):
        if zone == BODY:
            first_start, first_end = split_sentences(text, start, end)[0]
            sentence = text[first_start:first_end]
            return sentence if len(sentence) <= 140 else sentence[:139].rsplit(" ", 1)[0] + "…"
    return ""


def _mostly_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def _fold(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


TEASER_WORDS = 25  # a teaser is a headline: short
TEASER_RUN = 3  # headlines each followed by a date line, this many times in a row, are a list of other articles


def _mark_teaser_lists(kinds: list[tuple[str, int]], zones: list[str | None]) -> None:
    """Runs of short lines each followed by a date-only line are lists of other articles (teasers), not the article."""
    pairs = [
        i for i in range(len(kinds) - 1)
        if kinds[i][0] == "text" and kinds[i][1] <= TEASER_WORDS and kinds[i + 1][0] == "date" and zones[i] in (BODY, SUBHEAD, STANDFIRST)
    ]  # fmt: skip
    run: list[int] = []
    for i in [*pairs, None]:
        if i is not None and (not run or i - run[-1] == 2):
            run.append(i)
            continue
        if len(run) >= TEASER_RUN:
            for j in run:
                zones[j] = zones[j + 1] = TAIL
        run = [i] if i is not None else []


def _mark_trailing_dates(raw: list[tuple[int, int, str]], kinds: list[tuple[str, int]], zones: list[str | None]) -> None:
    """Date-only lines after the last body paragraph are page metadata (tail)."""
    last_body = max((i for i, z in enumerate(zones) if z == BODY), default=-1)
    for i in range(last_body + 1, len(raw)):
        if kinds[i][0] == "date":
            zones[i] = TAIL
