"""The Compare page's tables of context: the named policies in force on each side, and the landmarks of each side by kind."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from ui.cache import Dataset
from ui.compare import Side
from ui.compare_context import landmark_kinds, policies_in_force, policy_sentences
from ui.data import filter_landmarks
from ui.policies import filter_policies
from ui.view import View

ROW_PX = 35  # st.dataframe's header and row height


def context_tables(data: Dataset, view: View, a: Side, b: Side) -> None:
    """Which named policies were in force on each side and for how long, and the landmarks of each side by kind (each
    table folded under its sentence: long on a phone)."""
    style = data.style
    st.subheader("Policies in force", anchor=False)
    policies = filter_policies(data.policies, replace(view, policies=True), style.eras)
    table = policies_in_force(policies, a, b, style)
    if table.empty:
        st.caption("No named policy matching the filters was in force on a day either side covers.")
    else:
        st.caption(" ".join(policy_sentences(table, (a.name, b.name))))
        percent = {"format": "%.0f%%", "min_value": 0, "max_value": 100}
        folded = st.expander(f"The {len(table)} policies, days in force on each side", icon=":material/table:")
        folded.caption(
            "Days in force are counted within the days each side covers; a policy with no end recorded counts to the side's "
            "last day; one only announced counts none (data/reference/named_policies.csv)."
        )
        folded.dataframe(
            table,
            hide_index=True,
            column_config={
                "policy": st.column_config.TextColumn("Policy", width="large"),
                "policy_type": st.column_config.TextColumn("Policy type"),
                "days_a": st.column_config.NumberColumn("A: days in force", help=f"Days in force within the days {a.name} covers"),
                "share_a": st.column_config.ProgressColumn("A: share", help=f"Share of the days {a.name} covers", **percent),
                "days_b": st.column_config.NumberColumn("B: days in force", help=f"Days in force within the days {b.name} covers"),
                "share_b": st.column_config.ProgressColumn("B: share", help=f"Share of the days {b.name} covers", **percent),
                "life": st.column_config.TextColumn("Life cycle", width="large"),
            },
        )
    st.subheader("Landmarks by kind", anchor=False)
    if not view.landmarks:
        st.caption("The sidebar hides the period's landmarks: switch “Show the period's landmarks” on to count them.")
        return
    kinds = landmark_kinds(filter_landmarks(data.landmarks, view), a, b)
    folded = st.expander(
        f"Landmarks of each side, by kind ({int(kinds['count_a'].iloc[-1])} and {int(kinds['count_b'].iloc[-1])})", icon=":material/table:"
    )
    folded.caption(
        "The period's sourced landmarks (data/reference/landmarks.csv) matching the filters, by the side whose days hold "
        "their first day (and, for a country, to which it is a party)."
    )
    folded.dataframe(
        kinds,
        hide_index=True,
        width="content",
        height=ROW_PX * (len(kinds) + 1) + 3,  # every kind in view, no scrolling
        column_config={
            "kind": st.column_config.TextColumn("Kind"),
            "count_a": st.column_config.NumberColumn(f"A: {a.label}"),
            "count_b": st.column_config.NumberColumn(f"B: {b.label}"),
        },
    )
