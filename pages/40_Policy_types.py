"""Policy types: the mix of policy types over time and by US administration, as counts and shares."""

import streamlit as st

from ui.page import dot_matrix, empty_state, open_page

with open_page("Policy types") as page:
    st.title("Policy types")
    if not empty_state(page):
        st.caption(
            "Each circle shows how many events carry a policy type and what share of the column's events that is. "
            "Events can carry several types, so a column's shares add up to more than 100%. Click a circle to narrow the filters to it."
        )
        dot_matrix(
            page, "policy_type", "year", "Policy types per year: events and share of the year's events", colour_by="row", show_share=True
        )
        dot_matrix(
            page,
            "policy_type",
            "administration",
            "Policy types by US administration: events and share of the administration's events",
            colour_by="row",
            show_share=True,
        )
