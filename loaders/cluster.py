"""Extraction on a Dask cluster, for corpora beyond one machine: the same pure per-article function, the reference tables
sent once to every worker. Nothing else needs Dask (requirements-dev.txt): it is imported here, and only when used.

    from distributed import Client
    from loaders import build_corpus
    from loaders.cluster import dask_runner
    corpus = build_corpus("articles/", runner=dask_runner(Client("tcp://scheduler:8786")))
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

from loaders.articles import Article
from loaders.events import Matchers, compile_matchers
from loaders.extraction import Extraction, Progress, Runner, chunked, extract_chunk, tables_key
from loaders.reference import Reference

CHUNK = 256  # articles a task: a few seconds of work, so the scheduler's cost per task stays small

_compiled: dict[str, Matchers] = {}  # in a worker: matchers by tables key (a worker serves one build's tables at a time)
_compiling = threading.Lock()  # a worker may run several tasks in threads


@dataclass(frozen=True)
class Tables:
    """What a worker needs to compile the build's matchers: sent to each worker once."""

    key: str
    reference: Reference
    landmarks: bool


def _matchers(tables: Tables) -> Matchers:
    with _compiling:
        if tables.key not in _compiled:
            _compiled.clear()
            _compiled[tables.key] = replace(compile_matchers(tables.reference, tables.landmarks), key=tables.key)
        return _compiled[tables.key]


def _work(articles: Sequence[Article], tables: Tables, today: dt.date) -> list[Extraction]:
    return extract_chunk(articles, _matchers(tables), today)


def dask_runner(client, chunk: int = CHUNK) -> Runner:
    """A runner that extracts on the cluster of a `distributed.Client`, in chunks of `chunk` articles."""

    def run(articles: Sequence[Article], matchers: Matchers, today: dt.date, progress: Progress | None = None) -> list[Extraction]:
        from distributed import as_completed

        tables = client.scatter(Tables(tables_key(matchers), matchers.reference, matchers.landmarks is not None), broadcast=True)
        chunks = chunked(articles, -(-len(articles) // chunk))
        futures = client.map(_work, chunks, tables=tables, today=today, pure=False)
        position = {future.key: n for n, future in enumerate(futures)}
        results: list[list[Extraction]] = [[] for _ in chunks]
        done = 0
        for future in as_completed(futures):
            n = position[future.key]
            results[n] = future.result()
            done += len(chunks[n])
            if progress:
                progress(done, len(articles))
        return [extraction for result in results for extraction in result]

    return run
