"""Pure table work for the pages: prepare the event table once, filter it by a view, count it for the charts."""

from __future__ import annotations

import pandas as pd

from ui.style import Style
from ui.view import Choices, View

RANK = {"low": 0, "medium": 1, "high": 2}
SEARCHED = ("title", "summary", "date_evidence", "policy_evidence", "country_evidence")
UNDATED = "Undated"


def _joined(value) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def prepare_events(events: pd.DataFrame) -> pd.DataFrame:
    """The event table plus what filtering needs (lower-case search text, confidence rank); computed once per data version."""
    prepared = events.copy()
    prepared["search_text"] = prepared[list(SEARCHED)].apply(lambda row: " ".join(_joined(v) for v in row).casefold(), axis=1)
    prepared["confidence_rank"] = prepared["date_confidence"].map(RANK).fillna(0).astype(int)
    prepared["year"] = prepared["date"].dt.year.astype("Int64")
    return prepared


def choices_for(events: pd.DataFrame, style: Style, landmarks: pd.DataFrame | None = None) -> Choices:
    """The values a view can take for this corpus and the landmarks: what actually occurs (an open event may be a
    landmark, a country a party to landmarks only), and a date range wide enough for every window."""
    defaults = Choices()
    earliest, latest = events["date_earliest"].min(), events["date_latest"].max()
    return Choices(
        administrations=tuple(style.administration.ordered(a for a in events["us_administration"] if a)),
        countries=tuple(
            style.country.ordered(c for table in (events, landmarks) if table is not None for values in table["countries"] for c in values)
        ),
        policy_types=style.policy_type.keys,
        event_ids=frozenset([*events["event_id"], *(() if landmarks is None else landmarks["event_id"])]),
        min_date=defaults.min_date if pd.isna(earliest) else min(earliest.date(), defaults.min_date),
        max_date=defaults.max_date if pd.isna(latest) else max(latest.date(), defaults.max_date),
    )


def _any_of(column: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    wanted = set(wanted)
    return column.map(lambda values: bool(wanted.intersection(values)))


def _view_mask(prepared: pd.DataFrame, view: View) -> pd.Series:
    """Rows whose window overlaps the view's dates (undated rows too) and that match its administrations, countries, types and search."""
    start, end = pd.Timestamp(view.start_date), pd.Timestamp(view.end_date)
    dated = prepared["date"].notna()
    keep = ~dated | ((prepared["date_earliest"] <= end) & (prepared["date_latest"] >= start))
    if view.administrations:
        keep &= prepared["us_administration"].isin(view.administrations)
    if view.countries:
        keep &= _any_of(prepared["countries"], view.countries)
    if view.policy_types:
        keep &= _any_of(prepared["policy_types"], view.policy_types)
    for word in view.search.casefold().split():
        keep &= prepared["search_text"].str.contains(word, regex=False)
    return keep


def filter_events(prepared: pd.DataFrame, view: View) -> pd.DataFrame:
    """The events a view shows, in date order (undated last).

    Dated events count when their window overlaps the range; events an article only mentions count when the view asks.
    """
    keep = _view_mask(prepared, view) & (prepared["date"].notna() | view.undated)
    if not view.mentioned:
        keep &= prepared["role"] == "primary"
    keep &= prepared["confidence_rank"] >= RANK[view.min_confidence]
    return prepared[keep].sort_values(["date", "event_id"], na_position="last")


def landmark_mask(landmarks: pd.DataFrame, view: View) -> pd.Series:
    """The landmarks a view shows: none when it hides them; else those its dates, administrations, countries, policy
    types and search select (their dates are sourced, so the minimum confidence does not apply)."""
    return _view_mask(landmarks, view) & view.landmarks


def filter_landmarks(landmarks: pd.DataFrame, view: View) -> pd.DataFrame:
    """The landmarks a view shows (`landmark_mask`), in date order."""
    return landmarks[landmark_mask(landmarks, view)]


def keys_of(events: pd.DataFrame, name: str) -> pd.Series:
    """Per event, the list of keys it belongs to along a dimension (empty key when it has none)."""
    if name == "year":
        return events["year"].map(lambda y: [UNDATED] if pd.isna(y) else [str(y)])
    if name == "administration":
        return events["us_administration"].map(lambda a: [a])
    column = {"country": "countries", "policy_type": "policy_types"}[name]
    return events[column].map(lambda values: list(values) or [""])


def cross_counts(events: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Events per (row key, column key), with row and column event totals and the share of the column's events.

    An event with several keys counts once under each, so shares within a column can add up to more than 100%.
    """
    pairs = pd.DataFrame({"event_id": events["event_id"], "row": keys_of(events, rows), "column": keys_of(events, columns)})
    pairs = pairs.explode("row").explode("column")
    counts = pairs.groupby(["row", "column"], sort=False)["event_id"].nunique().rename("count").reset_index()
    counts = counts.join(pairs.groupby("column", sort=False)["event_id"].nunique().rename("column_total"), on="column")
    counts = counts.join(pairs.groupby("row", sort=False)["event_id"].nunique().rename("row_total"), on="row")
    counts["share"] = counts["count"] / counts["column_total"]
    return counts


def headline_figures(events: pd.DataFrame, n_articles: int) -> dict[str, object]:
    """The home page's numbers: events, articles, date span, share of events whose date is certain (high confidence)."""
    dated = events["date"].dropna()
    return {
        "events": len(events),
        "articles": n_articles,
        "dated": len(dated),
        "first_date": dated.min().date() if len(dated) else None,
        "last_date": dated.max().date() if len(dated) else None,
        "certain_share": float((events["date_confidence"] == "high").mean()) if len(events) else 0.0,
    }


ROLE_WORDS = {"primary": "article", "referenced": "mentioned", "landmark": "landmark"}


def display_table_with_kind(table: pd.DataFrame, style: Style) -> pd.DataFrame:
    """`display_table` with the kind of each row after its date: an article's event, one it mentions, or a landmark."""
    shown = display_table(table, style)
    shown.insert(1, "role", table["role"].map(ROLE_WORDS).to_numpy())
    return shown


def display_table(events: pd.DataFrame, style: Style) -> pd.DataFrame:
    """The event table as the Events page shows it: words instead of codes, lists kept as lists, contract column names."""
    return pd.DataFrame(
        {
            "date": events["date"],
            "date_precision": events["date_precision"].replace("", "undated"),
            "date_confidence": events["date_confidence"],
            "title": events["title"],
            "countries": events["countries"].map(lambda keys: [style.country.label(k) for k in keys]),
            "policy_types": events["policy_types"].map(lambda keys: [style.policy_type.label(k) for k in keys]),
            "us_administration": events["us_administration"].map(style.administration.label),
            "source": events["source"],
            "n_sources": events["n_sources"],
            "event_id": events["event_id"],
        }
    ).reset_index(drop=True)
