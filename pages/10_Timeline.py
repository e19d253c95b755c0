"""Timeline: dated events on a true date axis, one lane per country, policy type or administration, under the period's
landmarks and the policies in force; the event panel under it, then the list of the events shown."""

from functools import partial

import streamlit as st

from ui import charts, context_charts, filters
from ui.context import timeline_context
from ui.page import (
    PANEL_KEY,
    describe_filters,
    empty_state,
    event_panel,
    event_table,
    open_page,
    page_citation,
    plotly,
    scroll_to_panel,
    select_and_scroll,
    select_from_chart_and_scroll,
    timeline_max_marks,
)

CHART, LIST, PICK = "timeline_chart", "timeline_list", "timeline_pick"
CITATION_CHARS = 58  # the citation under the chart, wrapped to fit a phone's width
# Callbacks are kept with the session until the next run: a partial of a ui function, not a lambda of this script,
# whose globals would keep this run's figure and events alive in every session.
LIST_COLUMNS = {
    "event_id": None,
    "when": st.column_config.TextColumn("How precisely", help="How narrowly the evidence dates the event"),
    "countries": st.column_config.ListColumn("Parties"),
    "policy_types": st.column_config.ListColumn("Policy types"),
}


def pick_event() -> None:
    select_and_scroll(st.session_state[PICK] or "")


with open_page("Timeline") as page:
    view = page.view
    phone = charts.is_phone(st.context.headers.get("User-Agent", ""))  # labels are kept apart for a phone's narrow plot
    st.title("Timeline")
    filters.timeline_controls()
    dated = page.events[page.events["date"].notna()]
    context = timeline_context(page.data, view, dated)
    nothing = empty_state(page)
    undated = len(page.events) - len(dated)
    if not nothing and dated.empty:
        st.info(f"All {undated} matching events are undated, so none can be placed on the timeline: the Events page lists them.")
    if len(dated) or context.drawn:
        counted = charts.counting(dated, view.lanes, view.colour, view.start_date, view.end_date, view.us_lane, timeline_max_marks())
        figure = charts.timeline_figure(
            dated,
            page.data.style,
            lanes=view.lanes,
            colour=view.colour,
            start=view.start_date,
            end=view.end_date,
            title=charts.timeline_title(len(dated), view.lanes, view.colour, len(context.landmarks), counted),
            subtitle=describe_filters(page),
            selected=view.event_id,
            us_lane=view.us_lane,
            counted=counted,
            narrow=phone,
        )
        lane_names = list(figure.layout.yaxis.ticktext or ())
        context_charts.add_context(
            figure,
            context.landmarks,
            context.policies,
            page.data.style,
            start=view.start_date,
            end=view.end_date,
            links=context.links(dated),
            selected=view.event_id,
            narrow=phone,
        )
        cited = page_citation(page, dated, landmarks=context.landmarks.sort_values("date"), policies=context.policies["policy_id"])
        plotly(
            figure,
            f"timeline_by-{view.lanes}",
            page,
            key=CHART,
            on_select=partial(select_from_chart_and_scroll, CHART),
            citation=cited,
            chars=CITATION_CHARS,
        )
        note = f" Not drawn, being undated: {charts.plural(undated, 'event')} (see Events)." if undated else ""
        click = (
            f"a cell to narrow the dates to its {counted} and see each event, or a landmark (◆) to read it below, or choose an "
            "event in the list"
            if counted
            else "an event or a landmark (◆) to read it below, or choose it in the list"
        )
        st.caption(
            f"{charts.timeline_summary(figure, view.lanes, lane_names)} Click {click}. Drag across the chart to zoom, "
            f"double-click to zoom out. {context.caption()}{note}"
        )
    with st.container(key=PANEL_KEY):
        event_panel(page)
    if len(dated):
        listed = charts.event_list(dated, page.data.style)
        st.subheader(f"The {charts.plural(len(listed), 'event')} shown", anchor=False)
        ids = listed["event_id"].tolist()
        st.session_state[PICK] = view.event_id if view.event_id in set(ids) else None
        labels = charts.pick_labels(listed)
        st.selectbox(
            "Open an event (type to search, Enter to open)",
            ids,
            key=PICK,
            format_func=labels.get,
            index=None,
            placeholder="Choose an event by its date and title",
            on_change=pick_event,
        )
        event_table(listed, LIST, page, columns=LIST_COLUMNS, scroll=True)
    scroll_to_panel()
