"""Command line: python -m loaders DIR [--out FILE.csv|FILE.parquet] [--workers N | --dask ADDRESS]."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

import pandas as pd

from loaders import build_corpus
from loaders.export import table_for_csv, write_table
from loaders.extraction import Runner, run_serial
from loaders.progress import after_delay, stderr_lines

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
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="extract in this many processes (default: the cores, for large folders)")
    where.add_argument("--dask", metavar="ADDRESS", help="extract on the Dask cluster whose scheduler is at ADDRESS (needs dask)")
    args = parser.parse_args(argv)
    try:
        corpus = build_corpus(args.directory, progress=after_delay(stderr_lines()), runner=runner(args))
    except (OSError, ValueError, ImportError) as exc:  # a missing folder, a bad option, Dask absent or unreachable
        print(f"error: {describe_error(exc)}", file=sys.stderr)
        return 2
    finally:
        if sys.stderr.isatty():
            print("\r\033[K", end="", file=sys.stderr)  # the progress line is done
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


def runner(args: argparse.Namespace) -> Runner | None:
    """Where the articles are extracted: as asked, else as the folder's size makes worth it."""
    if args.dask:
        from distributed import Client  # only this option needs Dask

        from loaders.cluster import dask_runner

        return dask_runner(Client(args.dask))
    if args.workers is None:
        return None
    if args.workers <= 1:
        return run_serial
    from loaders.pool import run_in_pool

    return partial(run_in_pool, size=args.workers)


if __name__ == "__main__":
    sys.exit(main())
