"""Human corrections: saved, applied on load, marked as curated, and bad rows reported without crashing."""

import multiprocessing
import shutil

import pytest

import loaders.curation as curation_module
from loaders import build_corpus, main_event
from loaders.curation import (
    Correction,
    CurationConflict,
    append_correction,
    curation_csv,
    parse_curated_date,
    read_curation,
    write_correction,
)
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


HEADER = "target_id,field,value,note,timestamp,editor\n"
SEED = "000_95cf9caf70308b62"


@pytest.mark.parametrize("value", ["2919-07-26", "0019-07-26", "9999-12-31", "1850-01-01", "2919-07", "2919", "2019-07-01..2919-07-01"])
def test_a_date_outside_the_supported_years_is_reported_and_the_load_goes_on(seeds, tmp_path, value):
    curation = tmp_path / "curation.csv"
    curation.write_text(f"{HEADER}{SEED}-0,date,{value},,,\n{SEED}-0,title,Still applied,,,\n", encoding="utf-8")
    corpus = build_corpus(seeds, curation=curation)
    (report,) = [i.reason for i in corpus.issues if i.file == "curation.csv"]
    assert "outside the supported years 1900–2100" in report and "line 2" in report
    assert main_event(corpus.events, SEED)["title"] == "Still applied"


def test_every_save_keeps_the_rows_before_it(seeds, tmp_path):
    curation = tmp_path / "curation.csv"
    for field, value in (("title", "One"), ("policy_types", "asylum"), ("countries", "USA;MEX")):
        write_correction(Correction(f"{SEED}-0", field, value, editor="ana"), curation)
    rows, issues = read_curation(curation)
    assert issues == [] and [(c.field, c.value, c.editor) for c in rows] == [
        ("title", "One", "ana"),
        ("policy_types", "asylum", "ana"),
        ("countries", "USA;MEX", "ana"),
    ]
    row = main_event(build_corpus(seeds, curation=curation).events, SEED)
    assert (row["title"], row["policy_types"], row["countries"]) == ("One", ["asylum"], ["USA", "MEX"])


def test_a_file_without_a_final_newline_keeps_its_last_row(tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text(f"{HEADER}{SEED}-0,title,Last row,,,", encoding="utf-8")
    write_correction(Correction(f"{SEED}-0", "policy_types", "asylum"), curation)
    assert [(c.field, c.value) for c in read_curation(curation)[0]] == [("title", "Last row"), ("policy_types", "asylum")]


def test_an_older_file_gains_the_editor_column_and_keeps_its_rows_as_they_were(tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text(f'target_id,field,value,note,timestamp\n{SEED}-0,title,Old,"a, note",2020-01-01T00:00:00Z\n', encoding="utf-8")
    write_correction(Correction(f"{SEED}-0", "title", "New", editor="ben"), curation)
    lines = curation.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == [HEADER.strip(), f'{SEED}-0,title,Old,"a, note",2020-01-01T00:00:00Z']
    assert [(c.value, c.note, c.editor) for c in read_curation(curation)[0]] == [("Old", "a, note", ""), ("New", "", "ben")]


def test_a_file_that_is_not_a_curation_file_is_never_written_over(tmp_path):
    curation = tmp_path / "curation.csv"
    curation.write_text("name,colour\nsky,blue\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a header"):
        write_correction(Correction(f"{SEED}-0", "title", "New"), curation)
    assert curation.read_text(encoding="utf-8") == "name,colour\nsky,blue\n"


def _save_one(args):
    path, number = args
    write_correction(Correction(f"{SEED}-0", "title", f"Title {number}", editor=f"editor{number}"), path)


def test_concurrent_first_saves_write_one_header_and_every_row(tmp_path):
    curation = tmp_path / "curation.csv"
    with multiprocessing.get_context("fork").Pool(8) as pool:
        pool.map(_save_one, [(curation, n) for n in range(30)])
    text = curation.read_text(encoding="utf-8")
    assert text.count("target_id") == 1
    assert sorted(c.value for c in read_curation(curation)[0]) == sorted(f"Title {n}" for n in range(30))
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "no temporary file left behind"


def test_a_correction_of_something_saved_since_the_page_was_drawn_is_refused(tmp_path):
    curation = tmp_path / "curation.csv"
    write_correction(Correction(f"{SEED}-0", "title", "Before", editor="ana"), curation)
    seen, _ = read_curation(curation)
    write_correction(Correction(f"{SEED}-0", "date", "2018-07-11", editor="ana"), curation, seen, {SEED})
    mine = Correction(f"{SEED}-0", "confirm", "2018-07-10", editor="ben")
    with pytest.raises(CurationConflict) as clash:
        write_correction(mine, curation, seen, {SEED})
    assert (clash.value.correction.editor, clash.value.correction.value) == ("ana", "2018-07-11")
    assert len(read_curation(curation)[0]) == 2, "the refused correction was not written"
    write_correction(Correction(f"{SEED}-0", "title", "Other field", editor="ben"), curation, seen, {SEED})  # another question
    write_correction(mine, curation, read_curation(curation)[0], {SEED})  # seen it now: saved
    assert len(read_curation(curation)[0]) == 4


def test_an_exact_event_id_wins_over_an_article_id(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_DIR / f"{SEED}.txt", folder / "story.txt")  # two different articles: never merged
    shutil.copy(SEED_DIR / "004_be7ffad3bbd357e7.txt", folder / "story-0.txt")
    curation = tmp_path / "curation.csv"
    curation.write_text(f"{HEADER}story-0,title,Meant for story.txt,,,\nstory-0-0,policy_types,asylum,,,\n", encoding="utf-8")
    events = build_corpus(folder, curation=curation).events.set_index("event_id")
    assert events.loc["story-0", "title"] == "Meant for story.txt"
    assert events.loc["story-0-0", "title"] != "Meant for story.txt" and events.loc["story-0-0", "policy_types"] == ["asylum"]


def test_an_undone_correction_is_no_longer_applied(seeds, tmp_path):
    curation = tmp_path / "curation.csv"
    title = Correction(f"{SEED}-0", "title", "Wrong title", timestamp="2026-11-24T10:00:00Z", editor="ana")
    write_correction(title, curation)
    write_correction(Correction(f"{SEED}-0", "policy_types", "asylum"), curation)
    write_correction(Correction(f"{SEED}-0", "undo", title.key, "typo", editor="ana"), curation)
    write_correction(Correction(f"{SEED}-0", "undo", "0123456789ab"), curation)
    corpus = build_corpus(seeds, curation=curation)
    row = main_event(corpus.events, SEED)
    assert row["title"] != "Wrong title" and row["policy_types"] == ["asylum"]
    (report,) = [i.reason for i in corpus.issues if i.file == "curation.csv"]
    assert "line 5: undo names no earlier correction ('0123456789ab')" in report


def test_formula_cells_are_neutralised_in_the_file_and_read_back_as_typed(tmp_path):
    curation = tmp_path / "curation.csv"
    formula = Correction(f"{SEED}-0", "title", '=HYPERLINK("http://evil","x")', "+1 -2 @me")
    write_correction(formula, curation)
    assert "'=HYPERLINK" in curation.read_text(encoding="utf-8") and "'+1 -2 @me" in curation_csv([formula])
    (back,) = read_curation(curation)[0]
    assert (back.value, back.note) == (formula.value, formula.note)


def test_a_correction_that_fails_to_apply_is_reported_and_the_others_applied(seeds, tmp_path, monkeypatch):
    curation = tmp_path / "curation.csv"
    curation.write_text(f"{HEADER}{SEED}-0,title,Breaks,,,\n{SEED}-0,policy_types,asylum,,,\n", encoding="utf-8")
    applied = curation_module._applied

    def breaks_on_titles(row, correction, reference):
        if correction.field == "title":
            raise RuntimeError("boom")
        return applied(row, correction, reference)

    monkeypatch.setattr(curation_module, "_applied", breaks_on_titles)
    corpus = build_corpus(seeds, curation=curation)
    assert main_event(corpus.events, SEED)["policy_types"] == ["asylum"]
    assert [i.reason for i in corpus.issues if i.file == "curation.csv"] == ["line 2: cannot be applied (RuntimeError: boom); not applied"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("target_id,field,value\nx,title,a\0b\n", ["ab"]),  # a NUL is dropped, not fatal
        (f"{HEADER}{HEADER}x,title,after a second header,,,\n", ["after a second header"]),
        ('target_id,field,value\nx,title,"never closed\n', ["never closed"]),
    ],
)
def test_odd_files_are_read_row_by_row(tmp_path, text, expected):
    curation = tmp_path / "curation.csv"
    curation.write_text(text, encoding="utf-8")
    corrections, _ = read_curation(curation)
    assert [c.value for c in corrections] == expected
