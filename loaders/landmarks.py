"""Pure: which landmarks of the period an article reports, as evidence for its event's day.

A human who reads "Mayorkas met President Giammattei on Tuesday" with no year dates it from what they know
happened then. The landmarks table (data/reference/landmarks.csv) is that knowledge. A landmark matches an
article when the article names the landmark's distinctive name, or names officials who took part in it
(rare ones count more than presidents, who take part in everything) in a text about a country that was a party,
with words of the landmark's kind ("call", "llamada" for a call). A match is a *preference*: it favours the
landmark's days among those the text's own evidence allows, never a day the text rules out, and never over a
date the text states.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from loaders.entities import OfficialMention
from loaders.evidence import Evidence
from loaders.intervals import Window
from loaders.layout import BODY, STANDFIRST, TITLE, Layout
from loaders.lexicon import Lexicon
from loaders.reference import Landmark, Reference
from loaders.screen import PatternSet

RARE_OFFICIAL = 5  # an official in at most this many landmarks identifies an event well ...
COMMON_OFFICIAL = 15  # ... one in more than this many (a president) only a little
ALIAS_POINTS = 3.0
COUNTRY_POINTS = 1.0
KIND_POINTS = 1.0
PLACE_POINTS = 0.5
BODY_SHARE = 0.5  # an official or a name further down than the lead counts half (background, not the news) ...
TITLE_SHARE = 1.5  # ... and one in the headline half as much again
SERIES_SHARE = 0.5  # a name several landmarks share (a conference series, a programme) identifies none of them
COMMON_PLACE = 8  # a place of more landmarks than this (Washington) tells nothing
MIN_SCORE = 4.0  # points a landmark needs to count as evidence ...
MIN_PEOPLE_POINTS = 2.0  # ... of which this many from who took part (a rare official in the lead; two common ones), unless
# the text names the landmark itself in its lead with words of its kind
BOOST_AT_MIN = 1.0  # a match of MIN_SCORE points makes its days likelier by once the number of days the text leaves
BOOST_GROWTH = 1.5  # possible (over a flat spread it takes half the probability), and e times more per 1.5 points
_NO_PLACE = {"virtual", "phone", "online", "video call", "videoconference"}


@dataclass(frozen=True)
class LandmarkIndex:
    landmarks: tuple[Landmark, ...]
    officials: tuple[tuple[str, ...], ...]  # per landmark: the official ids it names that the officials table knows
    by_official: dict[str, tuple[int, ...]]
    official_points: dict[str, float]
    aliases: PatternSet  # keyed by landmark index
    series: tuple[bool, ...]  # per landmark: its name is shared with other landmarks
    kinds: dict[str, re.Pattern]
    places: tuple[re.Pattern | None, ...]


@dataclass(frozen=True)
class LandmarkMatch:
    landmark: Landmark
    score: float
    reasons: tuple[str, ...]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _place_pattern(place: str) -> re.Pattern | None:
    city = place.split(",")[0].strip()
    if not city or city.lower() in _NO_PLACE or len(city) < 4:
        return None
    return re.compile(rf"\b{re.escape(_fold(city))}\b")


def compile_landmarks(reference: Reference, lexicon: Lexicon) -> LandmarkIndex:
    """Index the landmarks by the officials they name, their aliases, kinds and places."""
    ids_by_name = {term.name: term.official_id for term in reference.terms}
    officials = tuple(tuple(dict.fromkeys(ids_by_name[n] for n in m.officials if n in ids_by_name)) for m in reference.landmarks)
    by_official: dict[str, list[int]] = defaultdict(list)
    for index, ids in enumerate(officials):
        for official_id in ids:
            by_official[official_id].append(index)
    counts = Counter({official_id: len(indexes) for official_id, indexes in by_official.items()})
    points = {o: 2.0 if n <= RARE_OFFICIAL else 1.5 if n <= COMMON_OFFICIAL else 1.0 for o, n in counts.items()}
    kinds = {m.kind for m in reference.landmarks}
    place_counts = Counter(m.place.split(",")[0].strip().lower() for m in reference.landmarks)
    aliases = Counter(m.alias_pattern for m in reference.landmarks if m.alias_pattern)
    return LandmarkIndex(
        landmarks=reference.landmarks,
        officials=officials,
        by_official={k: tuple(v) for k, v in by_official.items()},
        official_points=points,
        aliases=PatternSet([(i, m.alias_pattern) for i, m in enumerate(reference.landmarks) if m.alias_pattern]),
        series=tuple(bool(m.alias_pattern) and aliases[m.alias_pattern] > 1 for m in reference.landmarks),
        kinds={kind: lexicon.regex(rf"\b<<kind_{kind}>>\b") for kind in kinds},
        places=tuple(
            _place_pattern(m.place) if place_counts[m.place.split(",")[0].strip().lower()] <= COMMON_PLACE else None
            for m in reference.landmarks
        ),
    )


def _lead_text(text: str, layout: Layout) -> str:
    return "\n".join(text[line.start : line.end] for line in layout.lead)


def match_landmarks(
    text: str, layout: Layout, officials: list[OfficialMention], countries: set[str], index: LandmarkIndex, lowered: str | None = None
) -> list[LandmarkMatch]:
    """The landmarks the article may report, with the points each earns and why (module docstring)."""
    lead_lines = {line.index for line in layout.lead}

    def where(offset: int) -> float:
        """How much a mention counts by where it stands: the headline most, the lead fully, the body half."""
        line = layout.line_at(offset)
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY):
            return 0.0
        return TITLE_SHARE if line.zone == TITLE else 1.0 if line.index in lead_lines else BODY_SHARE

    named: dict[str, float] = {}
    for o in officials:
        if not o.former and where(o.start):
            named[o.official_id] = max(named.get(o.official_id, 0.0), where(o.start))
    candidates: dict[int, set[str]] = defaultdict(set)
    for official_id in named:
        for i in index.by_official.get(official_id, ()):
            candidates[i].add(official_id)
    aliased: dict[int, float] = {}
    for i, match in index.aliases.finditer(text, lowered):
        if where(match.start()):
            aliased[i] = max(aliased.get(i, 0.0), min(1.0, where(match.start())) * (SERIES_SHARE if index.series[i] else 1.0))
    lead = _lead_text(text, layout)
    folded = None
    kinds: dict[str, bool] = {}  # each kind's words are looked for in the lead once
    places: dict[int, bool] = {}
    found = []
    for i in set(candidates) | set(aliased):
        landmark = index.landmarks[i]
        others = set(landmark.countries) - {"USA"}
        shared = sorted(others & countries)
        if others and not shared:
            continue
        # ties in name order: a set's order changes with the process (hash seed), and a table must not
        people = sorted(candidates.get(i, ()), key=lambda o: (-index.official_points.get(o, 1.0) * named[o], o))
        people_points = sum(index.official_points.get(o, 1.0) * named[o] for o in people[:3])
        named_here = aliased.get(i, 0.0)
        if people_points < MIN_PEOPLE_POINTS and named_here < 1.0:
            continue  # not identified, whatever the kind: skip the word search
        if landmark.kind not in kinds:
            kind = index.kinds.get(landmark.kind)
            kinds[landmark.kind] = bool(kind and kind.search(lead))
        kind_ok = kinds[landmark.kind]
        if not kind_ok and (not named_here or people_points < MIN_PEOPLE_POINTS):
            continue  # neither the kind's words nor both a name and who took part
        score = people_points
        reasons = [f"took part: {', '.join(people)}"] if people else []
        if named_here:
            # a name without words of the landmark's kind may be a policy or a series named in passing
            score += ALIAS_POINTS * named_here * (1.0 if kind_ok else BODY_SHARE)
            reasons.append("named")
        if shared:
            score += COUNTRY_POINTS * min(2, len(shared))
            reasons.append(f"countries: {', '.join(shared)}")
        if kind_ok:
            score += KIND_POINTS
            reasons.append(f"a {landmark.kind.replace('_', ' ')}")
        place = index.places[i]
        if place is not None and id(place) not in places:
            folded = _fold(text) if folded is None else folded
            places[id(place)] = bool(place.search(folded))
        if place is not None and places[id(place)]:
            score += PLACE_POINTS
            reasons.append(f"in {landmark.place.split(',')[0]}")
        if score >= MIN_SCORE:
            found.append(LandmarkMatch(landmark, round(score, 2), tuple(reasons)))
    return sorted(found, key=lambda m: (-m.score, m.landmark.date))


def landmark_evidence(matches: list[LandmarkMatch]) -> list[Evidence]:
    """Each match as a preference for the landmark's days: they become likelier by a factor that grows with the
    match's points, so a landmark wins among days the text leaves open but not over a day the text points to."""
    return [
        Evidence(
            "landmark",
            Window.between(m.landmark.date, m.landmark.date_end),
            m.landmark.title,
            -1,
            weight=BOOST_AT_MIN * math.exp((m.score - MIN_SCORE) / BOOST_GROWTH),
            detail=f"“{m.landmark.title}” ({m.landmark.source}; {'; '.join(m.reasons)})",
        )
        for m in matches
    ]
