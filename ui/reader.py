"""The event detail and article reader: article text is always HTML-escaped, with the date evidence marked."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from ui.charts import between_words, describe_date, format_day, format_window, plural
from ui.provenance import mentioned_events, parent_event, source_articles
from ui.style import Style
from ui.view import REASON_LABELS

# Dark text on the light highlight and alerts, whichever theme is on (the theme's light text would not read on them).
INK = "#1b1f24"
MARK = f'<mark style="background:#ffd95a;color:{INK};padding:0 .15em;border-radius:.2em">'
BOX = "white-space:pre-wrap;overflow-wrap:anywhere;max-height:30rem;overflow-y:auto;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem;line-height:1.6"
SNIPPET_CHARS = 90
ALERT_COLOURS = {"success": ("#e6f4ea", "#1e7e34"), "error": ("#fdecea", "#b3261e"), "warning": ("#fff6e0", "#9a6700")}


def alert(kind: str, message: str) -> None:
    """A message that may quote untrusted input (article text, curation input, the URL), escaped, in the colours of
    Streamlit's alerts: st.warning would read it as markdown (directives, icons, LaTeX, links)."""
    background, border = ALERT_COLOURS[kind]
    st.html(
        f'<div role="alert" data-kind="{kind}" style="background:{background};color:{INK};border-left:4px solid {border};'
        f'padding:.6rem 1rem;border-radius:.4rem;margin:.25rem 0">{html.escape(message)}</div>'
    )


def code_label(text: str) -> str:
    """Untrusted text for a widget label (which is markdown) as inline code, so nothing in it is interpreted."""
    return "`" + str(text).replace("`", "'") + "`"


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


MAX_QUOTED = 3  # evidence phrases "How it was dated" quotes
CONFIDENCE_SENTENCES = {
    "high": "We are confident in this date: it rests on a date printed in the article, and nothing in the text contradicts it.",
    "medium": "We are fairly confident: the day shown is the most likely by a clear margin, but the text leaves other days possible.",
    "low": "This date is a best guess: the text allows several days, and the one shown is only the likeliest of them.",
}


def dating_sentences(event: Mapping) -> list[str]:
    """How an event was dated, in plain sentences a student can follow (from its window, evidence, confidence and
    method); the method's own technical wording goes in an expander beside them."""
    if pd.isna(event["date"]):
        return [
            "No date could be read for this event: nothing in the article narrows it down to a few months, so it is left undated rather than guessed."
        ]
    earliest, latest, date = event["date_earliest"], event["date_latest"], event["date"]
    evidence = [phrase for phrase in dict.fromkeys(event["date_evidence"]) if phrase][:MAX_QUOTED]
    sentences = []
    if evidence:
        sentences.append(f"The article's words that date it: {', '.join(f'“{phrase}”' for phrase in evidence)}.")
    days = (latest - earliest).days + 1
    if days == 1:
        sentences.append(f"Together they point to a single day: {format_day(date)}.")
    elif event["date_precision"] == "day":
        sentences.append(f"They leave {days} possible days, {between_words(earliest, latest)}; {format_day(date)} is the likeliest.")
    else:
        sentences.append(f"They narrow it only to {days:,} days, {between_words(earliest, latest)}, so it is drawn as a bar over them.")
    method = str(event["date_method"] or "")
    if "matches landmark" in method:
        sentences.append("A known event of the period (a landmark) fits what the article describes, which made its days the likelier ones.")
    if method.startswith("curated"):
        sentences.append(f"A person reviewing the events set this date by hand ({method}).")
    elif event.get("curation") is not None and len(event["curation"]):
        sentences.append("A person reviewing the events corrected this event by hand.")
    sentences.append(CONFIDENCE_SENTENCES.get(event["date_confidence"], ""))
    return [s for s in sentences if s]


def event_rows(event: Mapping, style: Style) -> list[tuple[str, str]]:
    """What the detail panel says about an event, as (label, value) pairs."""
    dated = not pd.isna(event["date"])
    published = event["published_date"]
    rows = [
        ("Date", describe_date(event)),
        ("Possible window", format_window(event["date_earliest"], event["date_latest"]) if dated else "unknown"),
        ("How it was dated", " ".join(dating_sentences(event))),
        ("US administration", style.administration.label(event["us_administration"])),
        ("Parties", ", ".join(style.country.label(c) for c in event["countries"]) or "none identified"),
        ("Policy types (matched phrases)", _policy_words(event, style)),
        ("Officials named", ", ".join(event["officials"]) or "none identified"),
        ("Source", (event["source"] or "not shown") + ("" if pd.isna(published) else f", published {published:%d %b %Y}")),
        ("Reported by", f"{plural(event['n_sources'], 'article')}: {', '.join(source_articles(event))}"),
        ("Role", "the article's main event" if event["role"] == "primary" else "an event the article mentions"),
    ]
    extras = (
        ("Merged reports, and why", "merge_note"),
        ("Corrections applied", "curation"),
        ("Worth a human look", "review_reasons"),
        ("Loader warnings", "warnings"),
    )
    for label, column in extras:
        value = event.get(column)
        if column == "review_reasons" and value is not None:
            value = [REASON_LABELS.get(code, code) for code in value]
        if value is not None and len(value):
            rows.append((label, value if isinstance(value, str) else "; ".join(value)))
    return rows


def evidence_spans(event: Mapping, article) -> list[tuple[int, int]]:
    """Where the event's date evidence sits in its article's text (none without the text)."""
    if article is None:
        return []
    return locate_spans(article.text, list(event["date_evidence"]), list(event["date_evidence_offsets"]))


def show_evidence(article, spans: list[tuple[int, int]]) -> None:
    """The date evidence, each span with some text either side."""
    if article is None:
        st.caption("The article text is not available.")
        return
    st.markdown("**Date evidence in the text**")
    if spans:
        st.html("".join(f'<p style="margin:.2rem 0 .6rem">{snippet_html(article.text, span)}</p>' for span in spans))
    else:
        st.caption("No date evidence was found in the text.")


def show_provenance(event: Mapping, events: pd.DataFrame, on_open: Callable[[str], None]) -> None:
    """For a mentioned event, the main event of its article; for a main event, the other events its articles mention."""
    parent = parent_event(events, event)
    if parent is not None:
        text, button = st.columns([6, 1], vertical_alignment="center")
        text.html(
            f'<p style="margin:0">Mentioned in the article whose main event is <b>{html.escape(parent["title"])}</b> '
            f"({html.escape(describe_date(parent))}).</p>"
        )
        button.button(
            "Open the main event", key=f"parent_{event['event_id']}", on_click=on_open, args=(parent["event_id"],), width="stretch"
        )
    mentioned = mentioned_events(events, event)
    if mentioned.empty:
        return
    st.markdown(f"**Other events {'this article mentions' if event['n_sources'] == 1 else 'these articles mention'} ({len(mentioned)})**")
    for row in mentioned.to_dict("records"):
        when, sentence, button = st.columns([2, 6, 1], vertical_alignment="center")
        day, *how = describe_date(row).split(" · ")
        when.html(f'<b>{html.escape(day)}</b><br><span style="opacity:.75">{html.escape(" · ".join(how))}</span>')
        sentence.html(f'<p style="margin:0">{html.escape(row["event_sentence"] or row["title"])}</p>')
        button.button(
            "Open", key=f"mention_{event['event_id']}_{row['event_id']}", on_click=on_open, args=(row["event_id"],), width="stretch"
        )


def show_article_texts(event: Mapping, article, spans: list[tuple[int, int]], articles: Mapping, expanded: bool = True) -> None:
    """The article text with the date evidence marked; for a merged event, every source article in its own tab."""
    others = [a for a in source_articles(event)[1:] if a in articles]
    label = "Article text, date evidence highlighted" if not others else "The texts of the articles reporting this event"
    with st.expander(label, expanded=expanded):
        if not others:
            st.html(f'<div style="{BOX}">{mark_html(article.text, spans)}</div>')
            return
        tabs = st.tabs([f"{code_label(event['article_id'])} (evidence highlighted)", *map(code_label, others)])
        tabs[0].html(f'<div style="{BOX}">{mark_html(article.text, spans)}</div>')
        for tab, article_id in zip(tabs[1:], others, strict=True):
            url = safe_url(articles[article_id].meta.get("url"))
            if url:
                tab.link_button("Open this source article", url, icon=":material/open_in_new:")
            tab.html(f'<div style="{BOX}">{html.escape(articles[article_id].text)}</div>')


def show_event(
    event: Mapping,
    article,
    style: Style,
    on_close: Callable[[], None],
    *,
    events: pd.DataFrame | None = None,
    articles: Mapping | None = None,
    on_open: Callable[[str], None] | None = None,
    linked: Callable[[], None] | None = None,
) -> None:
    """The detail panel of one event: summary, dating, parties, types, officials, source link, and the article text.

    Given the event table and a way to open an event, it also links a mentioned event to its article's main event and
    lists the events a main event's articles mention; given every article, it shows each source of a merged event.
    `linked` draws what else the event is linked to (the landmark it reports), above the article text.
    """
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        head.html(f'<h3 style="margin:0">{html.escape(event["title"] or event["event_id"])}</h3>')
        close.button("Close", on_click=on_close, icon=":material/close:", key=f"close_{event['event_id']}", width="stretch")
        st.html(f'<p style="font-size:1.05rem;margin:.25rem 0 .5rem">{html.escape(event["summary"] or "No summary.")}</p>')
        left, right = st.columns([3, 2])
        left.html(details_html(event_rows(event, style)))
        if event["date_method"]:
            with left.expander("How the date was decided, step by step (technical)"):
                st.text(event["date_method"])  # quotes the article: plain text, never markdown or HTML
        url = safe_url(event["url"] or (article.meta.get("url") if article else ""))
        if url:
            right.link_button("Open the source article", url, icon=":material/open_in_new:")
        else:
            right.caption("The article gives no web address.")
        spans = evidence_spans(event, article)
        with right:
            show_evidence(article, spans)
        if linked is not None:
            linked()
        if events is not None and on_open is not None:
            show_provenance(event, events, on_open)
        if article is not None:
            show_article_texts(event, article, spans, articles or {})
