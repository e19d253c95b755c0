"""Human corrections (data/curation.csv): read, check, apply on every load, and write.

One row per correction: `target_id` (an event id, or an article id for its primary event), `field`, `value`,
`note`, `timestamp` and `editor` (who saved it). Fields:
- `date`: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a window `YYYY-MM-DD..YYYY-MM-DD`, within 1900–2100; the event shows
  `date_method = curated` and keeps the extracted date in its `curation` notes;
- `confirm`: the extracted date is right (confidence becomes high, method says so);
- `countries`: ISO alpha-3 codes joined by `;`;
- `policy_types`: policy-type keys joined by `;`;
- `title`: a better title;
- `split`: the value (an event id) is never merged with another event;
- `merge`: the value (an event id) is the same event as the target;
- `undo`: the value (a correction's `key`) takes back that earlier correction.
A row naming an unknown event, an invalid date, an unknown country or type is reported and not applied; so is a row
that fails for any other reason: one bad row never stops the load.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.articles import LoadIssue
from loaders.files import locked, write_text_atomic
from loaders.reference import Reference
from loaders.spreadsheet import neutralise_cell, restore_cell
from loaders.supported import EARLIEST_DATE, LATEST_DATE, WINDOW_WORDS

CURATION_PATH = Path(__file__).resolve().parent.parent / "data" / "curation.csv"
CURATION_COLUMNS = ("target_id", "field", "value", "note", "timestamp", "editor")
REQUIRED_COLUMNS = ("target_id", "field", "value")
FIELDS = ("date", "confirm", "countries", "policy_types", "title", "split", "merge", "undo")
DATE_FIELDS = ("date", "confirm")  # one question: when did it happen
CURATION_FILE = "curation.csv"
MAX_CELL = 10_000  # characters kept of any one cell
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)


@dataclass(frozen=True)
class Correction:
    target_id: str
    field: str
    value: str
    note: str = ""
    timestamp: str = ""
    editor: str = ""
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> str:
        """What names this correction for an undo: a hash of everything it says."""
        fields = (self.target_id, self.field, self.value, self.note, self.timestamp, self.editor)
        return hashlib.sha256("\x1f".join(fields).encode("utf-8", "surrogatepass")).hexdigest()[:12]


class CurationConflict(Exception):
    """Someone else corrected the same thing since the editor's page was drawn; `correction` is theirs."""

    def __init__(self, correction: Correction) -> None:
        super().__init__(
            f"{correction.editor or 'someone'} saved a {correction.field} correction of {correction.target_id} at {correction.timestamp}"
        )
        self.correction = correction


def curation_path() -> Path:
    """The curation file: $CURATION_PATH when set, else data/curation.csv."""
    return Path(os.environ.get("CURATION_PATH") or CURATION_PATH)


# Reading ---------------------------------------------------------------------------------------------------------


def _cell(row: dict, name: str) -> str:
    value = row.get(name)
    return restore_cell(value.strip()[:MAX_CELL]) if isinstance(value, str) else ""


def parse_curation(text: str) -> tuple[list[Correction], list[LoadIssue]]:
    """The corrections in a curation file's text, and a line for each row or problem that was passed over."""
    text = text.replace("\x00", "")  # the csv module refuses NUL; a NUL is never meant
    lines = io.StringIO(text, newline="")
    reader = csv.DictReader(lines)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        return [], [LoadIssue(CURATION_FILE, "warning", f"the header cannot be read ({exc}): nothing applied")]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        return [], [LoadIssue(CURATION_FILE, "warning", f"curation file lacks column(s) {', '.join(missing)}: nothing applied")]
    corrections, issues = [], []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.append(LoadIssue(CURATION_FILE, "warning", f"line {line}: cannot be read as CSV ({exc}); rest of the file not applied"))
            break
        if all(_cell(row, c) == c for c in REQUIRED_COLUMNS):
            continue  # a header written twice (by two first saves at once, before saves were locked)
        corrections.append(
            Correction(
                target_id=_cell(row, "target_id"),
                field=_cell(row, "field").lower(),
                value=_cell(row, "value"),
                note=_cell(row, "note"),
                timestamp=_cell(row, "timestamp"),
                editor=_cell(row, "editor"),
                line=line,
            )
        )
    return corrections, issues


def read_curation(path: Path | str | None = None) -> tuple[list[Correction], list[LoadIssue]]:
    """Corrections from the curation file (none when it does not exist); unreadable rows are reported."""
    path = Path(path or curation_path())
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        return [], [LoadIssue(CURATION_FILE, "warning", f"cannot read the curation file ({reason}): nothing applied")]
    return parse_curation(text)


# Writing ---------------------------------------------------------------------------------------------------------


def _row(c: Correction) -> tuple[str, ...]:
    """A correction's cells as written: a carriage return becomes a newline (the csv module would leave it unquoted,
    and it would end the row), and a formula-like cell is neutralised."""
    cells = (c.target_id, c.field, c.value, c.note, c.timestamp, c.editor)
    return tuple(neutralise_cell(v.replace("\r\n", "\n").replace("\r", "\n")) for v in cells)


def curation_csv(corrections: Iterable[Correction]) -> str:
    """Corrections as the text of a curation file (header included; formula-like cells neutralised)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CURATION_COLUMNS)
    writer.writerows(_row(c) for c in corrections)
    return buffer.getvalue()


def with_correction(text: str, correction: Correction) -> str:
    """A curation file's text with one more row, in the file's own column order: columns it lacks (an older file)
    are added to its header, a missing final newline is added first (so the new row never joins the last one), and
    every existing row is kept byte for byte."""
    if not text.strip():
        return curation_csv([correction])
    header, newline, rest = text.partition("\n")
    try:
        columns = next(csv.reader([header.rstrip("\r")]), [])
    except csv.Error:  # a carriage return inside the first line: not a header this module wrote
        columns = []
    if any(c not in columns for c in REQUIRED_COLUMNS):
        raise ValueError(f"the curation file's first line is not a header with {', '.join(REQUIRED_COLUMNS)}: fix the file by hand first")
    missing = [c for c in CURATION_COLUMNS if c not in columns]
    if missing:
        header = header.rstrip("\r") + "," + ",".join(missing)
        columns += missing
    text = header + (newline or "\n") + rest
    if not text.endswith("\n"):
        text += "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore", restval="")
    writer.writerow(dict(zip(CURATION_COLUMNS, _row(correction), strict=True)))
    return text + buffer.getvalue()


def conflicting(current: Iterable[Correction], seen: Iterable[Correction], targets: Collection[str], field_: str) -> Correction | None:
    """The first correction saved since `seen` was read that touches the same thing: one of `targets`, and the same
    question (the date and its confirmation count as one; an undo touches everything about its target)."""
    new = Counter(current)
    new.subtract(Counter(seen))
    fields = set(DATE_FIELDS) if field_ in DATE_FIELDS else {field_}
    for c in current:
        if new[c] > 0 and c.target_id in targets and (c.field in fields or "undo" in (c.field, field_)):
            return c
    return None


def write_correction(
    correction: Correction,
    path: Path | str | None = None,
    seen: Iterable[Correction] | None = None,
    targets: Collection[str] = (),
) -> Path:
    """Add one correction to the curation file, under the file's lock and in one rename (created with its header).

    With `seen` (the corrections the editor's page was drawn from), refuse with CurationConflict when someone saved a
    correction of the same thing since: `targets` are the ids that name the same event.
    """
    path = Path(path or curation_path())
    with locked(path):
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        if seen is not None:
            current, _ = parse_curation(text)
            clash = conflicting(current, seen, {correction.target_id, *targets}, correction.field)
            if clash:
                raise CurationConflict(clash)
        write_text_atomic(path, with_correction(text, correction))
    return path


def append_correction(correction: Correction, path: Path | str | None = None) -> Path:
    """Add one correction to the curation file, whatever was saved before it (see `write_correction`)."""
    return write_correction(correction, path)


def now_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Checking and applying -------------------------------------------------------------------------------------------


def _supported_year(year: int, value: str) -> int:
    if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
        raise ValueError(f"{value} is outside the supported years {WINDOW_WORDS}")
    return year


def _parse_day(value: str) -> dt.date:
    if not _DAY.fullmatch(value):
        raise ValueError("expected YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO")
    _supported_year(int(value[:4]), value)
    return dt.date.fromisoformat(value)


def parse_curated_date(value: str) -> tuple[dt.date, dt.date, dt.date, str]:
    """'2019-07-26', '2019-07', '2019' or '2019-07-01..2019-07-15' -> (date, earliest, latest, precision), within
    the supported years (1900–2100)."""
    value = value.strip()
    if ".." in value:
        first, last = (_parse_day(part.strip()) for part in value.split("..", 1))
        if last < first:
            raise ValueError("the window ends before it starts")
        precision = "day" if first == last else ("month" if (last - first).days <= 62 else "year")
        return first + (last - first) // 2, first, last, precision
    if _DAY.fullmatch(value):
        day = _parse_day(value)
        return day, day, day, "day"
    month = _MONTH.fullmatch(value)
    if month:
        year, number = _supported_year(int(month.group(1)), value), int(month.group(2))
        if not 1 <= number <= 12:
            raise ValueError(f"month {number} does not exist")
        first, last = dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])
        return first + (last - first) // 2, first, last, "month"
    if _YEAR.fullmatch(value):
        year = _supported_year(int(value), value)
        return dt.date(year, 7, 1), dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    raise ValueError("expected YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO")


def resolve_target(target: str, event_ids: Collection[str], article_ids: Collection[str]) -> str:
    """The event a correction names: an exact event id first ('story-0' is story.txt's event even when story-0.txt
    exists), else an article id's primary event."""
    if target in event_ids or target not in article_ids:
        return target
    return f"{target}-0"


def check(correction: Correction, reference: Reference, event_ids: set[str], article_ids: set[str]) -> str | None:
    """Why a correction cannot be applied, or None when it can."""
    if correction.field not in FIELDS:
        return f"unknown field {correction.field!r} (expected one of {', '.join(FIELDS)})"
    if correction.target_id not in event_ids and correction.target_id not in article_ids:
        return f"unknown event or article id {correction.target_id!r}"
    if correction.field == "date":
        try:
            parse_curated_date(correction.value)
        except (ValueError, OverflowError) as exc:
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


def _line(correction: Correction) -> str:
    return f"line {correction.line}: " if correction.line else ""


def active_corrections(corrections: list[Correction]) -> tuple[list[Correction], list[LoadIssue]]:
    """The corrections still in force: each `undo` row takes back the earlier correction whose key it names."""
    undone, issues, earlier = set(), [], set()
    for c in corrections:
        if c.field == "undo":
            if c.value in earlier:
                undone.add(c.value)
            else:
                issues.append(LoadIssue(CURATION_FILE, "warning", f"{_line(c)}undo names no earlier correction ({c.value!r}); not applied"))
        else:
            earlier.add(c.key)
    return [c for c in corrections if c.field != "undo" and c.key not in undone], issues


def sort_corrections(
    corrections: list[Correction], reference: Reference, rows: list[dict]
) -> tuple[list[Correction], set[str], list[tuple[str, str]], list[LoadIssue]]:
    """Valid field corrections, ids to keep apart, pairs to join, and a report line per invalid or undone row."""
    event_ids = {row["event_id"] for row in rows}
    article_ids = {row["article_id"] for row in rows}
    active, issues = active_corrections(corrections)
    fields, split, joined = [], set(), []
    for correction in active:
        try:
            problem = check(correction, reference, event_ids, article_ids)
        except Exception as exc:  # a row that cannot even be checked is reported like any other bad row
            problem = f"cannot be checked ({type(exc).__name__}: {exc})"
        if problem:
            issues.append(LoadIssue(CURATION_FILE, "warning", f"{_line(correction)}{problem}; not applied"))
        elif correction.field == "split":
            split.add(correction.value)
        elif correction.field == "merge":
            joined.append((resolve_target(correction.target_id, event_ids, article_ids), correction.value))
        else:
            fields.append(correction)
    return fields, split, joined, issues


def apply_corrections(rows: list[dict], corrections: list[Correction], reference: Reference) -> list[dict]:
    """Field corrections applied to (merged) events; each curated value notes what it replaced.

    A correction that fails to apply is left out (and reported: see `apply_each`)."""
    return apply_each(rows, corrections, reference)[0]


def apply_each(rows: list[dict], corrections: list[Correction], reference: Reference) -> tuple[list[dict], list[LoadIssue]]:
    """Field corrections applied one by one; one that fails leaves its event as it was, with a report line."""
    event_ids = {row["event_id"] for row in rows}
    article_ids = {row["article_id"] for row in rows}
    by_id = {}
    for index, row in enumerate(rows):
        for event_id in (*row["merged_event_ids"], row["event_id"]):  # an event's own id wins over a merged one
            by_id[event_id] = index
    rows = [dict(row) for row in rows]
    issues = []
    for c in corrections:
        index = by_id.get(resolve_target(c.target_id, event_ids, article_ids))
        if index is None:
            continue
        try:
            rows[index] = _applied(rows[index], c, reference)
        except Exception as exc:  # one bad row is reported and skipped, never fatal
            issues.append(LoadIssue(CURATION_FILE, "warning", f"{_line(c)}cannot be applied ({type(exc).__name__}: {exc}); not applied"))
    return rows, issues


def _applied(row: dict, c: Correction, reference: Reference) -> dict:
    """One event row with one correction applied (a new dict)."""
    row = dict(row)
    after = f" — {c.note}" if c.note else ""
    who = ", ".join(part for part in (c.timestamp, c.editor) if part)
    after += f" ({who})" if who else ""
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
    return row
