"""Policy types from the substance of the event: where phrases stand, and what the sentence says about them."""

import pytest

from loaders.candidates import find_candidates
from loaders.layout import segment
from loaders.taxonomy import classify_policies
from tests.conftest import read_cases

CASES = read_cases("policies.csv")


def _types(matchers, text):
    layout = segment(text, find_candidates(text), matchers.chrome)
    return classify_policies(text, layout, matchers.taxonomy)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_policy_types(matchers, case):
    result = _types(matchers, case["text"].replace("\\n", "\n"))
    assert list(result.types) == case["types"].split(";")


def test_every_type_comes_with_the_phrases_that_triggered_it(matchers):
    result = _types(
        matchers, "Deportation flights resume\n\nThe United States resumed deportation flights to Honduras on Monday, with 120 deportees."
    )
    assert result.types == ("returns",)
    assert all(e.startswith("returns: ") for e in result.evidence)
    assert "returns: deportation" in result.evidence


def test_nothing_found_is_empty_not_an_error(matchers):
    assert _types(matchers, "Weather\n\nIt rained all day in the capital.").types == ()
