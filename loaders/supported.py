"""The dates the loaders accept anywhere (front matter, curation file): 1900-01-01 to 2100-12-31.

pandas, the schema and the charts handle every date in this window; a typo such as 2919-07-26 or 0019-07-26 is
refused where it enters, with the reason, instead of failing the whole table later.
"""

from __future__ import annotations

import datetime as dt

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
WINDOW_WORDS = f"{EARLIEST_DATE.year}–{LATEST_DATE.year}"


def unsupported_date(day: dt.date) -> str | None:
    """Why a date (or datetime, or pandas Timestamp) is outside the supported window, or None when it is inside."""
    day = dt.date(day.year, day.month, day.day)
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return f"{day.isoformat()} is outside the supported years {WINDOW_WORDS}"
