"""Officials with the office the text gives them, and countries as parties or merely mentioned."""

import datetime as dt

import pytest

from loaders.candidates import find_candidates
from loaders.entities import classify_countries, find_countries, find_officials
from loaders.layout import segment
from tests.conftest import read_cases

CASES = read_cases("countries.csv")


def _countries(matchers, text):
    layout = segment(text, find_candidates(text), matchers.chrome)
    officials = find_officials(text, matchers.entities)
    return classify_countries(text, layout, find_countries(text, matchers.entities), officials, matchers.entities)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_parties_and_mentions(matchers, case):
    result = _countries(matchers, case["text"].replace("\\n", "\n"))
    assert set(result.parties) == set(case["parties"].split(";"))
    assert set(result.mentioned) == set(case["mentioned"].split(";"))
    assert all(any(e.startswith(f"{c}:") for e in result.evidence) for c in result.parties)


@pytest.mark.parametrize(
    ("text", "name", "office", "inside", "outside"),
    [
        (
            "Acting Homeland Security Secretary Kevin McAleenan signed it.",
            "Kevin McAleenan",
            "us_dhs_secretary",
            "2019-05-28",
            "2020-01-10",
        ),
        (
            "Mexico President-elect Andres Manuel Lopez Obrador met them.",
            "Andrés Manuel López Obrador",
            "mex_president_elect",
            "2018-07-13",
            "2019-07-13",
        ),
        (
            "El secretario interino de Seguridad Nacional, Kevin McAleenan, firmó.",
            "Kevin McAleenan",
            "us_dhs_secretary",
            "2019-09-25",
            "2019-03-01",
        ),
        (
            "the president of Mexico, Andrés Manuel López Obrador, said",
            "Andrés Manuel López Obrador",
            "mex_president",
            "2020-01-01",
            "2018-07-13",
        ),
    ],
)
def test_an_official_with_a_title_dates_the_text(matchers, text, name, office, inside, outside):
    (mention,) = find_officials(text, matchers.entities)
    assert (mention.name, mention.office_id) == (name, office)
    assert dt.date.fromisoformat(inside) in mention.window
    assert dt.date.fromisoformat(outside) not in mention.window


def test_former_and_untitled_mentions_do_not_date_the_text(matchers):
    former, untitled = find_officials("Former President Donald Trump spoke. Later, Trump left.", matchers.entities)
    assert former.window is None and former.former
    assert untitled.office_id is None and untitled.window is None


def test_a_common_surname_alone_is_not_an_official(matchers):
    assert find_officials("Martínez said the talks went well.", matchers.entities) == []
    assert [o.name for o in find_officials("Foreign Minister Carlos Ramiro Martínez said so.", matchers.entities)] == ["Carlos Martínez"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("New Mexico and the Gulf of Mexico", set()),
        ("Chad Wolf met them", set()),
        ("EE.UU. y México", {"USA", "MEX"}),
        ("the Northern Triangle", {"GTM", "HND", "SLV"}),
    ],
)
def test_country_aliases_avoid_false_hits(matchers, text, expected):
    assert {m.iso3 for m in find_countries(text, matchers.entities)} == expected
