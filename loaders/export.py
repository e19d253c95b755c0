"""Write the event table: CSV with list values joined by ';', JSON with real lists, or Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from loaders.schema import DATE_COLUMNS, LIST_COLUMNS

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
    """Write the table by the file's extension (.csv, .parquet or .json)."""
    path = Path(path)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        table_for_csv(events).to_csv(path, index=False)
    elif suffix == ".parquet":
        events.to_parquet(path, index=False)
    elif suffix == ".json":
        path.write_text(table_to_json(events), encoding="utf-8")
    else:
        raise ValueError(f"unknown output format {suffix!r}: use .csv, .parquet or .json")
