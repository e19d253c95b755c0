"""Events: the filtered event table, its downloads, and the article reader for the selected row."""

import streamlit as st

from loaders import COLUMNS
from loaders.export import table_for_csv, table_to_json
from ui import filters
from ui.data import display_table
from ui.page import empty_state, event_panel, open_page
from ui.view import view_slug

TABLE = "events_table"
text, lists = st.column_config.TextColumn, st.column_config.ListColumn
COLUMN_CONFIG = {
    "date": st.column_config.DateColumn("Date", help=COLUMNS["date"], format="YYYY-MM-DD"),
    "date_precision": text("Dated to", help=COLUMNS["date_precision"]),
    "date_confidence": text("Confidence", help=COLUMNS["date_confidence"]),
    "title": text("Title", help=COLUMNS["title"], width="large"),
    "countries": lists("Parties", help=COLUMNS["countries"]),
    "policy_types": lists("Policy types", help=COLUMNS["policy_types"]),
    "us_administration": text("US administration", help=COLUMNS["us_administration"]),
    "source": text("Source", help=COLUMNS["source"]),
    "n_sources": st.column_config.NumberColumn("Sources", help=COLUMNS["n_sources"]),
    "event_id": text("Event id", help=COLUMNS["event_id"]),
}


def open_selected_row(table) -> None:
    rows = st.session_state[TABLE]["selection"]["rows"]
    filters.select_event(table["event_id"].iloc[rows[0]] if rows else "")


with open_page("Events") as page:
    st.title("Events")
    if not empty_state(page):
        table = display_table(page.events, page.data.style)
        selected = table.index[table["event_id"] == page.view.event_id].tolist()
        st.caption(f"{len(table)} events match the filters. Click a row to read its article below; click a column header to sort.")
        st.dataframe(
            table,
            column_config=COLUMN_CONFIG,
            hide_index=True,
            key=TABLE,
            on_select=lambda: open_selected_row(table),
            selection_mode="single-row",
            selection_default={"selection": {"rows": selected}},
        )
        name = f"events_{view_slug(page.view)}_{page.data.corpus.version}"
        shown = page.events[list(COLUMNS)]
        csv, json, _ = st.columns([1, 1, 3])
        csv.download_button("Download CSV", table_for_csv(shown).to_csv(index=False), f"{name}.csv", "text/csv", icon=":material/download:")
        json.download_button("Download JSON", table_to_json(shown), f"{name}.json", "application/json", icon=":material/download:")
        st.caption(
            f"Downloads hold the {len(shown)} events above with every column of the event table; lists are joined with ';' in the CSV."
        )
    event_panel(page)
