"""Events: the filtered event table with the period's landmarks, its downloads, and the reader for the selected row."""

import streamlit as st

from loaders.export import table_to_csv, table_to_json
from ui.citation import citation_text, cited_json
from ui.data import display_table_with_kind, filter_landmarks
from ui.landmarks import export_table, not_reported
from ui.page import empty_state, event_panel, event_table, open_page, page_citation
from ui.view import view_slug

TABLE = "events_table"

with open_page("Events") as page:
    st.title("Events")
    if not empty_state(page):
        landmarks = not_reported(filter_landmarks(page.data.landmarks, page.view), page.events)
        shown = export_table(page.events, landmarks)
        table = display_table_with_kind(shown, page.data.style)
        told = f" and {len(landmarks)} landmarks of the period" if len(landmarks) else ""
        st.caption(
            f"{len(page.events)} events{told} match the filters. Click a row to read its article (or a landmark's source) below; "
            "click a column header to sort."
            + (" Switch off “Show the period's landmarks” in the sidebar to list the articles' events alone." if told else "")
        )
        event_table(table, TABLE, page)
        name = f"events_{view_slug(page.view)}_{page.data.corpus.version}"
        citation = page_citation(page, landmarks=landmarks)
        cite = citation_text(citation, (f"{name}.csv", f"{name}.json"))
        csv, json, txt, _ = st.columns([1, 1, 1, 2])
        csv.download_button("Download CSV", table_to_csv(shown), f"{name}.csv", "text/csv", icon=":material/download:")
        json.download_button(
            "Download JSON", cited_json(table_to_json(shown), citation), f"{name}.json", "application/json", icon=":material/download:"
        )
        txt.download_button("Download citation", cite, f"{name}_citation.txt", "text/plain", icon=":material/format_quote:")
        st.caption(
            f"Downloads hold the {len(shown)} rows above with every column of the event table and `landmark_id`; lists are joined "
            "with ';' in the CSV, and a cell that starts like a spreadsheet formula (=, +, -, @) starts with an apostrophe there, "
            "so it stays text. A landmark is a row with `role` landmark, its source address in `url` and the phrase that dates "
            "it in `date_evidence`; an article event whose day a landmark decided names it in `landmark_id` (that landmark is "
            "not repeated as a row of its own). The JSON carries its citation beside the rows; the CSV stays a plain table, "
            "cited by the text file beside it, which lists every landmark's source."
        )
        with st.expander("How to cite these events"):
            st.code(cite, language=None, wrap_lines=True)
    event_panel(page)
