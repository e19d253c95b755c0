"""Timeline: dated events on a true date axis, one lane per country, policy type or administration."""

import streamlit as st

from ui import charts, filters
from ui.page import describe_filters, empty_state, event_panel, open_page, plotly
from ui.view import CHOICE_WORDS

CHART = "timeline_chart"

with open_page("Timeline") as page:
    view = page.view
    st.title("Timeline")
    filters.timeline_controls()
    if not empty_state(page):
        dated = page.events[page.events["date"].notna()]
        undated = len(page.events) - len(dated)
        if dated.empty:
            st.info(f"All {undated} matching events are undated, so none can be placed on the timeline: the Events page lists them.")
        else:
            figure = charts.timeline_figure(
                dated,
                page.data.style,
                lanes=view.lanes,
                colour=view.colour,
                start=view.start_date,
                end=view.end_date,
                title=f"{len(dated)} events by {CHOICE_WORDS[view.lanes].lower()}, coloured by {CHOICE_WORDS[view.colour].lower()}",
                subtitle=describe_filters(page),
                selected=view.event_id,
            )
            plotly(figure, f"timeline_by-{view.lanes}", page, key=CHART, on_select=lambda: filters.select_from_chart(CHART))
            note = f" Not drawn, being undated: {charts.plural(undated, 'event')} (see Events)." if undated else ""
            st.caption(f"Click an event to read it below. Drag across the chart to zoom, double-click to zoom out.{note}")
    event_panel(page)
