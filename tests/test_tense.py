import pytest

from loaders.grammar import bundled
from loaders.mentions import _tense_of
from loaders.tense import classify_tense
from tests.conftest import read_cases

CASES = read_cases("tense.csv")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['target']}:{c['sentence'][:40]}" for c in CASES])
def test_tense_of_a_date_in_its_clause(case):
    sentence, target = case["sentence"], case["target"]
    start = sentence.index(target)
    assert classify_tense(sentence, start, start + len(target)) == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['target']}:{c['sentence'][:40]}" for c in CASES])
def test_a_kept_tense_is_the_tense_read_afresh(case):
    """The tense of a mention, kept by its window's text, is what classify_tense reads there, at any offset and twice."""
    sentence, target = case["sentence"], case["target"]
    for prefix in ("", "Officials will meet. "):
        text = prefix + sentence
        start = len(prefix) + sentence.index(target)
        span = (len(prefix), len(text))
        expected = classify_tense(sentence, start - len(prefix), start - len(prefix) + len(target))
        assert _tense_of(text, span, start, start + len(target), bundled()) == expected
        assert _tense_of(text, span, start, start + len(target), bundled()) == expected
