import pytest

from loaders.tense import classify_tense
from tests.conftest import read_cases

CASES = read_cases("tense.csv")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['target']}:{c['sentence'][:40]}" for c in CASES])
def test_tense_of_a_date_in_its_clause(case):
    sentence, target = case["sentence"], case["target"]
    start = sentence.index(target)
    assert classify_tense(sentence, start, start + len(target)) == case["expected"]
