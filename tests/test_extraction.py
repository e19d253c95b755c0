"""Extraction of many articles: kept per article by its content and the tables, so a correction or a new file redoes
only what it touches; a process pool and a Dask cluster give the table one process gives."""

from __future__ import annotations

import shutil
import sys
import types
from dataclasses import replace

import pandas as pd
import pytest

from loaders import build_corpus, extraction, matchers_for, pool
from loaders.articles import read_articles
from loaders.extraction import ExtractionCache, extract_articles, run_serial
from tests.conftest import CORPUS_DIR, ROOT, SEED_DIR

REAL_DIR = ROOT / "tests" / "corpus" / "real" / "articles"


class Counting:
    """A runner that extracts in this process and remembers which articles it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, articles, matchers, today, progress=None):
        self.seen += [a.article_id for a in articles]
        return run_serial(articles, matchers, today, progress)


@pytest.fixture
def cache(monkeypatch):
    """A cache of this test's own."""
    fresh = ExtractionCache(64 * 2**20)
    monkeypatch.setattr(extraction, "CACHE", fresh)
    return fresh


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "articles"
    copy.mkdir()
    for path in [*SEED_DIR.glob("*.txt"), *sorted(CORPUS_DIR.glob("*.txt"))[:8]]:
        shutil.copy(path, copy / path.name)
    return copy


def table(corpus) -> pd.DataFrame:
    """The whole event table in a fixed order."""
    return corpus.events.sort_values("event_id").reset_index(drop=True)


def test_a_correction_extracts_nothing_again_and_gives_the_table_of_a_fresh_build(folder, tmp_path, cache):
    curation = tmp_path / "curation.csv"
    first, counting = Counting(), Counting()
    build_corpus(folder, curation=curation, runner=first)
    assert len(first.seen) == 13
    curation.write_text("target_id,field,value,note,timestamp\n000_95cf9caf70308b62-0,date,2018-07-11,,\n", encoding="utf-8")
    corrected = build_corpus(folder, curation=curation, runner=counting)
    assert counting.seen == []
    cache.clear()
    pd.testing.assert_frame_equal(table(corrected), table(build_corpus(folder, curation=curation, runner=Counting())))
    assert corrected.issues == build_corpus(folder, curation=curation).issues


def test_a_new_or_changed_file_is_the_only_one_extracted(folder, tmp_path, cache):
    build_corpus(folder, runner=Counting())
    shutil.copy(sorted(CORPUS_DIR.glob("*.txt"))[10], folder / "added.txt")
    changed = sorted(folder.glob("dev_*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe talks resume next week.\n", encoding="utf-8")
    counting = Counting()
    build_corpus(folder, runner=counting)
    assert sorted(counting.seen) == sorted(["added", changed.stem])


def test_other_tables_or_another_day_extract_again(folder, cache):
    articles, _ = read_articles(folder)
    matchers = matchers_for()
    extract_articles(articles, matchers, runner=Counting())
    for other in (replace(matchers, key=matchers.key + "x"), matchers_for(landmarks=False)):
        counting = Counting()
        extract_articles(articles, other, runner=counting)
        assert len(counting.seen) == len(articles)
    counting = Counting()
    extract_articles(articles, matchers, runner=counting, today=pd.Timestamp("2030-01-01").date())
    assert len(counting.seen) == len(articles)


def test_kept_rows_are_copies_a_caller_cannot_change(folder, cache):
    articles, _ = read_articles(folder)
    rows, _ = extract_articles(articles, matchers_for())
    again, _ = extract_articles(articles, matchers_for(), runner=Counting())
    assert again == rows
    rows[0]["countries"].append("XXX")
    assert extract_articles(articles, matchers_for())[0][0]["countries"] == again[0]["countries"]


def test_the_cache_is_bounded_and_drops_the_least_recently_used():
    small = ExtractionCache(max_bytes=600)
    rows = ({"event_id": "x" * 100},)
    for key in "abcd":
        small.put(key, extraction.Extraction(rows))
    assert small.size <= 600 and len(small) < 4 and small.get("d") is not None and small.get("a") is None
    small.get("b") if small.get("b") else None
    small.put("e", extraction.Extraction(rows))
    assert small.get("e") is not None and small.size <= 600


def test_a_failing_article_is_reported_and_its_failure_kept(cache, monkeypatch):
    from loaders.articles import Article

    def broken(article, matchers, today):
        raise ValueError("no")

    monkeypatch.setattr(extraction, "extract_events", broken)
    rows, issues = extract_articles([Article("bad", "text", path="bad.txt")], matchers_for())
    assert rows == [] and [(i.file, i.status, i.reason) for i in issues] == [("bad.txt", "skipped", "extraction failed: ValueError: no")]


@pytest.fixture(scope="module")
def every_corpus(tmp_path_factory):
    """The seeds, the team-written corpus and the real excerpts in one folder (84 articles, several merges)."""
    folder = tmp_path_factory.mktemp("all")
    for source in (SEED_DIR, CORPUS_DIR, REAL_DIR):
        for path in source.glob("*.txt"):
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def serial_table(every_corpus):
    corpus = build_corpus(every_corpus, runner=run_serial)
    return corpus, table(corpus)


def test_a_process_pool_gives_the_table_one_process_gives(every_corpus, serial_table, cache):
    seen = []
    corpus = build_corpus(every_corpus, runner=lambda *args: seen.append(1) or pool.run_in_pool(*args, size=2))
    try:
        assert seen and pool._pool is not None and pool._pool[1] == 2, "the pool ran"
    finally:
        pool.shutdown()
    pd.testing.assert_frame_equal(table(corpus), serial_table[1])
    assert corpus.issues == serial_table[0].issues


def test_pool_workers_do_not_run_the_main_script(every_corpus, serial_table, cache, tmp_path, monkeypatch):
    """Under `streamlit run` the app's script is `__main__` while a page runs; spawned workers imported it first, ran the
    whole page, died, and left the server waiting on them for ever. Here a `__main__` script leaves a mark when run."""
    mark = tmp_path / "ran"
    script = tmp_path / "app.py"
    script.write_text(f"import pathlib\npathlib.Path({str(mark)!r}).write_text('ran')\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    pool.shutdown()  # new workers are spawned for this build
    try:
        corpus = build_corpus(every_corpus, runner=lambda *args: pool.run_in_pool(*args, size=2))
        assert pool._pool is not None, "the pool ran"
    finally:
        pool.shutdown()
    assert not mark.exists(), "a worker ran the parent's main script"
    assert sys.modules["__main__"] is main, "the parent's __main__ is put back"
    pd.testing.assert_frame_equal(table(corpus), serial_table[1])


def test_small_corpora_stay_serial_and_the_pool_is_sized_by_cores(monkeypatch):
    monkeypatch.delenv("LOADERS_WORKERS", raising=False)
    assert pool.workers() >= 1
    assert not pool.worth_it(50, "k")
    monkeypatch.setenv("LOADERS_WORKERS", "1")
    assert not pool.worth_it(10**6, "k")
    monkeypatch.setenv("LOADERS_WORKERS", "2")
    assert pool.workers() == 2 and pool.worth_it(pool.COLD_MIN, "k") and not pool.worth_it(pool.COLD_MIN - 1, "k")


@pytest.mark.parametrize("processes", [True, False], ids=["processes", "threads"])
def test_a_dask_local_cluster_gives_the_table_one_process_gives(every_corpus, serial_table, cache, processes):
    distributed = pytest.importorskip("distributed")
    from loaders.cluster import dask_runner

    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        done = []
        corpus = build_corpus(every_corpus, runner=dask_runner(client, chunk=10), progress=lambda *step: done.append(step))
        assert sum(client.run(lambda: 1).values()) == 2, "two workers took part"
    pd.testing.assert_frame_equal(table(corpus), serial_table[1])
    assert corpus.issues == serial_table[0].issues
    counts = [d for d, total, doing in done if doing == "Extracting events" and total]
    assert counts[-1] == len(corpus.articles) and len(counts) > 2


def test_an_article_past_the_mention_cap_says_how_many_dates_went_unread():
    from loaders.articles import Article
    from loaders.events import extract_events
    from loaders.mentions import MAX_MENTIONS

    days = " ".join(f"May {1 + n % 28}, {2018 + n % 6}." for n in range(MAX_MENTIONS + 25))
    listing = Article("calendar", f"Calendar of hearings\n\nOfficials met in Mexico City.\n\n{days}\n", path="calendar.txt")
    warned = [w for w in extract_events(listing, matchers_for())[0]["warnings"] if "unread" in w]
    assert warned and f"{MAX_MENTIONS:,} date mentions were read" in warned[0] and "25 more" in warned[0]
    story = Article("story", "Talks\n\nOn Monday, May 6, 2019, officials met in Mexico City.\n", path="story.txt")
    assert not [w for w in extract_events(story, matchers_for())[0]["warnings"] if "unread" in w]
