"""The public face of the loaders: article files in, a validated event table out.

from loaders import load_events
events = load_events("data/articles")
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders.articles import ARTICLES_DIR, Article, LoadIssue, corpus_fingerprint, read_articles
from loaders.curation import Correction, apply_each, curation_path, read_curation, sort_corrections
from loaders.events import build_table, compile_matchers, describe_candidates, review_reasons
from loaders.extraction import Runner, extract_articles, run_serial
from loaders.merge import merge_events
from loaders.progress import Report, quiet
from loaders.reference import REFERENCE_DIR, read_reference, reference_fingerprint
from loaders.schema import COLUMNS, LIST_COLUMNS, validate_events

__all__ = [
    "COLUMNS",
    "LIST_COLUMNS",
    "Corpus",
    "LoadIssue",
    "assemble_corpus",
    "build_corpus",
    "data_version",
    "date_candidates",
    "default_articles_dir",
    "extract_articles",
    "load_events",
    "main_event",
    "matchers_for",
    "validate_events",
]
EXTRACTING = "Extracting events"


@dataclass(frozen=True)
class Corpus:
    """The event table, the articles it came from (by id), and what went wrong on the way."""

    events: pd.DataFrame
    articles: dict[str, Article] = field(default_factory=dict)
    issues: tuple[LoadIssue, ...] = ()
    version: str = ""
    corrections: tuple[Correction, ...] = ()  # the curation file's rows as read for this table (undone ones too)


def default_articles_dir() -> Path:
    """The corpus folder: $ARTICLES_DIR when set, else the bundled data/articles/."""
    return Path(os.environ.get("ARTICLES_DIR") or ARTICLES_DIR)


def data_version(
    articles_dir: Path | str | None = None, reference_dir: Path | str = REFERENCE_DIR, curation: Path | str | None = None
) -> str:
    """A short hash of the corpus, the reference tables and the curation file: cite it with anything exported."""
    path = Path(curation or curation_path())
    curated = hashlib.sha256(path.read_bytes()).hexdigest()[:4] if path.is_file() else "0000"
    return f"{corpus_fingerprint(articles_dir or default_articles_dir())[:6]}{reference_fingerprint(reference_dir)[:6]}{curated}"


@lru_cache(maxsize=4)
def _matchers(reference_dir: str, fingerprint: str, landmarks: bool | None = None):
    """The compiled reference tables, rebuilt only when a table changes (the fingerprint is the cache key)."""
    return replace(compile_matchers(read_reference(reference_dir), landmarks), key=f"{fingerprint}:{landmarks}")


def matchers_for(reference_dir: Path | str = REFERENCE_DIR, landmarks: bool | None = None):
    """The compiled reference tables of a folder (cached until a table changes)."""
    return _matchers(str(Path(reference_dir).resolve()), reference_fingerprint(reference_dir), landmarks)


def extract_rows(article: Article, matchers) -> tuple[list[dict], list[LoadIssue]]:
    """One article's event rows and report lines, extracted here and now (loaders.extraction.extract_one says when an
    article gives no rows and one "skipped" line instead)."""
    return extract_articles([article], matchers, runner=run_serial, cache=False)


def apply_curation(rows: list[dict], corrections: list[Correction], reference) -> tuple[list[dict], list[LoadIssue]]:
    """The rows merged and corrected as the curation file says, with their review reasons; a report line for every
    row of the file that was not applied (invalid, undone or failing)."""
    fields, apart, joined, rejected = sort_corrections(corrections, reference, rows)
    rows, failed = apply_each(merge_events(rows, apart, joined), fields, reference)
    return [{**row, "review_reasons": review_reasons(row)} for row in rows], rejected + failed


def build_corpus(
    articles_dir: Path | str | None = None,
    reference_dir: Path | str = REFERENCE_DIR,
    curation: Path | str | None = None,
    landmarks: bool | None = None,
    progress: Report = quiet,
    runner: Runner | None = None,
) -> Corpus:
    """Read a folder of articles, the reference tables and the curation file; extract, merge, correct, validate.
    `landmarks` turns landmark evidence on or off (default: the `landmark_evidence` setting); `progress` is told each
    step; `runner` extracts the articles not extracted before (default: a process pool for many, else this process).

    One article or one correction that fails is reported and left out; it never stops the load.
    """
    articles_dir = Path(articles_dir or default_articles_dir())
    version = data_version(articles_dir, reference_dir, curation)  # before reading: a change meanwhile means a rebuild
    matchers = matchers_for(reference_dir, landmarks)
    progress(0, 0, "Reading the article files")
    articles, issues = read_articles(articles_dir)
    rows, extracted = extract_articles(articles, matchers, lambda done, total: progress(done, total, EXTRACTING), runner)
    progress(0, 0, "Merging reports of one event and checking the table")
    return assemble_corpus(rows, articles, [*issues, *extracted], matchers, curation, version)


def assemble_corpus(
    rows: list[dict], articles: list[Article], issues: list[LoadIssue], matchers, curation: Path | str | None, version: str
) -> Corpus:
    """Extracted rows -> the corpus: merged, corrected by the curation file, flagged for review, validated."""
    corrections, curation_issues = read_curation(curation)
    rows, not_applied = apply_curation(rows, corrections, matchers.reference)
    return Corpus(
        events=build_table(rows),
        articles={a.article_id: a for a in articles},
        issues=tuple([*issues, *curation_issues, *not_applied]),
        version=version,
        corrections=tuple(corrections),
    )


def date_candidates(article: Article, reference_dir: Path | str = REFERENCE_DIR) -> list[dict]:
    """Every date-like span of an article with how the loader read it (for reviewing a date): text, offset,
    zone of the page, role (event, referenced, dateline, chrome...), tense and what it says (year, month, day)."""
    return describe_candidates(article, matchers_for(reference_dir))


def find_event(events: pd.DataFrame, event_id: str) -> pd.Series | None:
    """The row of an event id, or of the event it was merged into."""
    if not event_id:
        return None
    hits = events[(events["event_id"] == event_id) | events["merged_event_ids"].map(lambda ids: event_id in ids)]
    return None if hits.empty else hits.iloc[0]


def main_event(events: pd.DataFrame, article_id: str) -> pd.Series | None:
    """The row of an article's main event (itself, or the merged event that now includes it)."""
    return find_event(events, f"{article_id}-0")


def load_events(articles_dir: Path | str | None = None) -> pd.DataFrame:
    """The validated event table of a folder of articles (default: $ARTICLES_DIR or data/articles/)."""
    return build_corpus(articles_dir).events
