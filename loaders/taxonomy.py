"""Pure: policy types of an event from the vocabulary, weighted by where and how each phrase appears."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from loaders.layout import BODY, STANDFIRST, TITLE, Layout
from loaders.lexicon import Lexicon
from loaders.reference import Reference
from loaders.screen import PatternSet

ZONE_WEIGHT = {TITLE: 3.0, STANDFIRST: 2.0}
LEAD_WEIGHT = 2.0
LEAD_CHARS = 800  # the lead is the first two body lines, and no more than this many characters of them
BODY_WEIGHT = 1.0
DEEP_CHARS = 3000  # past this many characters of body, a long article is telling background
DEEP_WEIGHT = 0.5
REPEAT_FACTOR = 0.5  # a phrase already counted adds half as much again
NEGATED_FACTOR = 0.2
MIN_SCORE = 3.0
MIN_STRONG = 2.0  # weak words alone ("southern border", "asylum seekers") never make a type: one phrase must weigh this much
MIN_SHARE_OF_TOP = 0.25
MAX_PHRASES = 3
PHRASE_CHARS = 60  # a longer matched phrase is shortened in the evidence
NAMED_POLICY_WEIGHT = 3.0  # a named policy ("Remain in Mexico") is as strong as the strongest phrase

NEGATION_CHARS = 60  # a negation counts when it stands this close before the phrase ("no agreement on"), not after

# Words of data/reference/words/: a negation before a phrase, or critics in its sentence, say little about the
# event's substance ("without papers" after a phrase negates nothing).
NEGATION_TEMPLATE = r"\b<<negation>>\b"
CRITICS_TEMPLATE = r"\b<<critics>>\b"


@dataclass(frozen=True)
class TaxonomyMatchers:
    patterns: PatternSet  # keyed by (policy_type, weight)
    negation: re.Pattern
    critics: re.Pattern


@dataclass(frozen=True)
class PolicyResult:
    types: tuple[str, ...]
    evidence: tuple[str, ...]
    scores: dict


def compile_taxonomy(reference: Reference) -> TaxonomyMatchers:
    """One compiled pattern per vocabulary row, and one per named policy (as a strong phrase of its type)."""
    rows = [((v.policy_type, v.weight), v.pattern) for v in reference.vocabulary]
    rows += [((p.policy_type, NAMED_POLICY_WEIGHT), p.alias_pattern) for p in reference.named_policies if p.alias_pattern and p.policy_type]
    lexicon = Lexicon.from_reference(reference)
    return TaxonomyMatchers(
        patterns=PatternSet(rows),
        negation=lexicon.regex(NEGATION_TEMPLATE),
        critics=lexicon.regex(CRITICS_TEMPLATE),
    )


def _line_weight(layout: Layout, lead_indexes: set[int], body_start: int, offset: int) -> float:
    line = layout.line_at(offset)
    if line is None:
        return 0.0
    if line.zone in ZONE_WEIGHT:
        return ZONE_WEIGHT[line.zone]
    if line.zone != BODY:
        return 0.0
    if line.index in lead_indexes and offset - body_start < LEAD_CHARS:
        return LEAD_WEIGHT
    return BODY_WEIGHT if offset - body_start < DEEP_CHARS else DEEP_WEIGHT


def _matches(text: str, lowered: str, matchers: TaxonomyMatchers) -> list[tuple[int, int, str, float]]:
    """Every vocabulary hit; of overlapping hits the longest wins ("human trafficking" over "trafficking")."""
    hits = sorted(
        ((m.start(), m.end(), policy_type, weight) for (policy_type, weight), m in matchers.patterns.finditer(text, lowered)),
        key=lambda hit: (hit[0], -(hit[1] - hit[0])),
    )
    kept: list[tuple[int, int, str, float]] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def find_phrases(text: str, matchers: TaxonomyMatchers, lowered: str | None = None) -> list[tuple[int, int, str, float]]:
    """Every vocabulary phrase in the text: (start, end, policy type, weight), the longest of overlapping ones."""
    return _matches(text, text.lower() if lowered is None else lowered, matchers)


def classify_policies(
    text: str, layout: Layout, matchers: TaxonomyMatchers, lowered: str | None = None, phrases_found: list | None = None
) -> PolicyResult:
    """Score each policy type; keep those clearly present, most relevant first, with the phrases that count."""
    lowered = text.lower() if lowered is None else lowered
    phrases_found = _matches(text, lowered, matchers) if phrases_found is None else phrases_found
    body = layout.body
    lead_indexes = {line.index for line in body[:2]}
    body_start = body[0].start if body else 0
    scores: dict[str, float] = defaultdict(float)
    phrases: dict[str, dict[str, float]] = defaultdict(dict)
    strongest: dict[str, float] = defaultdict(float)
    critical: dict[tuple[int, int], bool] = {}  # sentences that voice critics
    for start, end, policy_type, weight in phrases_found:
        where = _line_weight(layout, lead_indexes, body_start, start)
        if not where:
            continue
        span = layout.sentence_at(text, start)
        if span not in critical:
            critical[span] = bool(matchers.critics.search(text, *span))
        negated = critical[span] or bool(matchers.negation.search(text, max(span[0], start - NEGATION_CHARS), start))
        factor = NEGATED_FACTOR if negated else 1.0
        phrase = " ".join(text[start:end].lower().split())
        phrase = phrase if len(phrase) <= PHRASE_CHARS else phrase[: PHRASE_CHARS - 1] + "…"
        repeat = REPEAT_FACTOR if phrase in phrases[policy_type] else 1.0
        gain = weight * where * factor * repeat
        scores[policy_type] += gain
        strongest[policy_type] = max(strongest[policy_type], weight)
        phrases[policy_type][phrase] = phrases[policy_type].get(phrase, 0.0) + gain
    if not scores:
        return PolicyResult((), (), {})
    top = max(scores.values())
    clear = [t for t, s in scores.items() if s >= MIN_SCORE and s >= MIN_SHARE_OF_TOP * top and strongest[t] >= MIN_STRONG]
    kept = sorted(clear, key=lambda t: -scores[t])
    evidence = tuple(f"{t}: {p}" for t in kept for p in sorted(phrases[t], key=lambda p: -phrases[t][p])[:MAX_PHRASES])
    return PolicyResult(tuple(kept), evidence, {t: round(s, 2) for t, s in scores.items()})


SPAN_MIN_SCORE = 2.0  # one sentence says less than a whole article: one clear phrase is enough


def classify_span(
    text: str, start: int, end: int, phrases_found: list[tuple[int, int, str, float]], matchers: TaxonomyMatchers
) -> PolicyResult:
    """Policy types of one passage (a referenced event's sentence), every phrase counted once."""
    passage = text[start:end]
    scores: dict[str, float] = defaultdict(float)
    phrases: dict[str, list[str]] = defaultdict(list)
    negated = bool(matchers.negation.search(passage) or matchers.critics.search(passage))
    for hit_start, hit_end, policy_type, weight in phrases_found:
        if not start <= hit_start < end:
            continue
        phrase = " ".join(text[hit_start:hit_end].lower().split())
        if phrase in phrases[policy_type]:
            continue
        scores[policy_type] += weight * (NEGATED_FACTOR if negated else 1.0)
        phrases[policy_type].append(phrase)
    kept = sorted((t for t, s in scores.items() if s >= SPAN_MIN_SCORE), key=lambda t: -scores[t])
    return PolicyResult(tuple(kept), tuple(f"{t}: {p}" for t in kept for p in phrases[t][:MAX_PHRASES]), dict(scores))
