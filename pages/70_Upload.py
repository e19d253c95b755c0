"""Upload: bring your own articles (text, Markdown, HTML pages or a zip of them) into this browser session's timeline."""

import pandas as pd
import streamlit as st

from loaders import COLUMNS
from loaders.export import table_for_csv
from loaders.unpack import LIMITS
from loaders.uploads import SKIPPED, WARNED, articles_zip, status_table
from ui import session
from ui.cache import load_dataset
from ui.page import open_page

MODE_WIDGET, ROUND = "w_upload_mode", "upload_round"
STATUS_COLUMNS = {
    "file": st.column_config.TextColumn("File", width="medium"),
    "status": st.column_config.TextColumn("Status"),
    "events": st.column_config.NumberColumn("Events", help="Events read from the file: its main event and the others it mentions"),
    "date": st.column_config.TextColumn("Main event's date", help="With its confidence"),
    "why": st.column_config.TextColumn("Why skipped, or what to check", width="large"),
}

with open_page("Upload") as page:
    st.title("Bring your own articles")
    st.markdown(
        "Drop your own news articles here — saved web pages (`.html`, `.htm`), text (`.txt`), Markdown (`.md`), or a `.zip` "
        "of them — and they join the timeline, the tables, Compare and Review for **this browser session only**. "
        "Web pages are reduced to their main text (menus, share buttons and footers left out), and the page's own metadata "
        "gives the title, address, outlet and publication date. Your files are read in memory: they are never written to "
        "the server's disk, no other visitor sees them, and they are gone when this session ends — download your articles "
        "below to keep the work and upload it again later."
    )
    mode_column, _ = st.columns([3, 2])
    st.session_state.setdefault(MODE_WIDGET, session.current_mode())
    mode_column.radio(
        "Your articles on every page", list(session.MODES), format_func=session.MODES.get, key=MODE_WIDGET, horizontal=True,
        on_change=session.set_mode, args=(MODE_WIDGET,),
    )  # fmt: skip
    upload_round = st.session_state.get(ROUND, 0)
    files = st.file_uploader(
        "Articles: .txt, .md, .html, .htm, or a .zip of them — several at once",
        accept_multiple_files=True,
        key=f"upload_files_{upload_round}",
        help=f"Up to {LIMITS.upload_bytes // 1_000_000} MB a file; the limits are listed below.",
    )
    if files:
        session.read_files([(file.name, file.getvalue()) for file in files], load_dataset())
        st.session_state[ROUND] = upload_round + 1  # a new, empty uploader: these files are read
        st.rerun()

    uploads = session.current_uploads()
    if uploads.reports:
        table = status_table(uploads, page.data.corpus.events, page.data.reference.landmarks)
        skipped, warned = int((table["status"] == SKIPPED).sum()), int((table["status"] == WARNED).sum())
        st.subheader("Your files")
        read, refused, flagged, events = st.columns(4)
        read.metric("Articles read", len(uploads.articles))
        refused.metric("Files skipped", skipped)
        flagged.metric("Read, with something to check", warned)
        events.metric(
            "Events from your articles", int(page.data.corpus.events["article_id"].isin({a.article_id for a in uploads.articles}).sum())
        )
        st.dataframe(table.drop(columns="article_id"), hide_index=True, width="stretch", column_config=STATUS_COLUMNS, key="upload_status")
        st.caption(f"Every page now shows {page.data.corpus_note}. Data version {page.data.corpus.version}.")
        left, middle, right = st.columns(3)
        left.page_link("pages/10_Timeline.py", label="See them on the timeline", icon=":material/timeline:")
        middle.page_link("pages/20_Events.py", label="Read them in the Events table", icon=":material/table_rows:")
        right.page_link("pages/60_Review.py", label="Review the uncertain ones", icon=":material/rate_review:")
        version = page.data.corpus.version
        save, work, forget = st.columns(3)
        save.download_button(
            "Download the event table (CSV)",
            table_for_csv(page.data.corpus.events[list(COLUMNS)]).to_csv(index=False),
            f"events_{version}.csv",
            "text/csv",
            icon=":material/download:",
            help="Every event of this session's table, every column of the event table",
        )
        work.download_button(
            "Download your articles (zip)",
            articles_zip(uploads),
            f"my_articles_{uploads.fingerprint()}.zip",
            "application/zip",
            icon=":material/folder_zip:",
            disabled=not uploads.articles,
            help="Each article as a text file with front matter (title, address, outlet, date): upload the zip again to pick up where you left off",
        )
        forget.button("Remove my articles", on_click=session.forget_uploads, icon=":material/delete:")

    st.subheader("Limits")
    st.caption(
        "They protect a server many visitors share. A file past a limit is skipped with its reason in the table above; "
        "the other files are read. Uploads are never written to disk, so paths in a zip are only labels, but unsafe ones "
        "are refused all the same."
    )
    st.dataframe(pd.DataFrame(LIMITS.words(), columns=["Limit", "Value"]), hide_index=True, width="stretch", key="upload_limits")
    st.subheader("Sharing a view of your articles")
    st.caption(
        "While your articles are in, the sidebar's link carries `uploaded=N`. Opened anywhere else, it says that those events "
        "belong to someone's browser session and are not on the server, and shows the server's articles. To share the events "
        "themselves, share the article zip or the event table."
    )
