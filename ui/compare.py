"""The Compare page's numbers: two sides (a US administration, a country or a date range) and how they differ (pure).

A side covers the days of its period inside the data's span (the sidebar's date range); an event belongs to a side
when its best-estimate date falls on one of those days (and, for a country, when that country is a party).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from loaders.direction import COOPERATION as COOPERATIVE
from loaders.direction import MIXED, PRESSURE, read_direction
from loaders.lexicon import Lexicon
from ui.charts import format_day, plural
from ui.data import keys_of
from ui.style import Dimension, Style
from ui.view import RANGE

MIN_EVENTS = 5  # below this a side's shares say too little to compare
NOISE_EVENTS = 2  # a difference of this many events or fewer is never stated as a finding
DAYS_PER_YEAR = 365.25
ENFORCEMENT, COOPERATION = "enforcement", "cooperation"
SHARE_COLUMNS = ["key", "count_a", "n_a", "share_a", "count_b", "n_b", "share_b", "points"]
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Side:
    """One side: what it is, the day it began (day 0 of the aligned axis) and the days it covers inside the data's span."""

    letter: str  # "A" or "B"
    kind: str  # administration, country or range
    key: str  # administration id, ISO3 code or "range"
    label: str
    began_date: dt.date
    start_date: dt.date  # first covered day
    end_date: dt.date  # last covered day; before start_date when the side covers none of the span
    country: str = ""

    @property
    def days(self) -> int:
        return max((self.end_date - self.start_date).days + 1, 0)

    @property
    def name(self) -> str:
        return f"{self.letter} · {self.label}"

    @property
    def first_day(self) -> int:
        """The first covered day on the aligned axis (days since the side began)."""
        return (self.start_date - self.began_date).days

    @property
    def last_day(self) -> int:
        return (self.end_date - self.began_date).days


@dataclass(frozen=True)
class Sample:
    """A side and its events."""

    side: Side
    events: pd.DataFrame

    @property
    def n(self) -> int:
        return len(self.events)

    @property
    def rate(self) -> float | None:
        return rate_per_year(self.n, self.side.days)

    @property
    def meaningful(self) -> bool:
        return is_meaningful(self.n)


@dataclass(frozen=True)
class Balance:
    """Events carrying enforcement-side types, cooperation-side types, both, or neither (each event counted once)."""

    n: int
    enforcement: int  # read as pressure, or (with no direction read) at least one enforcement-side type
    cooperation: int  # read as cooperation, or (with no direction read) at least one cooperation-side type
    both: int
    by_direction: int = 0  # events whose side came from the direction of their verbs, not from their types

    @property
    def parts(self) -> dict[str, int]:
        """The four disjoint groups, adding up to n."""
        return {
            "enforcement only": self.enforcement - self.both,
            "both": self.both,
            "cooperation only": self.cooperation - self.both,
            "neither": self.n - self.enforcement - self.cooperation + self.both,
        }


@dataclass(frozen=True)
class Comparison:
    """Everything the Compare page shows, computed once from the two samples."""

    a: Sample
    b: Sample
    mix: pd.DataFrame  # per policy type: count, n and share on each side, and the difference in points
    countries: pd.DataFrame  # per party country: the same columns
    officials: tuple[pd.DataFrame, pd.DataFrame]
    balance: tuple[Balance, Balance]
    years: tuple[pd.DataFrame, pd.DataFrame]
    aligned: tuple[pd.DataFrame, pd.DataFrame]

    @property
    def samples(self) -> tuple[Sample, Sample]:
        return (self.a, self.b)

    @property
    def meaningful(self) -> bool:
        return self.a.meaningful and self.b.meaningful


def is_meaningful(n: int) -> bool:
    """The small-n rule: a side with fewer than MIN_EVENTS events cannot support a comparison yet."""
    return n >= MIN_EVENTS


def rate_per_year(count: int, days: int) -> float | None:
    """Events per 365.25 days covered; None when no day is covered."""
    return count / days * DAYS_PER_YEAR if days > 0 else None


def share_words(count: int, n: int) -> str:
    """A share with its n: '35% (7 of 20)'."""
    return f"{count / n:.0%} ({count} of {n})" if n else "– (0 of 0)"


def side_option_label(key: str, style: Style) -> str:
    """How a side choice reads in its picker."""
    if key == RANGE:
        return "A date range…"
    if key in style.administration.keys:
        return f"US administration: {style.administration.label(key)}"
    return f"Country (party): {style.country.label(key)}"


def resolve_side(letter: str, key: str, range_dates: tuple[dt.date, dt.date], span: tuple[dt.date, dt.date], style: Style) -> Side:
    """A side from its key: an administration's term, a country over the whole span, or a date range, clipped to the span."""
    span_start, span_end = span
    era = next((e for e in style.eras if e.administration_id == key), None)
    if era is not None:
        last = era.end_date - ONE_DAY if era.end_date else span_end
        return Side(letter, "administration", key, era.label, era.start_date, max(era.start_date, span_start), min(last, span_end))
    if key == RANGE:
        first, last = sorted(range_dates)
        label = f"{format_day(first)} – {format_day(last)}"
        return Side(letter, "range", key, label, first, max(first, span_start), min(last, span_end))
    return Side(letter, "country", key, f"{style.country.label(key)} (party)", span_start, span_start, span_end, country=key)


def side_events(events: pd.DataFrame, side: Side) -> pd.DataFrame:
    """The events of a side: best-estimate date on a covered day (and the side's country among the parties), in date order."""
    dated = events[events["date"].notna()]
    inside = dated["date"].between(pd.Timestamp(side.start_date), pd.Timestamp(side.end_date))
    if side.country:
        inside &= dated["countries"].map(lambda parties: side.country in parties)
    return dated[inside].sort_values(["date", "event_id"])


def key_counts(events: pd.DataFrame, dimension: str) -> pd.Series:
    """Events per key of a dimension ('policy_type' or 'country'); an event counts once under each of its keys."""
    keys = keys_of(events, dimension).explode()
    pairs = pd.DataFrame({"event": keys.index, "key": keys.to_numpy()}).drop_duplicates()
    return pairs["key"].value_counts()


def compare_keys(events_a: pd.DataFrame, events_b: pd.DataFrame, dimension: str, keys: Sequence[str]) -> pd.DataFrame:
    """Per key: count, n and share of each side's events, and the difference in percentage points (B minus A)."""
    columns = {}
    for suffix, events in (("a", events_a), ("b", events_b)):
        counts, n = key_counts(events, dimension), len(events)
        columns[f"count_{suffix}"] = [int(counts.get(key, 0)) for key in keys]
        columns[f"n_{suffix}"] = [n] * len(keys)
        columns[f"share_{suffix}"] = [counts.get(key, 0) / n if n else 0.0 for key in keys]
    table = pd.DataFrame({"key": list(keys), **columns})
    table["points"] = (table["share_b"] - table["share_a"]) * 100
    return table[SHARE_COLUMNS]


def mix_keys(events_a: pd.DataFrame, events_b: pd.DataFrame, policy_type: Dimension) -> list[str]:
    """Every policy type in reference order, and 'unclassified' when either side has an event without a type."""
    unclassified = any(len(e) and (e["policy_types"].map(len) == 0).any() for e in (events_a, events_b))
    return [*policy_type.keys, *([""] if unclassified else [])]


def party_keys(events_a: pd.DataFrame, events_b: pd.DataFrame, country: Dimension) -> list[str]:
    """The countries that are a party to an event of either side, in reference order."""
    return country.ordered(c for events in (events_a, events_b) for parties in events["countries"] for c in parties)


def top_officials(events: pd.DataFrame, limit: int = 8) -> pd.DataFrame:
    """The officials named in most of a side's events: name, count, n and share, most named first."""
    names = events["officials"].explode().dropna()
    pairs = pd.DataFrame({"event": names.index, "key": names.to_numpy()}).drop_duplicates()
    counts = pairs["key"].value_counts().rename("count").reset_index()
    counts = counts.sort_values(["count", "key"], ascending=[False, True]).head(limit).reset_index(drop=True)
    counts["n"] = len(events)
    counts["share"] = counts["count"] / len(events) if len(events) else 0.0
    return counts[["key", "count", "n", "share"]]


def policy_sides(policy_types: Iterable) -> dict[str, str]:
    """Policy type -> its side (enforcement, cooperation or neutral), from the reference table's `side` column."""
    return {p.policy_type: p.side for p in policy_types}


DIRECTION_SIDES = {PRESSURE: {ENFORCEMENT}, COOPERATIVE: {COOPERATION}, MIXED: {ENFORCEMENT, COOPERATION}}


def event_texts(row: Mapping) -> list[str]:
    """What an event's direction is read from, first the most telling: its title, the sentence it was dated from,
    its summary, then the spans its date rests on."""
    return [row.get("title", ""), row.get("event_sentence", ""), row.get("summary", ""), *row.get("date_evidence", [])]


def event_directions(events: pd.DataFrame, lexicon: Lexicon) -> pd.Series:
    """Per event: pressure, cooperation, mixed or '' (no verb tells), read from its texts (loaders.direction)."""
    return pd.Series([read_direction(event_texts(row), lexicon) for row in events.to_dict("records")], index=events.index, dtype=str)


def balance_sides(types: Iterable[str], direction: str, sides: Mapping[str, str]) -> set[str]:
    """The sides an event counts on: those of its direction when one was read, else those of its policy types."""
    return set(DIRECTION_SIDES.get(direction) or {sides.get(t, "") for t in types} & {ENFORCEMENT, COOPERATION})


def balance_of(events: pd.DataFrame, sides: Mapping[str, str], directions: pd.Series | None = None) -> Balance:
    """How many events are on the enforcement side, the cooperation side, and both: by direction, else by type."""
    read = directions.reindex(events.index, fill_value="") if directions is not None else pd.Series("", index=events.index)
    carried = [balance_sides(types, direction, sides) for types, direction in zip(events["policy_types"], read, strict=True)]
    enforcement = sum(ENFORCEMENT in c for c in carried)
    cooperation = sum(COOPERATION in c for c in carried)
    both = sum(len(c) == 2 for c in carried)
    return Balance(len(events), enforcement, cooperation, both, int(read.isin(list(DIRECTION_SIDES)).sum()))


def balance_rule(sides: Mapping[str, str], policy_type: Dimension) -> str:
    """The balance rule in words, generated from the reference table."""

    def named(side: str) -> str:
        return ", ".join(policy_type.label(t) for t in policy_type.keys if sides.get(t) == side) or "none"

    neutral = [t for t in policy_type.keys if sides.get(t) not in (ENFORCEMENT, COOPERATION)]
    return (
        "An event's side is read first from the direction of its verbs (title, then the sentence it was dated from, then "
        "summary): pressure (threatens, imposes, cuts aid, suspends an agreement…) counts on the enforcement side, "
        "cooperation (signs, resumes, pledges, lifts sanctions…) on the cooperation side, as many of both as both; "
        "the words are the `direction_*` lists of data/reference/words/. "
        "When no verb tells, the event's policy types decide: "
        f"enforcement side: {named(ENFORCEMENT)}; cooperation side: {named(COOPERATION)}"
        + (f"; on neither side: {', '.join(policy_type.label(t) for t in neutral)}" if neutral else "")
        + ". It counts on a side when it carries at least one of that side's types, as both when it carries types of both "
        "(the `side` column of data/reference/policy_types.csv)."
        + (
            " Asylum is on the enforcement side because in these years its events are mostly restrictions "
            "(safe third country agreements, Remain in Mexico, Title 42)."
            if sides.get("asylum") == ENFORCEMENT
            else ""
        )
    )


def years_needed(side: Side) -> int:
    """How many years since the side began it takes to reach its last covered day (0 when nothing is covered)."""
    if side.days == 0:
        return 0
    began, years = pd.Timestamp(side.began_date), 1
    while (began + pd.DateOffset(years=years)).date() <= side.end_date:
        years += 1
    return years


def side_years(events: pd.DataFrame, side: Side, n_years: int) -> pd.DataFrame:
    """Per year since the side began: its dates, the days of it the data covers, the side's events then and their rate."""
    began, rows = pd.Timestamp(side.began_date), []
    for year in range(n_years):
        first = (began + pd.DateOffset(years=year)).date()
        last = (began + pd.DateOffset(years=year + 1)).date() - ONE_DAY
        low, high = max(first, side.start_date), min(last, side.end_date)
        covered = max((high - low).days + 1, 0)
        count = int(events["date"].between(pd.Timestamp(low), pd.Timestamp(high)).sum()) if covered else 0
        rows.append(
            {"year": year + 1, "first_date": first, "last_date": last, "length_days": (last - first).days + 1}
            | {"covered_days": covered, "count": count, "rate": rate_per_year(count, covered)}
        )
    return pd.DataFrame(rows, columns=["year", "first_date", "last_date", "length_days", "covered_days", "count", "rate"])


def aligned_events(events: pd.DataFrame, side: Side) -> pd.DataFrame:
    """A side's events on the shared axis: days since the side began, and the running count of its events."""
    ordered = events.sort_values(["date", "event_id"])
    return pd.DataFrame(
        {
            "event_id": ordered["event_id"].to_numpy(),
            "title": ordered["title"].to_numpy(),
            "date": ordered["date"].to_numpy(),
            "day": ((ordered["date"] - pd.Timestamp(side.began_date)).dt.days).to_numpy(),
            "running": range(1, len(ordered) + 1),
        }
    )


def counterparts(country: str, side: Side, administrations: Iterable, events: pd.DataFrame) -> list[dict[str, object]]:
    """The heads of government of `country` in office on the side's covered days, with the side's events that country was a party to."""
    rows = []
    for admin in sorted((a for a in administrations if a.country == country), key=lambda a: a.start_date):
        last = admin.end_date - ONE_DAY if admin.end_date else side.end_date
        low, high = max(admin.start_date, side.start_date), min(last, side.end_date)
        if low > high:
            continue
        during = events["date"].between(pd.Timestamp(low), pd.Timestamp(high)) & events["countries"].map(lambda c: country in c)
        rows.append({"side": side.name, "head": admin.head, "term": admin.label, "from": low, "to": high, "events": int(during.sum())})
    return rows


def build_comparison(
    events: pd.DataFrame, a: Side, b: Side, style: Style, sides: Mapping[str, str], lexicon: Lexicon | None = None, top: int = 8
) -> Comparison:
    """Both samples and every table the page draws, from the filtered events and the two sides. The balance reads each
    event's direction from its `direction` column (the dataset reads it once per data version), else with `lexicon`,
    else from its policy types only."""
    samples = (Sample(a, side_events(events, a)), Sample(b, side_events(events, b)))
    events_a, events_b = (s.events for s in samples)

    def read(sample: pd.DataFrame) -> pd.Series | None:
        if "direction" in sample.columns:
            return sample["direction"]
        return event_directions(sample, lexicon) if lexicon is not None else None

    n_years = max(years_needed(a), years_needed(b))
    return Comparison(
        *samples,
        mix=compare_keys(events_a, events_b, "policy_type", mix_keys(events_a, events_b, style.policy_type)),
        countries=compare_keys(events_a, events_b, "country", party_keys(events_a, events_b, style.country)),
        officials=(top_officials(events_a, top), top_officials(events_b, top)),
        balance=(balance_of(events_a, sides, read(events_a)), balance_of(events_b, sides, read(events_b))),
        years=(side_years(events_a, a, n_years), side_years(events_b, b, n_years)),
        aligned=(aligned_events(events_a, a), aligned_events(events_b, b)),
    )


def too_few(n: int, name: str) -> str:
    """The small-n rule in words: '<name> has only 3 events (fewer than 5)'."""
    return f"{name} has {'no events' if n == 0 else 'only ' + plural(n, 'event')} (fewer than {MIN_EVENTS})"


def side_names(comparison: Comparison) -> tuple[str, str]:
    """The sides' names in sentences: their labels, with the letters when both sides are the same."""
    a, b = comparison.a.side, comparison.b.side
    return (a.name, b.name) if a.label == b.label else (a.label, b.label)


def share_gap_events(share_a: float, share_b: float, n_a: int, n_b: int) -> float:
    """A difference in shares as events: how many of the smaller side's events the gap amounts to."""
    return abs(share_a - share_b) * min(n_a, n_b)


def rate_gap_events(rate_a: float, rate_b: float, days_a: int, days_b: int) -> float:
    """A difference in rates (per year) as events: how many it amounts to over the days of the side covering fewer."""
    return abs(rate_a - rate_b) * min(days_a, days_b) / DAYS_PER_YEAR


def is_finding(gap_events: float, n_a: int, n_b: int) -> bool:
    """A difference is stated only when both sides are big enough and it amounts to more than NOISE_EVENTS events."""
    return is_meaningful(n_a) and is_meaningful(n_b) and gap_events > NOISE_EVENTS + 1e-9


def too_few_words(what: str) -> str:
    """The sentence for differences too small to state."""
    return f"No {what} differs between the sides by more than {plural(NOISE_EVENTS, 'event')}: too few events to compare {what}s."


def rate_sentences(comparison: Comparison, names: tuple[str, str]) -> list[str]:
    """Each side's events, days covered and rate per year; then how the rates compare, when they differ by enough events."""
    parts = []
    for sample, name in zip(comparison.samples, names, strict=True):
        side = sample.side
        if side.days == 0:
            parts.append(f"{name} covers no day of the data's span")
        else:
            parts.append(f"{name} has {plural(sample.n, 'event')} in {side.days:,} days inside the data's span ({sample.rate:.1f} a year)")
    sentences = ["; ".join(parts) + "."]
    (a, b), rates = comparison.samples, [s.rate for s in comparison.samples]
    if comparison.meaningful and all(rates):
        gap = rate_gap_events(a.rate, b.rate, a.side.days, b.side.days)
        (high, high_name), (low, low_name) = sorted(zip(rates, names, strict=True), reverse=True)
        days = min(a.side.days, b.side.days)
        if high / low < 1.1:
            sentences.append("The two rates are within 10% of each other.")
        elif not is_finding(gap, a.n, b.n):
            sentences.append(
                f"The rates differ by {gap:.1f} events over {days:,} days (the shorter side's): too few events to compare the rates."
            )
        else:
            sentences.append(
                f"The rate for {high_name} is {high / low:.1f} times that for {low_name} ({gap:.0f} more events over {days:,} days)."
            )
    return sentences


def _difference(row, names: tuple[str, str], what: str, label: str) -> str:
    """One row of a share table as a sentence: the side where the key is more common first, with both counts."""
    sides = [(row["count_a"], row["n_a"], names[0]), (row["count_b"], row["n_b"], names[1])]
    (count_hi, n_hi, hi), (count_lo, n_lo, lo) = sides if row["points"] < 0 else sides[::-1]
    return (
        f"{label} {what} {abs(row['points']):.0f} points more often for {hi}: "
        f"{share_words(count_hi, n_hi)} of its events against {share_words(count_lo, n_lo)} for {lo}."
    )


def findings(table: pd.DataFrame, skip: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of a share table whose difference is a finding (is_finding), leaving out `skip`."""
    gaps = [share_gap_events(r.share_a, r.share_b, r.n_a, r.n_b) for r in table.itertuples()]
    found = [is_finding(gap, r.n_a, r.n_b) for gap, r in zip(gaps, table.itertuples(), strict=True)]
    return table[pd.Series(found, index=table.index, dtype=bool) & ~table["key"].isin(list(skip))]


def _largest(table: pd.DataFrame, count: int, skip: Iterable[str] = ()) -> pd.DataFrame:
    """The findings with the largest differences (ties in table order)."""
    rows = findings(table, skip)
    return rows.assign(size=rows["points"].abs()).sort_values("size", ascending=False, kind="stable").head(count)


def balance_sentence(comparison: Comparison, names: tuple[str, str]) -> str:
    """Each side's shares of events on the enforcement side and on the cooperation side, with their n."""
    (ba, bb), (na, nb) = comparison.balance, names
    return (
        f"On the enforcement side: {share_words(ba.enforcement, ba.n)} of the events for {na} and {share_words(bb.enforcement, bb.n)} "
        f"for {nb}; on the cooperation side: {share_words(ba.cooperation, ba.n)} and {share_words(bb.cooperation, bb.n)} "
        f"(the verbs told the side of {ba.by_direction} and {bb.by_direction} of these events, the policy types the rest)."
    )


def summary_sentences(comparison: Comparison, style: Style, largest: int = 2) -> list[str]:
    """The comparison in words, generated from the numbers: rates, then the largest differences in mix, balance and
    parties, with counts; a difference of NOISE_EVENTS events or fewer is never stated as one."""
    names = side_names(comparison)
    sentences = rate_sentences(comparison, names)
    small = [(s, name) for s, name in zip(comparison.samples, names, strict=True) if not s.meaningful]
    if small:
        few = " and ".join(too_few(s.n, name) for s, name in small)
        return [*sentences, f"{few}: the comparison is not meaningful yet, so no differences are drawn from it."]
    mix = _largest(comparison.mix, largest)
    sentences += [_difference(row, names, "appears", style.policy_type.label(row["key"])) for _, row in mix.iterrows()]
    if mix.empty:
        same = (comparison.mix["points"].abs() < 0.5).all()
        sentences.append("The policy-type mix is the same on both sides." if same else too_few_words("policy type"))
    sentences.append(balance_sentence(comparison, names))
    own = [s.side.country for s in comparison.samples if s.side.country]
    countries = _largest(comparison.countries, 1, skip=own)
    sentences += [_difference(row, names, "is a party", style.country.label(row["key"])) for _, row in countries.iterrows()]
    found = findings(comparison.countries, skip=own)
    for letter, name in zip("ab", names, strict=True):
        other = "b" if letter == "a" else "a"
        only = found[(found[f"count_{letter}"] > 0) & (found[f"count_{other}"] == 0)]
        if len(only):
            listed = ", ".join(
                f"{style.country.label(k)} ({plural(c, 'event')})" for k, c in zip(only["key"], only[f"count_{letter}"], strict=True)
            )
            sentences.append(f"Parties only for {name}: {listed}.")
    return sentences
