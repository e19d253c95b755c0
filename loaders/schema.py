"""The event table contract: declared once, validated on every load."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

ROLES = ("primary", "referenced")
PRECISIONS = ("day", "month", "year")
CONFIDENCES = ("high", "medium", "low")
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}

DATE_COLUMNS = ("published_date", "date", "date_earliest", "date_latest")
LIST_COLUMNS = (
    "date_evidence",
    "date_evidence_offsets",
    "countries",
    "countries_mentioned",
    "country_evidence",
    "policy_types",
    "policy_evidence",
    "officials",
    "source_articles",
    "merged_event_ids",
    "curation",
    "review_reasons",
    "warnings",
)

# Column order is the order of the table, the CSV export and the README.
COLUMNS = {
    "event_id": "unique id: `<article_id>-0` for an article's primary event",
    "article_id": "file stem of the article the event was read from",
    "role": "`primary` (the article's main event) or `referenced` (another event it mentions)",
    "title": "headline of the article",
    "source": "outlet, from front matter or the text; empty when not shown",
    "url": "address of the article, from front matter; empty when not known",
    "published_date": "publication date when the article shows one (front matter or dateline)",
    "language": "detected language of the article (`en`, `es`, ...)",
    "date": "best estimate of the event date; empty when nothing dates the event",
    "date_earliest": "earliest date the evidence allows",
    "date_latest": "latest date the evidence allows",
    "date_precision": "`day`, `month` or `year`; empty with no date",
    "date_confidence": "`high` (stated and consistent), `medium` (inferred from solid evidence), `low`",
    "date_method": "how the date was decided, in words",
    "date_evidence": "the exact text spans the date rests on",
    "date_evidence_offsets": "character offsets of those spans in the article text",
    "us_administration": "US administration in office on `date` (`trump_1`, `biden`, `trump_2`, ...)",
    "countries": "ISO 3166 alpha-3 codes of the countries that are parties to the event",
    "countries_mentioned": "ISO alpha-3 codes of every country the article names",
    "country_evidence": "why each party was chosen: `CODE: reason`",
    "policy_types": "policy-type keys, most relevant first",
    "policy_evidence": "the phrases that triggered each type: `type: phrase`",
    "officials": "canonical names of the office holders named",
    "summary": "the lead sentence or two, cleaned",
    "event_sentence": "the sentence the event's date was read from",
    "parent_event_id": "for a referenced event, the primary event of the article that mentions it",
    "n_sources": "number of articles reporting this event",
    "source_articles": "ids of the articles reporting this event",
    "merged_event_ids": "ids of the events merged into this one (same event told elsewhere)",
    "merge_note": "which events were merged and why; empty when none",
    "merge_similarity": "similarity of the least alike merged pair (0 to 1); empty when none",
    "curation": "human corrections applied to this event, each with the value it replaced",
    "review_reasons": "why the event deserves a human look, as codes of `data/reference/review_reasons.csv` (empty when none)",
    "warnings": "what the loader noticed about this article (empty when nothing)",
}


def _is_list_of(kind: type):
    def check(series: pd.Series) -> bool:
        return bool(series.map(lambda v: isinstance(v, list) and all(isinstance(x, kind) for x in v)).all())

    return check


def _window_holds(df: pd.DataFrame) -> pd.Series:
    dated = df["date"].notna()
    inside = (df["date_earliest"] <= df["date"]) & (df["date"] <= df["date_latest"])
    return ~dated | inside


_str = {"dtype": "str", "coerce": True}
_opt_date = {"dtype": "datetime64[us]", "nullable": True, "coerce": True}

EVENT_SCHEMA = pa.DataFrameSchema(
    {
        "event_id": pa.Column(**_str, unique=True),
        "article_id": pa.Column(**_str),
        "role": pa.Column(**_str, checks=pa.Check.isin(ROLES)),
        "title": pa.Column(**_str),
        "source": pa.Column(**_str),
        "url": pa.Column(**_str),
        "published_date": pa.Column(**_opt_date),
        "language": pa.Column(**_str),
        "date": pa.Column(**_opt_date),
        "date_earliest": pa.Column(**_opt_date),
        "date_latest": pa.Column(**_opt_date),
        "date_precision": pa.Column(**_str, checks=pa.Check.isin((*PRECISIONS, ""))),
        "date_confidence": pa.Column(**_str, checks=pa.Check.isin(CONFIDENCES)),
        "date_method": pa.Column(**_str),
        "date_evidence": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "date_evidence_offsets": pa.Column(object, checks=pa.Check(_is_list_of(int))),
        "us_administration": pa.Column(**_str),
        "countries": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "countries_mentioned": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "country_evidence": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "policy_types": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "policy_evidence": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "officials": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "summary": pa.Column(**_str),
        "event_sentence": pa.Column(**_str),
        "parent_event_id": pa.Column(**_str),
        "n_sources": pa.Column(int, checks=pa.Check.ge(1), coerce=True),
        "source_articles": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "merged_event_ids": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "merge_note": pa.Column(**_str),
        "merge_similarity": pa.Column(float, nullable=True, coerce=True, checks=pa.Check.in_range(0, 1)),
        "curation": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "review_reasons": pa.Column(object, checks=pa.Check(_is_list_of(str))),
        "warnings": pa.Column(object, checks=pa.Check(_is_list_of(str))),
    },
    checks=[pa.Check(_window_holds, error="date must lie inside [date_earliest, date_latest]")],
    strict=True,
    ordered=True,
)


def validate_events(df: pd.DataFrame) -> pd.DataFrame:
    """Validate an event table against the contract and return it."""
    return EVENT_SCHEMA.validate(df)


def empty_events() -> pd.DataFrame:
    """An empty event table with the contract's columns and dtypes."""
    frame = pd.DataFrame({name: pd.Series([], dtype=object) for name in COLUMNS})
    for name in DATE_COLUMNS:
        frame[name] = pd.Series([], dtype="datetime64[us]")
    frame["n_sources"] = pd.Series([], dtype=int)
    frame["merge_similarity"] = pd.Series([], dtype=float)
    return validate_events(frame)
