"""Human corrections: saved, applied on load, marked as curated, and bad rows reported without crashing."""

import shutil

import pytest

from loaders import build_corpus, main_event
from loaders.curation import Correction, append_correction, parse_curated_date, read_curation
from tests.conftest import SEED_DIR


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEED_DIR, folder)
    return folder


def test_round_trip_date_correction(seeds, tmp_path):
    curation = tmp_path / "curation.csv"
    append_correction(Correction("003_ddbc0b487b12ab17", "date", "2018-07-13", "VOA archive", "2026-11-24T10:00:00Z"), curation)
    corrections, issues = read_curation(curation)
    assert issues == [] and corrections[0].value == "2018-07-13"
    row = main_event(build_corpus(seeds, curation=curation).events, "003_ddbc0b487b12ab17")
    assert str(row["date"].date()) == "2018-07-13"
    assert row["date_method"].startswith("curated") and row["date_confidence"] == "high"
    assert "2018-07-06" in row["curation"][0] and "VOA archive" in row["curation"][0]
    assert row["review_reasons"] == []


def test_countries_types_and_confirm(seeds, tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text(
        "target_id,field,value,note,timestamp\n"
        "002_c86cc058ea5de68e-0,countries,USA;GTM;HND,,\n"
        "002_c86cc058ea5de68e-0,policy_types,enforcement,,\n"
        "002_c86cc058ea5de68e-0,confirm,,checked the caption,\n",
        encoding="utf-8",
    )
    row = main_event(build_corpus(seeds, curation=curation).events, "002_c86cc058ea5de68e")
    assert row["countries"] == ["USA", "GTM", "HND"] and row["policy_types"] == ["enforcement"]
    assert row["date_confidence"] == "high" and row["date_method"].startswith("curated (confirmed)")
    assert len(row["curation"]) == 3


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("nope-0,date,2019-01-01", "unknown event or article id 'nope-0'"),
        ("000_95cf9caf70308b62-0,date,2019-02-30", "bad date '2019-02-30'"),
        ("000_95cf9caf70308b62-0,countries,USA;ATL", "unknown country code(s) ATL"),
        ("000_95cf9caf70308b62-0,policy_types,bribery", "unknown policy type(s) bribery"),
        ("000_95cf9caf70308b62-0,colour,red", "unknown field 'colour'"),
        ("000_95cf9caf70308b62-0,split,nope-3", "unknown event id 'nope-3' to split"),
    ],
)
def test_invalid_rows_are_reported_and_not_applied(seeds, tmp_path, line, reason):
    curation = tmp_path / "curation.csv"
    curation.write_text(f"target_id,field,value,note,timestamp\n{line},,\n", encoding="utf-8")
    corpus = build_corpus(seeds, curation=curation)
    reports = [i for i in corpus.issues if i.file == "curation.csv"]
    assert len(reports) == 1 and reason in reports[0].reason and "line 2" in reports[0].reason
    assert all(row == [] for row in corpus.events["curation"])


def test_a_broken_curation_file_never_stops_the_load(seeds, tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_bytes(b"\xff\xfe\x00garbage")
    corpus = build_corpus(seeds, curation=curation)
    assert (corpus.events["role"] == "primary").sum() == 5
    assert any(i.file == "curation.csv" for i in corpus.issues)


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [("2019-07-26", "day", "2019-07-26", "2019-07-26"), ("2019-07", "month", "2019-07-01", "2019-07-31"), ("2019", "year", "2019-01-01", "2019-12-31"),
     ("2019-07-01..2019-07-15", "month", "2019-07-01", "2019-07-15")],
)  # fmt: skip
def test_curated_date_forms(value, precision, first, last):
    day, start, end, found = parse_curated_date(value)
    assert (found, str(start), str(end)) == (precision, first, last) and start <= day <= end
