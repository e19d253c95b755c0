"""Events: the filtered event table, its downloads, and the article reader for the selected row."""

import streamlit as st

from loaders import COLUMNS
from loaders.export import table_to_csv, table_to_json
from ui.citation import citation_text, cited_json
from ui.data import display_table
from ui.page import empty_state, event_panel, event_table, open_page, page_citation
from ui.view import view_slug

TABLE = "events_table"

with open_page("Events") as page:
    st.title("Events")
    if not empty_state(page):
        table = display_table(page.events, page.data.style)
        st.caption(f"{len(table)} events match the filters. Click a row to read its article below; click a column header to sort.")
        event_table(table, TABLE, page)
        name = f"events_{view_slug(page.view)}_{page.data.corpus.version}"
        shown = page.events[list(COLUMNS)]
        citation = page_citation(page)
        cite = citation_text(citation, (f"{name}.csv", f"{name}.json"))
        csv, json, txt, _ = st.columns([1, 1, 1, 2])
        csv.download_button("Download CSV", table_to_csv(shown), f"{name}.csv", "text/csv", icon=":material/download:")
        json.download_button(
            "Download JSON", cited_json(table_to_json(shown), citation), f"{name}.json", "application/json", icon=":material/download:"
        )
        txt.download_button("Download citation", cite, f"{name}_citation.txt", "text/plain", icon=":material/format_quote:")
        st.caption(
            f"Downloads hold the {len(shown)} events above with every column of the event table; lists are joined with ';' in the CSV, "
            "and a cell that starts like a spreadsheet formula (=, +, -, @) starts with an apostrophe there, so it stays text. "
            "The JSON carries its citation beside the events; the CSV stays a plain table, cited by the text file beside it."
        )
        with st.expander("How to cite these events"):
            st.code(cite, language=None, wrap_lines=True)
    event_panel(page)
