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

    def broken(articles_dir):
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
    monkeypatch.setattr(cache, "build_dataset", lambda articles_dir: 1 / 0)
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The event table could not be built, so there is nothing to show yet. The server log says why."]
