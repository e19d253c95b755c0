"""Home page and entry point: what the dashboard shows, headline figures, how to read dates, and the load report.

Run with: streamlit run dashboard.py   (ARTICLES_DIR=/path/to/articles to read another folder)
"""

import pandas as pd
import streamlit as st

from loaders.articles import ARTICLES_DIR
from ui.data import headline_figures
from ui.landmark_reader import glance_html
from ui.landmarks import PER_YEAR, key_landmarks
from ui.page import open_page

GLANCE_YEARS = range(2018, 2025)

with open_page("Overview") as page:
    corpus = page.data.corpus
    main_events = page.data.events[page.data.events["role"] == "primary"]
    mentioned = len(page.data.events) - len(main_events)
    figures = headline_figures(main_events, len(corpus.articles))

    st.title("US–Mexico and Central America migration diplomacy, 2018–2024")
    st.markdown(
        "A timeline of the diplomacy between the United States, Mexico and the Central American countries over migration: "
        "agreements, pressure, enforcement deals, aid for root causes and legal pathways, as reported in news articles. "
        "Every event is read from an article, with the text its date rests on, so you can check each one. "
        "The Timeline, Events and Compare pages and this one also show the period's landmarks and the named policies in force, "
        "from the project's own sourced reference tables."
        + (
            " The corpus bundled with the dashboard is a **five-article sample**: set `ARTICLES_DIR` to a folder of your own "
            "articles to chart them."
            if page.data.articles_dir == ARTICLES_DIR.resolve()
            else ""
        )
    )
    events, articles, span, certain = st.columns(4)
    events.metric("Events", figures["events"], help=f"One main event per article; the articles also mention {mentioned} other events")
    articles.metric("Articles", figures["articles"])
    span.metric(
        "Date span",
        f"{figures['first_date']:%Y}–{figures['last_date']:%Y}" if figures["dated"] else "—",
        help=f"{figures['dated']} dated events, from {figures['first_date']} to {figures['last_date']}"
        if figures["dated"]
        else "No dated events",
    )
    certain.metric(
        "Dates certain", f"{figures['certain_share']:.0%}", help="Share of events whose date has high confidence: stated and consistent"
    )
    st.caption(
        f"{len(page.events)} of {len(page.data.events)} events match the current filters "
        f"({mentioned} events that articles only mention are shown when the sidebar switch is on). "
        f"{page.data.corpus_note[:1].upper() + page.data.corpus_note[1:] + ' · ' if page.data.corpus_note else ''}Data version {corpus.version}."
    )

    st.subheader("The period at a glance")
    st.markdown(
        f"The {PER_YEAR} key landmarks of each year, from the project's reference table of "
        f"{len(page.data.landmarks)} sourced events (`data/reference/landmarks.csv`), chosen by one rule: steps of a named "
        "policy first (an agreement, programme, suspension or decision within a day of a policy's announcement, start or end), "
        "then summits, agreements, programmes and suspensions before visits, meetings and calls, one of each kind before a "
        "second, and those with a Mexican or Central American party first. Each links to its source; the Timeline shows them all."
    )
    years = list(key_landmarks(page.data.landmarks, GLANCE_YEARS).items())
    for column, half in zip(st.columns(2), (years[:4], years[4:]), strict=True):
        column.html(glance_html(dict(half)))

    st.subheader("Pages")
    left, right = st.columns(2)
    left.page_link(
        "pages/10_Timeline.py", label="Timeline: events over time, by country, policy type or administration", icon=":material/timeline:"
    )
    left.page_link("pages/20_Events.py", label="Events: the table, its downloads and each article", icon=":material/table_rows:")
    left.page_link("pages/50_Compare.py", label="Compare: administrations, countries or periods side by side", icon=":material/compare:")
    right.page_link("pages/30_Countries.py", label="Countries: who is a party to what, and when", icon=":material/public:")
    right.page_link("pages/40_Policy_types.py", label="Policy types: the mix over time and by administration", icon=":material/category:")
    right.page_link("pages/60_Review.py", label="Review: events that need a human look; correct them", icon=":material/rate_review:")
    left.page_link(
        "pages/70_Upload.py",
        label="Upload: bring your own articles (text, web pages or a zip) into this session",
        icon=":material/upload_file:",
    )

    st.subheader("How to read dates and confidence")
    st.markdown(
        """
    - **Precision.** An event is *dated to the day*, *to the month* or *to the year*, as far as its article allows.
      On the timeline a day is a dot; a month or a year is a bar over its whole window, never a dot on an invented day.
    - **Window.** Some evidence only narrows a date down (“Friday”, in an article published some time that summer).
      The window is every date the evidence allows; a thin line on the timeline shows it around a dot.
    - **Confidence.** *High*: the date is stated and consistent. *Medium*: inferred from solid evidence (a weekday and a dateline).
      *Low*: a best guess; drawn hollow. Use the sidebar's minimum confidence to hide guesses.
    - **Undated** events are counted and listed, but cannot be placed on the timeline.
    - **Eras.** Shaded bands on the timeline show which US administration was in office.
    """
    )

    st.subheader("Load report")
    skipped = [issue for issue in corpus.issues if issue.status == "skipped"]
    if not corpus.issues:
        st.success(f"All {len(corpus.articles)} files were read without problems.", icon=":material/check_circle:")
    else:
        st.caption(f"{len(skipped)} files skipped, {len(corpus.issues) - len(skipped)} warnings. Skipped files are not in any chart.")
        report = pd.DataFrame([{"File": i.file, "Status": i.status, "Why": i.reason} for i in corpus.issues])
        st.dataframe(report, hide_index=True, width="stretch", column_config={"Why": st.column_config.TextColumn(width="large")})
