"""The direction of an event read from its verbs (loaders.direction), from the case table tests/cases/direction.csv."""

from __future__ import annotations

import pytest

from loaders.direction import direction_counts, read_direction
from loaders.lexicon import Lexicon
from tests.conftest import read_cases

CASES = read_cases("direction.csv")


@pytest.fixture(scope="module")
def lexicon(reference):
    return Lexicon.from_reference(reference)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_the_direction_of_a_text(lexicon, case):
    assert read_direction([case["text"]], lexicon) == case["direction"], case["why"]


def test_both_directions_appear_in_the_cases():
    assert {c["direction"] for c in CASES} == {"pressure", "cooperation", "mixed", ""}


@pytest.mark.parametrize(
    ("texts", "direction"),
    [
        (["Harris meets López Obrador", "The two agreed to expand work visas", "They cut aid"], "cooperation"),
        (["", "US halts aid to Honduras"], "pressure"),
        (["Harris meets López Obrador", "Nothing tells here"], ""),
        ([], ""),
    ],
)
def test_the_first_text_with_a_direction_decides(lexicon, texts, direction):
    assert read_direction(texts, lexicon) == direction


def test_an_undoing_is_masked_before_the_verbs_are_counted(lexicon):
    assert direction_counts("the US lifts sanctions", lexicon) == {"pressure": 0, "cooperation": 1}, "not 'sanctions' the verb"
    assert direction_counts("the US sanctions officials", lexicon) == {"pressure": 1, "cooperation": 0}
