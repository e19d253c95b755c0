"""Pure: assemble one event row per article from the extractors, then the validated event table."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from loaders.articles import Article
from loaders.candidates import find_candidates
from loaders.dates import elapsed_evidence, gather_evidence, read_date
from loaders.entities import EntityMatchers, classify_countries, compile_entities, find_countries, find_officials, official_names
from loaders.evidence import Evidence
from loaders.grammar import Grammar, compile_grammar
from loaders.intervals import Window
from loaders.landmarks import LandmarkIndex, compile_landmarks, landmark_evidence, match_landmarks
from loaders.language import detect_language
from loaders.layout import (
    BODY,
    STANDFIRST,
    TITLE,
    ChromeMatchers,
    Layout,
    compile_chrome,
    segment,
    split_sentences,
)
from loaders.lexicon import Lexicon
from loaders.mentions import MAX_MENTIONS, DateMention, compile_relative, find_relative, scraper_stamp, tag_mentions
from loaders.merge import REVIEW_SIMILARITY
from loaders.outlets import OutletMatchers, compile_outlets, detect_outlet
from loaders.periods import (
    compile_named_days,
    compile_policies,
    election_bounds,
    find_policies,
    in_article,
    named_day_bounds,
    office_bounds,
    official_bounds,
    policy_bounds,
    policy_events,
    took_office_bounds,
)
from loaders.reading import CONFLICTS, DateReading
from loaders.reference import Reference
from loaders.referenced import ReferencedEvent, find_referenced
from loaders.schema import COLUMNS, DATE_COLUMNS, validate_events
from loaders.screen import PatternSet
from loaders.taxonomy import TaxonomyMatchers, classify_policies, classify_span, compile_taxonomy, find_phrases

SUMMARY_CHARS = 420
TITLE_CHARS = 120
YEARS = range(1990, dt.date.today().year + 1)  # years a named day ("Christmas") can fall in
_WIRE_PREFIX = re.compile(
    r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .,'’-]{2,60}(?:\([^)]*\))?\s*[-–—:]+\s*|^[^.]{0,60}?\((?:Reuters|AP|AFP|EFE)\)\s*[-–—.]+\s*"
)


@dataclass(frozen=True)
class Matchers:
    """Everything compiled from the reference tables, built once per load."""

    reference: Reference
    chrome: ChromeMatchers
    entities: EntityMatchers
    taxonomy: TaxonomyMatchers
    relative: PatternSet
    policies: PatternSet
    named_days: PatternSet
    outlets: OutletMatchers
    lexicon: Lexicon
    period: Window
    newly: re.Pattern  # words that call an office holder new in office
    head_offices: frozenset[str]  # offices of heads of state (and the elect), named long after their terms
    landmarks: LandmarkIndex | None  # None: landmarks are not used as evidence
    step_words: re.Pattern  # words that tell of a policy's step (announced, launched, signed, ended)
    grammar: Grammar  # the date core's patterns, with the words of data/reference/words/
    key: str = ""  # the tables' fingerprint and the landmarks switch (set by loaders.matchers_for): names them in caches


def compile_matchers(reference: Reference, landmarks: bool | None = None) -> Matchers:
    """Compile every pattern of the reference tables (landmarks as evidence: as settings.csv says, unless told)."""
    lexicon = Lexicon.from_reference(reference)
    grammar = compile_grammar(lexicon)
    if landmarks is None:
        landmarks = reference.setting("landmark_evidence") == "on"
    return Matchers(
        reference=reference,
        chrome=compile_chrome(reference.page_chrome),
        entities=compile_entities(reference),
        taxonomy=compile_taxonomy(reference),
        relative=compile_relative(reference.relative_phrases),
        policies=compile_policies(reference),
        named_days=compile_named_days(reference, grammar),
        outlets=compile_outlets(reference.outlets, lexicon),
        lexicon=lexicon,
        period=Window.between(*reference.period()),
        newly=lexicon.regex(r"\b<<newly_in_office>>\b"),
        head_offices=frozenset(o.office_id for o in reference.offices if o.kind in ("head_of_state", "head_of_state_elect")),
        landmarks=compile_landmarks(reference, lexicon) if landmarks else None,
        grammar=grammar,
        step_words=lexicon.regex(r"\b(?:<<kind_announcement>>|<<kind_programme>>|<<kind_agreement>>|<<kind_suspension>>)\b"),
    )


def summarize(text: str, layout: Layout) -> str:
    """The first sentence or two of the body, without a wire dateline prefix."""
    body = layout.body
    if not body:
        return ""
    first = body[0]
    sentences = []
    for start, end in split_sentences(text, first.start, first.end):
        sentences.append(text[start:end].strip())
        if sum(len(s) for s in sentences) > 160 or len(sentences) == 2:
            break
    summary = _WIRE_PREFIX.sub("", " ".join(sentences)).strip()
    return summary if len(summary) <= SUMMARY_CHARS else summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def anchor_sentence(text: str, layout: Layout, dates: DateReading) -> str:
    """The sentence the event's date was read from (the last evidence span that lies in the article's text)."""
    for _, offset in reversed(dates.evidence):
        if offset >= 0:
            return " ".join(text[slice(*layout.sentence_at(text, offset))].split())
    return ""


def extract_article(article: Article, matchers: Matchers, today: dt.date | None = None) -> dict:
    """One article -> the row of its primary event."""
    return extract_events(article, matchers, today)[0]


@dataclass(frozen=True)
class ArticleReading:
    """Everything read from one article before its rows are assembled (also what `python -m loaders.explain` shows)."""

    language: str
    layout: Layout
    mentions: list[DateMention]
    relative: list
    officials: list
    country_mentions: list
    countries: object
    phrases: list
    policies: object
    evidence: list[Evidence]
    dates: DateReading
    unread_mentions: int = 0  # date mentions past the first MAX_MENTIONS, not read


def read_article(article: Article, matchers: Matchers, today: dt.date | None = None) -> ArticleReading:
    """Read an article: its layout, date mentions, officials, countries, policy types, date evidence and reading."""
    text, meta, reference = article.text, article.meta, matchers.reference
    language, layout, mentions, unread = read_mentions(article, matchers)
    lowered = text.lower()
    relative = find_relative(text, layout, matchers.relative, lowered, matchers.grammar)
    officials = find_officials(text, matchers.entities, lowered)
    told = in_article(officials, layout)
    named = find_policies(text, matchers.policies, lowered)
    bounds = (
        office_bounds(told, text, matchers.newly)
        + official_bounds(told, matchers.entities.terms, matchers.head_offices)
        + policy_bounds(text, layout, named, matchers.grammar)
        + policy_events(text, layout, named, matchers.step_words, matchers.grammar)
        + took_office_bounds(text, told, matchers.entities.terms, relative, matchers.grammar)
        + election_bounds(text, relative, told, reference, matchers.grammar)
        + named_day_bounds(text, layout, matchers.named_days, YEARS, lowered, matchers.grammar)
    )
    country_mentions = find_countries(text, matchers.entities, lowered)
    countries = classify_countries(text, layout, country_mentions, officials, matchers.entities)
    phrases = find_phrases(text, matchers.taxonomy, lowered)
    policies = classify_policies(text, layout, matchers.taxonomy, lowered, phrases)
    if matchers.landmarks is not None:
        places = set(countries.parties) | {c.iso3 for c in country_mentions if layout.zone_at(c.start) in (TITLE, STANDFIRST, BODY)}
        bounds += landmark_evidence(match_landmarks(text, layout, officials, places, matchers.landmarks, lowered))
    stamp = scraper_stamp(text, matchers.chrome.stamps)
    published_kind = meta.get("published_kind", "front_matter")  # an HTML page's date is marked as from its metadata
    evidence = gather_evidence(text, mentions, meta.get("published"), bounds, matchers.period, stamp[0] if stamp else None, published_kind)
    evidence += elapsed_evidence(text, layout, evidence, matchers.grammar)
    dates = read_date(layout, mentions, relative, evidence, today or dt.date.today())
    return ArticleReading(
        language, layout, mentions, relative, officials, country_mentions, countries, phrases, policies, evidence, dates, unread
    )


def extract_events(article: Article, matchers: Matchers, today: dt.date | None = None) -> list[dict]:
    """One article -> the row of its primary event, then rows for the other dated events it mentions."""
    text, today = article.text, today or dt.date.today()
    r = read_article(article, matchers, today)
    warnings = list(article.warnings) + list(r.dates.notes)
    if r.dates.date is None:
        warnings.append("no date found for the event")
    if r.unread_mentions:
        warnings.append(
            f"only the first {MAX_MENTIONS:,} date mentions were read ({r.unread_mentions:,} more left unread: a list or a calendar?)"
        )
    officials = official_names(r.officials, r.layout)
    primary = event_row(article, r.dates, r.layout, r.language, r.countries, r.policies, officials, text, matchers, warnings)
    referenced = find_referenced(text, r.layout, r.mentions, r.relative, r.officials, r.country_mentions, r.dates, today, matchers.grammar)
    return [primary] + [referenced_row(primary, event, n, text, matchers, r.phrases) for n, event in enumerate(referenced, start=1)]


def read_mentions(article: Article, matchers: Matchers) -> tuple[str, Layout, list[DateMention], int]:
    """The article's language, its page layout, its date mentions with their zone, role and tense, and how many
    date mentions were left unread (past the first MAX_MENTIONS)."""
    text = article.text
    language = article.meta.get("language") or detect_language(text)
    candidates = find_candidates(text, language)
    layout = segment(text, candidates, matchers.chrome, title_hint=article.meta.get("title", ""))
    mentions = tag_mentions(text, layout, candidates, matchers.chrome.file_photo, matchers.chrome.stamps, matchers.grammar)
    return language, layout, mentions, max(0, len(candidates) - MAX_MENTIONS)


def describe_candidates(article: Article, matchers: Matchers) -> list[dict]:
    """The article's date mentions as the loader read them (page zone, role, tense and parts)."""
    return [
        {
            "text": m.text, "offset": m.start, "zone": m.zone, "role": m.role, "tense": m.tense, "kind": m.candidate.kind,
            "year": m.candidate.year, "month": m.candidate.month, "day": m.candidate.day, "weekday": m.candidate.weekday,
        }
        for m in read_mentions(article, matchers)[2]
    ]  # fmt: skip


def referenced_row(primary: dict, event: ReferencedEvent, number: int, text: str, matchers: Matchers, phrases: list) -> dict:
    """Assemble the row of an event the article mentions, linked to the article and its primary event."""
    sentence = " ".join(text[event.sentence[0] : event.sentence[1]].split())
    policies = classify_span(text, *event.sentence, phrases, matchers.taxonomy)
    return {
        **primary,
        "event_id": f"{primary['article_id']}-r{number}",
        "role": "referenced",
        "title": sentence if len(sentence) <= TITLE_CHARS else sentence[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…",
        **date_fields(event.reading, matchers.reference),
        "countries": list(event.countries),
        "country_evidence": [f"{c}: named in the sentence" for c in event.countries],
        "policy_types": list(policies.types),
        "policy_evidence": list(policies.evidence),
        "officials": list(dict.fromkeys(o.name for o in event.officials)),
        "summary": sentence,
        "event_sentence": sentence,
        "parent_event_id": primary["event_id"],
        "review_reasons": list(event.reading.codes),
        "warnings": [],
    }


def date_fields(reading: DateReading, reference: Reference) -> dict:
    """The date columns of a row, and the US administration in office on the date."""
    admin = reference.administration_on("USA", reading.date) if reading.date else None
    return {
        "date": reading.date,
        "date_earliest": reading.earliest,
        "date_latest": reading.latest,
        "date_precision": reading.precision,
        "date_confidence": reading.confidence,
        "date_method": reading.method,
        "date_evidence": [text for text, _ in reading.evidence],
        "date_evidence_offsets": [offset for _, offset in reading.evidence],
        "us_administration": admin.administration_id if admin else "",
    }


def event_row(article, dates: DateReading, layout, language, countries, policies, officials, text, matchers, warnings) -> dict:
    """Assemble the primary-event row of an article."""
    meta, reference = article.meta, matchers.reference
    return {
        "event_id": f"{article.article_id}-0",
        "article_id": article.article_id,
        "role": "primary",
        "title": meta.get("title") or layout.title,
        "source": meta.get("source") or detect_outlet(layout, matchers.outlets, meta.get("url", "")),
        "url": meta.get("url", ""),
        "published_date": meta.get("published") or dates.published,
        "language": language,
        **date_fields(dates, reference),
        "countries": list(countries.parties),
        "countries_mentioned": list(countries.mentioned),
        "country_evidence": list(countries.evidence),
        "policy_types": list(policies.types),
        "policy_evidence": list(policies.evidence),
        "officials": officials,
        "summary": summarize(text, layout),
        "event_sentence": anchor_sentence(text, layout, dates),
        "parent_event_id": "",
        "n_sources": 1,
        "source_articles": [article.article_id],
        "merged_event_ids": [],
        "merge_note": "",
        "merge_similarity": None,
        "curation": [],
        "review_reasons": list(dates.codes),  # the reading's doubts; review_reasons() completes them after merging
        "warnings": warnings,
    }


DATE_CODES = ("no_date", "low_confidence", "medium_confidence", *sorted(CONFLICTS))


def review_reasons(row: dict) -> list[str]:
    """Why an event deserves a human look, as codes of data/reference/review_reasons.csv: uncertain or conflicting
    dates (the reading's own codes, which the extraction left in `review_reasons`), missing parties or types,
    weak merges. A human correction of the date clears the date codes."""
    curated = {note.split(":", 1)[0] for note in row["curation"]}
    reasons = []
    if not curated & {"date", "confirm"}:
        if row["date"] is None:
            reasons.append("no_date")
        elif row["date_confidence"] != "high":
            reasons.append(f"{row['date_confidence']}_confidence")
        reasons += [code for code in row["review_reasons"] if code in CONFLICTS]
    if not row["countries"] and "countries" not in curated:
        reasons.append("no_party")
    if not row["policy_types"] and "policy_types" not in curated:
        reasons.append("no_policy_type")
    similarity = row["merge_similarity"]
    if similarity is not None and similarity == similarity and similarity < REVIEW_SIMILARITY:
        reasons.append("weak_merge")
    return list(dict.fromkeys(reasons))


def build_table(rows: list[dict]) -> pd.DataFrame:
    """Rows -> the validated event table, sorted by date."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS)) if rows else pd.DataFrame(columns=list(COLUMNS))
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column].map(_as_timestamp), errors="coerce").astype("datetime64[us]")
    frame["n_sources"] = frame["n_sources"].astype(int)
    frame["merge_similarity"] = pd.to_numeric(frame["merge_similarity"], errors="coerce").astype(float)
    frame = frame.sort_values(["date", "event_id"], na_position="last", kind="stable").reset_index(drop=True)
    return validate_events(frame)


def _as_timestamp(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return pd.NaT
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    return value
