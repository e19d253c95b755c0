"""The shared sidebar filters and the URL state, used by every page through `ui.page.open_page`: the URL is the view.

The view lives in st.session_state and is written to the query string on every run. Streamlit drops unbound
query parameters on a page switch; the session copy puts them back. The URL is read when a session starts, and
again whenever it arrives different from what was last written (a shared link, the browser's back button).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.cache import Dataset
from ui.compare import side_option_label
from ui.reader import alert
from ui.view import (
    CHOICE_WORDS,
    COLOURS,
    CONFIDENCES,
    COUNTED_CELL,
    LANES,
    MAX_SEARCH,
    RANGE,
    Choices,
    View,
    cell_view,
    narrowed,
    normalise_query,
    view_from_query,
    view_to_query,
)

VIEW, WRITTEN, NOTICES, PAGE, FIRST_RUN = "view", "view_query", "view_notices", "view_page", "view_first_run"
# View field -> widget key. Widgets read their value from these keys; the view is rebuilt from them each run.
WIDGETS = {
    "start_date": "w_from",
    "end_date": "w_to",
    "administrations": "w_admin",
    "countries": "w_country",
    "policy_types": "w_type",
    "min_confidence": "w_conf",
    "search": "w_q",
    "undated": "w_undated",
    "mentioned": "w_mentioned",
    "lanes": "w_lanes",
    "colour": "w_colour",
    "side_a": "w_side_a",
    "side_b": "w_side_b",
    "side_a_start_date": "w_a_from",
    "side_a_end_date": "w_a_to",
    "side_b_start_date": "w_b_from",
    "side_b_end_date": "w_b_to",
    "reasons": "w_reason",
    "present": "w_present",
    "landmarks": "w_landmarks",
    "policies": "w_policies",
    "us_lane": "w_us",
}
# Page controls (the timeline's lanes, colours and policy spans, the Compare sides, presenter mode) are not filters:
# "Reset filters" keeps them.
FILTER_FIELDS = tuple(
    field for field in WIDGETS if field not in ("lanes", "colour", "present", "policies", "us_lane") and not field.startswith("side_")
)
IMAGE_FORMAT = "w_image_format"


def _widget_value(field: str, view: View):
    value = getattr(view, field)
    return list(value) if isinstance(value, tuple) else value


def _seed_widgets(view: View, force: bool = False, keep: set[str] = frozenset()) -> None:
    """Set the widgets to show `view` (only those not set yet, unless `force`); the keys in `keep` are left alone."""
    for field, key in WIDGETS.items():
        if key not in keep and (force or key not in st.session_state):
            st.session_state[key] = _widget_value(field, view)


def _incoming_query() -> dict[str, list[str]]:
    return normalise_query({name: st.query_params.get_all(name) for name in st.query_params})


def _from_widgets(view: View) -> View:
    """The stored view updated with what the widgets hold now (empty dates fall back to the defaults)."""
    default = View()
    values = {}
    for field, key in WIDGETS.items():
        value = st.session_state.get(key, _widget_value(field, view))
        if isinstance(value, list):
            value = tuple(value)
        values[field] = getattr(default, field) if value is None else value
    fresh = replace(view, **values)
    if fresh.start_date > fresh.end_date:
        fresh = replace(fresh, start_date=fresh.end_date, end_date=fresh.start_date)
    return fresh


def _sent_before_drawn() -> set[str]:
    """The keys of widgets whose values came with this run but which this session has not drawn yet.

    That happens once: after a server restart the browser reconnects to a new session without running the page, and
    its next click brings the values of every widget it shows. Streamlit 1.67 keeps them by widget id ("$$ID-...-key")
    until the widget is drawn, so `st.session_state` cannot see them yet (private API: an empty set if it moves).
    """
    try:
        states = get_script_run_ctx().session_state._state._new_widget_state.states
        return {widget_id.rsplit("-", 1)[-1] for widget_id in states if widget_id.startswith("$$ID-")}
    except Exception:
        return set()


def current_view(choices: Choices, page: str) -> View:
    """The session's view: from the URL when the session starts or the URL changed from outside, else the stored one.

    The URL changed from outside when it is not the one this session last wrote: a link, an edit, or the browser's
    back and forward buttons (Streamlit reruns on those). An empty URL on another page is a page switch (Streamlit
    drops the query string), not a request for the defaults; on the same page it is (back to the first view).
    Widgets hold the latest edits on a rerun of the same page; after a page switch Streamlit has reset them, so they
    are set again from the stored view.
    """
    incoming = _incoming_query()
    same_page = st.session_state.get(PAGE) == page
    from_outside = incoming != st.session_state.get(WRITTEN) and (bool(incoming) or same_page)
    starting = VIEW not in st.session_state
    keep = _sent_before_drawn() if starting else set()  # a reconnected browser's widgets: their values win
    st.session_state[FIRST_RUN] = starting
    if starting or from_outside:
        view, notices = view_from_query(incoming, choices)
        st.session_state[VIEW] = view
        st.session_state[NOTICES] = (view, tuple(notices))
        _seed_widgets(view, force=True, keep=keep)
    elif st.session_state.get(PAGE) != page:
        _seed_widgets(st.session_state[VIEW], force=True)
    st.session_state[PAGE] = page
    _seed_widgets(st.session_state[VIEW], keep=keep)
    return _from_widgets(st.session_state[VIEW])


def commit(view: View) -> View:
    """Store the view and write it to the URL when the URL differs."""
    st.session_state[VIEW] = view
    query = view_to_query(view)
    if query != _incoming_query():
        st.query_params.from_dict(query)
    st.session_state[WRITTEN] = query
    return view


def set_view(**changes) -> None:
    """Change the view from a callback (before the widgets are drawn), keeping the widgets in step."""
    view = replace(st.session_state[VIEW], **changes)
    st.session_state[VIEW] = view
    for field in changes:
        if field in WIDGETS:
            st.session_state[WIDGETS[field]] = _widget_value(field, view)


def reset_filters() -> None:
    default = View()
    set_view(**{field: getattr(default, field) for field in FILTER_FIELDS})


def select_event(event_id: str) -> None:
    set_view(event_id=event_id)


def selected_points(key: str) -> list[list]:
    """The customdata of the points selected in a chart, read in its on_select callback."""
    state = st.session_state.get(key)
    points = state["selection"]["points"] if state else []
    return [point["customdata"] for point in points if point.get("customdata")]


def select_from_chart(key: str) -> bool:
    """Open the event clicked in a chart whose points carry the event id first in their customdata; a counted timeline's
    cell narrows the dates to its week or month instead, where each event is drawn.

    An empty selection (a double-click to zoom out also clears it) leaves the event open: the panel has a Close button.
    Returns whether an event was opened.
    """
    points = selected_points(key)
    if points and points[0][0] == COUNTED_CELL:
        set_view(**cell_view(points[0]))
    elif points:
        select_event(str(points[0][0]))
    return bool(points) and points[0][0] != COUNTED_CELL


def narrow_from_chart(key: str, rows: str, columns: str) -> None:
    """Narrow the filters to the (row, column) cell clicked in a dot matrix."""
    for row_key, column_key in selected_points(key)[:1]:
        set_view(**narrowed(rows, row_key), **narrowed(columns, column_key))


def share_link(view: View) -> str:
    """The address of this page with this view: what 'share this view' shows."""
    query = urlencode(view_to_query(view), doseq=True)
    base = st.context.url or ""
    return f"{base}?{query}" if query else base or "?"


def show_notices(view: View) -> None:
    """Say which parts of the link were not understood, while the view is still the one the link produced.

    The notice quotes the URL, which anyone can write: it is escaped HTML, never markdown.
    """
    seeded, notices = st.session_state.get(NOTICES, (None, ()))
    if notices and seeded == view:
        alert("warning", "⚠️ Parts of this link were not understood, so defaults were used: " + "; ".join(notices) + ".")


def resolve_view(data: Dataset, page: str) -> View:
    """The view for this run, written to the URL; the widgets that show it are drawn later by `sidebar_filters`."""
    return commit(replace(current_view(data.choices, page), uploaded=data.uploaded))


def sidebar_filters(data: Dataset, view: View) -> None:
    """Draw the shared filters and the share link in the sidebar (the widgets read their values from the session)."""
    choices, style = data.choices, data.style
    with st.sidebar:
        st.header("Filters")
        bounds = {"min_value": choices.min_date, "max_value": choices.max_date, "format": "YYYY-MM-DD"}
        st.date_input(
            "From", key=WIDGETS["start_date"], help="An event is shown when its possible date window overlaps this range", **bounds
        )
        st.date_input("To", key=WIDGETS["end_date"], **bounds)
        st.multiselect(
            "US administration",
            choices.administrations,
            key=WIDGETS["administrations"],
            format_func=style.administration.label,
            placeholder="All",
        )
        st.multiselect(
            "Countries (parties)", choices.countries, key=WIDGETS["countries"], format_func=style.country.label, placeholder="All"
        )
        st.multiselect(
            "Policy types", choices.policy_types, key=WIDGETS["policy_types"], format_func=style.policy_type.label, placeholder="All"
        )
        st.segmented_control(
            "Minimum date confidence",
            CONFIDENCES,
            key=WIDGETS["min_confidence"],
            format_func=CHOICE_WORDS.get,
            required=True,
            help="High: stated and consistent. Medium: inferred from solid evidence. Low: a best guess.",
        )
        st.text_input(
            "Search titles, summaries and evidence",
            key=WIDGETS["search"],
            placeholder="e.g. tariff, Title 42, Harris",
            max_chars=MAX_SEARCH,
        )
        st.toggle(
            "Include undated events",
            key=WIDGETS["undated"],
            help="Undated events are listed and counted, but cannot be placed on the timeline",
        )
        st.toggle(
            "Include events the articles only mention",
            key=WIDGETS["mentioned"],
            help="Besides its main event, an article may mention earlier or later events (“last month, the presidents met…”)",
        )
        st.toggle(
            "Show the period's landmarks",
            key=WIDGETS["landmarks"],
            help="Sourced events of 2017–2025 from the project's reference table (summits, agreements, programmes, suspensions, "
            "visits, calls): a lane of the timeline and rows of the Events table and its downloads. The other filters apply to them.",
        )
        st.button("Reset filters", on_click=reset_filters, icon=":material/restart_alt:")
        st.divider()
        st.subheader("Share this view")
        st.caption("This link reopens this page with these filters, lanes, colours and selected event.")
        st.code(share_link(view), language=None, wrap_lines=True)
        st.segmented_control(
            "Chart camera button saves",
            ["png", "svg"],
            key=IMAGE_FORMAT,
            format_func=str.upper,
            required=True,
            default="png",
            persist_state="session",
        )
        st.toggle(
            "Presenter mode",
            key=WIDGETS["present"],
            help="For a projector: no sidebar, large type, one event at a time in date order (next and previous also with the "
            "→ and ← keys). Add present=1 to a link to open it this way.",
        )


def settle(view: View) -> None:
    """Run the page again, once, when the widgets drawn in a session's first run hold another view than the one the
    page was drawn with: the first click after a server restart (see `_sent_before_drawn`) then takes effect at once."""
    drawn = _from_widgets(st.session_state[VIEW])
    if st.session_state.get(FIRST_RUN) and drawn != view:
        st.session_state[FIRST_RUN] = False
        commit(drawn)
        st.rerun()


def timeline_controls() -> None:
    """The timeline's lanes, colours, United States lane and policy spans: part of the view and the URL, drawn on the
    Timeline page only (the columns stack on a phone)."""
    lanes, colour, us, policies = st.columns([3, 3, 2, 2], vertical_alignment="bottom")
    lanes.segmented_control("Lanes", LANES, key=WIDGETS["lanes"], format_func=CHOICE_WORDS.get, required=True)
    colour.segmented_control("Colour by", COLOURS, key=WIDGETS["colour"], format_func=CHOICE_WORDS.get, required=True)
    us.toggle(
        "United States lane",
        key=WIDGETS["us_lane"],
        help="By country, the United States is a party to almost every event, so its lane repeats the others; it is left "
        "out unless this is on (us=1 in a link). Events of the United States alone keep a lane of their own.",
    )
    policies.toggle(
        "Policies in force",
        key=WIDGETS["policies"],
        help="Named policies and programmes as spans above the events: in force, suspended, or only announced "
        "(data/reference/named_policies.csv). The sidebar's dates, countries and policy types apply to them.",
    )


def compare_controls(data: Dataset) -> None:
    """The Compare page's two sides, each a US administration, a country or its own date range: part of the view and the URL."""
    choices, style = data.choices, data.style
    bounds = {"min_value": choices.min_date, "max_value": choices.max_date, "format": "YYYY-MM-DD"}
    for letter, column in zip(("a", "b"), st.columns(2), strict=True):
        key = WIDGETS[f"side_{letter}"]
        options = list(dict.fromkeys([*choices.sides, st.session_state[key]]))
        column.selectbox(f"Side {letter.upper()}", options, key=key, format_func=lambda k: side_option_label(k, style))
        if st.session_state[key] == RANGE:
            start, end = column.columns(2)
            start.date_input(f"{letter.upper()} from", key=WIDGETS[f"side_{letter}_start_date"], **bounds)
            end.date_input(f"{letter.upper()} to", key=WIDGETS[f"side_{letter}_end_date"], **bounds)


def image_format() -> str:
    return st.session_state.get(IMAGE_FORMAT) or "png"
