"""Labels, colours and category orders shared by every chart and page, built once from the reference tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NEUTRAL = "#7a7a7a"
AA_TEXT, AA_MARK = 4.5, 3.0  # WCAG AA contrast: text, and marks (non-text) against their background
# Paul Tol's colour-blind-safe "muted" scheme: the fallback when a reference row has no colour.
FALLBACK_COLOURS = ("#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499")


@dataclass(frozen=True)
class Dimension:
    """One categorical dimension of the event table: keys in display order, their labels and colours."""

    name: str
    keys: tuple[str, ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    colours: Mapping[str, str] = field(default_factory=dict)
    missing: str = "None"

    def label(self, key: str) -> str:
        """The words for a key; the `missing` text for an empty key."""
        return self.labels.get(key, key) if key else self.missing

    def colour(self, key: str) -> str:
        return self.colours.get(key, NEUTRAL)

    def ordered(self, keys: Iterable[str]) -> list[str]:
        """Keys in this dimension's order: known keys first, unknown ones alphabetically, the empty key last."""
        present = set(keys)
        rank = {key: i for i, key in enumerate(self.keys)}
        return sorted(present, key=lambda k: (k == "", rank.get(k, len(rank)), k))


@dataclass(frozen=True)
class Era:
    """A US administration drawn as a shaded band: start inclusive, end exclusive."""

    administration_id: str
    label: str
    start_date: dt.date
    end_date: dt.date | None
    colour: str


@dataclass(frozen=True)
class Style:
    """Every dimension the dashboard can split or colour events by, and the US administrations as eras."""

    country: Dimension
    policy_type: Dimension
    administration: Dimension
    eras: tuple[Era, ...] = ()

    def dimension(self, name: str) -> Dimension:
        return {"country": self.country, "policy_type": self.policy_type, "administration": self.administration}[name]


def build_style(reference) -> Style:
    """Dimensions and eras from a loaders Reference (colours from its tables, a fallback palette otherwise)."""
    core = [c for c in reference.countries if c.core]
    others = sorted((c for c in reference.countries if not c.core), key=lambda c: c.name)
    country = Dimension(
        "Country",
        tuple(c.iso3 for c in [*core, *others]),
        {c.iso3: c.name for c in reference.countries},
        missing="No party identified",
    )
    policy_type = Dimension(
        "Policy type",
        tuple(p.policy_type for p in reference.policy_types),
        {p.policy_type: p.label for p in reference.policy_types},
        {p.policy_type: p.colour or FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)] for i, p in enumerate(reference.policy_types)},
        missing="Unclassified",
    )
    us = sorted((a for a in reference.administrations if a.country == "USA"), key=lambda a: a.start_date)
    colours = {a.administration_id: a.colour or FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)] for i, a in enumerate(us)}
    administration = Dimension(
        "US administration",
        tuple(a.administration_id for a in us),
        {a.administration_id: a.label for a in us},
        colours,
        missing="Undated",
    )
    eras = tuple(Era(a.administration_id, a.label, a.start_date, a.end_date, colours[a.administration_id]) for a in us)
    return Style(country, policy_type, administration, eras)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a '#rrggbb' colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two '#rrggbb' colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
