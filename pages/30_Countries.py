"""Countries: which countries are parties to events, year by year and by policy type; a click narrows the filters."""

import streamlit as st

from ui.page import dot_matrix, empty_state, open_page

with open_page("Countries") as page:
    st.title("Countries")
    if not empty_state(page):
        st.caption("Each circle counts the events a country is a party to. Click a circle to narrow the filters to it.")
        dot_matrix(page, "country", "year", "Events per country per year")
        dot_matrix(
            page,
            "country",
            "policy_type",
            "Events per country and policy type",
            subtitle="An event with several policy types counts once under each.",
            colour_by="column",
        )
        st.page_link("pages/10_Timeline.py", label="See these events on the timeline", icon=":material/timeline:")
