"""The Compare page's figures: pure plotly over ui.compare's tables, both sides always on identical scales (never imports streamlit)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ui.charts import BASE_LAYOUT, _text, _title, format_day, plotly_escape
from ui.compare import COOPERATION, DAYS_PER_YEAR, ENFORCEMENT, Comparison, Sample, Side, share_words
from ui.style import FALLBACK_COLOURS, NEUTRAL, Style

# For sides that are not administrations (olive, teal, purple, sand from ui.style's palette), and how unlike the other side's they must be.
SIDE_FALLBACKS = (FALLBACK_COLOURS[4], FALLBACK_COLOURS[2], FALLBACK_COLOURS[8], FALLBACK_COLOURS[5])
MIN_DISTANCE = 120
ROW_PX, CHROME_PX, YEARS_HEIGHT = 34, 150, 340
CHAR_PX = 7  # width of a 13 px tick-label character, on average
PARTIAL_OPACITY = 0.45
GRID = {"showgrid": True, "gridcolor": "rgba(0,0,0,0.08)", "fixedrange": True, "zeroline": False}
PANEL_LAYOUT = BASE_LAYOUT | {"showlegend": False, "dragmode": False, "margin": {"l": 10, "r": 20, "t": 80, "b": 50}}
BALANCE_PARTS = ("enforcement only", "both", "cooperation only", "neither")


def colour_distance(first: str, second: str) -> float:
    """How far apart two '#rrggbb' colours are (Euclidean, in RGB)."""
    return math.dist(*([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in (first, second)))


def side_colours(a: Side, b: Side, style: Style) -> dict[str, str]:
    """A colour per side: an administration's own colour, else the first fallback clearly unlike the other side's."""
    colours = {s.letter: style.administration.colour(s.key) for s in (a, b) if s.kind == "administration"}
    if len(colours) == 2 and colours["A"] == colours["B"]:
        del colours["B"]  # the same administration twice: B takes a fallback
    for letter in ("A", "B"):
        if letter not in colours:
            taken = list(colours.values())
            colours[letter] = next(c for c in SIDE_FALLBACKS if all(colour_distance(c, t) > MIN_DISTANCE for t in taken))
    return {"A": colours["A"], "B": colours["B"]}


def label_margin(*labels: list[str]) -> int:
    """Pixels for the longest row label of a pair, so both panels put their bars on the same pixel scale."""
    return CHAR_PX * max([8, *(len(label) for group in labels for label in group)]) + 20


def _share_ticks(x_max: float) -> list[float]:
    """Tick values up to 100% at most: the range goes further only to leave room for the labels."""
    step = 0.1 if x_max <= 0.4 else 0.2
    return [round(k * step, 2) for k in range(int(min(x_max, 1.0) / step + 1e-9) + 1)]


def _share_panel(
    labels: list[str],
    counts: list[int],
    n: int,
    colours: list[str] | str,
    *,
    rows: int,
    x_max: float,
    margin: int,
    title: str,
    subtitle: str,
) -> go.Figure:
    """Horizontal bars of shares of one side's n events, each labelled with its count and n; ranges and margin fixed by the caller."""
    shares = [c / n if n else 0.0 for c in counts]
    text = [f"{c} of {n} · {s:.0%}" for c, s in zip(counts, shares, strict=True)]
    escaped = [plotly_escape(label) for label in labels]
    figure = go.Figure(
        go.Bar(
            x=shares,
            y=escaped,
            orientation="h",
            marker={"color": colours},
            text=text,
            textposition=["outside" if c == 0 else "auto" for c in counts],  # a zero bar still shows its n
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>%{text} of the side's events<extra></extra>",
        )
    )
    figure.update_layout(
        PANEL_LAYOUT,
        title=_title(title, subtitle),
        height=CHROME_PX + ROW_PX * max(rows, 1),
        margin=PANEL_LAYOUT["margin"] | {"l": margin},
        xaxis={"range": [0, x_max], "tickformat": ".0%", "tickvals": _share_ticks(x_max), "title": "Share of the side's events"} | GRID,
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": escaped, "range": [max(rows, 1) - 0.5, -0.5]}
        | GRID
        | {"automargin": False, "tickfont": {"size": 13}},
        bargap=0.3,
        meta={"n": n, "counts": list(counts)},
    )
    return figure


def _share_pair(
    comparison: Comparison, rows: tuple[tuple[list[str], list[int]], ...], colours: tuple, title: str
) -> tuple[go.Figure, go.Figure]:
    """One share panel per side from its (labels, counts): the same row count, x range and label room on both."""
    samples = comparison.samples
    shares = [c / s.n for s, (_, counts) in zip(samples, rows, strict=True) if s.n for c in counts]
    x_max = max([0.05, *shares]) * 1.55  # room for the longest bar and its label
    n_rows, margin = max(len(labels) for labels, _ in rows), label_margin(*(labels for labels, _ in rows))
    return tuple(
        _share_panel(
            labels,
            list(counts),
            sample.n,
            colour,
            rows=n_rows,
            x_max=x_max,
            margin=margin,
            title=title,
            subtitle=f"{sample.side.name} · share of its {sample.n} events",
        )
        for sample, (labels, counts), colour in zip(samples, rows, colours, strict=True)
    )


def mix_figures(comparison: Comparison, style: Style) -> tuple[go.Figure, go.Figure]:
    """The policy-type mix of each side: the same types, order and x range on both."""
    mix = comparison.mix
    labels, colours = [style.policy_type.label(k) for k in mix["key"]], [style.policy_type.colour(k) for k in mix["key"]]
    return _share_pair(comparison, ((labels, mix["count_a"]), (labels, mix["count_b"])), (colours, colours), "Policy-type mix")


def countries_figures(comparison: Comparison, style: Style, colours: dict[str, str]) -> tuple[go.Figure, go.Figure]:
    """The party countries of each side: the same countries, order and x range on both."""
    table = comparison.countries
    labels = [style.country.label(k) for k in table["key"]]
    rows = ((labels, table["count_a"]), (labels, table["count_b"]))
    return _share_pair(comparison, rows, (colours["A"], colours["B"]), "Countries engaged (parties)")


def officials_figures(comparison: Comparison, colours: dict[str, str]) -> tuple[go.Figure, go.Figure]:
    """The officials named most on each side: as many rows and the same x range on both."""
    rows = tuple((table["key"].tolist(), table["count"]) for table in comparison.officials)
    return _share_pair(comparison, rows, (colours["A"], colours["B"]), "Officials named most")


def _years_panel(sample: Sample, years: pd.DataFrame, colour: str, y_max: float) -> go.Figure:
    side = sample.side
    partial = years["covered_days"] < years["length_days"]
    text = ["" if covered == 0 else f"{count}" for count, covered in zip(years["count"], years["covered_days"], strict=True)]
    ticks = [
        f"Year {row.year}" + ("<br>(none)" if row.covered_days == 0 else f"<br>({row.covered_days} d)" if part else "")
        for row, part in zip(years.itertuples(), partial, strict=True)
    ]
    hover = [
        f"<b>Year {row.year}</b> ({format_day(row.first_date)} – {format_day(row.last_date)})<br>"
        + (
            "not covered by the data"
            if row.covered_days == 0
            else f"{row.count} events in {row.covered_days} days covered: {row.rate:.1f} a year"
        )
        for row in years.itertuples()
    ]
    figure = go.Figure(
        go.Bar(
            x=[f"Year {y}" for y in years["year"]],
            y=[rate or 0.0 for rate in years["rate"]],
            marker={"color": colour, "opacity": [PARTIAL_OPACITY if p else 1.0 for p in partial]},
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    if sample.rate is not None:
        figure.add_hline(y=sample.rate, line={"dash": "dash", "color": "#444444", "width": 1.5}, layer="below")
    rate = "no day covered" if sample.rate is None else f"{sample.n} events in {side.days:,} days, {sample.rate:.1f} a year (dashed)"
    figure.update_layout(
        PANEL_LAYOUT,
        title=_title("Events per year", f"{side.name} · {rate}"),
        height=YEARS_HEIGHT,
        margin=PANEL_LAYOUT["margin"] | {"l": 70, "b": 95},  # fixed, not automatic: the same pixel scale on both sides
        xaxis={"type": "category", "tickvals": [f"Year {y}" for y in years["year"]], "ticktext": ticks, "tickangle": 0}
        | {"title": "Year since the side began", "automargin": False, "tickfont": {"size": 12}}
        | GRID,
        yaxis={"range": [0, y_max], "title": "Events per 365 days", "automargin": False} | GRID,
        bargap=0.35,
        meta={"rate": sample.rate, "days": side.days},
    )
    return figure


def years_figures(comparison: Comparison, colours: dict[str, str]) -> tuple[go.Figure, go.Figure]:
    """Each side's events per year, year by year since it began, normalised by the days the data covers; the same y range on both."""
    rates = [r for years in comparison.years for r in years["rate"] if r is not None and not pd.isna(r)]
    rates += [s.rate for s in comparison.samples if s.rate is not None]
    y_max = max([1.0, *rates]) * 1.25
    return tuple(
        _years_panel(sample, years, colours[sample.side.letter], y_max)
        for sample, years in zip(comparison.samples, comparison.years, strict=True)
    )


def difference_figure(comparison: Comparison, style: Style, colours: dict[str, str], subtitle: str = "") -> go.Figure:
    """The mix difference as diverging bars: points of share B minus A per policy type, each labelled with both counts."""
    mix = comparison.mix.sort_values("points", ascending=False, kind="stable")
    a, b = (s.side for s in comparison.samples)
    labels = [plotly_escape(style.policy_type.label(k)) for k in mix["key"]]
    points = mix["points"].tolist()
    text = [
        f"{p:+.0f} pts · {ca}/{na} vs {cb}/{nb}"
        for p, ca, na, cb, nb in zip(points, mix["count_a"], mix["n_a"], mix["count_b"], mix["n_b"], strict=True)
    ]
    hover = [
        f"<b>{label}</b><br>{plotly_escape(a.name)}: {share_words(ca, na)}<br>{plotly_escape(b.name)}: {share_words(cb, nb)}<br>{p:+.0f} points (B minus A)"
        for label, p, ca, na, cb, nb in zip(labels, points, mix["count_a"], mix["n_a"], mix["count_b"], mix["n_b"], strict=True)
    ]
    reach = max([10.0, *(abs(p) for p in points)]) * 1.6
    figure = go.Figure(
        go.Bar(
            x=points,
            y=labels,
            orientation="h",
            marker={"color": [colours["B"] if p > 0 else colours["A"] if p < 0 else NEUTRAL for p in points]},
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    arrows = [(-reach / 2, f"← more for {a.name}", colours["A"]), (reach / 2, f"more for {b.name} →", colours["B"])]
    figure.update_layout(
        BASE_LAYOUT | {"showlegend": False, "dragmode": False},
        title=_title("Policy-type mix: the difference between the sides", subtitle),
        height=CHROME_PX + 40 + ROW_PX * len(mix),
        xaxis={"range": [-reach, reach], "title": "Share of B's events minus share of A's (percentage points)"}
        | GRID
        | {"zeroline": True, "zerolinecolor": "#444444", "zerolinewidth": 1.5, "ticksuffix": " pts"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels, "range": [len(mix) - 0.5, -0.5]}
        | GRID
        | {"automargin": True},
        annotations=[
            {"x": x, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom", "showarrow": False, "text": plotly_escape(words)}
            | {"font": {"size": 13, "color": colour}}
            for x, words, colour in arrows
        ],
        meta={"points": dict(zip(mix["key"], points, strict=True))},
    )
    return figure


def _faint(colour: str, alpha: float = 0.35) -> str:
    """A '#rrggbb' colour as a see-through rgba()."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def balance_colours(style: Style, sides: dict[str, str]) -> dict[str, str]:
    """Enforcement and cooperation take the colour of their first policy type; both is their mix; neither is grey."""

    def first(side: str) -> str:
        return next((style.policy_type.colour(k) for k in style.policy_type.keys if sides.get(k) == side), NEUTRAL)

    return {ENFORCEMENT: first(ENFORCEMENT), COOPERATION: first(COOPERATION)}


def balance_figure(comparison: Comparison, style: Style, sides: dict[str, str], subtitle: str = "") -> go.Figure:
    """Each side's events split into enforcement-side only, both, cooperation-side only and neither, as 100% bars on one axis."""
    hues = balance_colours(style, sides)
    markers = {
        "enforcement only": {"color": hues[ENFORCEMENT]},
        "both": {
            "color": _faint(hues[COOPERATION]),
            "pattern": {"shape": "/", "fgcolor": hues[ENFORCEMENT], "bgcolor": _faint(hues[COOPERATION])},
        }
        | {"line": {"color": "white", "width": 1}},
        "cooperation only": {"color": hues[COOPERATION]},
        "neither": {"color": "#d9d9d9"},
    }
    names = [plotly_escape(s.side.name) for s in comparison.samples]
    traces = []
    for part in BALANCE_PARTS:
        counts = [balance.parts[part] for balance in comparison.balance]
        totals = [balance.n for balance in comparison.balance]
        shares = [c / n if n else 0.0 for c, n in zip(counts, totals, strict=True)]
        traces.append(
            go.Bar(
                x=shares,
                y=names,
                orientation="h",
                name=part.capitalize(),
                marker=markers[part],
                text=[f"{c} · {s:.0%}" if c else "" for c, s in zip(counts, shares, strict=True)],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": "white" if part in ("enforcement only", "cooperation only") else "#1b1f24"},
                hovertext=[f"{part.capitalize()}: {share_words(c, n)}" for c, n in zip(counts, totals, strict=True)],
                hovertemplate="<b>%{y}</b><br>%{hovertext}<extra></extra>",
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(
        BASE_LAYOUT | {"dragmode": False},
        title=_title("Enforcement side and cooperation side", "Share of each side's events" + (f" · {subtitle}" if subtitle else "")),
        barmode="stack",
        height=300,
        legend={"orientation": "h", "x": 0, "y": -0.2, "traceorder": "normal"},
        xaxis={"range": [0, 1], "tickformat": ".0%", "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1]} | GRID,
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": names, "autorange": "reversed"} | GRID | {"automargin": True},
        margin=BASE_LAYOUT["margin"] | {"b": 80},
        meta={part: [b.parts[part] for b in comparison.balance] for part in BALANCE_PARTS},
    )
    return figure


def _year_ticks(last_day: int) -> tuple[list[int], list[str]]:
    years = max(1, math.ceil(last_day / DAYS_PER_YEAR))
    values = [round(k * DAYS_PER_YEAR) for k in range(years + 1)]
    return values, ["day 0"] + [f"{k} yr{'s' if k > 1 else ''} (day {v})" for k, v in enumerate(values) if k]


def aligned_figure(comparison: Comparison, colours: dict[str, str], subtitle: str = "") -> go.Figure:
    """Both sides on one axis of days since each began: running counts of events, each line drawn over the days the data covers."""
    traces, lines, notes = [], [], []
    for sample, rows in zip(comparison.samples, comparison.aligned, strict=True):
        side, colour = sample.side, colours[sample.side.letter]
        if side.days == 0:
            continue
        traces.append(
            go.Scatter(
                x=[side.first_day, *rows["day"], side.last_day],
                y=[0, *rows["running"], sample.n],
                mode="lines",
                line={"shape": "hv", "color": colour, "width": 2.5},
                name=plotly_escape(side.name),
                legendgroup=side.letter,
                hoverinfo="skip",
            )
        )
        traces.append(
            go.Scatter(
                x=rows["day"].tolist(),
                y=rows["running"].tolist(),
                mode="markers",
                marker={"size": 9, "color": colour, "line": {"color": "white", "width": 1}},
                name=plotly_escape(side.name),
                legendgroup=side.letter,
                showlegend=False,
                customdata=[[e, _text(t), format_day(d)] for e, t, d in zip(rows["event_id"], rows["title"], rows["date"], strict=True)],
                hovertemplate=f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}: day %{{x}} of {plotly_escape(side.name)}, event %{{y}}<extra></extra>",
            )
        )
        if side.first_day > 0:
            lines.append({"type": "line", "x0": side.first_day, "x1": side.first_day, "yref": "paper", "y0": 0, "y1": 1})
            lines[-1] |= {"line": {"color": colour, "dash": "dot", "width": 1.5}}
            lines.append({"type": "rect", "x0": 0, "x1": side.first_day, "yref": "paper", "y0": 0, "y1": 1, "layer": "below"})
            lines[-1] |= {"fillcolor": colour, "opacity": 0.07, "line": {"width": 0}}
            notes.append(
                {"x": side.first_day, "y": 1 - 0.07 * len(notes), "yref": "paper", "xanchor": "left", "showarrow": False}
                | {"text": f" {side.letter}: data from {format_day(side.start_date)} (day {side.first_day})", "font": {"color": colour}}
            )
    last_day = max([s.side.last_day for s in comparison.samples if s.side.days] or [365])
    tick_values, tick_text = _year_ticks(last_day)
    figure = go.Figure(traces)
    figure.update_layout(
        BASE_LAYOUT | {"dragmode": "zoom"},
        title=_title("Aligned timeline: days since each side began", subtitle),
        height=430,
        shapes=lines,
        annotations=notes,
        legend={"orientation": "h", "x": 0, "y": -0.2},
        xaxis={"range": [0, last_day * 1.02], "tickvals": tick_values, "ticktext": tick_text}
        | {
            "title": "Days since the side began (inauguration day for an administration)",
            "showgrid": True,
            "gridcolor": "rgba(0,0,0,0.08)",
        },
        yaxis={"range": [0, max([1, *(s.n for s in comparison.samples)]) * 1.1], "title": "Events so far", "rangemode": "tozero"} | GRID,
        margin=BASE_LAYOUT["margin"] | {"b": 110},
        meta={"last_day": last_day},
    )
    return figure


# One figure per measure holding both sides, for a phone: A's and B's bars next to each other in every row.
BOTH_ROW_PX, BOTH_CHROME_PX = 24, 150
BOTH_LEGEND = {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"}


def _both_shares(
    comparison: Comparison, labels: list[str], counts: tuple[list[int], list[int]], colours: dict[str, str], title: str
) -> go.Figure:
    """Grouped horizontal bars: per row, A's share of its events above B's, each labelled with its count and n."""
    escaped = [plotly_escape(label) for label in labels]
    traces = []
    for sample, side_counts in zip(comparison.samples, counts, strict=True):
        n, letter = sample.n, sample.side.letter
        shares = [c / n if n else 0.0 for c in side_counts]
        traces.append(
            go.Bar(
                x=shares,
                y=escaped,
                orientation="h",
                name=plotly_escape(sample.side.name),
                marker={"color": colours[letter]},
                text=[f"{letter}: {c} of {n} · {s:.0%}" for c, s in zip(side_counts, shares, strict=True)],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="<b>%{y}</b><br>%{text} of the side's events<extra></extra>",
            )
        )
    x_max = max([0.05, *(bar.x[k] for bar in traces for k in range(len(labels)))]) * 1.9  # room for the longest label
    figure = go.Figure(traces)
    figure.update_layout(
        BASE_LAYOUT | {"dragmode": False},
        title=_title(title, "Both sides · share of each side's events"),
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
        height=BOTH_CHROME_PX + BOTH_ROW_PX * 2 * max(len(labels), 1),
        legend=BOTH_LEGEND,
        margin=BASE_LAYOUT["margin"] | {"t": 140, "b": 50, "l": label_margin(labels)},  # fixed: the citation starts at the edge
        xaxis={"range": [0, x_max], "tickformat": ".0%", "tickvals": _share_ticks(x_max)} | GRID,
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": escaped, "autorange": "reversed"}
        | GRID
        | {"automargin": False, "tickfont": {"size": 12}},
        meta={"counts": {s.side.letter: list(c) for s, c in zip(comparison.samples, counts, strict=True)}},
    )
    return figure


def mix_both_figure(comparison: Comparison, style: Style, colours: dict[str, str]) -> go.Figure:
    """The policy-type mix of both sides in one figure."""
    mix = comparison.mix
    labels = [style.policy_type.label(k) for k in mix["key"]]
    return _both_shares(comparison, labels, (list(mix["count_a"]), list(mix["count_b"])), colours, "Policy-type mix")


def countries_both_figure(comparison: Comparison, style: Style, colours: dict[str, str]) -> go.Figure:
    """The party countries of both sides in one figure."""
    table = comparison.countries
    labels = [style.country.label(k) for k in table["key"]]
    return _both_shares(comparison, labels, (list(table["count_a"]), list(table["count_b"])), colours, "Countries engaged (parties)")


def officials_both_figure(comparison: Comparison, colours: dict[str, str], limit: int = 8) -> go.Figure:
    """The officials named most on both sides together (the `limit` most named of either side's top list), with how many
    of each side's events name them."""
    named = list(dict.fromkeys(name for table in comparison.officials for name in table["key"]))
    counts = {
        name: [int(sample.events["officials"].map(lambda officials, who=name: who in officials).sum()) for sample in comparison.samples]
        for name in named
    }
    names = sorted(named, key=lambda name: (-sum(counts[name]), name))[:limit]
    return _both_shares(comparison, names, tuple([counts[name][k] for name in names] for k in (0, 1)), colours, "Officials named most")


def years_both_figure(comparison: Comparison, colours: dict[str, str]) -> go.Figure:
    """Both sides' events per year since each began, as grouped bars on one axis."""
    traces = []
    for sample, years in zip(comparison.samples, comparison.years, strict=True):
        partial = years["covered_days"] < years["length_days"]
        traces.append(
            go.Bar(
                x=[f"Year {y}" for y in years["year"]],
                y=[rate or 0.0 for rate in years["rate"]],
                name=plotly_escape(sample.side.name),
                marker={"color": colours[sample.side.letter], "opacity": [PARTIAL_OPACITY if p else 1.0 for p in partial]},
                text=["" if covered == 0 else f"{count}" for count, covered in zip(years["count"], years["covered_days"], strict=True)],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{y:.1f} events a year<extra></extra>",
            )
        )
    rates = [r for years in comparison.years for r in years["rate"] if r is not None and not pd.isna(r)]
    figure = go.Figure(traces)
    figure.update_layout(
        BASE_LAYOUT | {"dragmode": False},
        title=_title("Events per year", "Both sides · year by year since each began (faint: partly covered)"),
        barmode="group",
        height=YEARS_HEIGHT,
        legend=BOTH_LEGEND,
        margin=BASE_LAYOUT["margin"] | {"t": 140, "l": 50, "b": 40},
        xaxis={"type": "category", "tickangle": 0} | GRID,
        yaxis={"range": [0, max([1.0, *rates]) * 1.25], "title": "Events per 365 days"} | GRID,
    )
    return figure
