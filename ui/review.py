"""The Review page's rules: which events need a look and why, what the loader read, and corrections checked before saving.

Pure, except `probe_store`, which looks at the curation file. Set CURATION_READONLY=1 (a hosted deployment) to never
write the file: corrections are then offered as a download instead.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.curation import Correction, check, curation_path
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


def correction_problem(correction: Correction, reference: Reference, events: pd.DataFrame) -> str | None:
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
        return check(correction, reference, *known_ids(events))
    except Exception as exc:  # a check that fails must read as a message, never as a crash
        return f"the correction could not be checked ({type(exc).__name__}: {exc})"


def list_value(values: Iterable[str]) -> str:
    """Codes as a curation value: joined by ';'."""
    return ";".join(values)


@dataclass(frozen=True)
class Store:
    """Where corrections go: the curation file when it can be written, else a download (`why` says why not)."""

    path: Path
    writable: bool
    why: str = ""


def probe_store(path: Path | str | None = None, environ: Mapping[str, str] = os.environ) -> Store:
    """Whether the curation file can be written: CURATION_READONLY unset, and the file opens for append (or its folder
    is writable when there is no file yet; the file is not created just to find out)."""
    path = Path(path or curation_path())
    if environ.get(READONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return Store(path, False, f"{READONLY_ENV} is set")
    if path.exists():
        try:
            with path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            return Store(path, False, f"{path.name} cannot be opened for writing ({exc.strerror or exc})")
        return Store(path, True)
    if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
        return Store(path, False, f"the folder {path.parent} cannot be written")
    return Store(path, True)
