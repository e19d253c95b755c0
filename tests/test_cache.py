"""The cache: garbage-collection settling (what exists at a build is exempt from Streamlit's collection after every
run, what a run creates later is still collected, and a second build lets the first one's garbage go), and the last
good table served when a rebuild fails."""

from __future__ import annotations

import gc
import shutil
import weakref

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SEED_DIR
from tests.test_app import HOME, open_app
from ui import cache
from ui.cache import settle_long_lived


class Node:
    """An object that can sit in a reference cycle (only the cyclic collector frees it)."""

    def __init__(self) -> None:
        self.partner: Node | None = None


def cycle() -> weakref.ref:
    """A two-object cycle with no outside reference, and a weak reference to watch it go."""
    a, b = Node(), Node()
    a.partner, b.partner = b, a
    return weakref.ref(a)


@pytest.fixture(autouse=True)
def unfrozen():
    gc.unfreeze()  # earlier tests built datasets, which froze the heap
    yield
    gc.unfreeze()


def test_what_lives_at_a_build_is_frozen_and_later_garbage_still_collected():
    kept = [Node() for _ in range(100)]
    assert gc.get_freeze_count() == 0
    settle_long_lived()
    assert gc.get_freeze_count() >= len(kept)
    gone = cycle()
    gc.collect()
    assert gone() is None, "a cycle made after the build is collected"


def test_a_later_build_collects_garbage_frozen_by_an_earlier_one():
    gc.disable()
    try:
        frozen = cycle()  # garbage at the first build, frozen with everything else
        gc.freeze()
        gc.collect()
        assert frozen() is not None, "a frozen cycle outlives a collection"
        settle_long_lived()
        assert frozen() is None, "the next build unfreezes and collects it"
    finally:
        gc.enable()


def test_a_failed_rebuild_serves_the_last_good_table_with_a_banner(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(SEED_DIR, folder)
    curation = tmp_path / "curation.csv"
    monkeypatch.setenv("ARTICLES_DIR", str(folder))
    monkeypatch.setenv("CURATION_PATH", str(curation))
    at = open_app(HOME)
    good = next(m for m in at.metric if m.label == "Events").value
    assert not at.warning
    built = []

    def broken(articles_dir, progress=None):
        built.append(articles_dir)
        raise RuntimeError("a reference table broke")

    monkeypatch.setattr(cache, "build_dataset", broken)
    (folder / "000_95cf9caf70308b62.txt").write_text("Officials met on Tuesday.\n", encoding="utf-8")  # a new data version
    at.run()
    assert not at.exception and next(m for m in at.metric if m.label == "Events").value == good, "the last good table"
    (banner,) = at.warning
    assert banner.value.startswith("Showing the event table as it was at data version") and "(RuntimeError)" in banner.value
    assert str(tmp_path) not in banner.value and "reference table broke" not in banner.value, "no server path, no error text"
    at.run()
    assert len(built) == 1, "a version that failed is not rebuilt on every rerun"


def test_a_first_build_that_fails_says_so_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "build_dataset", lambda articles_dir, progress=None: 1 / 0)
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The event table could not be built, so there is nothing to show yet. The server log says why."]


def test_the_progress_bar_is_redrawn_only_when_its_step_or_whole_percent_changes():
    from ui.cache import progress_bar

    class Slot:
        def __init__(self) -> None:
            self.drawn: list[tuple[float, str]] = []

        def progress(self, value: float, text: str) -> None:
            self.drawn.append((value, text))

    slot = Slot()
    draw = progress_bar(slot)
    draw(0, 0, "Reading the article files")
    for done in range(1, 1001):
        draw(done, 1000, "Extracting events")
    draw(0, 0, "Merging")
    assert len(slot.drawn) == 1 + 101 + 1, "the first step, 0% to 100% of the second, the third"
    assert slot.drawn[0] == (0.0, "Reading the article files…")
    assert slot.drawn[-2] == (1.0, "Extracting events: 1,000 of 1,000 articles (100%)")
    assert slot.drawn[-1] == (1.0, "Merging…"), "a step not counted in articles keeps the bar where it was"


def test_the_dashboard_builds_in_a_spawned_pool_from_its_script_thread(tmp_path, monkeypatch):
    """Streamlit runs a page in a thread of the server: the pool is spawned from there and gives the serial table."""
    import shutil

    import pandas as pd
    from streamlit.testing.v1 import AppTest

    from loaders import build_corpus, extraction, pool
    from loaders.extraction import ExtractionCache, run_serial
    from tests.conftest import CORPUS_DIR, ROOT
    from ui.cache import load_dataset

    for path in CORPUS_DIR.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    monkeypatch.setenv("LOADERS_WORKERS", "2")
    monkeypatch.setattr(pool, "COLD_MIN", 1)
    monkeypatch.setattr(extraction, "CACHE", ExtractionCache(2**26))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    try:
        assert not app.exception and pool._pool is not None, "the page's build ran in the pool"
    finally:
        pool.shutdown()
    shown = load_dataset().corpus.events.sort_values("event_id").reset_index(drop=True)
    serial = build_corpus(tmp_path, runner=run_serial).events.sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(shown, serial)
