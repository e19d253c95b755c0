"""The event detail and article reader: article text is always HTML-escaped, with the date evidence marked."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from ui.charts import describe_date, format_window, plural
from ui.style import Style

MARK = '<mark style="background:#ffd95a;color:inherit;padding:0 .15em;border-radius:.2em">'
BOX = "white-space:pre-wrap;max-height:30rem;overflow-y:auto;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem;line-height:1.6"
SNIPPET_CHARS = 90


def locate_spans(text: str, evidence: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """Where each evidence span sits in the text: at its recorded offset when the text matches there, else its first occurrence."""
    spans = []
    for phrase, offset in zip(evidence, offsets, strict=False):
        if not phrase:
            continue
        start = offset if text[offset : offset + len(phrase)] == phrase else text.find(phrase)
        if start >= 0:
            spans.append((start, start + len(phrase)))
    return sorted(set(spans))


def mark_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The text HTML-escaped, with each span wrapped in <mark> (overlapping spans merged)."""
    parts, cursor = [], 0
    for start, end in spans:
        start = max(start, cursor)
        if start >= end:
            continue
        parts += [html.escape(text[cursor:start]), MARK, html.escape(text[start:end]), "</mark>"]
        cursor = end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


def snippet_html(text: str, span: tuple[int, int], width: int = SNIPPET_CHARS) -> str:
    """A span with some text either side, escaped and marked, on one line."""
    start, end = span
    left, right = max(0, start - width), min(len(text), end + width)
    body = mark_html(text[left:right], [(start - left, end - left)])
    return ("…" if left else "") + " ".join(body.split()) + ("…" if right < len(text) else "")


def safe_url(url: object) -> str:
    """The URL when it is a plain web address, else empty (no javascript: or data: links)."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def details_html(rows: list[tuple[str, str]]) -> str:
    """A two-column table of labels and values, every value escaped."""
    cells = "".join(
        f'<tr><th style="text-align:left;vertical-align:top;padding:.2rem 1rem .2rem 0;white-space:nowrap">{html.escape(k)}</th>'
        f'<td style="padding:.2rem 0">{html.escape(v)}</td></tr>'
        for k, v in rows
    )
    return f'<table style="border-collapse:collapse;border:none;font-size:.95rem">{cells}</table>'


def _policy_words(event: Mapping, style: Style) -> str:
    phrases: dict[str, list[str]] = {}
    for item in event["policy_evidence"]:
        key, _, phrase = item.partition(":")
        phrases.setdefault(key.strip(), []).append(phrase.strip())
    return (
        "; ".join(f"{style.policy_type.label(k)} ({', '.join(dict.fromkeys(phrases.get(k, [])))})" for k in event["policy_types"])
        or "none identified"
    )


def event_rows(event: Mapping, style: Style) -> list[tuple[str, str]]:
    """What the detail panel says about an event, as (label, value) pairs."""
    dated = not pd.isna(event["date"])
    published = event["published_date"]
    rows = [
        ("Date", describe_date(event)),
        ("Possible window", format_window(event["date_earliest"], event["date_latest"]) if dated else "unknown"),
        ("How it was dated", event["date_method"] or "—"),
        ("US administration", style.administration.label(event["us_administration"])),
        ("Parties", ", ".join(style.country.label(c) for c in event["countries"]) or "none identified"),
        ("Policy types (matched phrases)", _policy_words(event, style)),
        ("Officials named", ", ".join(event["officials"]) or "none identified"),
        ("Source", (event["source"] or "not shown") + ("" if pd.isna(published) else f", published {published:%d %b %Y}")),
        ("Article", f"{event['article_id']} ({plural(event['n_sources'], 'source')})"),
        ("Role", "the article's main event" if event["role"] == "primary" else "an event the article mentions"),
    ]
    extras = (("Merged reports", "merge_note"), ("Worth a human look", "review_reasons"), ("Loader warnings", "warnings"))
    for label, column in extras:
        value = event.get(column)
        if value is not None and len(value):
            rows.append((label, value if isinstance(value, str) else "; ".join(value)))
    return rows


def show_event(event: Mapping, article, style: Style, on_close: Callable[[], None]) -> None:
    """The detail panel of one event: summary, dating, parties, types, officials, source link, and the article text."""
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        head.html(f'<h3 style="margin:0">{html.escape(event["title"] or event["event_id"])}</h3>')
        close.button("Close", on_click=on_close, icon=":material/close:", key=f"close_{event['event_id']}", width="stretch")
        st.html(f'<p style="font-size:1.05rem;margin:.25rem 0 .5rem">{html.escape(event["summary"] or "No summary.")}</p>')
        left, right = st.columns([3, 2])
        left.html(details_html(event_rows(event, style)))
        url = safe_url(event["url"] or (article.meta.get("url") if article else ""))
        if url:
            right.link_button("Open the source article", url, icon=":material/open_in_new:")
        else:
            right.caption("The article gives no web address.")
        if article is None:
            right.caption("The article text is not available.")
            return
        spans = locate_spans(article.text, list(event["date_evidence"]), list(event["date_evidence_offsets"]))
        right.markdown("**Date evidence in the text**")
        if spans:
            right.html("".join(f'<p style="margin:.2rem 0 .6rem">{snippet_html(article.text, span)}</p>' for span in spans))
        else:
            right.caption("No date evidence was found in the text.")
        with st.expander("Article text, date evidence highlighted", expanded=True):
            st.html(f'<div style="{BOX}">{mark_html(article.text, spans)}</div>')
