"""Write the event table: CSV with list values joined by ';', JSON with real lists, or Parquet.

A CSV cell that a spreadsheet would run as a formula is neutralised (loaders/spreadsheet.py). A file is written
beside its target and renamed over it, so a failed or killed write leaves the previous output whole.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pandas as pd

from loaders.files import write_atomic
from loaders.schema import DATE_COLUMNS, LIST_COLUMNS
from loaders.spreadsheet import neutralise_table

LIST_SEPARATOR = ";"


def table_for_csv(events: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with ';' and dates as YYYY-MM-DD, ready for CSV or a plain-text view."""
    flat = events.copy()
    for column in flat.columns:
        if column in LIST_COLUMNS:
            flat[column] = flat[column].map(lambda values: LIST_SEPARATOR.join(str(v) for v in values))
        elif column in DATE_COLUMNS:
            flat[column] = flat[column].dt.strftime("%Y-%m-%d").fillna("")
    return flat


def table_to_csv(events: pd.DataFrame) -> str:
    """The table as CSV text, as every CSV download and output holds it: lists joined, formula-like cells neutralised."""
    return neutralise_table(table_for_csv(events)).to_csv(index=False)


def table_to_json(events: pd.DataFrame) -> str:
    """A JSON array of events, lists kept as lists and dates as YYYY-MM-DD (null when unknown)."""
    records = []
    for record in events.to_dict(orient="records"):
        for column in DATE_COLUMNS:
            if column in record:
                value = record[column]
                record[column] = None if pd.isna(value) else value.strftime("%Y-%m-%d")
        records.append({k: (int(v) if hasattr(v, "item") and not isinstance(v, str) else v) for k, v in record.items()})
    return json.dumps(records, ensure_ascii=False, indent=1)


def write_table(events: pd.DataFrame, path: Path | str) -> None:
    """Write the table by the file's extension (.csv, .parquet or .json), in one rename (see the module's note)."""
    path = Path(path)
    suffix = path.suffix.lower()
    writers = {
        ".csv": lambda temporary: temporary.write_text(table_to_csv(events), encoding="utf-8", newline=""),
        ".parquet": lambda temporary: events.to_parquet(temporary, index=False),
        ".json": lambda temporary: temporary.write_text(table_to_json(events), encoding="utf-8"),
    }
    if suffix not in writers:
        raise ValueError(f"unknown output format {suffix!r}: use .csv, .parquet or .json")
    if path.parent.exists() and not path.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "its folder is a file", str(path.parent))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, writers[suffix])
