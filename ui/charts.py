"""Every figure the dashboard draws: pure plotly builders over the filtered event table (never imports streamlit)."""

from __future__ import annotations

import datetime as dt
import heapq
import html
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.data import UNDATED, keys_of
from ui.style import Dimension, Era, Style
from ui.view import CHOICE_WORDS, COUNTED_CELL

AXIS_TITLES = {
    "date": "Date of the event",
    "country": "Country (party to the event)",
    "policy_type": "Policy type",
    "administration": "US administration in office",
}
CONFIDENCE_WORDS = {"high": "high confidence", "medium": "medium confidence", "low": "low confidence"}
MARKER_SIZE = 13
MENTION_SIZE = 8  # an event an article only mentions is drawn smaller
RING_SIZE = MARKER_SIZE + 9  # the ring around an event reported by several articles
SPAN_THICKNESS = 0.17  # share of the distance between two lanes
MENTION_THICKNESS = 0.09
DODGE_OFFSETS = (0.0, 0.24, -0.24, 0.12, -0.12, 0.36, -0.36)
MIN_GAP_SHARE = 0.012  # marks closer than this share of the x range move to another row of their lane
LANE_PX, CHROME_PX, MIN_HEIGHT, LEGEND_ROW_PX = 46, 190, 380, 24
# Colours that must read on the light and the dark theme alike (3:1 for marks against both backgrounds); text takes the
# theme's own colour (Streamlit's plotly theme), so no builder sets a text colour.
GUIDE_COLOUR = "#7d8590"
PRIMARY = "#004488"
WINDOW_COLOUR = "rgba(125, 133, 144, 0.55)"
HOLLOW_FILL = "rgba(0, 0, 0, 0)"
OUTLINE = "rgba(255, 255, 255, 0.85)"
MAX_LABELLED = 25  # with this many events or fewer, each is labelled with its title
# Above this many marks (an event once in each lane and policy-type band it is drawn in) the timeline counts the events
# per lane and week or month instead of drawing each: SVG makes an element of each mark (4,400 marks took 0.8-1.0 s to
# draw in Chromium, 18,000 took 2-4 s, 44,000 ~25 s), and long before that they overlap into a wall no reader tells
# apart. WebGL is no way out: where it is emulated in software (headless Chromium) it drew 4,400 marks in 0.9-1.5 s.
DENSE_MARKS = 2_500
DENSITY_SCALE = [[0, "#77AADD"], [1, "#AA3377"]]  # mid-light to mid-dark: each end reads on a light and a dark page
CHOSEN_RING = "#DDAA33"  # the selected event's ring over counted cells: yellow stands out of the blue-purple scale on either theme
CELL_MARKER_PX = 16  # the unseen marker a counted cell answers hover and clicks with: about a month's width on a laptop
# the colour bar of a counted timeline: clear of the plot by enough that its centred title does not reach over the lanes
COUNT_BAR = {"title": {"side": "top", "font": {"size": 12}}, "thickness": 10, "len": 0.4, "outlinewidth": 0} | {
    "x": 1, "xanchor": "left", "xpad": 24, "y": 1, "yanchor": "top"}  # fmt: skip
COLOURBAR_PX = 104  # the right margin that holds a counted timeline's colour bar, its pad and title (101 px measured in
# Chromium): a narrower margin is widened by plotly.js, which then lays the whole figure out a second time
LABEL_CHARS, LABEL_FONT, LABEL_CHAR_PX = 24, 11, 6.2
NARROW_PLOT_PX = 300  # what labels are kept apart for: a phone's plot (390 px screen) is about this wide
LABEL_PLOT_PX = 600  # event labels: a laptop's plot; on a phone some overlap and the list under the chart tells them
AXIS_PX = 66  # under the plot: the date ticks and the axis title (64.8 px measured in Chromium), above the legend
# FIXED_MARGINS: the timeline's margins are set to hold what they hold (axes without automargin, the colour bar in
# COLOURBAR_PX): a margin plotly.js has to widen makes it lay the whole figure out a second time, on every rerun.
LEGEND_ROW_PX, LEGEND_ENTRY_PX, LEGEND_CHAR_PX = 24, 44, 7.6
LEGEND_WIDTH_PX = 800  # the legend's rows are reserved for a tablet's width; narrower, it scrolls within them
PHONE_LEGEND_ROW_PX = 20  # a phone's legend sets one entry a row (19 px apart, measured at 390 px): each is reserved one
EXPORT_WIDTH_PX = 1600  # the camera saves the chart at this width, whatever the screen: the legend always fits
TITLE_CHARS, SUBTITLE_CHARS = 44, 60
MAX_BAND_SIZE = 25
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


def wrapped(text: str, chars: int) -> str:
    """Untrusted text escaped for plotly and wrapped to lines of `chars` with <br> (plotly never wraps a title)."""
    return "<br>".join(plotly_escape(line) for line in textwrap.wrap(str(text), chars))


def _title(title: str, subtitle: str, title_chars: int = 0, subtitle_chars: int = 0) -> dict:
    """A title and subtitle, wrapped to lines of `title_chars` and `subtitle_chars` when given (so a phone shows them whole)."""
    return {
        "text": wrapped(title, title_chars) if title_chars else plotly_escape(title),
        "font": {"size": 19},
        "subtitle": {"text": wrapped(subtitle, subtitle_chars) if subtitle_chars else plotly_escape(subtitle), "font": {"size": 13}},
        "x": 0,
        "xanchor": "left",
    }


def chart_config(filename: str, image_format: str = "png", height: int | None = None) -> dict:
    """Plotly's modebar settings: the camera button saves `filename`.png/.svg; no logo, no cloud links. Given the figure's
    `height`, the image is drawn EXPORT_WIDTH_PX wide whatever the screen, so a phone's export keeps the legend whole."""
    size = {"width": EXPORT_WIDTH_PX, "height": height} if height else {}
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": image_format, "filename": filename, "scale": 2 if image_format == "png" else 1} | size,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def format_day(day) -> str:
    return f"{day.day} {day:%b %Y}"


def format_window(earliest, latest) -> str:
    """A date window in words: '6–13 Jul 2018', '7 Jun – 11 Sep 2019'."""
    if earliest == latest:
        return format_day(earliest)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.day}–{latest.day} {latest:%b %Y}"
    return f"{format_day(earliest)} – {format_day(latest)}"


def between_words(earliest, latest) -> str:
    """Two days in words, the year said once when shared: 'between 3 and 20 Jun 2019', 'between 7 Jun and 11 Sep 2019',
    'between 28 Jun 2018 and 25 Jun 2020'."""
    if earliest.year != latest.year:
        return f"between {format_day(earliest)} and {format_day(latest)}"
    if earliest.month != latest.month:
        return f"between {earliest.day} {earliest:%b} and {format_day(latest)}"
    return f"between {earliest.day} and {format_day(latest)}"


def window_words(earliest, latest) -> str:
    """How precisely an event is dated, worded from its window of possible days (never from a label the window belies):
    'dated to the day', 'dated within 3 days (6–8 Jul 2018)', 'dated to the month' (a whole calendar month), 'dated to the
    year' (a whole calendar year), 'dated only to a day between 28 Jun 2018 and 25 Jun 2020 (729 days)'."""
    days = (latest - earliest).days + 1
    if days <= 1:
        return "dated to the day"
    if days <= 7:
        return f"dated within {days} days ({format_window(earliest, latest)})"
    if earliest.day == 1 and latest == earliest + pd.offsets.MonthEnd(0):
        return "dated to the month"
    if (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31) and earliest.year == latest.year:
        return "dated to the year"
    return f"dated only to a day {between_words(earliest, latest)} ({days:,} days)"


def describe_date(event) -> str:
    """The date of an event: its most likely day (or month, or year, as precise as its label), how precisely its window
    dates it, and the confidence: '7 Jun 2019 · dated to the day · high confidence'."""
    if pd.isna(event["date"]):
        return f"undated · {CONFIDENCE_WORDS.get(event['date_confidence'], '')}"
    date, earliest, latest = event["date"], event["date_earliest"], event["date_latest"]
    shown = {"day": format_day(date), "month": f"{date:%B %Y}", "year": f"{date:%Y}"}.get(event["date_precision"], format_day(date))
    if earliest < latest and event["date_precision"] == "day":
        shown += " (most likely day)"
    return f"{shown} · {window_words(earliest, latest)} · {CONFIDENCE_WORDS.get(event['date_confidence'], '')}"


def _text(value: str, width: int = 70) -> str:
    """Untrusted text for a plotly label: escaped for plotly, wrapped with <br>."""
    return "<br>".join(plotly_escape(line) for line in textwrap.wrap(str(value), width)) or "—"


def _names(keys, dimension: Dimension) -> str:
    return _text(", ".join(dimension.label(k) for k in keys) or "none identified")


def dodge(starts: list[float], ends: list[float], min_gap: float) -> list[float]:
    """Vertical offsets that keep marks closer than `min_gap` apart off each other's row: in start order, each mark takes
    the lowest row whose last mark ended `min_gap` before it starts, or a new row (a row once free stays free for every
    later start, so the free rows wait in a heap: a dense lane of thousands of marks costs n log n, not n x rows)."""
    rows = [0] * len(starts)
    busy: list[tuple[float, int]] = []  # (end of the row's last mark, row), earliest end first
    free: list[int] = []  # rows free for the current start, lowest first
    count = 0
    for i in sorted(range(len(starts)), key=lambda i: (starts[i], ends[i])):
        while busy and starts[i] - busy[0][0] >= min_gap:
            heapq.heappush(free, heapq.heappop(busy)[1])
        row = heapq.heappop(free) if free else count
        count += row == count
        heapq.heappush(busy, (ends[i], row))
        rows[i] = row
    return [DODGE_OFFSETS[r % len(DODGE_OFFSETS)] for r in rows]


def _days(dates: pd.Series) -> pd.Series:
    """Dates as days since 1970, whatever the datetime unit."""
    return (dates - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)


US = "USA"
US_ONLY = "USA-only"  # the lane of events whose only party is the United States, while its full lane is hidden


def lane_keys(events: pd.DataFrame, lanes: str, us_lane: bool = True) -> pd.Series:
    """Each event's lanes. By country without the United States lane, the US is left out of every event that has another
    party (it is a party to almost every event) and an event of the US alone keeps a lane of its own."""
    keys = keys_of(events, lanes)
    if lanes != "country" or us_lane:
        return keys
    return keys.map(lambda k: [c for c in k if c != US] or ([US_ONLY] if US in k else k))


def band_sizes(count: int, mentioned: bool = False) -> list[float]:
    """The sizes of the concentric discs of a mark coloured by `count` policy types, outermost first (`mark_sizes`)."""
    rings = pd.DataFrame({"role": "referenced" if mentioned else "main", "bands": count, "band": range(max(count, 1))})
    return mark_sizes(rings).tolist()


def colour_bands(marks: pd.DataFrame, colour: str, lanes: str) -> pd.DataFrame:
    """One row per (mark, colour): coloured by policy type (in lanes of another kind), a mark with several types is drawn
    once per type as concentric bands (`band` 0 the outermost, `bands` how many), so no type is hidden behind the first."""
    if colour == lanes:
        return marks.assign(colour_key=marks["lane"], band=0, bands=1)
    if colour != "policy_type":
        return marks.assign(colour_key=marks["us_administration"], band=0, bands=1)
    banded = marks.assign(colour_key=marks["policy_types"], mark=np.arange(len(marks))).explode("colour_key", ignore_index=True)
    banded["colour_key"] = banded["colour_key"].fillna("")  # an event of no policy type: one mark of the empty key
    by_mark = banded.groupby("mark")
    banded["band"], banded["bands"] = by_mark.cumcount(), by_mark["mark"].transform("size")
    return banded.drop(columns="mark")


def lane_rows(events: pd.DataFrame, style: Style, lanes: str, us_lane: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """The dated events once in each of their lanes (`lane`, `lane_y` its position, the first lane at the top), with
    their `hover` labels; and the lane order."""
    dated = events.loc[events["date"].notna()]
    # the dataset carries its hover labels (built once per data version); a bare table gets them here
    hover = dated["hover"] if "hover" in dated.columns else pd.Series(hover_columns(dated, style), index=dated.index, dtype=object)
    rows = dated[MARK_COLUMNS].assign(lane=lane_keys(dated, lanes, us_lane), hover=hover).explode("lane", ignore_index=True)
    order = style.dimension(lanes).ordered(rows["lane"].unique())
    if US_ONLY in order:
        order = [key for key in order if key != US_ONLY] + [US_ONLY]
    rows["lane_y"] = rows["lane"].map({key: len(order) - 1 - i for i, key in enumerate(order)})
    return rows, order


def timeline_marks(
    events: pd.DataFrame, style: Style, lanes: str, colour: str, span_days: float, us_lane: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """One row per mark (an event in each of its lanes, once per colour band) with its lane, colour key, band, y position
    and kind; and the lane order."""
    marks, order = lane_rows(events, style, lanes, us_lane)
    marks["kind"] = np.where(marks["date_precision"].to_numpy() == "day", "point", "span")
    is_span = marks["kind"] == "span"
    start = _days(marks["date"].where(~is_span, marks["date_earliest"]))
    end = _days(marks["date"].where(~is_span, marks["date_latest"])) + is_span
    offsets = pd.Series(0.0, index=marks.index)
    for positions in marks.groupby("lane", sort=False).indices.values():
        offsets.iloc[positions] = dodge(start.iloc[positions].tolist(), end.iloc[positions].tolist(), span_days * MIN_GAP_SHARE)
    marks["y"] = marks.pop("lane_y") + offsets
    marks["start_day"] = start
    return colour_bands(marks, colour, lanes), order


def count_bin(start: dt.date, end: dt.date) -> str:
    """The period a dense timeline counts events by: a week over two years or less, else a month (about 100 cells)."""
    return "week" if (end - start).days <= 2 * 366 else "month"


def bin_starts(dates: pd.Series, unit: str) -> pd.Series:
    """The first day of each date's week (Monday) or month."""
    return dates.dt.to_period("W-SUN" if unit == "week" else "M").dt.start_time.dt.normalize()


def density_traces(rows: pd.DataFrame, order: list[str], dimension: Dimension, start: dt.date, end: dt.date) -> list[dict]:
    """Events counted per lane and week or month (`count_bin`), for a timeline of more events than can be drawn one by
    one: a heatmap of the counts (an empty cell left blank; one image, however many cells), and over it an unseen
    marker at the centre of each cell that holds events, which carries its hover label and answers a click (a heatmap
    does neither in Streamlit). A marker's customdata: COUNTED_CELL, the cell's first and last day within start..end
    (a click on the Timeline narrows the dates to them, `cell_view`), its hover label, and its earliest event (a click
    during a presentation shows it). An event is counted at its most likely day."""
    unit = count_bin(start, end)
    first = bin_starts(pd.Series([pd.Timestamp(start)]), unit).iloc[0]
    starts = pd.date_range(first, pd.Timestamp(end), freq="W-MON" if unit == "week" else "MS")  # every period that meets the range
    edges = starts.append(pd.DatetimeIndex([starts[-1] + (pd.Timedelta(days=7) if unit == "week" else pd.offsets.MonthBegin(1))]))
    counts = np.zeros((len(order), len(edges) - 1))
    inside = rows[(rows["date"] >= edges[0]) & (rows["date"] < edges[-1])]
    column = np.searchsorted(edges.to_numpy(), inside["date"].to_numpy(dtype="datetime64[ns]"), side="right") - 1
    np.add.at(counts, (len(order) - 1 - inside["lane_y"].to_numpy(dtype=int), column), 1)
    heatmap = {
        "type": "heatmap",
        "x": edges.strftime("%Y-%m-%d").tolist(),  # n + 1 edges: each cell spans its whole week or month
        "y": [len(order) - 1 - i for i in range(len(order))],
        "z": np.where(counts > 0, counts, np.nan),
        "colorscale": DENSITY_SCALE,
        "zmin": 0,
        "ygap": 6,
        "xgap": 1,
        "hoverinfo": "skip",
        "name": f"events a {unit}",
        "showlegend": False,
        "colorbar": COUNT_BAR | {"title": COUNT_BAR["title"] | {"text": f"events<br>a {unit}"}},
    }
    lane, cell = np.nonzero(counts)  # row by row, in time order: the cells that hold events
    first_events = _first_events(inside, len(order) - 1 - inside["lane_y"].to_numpy(dtype=int), column)
    low, high = edges[cell], edges[cell + 1]
    first_days = np.maximum(low, pd.Timestamp(start)).strftime("%Y-%m-%d")
    last_days = np.minimum(high - pd.Timedelta(days=1), pd.Timestamp(end)).strftime("%Y-%m-%d")
    when = [f"week of {format_day(day)}" if unit == "week" else f"{day:%B %Y}" for day in low]
    names = [plotly_escape(lane_label(order[i], dimension)) for i in lane]
    n = counts[lane, cell]
    text = [f"<b>{name}</b> · {w}: {plural(int(k), 'event')}<br>click to see them" for name, w, k in zip(names, when, n, strict=True)]
    cells = {
        "type": "scatter",
        "mode": "markers",
        "x": (low + (high - low) / 2).strftime("%Y-%m-%d %H:%M").to_numpy(dtype=object),
        "y": (len(order) - 1 - lane).astype(float),
        "marker": {"symbol": "square", "size": CELL_MARKER_PX, "opacity": 0},  # unseen: the heatmap shows the cell
        "customdata": np.array(
            [[COUNTED_CELL, a, b, t, first_events[(i, j)]] for a, b, t, i, j in zip(first_days, last_days, text, lane, cell, strict=True)],
            dtype=object,
        ),
        "hovertemplate": "%{customdata[3]}<extra></extra>",
        "name": f"events a {unit}, to click",
        "showlegend": False,
    }
    return [heatmap, cells]


DECK_ORDER = ["date", "date_earliest", "event_id"]  # a presentation's order of events: day, earliest possible day, id


def _first_events(rows: pd.DataFrame, lanes: np.ndarray, cells: np.ndarray) -> dict[tuple[int, int], str]:
    """Per (lane row, cell column): the id of its earliest event, in a presenter's deck order (day, earliest possible
    day, id): a click on the cell during a presentation shows it."""
    ordered = rows.assign(_lane=lanes, _cell=cells).sort_values(DECK_ORDER, kind="stable")
    first = ordered.drop_duplicates(["_lane", "_cell"])
    return dict(zip(zip(first["_lane"].tolist(), first["_cell"].tolist(), strict=True), first["event_id"].tolist(), strict=True))


def _chosen_trace(rows: pd.DataFrame) -> dict:
    """The selected event in each of its lanes, ringed over a counted timeline's cells: where it stands among them."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": iso_days(rows["date"]),
        "y": rows["lane_y"].to_numpy(dtype=float),
        "marker": {"symbol": "circle-open", "size": 20, "color": CHOSEN_RING, "line": {"width": 4}},
        "customdata": _labels(rows["hover"]),
        "hovertemplate": HOVER,
        "name": "selected event",
        "showlegend": False,
    }


def lane_label(key: str, dimension: Dimension) -> str:
    return "United States alone" if key == US_ONLY else dimension.label(key)


def clip_label(title: str, chars: int = LABEL_CHARS) -> str:
    """A title cut to `chars` characters (an ellipsis when cut) and escaped for plotly: a label on the chart."""
    title = " ".join(str(title).split())
    return plotly_escape(title if len(title) <= chars else title[: chars - 1].rstrip(" ,;:–-") + "…")


def should_label(n_events: int) -> bool:
    """Whether the chart writes each event's title beside it: only when few enough to be read."""
    return 0 < n_events <= MAX_LABELLED


def label_marks(marks: pd.DataFrame, titles: dict[str, str], span_days: float, plot_px: int = LABEL_PLOT_PX) -> pd.Series:
    """Per mark, its label's text position ('top right' or 'bottom right') or '' when not labelled: each event labelled
    once, in the first of its lanes where its label overlaps no other label on the same side of that lane (greedy, in
    date order; an event no slot has room for stays unlabelled, and the list under the chart names it)."""
    positions = pd.Series("", index=marks.index, dtype=object)
    outer = marks[marks["band"] == 0].sort_values(["start_day", "y"], ascending=[True, False])
    px_per_day = plot_px / max(span_days, 1)
    taken: dict[tuple[str, str], list[tuple[float, float]]] = {}
    done: set[str] = set()
    for index, row in outer.iterrows():
        if row["event_id"] in done:
            continue
        left = row["start_day"] * px_per_day
        right = left + len(html.unescape(titles.get(row["event_id"], ""))) * LABEL_CHAR_PX + 8
        for side in ("top right", "bottom right"):
            slot = taken.setdefault((row["lane"], side), [])
            if all(right <= a or left >= b for a, b in slot):
                slot.append((left, right))
                positions[index] = side
                done.add(row["event_id"])
                break
    return positions


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
    """The hover columns as one array of Python strings: plotly takes an array as it is, where it checks a list item by
    item (an array of numpy's fixed-width strings would be as wide as the longest label in every cell: ~100 MB at 10k)."""
    return np.array(hover.tolist(), dtype=object).reshape(len(hover), HOVER_COLUMNS)


def iso_days(dates: pd.Series) -> np.ndarray:
    """Dates as 'YYYY-MM-DD' strings, in one array (plotly checks an array of strings at once, a list item by item)."""
    return dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(str)


def mark_sizes(marks: pd.DataFrame) -> np.ndarray:
    """Each mark's size, from its `band` of `bands` concentric discs (one per policy type, outermost first) and its
    `role`: each type keeps a ring of the same width, so every type shows; an event only mentioned is drawn smaller."""
    base = np.where(marks["role"].to_numpy() == "referenced", MENTION_SIZE, MARKER_SIZE).astype(float)
    bands, band = marks["bands"].to_numpy(), marks["band"].to_numpy()
    outer = np.minimum(base + 4 * (bands - 1), MAX_BAND_SIZE)
    return np.where(bands > 1, outer * (bands - band) / np.maximum(bands, 1), base)


def _selected(marks: pd.DataFrame, selected: str) -> dict:
    """The selected event's marks among these (every mark of the trace fades when it has none); nothing when no event is."""
    return {"selectedpoints": np.flatnonzero(marks["event_id"].to_numpy() == selected).tolist()} if selected else {}


def _hover(marks: pd.DataFrame) -> dict:
    """The hover label of the outermost band; an inner band carries only its event's id (to be found by it) and leaves
    the hover to the disc around it, drawn at the same place: a mark's label is sent once, not once per policy type."""
    if (marks["band"] == 0).all():
        return {"customdata": _labels(marks["hover"]), "hovertemplate": HOVER}
    return {"customdata": marks["event_id"].to_numpy(dtype=object).reshape(-1, 1), "hoverinfo": "skip"}


def _point_traces(marks: pd.DataFrame, name: str, colour: str, group: str, labels: dict[str, str], selected: str) -> list[dict]:
    """The points of one colour band: the solid marks, then the hollow ones (low confidence), each a trace of one symbol."""
    traces = []
    hollow = marks["date_confidence"].to_numpy() == "low"
    for part, open_ in ((marks[~hollow], False), (marks[hollow], True)):
        if part.empty:
            continue
        trace = {
            "type": "scatter",
            "x": iso_days(part["date"]),
            "y": part["y"].to_numpy(dtype=float),
            "mode": "markers",
            "name": name,
            "legendgroup": group,
            "showlegend": False,
            "marker": {"size": mark_sizes(part), "color": colour, "symbol": "circle-open" if open_ else "circle"}
            | {"line": {"width": 2.5 if open_ else 1, "color": OUTLINE}},
            "unselected": {"marker": {"opacity": 0.3}},
        }
        if labels and part["label_position"].ne("").any():
            trace |= {
                "mode": "markers+text",
                "text": [labels[e] if p else "" for e, p in zip(part["event_id"], part["label_position"], strict=True)],
                "textposition": [p or "top right" for p in part["label_position"]],
                "textfont": {"size": LABEL_FONT},
            }
        traces.append(trace | _hover(part) | _selected(part, selected))
    return traces


def _span_trace(marks: pd.DataFrame, name: str, colour: str, group: str, selected: str) -> dict:
    """The bars of one colour band; each stripe of a bar keeps its hover label (stripes lie side by side, not nested)."""
    hollow = (marks["date_confidence"] == "low").to_numpy()
    width_ms = ((marks["date_latest"] - marks["date_earliest"]).dt.days + 1) * 86_400_000
    bands, band = marks["bands"].to_numpy(), marks["band"].to_numpy()
    thickness = np.where(marks["role"].to_numpy() == "referenced", MENTION_THICKNESS, SPAN_THICKNESS) / bands
    # a bar of several policy types is split into one stripe per type, top to bottom
    return {
        "type": "bar",
        "base": iso_days(marks["date_earliest"]),
        "x": width_ms.to_numpy(dtype=float),
        "y": marks["y"].to_numpy(dtype=float) + thickness * ((bands - 1) / 2 - band),
        "orientation": "h",
        "width": thickness,
        "name": name,
        "legendgroup": group,
        "showlegend": False,
        "marker": {"color": np.where(hollow, HOLLOW_FILL, colour), "line": {"color": colour, "width": 2}},
        "customdata": _labels(marks["hover"]),
        "hovertemplate": HOVER,
        "unselected": {"marker": {"opacity": 0.3}},
    } | _selected(marks, selected)


def _span_labels(marks: pd.DataFrame, labels: dict[str, str]) -> dict | None:
    """The labels of bars, at each bar's start (a bar cannot place text beside itself)."""
    shown = marks[(marks["kind"] == "span") & marks["label_position"].ne("")]
    if shown.empty:
        return None
    return {
        "type": "scatter",
        "x": iso_days(shown["date_earliest"]),
        "y": shown["y"].to_numpy(dtype=float) + np.where(shown["label_position"] == "top right", 0.12, -0.12),
        "mode": "text",
        "text": [labels[e] for e in shown["event_id"]],
        "textposition": shown["label_position"].tolist(),
        "textfont": {"size": LABEL_FONT},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "bar labels",
    }


def _window_trace(marks: pd.DataFrame) -> dict:
    """Thin lines over the possible window of day-dated events whose evidence allows more than one day."""
    wide = marks[(marks["kind"] == "point") & (marks["band"] == 0) & (marks["date_earliest"] < marks["date_latest"])]
    xs = np.full((len(wide), 3), None, dtype=object)
    xs[:, 0], xs[:, 1] = iso_days(wide["date_earliest"]), iso_days(wide["date_latest"] + pd.Timedelta(days=1))
    ys = np.full((len(wide), 3), None, dtype=object)
    ys[:, 0] = ys[:, 1] = wide["y"].to_numpy(dtype=float)
    return {"type": "scatter", "x": xs.ravel().tolist(), "y": ys.ravel().tolist(), "mode": "lines"} | {
        "line": {"color": WINDOW_COLOUR, "width": 1.5},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "window",
    }


def _ring_trace(marks: pd.DataFrame) -> dict:
    """A ring around each mark of an event several articles report (at the middle of a bar); drawn under the marks."""
    merged = marks[(marks["n_sources"] > 1) & (marks["band"] == 0)]
    middle = merged["date_earliest"] + (merged["date_latest"] - merged["date_earliest"]) / 2
    outer = mark_sizes(merged.assign(role="", band=0))
    return {
        "type": "scatter",
        "x": iso_days(merged["date"].where(merged["kind"] == "point", middle)),
        "y": merged["y"].to_numpy(dtype=float),
        "mode": "markers",
        "marker": {"size": outer + 9, "symbol": "circle-open", "color": GUIDE_COLOUR, "line": {"width": 2}},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "several sources",
    }


def _legend_entry(name: str, group: str, marker: dict | None, mode: str = "markers") -> dict:
    """A legend-only trace: the legend shows it, the plot does not (its one point is empty). No group title: those would
    stack the groups of the horizontal legend in columns; the legend's own title names the colours."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": mode,
        "name": name,
        "marker": {"size": MARKER_SIZE, **(marker or {})},
        "line": {"color": WINDOW_COLOUR, "width": 2},
        "legendgroup": group,
        "hoverinfo": "skip",
    }


def _guide_traces(marks: pd.DataFrame) -> list[dict]:
    """Legend entries that explain the marks (mentioned, merged and many-typed events only when some are drawn)."""
    guides = [
        _legend_entry("a day (or within 3): dot", "guide", {"symbol": "circle", "color": GUIDE_COLOUR}),
        _legend_entry("low confidence: hollow", "guide", {"symbol": "circle-open", "color": GUIDE_COLOUR, "line": {"width": 2.5}}),
        _legend_entry("month or year: bar over it", "guide", {"symbol": "square", "color": GUIDE_COLOUR}),
        _legend_entry("possible window of a day", "guide", None, mode="lines"),
    ]
    if (marks["bands"] > 1).any():
        rings = {"size": MARKER_SIZE + 4, "symbol": "circle-open-dot", "color": GUIDE_COLOUR, "line": {"width": 3}}
        guides.append(_legend_entry("several policy types: a ring (or stripe) each", "guide", rings))
    if (marks["role"] == "referenced").any():
        guides.append(_legend_entry("only mentioned in an article: small", "guide", {"size": MENTION_SIZE, "color": GUIDE_COLOUR}))
    if (marks["n_sources"] > 1).any():
        ring = {"size": MARKER_SIZE, "symbol": "circle-open-dot", "color": GUIDE_COLOUR, "line": {"width": 2}}
        guides.append(_legend_entry("reported by several articles: ringed", "guide", ring))
    return guides


def stagger(starts: list[float], widths: list[float], gap: float = 0) -> list[int]:
    """For labels written rightwards from `starts` (in order), the first row where each clears the labels before it."""
    row_ends: list[float] = []
    rows = []
    for start, width in zip(starts, widths, strict=True):
        row = next((r for r, end in enumerate(row_ends) if start >= end + gap), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = start + width
        rows.append(row)
    return rows


ERA_FONT, ERA_CHAR_PX, ERA_ROW_PX = 13, 8.0, 17


def era_shapes(eras: tuple[Era, ...], start: dt.date, end: dt.date, plot_px: int = NARROW_PLOT_PX) -> tuple[list[dict], list[dict]]:
    """Shaded bands and top labels for the administrations in office between start and end, clipped to that range. A label
    that would run into the next one on a `plot_px` wide plot (a phone's) goes up a row; labels take the theme's text colour."""
    shapes, labels, starts, widths = [], [], [], []
    px_per_day = plot_px / max((end - start).days + 1, 1)
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
            | {"text": f"<b>{plotly_escape(era.label)}</b>", "font": {"size": ERA_FONT}, "xshift": 4, "name": era.administration_id}
        )
        starts.append((x0 - start).days * px_per_day)
        widths.append(len(era.label) * ERA_CHAR_PX + 8)
    for label, row in zip(labels, stagger(starts, widths), strict=True):
        label["yshift"] = row * ERA_ROW_PX
    return shapes, labels


def mark_count(events: pd.DataFrame, lanes: str, colour: str, us_lane: bool = False) -> int:
    """How many marks the timeline would draw for these dated events: each event once in each of its lanes, and once per
    policy type when coloured by policy type in lanes of another kind (`colour_bands`)."""
    if lanes == "administration":
        per_event = np.ones(len(events), dtype=int)
    elif lanes == "policy_type":
        per_event = np.array([max(len(keys), 1) for keys in events["policy_types"]], dtype=int)
    else:  # as lane_keys: without the US lane, the US leaves every event that has another party
        per_event = np.array(
            [max(len(keys) - (not us_lane and len(keys) > 1 and US in keys), 1) for keys in events["countries"]], dtype=int
        )
    if colour == "policy_type" and lanes != "policy_type":
        per_event = per_event * np.array([max(len(keys), 1) for keys in events["policy_types"]], dtype=int)
    return int(per_event.sum())


def counting(
    events: pd.DataFrame, lanes: str, colour: str, start: dt.date, end: dt.date, us_lane: bool = False, max_marks: int | None = None
) -> str:
    """The period the timeline counts these events by ('week' or 'month') when they would make more than `max_marks`
    marks (DENSE_MARKS by default), or '' when it draws each one."""
    dated = events.loc[events["date"].notna()]
    return count_bin(start, end) if mark_count(dated, lanes, colour, us_lane) > (DENSE_MARKS if max_marks is None else max_marks) else ""


def timeline_title(count: int, lanes: str, colour: str, landmarks: int = 0, counted: str = "") -> str:
    """The timeline's title: how many events, along which lanes, in which colours (or counted per week or month), and how
    many landmarks above them."""
    how = f"counted per {counted}" if counted else f"coloured by {CHOICE_WORDS[colour].lower()}"
    title = f"{plural(count, 'event')} by {CHOICE_WORDS[lanes].lower()}, {how}"
    return title + (f", under {plural(landmarks, 'landmark')} of the period" if landmarks else "")


def is_phone(user_agent: str) -> bool:
    """Whether the browser says it is a phone ('Mobi' in its user agent, as phones' browsers write it; tablets do not)."""
    return "Mobi" in user_agent


def legend_rows(names: list[str], width: int = LEGEND_WIDTH_PX) -> int:
    """How many rows a horizontal legend of these entries (group titles included) takes at `width` pixels."""
    rows, used = 1, 0.0
    for name in names:
        entry = LEGEND_ENTRY_PX + len(html.unescape(name)) * LEGEND_CHAR_PX
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def top_margin(title: str, subtitle: str, era_rows: int) -> int:
    """Room above the plot for the wrapped title and subtitle, and the administrations' labels in `era_rows` rows."""
    return 18 + 25 * (title.count("<br>") + 1) + 18 * (subtitle.count("<br>") + 1) + 18 + ERA_ROW_PX * era_rows


def place_legend(figure: go.Figure) -> go.Figure:
    """Put a timeline's legend (in place, and returned) under its date axis, over the whole width, once the figure has
    its final height and bottom margin (the citation goes under it): the legend keeps its reserved rows, and scrolls
    within them on a screen too narrow for it. A figure without a reserved legend is left as it is."""
    meta = figure.layout.meta or {}
    if "legend_px" not in meta:
        return figure
    top = figure.layout.margin.b - meta["axis_px"]  # the legend's top, in pixels above the figure's foot
    figure.update_layout(legend={"y": top / figure.layout.height, "yanchor": "top", "maxheight": meta["legend_px"] - 12})
    return figure


def _mark_traces(
    marks: pd.DataFrame, colour_dim: Dimension, span_days: float, selected: str, plot_px: int = LABEL_PLOT_PX
) -> tuple[list[dict], list[dict], dict]:
    """Each event drawn as a mark in each of its lanes: the traces, the legend's entries (colours, then how to read the
    marks) and what was drawn (events, marks, titled)."""
    n_events = int(marks["event_id"].nunique())
    titles = {}
    if should_label(n_events):
        titles = {e: clip_label(t) for e, t in zip(marks["event_id"], marks["title"], strict=True)}
        marks["label_position"] = label_marks(marks, titles, span_days, plot_px)
    else:
        marks["label_position"] = ""
    colour_keys = colour_dim.ordered(marks["colour_key"].unique())
    entries, drawn = [], []
    for key in colour_keys:
        name, hue = plotly_escape(colour_dim.label(key)), colour_dim.colour(key)
        entries.append(_legend_entry(name, key, {"symbol": "circle", "color": hue}))
    # the marks split once by band, colour and kind (rows in their order): a boolean filter of the whole table per band
    # and colour cost each rerun ~0.4 s at 1,000 events
    groups = dict(iter(marks.groupby(["band", "colour_key", "kind"], sort=False))) if len(marks) else {}
    for band in range(int(marks["band"].max()) + 1 if len(marks) else 0):
        for key in colour_keys:  # outer bands first, so each inner band is drawn over the one around it
            name, hue = plotly_escape(colour_dim.label(key)), colour_dim.colour(key)
            points, spans = groups.get((band, key, "point")), groups.get((band, key, "span"))
            drawn += _point_traces(points, name, hue, key, titles, selected) if points is not None else []
            drawn += [_span_trace(spans, name, hue, key, selected)] if spans is not None else []
    span_labels = [_span_labels(marks, titles)] if titles else []
    rings = [_ring_trace(marks)] if (marks["n_sources"] > 1).any() else []
    data = [_window_trace(marks), *rings, *drawn, *(t for t in span_labels if t)]
    meta = {"events": n_events, "marks": len(marks), "titled": int(marks["label_position"].ne("").sum())}
    return data, [*entries, *_guide_traces(marks)], meta


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
    us_lane: bool = False,
    counted: str | None = None,
    narrow: bool = False,
) -> go.Figure:
    """Dated events on a true date axis, one lane per country/policy type/administration, US administrations shaded.

    `selected` is an event id: its marks are drawn as selected and the others faded, as after a click. By country, the
    United States lane is drawn only with `us_lane`. With MAX_LABELLED events or fewer, each is labelled with its title;
    with more than DENSE_MARKS marks, they are counted per lane and week or month (`counting`) instead of drawn one by one
    (`counted`, when given, is what the caller's `counting` found: 'week', 'month' or '' to draw them). A `narrow` figure
    (a phone's) keeps its labels apart for a NARROW_PLOT_PX wide plot and reserves a legend row for each entry.
    The legend runs under the plot across the whole width; `place_legend` settles it once the citation is added.
    """
    span_days = max((end - start).days, 1)
    lane_dim, colour_dim = style.dimension(lanes), style.dimension(colour)
    if counting(events, lanes, colour, start, end, us_lane) if counted is None else counted:
        rows, order = lane_rows(events, style, lanes, us_lane)
        chosen = rows[rows["event_id"] == selected] if selected else rows.iloc[:0]
        data, legend = [*density_traces(rows, order, lane_dim, start, end), *([_chosen_trace(chosen)] if len(chosen) else [])], []
        meta = {"events": int(rows["event_id"].nunique()), "marks": 0, "titled": 0, "counted": count_bin(start, end)}
    else:
        marks, order = timeline_marks(events, style, lanes, colour, span_days, us_lane)
        data, legend, meta = _mark_traces(marks, colour_dim, span_days, selected, NARROW_PLOT_PX if narrow else LABEL_PLOT_PX)
    figure = go.Figure(data=data + legend)
    shapes, labels = era_shapes(style.eras, start, end)
    context = ["landmark (sourced event)", "policy in force", "announced only: hatched"]  # add_context's entries
    legend_title = colour_dim.name if legend else ""
    legend_names = [legend_title, *(t["name"] for t in legend), *context]
    entries = len(legend_names) - (1 if legend_title else 0)
    legend_px = PHONE_LEGEND_ROW_PX * (entries + 1) if narrow else LEGEND_ROW_PX * (legend_rows(legend_names) + 1)
    title_text = _title(title, subtitle, TITLE_CHARS, SUBTITLE_CHARS)
    era_rows = 1 + max((round(a["yshift"] / ERA_ROW_PX) for a in labels), default=0)
    top = top_margin(title_text["text"], title_text["subtitle"]["text"], era_rows)
    figure.update_layout(
        BASE_LAYOUT,
        # plotly sets a wrapped title's first line above its anchor by one line a line: the pad keeps it in the figure
        title=title_text | {"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14 + 25 * title_text["text"].count("<br>")}},
        height=top + AXIS_PX + legend_px + max(MIN_HEIGHT - CHROME_PX, LANE_PX * len(order)),
        margin={"l": 10, "r": 10 if legend else COLOURBAR_PX, "t": top, "b": AXIS_PX + legend_px},
        barmode="overlay",
        legend=BASE_LAYOUT["legend"]
        | {"orientation": "h", "xref": "container", "x": 0, "xanchor": "left", "yref": "container", "y": 0, "yanchor": "bottom"}
        | {"traceorder": "normal", "title": {"text": legend_title, "side": "left"}}
        | {"itemsizing": "trace", "maxheight": legend_px},  # itemsizing: the small mark of a mentioned event looks small
        shapes=shapes,
        annotations=labels,
        xaxis={"type": "date", "range": [start.isoformat(), (end + dt.timedelta(days=1)).isoformat()], "title": AXIS_TITLES["date"]}
        | {"showgrid": True, "zeroline": False, "automargin": False},  # AXIS_PX holds it: no second layout pass (FIXED_MARGINS)
        # lane names inside the plot, over its left edge, so a phone's plot keeps its width
        # no axis title (the chart's title says what the lanes are): a phone's plot keeps the width
        yaxis={"tickvals": [len(order) - 1 - i for i in range(len(order))]}
        | {"ticktext": [plotly_escape(lane_label(k, lane_dim)) for k in order], "range": [-0.6, len(order) - 0.4], "zeroline": False}
        | {"showgrid": True, "fixedrange": True, "ticklabelposition": "inside top", "tickfont": {"size": 12, "shadow": "auto"}}
        | {"automargin": False},
        uirevision=f"{lanes}|{start}|{end}",
        meta=meta | {"legend_px": legend_px, "axis_px": AXIS_PX},
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
        textfont={"size": 13},
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
        | {"side": "top", "showgrid": True, "fixedrange": True},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": [row_text[k] for k in reversed(row_order)], "title": y_title}
        | {"showgrid": True, "fixedrange": True, "automargin": True},
        meta={"cells": len(counts), "column_totals": {str(k): int(v) for k, v in dict(column_totals).items()}},
    )
    return figure


LISTED = {"list_when": "when", "list_countries": "countries", "list_policy_types": "policy_types"}  # event_list's words


def list_words(events: pd.DataFrame, style: Style) -> pd.DataFrame:
    """Per dated event, what the event list says of it in words: how precisely it is dated, its parties and its policy
    types (the dataset carries them, built once per data version: a rerun at 10,000 events then only selects them)."""
    dated = events["date"].notna()
    earliest, latest = events["date_earliest"], events["date_latest"]
    return pd.DataFrame(
        {
            "list_when": [window_words(a, b) if d else "" for d, a, b in zip(dated, earliest, latest, strict=True)],
            "list_countries": [[style.country.label(c) for c in keys] for keys in events["countries"]],
            "list_policy_types": [[style.policy_type.label(k) for k in keys] for keys in events["policy_types"]],
        },
        index=events.index,
    )


def event_list(events: pd.DataFrame, style: Style) -> pd.DataFrame:
    """The events a timeline shows, in date order, as a table a reader can scan: the most likely day, how precisely it is
    dated, the title, the parties and the policy types in words (the chart's text alternative and its keyboard route)."""
    dated = events[events["date"].notna()].sort_values(["date", "event_id"])
    words = dated[list(LISTED)] if set(LISTED) <= set(dated.columns) else list_words(dated, style)  # a bare table: made here
    table = pd.concat([dated[["event_id", "date", "title"]], words.rename(columns=LISTED)], axis=1)
    return table[["event_id", "date", "when", "title", "countries", "policy_types"]].reset_index(drop=True)


MONTH_ABBREVIATIONS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])


def pick_labels(listed: pd.DataFrame) -> dict[str, str]:
    """Per event id, the event as an option of the keyboard's event picker (plain text): '7 Jun 2019 — Title'."""
    dates = listed["date"]  # strftime reads one date at a time: ~15 us each, 0.1 s a rerun at 6,000 events
    months = pd.Series(MONTH_ABBREVIATIONS[dates.dt.month.to_numpy() - 1], index=dates.index)
    days = dates.dt.day.astype(str) + " " + months + " " + dates.dt.year.astype(str) + " — "
    titles = listed["title"].where(listed["title"].fillna("").astype(bool), listed["event_id"])
    return dict(zip(listed["event_id"], days + titles, strict=True))


def timeline_summary(figure: go.Figure, lanes: str, lane_names: list[str]) -> str:
    """What the timeline draws, in one or two sentences: the chart's text alternative (with the list under it)."""
    meta = figure.layout.meta or {}
    n, labelled, counted = meta.get("events", 0), meta.get("titled", 0), meta.get("counted", "")
    kind = {"country": "country", "policy_type": "policy type", "administration": "US administration"}[lanes]
    named = ", ".join(html.unescape(name) for name in lane_names)
    if counted:
        return (
            f"The chart counts {n:,} events per {counted} in {plural(len(lane_names), 'lane')} by {kind} ({named}): too many "
            "to draw one by one. Narrow the dates or the filters to see each; the list under it names every one, in date order."
        )
    words = f"The chart places {plural(n, 'event')} on a date axis in {plural(len(lane_names), 'lane')} by {kind} ({named})"
    if labelled:
        words += f"; {labelled} of them carry their title"
    return words + ". The list under it names every one, in date order."
