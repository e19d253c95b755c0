"""Presenter mode without Streamlit (pure): the filtered events as a deck of slides in date order, where a step
lands, and one slide's text as escaped HTML."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui.charts import describe_date
from ui.style import Style

MAX_TITLE = 300  # a slide shows this much of a title; the reader shows all of it


@dataclass(frozen=True)
class Deck:
    """The events to step through, in date order (dated events only: an undated one has no place on the timeline)."""

    event_ids: tuple[str, ...]
    undated: int = 0

    def __len__(self) -> int:
        return len(self.event_ids)


@dataclass(frozen=True)
class Position:
    """Where a step lands: the 1-based step shown, its event, and the steps before and after (None at either end)."""

    step: int
    event_id: str
    previous: int | None
    next: int | None


def build_deck(events: pd.DataFrame) -> Deck:
    """The dated events in date order (earliest possible day, then id, for events on one day)."""
    dated = events[events["date"].notna()].sort_values(charts.DECK_ORDER, kind="stable")
    return Deck(tuple(dated["event_id"]), int(events["date"].isna().sum()))


def position(deck: Deck, step: int) -> Position | None:
    """The slide a step asks for, moved onto the deck when it is past either end; None for an empty deck."""
    if not deck.event_ids:
        return None
    shown = min(max(step, 1), len(deck))
    return Position(shown, deck.event_ids[shown - 1], shown - 1 if shown > 1 else None, shown + 1 if shown < len(deck) else None)


def step_of(deck: Deck, event_id: str) -> int | None:
    """The step that shows an event, or None when the deck does not hold it."""
    return deck.event_ids.index(event_id) + 1 if event_id in deck.event_ids else None


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def slide_facts(event: Mapping, style: Style) -> dict[str, str]:
    """What a slide says about an event, in words: title, date (precision, confidence), parties, types, evidence, source."""
    published = event.get("published_date")
    source = event["source"] or "outlet not shown"
    if published is not None and not pd.isna(published):
        source += f", published {published:%d %b %Y}"
    return {
        "title": _cut(event["title"] or event["event_id"], MAX_TITLE),
        "date": describe_date(event),
        "parties": ", ".join(style.country.label(c) for c in event["countries"]) or "no party identified",
        "types": ", ".join(style.policy_type.label(p) for p in event["policy_types"]) or "unclassified",
        "sentence": event["event_sentence"] or event["summary"] or "The article gives no sentence for this event.",
        "source": f"{source} · article {event['article_id']}",
    }


def slide_html(facts: Mapping[str, str], step: int, total: int) -> str:
    """One slide as HTML, every value escaped: date first, the title, parties and types, then the evidence in quotes."""
    e = {key: html.escape(value) for key, value in facts.items()}
    wrap = "overflow-wrap:anywhere;word-break:break-word"
    return (
        f'<section class="slide" data-step="{step}" style="{wrap}">'
        f'<p style="font-size:1.6rem;font-weight:600;color:#004488;margin:0 0 .3rem">{e["date"]}</p>'
        f'<h1 style="font-size:2.7rem;line-height:1.15;margin:0 0 .6rem;padding:0">{e["title"]}</h1>'
        f'<p style="font-size:1.55rem;margin:0 0 .2rem"><b>Parties:</b> {e["parties"]}</p>'
        f'<p style="font-size:1.3rem;margin:0 0 .7rem;opacity:.8"><b>Policy types:</b> {e["types"]}</p>'
        f'<blockquote style="font-size:1.55rem;line-height:1.4;margin:0;padding:.2rem 0 .2rem 1.2rem;border-left:.35rem solid #004488">'
        f"“{e['sentence']}”</blockquote>"
        f'<p style="font-size:1.1rem;margin:.4rem 0 0;opacity:.75">{e["source"]} · event {step} of {total}</p>'
        "</section>"
    )


PRESENTER_SCALE = 1.45
PRESENTER_HEIGHT = 560


def _scaled(size, factor: float):
    """A plotly size (a number, a list or an array of numbers, or unset) times `factor`."""
    if size is None:
        return None
    return [s * factor for s in size] if isinstance(size, list | tuple) else size * factor


def presenter_figure(figure: go.Figure, day, scale: float = PRESENTER_SCALE, height: int = PRESENTER_HEIGHT) -> go.Figure:
    """Make a timeline fit a projector: type and markers `scale` times larger, a fixed height, and a line on the day shown
    (in place, like plotly's update_layout, and returned). The shown event keeps the figure's selection (others faded);
    its marks grow once more.
    """
    layout = figure.layout
    layout.font.size = _scaled(layout.font.size or 12, scale)
    layout.hoverlabel.font.size = _scaled(layout.hoverlabel.font.size or 13, scale)
    layout.title.font.size = _scaled(layout.title.font.size or 17, scale)
    layout.title.subtitle.font.size = _scaled(layout.title.subtitle.font.size or 13, scale)
    layout.margin.t = _scaled(layout.margin.t or 90, scale)
    for part in (layout.xaxis.tickfont, layout.yaxis.tickfont):
        part.size = 13 * scale  # set outright: Streamlit's theme sets these, so they do not follow layout.font
    layout.legend.font.size = 11 * scale
    layout.legend.tracegroupgap = 2
    for part in (layout.xaxis.title.font, layout.yaxis.title.font, layout.legend.title.font):
        part.size = 14 * scale
    for annotation in layout.annotations:
        annotation.font.size = _scaled(annotation.font.size or 12, scale)
    for trace in figure.data:
        if trace.type == "scatter" and trace.marker.size is not None:
            trace.marker.size = _scaled(trace.marker.size, scale)
            if trace.selectedpoints:
                trace.selected = {"marker": {"size": charts.MARKER_SIZE * scale * 1.35, "opacity": 1}}
    layout.height = height
    x = pd.Timestamp(day).strftime("%Y-%m-%d")
    figure.add_shape(
        type="line",
        x0=x,
        x1=x,
        xref="x",
        yref="paper",
        y0=0,
        y1=1,
        layer="below",
        name="presented",
        line={"color": charts.PRIMARY, "width": 2, "dash": "dot"},
    )
    return figure
