"""The Review page's rules: which events need a look and why, what the loader read, and corrections checked before saving.

Pure, except `probe_store`, which looks at the curation file. The file is written only by a signed-in editor (see
ui/editors.py) of a copy not set to CURATION_READONLY=1; everyone else gets their corrections as a download.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import find_event
from loaders.curation import Correction, active_corrections, check, curation_path, parse_curated_date, resolve_target
from loaders.reference import Reference
from ui.data import display_table
from ui.provenance import event_ids
from ui.style import Style
from ui.view import REASON_LABELS, REVIEW_REASONS

READONLY_ENV = "CURATION_READONLY"
DATE_FORMS = "2019-07-26 (a day), 2019-07 (a month), 2019 (a year) or 2019-07-01..2019-07-15 (a window)"
CONTEXT_CHARS = 60
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUEUE_ORDER = ["date", "date_precision", "date_confidence", "title", "review_reasons", "role", "countries", "n_sources", "event_id"]
FIELD_WORDS = {
    "date": "date",
    "confirm": "confirmation of the date",
    "countries": "parties",
    "policy_types": "policy types",
    "title": "title",
    "split": "split",
    "merge": "merge",
    "undo": "undo",
}


def reason_words(codes: Iterable[str]) -> list[str]:
    """Review-reason codes in words (data/reference/review_reasons.csv)."""
    return [REASON_LABELS.get(code, code) for code in codes]


def needs_review(events: pd.DataFrame, reasons: Iterable[str] = ()) -> pd.DataFrame:
    """The events with a review reason (any of `reasons` when given), in the order they come."""
    wanted = set(reasons)
    keys = events["review_reasons"].map(set)
    return events[keys.map(lambda k: bool(k & wanted) if wanted else bool(k))]


def reason_counts(events: pd.DataFrame) -> dict[str, int]:
    """How many events carry each review reason, in the order of REVIEW_REASONS."""
    keys = [r for values in events["review_reasons"] for r in dict.fromkeys(values)]
    return {reason: keys.count(reason) for reason in REVIEW_REASONS}


def describe_queue(listed: pd.DataFrame, events: pd.DataFrame, mentioned: bool) -> str:
    """How many events are listed of all that need a look, and where the mentioned ones are when the view hides them."""
    flagged = needs_review(events)
    words = f"{len(listed)} events listed, of {len(flagged)} in the corpus that need a look."
    if not mentioned and (flagged["role"] == "referenced").any():
        words += " Events the articles only mention are listed when the sidebar switch “Include events the articles only mention” is on."
    return words


def queue_table(events: pd.DataFrame, style: Style) -> pd.DataFrame:
    """The events to review as the page lists them: the Events page's words for codes, plus the reasons and the kind."""
    table = display_table(events, style)
    table["review_reasons"] = events["review_reasons"].map(reason_words).tolist()
    table["role"] = events["role"].map({"primary": "main event", "referenced": "mentioned"}).tolist()
    return table[QUEUE_ORDER]


def reads_as(candidate: Mapping) -> str:
    """What a date mention says, in words: 'Wednesday 31 May 2023', 'May', 'Friday'."""
    weekday, day, month, year = (candidate.get(k) for k in ("weekday", "day", "month", "year"))
    parts = [
        WEEKDAYS[weekday] if weekday is not None else "",
        str(day) if day is not None else "",
        calendar.month_name[month] if month else "",
        str(year) if year is not None else "",
    ]
    return " ".join(p for p in parts if p) or "—"


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The words around a span, on one line."""
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + " ".join(text[left:right].split()) + ("…" if right < len(text) else "")


def candidate_table(candidates: list[dict], text: str, evidence_offsets: Iterable[int]) -> pd.DataFrame:
    """Every date mention of an article as the loader read it, in text order; `used` marks the event's date evidence."""
    used = set(evidence_offsets)
    return pd.DataFrame(
        [
            {
                "used": c["offset"] in used,
                "text": c["text"],
                "reads_as": reads_as(c),
                "role": c["role"],
                "tense": c["tense"],
                "zone": c["zone"],
                "context": context(text, c["offset"], c["offset"] + len(c["text"])),
                "offset": c["offset"],
            }
            for c in sorted(candidates, key=lambda c: c["offset"])
        ],
        columns=["used", "text", "reads_as", "role", "tense", "zone", "context", "offset"],
    )


def date_value(event: Mapping) -> str:
    """The event's date in the form a date correction takes, at its precision (empty when undated)."""
    date = event["date"]
    if pd.isna(date):
        return ""
    return {"month": f"{date:%Y-%m}", "year": f"{date:%Y}"}.get(event["date_precision"], f"{date:%Y-%m-%d}")


def known_ids(events: pd.DataFrame) -> tuple[set[str], set[str]]:
    """Every event id a correction may name (merged ones too) and every article id."""
    ids = {i for row in events[["event_id", "merged_event_ids"]].to_dict("records") for i in event_ids(row)}
    articles = set(events["article_id"]) | {a for values in events["source_articles"] for a in values}
    return ids, articles


def plausible_latest(today: dt.date) -> dt.date:
    """The latest date a reported event can plausibly have: the end of next year (a scheduled step, at most)."""
    return dt.date(today.year + 1, 12, 31)


def implausible_date(value: str, today: dt.date) -> str | None:
    """Why a date correction is not a plausible date for an event, or None. A malformed date, or one before 1900 or
    after 2100, is `check`'s to refuse (the loaders' supported years); here a date in the years to come is refused."""
    try:
        _, _, last, _ = parse_curated_date(value)
    except (ValueError, OverflowError):
        return None
    latest = plausible_latest(today)
    if last > latest:
        return f"{value} ends after {latest.isoformat()} (the end of next year): not a plausible date for an event reported here"
    return None


def _same_day(timestamp, day: dt.date) -> bool:
    return not pd.isna(timestamp) and timestamp.date() == day


def unchanged(correction: Correction, event: Mapping) -> str | None:
    """Why a correction would change nothing about the event as it stands, or None when it changes something."""
    field, value = correction.field, correction.value
    if field == "date":
        try:
            day, first, last, precision = parse_curated_date(value)
        except (ValueError, OverflowError):
            return None
        same = _same_day(event["date"], day) and _same_day(event["date_earliest"], first) and _same_day(event["date_latest"], last)
        if same and event["date_precision"] == precision and event["date_confidence"] == "high":
            return f"the event is already dated {value}, with high confidence"
    if field == "confirm" and event["date_confidence"] == "high":
        return "the date already has high confidence: there is nothing to confirm"
    if field in ("countries", "policy_types") and [v for v in value.split(";") if v] == list(event[field]):
        return f"the {FIELD_WORDS[field]} are already {', '.join(event[field]) or 'none'}"
    if field == "title" and value == event["title"]:
        return "the title is already this"
    if field == "merge" and value in (event["event_id"], *event["merged_event_ids"]):
        return f"{value} is already merged into this event"
    return None


def correction_problem(correction: Correction, reference: Reference, events: pd.DataFrame, today: dt.date | None = None) -> str | None:
    """Why a correction of the event table cannot be saved, in words; None when it can."""
    if correction.field == "countries" and not correction.value:
        return "choose at least one party country"
    if correction.field in ("split", "merge") and not correction.value:
        return f"choose the event to {correction.field}"
    if correction.field == "merge" and correction.value == correction.target_id:
        return "an event cannot be merged with itself"
    if correction.field == "split":
        target = events[events["event_id"] == correction.target_id]
        if target.empty or correction.value not in target["merged_event_ids"].iloc[0]:
            return f"{correction.value} is not merged into {correction.target_id}"
    try:
        problem = check(correction, reference, *known_ids(events))
        if problem is None and correction.field == "date":
            problem = implausible_date(correction.value, today or dt.date.today())
        event = find_event(events, correction.target_id) if problem is None else None
        return unchanged(correction, event) if event is not None else problem
    except Exception as exc:  # a check that fails must read as a message, never as a crash
        return f"the correction could not be checked ({type(exc).__name__}: {exc})"


def event_corrections(corrections: Iterable[Correction], event: Mapping, article_ids: set[str]) -> list[Correction]:
    """The corrections in force that name this event (by its id, a merged id or its article), oldest first."""
    ids = {event["event_id"], *event["merged_event_ids"]}
    active, _ = active_corrections(list(corrections))
    return [c for c in active if resolve_target(c.target_id, ids, article_ids) in ids or (c.field in ("merge", "split") and c.value in ids)]


def list_value(values: Iterable[str]) -> str:
    """Codes as a curation value: joined by ';'."""
    return ";".join(values)


@dataclass(frozen=True)
class Store:
    """Where corrections go: the curation file when this session may write it, else a download (`why` says why not).
    `editor` is who saves (the signed-in editor's name)."""

    path: Path
    writable: bool
    why: str = ""
    editor: str = ""


def _readonly(environ: Mapping[str, str]) -> bool:
    return environ.get(READONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def probe_store(
    path: Path | str | None = None, environ: Mapping[str, str] = os.environ, editor: str = "", editors_configured: bool = False
) -> Store:
    """Whether this session may write the curation file: a copy not set to CURATION_READONLY, with editors configured,
    an editor signed in, and a file that opens for append (or a writable folder when there is none yet: the file is
    not created just to find out). The reasons name no server path."""
    path = Path(path or curation_path())
    if _readonly(environ):
        return Store(path, False, f"this copy is read-only ({READONLY_ENV} is set)")
    if not editors_configured:
        return Store(path, False, "this copy has no editors configured, so it never writes its data")
    if not editor:
        return Store(path, False, "only a signed-in editor saves corrections")
    if path.exists():
        try:
            with path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            return Store(path, False, f"the curation file cannot be opened for writing ({exc.strerror or type(exc).__name__})", editor)
        return Store(path, True, editor=editor)
    if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        return Store(path, False, "the curation file's folder cannot be written", editor)
    return Store(path, True, editor=editor)
