"""Human corrections (data/curation.csv): read, check, apply on every load, and append.

One row per correction: `target_id` (an event id, or an article id for its primary event), `field`, `value`,
`note`, `timestamp`. Fields:
- `date`: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a window `YYYY-MM-DD..YYYY-MM-DD`; the event shows
  `date_method = curated` and keeps the extracted date in its `curation` notes;
- `confirm`: the extracted date is right (confidence becomes high, method says so);
- `countries`: ISO alpha-3 codes joined by `;`;
- `policy_types`: policy-type keys joined by `;`;
- `title`: a better title;
- `split`: the value (an event id) is never merged with another event;
- `merge`: the value (an event id) is the same event as the target.
A row naming an unknown event, an invalid date, an unknown country or type is reported and not applied.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from loaders.articles import LoadIssue
from loaders.reference import Reference

CURATION_PATH = Path(__file__).resolve().parent.parent / "data" / "curation.csv"
CURATION_COLUMNS = ("target_id", "field", "value", "note", "timestamp")
FIELDS = ("date", "confirm", "countries", "policy_types", "title", "split", "merge")
CURATION_FILE = "curation.csv"


@dataclass(frozen=True)
class Correction:
    target_id: str
    field: str
    value: str
    note: str = ""
    timestamp: str = ""
    line: int = 0


def curation_path() -> Path:
    """The curation file: $CURATION_PATH when set, else data/curation.csv."""
    return Path(os.environ.get("CURATION_PATH") or CURATION_PATH)


def read_curation(path: Path | str | None = None) -> tuple[list[Correction], list[LoadIssue]]:
    """Corrections from the curation file (none when it does not exist); unreadable rows are reported."""
    path = Path(path or curation_path())
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [LoadIssue(path.name, "warning", f"cannot read the curation file: {exc}")]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("target_id", "field", "value") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [LoadIssue(path.name, "warning", f"curation file lacks column(s) {', '.join(missing)}: nothing applied")]
    corrections = []
    for line, row in enumerate(reader, start=2):
        corrections.append(
            Correction(
                target_id=(row.get("target_id") or "").strip(),
                field=(row.get("field") or "").strip().lower(),
                value=(row.get("value") or "").strip(),
                note=(row.get("note") or "").strip(),
                timestamp=(row.get("timestamp") or "").strip(),
                line=line,
            )
        )
    return corrections, []


def curation_csv(corrections: list[Correction]) -> str:
    """Corrections as the text of a curation file (header included)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CURATION_COLUMNS)
    for c in corrections:
        writer.writerow((c.target_id, c.field, c.value, c.note, c.timestamp))
    return buffer.getvalue()


def append_correction(correction: Correction, path: Path | str | None = None) -> Path:
    """Add one correction to the curation file (created with its header if needed)."""
    path = Path(path or curation_path())
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(CURATION_COLUMNS)
        writer.writerow((correction.target_id, correction.field, correction.value, correction.note, correction.timestamp))
    return path


def now_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_curated_date(value: str) -> tuple[dt.date, dt.date, dt.date, str]:
    """'2019-07-26', '2019-07', '2019' or '2019-07-01..2019-07-15' -> (date, earliest, latest, precision)."""
    value = value.strip()
    if ".." in value:
        first, last = (dt.date.fromisoformat(part.strip()) for part in value.split("..", 1))
        if last < first:
            raise ValueError("the window ends before it starts")
        precision = "day" if first == last else ("month" if (last - first).days <= 62 else "year")
        return first + (last - first) // 2, first, last, precision
    parts = value.split("-")
    if len(parts) == 3:
        day = dt.date.fromisoformat(value)
        return day, day, day, "day"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return first + (last - first) // 2, first, last, "month"
    if len(parts) == 1 and len(value) == 4:
        year = int(value)
        return dt.date(year, 7, 1), dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    raise ValueError("expected YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO")


def check(correction: Correction, reference: Reference, event_ids: set[str], article_ids: set[str]) -> str | None:
    """Why a correction cannot be applied, or None when it can."""
    if correction.field not in FIELDS:
        return f"unknown field {correction.field!r} (expected one of {', '.join(FIELDS)})"
    if correction.target_id not in event_ids and correction.target_id not in article_ids:
        return f"unknown event or article id {correction.target_id!r}"
    if correction.field == "date":
        try:
            parse_curated_date(correction.value)
        except ValueError as exc:
            return f"bad date {correction.value!r}: {exc}"
    if correction.field == "countries":
        known = {c.iso3 for c in reference.countries}
        unknown = [c for c in _split(correction.value) if c not in known]
        if unknown or not _split(correction.value):
            return f"unknown country code(s) {', '.join(unknown) or '(none given)'}"
    if correction.field == "policy_types":
        known = {t.policy_type for t in reference.policy_types}
        unknown = [t for t in _split(correction.value) if t not in known]
        if unknown:
            return f"unknown policy type(s) {', '.join(unknown)}"
    if correction.field in ("split", "merge") and correction.value not in event_ids:
        return f"unknown event id {correction.value!r} to {correction.field}"
    if correction.field == "title" and not correction.value:
        return "empty title"
    return None


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]


def sort_corrections(
    corrections: list[Correction], reference: Reference, rows: list[dict]
) -> tuple[list[Correction], set[str], list[tuple[str, str]], list[LoadIssue]]:
    """Valid field corrections, ids to keep apart, pairs to join, and a report line per invalid row."""
    event_ids = {row["event_id"] for row in rows}
    article_ids = {row["article_id"] for row in rows}
    fields, split, joined, issues = [], set(), [], []
    for correction in corrections:
        problem = check(correction, reference, event_ids, article_ids)
        if problem:
            issues.append(LoadIssue(CURATION_FILE, "warning", f"line {correction.line}: {problem}; not applied"))
        elif correction.field == "split":
            split.add(correction.value)
        elif correction.field == "merge":
            joined.append((_event_id(correction.target_id, article_ids), correction.value))
        else:
            fields.append(correction)
    return fields, split, joined, issues


def _event_id(target: str, article_ids: set[str]) -> str:
    return f"{target}-0" if target in article_ids else target


def apply_corrections(rows: list[dict], corrections: list[Correction], reference: Reference) -> list[dict]:
    """Field corrections applied to (merged) events; each curated value notes what it replaced."""
    article_ids = {row["article_id"] for row in rows}
    by_id = {}
    for index, row in enumerate(rows):
        for event_id in (row["event_id"], *row["merged_event_ids"]):
            by_id[event_id] = index
    rows = [dict(row) for row in rows]
    for c in corrections:
        index = by_id.get(_event_id(c.target_id, article_ids))
        if index is None:
            continue
        row = rows[index]
        after = f" — {c.note}" if c.note else ""
        after += f" ({c.timestamp})" if c.timestamp else ""
        if c.field == "date":
            day, first, last, precision = parse_curated_date(c.value)
            was = f"{row['date'] or 'no date'} ({row['date_precision'] or 'no precision'}, {row['date_confidence']}: {row['date_method']})"
            admin = reference.administration_on("USA", day)
            row.update(
                date=day, date_earliest=first, date_latest=last, date_precision=precision, date_confidence="high",
                date_method=f"curated: {c.value}", us_administration=admin.administration_id if admin else "",
            )  # fmt: skip
            row["curation"] = [*row["curation"], f"date: {c.value} replaces the extracted {was}{after}"]
        elif c.field == "confirm":
            row["curation"] = [*row["curation"], f"confirm: the extracted date was checked (was {row['date_confidence']}){after}"]
            row.update(date_confidence="high", date_method=f"curated (confirmed): {row['date_method']}")
        elif c.field in ("countries", "policy_types"):
            row["curation"] = [*row["curation"], f"{c.field}: {c.value} replaces {';'.join(row[c.field]) or 'none'}{after}"]
            row[c.field] = _split(c.value)
        elif c.field == "title":
            row["curation"] = [*row["curation"], f"title: replaces “{row['title']}”{after}"]
            row["title"] = c.value
    return rows
