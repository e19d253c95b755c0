"""What every page does first (page setup, cached data, shared filters) and the pieces several pages share."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.logger import get_logger

from loaders import COLUMNS, default_articles_dir
from ui import charts, filters, presenter
from ui.cache import Dataset, DataUnavailable, load_dataset
from ui.charts import chart_config
from ui.citation import FIGURE_CHARS, Citation, build_citation, cite_figure
from ui.data import cross_counts, filter_events, landmark_mask
from ui.landmark_reader import show_landmark, show_reported_landmark
from ui.landmarks import is_landmark_id
from ui.reader import show_event
from ui.session import session_data
from ui.view import View, view_slug

LOG = get_logger(__name__)
APP_TITLE = "Migration diplomacy 2018–2024"
PAGE_ICON = "🌎"  # an emoji favicon is drawn locally; a :material/...: icon would be fetched from fonts.gstatic.com


@dataclass(frozen=True)
class Page:
    """A page's inputs: the shared dataset, the view, and the events that view shows."""

    data: Dataset
    view: View
    events: pd.DataFrame


@contextmanager
def open_page(title: str) -> Iterator[Page]:
    """Configure the page, load the cached data and resolve the view; the body draws the page, then the sidebar is drawn.

    The sidebar comes last so the browser receives the page's charts first (it draws them sooner). In presenter mode
    the slide is drawn instead, whichever page the link names, and the run stops there (no body, no sidebar).
    """
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=PAGE_ICON, layout="wide")
    folder = default_articles_dir()
    if not folder.is_dir():
        LOG.error("The article folder %s does not exist", folder)
        st.error("The article folder does not exist. Set ARTICLES_DIR to a folder of .txt articles, or unset it (the server log names it).")
        st.stop()
    try:
        data = session_data(load_dataset())
    except DataUnavailable:
        st.error("The event table could not be built, so there is nothing to show yet. The server log says why.")
        st.stop()
    if data.stale:
        st.warning(
            f"Showing the event table as it was at data version {data.corpus.version} (built {data.built_at}): {data.stale}. "
            "It is rebuilt as soon as the files are fixed; the server log says what went wrong.",
            icon=":material/history:",
        )
    view = filters.resolve_view(data, title)
    page = Page(data, view, filter_events(data.events, view))
    if view.present:
        presenter.show(page, describe_filters(page), page_citation(page, page.events[page.events["date"].notna()]), timeline_max_marks())
        st.stop()
    filters.show_notices(view)
    try:
        yield page
    finally:
        filters.sidebar_filters(data, view)
    filters.settle(view)


def empty_state(page: Page) -> bool:
    """Explain an empty result and offer a way out; True when there is nothing to show."""
    if len(page.events):
        return False
    if len(page.data.events) == 0:
        st.info("The corpus has no readable articles yet: add .txt files to its folder, or set ARTICLES_DIR.")
    else:
        st.info(
            f"No events match these filters ({len(page.data.events)} events in the corpus). "
            "Try a wider date range, fewer countries or policy types, a lower minimum confidence or a shorter search.",
            icon=":material/filter_alt_off:",
        )
        st.button("Reset filters", on_click=filters.reset_filters, key="empty_reset", type="primary")
    return True


def page_citation(
    page: Page, events: pd.DataFrame | None = None, filters_words: str = "", landmarks: pd.DataFrame | None = None, policies=()
) -> Citation:
    """What the page's exports cite: its events (or `events`), the landmarks and policies shown with them, its filters in
    words, the data version and this view's link."""
    shown = page.events if events is None else events
    words = filters_words or describe_filters(page)
    link = filters.share_link(page.view)
    return build_citation(shown, words, page.data.corpus.version, link, dt.date.today(), landmarks, policies, page.data.corpus_note)


def plotly(
    figure: go.Figure,
    name: str,
    page: Page,
    key: str,
    on_select=None,
    citation: Citation | None = None,
    chars: int = FIGURE_CHARS,
    min_lines: int = 0,
) -> None:
    """Draw a figure full width, its citation under the plot (so an export cites itself; `chars` a line, at least
    `min_lines` lines); the modebar camera saves it under a name that says what it shows."""
    cite_figure(figure, citation or page_citation(page), chars, min_lines)
    figure.update_annotations(selector={"name": "citation"}, font_color=None)  # the theme's text colour, light or dark
    charts.place_legend(figure)
    config = chart_config(f"{name}_{view_slug(page.view)}_{page.data.corpus.version}", filters.image_format(), figure.layout.height)
    if on_select is None:
        st.plotly_chart(figure, width="stretch", key=key, config=config)
    else:
        st.plotly_chart(figure, width="stretch", key=key, config=config, on_select=on_select, selection_mode="points")
        st.html(TAP_SCRIPT, unsafe_allow_javascript=True, width="content")


def dot_matrix(page: Page, rows: str, columns: str, title: str, subtitle: str = "", colour_by: str = "", show_share: bool = False) -> None:
    """Events counted per (row, column) key as a dot matrix; clicking a dot narrows the filters to its row and column."""
    counts = cross_counts(page.events, rows, columns)
    row_dimension = charts.dimension_for(page.data.style, rows, counts["row"])
    figure = charts.matrix_figure(
        counts,
        row_dimension,
        charts.dimension_for(page.data.style, columns, counts["column"]),
        colour_by=colour_by,
        show_share=show_share,
        title=title,
        subtitle=subtitle or describe_filters(page),
        y_title=f"{row_dimension.name} (events in total)",
    )
    key = f"{rows}_by_{columns}"
    name = f"{rows}-by-{columns}".replace("_", "-")
    plotly(figure, name, page, key=key, on_select=lambda: filters.narrow_from_chart(key, rows, columns))


_text, _lists = st.column_config.TextColumn, st.column_config.ListColumn
# How an event table's columns are headed and explained, whichever of them a page shows (help from the contract).
EVENT_COLUMNS = {
    "date": st.column_config.DateColumn("Date", help=COLUMNS["date"], format="YYYY-MM-DD"),
    "date_precision": _text("Dated to", help=COLUMNS["date_precision"]),
    "date_confidence": _text("Confidence", help=COLUMNS["date_confidence"]),
    "title": _text("Title", help=COLUMNS["title"], width="large"),
    "review_reasons": _lists("Needs a look because", help=COLUMNS["review_reasons"], width="medium"),
    "role": _text(
        "Kind",
        help="article: an article's main event · mentioned: another event an article mentions · "
        "landmark: a sourced event of the period, from data/reference/landmarks.csv",
    ),
    "countries": _lists("Parties", help=COLUMNS["countries"]),
    "policy_types": _lists("Policy types", help=COLUMNS["policy_types"]),
    "us_administration": _text("US administration", help=COLUMNS["us_administration"]),
    "source": _text("Source", help=COLUMNS["source"]),
    "n_sources": st.column_config.NumberColumn("Sources", help=COLUMNS["n_sources"]),
    "event_id": _text("Event id", help=COLUMNS["event_id"]),
}


def event_table(table: pd.DataFrame, key: str, page: Page, columns: dict | None = None, scroll: bool = False) -> None:
    """A table of one event per row (with an `event_id` column): selecting a row opens that event (and, with `scroll`,
    brings its panel into view); the open one shows selected. Columns are headed as EVENT_COLUMNS says, or `columns`."""
    selected = table.index[table["event_id"] == page.view.event_id].tolist()
    event_ids = table["event_id"].tolist()  # the callback keeps the ids only, not the table, until the next run

    def open_selected_row() -> None:
        rows = st.session_state[key]["selection"]["rows"]
        filters.select_event(event_ids[rows[0]] if rows else "")
        if rows and scroll:
            request_scroll()

    st.dataframe(
        table,
        column_config={name: EVENT_COLUMNS[name] for name in table.columns if name in EVENT_COLUMNS} | (columns or {}),
        hide_index=True,
        key=key,
        on_select=open_selected_row,
        selection_mode="single-row",
        selection_default={"selection": {"rows": selected}},
    )


SCROLL, SCROLLS = "scroll_to_panel", "panel_scrolls"
PANEL_KEY = "event_panel"
# Brings the event panel into view once it is drawn. Fixed text (no event, title or URL value is ever put in it); the
# number only makes each request a new element, so the browser runs it again.
SCROLL_SCRIPT = """<script data-scroll="%d">
(() => {
  let tries = 0;
  const go = () => {
    const panel = document.querySelector(".st-key-%s");
    if (panel && panel.querySelector("h3")) { panel.scrollIntoView({block: "start"}); return; }
    if (++tries < 50) setTimeout(go, 100);
  };
  go();
})();
</script>"""


# On a touch screen plotly selects the point it last hovered, and a tap hovers nothing first: a tap opened the event of an
# earlier tap. This hovers where the finger lands before plotly reads the tap. Fixed text, added once per page.
TAP_SCRIPT = """<script>
if (!window.__hoverOnTouch) {
  window.__hoverOnTouch = true;
  document.addEventListener("touchstart", (event) => {
    const touch = event.touches[0], target = event.target;
    if (!touch || !target.closest || !target.closest("[data-testid='stPlotlyChart'] .draglayer")) return;
    target.dispatchEvent(new MouseEvent("mousemove", {clientX: touch.clientX, clientY: touch.clientY, bubbles: true}));
  }, {capture: true, passive: true});
}
</script>"""


def request_scroll() -> None:
    """From a callback that opens an event: bring its panel into view on this run."""
    st.session_state[SCROLL] = True


def timeline_max_marks() -> int:
    """How many marks the Timeline draws one by one before it counts them per week or month: $TIMELINE_MAX_MARKS, or
    charts.DENSE_MARKS (lower it for a slow host or small screens, raise it for a fast one)."""
    value = os.environ.get("TIMELINE_MAX_MARKS", "").strip()
    if value and not value.isdigit():
        LOG.warning("TIMELINE_MAX_MARKS=%r is not a whole number: the Timeline counts past %s marks", value, charts.DENSE_MARKS)
    return int(value) if value.isdigit() else charts.DENSE_MARKS


def select_from_chart_and_scroll(key: str) -> None:
    """A chart's on_select: open the clicked event (as `filters.select_from_chart`) and bring its panel into view."""
    if filters.select_from_chart(key):
        request_scroll()


def select_and_scroll(event_id: str) -> None:
    filters.select_event(event_id)
    request_scroll()


def scroll_to_panel() -> None:
    """When an event was just opened from the chart or the list, scroll the page to its panel (a small fixed script: the
    panel may be a phone's screen or more below the chart)."""
    if st.session_state.pop(SCROLL, False):
        count = st.session_state[SCROLLS] = st.session_state.get(SCROLLS, 0) + 1
        st.html(SCROLL_SCRIPT % (count, PANEL_KEY), unsafe_allow_javascript=True, width="content")


def event_panel(page: Page) -> None:
    """The detail panel of the selected event or landmark, when one is selected."""
    event_id = page.view.event_id
    if not event_id:
        return
    if is_landmark_id(event_id):
        landmark_panel(page)
        return
    match = page.data.events[page.data.events["event_id"] == event_id]
    if match.empty:
        return
    event = match.iloc[0].to_dict()
    if event_id not in set(page.events["event_id"]):
        hidden = event["role"] == "referenced" and not page.view.mentioned
        switch = " Switch on “Include events the articles only mention” in the sidebar to see it among the others." if hidden else ""
        st.caption(f"The selected event is outside the current filters; it stays open until you close it.{switch}")
    articles = page.data.corpus.articles
    show_event(
        event,
        articles.get(event["article_id"]),
        page.data.style,
        on_close=lambda: filters.select_event(""),
        events=page.data.events,
        articles=articles,
        on_open=filters.select_event,
        linked=lambda: show_reported_landmark(event, page.data.landmarks, filters.select_event),
    )


def landmark_panel(page: Page) -> None:
    """The detail panel of the selected landmark."""
    match = page.data.landmarks[page.data.landmarks["event_id"] == page.view.event_id]
    if match.empty:
        return
    landmark = match.iloc[0].to_dict()
    if not landmark_mask(match, page.view).iloc[0]:
        switch = " Switch on “Show the period's landmarks” in the sidebar to see the others." if not page.view.landmarks else ""
        st.caption(f"The selected landmark is outside the current filters; it stays open until you close it.{switch}")
    show_landmark(landmark, page.data.style, lambda: filters.select_event(""), page.data.events, filters.select_event)


def describe_filters(page: Page) -> str:
    """The active filters in words, for chart subtitles."""
    view, style = page.view, page.data.style
    parts = [f"{view.start_date:%d %b %Y} – {view.end_date:%d %b %Y}"]
    for values, dimension in (
        (view.countries, style.country),
        (view.policy_types, style.policy_type),
        (view.administrations, style.administration),
    ):
        if values:
            parts.append(", ".join(dimension.label(v) for v in values))
    if view.min_confidence != "low":
        parts.append(f"{view.min_confidence} confidence or better" if view.min_confidence == "medium" else "high confidence only")
    if view.search:
        parts.append(f"matching “{view.search}”")
    return " · ".join(parts)
