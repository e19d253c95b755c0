"""Timeline: dated events on a true date axis, one lane per country, policy type or administration, under the period's
landmarks and the policies in force."""

from functools import partial

import streamlit as st

from ui import charts, context_charts, filters
from ui.context import timeline_context
from ui.page import describe_filters, empty_state, event_panel, open_page, page_citation, plotly

CHART = "timeline_chart"
# Callbacks are kept with the session until the next run: a partial of a ui function, not a lambda of this script,
# whose globals would keep this run's figure and events alive in every session.

with open_page("Timeline") as page:
    view = page.view
    st.title("Timeline")
    filters.timeline_controls()
    dated = page.events[page.events["date"].notna()]
    context = timeline_context(page.data, view, dated)
    nothing = empty_state(page)
    undated = len(page.events) - len(dated)
    if not nothing and dated.empty:
        st.info(f"All {undated} matching events are undated, so none can be placed on the timeline: the Events page lists them.")
    if len(dated) or context.drawn:
        figure = charts.timeline_figure(
            dated,
            page.data.style,
            lanes=view.lanes,
            colour=view.colour,
            start=view.start_date,
            end=view.end_date,
            title=charts.timeline_title(len(dated), view.lanes, view.colour, len(context.landmarks)),
            subtitle=describe_filters(page),
            selected=view.event_id,
        )
        context_charts.add_context(
            figure,
            context.landmarks,
            context.policies,
            page.data.style,
            start=view.start_date,
            end=view.end_date,
            links=context.links(dated),
            selected=view.event_id,
        )
        cited = page_citation(page, dated, landmarks=context.landmarks.sort_values("date"), policies=context.policies["policy_id"])
        plotly(figure, f"timeline_by-{view.lanes}", page, key=CHART, on_select=partial(filters.select_from_chart, CHART), citation=cited)
        note = f" Not drawn, being undated: {charts.plural(undated, 'event')} (see Events)." if undated else ""
        st.caption(
            "Click an event or a landmark (◆) to read it below. Drag across the chart to zoom, double-click to zoom out. "
            f"{context.caption()}{note}"
        )
    event_panel(page)
