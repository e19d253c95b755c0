"""Named policies as spans in force (pure): from data/reference/named_policies.csv, built once per data version.

A policy is in force from its `start_date` until it was suspended or ended, whichever came first (open when neither is
known). One that never took effect, or whose first day is not verified, is drawn from its announcement until it was
stopped, as announced only, and counts no day in force.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

import pandas as pd

from loaders.reference import NamedPolicy
from ui.charts import format_day
from ui.style import Era, Style
from ui.view import View

TABLE = "data/reference/named_policies.csv"
COLUMNS = ("policy_id", "name", "policy_type", "countries", "announced_date", "start_date", "stop_date", "suspended_date", "end_date")
ONE_DAY = dt.timedelta(days=1)


def policy_row(policy: NamedPolicy) -> dict:
    """One policy's life cycle as the charts read it: `start_date` the first day in force (None when it never took effect or
    is not verified), `stop_date` the first day no longer applied (None when still in force as far as the table knows)."""
    return {
        "policy_id": policy.policy_id,
        "name": policy.name or policy.policy_id,
        "policy_type": policy.policy_type,
        "countries": list(policy.countries),
        "announced_date": policy.announced_date,
        "start_date": policy.start_date,
        "stop_date": policy.stopped_date,
        "suspended_date": policy.suspended_date,
        "end_date": policy.end_date,
    }


def policy_hover(row: dict, style: Style) -> list[str]:
    """What the timeline's hover says of a policy, escaped: its name, life cycle, policy type and parties."""
    return [
        html.escape(row["name"]),
        html.escape(life_words(row)),
        html.escape(style.policy_type.label(row["policy_type"])),
        html.escape(", ".join(style.country.label(c) for c in row["countries"]) or "none listed"),
    ]


def build_policies(policies: Iterable[NamedPolicy], style: Style) -> pd.DataFrame:
    """The policies the dashboard draws (rows without a policy type only date articles), earliest first, with their
    colour and hover text (built once per data version)."""
    rows = [policy_row(p) for p in policies if p.policy_type and (p.start_date or p.announced_date)]
    for row in rows:
        row["colour"] = style.policy_type.colour(row["policy_type"])
        row["hover"] = policy_hover(row, style)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "colour", "hover"])
    return frame.assign(first=frame["start_date"].fillna(frame["announced_date"])).sort_values(["first", "policy_id"]).drop(columns="first")


def drawn_from(row) -> dt.date:
    """The first day a policy's span shows: its start, or its announcement when it has no start."""
    return row["start_date"] or row["announced_date"]


def drawn_until(row) -> dt.date | None:
    """The day after a policy's span ends: the day it stopped applying; None when in force with no end recorded. A policy
    only announced, never stopped, is drawn on its announcement day alone."""
    return row["stop_date"] or (None if row["start_date"] else row["announced_date"] + ONE_DAY)


def overlap_days(start: dt.date | None, stop: dt.date | None, first: dt.date, last: dt.date) -> int:
    """Days of [start, stop) (stop None: open) that fall within [first, last]."""
    if start is None:
        return 0
    high = min(stop - ONE_DAY, last) if stop else last
    return max((high - max(start, first)).days + 1, 0)


def filter_policies(policies: pd.DataFrame, view: View, eras: Iterable[Era] = ()) -> pd.DataFrame:
    """The policies a view shows: none when it hides them; else those whose span overlaps its dates, with a party among
    its countries, of one of its policy types, during one of its administrations and whose name has its search words."""
    if not view.policies:
        return policies.iloc[0:0]
    terms = [(e.start_date, e.end_date) for e in eras if e.administration_id in view.administrations]
    words = view.search.casefold().split()

    def shown(row) -> bool:
        first, until = drawn_from(row), drawn_until(row)
        return (
            first <= view.end_date
            and (until is None or until > view.start_date)
            and (not view.countries or bool(set(view.countries).intersection(row["countries"])))
            and (not view.policy_types or row["policy_type"] in view.policy_types)
            and (not terms or any(first < (e or dt.date.max) and (until is None or until > s) for s, e in terms))
            and all(word in row["name"].casefold() for word in words)
        )

    return policies[pd.Series([shown(row) for row in policies.to_dict("records")], index=policies.index, dtype=bool)]


def days_in_force(policies: pd.DataFrame, first: dt.date, last: dt.date) -> pd.Series:
    """Per policy, the days it was in force within [first, last]."""
    return pd.Series(
        [overlap_days(s, e, first, last) for s, e in zip(policies["start_date"], policies["stop_date"], strict=True)],
        index=policies.index,
        dtype=int,
    )


def life_words(row) -> str:
    """A policy's life cycle in words: 'announced 20 Dec 2018, in force 29 Jan 2019 until suspended 20 Jan 2021, ended 1 Jun 2021'."""
    parts = (
        [f"announced {format_day(row['announced_date'])}"] if row["announced_date"] and row["announced_date"] != row["start_date"] else []
    )
    start, stop, suspended, end = row["start_date"], row["stop_date"], row["suspended_date"], row["end_date"]
    if start:
        until = f" until suspended {format_day(stop)}" if suspended else f" – {format_day(stop)}" if stop else ", no end date recorded"
        parts.append(f"in force {format_day(start)}{until}")
    else:
        parts.append("never in force, or its first day is not verified")
        if suspended:
            parts.append(f"suspended {format_day(suspended)}")
    if end and (suspended or not start):
        parts.append(f"ended {format_day(end)}")
    return ", ".join(parts)
