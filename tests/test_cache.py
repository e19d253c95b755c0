"""The cache's garbage-collection settling: what exists at a build is exempt from Streamlit's collection after every
run, what a run creates later is still collected, and a second build lets the first one's garbage go."""

from __future__ import annotations

import gc
import weakref

import pytest

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
