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


def _visits(count: int) -> str:
    """Filler sentences about a visit, with no policy words, each one different."""
    return " ".join(f"On stop {n} of the tour the delegation saw a school, a clinic and a market in district {n}." for n in range(count))


def test_the_lead_ends_after_its_first_characters(matchers):
    early = f"Talks in the capital\n\nThe ministers spoke on Tuesday about border security. {_visits(10)}"
    late = f"Talks in the capital\n\n{_visits(10)} The ministers also spoke about border security."
    assert _types(matchers, early).types == ("enforcement",)
    assert _types(matchers, late).types == ()


def test_background_deep_in_a_long_article_counts_for_little(matchers):
    lead = "Talks in the capital\n\nThe ministers agreed on Tuesday to expand work visas for farm workers.\n\n"
    paragraphs = "\n\n".join(_visits(3) for _ in range(14))
    closing = "\n\nAn official also mentioned intelligence sharing with the region."
    assert _types(matchers, lead + _visits(3) + closing).types == ("legal_pathways", "intelligence")
    assert _types(matchers, lead + paragraphs + closing).types == ("legal_pathways",)
