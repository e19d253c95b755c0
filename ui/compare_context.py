"""The Compare page's context (pure): which named policies were in force on each side and for how long, and the period's
landmarks counted by kind on each side."""

from __future__ import annotations

import pandas as pd

from ui.compare import Side, side_events
from ui.landmarks import KIND_ORDER, kind_words
from ui.policies import days_in_force, life_words
from ui.style import Style

POLICY_COLUMNS = ["policy", "policy_type", "days_a", "share_a", "days_b", "share_b", "life"]


def side_policies(policies: pd.DataFrame, side: Side) -> pd.DataFrame:
    """The policies that concern a side: all of them, or those its country is a party to."""
    return policies[policies["countries"].map(lambda parties: side.country in parties)] if side.country else policies


def policies_in_force(policies: pd.DataFrame, a: Side, b: Side, style: Style) -> pd.DataFrame:
    """Per policy in force on at least one day of either side: its name, type and life cycle, and the days it was in force
    within each side's covered days (with the share of those days, in percent); most of both sides' days first."""
    columns = {}
    for letter, side in (("a", a), ("b", b)):
        days = days_in_force(side_policies(policies, side), side.start_date, side.end_date) if side.days else pd.Series(dtype=int)
        columns[f"days_{letter}"] = days.reindex(policies.index, fill_value=0)
        columns[f"share_{letter}"] = columns[f"days_{letter}"] / side.days * 100 if side.days else 0.0
    table = pd.DataFrame(
        {
            "policy": policies["name"],
            "policy_type": policies["policy_type"].map(style.policy_type.label),
            "life": [life_words(row) for row in policies.to_dict("records")],
            **columns,
        },
        index=policies.index,
    )
    table = table[(table["days_a"] > 0) | (table["days_b"] > 0)]
    both = table["share_a"] + table["share_b"]
    return table.assign(both=both).sort_values(["both", "policy"], ascending=[False, True])[POLICY_COLUMNS].reset_index(drop=True)


def landmark_kinds(landmarks: pd.DataFrame, a: Side, b: Side) -> pd.DataFrame:
    """Landmarks per kind on each side (a landmark belongs to a side when its first day is a covered day, and, for a
    country, when that country is a party), in KIND_ORDER, with a total row."""
    counts = {letter: side_events(landmarks, side)["kind"].value_counts() for letter, side in (("a", a), ("b", b))}
    kinds = [k for k in KIND_ORDER if counts["a"].get(k, 0) or counts["b"].get(k, 0)]
    table = pd.DataFrame(
        {
            "kind": [kind_words(k) for k in kinds],
            "count_a": [int(counts["a"].get(k, 0)) for k in kinds],
            "count_b": [int(counts["b"].get(k, 0)) for k in kinds],
        }
    )
    total = pd.DataFrame({"kind": ["all landmarks"], "count_a": [int(table["count_a"].sum())], "count_b": [int(table["count_b"].sum())]})
    return pd.concat([table, total], ignore_index=True)


def policy_sentences(table: pd.DataFrame, names: tuple[str, str]) -> list[str]:
    """How many policies were in force on each side, in words."""
    sentences = []
    for letter, name in zip("ab", names, strict=True):
        on = table[table[f"days_{letter}"] > 0]
        whole = int((table[f"share_{letter}"] >= 100).sum())
        sentences.append(f"{name}: {len(on)} named policies in force at some point, {whole} of them on every day it covers.")
    return sentences
