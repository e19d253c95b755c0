"""What an export cites (pure): the filters, the data version and the sources of the events shown, as a line for a
figure, a text file beside a download, and a record inside the JSON download."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go

from ui.charts import plotly_escape, plural

WORK = "Migration diplomacy timeline: US–Mexico/Central America, 2018–2024"
PRODUCER = "compiled by the project's contributors"  # who made the table: the open-source project named in WORK
VERSION_WORDS = "a hash of the articles, the reference tables and the curation file"
NO_OUTLET = "outlet not shown"
LANDMARKS_TABLE, POLICIES_TABLE = "data/reference/landmarks.csv", "data/reference/named_policies.csv"
FIGURE_OUTLETS = 3  # a figure names this many outlets, the most frequent; the text file names all
FIGURE_CHARS = 120  # characters per line of a figure's citation
CITATION_FONT, CITATION_LINE_PX = 11, 15


@dataclass(frozen=True)
class Citation:
    """The events an export holds, where they come from and how they were chosen."""

    filters: str
    version: str
    n_events: int
    articles: tuple[str, ...]
    outlets: tuple[tuple[str, int], ...]  # (outlet, events), most events first
    link: str = ""
    retrieved: dt.date | None = None
    landmarks: tuple[tuple[str, str], ...] = ()  # (landmark id, the address its date was confirmed with), in date order
    policies: tuple[str, ...] = ()  # ids of the named policies drawn
    corpus: str = ""  # what the table is made of when it is not the server's corpus (uploaded articles)
    producer: str = PRODUCER

    @property
    def year(self) -> str:
        """The year the export was made (retrieved), as a citation gives it; 'n.d.' when not known."""
        return str(self.retrieved.year) if self.retrieved else "n.d."

    @property
    def stable_link(self) -> str:
        """This view's link, marked with the data version it showed (the mark changes nothing in the app)."""
        return stable_link(self.link, self.version)


def stable_link(link: str, version: str) -> str:
    """A share link with the data version it was made on, as its fragment: '...?country=MEX#data-version=abc123'."""
    if not link or link == "?":
        return ""
    return f"{link.split('#', 1)[0]}#data-version={version}" if version else link


def build_citation(
    events: pd.DataFrame,
    filters: str,
    version: str,
    link: str = "",
    retrieved: dt.date | None = None,
    landmarks: pd.DataFrame | None = None,
    policies: Sequence[str] = (),
    corpus: str = "",
) -> Citation:
    """The citation of a set of events: every article that reports one, and the outlet of each event's article; and of the
    landmarks and named policies shown with them, each landmark with its source."""
    articles = sorted({a for row in events[["article_id", "source_articles"]].itertuples(index=False) for a in [row[0], *row[1]]})
    outlets = Counter(source or NO_OUTLET for source in events["source"])
    ranked = sorted(outlets.items(), key=lambda item: (item[0] == NO_OUTLET, -item[1], item[0]))
    sourced = () if landmarks is None else tuple(zip(landmarks["landmark_id"], landmarks["url"], strict=True))
    return Citation(filters, version, len(events), tuple(articles), tuple(ranked), link, retrieved, sourced, tuple(policies), corpus)


def site_words(citation: Citation, most: int = FIGURE_OUTLETS) -> str:
    """The sites the landmarks' sources are on: 'dhs.gov (12), state.gov (9) and 40 more sites'."""
    sites = Counter(urlsplit(url).hostname.removeprefix("www.") if urlsplit(url).hostname else url for _, url in citation.landmarks)
    shown = sorted(sites.items(), key=lambda item: (-item[1], item[0]))[:most]
    hidden = len(sites) - len(shown)
    return ", ".join(f"{site} ({count})" for site, count in shown) + (f" and {plural(hidden, 'more site')}" if hidden else "")


def context_words(citation: Citation) -> str:
    """What a figure cites besides the articles: the landmarks with their sources' sites, and the named policies."""
    parts = []
    if citation.landmarks:
        parts.append(f"{plural(len(citation.landmarks), 'landmark')} of {LANDMARKS_TABLE} (sources: {site_words(citation)})")
    if citation.policies:
        count = len(citation.policies)
        parts.append(f"{count} named {'policy' if count == 1 else 'policies'} of {POLICIES_TABLE}")
    return "".join(f" · {part}" for part in parts)


def outlet_words(citation: Citation, most: int | None = None) -> str:
    """'Reuters (5), AP (3) and 4 more outlets'; every outlet when `most` is None."""
    shown = citation.outlets if most is None else citation.outlets[:most]
    words = ", ".join(f"{name} ({count})" for name, count in shown) or "none"
    hidden = len(citation.outlets) - len(shown)
    return words + (f" and {plural(hidden, 'more outlet')}" if hidden else "")


def citation_line(citation: Citation) -> str:
    """One sentence that cites a figure: the work, its producer and year, the data version, the sources, the filters
    and the view's stable link."""
    return (
        f"Source: {WORK} ({citation.producer}, {citation.year}), data version {citation.version}"
        f"{f' ({citation.corpus})' if citation.corpus else ''} · "
        f"{plural(citation.n_events, 'event')} from "
        f"{plural(len(citation.articles), 'article')}"
        f" · outlets: {outlet_words(citation, FIGURE_OUTLETS)}{context_words(citation)} · filters: {citation.filters}"
        + (f" · view: {citation.stable_link}" if citation.stable_link else "")
    )


def citation_text(citation: Citation, files: tuple[str, ...] = ()) -> str:
    """The citation as a plain-text file: how to cite, then every filter, outlet and article id."""
    retrieved = f", retrieved {citation.retrieved.isoformat()}" if citation.retrieved else ""
    lines = [
        f"{WORK} — exported events",
        "",
        f"Cite as: {WORK} ({citation.year}), {citation.producer}. Data version {citation.version}; "
        f"{citation.n_events} events matching: {citation.filters}{retrieved}."
        + (f" {citation.stable_link}" if citation.stable_link else ""),
        f"Producer: {citation.producer}",
        f"Data version: {citation.version} ({VERSION_WORDS})",
        *([f"Corpus: {citation.corpus}"] if citation.corpus else []),
        f"Filters: {citation.filters}",
        *([f"This view: {citation.stable_link}"] if citation.stable_link else []),
        *([f"Files: {', '.join(files)}"] if files else []),
        f"Events: {citation.n_events}, from {plural(len(citation.articles), 'article')}",
        f"Outlets (events per outlet): {outlet_words(citation)}",
        f"Article ids: {', '.join(citation.articles) or 'none'}",
    ]
    if citation.landmarks:
        lines += ["", f"Landmarks: {len(citation.landmarks)}, from {LANDMARKS_TABLE}, each with the address its date was confirmed with:"]
        lines += [f"  {landmark_id}: {url}" for landmark_id, url in citation.landmarks]
    if citation.policies:
        lines += ["", f"Named policies drawn ({len(citation.policies)}; their dates and sources are in {POLICIES_TABLE}):"]
        lines.append("  " + ", ".join(citation.policies))
    return "\n".join(lines) + "\n"


def citation_record(citation: Citation) -> dict:
    """The citation as a JSON-ready record (the JSON download's `citation`)."""
    return {
        "work": WORK,
        "producer": citation.producer,
        "year": citation.year,
        "data_version": citation.version,
        "data_version_means": VERSION_WORDS,
        "corpus": citation.corpus or "the server's articles",
        "filters": citation.filters,
        "view": citation.stable_link,
        "retrieved": citation.retrieved.isoformat() if citation.retrieved else None,
        "events": citation.n_events,
        "outlets": dict(citation.outlets),
        "article_ids": list(citation.articles),
        "landmarks": dict(citation.landmarks),
        "landmarks_table": LANDMARKS_TABLE,
        "policies": list(citation.policies),
        "text": citation_line(citation),
    }


def citation_lines(citation: Citation, chars: int = FIGURE_CHARS) -> list[str]:
    """The figure's citation wrapped to lines of at most `chars` characters."""
    return textwrap.wrap(citation_line(citation), chars)


def cite_figure(figure: go.Figure, citation: Citation, chars: int = FIGURE_CHARS, min_lines: int = 0) -> go.Figure:
    """Put the citation in small type under the plot, so an exported PNG or SVG cites itself (in place, like plotly's
    update_layout, and returned). The plot keeps its height: the figure grows by the citation's lines (at least
    `min_lines`, so two panels side by side stay level)."""
    lines = citation_lines(citation, chars)
    lines += [""] * (min_lines - len(lines))
    margin = figure.layout.margin
    bottom = margin.b if margin.b is not None else 80
    axis_below = figure.layout.xaxis.side != "top"
    figure.add_annotation(
        text="<br>".join(plotly_escape(line) for line in lines),
        name="citation",
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        align="left",
        xshift=-max((margin.l or 0) - 8, 0),  # from near the figure's left edge, not the plot's: room for the text
        yshift=-(bottom - 6 if axis_below else 10),
        showarrow=False,
        font={"size": CITATION_FONT, "color": "#555555"},
    )
    figure.update_layout(margin={"b": bottom + CITATION_LINE_PX * len(lines) + (4 if axis_below else 0)})
    if figure.layout.height:
        figure.update_layout(height=figure.layout.height + CITATION_LINE_PX * len(lines))
    return figure


def cited_json(events_json: str, citation: Citation) -> str:
    """The JSON download: `citation` (this module's record) beside `events` (the event table's JSON array)."""
    return json.dumps({"citation": citation_record(citation), "events": json.loads(events_json)}, ensure_ascii=False, indent=1)
