"""Command line: python -m loaders DIR [--out FILE.csv|FILE.parquet]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from loaders import build_corpus
from loaders.export import table_for_csv, write_table

PREVIEW_COLUMNS = ["event_id", "date", "date_precision", "date_confidence", "us_administration", "countries", "policy_types", "title"]


def describe_error(exc: Exception, name_file: bool = True) -> str:
    """An error in one line, without a traceback: the system's words for a file error ('Permission denied')."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f" ({exc.filename})" if exc.filename and name_file else "")
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    """Build the event table of a folder, print a summary and every file skipped or warned about."""
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Build the event table from a folder of article files.")
    parser.add_argument(
        "directory", nargs="?", default=None, help="folder of .txt, .md, .html or .htm articles (default: $ARTICLES_DIR or data/articles)"
    )
    parser.add_argument("--out", type=Path, help="write the table to this .csv or .parquet file")
    args = parser.parse_args(argv)
    try:
        corpus = build_corpus(args.directory)
    except (OSError, ValueError) as exc:
        print(f"error: {describe_error(exc)}", file=sys.stderr)
        return 2
    events = corpus.events
    skipped = [i for i in corpus.issues if i.status == "skipped"]
    dated = int(events["date"].notna().sum())
    high = int((events["date_confidence"] == "high").sum())
    main = int((events["role"] == "primary").sum())
    print(
        f"{len(events)} events ({main} main, {len(events) - main} referenced) from {len(corpus.articles)} articles "
        f"({len(skipped)} files skipped); {dated} dated, {high} with high confidence; data version {corpus.version}"
    )
    for issue in corpus.issues:
        print(f"{issue.status}: {issue.file}: {issue.reason}")
    if args.out:
        try:
            write_table(events, args.out)
        except (OSError, ValueError) as exc:
            print(f"error: cannot write {args.out}: {describe_error(exc, name_file=False)}", file=sys.stderr)
            return 2
        print(f"wrote {args.out}")
    else:
        with pd.option_context("display.width", 200, "display.max_colwidth", 60, "display.max_rows", 200):
            print(table_for_csv(events[PREVIEW_COLUMNS]).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
