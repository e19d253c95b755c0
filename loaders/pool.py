"""Extraction in a pool of worker processes, sized to the machine's cores and started once per process and tables.

Workers are spawned (never forked: a fork of Streamlit's threaded server can inherit a held lock), compile the reference
tables once when they start, and then take chunks of articles. A build too small to pay for starting them stays serial.
"""

from __future__ import annotations

import atexit
import datetime as dt
import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace

from loaders.articles import Article
from loaders.events import Matchers, compile_matchers
from loaders.extraction import Extraction, Progress, chunked, extract_chunk, run_serial, tables_key
from loaders.reference import Reference

# Starting workers costs about 3 s (imports, compiling the tables) against about 4 ms an article serially: with two
# cores a cold pool pays off from about 2,000 articles, a running one from a few hundred.
COLD_MIN, WARM_MIN = 2_000, 300
CHUNKS_PER_WORKER = 16  # small enough chunks that the progress moves and the workers finish together

_lock = threading.Lock()  # one pooled extraction at a time (the builds would share the same cores anyway)
_pool: tuple[str, int, ProcessPoolExecutor] | None = None
_compiled: Matchers | None = None  # in a worker: the matchers it compiled when it started


def workers() -> int:
    """Worker processes: $LOADERS_WORKERS when set (1: never a pool), else the cores this process may run on."""
    if os.environ.get("LOADERS_WORKERS", "").strip():
        return max(1, int(os.environ["LOADERS_WORKERS"]))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worth_it(count: int, key: str) -> bool:
    """Whether `count` articles are worth a pool: more than one core, and enough articles for a cold or a running pool."""
    running = _pool is not None and _pool[0] == key
    return workers() > 1 and count >= (WARM_MIN if running else COLD_MIN)


def _start(key: str, reference: Reference, landmarks: bool) -> None:
    """A worker's initializer: compile the tables once."""
    global _compiled
    _compiled = replace(compile_matchers(reference, landmarks), key=key)


def _work(key: str, articles: Sequence[Article], today: dt.date) -> list[Extraction]:
    if _compiled is None or _compiled.key != key:  # never extract with other tables than the build's
        raise RuntimeError(f"a worker of other tables was asked for {key!r}")
    return extract_chunk(articles, _compiled, today)


def _executor(key: str, matchers: Matchers, size: int) -> ProcessPoolExecutor:
    """The pool for these tables: the running one, or a new one (the old one shut down)."""
    global _pool
    if _pool is not None and _pool[:2] == (key, size):
        return _pool[2]
    shutdown()
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        size, mp_context=context, initializer=_start, initargs=(key, matchers.reference, matchers.landmarks is not None)
    )
    _pool = (key, size, executor)
    return executor


@contextmanager
def _main_hidden() -> Iterator[None]:
    """While workers are spawned, a `__main__` with no file: a spawned process imports its parent's main script first.

    Under `streamlit run`, Streamlit installs the app's script (dashboard.py) as `__main__` while a page runs, so each
    worker ran the whole page, whose own build could not start a pool there, and the worker died before reading the rest
    of its start-up data (the pickled reference tables, more than a pipe holds): the server's write of it then waited
    forever and the page never drew (a corpus of 2,000+ articles). The workers need nothing from `__main__`: their
    functions live here. Another thread may install its own `__main__` meanwhile: that one is kept.
    """
    main = sys.modules.get("__main__")
    bare = sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if sys.modules.get("__main__") is bare and main is not None:
            sys.modules["__main__"] = main


def shutdown() -> None:
    """Stop the workers (at exit, or when the tables change)."""
    global _pool
    if _pool is not None:
        _pool[2].shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown)


def run_in_pool(
    articles: Sequence[Article], matchers: Matchers, today: dt.date, progress: Progress | None = None, size: int | None = None
) -> list[Extraction]:
    """Extract in worker processes, chunk by chunk, in the articles' order; if the pool breaks, the rest serially."""
    size = size or workers()
    key = tables_key(matchers)
    chunks = chunked(articles, size * CHUNKS_PER_WORKER)
    results: list[list[Extraction] | None] = [None] * len(chunks)
    with _lock:
        try:
            executor = _executor(key, matchers, size)
            with _main_hidden():  # the workers are spawned as the first chunks are submitted
                pending = {executor.submit(_work, key, chunk, today): n for n, chunk in enumerate(chunks)}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    results[pending.pop(future)] = future.result()
                if progress:
                    progress(sum(len(chunks[n]) for n, r in enumerate(results) if r is not None), len(articles))
        except BrokenProcessPool:  # a worker died (out of memory, killed): what is left is extracted here
            shutdown()
    for n, chunk in enumerate(chunks):
        results[n] = results[n] if results[n] is not None else run_serial(chunk, matchers, today)
    return [extraction for chunk in results for extraction in chunk]
