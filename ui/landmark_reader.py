"""The landmark detail panel, the link from an article event to the landmark it reports, and the Home page's years at a
glance: every value from the tables is HTML-escaped, every link a plain web address."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from ui.charts import plural
from ui.landmarks import TABLE, describe_landmark_date, kind_words
from ui.reader import details_html, safe_url
from ui.style import Style

MUTED = "opacity:.75"


def link_html(url: str, text: str = "") -> str:
    """An escaped link that opens in a new tab; the escaped text alone when the address is not a plain web address."""
    safe = safe_url(url)
    shown = html.escape(text or url)
    if not safe:
        return shown
    return f'<a href="{html.escape(safe, quote=True)}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def landmark_rows(landmark: Mapping, style: Style) -> list[tuple[str, str]]:
    """What the panel says about a landmark, as (label, value) pairs."""
    return [
        ("Date", f"{describe_landmark_date(landmark)} · dated to the {landmark['date_precision']}"),
        ("Kind", kind_words(landmark["kind"])),
        ("Place", landmark["place"] or "not recorded"),
        ("Parties", ", ".join(style.country.label(c) for c in landmark["countries"]) or "none listed"),
        ("Policy types", ", ".join(style.policy_type.label(t) for t in landmark["policy_types"]) or "none listed"),
        ("Who took part", ", ".join(landmark["officials"]) or "not recorded"),
        ("US administration", style.administration.label(landmark["us_administration"])),
    ]


def show_landmark(
    landmark: Mapping, style: Style, on_close: Callable[[], None], events: pd.DataFrame, on_open: Callable[[str], None]
) -> None:
    """The detail panel of one landmark: what happened, when and where, who took part, its source (a link and the phrase
    that dates it), and the article events that report it."""
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        head.html(
            f'<p style="margin:0;{MUTED}">Landmark of the period · {html.escape(kind_words(landmark["kind"]))} · '
            f"{html.escape(describe_landmark_date(landmark))}</p>"
            f'<h3 style="margin:0">{html.escape(landmark["title"])}</h3>'
        )
        close.button("Close", on_click=on_close, icon=":material/close:", key=f"close_{landmark['event_id']}", width="stretch")
        st.html(f'<p style="font-size:1.05rem;margin:.25rem 0 .5rem">{html.escape(landmark["summary"] or "No summary.")}</p>')
        left, right = st.columns([3, 2])
        left.html(details_html(landmark_rows(landmark, style)))
        with right:
            url = safe_url(landmark["url"])
            if url:
                st.link_button("Open the source", url, icon=":material/open_in_new:")
            phrase = landmark["date_evidence"][0] if len(landmark["date_evidence"]) else ""
            st.html(
                f'<p data-testid="landmark-source" style="margin:.2rem 0;overflow-wrap:anywhere">Source: {link_html(landmark["url"])}</p>'
                + (f'<p style="margin:.2rem 0">The source dates it: <q>{html.escape(phrase)}</q></p>' if phrase else "")
                + f'<p style="margin:.2rem 0;{MUTED}">From the reference table {html.escape(TABLE)}, in the team\'s own words.</p>'
            )
        show_reports(landmark, events, on_open)


def show_reports(landmark: Mapping, events: pd.DataFrame, on_open: Callable[[str], None]) -> None:
    """The article events that report this landmark (one event, several sources), each with a button to open it."""
    reports = events[events["landmark_id"] == landmark["landmark_id"]]
    if reports.empty:
        st.caption("No article of this corpus reports it.")
        return
    st.markdown(f"**Reported by {plural(len(reports), 'article event')} of this corpus**")
    for row in reports.to_dict("records"):
        text, button = st.columns([6, 1], vertical_alignment="center")
        text.html(
            f'<p style="margin:0">{html.escape(row["title"])} <span style="{MUTED}">({html.escape(row["source"] or "outlet not shown")})</span></p>'
        )
        button.button(
            "Open", key=f"report_{landmark['landmark_id']}_{row['event_id']}", on_click=on_open, args=(row["event_id"],), width="stretch"
        )


def show_reported_landmark(event: Mapping, landmarks: pd.DataFrame, on_open: Callable[[str], None]) -> None:
    """For an article event whose day a landmark decided: that landmark, its source, and a button to open it."""
    match = landmarks[landmarks["landmark_id"] == event.get("landmark_id", "")]
    if match.empty:
        return
    landmark = match.iloc[0]
    text, button = st.columns([6, 1], vertical_alignment="center")
    text.html(
        f'<p style="margin:0">Reports the landmark <b>{html.escape(landmark["title"])}</b> '
        f"({html.escape(describe_landmark_date(landmark))}; source: {link_html(landmark['url'], landmark['source'])}): "
        "the same event, told by this article and by the reference table.</p>"
    )
    button.button(
        "Open the landmark", key=f"landmark_of_{event['event_id']}", on_click=on_open, args=(landmark["event_id"],), width="stretch"
    )


def glance_html(years: Mapping[int, pd.DataFrame]) -> str:
    """The key landmarks of each year as an escaped list: date, title, summary and a link to the source."""
    blocks = []
    for year, landmarks in years.items():
        if landmarks.empty:
            continue
        items = []
        for row in landmarks.to_dict("records"):
            day = f"{row['date'].day} {row['date']:%b}"
            source = link_html(row["url"], row["source"] or "source")
            items.append(
                f'<li style="margin:.15rem 0 .45rem"><b>{html.escape(day)}</b> · {html.escape(row["title"])}<br>'
                f'<span style="{MUTED}">{html.escape(row["summary"])} ({source})</span></li>'
            )
        blocks.append(f'<h4 style="margin:.6rem 0 .2rem">{year}</h4><ul style="margin:0;padding-left:1.1rem">{"".join(items)}</ul>')
    return "".join(blocks)
