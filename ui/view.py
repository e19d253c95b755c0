"""The view: every filter and display choice, and its round trip through the URL query string (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from loaders.reference import review_reason_labels

DEFAULT_START = dt.date(2018, 1, 1)
DEFAULT_END = dt.date(2024, 12, 31)
CONFIDENCES = ("low", "medium", "high")
LANES = ("country", "policy_type", "administration")
COLOURS = ("policy_type", "administration")
# Why an event is on the Review page: the codes of data/reference/review_reasons.csv, and their labels.
REASON_LABELS = review_reason_labels()
REVIEW_REASONS = tuple(REASON_LABELS)
CHOICE_WORDS = {
    "low": "Any",
    "medium": "Medium or high",
    "high": "High only",
    "country": "Country",
    "policy_type": "Policy type",
    "administration": "Administration",
}

# The Compare page's sides: a US administration id, a country code, or RANGE for the side's own dates.
RANGE = "range"
SIDE_A_DATES = (dt.date(2018, 1, 1), dt.date(2020, 12, 31))  # a custom range's defaults: two three-year spans
SIDE_B_DATES = (dt.date(2022, 1, 1), dt.date(2024, 12, 31))


@dataclass(frozen=True)
class View:
    """What the user is looking at: the filters, the timeline's lanes and colours, and the open event."""

    start_date: dt.date = DEFAULT_START
    end_date: dt.date = DEFAULT_END
    administrations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    policy_types: tuple[str, ...] = ()
    min_confidence: str = "low"
    search: str = ""
    undated: bool = True
    mentioned: bool = False
    lanes: str = "country"
    colour: str = "policy_type"
    event_id: str = ""
    side_a: str = "trump_1"
    side_b: str = "biden"
    side_a_start_date: dt.date = SIDE_A_DATES[0]
    side_a_end_date: dt.date = SIDE_A_DATES[1]
    side_b_start_date: dt.date = SIDE_B_DATES[0]
    side_b_end_date: dt.date = SIDE_B_DATES[1]
    reasons: tuple[str, ...] = ()
    present: bool = False
    step: int = 1
    uploaded: int = 0  # articles uploaded in the browser session the view was made in
    landmarks: bool = True
    policies: bool = True
    us_lane: bool = False  # the Timeline's United States lane, by country (the US is a party to almost every event)


@dataclass(frozen=True)
class Choices:
    """The values a view may take for one corpus."""

    administrations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    policy_types: tuple[str, ...] = ()
    event_ids: frozenset[str] = frozenset()
    min_date: dt.date = dt.date(2000, 1, 1)
    max_date: dt.date = dt.date(2030, 12, 31)
    uploaded: int = 0  # articles this session uploaded: the only value `uploaded` can take here

    @property
    def sides(self) -> tuple[str, ...]:
        """What a Compare side can be: an administration, a country (as a party) or a date range."""
        return (*self.administrations, *self.countries, RANGE)

    def allowed(self, name: str) -> tuple[str, ...] | frozenset[str]:
        """Valid values of a list or choice field of View."""
        return {
            "administrations": self.administrations,
            "countries": self.countries,
            "policy_types": self.policy_types,
            "event_id": self.event_ids,
            "min_confidence": CONFIDENCES,
            "lanes": LANES,
            "colour": COLOURS,
            "side_a": self.sides,
            "side_b": self.sides,
            "reasons": REVIEW_REASONS,
        }[name]


@dataclass(frozen=True)
class Param:
    """One URL query parameter and the View field it carries."""

    name: str
    field: str
    kind: str  # date, list, choice, text, flag or count
    words: str


# The whole URL interface: adding a parameter is one row here plus a View field.
PARAMS = (
    Param("from", "start_date", "date", "start date"),
    Param("to", "end_date", "date", "end date"),
    Param("admin", "administrations", "list", "US administration"),
    Param("country", "countries", "list", "country"),
    Param("type", "policy_types", "list", "policy type"),
    Param("conf", "min_confidence", "choice", "minimum date confidence"),
    Param("q", "search", "text", "search text"),
    Param("undated", "undated", "flag", "undated events switch"),
    Param("mentioned", "mentioned", "flag", "mentioned events switch"),
    Param("lanes", "lanes", "choice", "timeline lanes"),
    Param("colour", "colour", "choice", "timeline colours"),
    Param("event", "event_id", "choice", "selected event"),
    Param("a", "side_a", "choice", "comparison side"),
    Param("b", "side_b", "choice", "comparison side"),
    Param("a_from", "side_a_start_date", "date", "side A start date"),
    Param("a_to", "side_a_end_date", "date", "side A end date"),
    Param("b_from", "side_b_start_date", "date", "side B start date"),
    Param("b_to", "side_b_end_date", "date", "side B end date"),
    Param("reason", "reasons", "list", "review reason"),
    Param("present", "present", "flag", "presenter mode switch"),
    Param("step", "step", "count", "presenter step"),
    Param("uploaded", "uploaded", "uploads", "number of uploaded articles"),
    Param("landmarks", "landmarks", "flag", "landmarks switch"),
    Param("policies", "policies", "flag", "policies in force switch"),
    Param("us", "us_lane", "flag", "United States lane switch"),
)
PARAM_BY_NAME = {p.name: p for p in PARAMS}
MAX_SEARCH = 200
MAX_STEP = 100_000
MAX_NOTICES = 8  # a link with hundreds of bad values gets a short notice, not a wall of text
QUOTED_CHARS = 40  # how much of a bad value a notice repeats


def quoted(value: str) -> str:
    """A value from the URL as a notice repeats it: quoted, and cut when long."""
    return repr(value if len(value) <= QUOTED_CHARS else value[:QUOTED_CHARS] + "…")


def _values(raw: str | list[str]) -> list[str]:
    return [raw] if isinstance(raw, str) else [str(v) for v in raw]


def _parse(param: Param, values: list[str], choices: Choices) -> tuple[object, list[str]]:
    """The field value a parameter asks for (None when unusable) and what was ignored, in words."""
    last = values[-1] if values else ""
    repeated = [] if param.kind == "list" or len(set(values)) < 2 else [f"{param.name} is given {len(values)} times; read the last"]
    value, problems = _parse_value(param, last, values, choices)
    return value, repeated + problems


def _parse_value(param: Param, last: str, values: list[str], choices: Choices) -> tuple[object, list[str]]:
    """The field value of one parameter's values (None when unusable), by its kind, and what was ignored."""
    if param.kind == "date":
        try:
            day = dt.date.fromisoformat(last)
        except ValueError:
            return None, [f"{param.name}={quoted(last)} is not a date (use YYYY-MM-DD)"]
        clamped = min(max(day, choices.min_date), choices.max_date)
        return clamped, [] if clamped == day else [f"{param.name}={last} is outside {choices.min_date}–{choices.max_date}; used {clamped}"]
    if param.kind == "list":
        allowed = choices.allowed(param.field)
        kept = tuple(dict.fromkeys(v for v in values if v in allowed))
        return kept, [f"{param.name}={quoted(v)} is not a known {param.words}" for v in dict.fromkeys(values) if v not in allowed]
    if param.kind == "choice":
        if last in choices.allowed(param.field):
            return last, []
        return None, [f"{param.name}={quoted(last)} is not a known {param.words}"]
    if param.kind == "flag":
        if last in ("0", "1"):
            return last == "1", []
        return None, [f"{param.name}={quoted(last)} should be 0 or 1"]
    if param.kind == "count":
        if last.isascii() and last.isdigit() and len(last) <= len(str(MAX_STEP)) and 1 <= int(last) <= MAX_STEP:
            return int(last), []
        return None, [f"{param.name}={quoted(last)} is not a {param.words} (a whole number from 1 to {MAX_STEP:,})"]
    if param.kind == "uploads":
        return choices.uploaded, [] if last == str(choices.uploaded) else [uploads_notice(last, choices.uploaded)]
    text = last.strip()
    return text[:MAX_SEARCH], [f"{param.name} is longer than {MAX_SEARCH} characters; cut"] if len(text) > MAX_SEARCH else []


def uploads_notice(asked: str, here: int) -> str:
    """What a link made with uploaded articles says where they are not: they belong to someone's browser session."""
    made = f"uploaded={quoted(asked)}: this link was made in a browser session with uploaded articles; their events belong to that session and are not on this server"
    return made + (f" (this session has {here} uploaded articles of its own)" if here else ", so only the server's articles are shown")


def view_from_query(query: Mapping[str, str | list[str]], choices: Choices) -> tuple[View, list[str]]:
    """The view a URL asks for, falling back to defaults for anything unusable, and a notice per fallback."""
    changes, notices = {}, []
    for name, raw in query.items():
        param = PARAM_BY_NAME.get(name)
        if param is None:
            notices.append(f"unknown parameter {quoted(name)}")
            continue
        value, problems = _parse(param, _values(raw), choices)
        notices += problems
        if value is not None:
            changes[param.field] = value
    view = replace(View(), **changes)
    if view.start_date > view.end_date:
        notices.append("the start date was after the end date; swapped them")
        view = replace(view, start_date=view.end_date, end_date=view.start_date)
    for side in ("a", "b"):
        start, end = f"side_{side}_start_date", f"side_{side}_end_date"
        if getattr(view, start) > getattr(view, end):
            notices.append(f"side {side.upper()}'s start date was after its end date; swapped them")
            view = replace(view, **{start: getattr(view, end), end: getattr(view, start)})
    if len(notices) > MAX_NOTICES:
        notices = [*notices[:MAX_NOTICES], f"and {len(notices) - MAX_NOTICES} more"]
    return view, notices


def view_to_query(view: View) -> dict[str, list[str]]:
    """The query string of a view: only what differs from the defaults, lists as repeated parameters."""
    default = View()
    query = {}
    for param in PARAMS:
        value = getattr(view, param.field)
        if value == getattr(default, param.field):
            continue
        if param.kind == "date":
            query[param.name] = [value.isoformat()]
        elif param.kind == "list":
            query[param.name] = list(value)
        elif param.kind == "flag":
            query[param.name] = ["1" if value else "0"]
        else:
            query[param.name] = [str(value)]
    return query


def normalise_query(query: Mapping[str, str | list[str]]) -> dict[str, list[str]]:
    """A query mapping with every value as a list, for comparing two query strings."""
    return {name: _values(raw) for name, raw in query.items()}


def view_slug(view: View, max_items: int = 3) -> str:
    """A short file-name-safe summary of a view's filters, for exported files."""
    parts = [f"{view.start_date:%Y%m%d}-{view.end_date:%Y%m%d}"]
    for values in (view.countries, view.policy_types, view.administrations):
        if values:
            parts.append("-".join(values[:max_items]) + ("-etc" if len(values) > max_items else ""))
    if view.min_confidence != "low":
        parts.append(f"{view.min_confidence}-confidence")
    return "_".join(parts).replace(" ", "-")


COUNTED_CELL = "counted-cell"  # the first customdata value of a counted timeline's cell (charts.density_traces)
COUNTED_FIRST_EVENT = 4  # where a counted cell's customdata holds its earliest event's id


def cell_view(row: list) -> dict[str, dt.date]:
    """The view changes a click on a counted timeline's cell makes: the dates narrowed to its first and last day."""
    return {"start_date": dt.date.fromisoformat(row[1]), "end_date": dt.date.fromisoformat(row[2])}


def narrowed(name: str, key: str) -> dict[str, object]:
    """The view changes that narrow the filters to one key of a dimension (a country, policy type, administration or year)."""
    if not key:
        return {}
    if name == "year":
        return {"start_date": dt.date(int(key), 1, 1), "end_date": dt.date(int(key), 12, 31)} if key.isdigit() else {"undated": True}
    return {{"country": "countries", "policy_type": "policy_types", "administration": "administrations"}[name]: (key,)}
