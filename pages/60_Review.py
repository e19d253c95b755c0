"""Review: the events that need a human look, their date candidates and evidence, and the forms that correct them."""

import streamlit as st

from ui import editors, review, review_panel, session
from ui.page import empty_state, open_page

with open_page("Review") as page:
    st.title("Review")
    st.caption(
        "The loader flags events it is unsure of: an uncertain, conflicting or missing date, no party country, no policy type, "
        "a merge of reports that are not much alike. Select one to see every date the loader read in its article and the evidence, "
        "then confirm or correct it. Corrections go to the curation file and are applied, with the value they replace, on every load."
    )
    configured = editors.read_editors()
    store = session.review_store(review.probe_store(editor=editors.signed_in(configured), editors_configured=bool(configured)), page.data)
    review_panel.editor_bar(configured, store)
    listed = review.needs_review(page.events, page.view.reasons)
    if not empty_state(page):
        review_panel.reason_filter(review.reason_counts(page.events), page.view.reasons)
        st.caption(review.describe_queue(listed, page.data.events, page.view.mentioned))
        if len(listed):
            review_panel.queue(listed, page)
        else:
            st.success("No event matching these filters needs a look.", icon=":material/check_circle:")
    review_panel.review_panel(page, store, prompt=len(listed) > 0)
    review_panel.curation_file(page.data, store)
