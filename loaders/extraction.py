"""Extracting many articles: one pure function per article, whose result is kept by the article's content and the
reference tables, and run here, in a pool of processes (loaders.pool) or on a Dask cluster (loaders.cluster)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from loaders.articles import Article, LoadIssue
from loaders.events import Matchers, extract_events
from loaders.schema import DATE_COLUMNS
from loaders.supported import unsupported_date

Progress = Callable[[int, int], None]  # (articles done, articles in all)
Runner = Callable[[Sequence[Article], Matchers, dt.date, Progress | None], list["Extraction"]]
CACHE_MB = 512  # default bound of the kept extractions ($EXTRACTION_CACHE_MB): about 60,000 articles


@dataclass(frozen=True)
class Extraction:
    """What one article gave: its event rows, or why it gave none (the report's "skipped" reason)."""

    rows: tuple[dict, ...] = ()
    error: str = ""


def row_problem(row: dict) -> str | None:
    """Why an extracted row cannot go into the table (a date outside the supported years), or None."""
    for column in DATE_COLUMNS:
        value = row.get(column)
        problem = unsupported_date(value) if value else None
        if problem:
            return f"{column} {problem}"
    return None


def extract_one(article: Article, matchers: Matchers, today: dt.date) -> Extraction:
    """Pure: the event rows of one article; an exception or a date outside the supported years becomes the error, and
    the article gives no rows (one bad article never stops a build)."""
    try:
        rows = tuple(extract_events(article, matchers, today))
        problem = next((p for p in map(row_problem, rows) if p), None)
    except Exception as exc:  # a bug met by one article's text must not stop the others
        return Extraction(error=f"extraction failed: {type(exc).__name__}: {exc}")
    return Extraction(error=problem) if problem else Extraction(rows)


def extract_chunk(articles: Sequence[Article], matchers: Matchers, today: dt.date) -> list[Extraction]:
    """The unit of work a worker runs: several articles, in order."""
    return [extract_one(article, matchers, today) for article in articles]


def chunked(articles: Sequence[Article], count: int) -> list[Sequence[Article]]:
    """Articles in at most `count` chunks of about equal size, in order."""
    length = max(1, math.ceil(len(articles) / max(1, count)))
    return [articles[i : i + length] for i in range(0, len(articles), length)]


def run_serial(articles: Sequence[Article], matchers: Matchers, today: dt.date, progress: Progress | None = None) -> list[Extraction]:
    """Extract in this process, one article after another."""
    done = []
    for article in articles:
        done.append(extract_one(article, matchers, today))
        if progress:
            progress(len(done), len(articles))
    return done


def tables_key(matchers: Matchers) -> str:
    """What names compiled matchers in caches and workers: the reference tables' fingerprint and the landmarks switch
    (a hash of the parsed tables for matchers compiled by hand)."""
    if matchers.key:
        return matchers.key
    return hashlib.sha256(pickle.dumps((matchers.reference, matchers.landmarks is not None))).hexdigest()[:16]


def extraction_key(article: Article, tables: str, today: dt.date) -> str:
    """Everything an article's rows depend on: its id, text, metadata and reading warnings, the tables and today."""
    digest = hashlib.sha256()
    for part in (tables, today.isoformat(), article.article_id, article.text, repr(sorted(article.meta.items())), *article.warnings):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


class ExtractionCache:
    """Extractions by key for the life of the process, the least recently used dropped beyond `max_bytes`.

    Kept pickled: the size is exact, and every build gets rows of its own (no caller can change what another gets).
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._kept: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()  # Streamlit's sessions build in threads of one process

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: str) -> Extraction | None:
        with self._lock:
            data = self._kept.get(key)
            if data is None:
                return None
            self._kept.move_to_end(key)
        return pickle.loads(data)

    def put(self, key: str, extraction: Extraction) -> None:
        data = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            old = self._kept.pop(key, None)
            self.size -= len(old) if old is not None else 0
            if len(data) > self.max_bytes:
                return
            self._kept[key] = data
            self.size += len(data)
            while self.size > self.max_bytes:
                self.size -= len(self._kept.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self.size = 0


CACHE = ExtractionCache(int(float(os.environ.get("EXTRACTION_CACHE_MB") or CACHE_MB) * 2**20))


def default_runner(count: int, matchers: Matchers) -> Runner:
    """A process pool when `count` articles are worth it on this machine, else this process."""
    from loaders import pool  # the pool module starts processes: only when asked

    return pool.run_in_pool if pool.worth_it(count, tables_key(matchers)) else run_serial


def extract_articles(
    articles: Sequence[Article],
    matchers: Matchers,
    progress: Progress | None = None,
    runner: Runner | None = None,
    today: dt.date | None = None,
    cache: bool = True,
) -> tuple[list[dict], list[LoadIssue]]:
    """The event rows of each article (one that fails is reported and skipped) and the warnings extraction adds.

    An article already extracted with these tables today is not extracted again (unless `cache` is False); the rest go
    to `runner` (default: a process pool for many articles, else this process)."""
    today = today or dt.date.today()
    tables = tables_key(matchers)
    kept_in = CACHE if cache else None
    keys = [extraction_key(article, tables, today) for article in articles] if kept_in is not None else []
    found = [kept_in.get(key) for key in keys] if kept_in is not None else [None] * len(articles)
    todo = [i for i, extraction in enumerate(found) if extraction is None]
    kept = len(articles) - len(todo)
    if progress:
        progress(kept, len(articles))
    if todo:
        run = runner or default_runner(len(todo), matchers)
        told = (lambda done, _: progress(kept + done, len(articles))) if progress else None
        for i, extraction in zip(todo, run([articles[i] for i in todo], matchers, today, told), strict=True):
            found[i] = extraction
            if kept_in is not None:
                kept_in.put(keys[i], extraction)
    rows, issues = [], []
    for article, extraction in zip(articles, found, strict=True):
        name = Path(article.path).name or article.article_id
        if extraction.error:
            issues.append(LoadIssue(name, "skipped", extraction.error))
            continue
        rows += extraction.rows
        known = set(article.warnings)  # already reported when the file was read
        issues += [LoadIssue(name, "warning", w) for w in extraction.rows[0]["warnings"] if w not in known]
    return rows, issues
