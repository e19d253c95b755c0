"""Pure: officials (with the office the text gives them) and countries (parties vs merely mentioned)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import ahocorasick

from loaders.intervals import ONE_DAY, Window
from loaders.layout import BODY, CAPTION, DATELINE, STANDFIRST, TITLE, Layout
from loaders.lexicon import Lexicon
from loaders.reference import Reference, Term
from loaders.screen import PatternSet, leading_literals, required_literals

TITLE_GAP = 40  # characters allowed between an office title and the name it belongs to
PARTY_THRESHOLD = 3
TITLE_TOUCH = 3  # characters between a demonym and the official it qualifies ("Honduran President", "presidente hondureño, ")


@dataclass(frozen=True)
class OfficialMention:
    official_id: str
    name: str
    country: str
    start: int
    end: int
    text: str
    office_id: str | None  # the office the text names next to the person, when it does
    title_text: str
    window: Window | None  # when the titled office was held by this person
    former: bool
    span: tuple[int, int] = (0, 0)  # title and name together, as they stand in the text
    span_text: str = ""


@dataclass(frozen=True)
class CountryMention:
    iso3: str
    start: int
    end: int
    text: str
    how: str  # alias, demonym, capital, group


# Names in a list ("Guatemala, Honduras and "): capitalised words, matched case-sensitively inside
# otherwise case-insensitive patterns; {max} is how many names may come before the one matched.
_NAME_LIST = r"(?-i:(?:(?:<<so_called>>\s+)?[A-ZÁÉÍÓÚ][\w.]*(?:\s+[A-ZÁÉÍÓÚ][\w.]*)*\s*(?:,|\b<<and_words>>\b)\s*){0,{max}})"
_ARTICLE = r"(?:<<article_words>>\s+)?"
_PORTFOLIO = r"(?:<<of_words>>\s+(?:[\w.]+\s+){1,4}?)?"  # "(ministers) of security (of)", "(secretario) de Seguridad (hondureño)"


def _names(most: int) -> str:
    return _NAME_LIST.replace("{max}", str(most))


# the rest of a list after the name matched (", Honduras and Guatemala")
# (a name's words may hold periods, "U.S.", but a sentence's full stop ends the list)
_NAME_WORD = r"(?:(?:[A-ZÁÉÍÓÚ]\.){2,}|[A-ZÁÉÍÓÚ]\w*)"
_LIST_AFTER = r"(?-i:(?:\s*(?:,|\b<<and_words>>\b)\s*(?:<<article_words>>\s+)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")*){0,4})"


# The shapes of the contexts around a name; the words are the lists of data/reference/words/. A context before
# a name ends at the name ($); one after it is matched where the name ends (no ^).
CONTEXT_TEMPLATES = {
    "former": r"\b<<former_holder>>\b[\s-]*$",
    "acting": r"\b<<acting_holder>>\b",
    # what may stand between an office title and the name it belongs to ("Secretary of State, the")
    "gap_ok": r"^[\s,’'s]*(?:<<of_words>>\s+"
    + _ARTICLE
    + r"(?-i:[A-ZÁÉÍÓÚ][\w.]*(?:\s+[A-ZÁÉÍÓÚ][\w.]*)*)[\s,]*)?"
    + _ARTICLE
    + r"[\s,]*$",
    # "the government of", "los ministros de seguridad de" (a portfolio of up to four words may come between)
    "gov_before": r"\b<<government_nouns>>\s+" + _PORTFOLIO + r"<<of_words>>\s+" + _ARTICLE + _names(8) + r"(?:<<so_called>>\s+)?$",
    "gov_after": r"(?:'s|’s)?\s+(?:\w+\s+)?<<government_nouns>>\b",
    "with_before": r"\b<<with_words>>\s+" + _ARTICLE + _names(3) + "$",
    "nationals_after": r"(?:'s|’s)?\s+(?:\w+\s+)?<<nationals>>\b",
    "nationals_before_demonym": r"\b<<nationals>>\s+(?:\w+\s+<<and_words>>\s+)?$",
    "nationals_before": r"\b<<origin_words>>\s+(?:\w+\s*,\s*){0,4}(?:\w+\s+<<and_words>>\s+)?$",
    "migrant_words": r"\b<<migrant_words>>\b",
    # a government word, perhaps with its portfolio, then the demonym ("el gobierno mexicano", "secretario de Seguridad hondureño")
    "gov_noun_before_demonym": r"\b<<government_nouns>>\s+" + _PORTFOLIO + "$",
    # a country (or a list of them) then, within two words, a verb of governments ("Mexico on Friday agreed")
    "acts_after": _LIST_AFTER + r"[\s,]+(?:[\w-]+\s+){0,2}?<<government_acts>>\b",
    "acted_upon": r"\b<<acted_upon>>\s+" + _ARTICLE + _names(3) + "$",
    "removed_from": r"\b<<removed_from>>\s+" + _ARTICLE + _names(3) + "$",
}
# Contexts before a name that begin with a word of a list: tried only where a word of the list stands in the
# look-back (one pass over the text finds them all), not at every character.
TRIGGERS = {
    "gov_before": "government_nouns",
    "gov_noun_before_demonym": "government_nouns",
    "nationals_before_demonym": "nationals",
    "acted_upon": "acted_upon",
    "removed_from": "removed_from",
    "migrant_words": "migrant_words",
}
LOOK_BACK = 160  # characters before a name that its context may take
LOOK_AHEAD = 60
MIGRANTS_BACK = 80  # "migrants from": the migrant word stands this close before the name
TRIGGER_SLACK = 40  # for a list whose words found need not begin it: how far into its context they may stand


@dataclass(frozen=True)
class Contexts:
    """The compiled context patterns (CONTEXT_TEMPLATES), one attribute per template."""

    former: re.Pattern
    acting: re.Pattern
    gap_ok: re.Pattern
    gov_before: re.Pattern
    gov_after: re.Pattern
    with_before: re.Pattern
    nationals_after: re.Pattern
    nationals_before_demonym: re.Pattern
    nationals_before: re.Pattern
    migrant_words: re.Pattern
    gov_noun_before_demonym: re.Pattern
    acts_after: re.Pattern
    acted_upon: re.Pattern
    removed_from: re.Pattern
    triggers: Any  # an Aho-Corasick automaton of the TRIGGERS lists' literal words: word -> (length, list ids)
    unscreened: frozenset[str]  # lists with no literal words to look for: always searched
    led_lists: frozenset[str]  # lists whose every match begins with one of the literal words found

    @classmethod
    def compile(cls, lexicon: Lexicon) -> Contexts:
        patterns = {name: lexicon.regex(template) for name, template in CONTEXT_TEMPLATES.items()}
        owners: dict[str, set[str]] = defaultdict(set)
        unscreened, led_lists = set(), set()
        for list_id in set(TRIGGERS.values()):
            words = lexicon.expand(f"<<{list_id}>>")
            literals = leading_literals(words)
            if literals:
                led_lists.add(list_id)
            else:
                literals = required_literals(words)
            if not literals or any(exact for _, exact, _ in literals):
                unscreened.add(list_id)
                continue
            for text, _, _ in literals:
                owners[text].add(list_id)
        automaton = ahocorasick.Automaton()
        for text, list_ids in owners.items():
            automaton.add_word(text, (len(text), tuple(sorted(list_ids))))
        automaton.make_automaton()
        return cls(**patterns, triggers=automaton, unscreened=frozenset(unscreened), led_lists=frozenset(led_lists))


@dataclass(frozen=True)
class Around:
    """Where one name stands: the text, the name's span, and how far its contexts may reach on each side."""

    text: str
    start: int
    end: int
    back: int  # first character of the look-back
    ahead: int  # last character (exclusive) of the look-ahead
    triggers: dict[str, list[int]]  # list id -> where its literal words stand in the text, in order
    led_lists: frozenset[str]

    def before(self, pattern: re.Pattern, reach: int = LOOK_BACK) -> bool:
        """The context ends right before the name."""
        return bool(pattern.search(self.text, max(self.back, self.start - reach), self.start))

    def led(self, kind: str, pattern: re.Pattern, reach: int = LOOK_BACK) -> bool:
        """The context ends right before the name (or, for a plain word list, stands before it) and begins with a
        word of its TRIGGERS list."""
        back = max(self.back, self.start - reach)
        list_id = TRIGGERS[kind]
        starts = self.triggers.get(list_id)
        if starts is None:  # a list the automaton cannot screen: search the whole look-back
            return bool(pattern.search(self.text, back, self.start))
        index = bisect_left(starts, back)
        if index == len(starts) or starts[index] >= self.start:
            return False
        if list_id not in self.led_lists:
            return bool(pattern.search(self.text, max(back, starts[index] - TRIGGER_SLACK), self.start))
        while index < len(starts) and starts[index] < self.start:
            if pattern.match(self.text, starts[index], self.start):
                return True
            index += 1
        return False

    def after(self, pattern: re.Pattern) -> bool:
        """The context begins right after the name."""
        return bool(pattern.match(self.text, self.end, self.ahead))


def trigger_starts(text: str, contexts: Contexts) -> dict[str, list[int]] | None:
    """Where the literal words of the TRIGGERS lists stand in the text, by list id (None: lists left unscreened)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # lower() changed the length (rare characters): offsets would not match
        return None
    starts: dict[str, list[int]] = {list_id: [] for list_id in set(TRIGGERS.values()) - contexts.unscreened}
    for end, (length, list_ids) in contexts.triggers.iter(lowered):
        for list_id in list_ids:
            starts[list_id].append(end - length + 1)
    return {list_id: sorted(found) for list_id, found in starts.items()}


@dataclass(frozen=True)
class EntityMatchers:
    officials: PatternSet  # keyed by official_id: all their aliases
    terms: dict[str, tuple[Term, ...]]
    office_titles: dict[str, re.Pattern]
    countries: PatternSet  # keyed by (iso3, how): how is alias, demonym or capital
    groups: PatternSet  # keyed by the member countries
    contexts: Contexts
    home: str  # the country whose diplomacy the corpus follows (settings.csv `home_country`)


def compile_entities(reference: Reference) -> EntityMatchers:
    """Compile the alias patterns of every official, office, country and group once."""
    terms: dict[str, list[Term]] = defaultdict(list)
    for term in reference.terms:
        terms[term.official_id].append(term)
    officials = []
    for official_id, held in terms.items():
        aliases = sorted({t.alias_pattern for t in held if t.alias_pattern})
        if aliases:
            officials.append((official_id, "|".join(f"(?:{a})" for a in aliases)))
    countries = [
        ((country.iso3, how), pattern)
        for country in reference.countries
        for how, pattern in (("alias", country.alias_pattern), ("demonym", country.demonym_pattern), ("capital", country.capital_pattern))
        if pattern
    ]
    return EntityMatchers(
        officials=PatternSet(officials),
        terms={k: tuple(v) for k, v in terms.items()},
        office_titles={o.office_id: re.compile(f"(?:{o.title_pattern})", re.IGNORECASE) for o in reference.offices if o.title_pattern},
        countries=PatternSet(countries),
        groups=PatternSet([(g.members, g.alias_pattern) for g in reference.country_groups if g.alias_pattern]),
        contexts=Contexts.compile(Lexicon.from_reference(reference)),
        home=reference.setting("home_country"),
    )


def _non_overlapping(matches: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Keep the longest of overlapping matches (ties: the first listed), in text order."""
    kept: list[tuple[int, int, object]] = []
    for start, end, item in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]))):
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end, item)
            continue
        kept.append((start, end, item))
    return kept


def _terms_window(terms: list[Term]) -> Window:
    return Window.union([Window.between(t.start_date, (t.end_date - ONE_DAY) if t.end_date else None) for t in terms])


def _title_for(
    text: str, start: int, end: int, terms: tuple[Term, ...], matchers: EntityMatchers
) -> tuple[str | None, str, bool, tuple[int, int]]:
    """The office the text names right before (or right after) a person's name, and the span of title and name."""
    origin = max(0, start - TITLE_GAP - 60)
    before = text[origin:start]
    after = text[end : end + 60]
    best: tuple[int, str, str, bool, tuple[int, int]] | None = None
    for office_id in {t.office_id for t in terms}:
        pattern = matchers.office_titles.get(office_id)
        if pattern is None:
            continue
        for match in pattern.finditer(before):
            gap = before[match.end() :]
            if len(gap) <= TITLE_GAP and matchers.contexts.gap_ok.match(gap):
                former = bool(matchers.contexts.former.search(before[: match.start()][-12:]))
                if best is None or len(gap) < best[0]:
                    best = (len(gap), office_id, match.group(0), former, (origin + match.start(), end))
        head = re.match(r"^\s*,\s*(?:the\s+|el\s+|la\s+)?((?:acting\s+|former\s+)?[^,.;]{0,50})", after, re.IGNORECASE)
        if head and best is None:
            found = pattern.match(head.group(1).removeprefix("acting ").removeprefix("former "))
            if found:
                best = (TITLE_GAP, office_id, head.group(1), head.group(1).lower().startswith("former"), (start, end + head.end(1)))
    if best is None:
        return None, "", False, (start, end)
    return best[1], best[2], best[3], best[4]


def find_officials(text: str, matchers: EntityMatchers, lowered: str | None = None) -> list[OfficialMention]:
    """Every mention of a known official, with the office the text gives them and when they held it."""
    lowered = text.lower() if lowered is None else lowered
    hits = [(m.start(), m.end(), (official_id, m.group(0))) for official_id, m in matchers.officials.finditer(text, lowered)]
    mentions = []
    for start, end, (official_id, surface) in _non_overlapping(hits):
        terms = matchers.terms[official_id]
        office_id, title_text, former, span = _title_for(text, start, end, terms, matchers)
        window = None
        if office_id and not former:
            held = [t for t in terms if t.office_id == office_id]
            near = text[max(0, start - TITLE_GAP - 60) : start][-70:]
            acting = bool(matchers.contexts.acting.search(title_text) or matchers.contexts.acting.search(near))
            if acting and any(t.acting for t in held):
                held = [t for t in held if t.acting]
            window = _terms_window(held)
        mentions.append(
            OfficialMention(
                official_id=official_id,
                name=terms[0].name,
                country=terms[0].country,
                start=start,
                end=end,
                text=surface,
                office_id=office_id,
                title_text=title_text,
                window=window,
                former=former,
                span=span,
                span_text=text[span[0] : span[1]],
            )
        )
    return mentions


def find_countries(text: str, matchers: EntityMatchers, lowered: str | None = None) -> list[CountryMention]:
    """Every mention of a country by name, demonym, capital or group name (the longest of overlapping ones)."""
    lowered = text.lower() if lowered is None else lowered
    hits = [(m.start(), m.end(), (iso3, how, m.group(0))) for (iso3, how), m in matchers.countries.finditer(text, lowered)]
    found = [CountryMention(iso3, start, end, surface, how) for start, end, (iso3, how, surface) in _non_overlapping(hits)]
    for members, match in matchers.groups.finditer(text, lowered):
        found += [CountryMention(iso3, match.start(), match.end(), match.group(0), "group") for iso3 in members]
    return sorted(found, key=lambda m: (m.start, m.iso3))


@dataclass(frozen=True)
class CountryResult:
    parties: tuple[str, ...]
    mentioned: tuple[str, ...]
    evidence: tuple[str, ...]


def _zone_weight(zone: str) -> int:
    return 2 if zone in (TITLE, STANDFIRST) else 0


GOVERNMENT_GAIN = (3.0, 2.0)  # (in the lead, further down): a country named as a government or acting as one
ACTED_UPON_GAIN = (2.0, 1.0)  # the country an action is done to or with ("aid to", "an agreement with"): needs another sign
LEAD_GAIN = 2.0  # a counterpart or host named in the headline or lead


def _mention_gain(mention: CountryMention, around: Around, in_lead: bool, title: bool, contexts: Contexts) -> tuple[float, str, bool]:
    """What one mention says about its country: the gain, why, and whether it shows the government acting."""
    if mention.how != "group" and around.led("removed_from", contexts.removed_from):  # "deported from X": X deports
        return GOVERNMENT_GAIN[not in_lead], "deports", True
    if mention.how == "demonym" and (
        around.after(contexts.nationals_after) or around.led("nationals_before_demonym", contexts.nationals_before_demonym)
    ):
        return 0.0, "", False  # "Guatemalan migrants" name people, not a state
    if (
        mention.how != "group"
        and around.led("migrant_words", contexts.migrant_words, MIGRANTS_BACK)
        and around.before(contexts.nationals_before)
    ):
        return 0.0, "", False  # "migrants from Honduras"
    if around.led("gov_before", contexts.gov_before) or around.after(contexts.gov_after):
        return (2.0 if mention.how == "group" else GOVERNMENT_GAIN[not in_lead]), "named as a government", True
    if mention.how == "demonym" and around.led("gov_noun_before_demonym", contexts.gov_noun_before_demonym):  # "el gobierno mexicano"
        return GOVERNMENT_GAIN[not in_lead], "named as a government", True
    if mention.how in ("alias", "capital") and around.after(contexts.acts_after):  # "Mexico agreed", "Guatemala firmó"
        return GOVERNMENT_GAIN[not in_lead], "acts as a government", True
    if mention.how != "demonym" and around.led("acted_upon", contexts.acted_upon):  # "aid to El Salvador", "agreements with Mexico"
        return ACTED_UPON_GAIN[not in_lead], "acted upon", True
    if mention.how == "group":
        return 0.0, "", False
    if in_lead and mention.how in ("alias", "capital") and (around.before(contexts.with_before) or title):
        return LEAD_GAIN, "named in the headline or lead", False
    if in_lead and mention.how == "capital":
        return LEAD_GAIN, "capital named in the lead", False
    return 0.0, "", False


def classify_countries(
    text: str, layout: Layout, mentions: list[CountryMention], officials: list[OfficialMention], matchers: EntityMatchers
) -> CountryResult:
    """Score each country as a party to the event from where and how it is named; keep the rest as mentioned."""
    lead_lines = {line.index for line in layout.lead}
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)
    mentioned: dict[str, int] = {}
    acting: set[str] = set()  # countries whose government the text shows acting (officials, agencies, verbs)
    # a demonym or name that belongs to an official's own title ("Salvadoran President Nayib Bukele") is that official
    triggers = trigger_starts(text, matchers.contexts) or {}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for official in officials:
        spans[official.country].append((min(official.span[0], official.start), official.end))
    for mention in mentions:
        line = layout.line_at(mention.start)
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY, DATELINE, CAPTION):
            continue
        mentioned.setdefault(mention.iso3, mention.start)
        if line.zone in (DATELINE, CAPTION):  # a wire dateline's city or a photo's place names no party
            continue
        if any(start - TITLE_TOUCH <= mention.end and mention.start <= end for start, end in spans.get(mention.iso3, ())):
            continue
        ahead = min(line.end, mention.end + LOOK_AHEAD)
        around = Around(text, mention.start, mention.end, line.start, ahead, triggers, matchers.contexts.led_lists)
        gain, why, acts = _mention_gain(mention, around, line.index in lead_lines, line.zone == TITLE, matchers.contexts)
        if gain:
            scores[mention.iso3] += gain + _zone_weight(line.zone) / 2
            reasons[mention.iso3].append(f"{why}: “{mention.text}”")
            if acts:
                acting.add(mention.iso3)
    credited: dict[str, float] = {}
    for official in officials:
        line = layout.line_at(official.start)
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY) or official.former:
            continue
        in_lead = line.index in lead_lines
        # an office holder the text names with their title takes part; the lead weighs more than the body, and a
        # headline names people by surname alone
        titled = bool(official.office_id) or line.zone == TITLE
        weight = (3.0 if in_lead else 2.0) if titled else (1.5 if in_lead else 1.0)
        acting.add(official.country)
        if weight > credited.get(official.country, 0.0):
            scores[official.country] += weight - credited.get(official.country, 0.0)
            credited[official.country] = weight
            reasons[official.country].append(f"official named{' with title' if official.office_id else ''}: {official.name}")
    parties = [c for c, s in scores.items() if s >= PARTY_THRESHOLD]
    home = matchers.home
    if home in acting and home not in parties:  # the corpus follows one country's diplomacy: its acting government takes part
        parties.append(home)
        reasons[home].append("its government acts in the article")
    parties.sort(key=lambda c: (-scores[c], mentioned.get(c, 10**9)))
    evidence = tuple(f"{c}: {'; '.join(dict.fromkeys(reasons[c]))}" for c in parties)
    for country in parties:  # a party is named, if only through its officials
        mentioned.setdefault(country, 10**9)
    return CountryResult(parties=tuple(parties), mentioned=tuple(sorted(mentioned, key=mentioned.get)), evidence=evidence)


def official_names(officials: list[OfficialMention], layout: Layout) -> list[str]:
    """Canonical names of the officials named in the article's own text, in order of first mention."""
    names: dict[str, int] = {}
    for official in officials:
        line = layout.line_at(official.start)
        if line is not None and line.zone in (TITLE, STANDFIRST, BODY):
            names.setdefault(official.name, official.start)
    return sorted(names, key=names.get)
