"""The timeline's context layer (pure plotly, never imports streamlit): the period's landmarks in a labelled lane and the
named policies as spans, in two panels above the article events, on the same date axis."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts import NARROW_PLOT_PX
from ui.landmarks import HOVER_COLUMNS
from ui.policies import drawn_from
from ui.style import Style

# No article event is drawn in it, nor as a diamond; a mid grey that stands out 3:1 from the light and the dark theme's
# background alike (labels and names take the theme's text colour).
LANDMARK_COLOUR = "#7d8590"
LANDMARK_SIZE, UNLABELLED_SIZE = 12, 8
LABEL_ROWS = 5  # rows of labelled landmarks above the row of unlabelled ones
LANDMARK_ROW_PX, POLICY_ROW_PX, GAP_PX = 34, 17, 26
LABEL_FONT, POLICY_FONT = 11, 10.5
CHAR_PX = 6.2  # the width of an average character at 11 px, for keeping labels apart
PLOT_PX = 600  # the plot's width the labels are kept apart for: ~1060 px on a 1920 px screen, ~440 on a 1280 px laptop
LABEL_GAP_PX = 10
LANDMARK_HOVER = (
    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>Parties: %{customdata[3]}<br>Source: %{customdata[4]}"
    "<br><i>A landmark: click it to read what happened and open its source</i><extra></extra>"
)
POLICY_HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Policy type: %{customdata[2]}<br>Parties: %{customdata[3]}<extra></extra>"
IN_FORCE_ALPHA = 0.42
LINK_COLOUR = "rgba(125, 133, 144, 0.7)"


EPOCH = dt.date(1970, 1, 1).toordinal()


def _days(day: dt.date) -> int:
    """A date as days since 1970 (the unit `landmark_rows` places landmarks in)."""
    return day.toordinal() - EPOCH


def _iso(day) -> str:
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def place(starts: list[float], ends: list[float], rows: int) -> list[int]:
    """For intervals in priority order, the first of `rows` rows where each fits without overlapping one placed before it;
    -1 when none has room (greedy: an earlier interval keeps its place)."""
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed = []
    for start, end in zip(starts, ends, strict=True):
        row = next((r for r in range(rows) if all(end <= s or start >= e for s, e in taken[r])), -1)
        if row >= 0:
            taken[row].append((start, end))
        placed.append(row)
    return placed


def landmark_rows(landmarks: pd.DataFrame, start: dt.date, end: dt.date, plot_px: int = PLOT_PX) -> pd.DataFrame:
    """Per landmark (in importance order), the row it is drawn in (`row`): 1..LABEL_ROWS when its label fits there, else 0
    (a small unlabelled mark whose hover still tells it); and whether its label is written to its left (`left`), as near
    the range's end. The labels of a narrow date range all fit; of a wide one, the most important that do."""
    days_per_px = max((end - start).days + 1, 1) / plot_px
    days = landmarks["date"].to_numpy().astype("datetime64[D]").astype(float)
    half = LANDMARK_SIZE / 2 * days_per_px
    label = (LANDMARK_SIZE / 2 + landmarks["label_chars"].to_numpy() * CHAR_PX + LABEL_GAP_PX) * days_per_px
    left = days + half + label > _days(end + dt.timedelta(days=1))
    starts = np.where(left, days - half - label, days - half)
    ends = np.where(left, days + half, days + half + label)
    rows = [row + 1 for row in place(starts.tolist(), ends.tolist(), LABEL_ROWS)]
    return pd.DataFrame({"row": rows, "left": left}, index=landmarks.index)


def _selected(customdata: np.ndarray, selected: str) -> list[int] | None:
    return [i for i, row in enumerate(customdata) if row[0] == selected] if selected else None


def landmark_traces(landmarks: pd.DataFrame, placed: pd.DataFrame, selected: str = "") -> list[dict]:
    """Diamonds in the landmark lane (`placed` as `landmark_rows` gives it): the labelled ones with their label beside
    them, the others small on the bottom row; a landmark known only to the month is hollow. Trace specs (dicts) for
    `Figure.add_traces`, which checks them once: graph objects would be checked twice."""
    traces = []
    labelled, month = placed["row"] > 0, landmarks["date_precision"] == "month"
    for is_labelled, is_month in ((True, False), (True, True), (False, False), (False, True)):
        group = landmarks[(labelled == is_labelled) & (month == is_month)]
        if group.empty:
            continue
        customdata = np.array(group["hover"].tolist(), dtype=str).reshape(len(group), HOVER_COLUMNS)
        traces.append(
            dict(
                type="scatter",
                x=group["day"].to_numpy(),
                y=placed.loc[group.index, "row"].to_numpy(),
                yaxis="y2",
                mode="markers+text" if is_labelled else "markers",
                text=group["label"].to_numpy() if is_labelled else None,
                textposition=np.where(placed.loc[group.index, "left"], "middle left", "middle right"),
                textfont={"size": LABEL_FONT},
                name="landmarks, labelled" if is_labelled else "landmarks",
                legendgroup="context",
                showlegend=False,
                marker={
                    "size": LANDMARK_SIZE if is_labelled else UNLABELLED_SIZE,
                    "color": LANDMARK_COLOUR,
                    "symbol": "diamond-open" if is_month else "diamond",
                    "line": {"width": 1.5, "color": LANDMARK_COLOUR if is_labelled or is_month else "rgba(255, 255, 255, 0.85)"},
                },
                customdata=customdata,
                hovertemplate=LANDMARK_HOVER,
                selectedpoints=_selected(customdata, selected),
                unselected={"marker": {"opacity": 0.3}, "textfont": {"color": "rgba(125, 133, 144, 0.6)"}},
                cliponaxis=False,
                meta={"layer": "landmarks", "labelled": is_labelled},
            )
        )
    return traces


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def policy_span(policy: dict, start: dt.date, end: dt.date) -> tuple[str, dt.date, dt.date] | None:
    """What one policy shows within [start, end]: (state, first day, day after the last), clipped to the range, or None.
    In force from its start until it stopped applying (open: to the range's end); a policy that never took effect (or
    whose first day is not verified) is 'announced', from its announcement until it was stopped, or on that day alone."""
    after = end + dt.timedelta(days=1)
    first, stop = drawn_from(policy), policy["stop_date"]
    if policy["start_date"]:
        state, until = "in force", stop or after
    else:
        state, until = "announced", stop or first + dt.timedelta(days=1)
    return (state, max(first, start), min(until, after)) if first < after and until > start else None


def policy_rows(policies: pd.DataFrame, start: dt.date, end: dt.date, plot_px: int = PLOT_PX) -> tuple[list[int], list[bool]]:
    """Per policy (earliest first), its row, the first where its span and its name both fit; and whether the name is
    written before the span's end (leftwards) because it would run past the range's end."""
    days_per_px = max((end - start).days + 1, 1) / plot_px
    limit = _days(end + dt.timedelta(days=1))
    starts, ends, leftwards = [], [], []
    for policy in policies.to_dict("records"):
        _, first, after = policy_span(policy, start, end)
        low, high, name = _days(first), _days(after), (len(policy["name"]) * CHAR_PX + LABEL_GAP_PX) * days_per_px
        left = low + name > limit
        starts.append(min(low, high - name) if left else low)
        ends.append(high if left else max(high, low + name))
        leftwards.append(left)
    return place(starts, ends, len(starts)), leftwards


def policy_traces(policies: pd.DataFrame, rows: list[int], leftwards: list[bool], start: dt.date, end: dt.date) -> list[dict]:
    """The policies as horizontal bars coloured by policy type (hatched when only announced), each named at its start
    (or, near the range's end, before its end): trace specs for `Figure.add_traces`, which checks them once."""
    bars: dict[str, list] = {"base": [], "x": [], "y": [], "fill": [], "line": [], "pattern": [], "customdata": []}
    labels: dict[str, list] = {"x": [], "y": [], "text": [], "position": []}
    for policy, row, left in zip(policies.to_dict("records"), rows, leftwards, strict=True):
        state, first, after = policy_span(policy, start, end)
        bars["base"].append(_iso(first))
        bars["x"].append((after - first).days * 86_400_000)
        bars["y"].append(row)
        bars["fill"].append(_rgba(policy["colour"], IN_FORCE_ALPHA))
        bars["line"].append(_rgba(policy["colour"], 0.9))
        bars["pattern"].append("/" if state == "announced" else "")
        bars["customdata"].append(policy["hover"])
        labels["x"].append(_iso(after if left else first))
        labels["y"].append(row)
        labels["text"].append(policy["hover"][0])
        labels["position"].append("middle left" if left else "middle right")
    if not bars["y"]:
        return []
    bar = dict(
        type="bar",
        base=bars["base"],
        x=bars["x"],
        y=bars["y"],
        yaxis="y3",
        orientation="h",
        width=0.74,
        marker={"color": bars["fill"], "line": {"color": bars["line"], "width": 1}, "pattern": {"shape": bars["pattern"], "size": 6}},
        customdata=bars["customdata"],
        hovertemplate=POLICY_HOVER,
        name="policies",
        showlegend=False,
        meta={"layer": "policies"},
    )
    text = dict(
        type="scatter",
        x=labels["x"],
        y=labels["y"],
        yaxis="y3",
        mode="text",
        text=labels["text"],
        textposition=labels["position"],
        textfont={"size": POLICY_FONT},
        hoverinfo="skip",
        showlegend=False,
        name="policy names",
        meta={"layer": "policy names"},
    )
    return [bar, text]


def legend_entries(landmarks: bool, policies: bool) -> list[dict]:
    """The context layer's legend: what a diamond and a bar mean."""
    entries = []
    if landmarks:
        entries.append(("landmark (sourced event)", {"symbol": "diamond", "color": LANDMARK_COLOUR}))
    if policies:
        entries += [
            ("policy in force", {"symbol": "square", "color": _rgba("#7a7a7a", 0.6)}),
            ("announced only: hatched", {"symbol": "square-open", "color": "#7a7a7a"}),
        ]
    return [
        dict(
            type="scatter",
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            marker={"size": LANDMARK_SIZE, **marker},
            legendgroup="context",
            hoverinfo="skip",
        )
        for name, marker in entries
    ]


def _lane_positions(figure: go.Figure, event_ids: set[str]) -> dict[str, list[float]]:
    """Where the article events among `event_ids` are drawn: the lane position of each of their marks."""
    found: dict[str, list[float]] = {}
    for trace in figure.data:
        if trace.customdata is None or getattr(trace, "yaxis", None) not in (None, "y"):
            continue
        for row, y in zip(trace.customdata, trace.y, strict=True):
            if row[0] in event_ids:
                found.setdefault(row[0], []).append(float(y))
    return found


def _paper(value: float, domain: tuple[float, float], bounds: tuple[float, float]) -> float:
    return domain[0] + (value - bounds[0]) / (bounds[1] - bounds[0]) * (domain[1] - domain[0])


def link_shape(
    figure: go.Figure, links: pd.DataFrame, rows: pd.Series, landmarks: pd.DataFrame, main: tuple[tuple, tuple], lane: tuple[tuple, tuple]
) -> dict | None:
    """Dotted lines, in one path, from each article event's best-estimate day in each of its lanes up to the landmark it
    reports: one event, told by an article and by the reference table, drawn once in each place and joined. `links` holds
    the events' ids, dates and landmark ids; `main` and `lane` are the (domain, range) of the lanes' and the landmarks'
    y axes. None when no link is drawn."""
    by_id = dict(zip(landmarks["landmark_id"], zip(landmarks["date"], rows[landmarks.index], strict=True), strict=True))
    positions = _lane_positions(figure, set(links["event_id"]))
    segments = []
    for event_id, day, landmark_id in links[["event_id", "date", "landmark_id"]].itertuples(index=False):
        if landmark_id not in by_id:
            continue
        landmark_day, row = by_id[landmark_id]
        top = f"L{_iso(landmark_day)},{_paper(row, *lane):.4f}"
        segments += [f"M{_iso(day)},{_paper(y, *main):.4f} {top}" for y in positions.get(event_id, [])]
    if not segments:
        return None
    return {"type": "path", "path": " ".join(segments), "xref": "x", "yref": "paper", "layer": "below", "name": "links"} | {
        "line": {"color": LINK_COLOUR, "width": 1, "dash": "dot"}
    }


def _panel_axis(title: str, rows: int, domain: tuple[float, float], reverse: bool = False) -> dict:
    """A panel's y axis, its name written at its edge next to the article events' lanes, in the gap between the panels
    and inside the plot (no margin taken from a phone's width): under the landmarks, over the policies."""
    bounds = [-0.6, rows - 0.4]
    return {
        "domain": list(domain),
        "anchor": "x",
        "range": bounds[::-1] if reverse else bounds,
        "tickvals": [-0.6],
        "ticktext": [f"<b>{'▼ ' if reverse else '▲ '}{title}</b>"],
        "ticklabelposition": "inside top" if reverse else "inside bottom",
        "tickfont": {"size": 12, "shadow": "auto"},
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "automargin": False,  # its name is inside the plot (charts.FIXED_MARGINS)
    }


def add_context(
    figure: go.Figure,
    landmarks: pd.DataFrame,
    policies: pd.DataFrame,
    style: Style,
    *,
    start: dt.date,
    end: dt.date,
    links: pd.DataFrame | None = None,
    selected: str = "",
    narrow: bool = False,
) -> go.Figure:
    """Add the landmark lane above a timeline's lanes and the policies below them (in place, and returned): the landmarks
    first, under the administrations' names, the article events next to them, and the policies in force along the date
    axis.

    `landmarks` are the landmarks to draw, most important first, and `policies` the policies, earliest first; either may be
    empty (its panel is left out). `links` pairs article event ids with the landmark each reports: a dotted line joins them.
    Labels are kept apart for a PLOT_PX wide plot, or a NARROW_PLOT_PX one when `narrow` (a phone's), as the timeline's own.
    """
    show_landmarks, show_policies = len(landmarks) > 0, len(policies) > 0
    plot_px = NARROW_PLOT_PX if narrow else PLOT_PX
    if not (show_landmarks or show_policies):
        return figure
    layout = figure.layout
    height, main_range = layout.height, tuple(layout.yaxis.range)
    main_px = height - layout.margin.t - layout.margin.b
    rows, leftwards = policy_rows(policies, start, end, plot_px) if show_policies else ([], [])
    n_policy_rows = max(rows) + 1 if rows else 0
    policy_px = POLICY_ROW_PX * n_policy_rows + GAP_PX if show_policies else 0
    total = policy_px + main_px + (GAP_PX + LANDMARK_ROW_PX * (LABEL_ROWS + 1) if show_landmarks else 0)
    main = ((policy_px / total, (policy_px + main_px) / total), main_range)
    axes, traces, link = {"yaxis": {"domain": list(main[0])}}, [], None
    lane_rows = pd.Series(dtype=int)
    if show_landmarks:
        placed = landmark_rows(landmarks, start, end, plot_px)
        lane_rows = placed["row"]
        lane_domain = ((policy_px + main_px + GAP_PX) / total, 1)
        axes["yaxis2"] = _panel_axis("Landmarks", LABEL_ROWS + 1, lane_domain)
        traces += landmark_traces(landmarks, placed, selected)
        if links is not None and len(links):
            link = link_shape(figure, links, lane_rows, landmarks, main, (lane_domain, tuple(axes["yaxis2"]["range"])))
    if show_policies:
        axes["yaxis3"] = _panel_axis("Policies", n_policy_rows, (0, (policy_px - GAP_PX) / total), reverse=True)
        axes["xaxis"] = {"anchor": "y3"}  # the dates under the policies, at the foot of the plot
        traces += policy_traces(policies, rows, leftwards, start, end)
    figure.add_traces([*traces, *legend_entries(show_landmarks, show_policies)])
    meta = dict(layout.meta or {}) | {"landmarks": len(landmarks), "labelled": int((lane_rows > 0).sum()), "policies": len(policies)}
    figure.update_layout(axes, height=height + total - main_px, meta=meta | {"links": link["path"].count("M") if link else 0})
    if link:
        figure.add_shape(link)
    return figure
