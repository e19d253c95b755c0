"""Presenter mode: the filtered events as slides for a projector, one at a time in date order, each on the timeline.

On with the sidebar toggle or `present=1` in the link (any page); the step is `step=N`, so a link reopens the same
slide. The sidebar and Streamlit's header are hidden, also inside an `?embed=true` iframe.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import TYPE_CHECKING

import streamlit as st

from ui import charts, filters, slides
from ui.citation import Citation, cite_figure
from ui.reader import alert
from ui.view import COUNTED_CELL, COUNTED_FIRST_EVENT, view_slug

if TYPE_CHECKING:
    from ui.page import Page

CHART = "presenter_chart"
# Our own style sheet (no article text in it): hide the app's chrome, use the whole width, enlarge the controls.
CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 1.2rem 3rem .5rem !important; max-width: none !important;}
[data-testid="stMain"] [data-testid="stButton"] button p {font-size: 1.3rem;}
</style>"""


def go_to(step: int) -> None:
    filters.set_view(step=step)


def leave() -> None:
    filters.set_view(present=False, step=1)


def jump_from_chart(deck: slides.Deck) -> None:
    """Show the event clicked on the timeline; a click on a counted timeline's cell shows the cell's earliest event."""
    for point in filters.selected_points(CHART)[:1]:
        step = slides.step_of(deck, str(point[COUNTED_FIRST_EVENT] if point[0] == COUNTED_CELL else point[0]))
        if step:
            go_to(step)


def controls(where: slides.Position | None, total: int, subtitle: str, version: str) -> None:
    """The top row: what is shown, then previous, next (also the ← and → keys) and exit."""
    head, back, forward, done = st.columns([7, 1.4, 1.4, 1.4], vertical_alignment="center")
    shown = f"Event {where.step} of {total}" if where else "No event"
    head.html(
        f'<p style="font-size:1.15rem;margin:0"><b>{shown}</b> <span style="opacity:.7">· {html.escape(subtitle)} '
        f"· data version {html.escape(version)}</span></p>"
    )
    previous, following = (where.previous, where.next) if where else (None, None)
    for column, label, target, icon, key in (
        (back, "Previous", previous, "arrow_back", "Left"),
        (forward, "Next", following, "arrow_forward", "Right"),
    ):
        column.button(
            label,
            key=f"present_{label.lower()}",
            icon=f":material/{icon}:",
            shortcut=key,
            type="primary" if label == "Next" else "secondary",
            disabled=target is None,
            on_click=go_to,
            args=(target or 1,),
            width="stretch",
        )
    done.button("Exit", key="present_exit", icon=":material/close:", on_click=leave, width="stretch", help="Back to the dashboard")


def show(page: Page, subtitle: str, citation: Citation, max_marks: int | None = None) -> None:
    """Draw the slide of the view's step: the event's date, title, parties and evidence, then the timeline with it marked."""
    st.html(CSS)
    view, style = page.view, page.data.style
    filters.show_notices(view)
    deck = slides.build_deck(page.events)
    where = slides.position(deck, view.step)
    if where and where.step != view.step:
        alert("warning", f"⚠️ Step {view.step} is past the last of the {len(deck)} events; showing step {where.step}.")
        filters.commit(replace(view, step=where.step))
    controls(where, len(deck), subtitle, page.data.corpus.version)
    if where is None:
        st.info("No dated event matches these filters, so there is nothing to present. Exit, and widen the filters.")
        return
    event = page.events[page.events["event_id"] == where.event_id].iloc[0].to_dict()
    st.html(slides.slide_html(slides.slide_facts(event, style), where.step, len(deck)))
    dated = page.events[page.events["date"].notna()]
    counted = charts.counting(dated, view.lanes, view.colour, view.start_date, view.end_date, max_marks=max_marks)
    figure = charts.timeline_figure(
        dated,
        style,
        lanes=view.lanes,
        colour=view.colour,
        start=view.start_date,
        end=view.end_date,
        title=charts.timeline_title(len(deck), view.lanes, view.colour, counted=counted),
        subtitle=subtitle,
        selected=where.event_id,
        counted=counted,
    )
    cite_figure(slides.presenter_figure(figure, event["date"]), citation)
    charts.place_legend(figure)
    name = f"presenter-step-{where.step}_{view_slug(view)}_{page.data.corpus.version}"
    st.plotly_chart(
        figure,
        key=CHART,
        width="stretch",
        config=charts.chart_config(name, filters.image_format()),
        on_select=lambda: jump_from_chart(deck),
        selection_mode="points",
    )
    if deck.undated:
        st.caption(f"Not in the slides, being undated: {charts.plural(deck.undated, 'event')} matching the filters.")
