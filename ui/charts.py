"""Every figure the dashboard draws: pure plotly builders over the filtered event table (never imports streamlit)."""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.data import UNDATED, keys_of
from ui.style import Dimension, Era, Style
from ui.view import CHOICE_WORDS

AXIS_TITLES = {
    "date": "Date of the event",
    "country": "Country (party to the event)",
    "policy_type": "Policy type",
    "administration": "US administration in office",
}
PRECISION_WORDS = {"day": "dated to the day", "month": "dated to the month", "year": "dated to the year", "": "undated"}
CONFIDENCE_WORDS = {"high": "high confidence", "medium": "medium confidence", "low": "low confidence"}
MARKER_SIZE = 13
MENTION_SIZE = 8  # an event an article only mentions is drawn smaller
RING_SIZE = MARKER_SIZE + 9  # the ring around an event reported by several articles
SPAN_THICKNESS = 0.17  # share of the distance between two lanes
MENTION_THICKNESS = 0.09
DODGE_OFFSETS = (0.0, 0.24, -0.24, 0.12, -0.12, 0.36, -0.36)
MIN_GAP_SHARE = 0.012  # marks closer than this share of the x range move to another row of their lane
LANE_PX, CHROME_PX, MIN_HEIGHT, LEGEND_ROW_PX = 46, 190, 380, 24
GUIDE_COLOUR = "#444444"
PRIMARY = "#004488"
WINDOW_COLOUR = "rgba(90, 90, 90, 0.32)"
ERA_OPACITY = 0.09
MARK_COLUMNS = [
    "event_id",
    "title",
    "source",
    "date",
    "date_earliest",
    "date_latest",
    "date_precision",
    "date_confidence",
    "countries",
    "policy_types",
    "us_administration",
    "role",
    "n_sources",
]
HOVER_COLUMNS = 6  # customdata per mark: the event id, then the five texts HOVER shows
HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>Parties: %{customdata[3]}<br>Policy types: %{customdata[4]}<br>Source: %{customdata[5]}<extra></extra>"
BASE_LAYOUT = {
    "font": {"size": 14},
    "hovermode": "closest",
    "hoverlabel": {"align": "left", "font": {"size": 14}},
    "dragmode": "zoom",
    "legend": {"orientation": "v", "groupclick": "togglegroup", "tracegroupgap": 3, "itemsizing": "constant"},
    "margin": {"l": 10, "r": 10, "t": 90, "b": 60},
}


def plotly_escape(value: object) -> str:
    """Untrusted text for a plotly label, escaped once for plotly: its labels read a few HTML tags and the entities
    &amp; &lt; &gt; (and numeric ones), but show &quot; as it is, so only <, > and & are escaped."""
    return html.escape(str(value), quote=False)


def _title(title: str, subtitle: str) -> dict:
    return {
        "text": plotly_escape(title),
        "font": {"size": 19},
        "subtitle": {"text": plotly_escape(subtitle), "font": {"size": 13}},
        "x": 0,
        "xanchor": "left",
    }


def chart_config(filename: str, image_format: str = "png") -> dict:
    """Plotly's modebar settings: the camera button saves `filename`.png/.svg; no logo, no cloud links."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": image_format, "filename": filename, "scale": 2 if image_format == "png" else 1},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def format_day(day) -> str:
    return f"{day.day} {day:%b %Y}"


def format_window(earliest, latest) -> str:
    """A date window in words: '6–13 Jul 2018', '7 Jun – 11 Sep 2019'."""
    if earliest == latest:
        return format_day(earliest)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.day}–{latest.day} {latest:%b %Y}"
    return f"{format_day(earliest)} – {format_day(latest)}"


def describe_date(event) -> str:
    """The date of an event as precise as its evidence allows, with its window when wider, precision and confidence."""
    if pd.isna(event["date"]):
        return f"undated · {CONFIDENCE_WORDS.get(event['date_confidence'], '')}"
    date, earliest, latest = event["date"], event["date_earliest"], event["date_latest"]
    shown = {"day": format_day(date), "month": f"{date:%B %Y}", "year": f"{date:%Y}"}.get(event["date_precision"], format_day(date))
    natural = {
        "month": (date.replace(day=1), (date + pd.offsets.MonthEnd(0))),
        "year": (date.replace(month=1, day=1), date.replace(month=12, day=31)),
    }
    if (earliest, latest) != natural.get(event["date_precision"], (date, date)):
        shown += f" (somewhere in {format_window(earliest, latest)})"
    return f"{shown} · {PRECISION_WORDS[event['date_precision']]} · {CONFIDENCE_WORDS.get(event['date_confidence'], '')}"


def _text(value: str, width: int = 70) -> str:
    """Untrusted text for a plotly label: escaped for plotly, wrapped with <br>."""
    return "<br>".join(plotly_escape(line) for line in textwrap.wrap(str(value), width)) or "—"


def _names(keys, dimension: Dimension) -> str:
    return _text(", ".join(dimension.label(k) for k in keys) or "none identified")


def dodge(starts: list[float], ends: list[float], min_gap: float) -> list[float]:
    """Vertical offsets that keep marks closer than `min_gap` apart off each other's row (greedy, in start order)."""
    row_ends: list[float] = []
    rows = [0] * len(starts)
    for i in sorted(range(len(starts)), key=lambda i: (starts[i], ends[i])):
        row = next((r for r, end in enumerate(row_ends) if starts[i] - end >= min_gap), None)
        if row is None:
            row = len(row_ends)
            row_ends.append(ends[i])
        row_ends[row] = ends[i]
        rows[i] = row
    return [DODGE_OFFSETS[r % len(DODGE_OFFSETS)] for r in rows]


def _days(dates: pd.Series) -> pd.Series:
    """Dates as days since 1970, whatever the datetime unit."""
    return (dates - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)


def timeline_marks(events: pd.DataFrame, style: Style, lanes: str, colour: str, span_days: float) -> tuple[pd.DataFrame, list[str]]:
    """One row per mark (an event in each of its lanes) with its lane, colour key, y position and kind; and the lane order."""
    dated = events.loc[events["date"].notna()]
    # the dataset carries its hover labels (built once per data version); a bare table gets them here
    hover = dated["hover"] if "hover" in dated.columns else pd.Series(hover_columns(dated, style), index=dated.index, dtype=object)
    marks = dated[MARK_COLUMNS].assign(lane=keys_of(dated, lanes), hover=hover).explode("lane")
    if colour == lanes:
        marks["colour_key"] = marks["lane"]
    elif colour == "policy_type":
        marks["colour_key"] = marks["policy_types"].map(lambda v: v[0] if v else "")
    else:
        marks["colour_key"] = marks["us_administration"]
    marks["kind"] = marks["date_precision"].map(lambda p: "point" if p == "day" else "span")
    marks = marks.reset_index(drop=True)
    order = style.dimension(lanes).ordered(marks["lane"])
    lane_y = {key: len(order) - 1 - i for i, key in enumerate(order)}
    is_span = marks["kind"] == "span"
    start = _days(marks["date"].where(~is_span, marks["date_earliest"]))
    end = _days(marks["date"].where(~is_span, marks["date_latest"])) + is_span
    offsets = pd.Series(0.0, index=marks.index)
    for positions in marks.groupby("lane", sort=False).indices.values():
        offsets.iloc[positions] = dodge(start.iloc[positions].tolist(), end.iloc[positions].tolist(), span_days * MIN_GAP_SHARE)
    marks["y"] = marks["lane"].map(lane_y) + offsets
    return marks, order


def provenance_note(role: str, n_sources: int) -> str:
    """The hover label's last lines: whether the article only mentions the event, and how many articles report it."""
    notes = ["mentioned in an article (not its main event)"] if role == "referenced" else []
    notes += [f"reported by {n_sources} articles (merged)"] if n_sources > 1 else []
    return "".join(f"<br><i>{note}</i>" for note in notes)


def hover_columns(events: pd.DataFrame, style: Style) -> list[list[str]]:
    """Per event: id, then the title, date, parties, policy types and source (with its provenance) as the hover label shows them."""
    return [
        [
            row["event_id"],
            _text(row["title"]),
            _text(describe_date(row), 90),
            _names(row["countries"], style.country),
            _names(row["policy_types"], style.policy_type),
            _text(row["source"] or "not shown") + provenance_note(row["role"], row["n_sources"]),
        ]
        for row in events[MARK_COLUMNS].to_dict("records")
    ]


def _labels(hover: pd.Series) -> np.ndarray:
    """The hover columns as one array of strings: plotly takes an array as it is, where it checks a list item by item."""
    return np.array(hover.tolist(), dtype=str).reshape(len(hover), HOVER_COLUMNS)


def _point_trace(marks: pd.DataFrame, name: str, colour: str, group: str) -> go.Scatter:
    hollow = (marks["date_confidence"] == "low").tolist()
    mentioned = (marks["role"] == "referenced").tolist()
    return go.Scatter(
        x=marks["date"].dt.strftime("%Y-%m-%d").tolist(),
        y=marks["y"].tolist(),
        mode="markers",
        name=name,
        legendgroup=group,
        marker={
            "size": [MENTION_SIZE if m else MARKER_SIZE for m in mentioned],
            "color": colour,
            "symbol": ["circle-open" if h else "circle" for h in hollow],
            "line": {"width": [2.5 if h else 1 for h in hollow], "color": "white"},
        },
        customdata=_labels(marks["hover"]),
        hovertemplate=HOVER,
        unselected={"marker": {"opacity": 0.3}},
    )


def _span_trace(marks: pd.DataFrame, name: str, colour: str, group: str) -> go.Bar:
    hollow = (marks["date_confidence"] == "low").tolist()
    width_ms = ((marks["date_latest"] - marks["date_earliest"]).dt.days + 1) * 86_400_000
    return go.Bar(
        base=marks["date_earliest"].dt.strftime("%Y-%m-%d").tolist(),
        x=width_ms.tolist(),
        y=marks["y"].tolist(),
        orientation="h",
        width=[MENTION_THICKNESS if role == "referenced" else SPAN_THICKNESS for role in marks["role"]],
        name=name,
        legendgroup=group,
        marker={"color": ["rgba(255,255,255,0.6)" if h else colour for h in hollow], "line": {"color": colour, "width": 2}},
        customdata=_labels(marks["hover"]),
        hovertemplate=HOVER,
        unselected={"marker": {"opacity": 0.3}},
    )


def _window_trace(marks: pd.DataFrame) -> go.Scatter:
    """Thin lines over the possible window of day-dated events whose evidence allows more than one day."""
    wide = marks[(marks["kind"] == "point") & (marks["date_earliest"] < marks["date_latest"])]
    xs, ys = [], []
    for row in wide.itertuples(index=False):
        xs += [f"{row.date_earliest:%Y-%m-%d}", f"{row.date_latest + pd.Timedelta(days=1):%Y-%m-%d}", None]
        ys += [row.y, row.y, None]
    return go.Scatter(
        x=xs, y=ys, mode="lines", line={"color": WINDOW_COLOUR, "width": 1.5}, hoverinfo="skip", showlegend=False, name="window"
    )


def _ring_trace(marks: pd.DataFrame) -> go.Scatter:
    """A ring around each mark of an event several articles report (at the middle of a bar); drawn under the marks."""
    merged = marks[marks["n_sources"] > 1]
    middle = merged["date_earliest"] + (merged["date_latest"] - merged["date_earliest"]) / 2
    x = merged["date"].where(merged["kind"] == "point", middle)
    return go.Scatter(
        x=x.dt.strftime("%Y-%m-%d").tolist(),
        y=merged["y"].tolist(),
        mode="markers",
        marker={"size": RING_SIZE, "symbol": "circle-open", "color": GUIDE_COLOUR, "line": {"width": 2}},
        hoverinfo="skip",
        showlegend=False,
        name="several sources",
    )


def _legend_entry(name: str, group: str, marker: dict | None, title: str | None = None, mode: str = "markers") -> go.Scatter:
    """A legend-only trace: the legend shows it, the plot does not (its one point is empty)."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode=mode,
        name=name,
        marker={"size": MARKER_SIZE, **(marker or {})},
        line={"color": WINDOW_COLOUR, "width": 2},
        legendgroup=group,
        legendgrouptitle={"text": title},
        hoverinfo="skip",
    )


def _guide_traces(marks: pd.DataFrame) -> list[go.Scatter]:
    """Legend entries that explain the marks (mentioned and merged events only when some are drawn)."""
    guides = [
        _legend_entry("dated to the day", "guide", {"symbol": "circle", "color": GUIDE_COLOUR}, "How to read"),
        _legend_entry("low confidence: hollow", "guide", {"symbol": "circle-open", "color": GUIDE_COLOUR, "line": {"width": 2.5}}),
        _legend_entry("month or year: bar over it", "guide", {"symbol": "square", "color": GUIDE_COLOUR}),
        _legend_entry("possible window of a day", "guide", None, mode="lines"),
    ]
    if (marks["role"] == "referenced").any():
        guides.append(_legend_entry("only mentioned in an article: small", "guide", {"size": MENTION_SIZE, "color": GUIDE_COLOUR}))
    if (marks["n_sources"] > 1).any():
        ring = {"size": MARKER_SIZE, "symbol": "circle-open-dot", "color": GUIDE_COLOUR, "line": {"width": 2}}
        guides.append(_legend_entry("reported by several articles: ringed", "guide", ring))
    return guides


def era_shapes(eras: tuple[Era, ...], start: dt.date, end: dt.date) -> tuple[list[dict], list[dict]]:
    """Shaded bands and top labels for the administrations in office between start and end, clipped to that range."""
    shapes, labels = [], []
    for era in eras:
        x0, x1 = max(era.start_date, start), min(era.end_date or end, end + dt.timedelta(days=1))
        if x0 >= x1:
            continue
        shapes.append(
            {"type": "rect", "xref": "x", "yref": "paper", "x0": x0.isoformat(), "x1": x1.isoformat(), "y0": 0, "y1": 1}
            | {"fillcolor": era.colour, "opacity": ERA_OPACITY, "line": {"width": 0}, "layer": "below", "name": era.administration_id}
        )
        labels.append(
            {"x": x0.isoformat(), "y": 1, "xref": "x", "yref": "paper", "xanchor": "left", "yanchor": "bottom", "showarrow": False}
            | {
                "text": f"<b>{plotly_escape(era.label)}</b>",
                "font": {"color": era.colour, "size": 13},
                "xshift": 4,
                "name": era.administration_id,
            }
        )
    return shapes, labels


def timeline_title(count: int, lanes: str, colour: str, landmarks: int = 0) -> str:
    """The timeline's title: how many events, along which lanes, in which colours, and how many landmarks above them."""
    title = f"{count} events by {CHOICE_WORDS[lanes].lower()}, coloured by {CHOICE_WORDS[colour].lower()}"
    return title + (f", under {plural(landmarks, 'landmark')} of the period" if landmarks else "")


def timeline_figure(
    events: pd.DataFrame,
    style: Style,
    *,
    lanes: str = "country",
    colour: str = "policy_type",
    start: dt.date,
    end: dt.date,
    title: str = "",
    subtitle: str = "",
    selected: str = "",
) -> go.Figure:
    """Dated events on a true date axis, one lane per country/policy type/administration, US administrations shaded.

    `selected` is an event id: its marks are drawn as selected and the others faded, as after a click.
    """
    span_days = max((end - start).days, 1)
    marks, order = timeline_marks(events, style, lanes, colour, span_days)
    lane_dim, colour_dim = style.dimension(lanes), style.dimension(colour)
    traces = []
    colour_keys = colour_dim.ordered(marks["colour_key"])
    for key in colour_keys:
        group = marks[marks["colour_key"] == key]
        name, hue = plotly_escape(colour_dim.label(key)), colour_dim.colour(key)
        points, spans = group[group["kind"] == "point"], group[group["kind"] == "span"]
        built = ([_point_trace(points, name, hue, key)] if len(points) else []) + (
            [_span_trace(spans, name, hue, key)] if len(spans) else []
        )
        for trace in built:
            trace.showlegend = False
            if selected:
                trace.selectedpoints = [j for j, event_id in enumerate(trace.customdata) if event_id[0] == selected]
        group_title = colour_dim.name if not traces else None
        traces += [_legend_entry(name, key, {"symbol": "circle", "color": hue}, group_title), *built]
    shapes, labels = era_shapes(style.eras, start, end)
    guides = _guide_traces(marks)
    rings = [_ring_trace(marks)] if (marks["n_sources"] > 1).any() else []
    figure = go.Figure(data=[_window_trace(marks), *rings, *traces, *guides])
    figure.update_layout(
        BASE_LAYOUT,
        title=_title(title, subtitle),
        height=max(MIN_HEIGHT, CHROME_PX + LANE_PX * len(order), CHROME_PX + LEGEND_ROW_PX * (len(colour_keys) + 3 + len(guides))),
        barmode="overlay",
        legend=BASE_LAYOUT["legend"] | {"itemsizing": "trace"},  # so the small mark of a mentioned event looks small
        shapes=shapes,
        annotations=labels,
        xaxis={"type": "date", "range": [start.isoformat(), (end + dt.timedelta(days=1)).isoformat()], "title": AXIS_TITLES["date"]}
        | {"showgrid": True, "gridcolor": "rgba(0,0,0,0.06)", "zeroline": False},
        yaxis={"title": AXIS_TITLES[lanes], "tickvals": [len(order) - 1 - i for i in range(len(order))]}
        | {"ticktext": [plotly_escape(lane_dim.label(k)) for k in order], "range": [-0.6, len(order) - 0.4], "zeroline": False}
        | {"showgrid": True, "gridcolor": "rgba(0,0,0,0.08)", "fixedrange": True, "automargin": True},
        uirevision=f"{lanes}|{start}|{end}",
        meta={"events": int(marks["event_id"].nunique()), "marks": len(marks)},
    )
    return figure


def year_dimension(keys) -> Dimension:
    """Years as a dimension: in order, undated last."""
    ordered = sorted((k for k in set(keys) if k != UNDATED), key=int) + ([UNDATED] if UNDATED in set(keys) else [])
    return Dimension("Year", tuple(ordered), {k: k for k in ordered}, missing=UNDATED)


def dimension_for(style: Style, name: str, keys) -> Dimension:
    """The dimension called `name` ("year" is built from the keys present)."""
    return year_dimension(keys) if name == "year" else style.dimension(name)


def matrix_figure(
    counts: pd.DataFrame,
    rows: Dimension,
    columns: Dimension,
    *,
    colour_by: str = "",
    show_share: bool = False,
    title: str = "",
    subtitle: str = "",
    x_title: str = "",
    y_title: str = "",
) -> go.Figure:
    """A dot matrix: one circle per (row, column) sized by its count, labelled with the count (and the share of the column)."""
    row_order = rows.ordered(counts["row"]) if len(counts) else []
    column_order = columns.ordered(counts["column"]) if len(counts) else []
    row_totals = counts.groupby("row")["row_total"].first() if len(counts) else {}
    column_totals = counts.groupby("column")["column_total"].first() if len(counts) else {}
    row_text = {k: f"{plotly_escape(rows.label(k))} ({row_totals[k]})" for k in row_order}
    column_text = {k: f"{plotly_escape(columns.label(k))}<br>({plural(column_totals[k], 'event')})" for k in column_order}
    biggest = max(counts["count"].max(), 1) if len(counts) else 1
    if colour_by == "row":
        colours = [rows.colour(k) for k in counts["row"]]
    elif colour_by == "column":
        colours = [columns.colour(k) for k in counts["column"]]
    else:
        colours = [PRIMARY] * len(counts)
    labels = [f"{c} · {s:.0%}" if show_share else str(c) for c, s in zip(counts["count"], counts["share"], strict=True)]
    trace = go.Scatter(
        x=[column_text[k] for k in counts["column"]],
        y=[row_text[k] for k in counts["row"]],
        mode="markers+text",
        text=labels,
        textposition="middle center",
        textfont={"size": 13, "color": "#1b1f24"},
        marker={
            "size": [14 + 34 * math.sqrt(c / biggest) for c in counts["count"]],
            "color": colours,
            "opacity": 0.45,
            "line": {"color": colours, "width": 2},
        },
        customdata=list(zip(counts["row"], counts["column"], strict=True)),
        hovertext=[
            f"<b>{plotly_escape(rows.label(r))} · {plotly_escape(columns.label(c))}</b><br>{plural(n, 'event')}: {s:.0%} of the {t} in this column"
            for r, c, n, s, t in zip(counts["row"], counts["column"], counts["count"], counts["share"], counts["column_total"], strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )
    figure = go.Figure(data=[trace])
    figure.update_layout(
        BASE_LAYOUT,
        title=_title(title, subtitle),
        height=max(MIN_HEIGHT, 200 + 52 * len(row_order)),
        margin=BASE_LAYOUT["margin"] | {"t": 150},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": [column_text[k] for k in column_order], "title": x_title}
        | {"side": "top", "showgrid": True, "gridcolor": "rgba(0,0,0,0.06)", "fixedrange": True},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": [row_text[k] for k in reversed(row_order)], "title": y_title}
        | {"showgrid": True, "gridcolor": "rgba(0,0,0,0.06)", "fixedrange": True, "automargin": True},
        meta={"cells": len(counts), "column_totals": {str(k): int(v) for k, v in dict(column_totals).items()}},
    )
    return figure
