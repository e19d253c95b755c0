"""Pure: the outlet a page names for itself, or '' when nothing says it plainly.

In order: the wire credit of the dateline ("WASHINGTON, June 7 (Reuters) -", "CIUDAD DE GUATEMALA, 26 jul (EFE).-"),
a known outlet named in the page's own chrome (data/reference/outlets.csv: a masthead, a footer, "© 2019 The Washington
Post"), the masthead line above the headline ("EL DIARIO DEL SURESTE | Nacional | Mundo"), and the host of the article's
address. Lines that credit others ("With reports from Milenio", "según EFE") and photo captions never count. No guess:
an unclear page has no outlet.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from loaders.layout import BODY, CHROME, DATELINE, HEADER, SUBHEAD, TAIL, Layout
from loaders.lexicon import Lexicon

CREDIT_LINES = 2  # the dateline credit is in the first lines of the body
# "CITY, date (Credit) -", "CITY (AP) —", "Tegucigalpa, 27 July 2022 (TDI):", "(20 de abril del 2022. El Venezolano).-"
_CREDIT = re.compile(r"^[^()\n]{0,80}?\((?P<credit>[^()\n]{2,60})\)\s*(?:\.?\s*[-–—:]|\.-)")
_NAME = re.compile(r"^(?:[A-ZÁÉÍÓÚÑ&][\w'’&.-]*)(?:\s+(?:[\w'’&.-]+))*$")
_SEPARATORS = re.compile(r"\s+(?:[·|—»•]|--)\s+|\s{2,}[·|—»•]\s{2,}")
_BREADCRUMB = re.compile(r"[›>]")
_DATE_LIKE = re.compile(r"\d")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
NAME_WORDS = 6  # a masthead or a credit is a name: at most this many words
OWN_ZONES = (HEADER, DATELINE, CHROME, TAIL, SUBHEAD)  # where a page names itself; captions credit photos, the body others


@dataclass(frozen=True)
class OutletMatchers:
    """The outlets table (display name, how pages name it, its hosts) and the word lists the detection reads."""

    outlets: tuple[tuple[str, re.Pattern], ...]
    hosts: tuple[tuple[str, str], ...]  # (host, outlet): the article's address on this host (or a subdomain) is that outlet's
    credits_others: re.Pattern
    section: re.Pattern
    _named: dict = field(default_factory=dict, repr=False, compare=False)  # line text -> the outlets it names (named_outlets)


def compile_outlets(outlets, lexicon: Lexicon) -> OutletMatchers:
    """The outlets of data/reference/outlets.csv, with their hosts, and the `credit_others` and `masthead_section` lists."""
    hosts = tuple((host.strip().lower(), o.source) for o in outlets for host in o.hosts.split(";") if host.strip())
    return OutletMatchers(
        outlets=tuple((o.source, re.compile(o.pattern)) for o in outlets),
        hosts=hosts,
        credits_others=lexicon.regex(r"\b(?:<<credit_others>>)\b"),
        section=lexicon.regex(r"^(?:(?:<<masthead_section>>)\b\W*)+$"),
    )


def known_outlet(name: str, matchers: OutletMatchers) -> str:
    """The display name of a known outlet the text names, or ''."""
    return next((source for source, pattern in matchers.outlets if pattern.search(name)), "")


def is_name(text: str) -> bool:
    """A short proper name: capitalised, at most NAME_WORDS words, no digits."""
    return bool(_NAME.match(text)) and len(text.split()) <= NAME_WORDS and not _DATE_LIKE.search(text)


def dateline_credit(layout: Layout, matchers: OutletMatchers) -> str:
    """The wire or outlet credited in the dateline ("(Reuters) -"), as its known name or as written."""
    for line in layout.zone(BODY, DATELINE)[:CREDIT_LINES]:
        match = _CREDIT.match(line.text)
        if match:
            credit = match.group("credit").rsplit(". ", 1)[-1].strip()  # "20 de abril del 2022. El Venezolano"
            known = known_outlet(f"({credit})", matchers) or known_outlet(credit, matchers)
            if known or is_name(credit):
                return known or credit
    return ""


def chrome_outlet(layout: Layout, matchers: OutletMatchers) -> str:
    """The known outlet the page's own chrome names most (masthead, footer, copyright), never in a line crediting others."""
    votes: Counter[str] = Counter()
    for line in layout.lines:
        if line.zone in OWN_ZONES:
            votes.update(named_outlets(line.text, matchers))
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return ""  # none, or two outlets as often: unclear
    return ranked[0][0]


KEPT_LINES = 8192  # lines whose outlets are kept (page chrome repeats from page to page); past this the kept ones are dropped


def named_outlets(line: str, matchers: OutletMatchers) -> tuple[str, ...]:
    """The known outlets a line of page chrome names, in table order (none when the line credits others); kept by the
    line's text, as a site's chrome repeats on every page of it."""
    found = matchers._named.get(line)
    if found is None:
        credits = matchers.credits_others.search(line)
        found = () if credits else tuple(source for source, pattern in matchers.outlets if pattern.search(line))
        if len(matchers._named) >= KEPT_LINES:
            matchers._named.clear()
        matchers._named[line] = found
    return found


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def masthead(layout: Layout, matchers: OutletMatchers) -> str:
    """The site's name above the headline: the first name of a 'NAME · Section · Section' line, or a short line in
    capitals on its own that is not a section ('NATIONAL DESK'); never a breadcrumb ('Inicio › Internacional')."""
    for line in layout.zone(HEADER):
        text = line.text.strip()
        if not text or _BREADCRUMB.search(text) or text.startswith("<"):
            continue
        parts = [_PARENTHESES.sub("", part).strip() for part in _SEPARATORS.split(text)]
        names = [part for part in parts if part and is_name(part)]
        if len(parts) > 1 and names and not matchers.section.match(names[0]) and (_mostly_capitals(names[0]) or parts[0] == names[0]):
            return names[0]
        if len(parts) == 1 and names and _mostly_capitals(names[0]) and not matchers.section.search(names[0]):
            return names[0]
    return ""


def host_outlet(url: str, matchers: OutletMatchers) -> str:
    """The outlet whose host (or a subdomain of it) the article's address is on, or ''."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return next((source for known, source in matchers.hosts if host == known or host.endswith("." + known)), "")


def detect_outlet(layout: Layout, matchers: OutletMatchers, url: str = "") -> str:
    """The outlet the page names for itself: dateline credit, known outlet in its chrome, masthead, address; or ''."""
    return dateline_credit(layout, matchers) or chrome_outlet(layout, matchers) or masthead(layout, matchers) or host_outlet(url, matchers)
