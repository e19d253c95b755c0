import datetime as dt

import pytest

from loaders.candidates import find_candidates, is_date_only, read_date_string
from tests.conftest import read_cases

CASES = read_cases("candidates.csv")


def _int(value: str) -> int | None:
    return int(value) if value else None


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_candidate_is_found_and_read(case):
    found = find_candidates(case["text"], case["language"])
    if not case["found"]:
        assert found == []
        return
    assert [c.text for c in found] == [case["found"]]
    (candidate,) = found
    assert candidate.kind == case["kind"]
    assert (candidate.year, candidate.month, candidate.day) == (_int(case["year"]), _int(case["month"]), _int(case["day"]))
    assert candidate.weekday == _int(case["weekday"])


def test_offsets_point_into_the_text():
    text = "Meeting held on Tuesday, July 10, 2018, in Guatemala City."
    (candidate,) = find_candidates(text)
    assert text[candidate.start : candidate.end] == candidate.text


def test_numeric_dates_that_read_both_ways_are_flagged():
    (candidate,) = find_candidates("Publicado: 07/06/2019", "en")
    assert candidate.ambiguous
    (unambiguous,) = find_candidates("Published 26/07/2019", "en")
    assert not unambiguous.ambiguous and unambiguous.as_date() == dt.date(2019, 7, 26)


def test_dateparser_reports_which_parts_were_given():
    assert read_date_string("June 1", "en") == (None, 6, 1)
    assert read_date_string("26 de julio de 2019", "es") == (2019, 7, 26)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10 Jul 2018 – 06:21 PM EDT", True),
        ("Wednesday, May 31, 2023", True),
        ("2024-02-28 23:10:56", True),
        ("U.S. officials met in Guatemala on July 10, 2018 to discuss border security.", False),
    ],
)
def test_date_only_lines(line, expected):
    spans = [(c.start, c.end) for c in find_candidates(line)]
    assert is_date_only(line, spans) is expected
