"""CSV cells a spreadsheet would run as formulas: neutralised on the way out, restored on the way back in.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice and Google
Sheets (CSV injection, OWASP). Every CSV the project writes prefixes such a cell with an apostrophe, which the
spreadsheet shows as text; the readers of our own CSV files take the apostrophe off again.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def neutralise_cell(value: str) -> str:
    """The cell with an apostrophe before a formula start (and before a typed apostrophe that precedes one, so that
    `restore_cell` gives back exactly what was typed); any other cell as it is."""
    guarded = value.startswith(FORMULA_STARTS) or (value.startswith(GUARD) and value.lstrip(GUARD).startswith(FORMULA_STARTS))
    return GUARD + value if guarded else value


def restore_cell(value: str) -> str:
    """A cell read back from our own CSV: the apostrophe `neutralise_cell` added taken off."""
    return value[1:] if value.startswith(GUARD) and value.lstrip(GUARD).startswith(FORMULA_STARTS) else value


def neutralise_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with every text cell neutralised (numbers and dates stay as they are)."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if pd.api.types.is_string_dtype(values) or values.dtype == object:
            safe[column] = values.map(lambda v: neutralise_cell(v) if isinstance(v, str) else v)
    return safe
