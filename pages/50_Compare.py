"""Compare: two sides (US administrations, countries or date ranges) side by side on identical scales, and the difference in words."""

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from ui import compare_charts as charts
from ui import filters
from ui.charts import format_day, is_phone, plural
from ui.citation import FIGURE_CHARS, Citation, citation_lines
from ui.compare import (
    Sample,
    balance_rule,
    build_comparison,
    counterparts,
    policy_sides,
    resolve_side,
    summary_sentences,
    too_few,
)
from ui.context_tables import context_tables
from ui.data import filter_events
from ui.page import Page, describe_filters, empty_state, open_page, page_citation, plotly

PANEL_CHARS = 60  # a citation line of a half-width panel

COUNTERPART_COLUMNS = {
    "country": st.column_config.TextColumn("Country"),
    "side": st.column_config.TextColumn("Side"),
    "head": st.column_config.TextColumn("Head of government"),
    "term": st.column_config.TextColumn("Term"),
    "from": st.column_config.DateColumn("In office from", format="D MMM YYYY", help="Within the days the side covers"),
    "to": st.column_config.DateColumn("to", format="D MMM YYYY"),
    "events": st.column_config.NumberColumn("Events", help="The side's events this country is a party to, in this term"),
}


def pair(panels: Sequence, figures: tuple, what: str, slug: str, page: Page, citations: Sequence[Citation]) -> None:
    """Draw a pair of figures, A in the left panel and B in the right one, each citing its side's events."""
    lines = max(len(citation_lines(citation, PANEL_CHARS)) for citation in citations)
    for column, figure, letter, citation in zip(panels, figures, "ab", citations, strict=True):
        with column:
            key = f"compare_{what}_{letter}"
            plotly(figure, f"compare-{what}-{letter}_{slug}", page, key=key, citation=citation, chars=PANEL_CHARS, min_lines=lines)


def side_header(column, sample: Sample) -> None:
    """The side's name, the days it covers and its headline numbers."""
    side = sample.side
    began = {"administration": "inauguration", "country": "the start of the span", "range": "the range's first day"}[side.kind]
    with column:
        st.subheader(side.name, anchor=False)
        if side.days:
            st.caption(
                f"Covers {format_day(side.start_date)} – {format_day(side.end_date)} ({side.days:,} days) inside the data's span; "
                f"day 0 is {format_day(side.began_date)} ({began})."
            )
        else:
            st.caption("Covers no day of the data's span: widen the sidebar dates or pick another side.")
        with st.container(horizontal=True, gap="medium"):  # one row while it fits, wrapping on a narrow screen
            st.metric("Events", sample.n, width="content")
            rate = "—" if sample.rate is None else f"{sample.rate:.1f}"
            st.metric("Events per year", rate, help="Events per 365 days the side covers", width="content")
            st.metric("Days covered", f"{side.days:,}", width="content")


def measure(what: str, title: str, note: str = ""):
    """A measure's own block: its heading and note, then A's and B's parts together (side by side when there is room,
    one under the other on a narrow screen), before the next measure begins."""
    block = st.container(key=f"compare_measure_{what}")
    with block:
        st.subheader(title, anchor=False)
        if note:
            st.caption(note)
    return block


with open_page("Compare") as page:
    view, style = page.view, page.data.style
    st.title("Compare administrations")
    st.caption(
        "Two sides, each a US administration, a country (the events it is a party to) or a date range, on identical scales. "
        "The sidebar filters apply to both sides alike."
    )
    filters.compare_controls(page.data)
    if not empty_state(page):
        span = (view.start_date, view.end_date)
        a = resolve_side("A", view.side_a, (view.side_a_start_date, view.side_a_end_date), span, style)
        b = resolve_side("B", view.side_b, (view.side_b_start_date, view.side_b_end_date), span, style)
        unbound = replace(view, administrations=())  # the sides choose the periods, not the sidebar's administrations
        events = filter_events(page.data.events, unbound) if view.administrations else page.events
        sides = policy_sides(page.data.reference.policy_types)
        comparison = build_comparison(events, a, b, style, sides)
        colours = charts.side_colours(a, b, style)
        subtitle = describe_filters(replace(page, view=unbound))
        slug = f"{a.key}-vs-{b.key}"
        both = pd.concat([sample.events for sample in comparison.samples]).drop_duplicates("event_id")
        cited = page_citation(page, both, f"{a.name} vs {b.name} · {subtitle}")
        sides_cited = [page_citation(page, sample.events, f"{sample.side.name} · {subtitle}") for sample in comparison.samples]

        undated = int(events["date"].isna().sum())
        st.caption(
            f"An event belongs to a side when its best-estimate date falls on a day the side covers inside the data's span "
            f"(the sidebar dates, {format_day(view.start_date)} – {format_day(view.end_date)}); rates are events per 365 days covered."
            + (f" Left out, being undated: {plural(undated, 'event')} matching the filters." if undated else "")
            + (" The sidebar's US administration filter does not apply here: the sides choose the periods." if view.administrations else "")
        )
        for sample in comparison.samples:
            if not sample.meaningful:
                st.warning(
                    f"{too_few(sample.n, sample.side.name)}: the comparison is not meaningful yet. "
                    "Widen the filters or pick another side before drawing conclusions.",
                    icon=":material/info:",
                )

        st.subheader("In words", anchor=False)
        st.markdown("\n".join(f"- {sentence}" for sentence in summary_sentences(comparison, style)))

        st.caption(
            "Each measure shows A and B together, on the same scales: side by side on a wide screen, A then B on a narrow one. "
            "Shares are of the side's events, each with its n; an event can carry several policy types and several parties, "
            "so shares add up to more than 100%."
        )
        with measure("sides", "The two sides", "What each side covers, and its headline numbers."):
            for column, sample in zip(st.columns(2, border=True), comparison.samples, strict=True):
                side_header(column, sample)
        phone = is_phone(st.context.headers.get("User-Agent", ""))
        measures = (
            ("rate", "Events per year", "Year by year since each side began; a faint bar is a year the data covers only in part."),
            ("mix", "Policy-type mix", "The share of each side's events that carries each policy type."),
            ("countries", "Countries engaged", "The share of each side's events each country is a party to."),
            ("officials", "Officials named most", "The officials named in most of each side's events."),
        )
        pairs = {
            "rate": lambda: charts.years_figures(comparison, colours),
            "mix": lambda: charts.mix_figures(comparison, style),
            "countries": lambda: charts.countries_figures(comparison, style, colours),
            "officials": lambda: charts.officials_figures(comparison, colours),
        }
        together = {
            "rate": lambda: charts.years_both_figure(comparison, colours),
            "mix": lambda: charts.mix_both_figure(comparison, style, colours),
            "countries": lambda: charts.countries_both_figure(comparison, style, colours),
            "officials": lambda: charts.officials_both_figure(comparison, colours),
        }
        for what, title, note in measures:
            with measure(what, title, "" if phone else note):  # a phone's figure says it in its subtitle
                if phone:  # one figure holding both sides: a pair would stack, A's panel a screen above B's
                    plotly(together[what](), f"compare-{what}_{slug}", page, key=f"compare_{what}_both", citation=cited, chars=PANEL_CHARS)
                else:
                    pair(st.columns(2), pairs[what](), what, slug, page, sides_cited)

        def wide(figure, what: str) -> None:
            plotly(
                figure, f"compare-{what}_{slug}", page, key=f"compare_{what}", citation=cited, chars=PANEL_CHARS if phone else FIGURE_CHARS
            )

        st.subheader("Differences", anchor=False)
        wide(charts.difference_figure(comparison, style, colours, subtitle), "difference")
        wide(charts.balance_figure(comparison, style, sides, subtitle), "balance")
        with st.expander("How an event's side is read"):
            st.caption(balance_rule(sides, style.policy_type))
        wide(charts.aligned_figure(comparison, colours, subtitle), "aligned")

        context_tables(page.data, unbound, a, b)

        st.subheader("Counterpart governments", anchor=False)
        chosen = list(dict.fromkeys([*view.countries, *(s.country for s in (a, b) if s.country)]))
        rows = [
            {"country": style.country.label(country)} | row
            for country in chosen
            for sample in comparison.samples
            for row in counterparts(country, sample.side, page.data.reference.administrations, sample.events)
        ]
        if rows:
            st.caption("Who led each selected country on the days each side covers (from data/reference/administrations.csv).")
            st.dataframe(pd.DataFrame(rows), hide_index=True, column_config=COUNTERPART_COLUMNS)
        elif chosen:
            st.caption("The administrations table lists no head of government of the selected countries for these days.")
        else:
            st.caption(
                "Pick a country in the sidebar, or make a side a country, to see which of its presidents were in office during each side."
            )
