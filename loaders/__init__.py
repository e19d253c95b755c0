"""The public face of the loaders: article files in, a validated event table out.

from loaders import load_events
events = load_events("data/articles")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders.articles import ARTICLES_DIR, Article, LoadIssue, corpus_fingerprint, read_articles
from loaders.events import build_table, compile_matchers, extract_article
from loaders.reference import REFERENCE_DIR, read_reference, reference_fingerprint
from loaders.schema import COLUMNS, LIST_COLUMNS, validate_events

__all__ = [
    "COLUMNS",
    "LIST_COLUMNS",
    "Corpus",
    "LoadIssue",
    "build_corpus",
    "data_version",
    "default_articles_dir",
    "load_events",
    "validate_events",
]


@dataclass(frozen=True)
class Corpus:
    """The event table, the articles it came from (by id), and what went wrong on the way."""

    events: pd.DataFrame
    articles: dict[str, Article] = field(default_factory=dict)
    issues: tuple[LoadIssue, ...] = ()
    version: str = ""


def default_articles_dir() -> Path:
    """The corpus folder: $ARTICLES_DIR when set, else the bundled data/articles/."""
    return Path(os.environ.get("ARTICLES_DIR") or ARTICLES_DIR)


def data_version(articles_dir: Path | str | None = None, reference_dir: Path | str = REFERENCE_DIR) -> str:
    """A short hash of the corpus and the reference tables: cite it with anything exported."""
    return f"{corpus_fingerprint(articles_dir or default_articles_dir())[:6]}{reference_fingerprint(reference_dir)[:6]}"


@lru_cache(maxsize=4)
def _matchers(reference_dir: str, fingerprint: str):
    """The compiled reference tables, rebuilt only when a table changes (the fingerprint is the cache key)."""
    return compile_matchers(read_reference(reference_dir))


def build_corpus(articles_dir: Path | str | None = None, reference_dir: Path | str = REFERENCE_DIR) -> Corpus:
    """Read a folder of articles and the reference tables; extract, validate and report."""
    articles_dir = Path(articles_dir or default_articles_dir())
    matchers = _matchers(str(Path(reference_dir).resolve()), reference_fingerprint(reference_dir))
    articles, issues = read_articles(articles_dir)
    rows = []
    issues = list(issues)
    for article in articles:
        try:
            row = extract_article(article, matchers)
        except Exception as exc:  # one bad article must never stop the load
            issues.append(
                LoadIssue(Path(article.path).name or article.article_id, "skipped", f"extraction failed: {type(exc).__name__}: {exc}")
            )
            continue
        rows.append(row)
        name = Path(article.path).name or article.article_id
        known = {i.reason for i in issues if i.file == name}
        issues += [LoadIssue(name, "warning", w) for w in row["warnings"] if w not in known]
    return Corpus(
        events=build_table(rows),
        articles={a.article_id: a for a in articles},
        issues=tuple(issues),
        version=data_version(articles_dir, reference_dir),
    )


def load_events(articles_dir: Path | str | None = None) -> pd.DataFrame:
    """The validated event table of a folder of articles (default: $ARTICLES_DIR or data/articles/)."""
    return build_corpus(articles_dir).events
