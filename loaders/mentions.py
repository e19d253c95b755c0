"""Pure: place each date candidate in the page (zone, sentence, tense, role) and find relative phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.candidates import Candidate
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

_EVENT_NOUNS = (
    r"meeting|summit|visit|call|phone call|talks|agreement|deal|accord|election|elections|vote|announcement|memo|memorandum|"
    r"conference|hearing|speech|trip|session|ceremony|signing|deadline|statement|decision|ruling|order|"
    r"reunión|cumbre|visita|llamada|acuerdo|elecciones|anuncio|conferencia|declaración|decisión|firma"
)
_REFERENCED_BEFORE = re.compile(
    r"\b(?:at|in|during|after|before|following|from|ahead of|prior to|since|the|a|an|its|their|his|her|that)\s+(?:the\s+|a\s+)?$",
    re.IGNORECASE,
)
_REFERENCED_AFTER = re.compile(rf"^(?:'s|’s)?\s*(?:,\s*)?(?:\w+\s+){{0,2}}(?:{_EVENT_NOUNS})\b", re.IGNORECASE)
_SPANISH_REFERENCED_BEFORE = re.compile(rf"\b(?:{_EVENT_NOUNS})\s+del?\s+$", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(
    r"\b(?:since|until|till|through|by|from|as of|starting|desde|hasta|a partir de|a más tardar)\s+(?:the\s+|el\s+|la\s+)?(?:early\s+|late\s+|mid-)?$",
    re.IGNORECASE,
)
_WIRE_TAIL = re.compile(r"^\s*(?:\([A-Z][\w .&'’-]{1,40}\)\s*)?(?:[-–—:]|\.-|/)")
_WIRE_HEAD = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ .'’-]{1,40}(?:,\s*[A-Za-zÁÉÍÓÚÑáéíóúñ .'’-]{1,30})?,?\s*(?:\([A-Za-z ]+\)\s*)?$")
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|informed|reported|revealed|confirmed|disclosed|stated|explained|added|wrote|tweeted|"
    r"dijo|dice|informó|anunció|reveló|confirmó|declaró|aseguró|señaló|explicó|afirmó|indicó|detalló|escribió)\b",
    re.IGNORECASE,
)
_MODIFIER_BEFORE = re.compile(
    r"\b(?P<mod>this past|last|this|next|coming|el pasado|pasado|este|esta|el próximo|la próxima|próximo|el)\s+$", re.IGNORECASE
)
_MODIFIER_AFTER = re.compile(r"^\s+(?P<mod>pasado|próximo|que viene|(?:of\s+)?last\s+year|del\s+año\s+pasado)\b", re.IGNORECASE)


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


def _modifier(text: str, candidate: Candidate) -> str:
    before = text[max(0, candidate.start - 14) : candidate.start]
    after = text[candidate.end : candidate.end + 20]
    found = _MODIFIER_BEFORE.search(before) or _MODIFIER_AFTER.match(after)
    if not found:
        return ""
    word = " ".join(found.group("mod").lower().split())
    if word in ("last year", "of last year", "del año pasado"):
        return "last_year"
    if word in ("last", "this past", "el pasado", "pasado"):
        return "last"
    if word in ("next", "coming", "el próximo", "la próxima", "próximo", "que viene"):
        return "next"
    if word in ("this", "este", "esta"):
        return "this"
    return ""


def is_wire_dateline(text: str, line_start: int, candidate: Candidate) -> bool:
    """'WASHINGTON, July 26 (Reuters) -' or 'CIUDAD DE GUATEMALA, 26 jul (EFE).-' at the start of a paragraph."""
    head = text[line_start : candidate.start]
    return len(head) <= 60 and bool(_WIRE_HEAD.match(head)) and bool(_WIRE_TAIL.match(text[candidate.end : candidate.end + 30]))


_PUBLISHED = re.compile(
    r"\b(?:published|posted|first published|publicado|publicada|fecha de publicación|fecha)\b\W{0,3}(?:on|el)?\W{0,3}$", re.IGNORECASE
)
_UPDATED = re.compile(r"\b(?:updated|last updated|modified|actualizado|actualizada|última actualización)\b[\w\s:.,]{0,30}$", re.IGNORECASE)


def publication_label(text: str, line_start: int, candidate: Candidate) -> str:
    """'published' or 'updated' when the page labels a date as such ("Publicado: 11/09/2019")."""
    before = text[max(line_start, candidate.start - 40) : candidate.start]
    if _PUBLISHED.search(before):
        return "published"
    if _UPDATED.search(before):
        return "updated"
    return ""


def _role(text: str, layout: Layout, candidate: Candidate, zone: str, line_start: int, file_photo: bool) -> str:
    if zone != BODY and candidate.is_full and publication_label(text, line_start, candidate):
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
    if _PERIOD_BEFORE.search(before):
        return PERIOD
    if (_REFERENCED_BEFORE.search(before) and _REFERENCED_AFTER.match(after)) or _SPANISH_REFERENCED_BEFORE.search(before):
        return REFERENCED
    return EVENT


# How far either side of a mention its tense and reporting verb are read: bounded, so a page-long sentence (scraped
# text without line breaks) costs what a short one does. A clause's 14 words fit well inside.
TENSE_CHARS = 400
REPORTING_CHARS = 120
MAX_MENTIONS = 1_000  # date mentions read per article; past this a page is a list or a calendar, not a story


def _tense_of(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The tense of text[start:end] in its sentence, read in a window of TENSE_CHARS either side."""
    low, high = max(sentence[0], start - TENSE_CHARS), min(sentence[1], end + TENSE_CHARS)
    return classify_tense(text[low:high], start - low, end - low)


def tag_mentions(text: str, layout: Layout, candidates: list[Candidate], file_photo: re.Pattern | None) -> list[DateMention]:
    """Each candidate with its zone, sentence, tense, role and modifier (the first MAX_MENTIONS in the text)."""
    tagged = []
    photo_lines: dict[int, bool] = {}  # a line is searched for "file photo" once, not once per date on it
    for candidate in candidates[:MAX_MENTIONS]:
        line = layout.line_at(candidate.start)
        if line is None:
            continue
        sentence = layout.sentence_at(text, candidate.start)
        tense, reporting = UNKNOWN, False
        if line.zone in (BODY, TITLE, STANDFIRST):
            tense = _tense_of(text, sentence, candidate.start, candidate.end)
            lead_in = text[max(sentence[0], candidate.start - REPORTING_CHARS) : candidate.start]
            reporting = bool(_REPORTING.search(" ".join(lead_in.split()[-6:])))
        if line.index not in photo_lines:
            photo_lines[line.index] = bool(file_photo and file_photo.search(line.text))
        is_file_photo = photo_lines[line.index]
        role = _role(text, layout, candidate, line.zone, line.start, is_file_photo)
        label = publication_label(text, line.start, candidate) if role == DATELINE_DATE else ""
        tagged.append(DateMention(candidate, line.zone, line.index, sentence, tense, role, _modifier(text, candidate), reporting, label))
    return tagged


def compile_relative(phrases: tuple[RelativePhrase, ...]) -> PatternSet:
    """All relative phrases, keyed by their table row."""
    return PatternSet([(p, p.pattern) for p in phrases])


def find_relative(text: str, layout: Layout, compiled: PatternSet, lowered: str | None = None) -> list[RelativeMention]:
    """Relative time phrases in the article's own text ("yesterday", "last week", "days after")."""
    found = []
    for phrase, match in compiled.finditer(text, lowered):
        line = layout.line_at(match.start())
        if line is None or line.zone not in (BODY, TITLE, STANDFIRST):
            continue
        tense = _tense_of(text, layout.sentence_at(text, match.start()), match.start(), match.end())
        found.append(RelativeMention(phrase, match.start(), match.end(), match.group(0), line.zone, tense))
    return sorted(found, key=lambda m: m.start)


__all__ = ["FUTURE", "PAST", "UNKNOWN", "DateMention", "RelativeMention", "compile_relative", "find_relative", "tag_mentions"]
