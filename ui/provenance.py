"""Where an event comes from (pure): the articles that report it, the events its article mentions, the main event of a mention."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from loaders import main_event


def event_ids(event: Mapping) -> set[str]:
    """The event's id and the ids of the events merged into it."""
    return {event["event_id"], *event["merged_event_ids"]}


def source_articles(event: Mapping) -> list[str]:
    """The ids of the articles that report the event, its own article first."""
    return list(dict.fromkeys([event["article_id"], *event["source_articles"]]))


def mentioned_events(events: pd.DataFrame, event: Mapping) -> pd.DataFrame:
    """The other events that the articles of a main event mention, in date order (none for a mentioned event)."""
    if event["role"] != "primary":
        return events.iloc[0:0]
    mentioned = events["parent_event_id"].isin(event_ids(event)) | (
        (events["role"] == "referenced") & events["article_id"].isin(source_articles(event))
    )
    mentioned &= events["event_id"] != event["event_id"]
    return events[mentioned].sort_values(["date", "event_id"], na_position="last")


def parent_event(events: pd.DataFrame, event: Mapping) -> pd.Series | None:
    """The main event of the article that mentions a referenced event (None for a main event, or when it is gone)."""
    if event["role"] == "primary":
        return None
    parent = main_event(events, event["article_id"])
    return None if parent is None or parent["event_id"] == event["event_id"] else parent
