"""Pure: place each date candidate in the page (zone, sentence, tense, role) and find relative phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.candidates import Candidate
from loaders.grammar import Grammar, bundled
from loaders.layout import BODY, CAPTION, DATELINE, HEADER, STANDFIRST, SUBHEAD, TAIL, TITLE, Layout
from loaders.reference import RelativePhrase
from loaders.screen import PatternSet
from loaders.tense import FUTURE, PAST, UNKNOWN, classify_tense

# Roles a date mention can play.
EVENT = "event"  # may be the reported event
REFERENCED = "referenced"  # another dated event ("At the June 28 meeting")
PERIOD = "period"  # start or end of a span ("since May", "until 2020")
CHROME_DATE = "chrome"  # site header, teaser or comment date
CAPTION_DATE = "caption"
FILE_PHOTO = "file_photo"
DATELINE_DATE = "dateline"
METADATA = "metadata"  # date-only line after the article (page metadata)
SCRAPER_DATE = "scraper"  # a scraper's date line at the start of the text (` date 2019-10-18`)
POST_DATE = "post"  # the date of an embedded post (`— Name (@handle) September 27, 2019`)
SCRAPER_LINES = 3  # a scraper's date line is one of the first lines of the text
URL_DATE = "url"  # a date inside a web address (`/2023/05/26/`); label "published" when it is the page's own

_WIRE_TAIL = re.compile(r"^\s*(?:\([A-Z][\w .&'’-]{1,40}\)\s*)?(?:[-–—:]|\.-|/)")
_PLACE_DATE_TAIL = re.compile(r"^\.[ \t]+(?=[A-ZÁÉÍÓÚÑ¿¡\"“])")  # "Guatemala, September 2, 2023. During a call..."
_WIRE_HEAD = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ .'’-]{1,40}(?:,\s*[A-Za-zÁÉÍÓÚÑáéíóúñ .'’-]{1,30})?,?\s*(?:\([A-Za-z ]+\)\s*)?$")


@dataclass(frozen=True)
class DateMention:
    candidate: Candidate
    zone: str
    line_index: int
    sentence: tuple[int, int]
    tense: str
    role: str
    modifier: str  # last / this / next / "" (for weekdays and months)
    reporting: bool = False  # the clause is someone saying something ("said on Monday that ...")
    label: str = ""  # "published" or "updated" when the page labels the date so

    @property
    def start(self) -> int:
        return self.candidate.start

    @property
    def text(self) -> str:
        return self.candidate.text


@dataclass(frozen=True)
class RelativeMention:
    phrase: RelativePhrase
    start: int
    end: int
    text: str
    zone: str
    tense: str


def _modifier(text: str, candidate: Candidate, g: Grammar) -> str:
    before = text[max(0, candidate.start - 14) : candidate.start]
    after = text[candidate.end : candidate.end + 20]
    found = g["modifier_before"].search(before) or g["modifier_after"].match(after)
    if not found:
        return ""
    word = " ".join(found.group("mod").lower().split())
    for kind in ("last_year", "last", "next", "this"):
        if g[f"modifier_{kind}"].fullmatch(word):
            return kind
    return ""


def is_wire_dateline(text: str, line_start: int, candidate: Candidate) -> bool:
    """'WASHINGTON, July 26 (Reuters) -' or 'CIUDAD DE GUATEMALA, 26 jul (EFE).-' at the start of a paragraph."""
    head = text[line_start : candidate.start]
    if len(head) > 60 or not _WIRE_HEAD.match(head):
        return False
    tail = text[candidate.end : candidate.end + 30]
    return bool(_WIRE_TAIL.match(tail)) or (head.rstrip().endswith(",") and bool(_PLACE_DATE_TAIL.match(tail)))


def publication_label(text: str, line_start: int, candidate: Candidate, grammar: Grammar | None = None) -> str:
    """'published' or 'updated' when the page labels a date as such ("Publicado: 11/09/2019")."""
    g = grammar or bundled()
    before = text[max(line_start, candidate.start - 40) : candidate.start]
    if g["published"].search(before):
        return "published"
    if g["updated"].search(before):
        return "updated"
    return ""


def _role(text: str, layout: Layout, candidate: Candidate, zone: str, line_start: int, file_photo: bool, g: Grammar) -> str:
    if zone != BODY and candidate.is_full and publication_label(text, line_start, candidate, g):
        return DATELINE_DATE
    if zone == HEADER:
        # a machine timestamp above the headline is the page's own metadata; a written-out date there is the
        # site's "today" header
        return METADATA if candidate.kind in ("datetime", "unix") else CHROME_DATE
    if zone == DATELINE:
        return DATELINE_DATE
    if zone == CAPTION:
        return FILE_PHOTO if file_photo else CAPTION_DATE
    if zone == TAIL:
        line = layout.line_at(candidate.start)
        only_date = line is not None and len(line.text) <= len(candidate.text) + 30
        return METADATA if only_date and candidate.kind in ("unix", "datetime", "full") else CHROME_DATE
    if zone not in (BODY, TITLE, STANDFIRST, SUBHEAD):
        return CHROME_DATE
    if zone == BODY and is_wire_dateline(text, line_start, candidate):
        return DATELINE_DATE
    before = text[max(line_start, candidate.start - 40) : candidate.start]
    after = text[candidate.end : candidate.end + 40]
    if g["period_before"].search(before):
        return PERIOD
    if (g["referenced_before"].search(before) and g["referenced_after"].match(after)) or g["noun_of_before"].search(before):
        return REFERENCED
    return EVENT


# How far either side of a mention its tense and reporting verb are read: bounded, so a page-long sentence (scraped
# text without line breaks) costs what a short one does. A clause's 14 words fit well inside.
TENSE_CHARS = 400
REPORTING_CHARS = 120
MAX_MENTIONS = 1_000  # date mentions read per article; past this a page is a list or a calendar, not a story


def _tense_of(text: str, sentence: tuple[int, int], start: int, end: int, g: Grammar) -> str:
    """The tense of text[start:end] in its sentence, read in a window of TENSE_CHARS either side."""
    low, high = max(sentence[0], start - TENSE_CHARS), min(sentence[1], end + TENSE_CHARS)
    return _window_tense(text[low:high], start - low, end - low, g)


@lru_cache(maxsize=8192)  # pure, its window bounded by TENSE_CHARS, and news repeats its sentences (wire copy, boilerplate)
def _window_tense(window: str, start: int, end: int, g: Grammar) -> str:
    return classify_tense(window, start, end, g)


def scraper_stamp(text: str, stamps: dict[str, re.Pattern]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A scraper's date line at the start of the text: ((year, month), (start, end)), or None."""
    pattern = stamps.get("scraper_date")
    found = None
    if pattern:  # the stamp opens the text, or one of its first lines (after a title rebuilt from the address)
        offset = 0
        for line in text.split("\n")[:SCRAPER_LINES]:
            found = pattern.match(text, offset)
            if found:
                break
            offset += len(line) + 1
    if not found:
        return None
    year, month = re.search(r"(\d{4})-(\d{2})", found.group(0)).groups()
    return (int(year), int(month)), found.span()


def _stamp_role(text: str, line_start: int, candidate: Candidate, stamps: dict[str, re.Pattern], scraper: tuple | None) -> tuple[str, str]:
    """The role of a date that a stamp pattern places (scraper line, embedded post, web address) and its label."""
    if scraper is not None and scraper[1][0] <= candidate.start < scraper[1][1]:
        return SCRAPER_DATE, ""
    before = text[max(line_start, candidate.start - 200) : candidate.start]
    if candidate.kind == "url":
        address = stamps.get("published_address")
        return URL_DATE, "published" if address and address.search(before) else ""
    signature = stamps.get("post_signature")
    if signature and candidate.is_full and signature.search(before):
        return POST_DATE, ""
    return "", ""


def tag_mentions(
    text: str,
    layout: Layout,
    candidates: list[Candidate],
    file_photo: re.Pattern | None,
    stamps: dict[str, re.Pattern] | None = None,
    grammar: Grammar | None = None,
) -> list[DateMention]:
    """Each candidate with its zone, sentence, tense, role and modifier (the first MAX_MENTIONS in the text)."""
    stamps, g = stamps or {}, grammar or bundled()
    scraper = scraper_stamp(text, stamps)
    tagged = []
    photo_lines: dict[int, bool] = {}  # a line is searched for "file photo" once, not once per date on it
    for candidate in candidates[:MAX_MENTIONS]:
        line = layout.line_at(candidate.start)
        if line is None:
            continue
        sentence = layout.sentence_at(text, candidate.start)
        tense, reporting = UNKNOWN, False
        if line.zone in (BODY, TITLE, STANDFIRST):
            tense = _tense_of(text, sentence, candidate.start, candidate.end, g)
            lead_in = text[max(sentence[0], candidate.start - REPORTING_CHARS) : candidate.start]
            reporting = bool(g["reporting"].search(" ".join(lead_in.split()[-6:])))
        if line.index not in photo_lines:
            photo_lines[line.index] = bool(file_photo and file_photo.search(line.text))
        is_file_photo = photo_lines[line.index]
        role, label = _stamp_role(text, line.start, candidate, stamps, scraper)
        if not role:
            role = _role(text, layout, candidate, line.zone, line.start, is_file_photo, g)
            label = publication_label(text, line.start, candidate, g) if role == DATELINE_DATE else ""
        tagged.append(DateMention(candidate, line.zone, line.index, sentence, tense, role, _modifier(text, candidate, g), reporting, label))
    return tagged


def compile_relative(phrases: tuple[RelativePhrase, ...]) -> PatternSet:
    """All relative phrases, keyed by their table row."""
    return PatternSet([(p, p.pattern) for p in phrases])


def find_relative(
    text: str, layout: Layout, compiled: PatternSet, lowered: str | None = None, grammar: Grammar | None = None
) -> list[RelativeMention]:
    """Relative time phrases in the article's own text ("yesterday", "last week", "days after")."""
    found, g = [], grammar or bundled()
    for phrase, match in compiled.finditer(text, lowered):
        line = layout.line_at(match.start())
        if line is None or line.zone not in (BODY, TITLE, STANDFIRST):
            continue
        tense = _tense_of(text, layout.sentence_at(text, match.start()), match.start(), match.end(), g)
        found.append(RelativeMention(phrase, match.start(), match.end(), match.group(0), line.zone, tense))
    return sorted(found, key=lambda m: m.start)


__all__ = ["FUTURE", "PAST", "UNKNOWN", "DateMention", "RelativeMention", "compile_relative", "find_relative", "tag_mentions"]
