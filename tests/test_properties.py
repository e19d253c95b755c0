"""Arbitrary text, front matter and curation files never stop a load (hypothesis)."""

import csv
import datetime as dt
import functools
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import apply_curation, extract_rows
from loaders.articles import FRONT_MATTER_KEYS, Article, parse_article, read_articles
from loaders.curation import CURATION_COLUMNS, FIELDS, Correction, parse_curation, with_correction
from loaders.events import build_table, extract_article
from loaders.supported import unsupported_date
from tests.conftest import SEED_DIR

WORDS = st.sampled_from(
    ["Tuesday", "el jueves", "July 26, 2019", "26/07/2019", "President-elect", "Mexico", "U.S.", "asylum", "1709165832",
     "REUTERS/", "Updated", "Related", "\n", "\n\n", "—", "(EFE).-", "last week", "two days after Christmas", "de", "2024-02-28T23:10:56Z"]
)  # fmt: skip
PAGES = st.one_of(st.text(max_size=400), st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=80).map(" ".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=PAGES)
def test_any_text_yields_a_valid_row(matchers, text):
    row = extract_article(Article("prop", text or "x"), matchers, today=dt.date(2026, 11, 24))
    table = build_table([row])
    assert len(table) == 1
    if row["date"]:
        assert row["date_earliest"] <= row["date"] <= row["date_latest"]


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_are_an_article_or_a_reason(data):
    article, notes = parse_article("bytes", data)
    assert article is not None or notes


# Fuzzing the two inputs people write by hand: front matter and the curation file. Zero crashes: every case is an
# article, a skipped file with its reason, or a table with every correction applied or reported.

SEED_BODY = (SEED_DIR / "000_95cf9caf70308b62.txt").read_text(encoding="utf-8")
TRICKY = [
    "2019-07-26", "2019-02-30", "9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2019-07-26T10:00:00Z", "2019-07-26 10:00",
    "null", "~", "yes", "no", ".inf", ".nan", "0x1F", "0o17", "1e400", "-0", "&a x", "*a", "!!python/object:os.system",
    "!!binary aGVsbG8=", "|", ">", "{", "}", "[", "]", "'", '"', "%YAML 1.2", "@", "`", "- x", "? x", "a: b: c", "#", ": :",
    "=1+1", "\t", "'=cmd'", "\\u0000", "{a: [b, {c: d}]}",
]  # fmt: skip
SCALARS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(TRICKY),
    st.integers(min_value=1, max_value=120_000).map(lambda n: "9" * n),
    st.integers(min_value=0, max_value=6_000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=0, max_value=6_000).map(lambda n: "- " * n + "x"),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
)
KEYS = st.one_of(st.sampled_from(FRONT_MATTER_KEYS), st.text(max_size=12), st.sampled_from(["? [a]", "<<", "&k url", "*k", "- url"]))


def alias_bomb(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join([*lines, f"title: *a{levels - 1}"])


BLOCKS = st.one_of(
    st.lists(st.tuples(KEYS, SCALARS), max_size=8).map(lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs)),
    st.text(max_size=300),
    st.integers(min_value=1, max_value=12).map(alias_bomb),
)
DOCUMENTS = st.tuples(
    st.sampled_from(["---\n", "--- \n", "---\r\n", "\ufeff---\n", "---"]),
    BLOCKS,
    st.sampled_from(["\n---\n", "\n...\n", "\n", "\n--- \n"]),
    st.one_of(st.just(SEED_BODY), st.text(max_size=200), st.just("")),
).map("".join)


@settings(max_examples=max(settings().max_examples // 2, 1))  # each case extracts an article and validates its rows
@given(document=DOCUMENTS, encoding=st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252"]))
def test_fuzzed_front_matter_never_stops_a_load(matchers, document, encoding):
    data = document.encode(encoding, "replace") if encoding == "cp1252" else document.encode(encoding, "surrogatepass")
    article, notes = parse_article("fuzz", data)
    if article is None:
        assert notes, "a file left out says why"
        return
    assert all(isinstance(article.meta[k], str) for k in article.meta if k != "published")
    if "published" in article.meta:
        assert unsupported_date(article.meta["published"]) is None
    rows, issues = extract_rows(article, matchers)
    assert rows or [i.status for i in issues] == ["skipped"]
    if rows:
        assert len(build_table(rows)) == len(rows)


@functools.lru_cache(maxsize=1)
def seed_rows() -> tuple[list[dict], list[str]]:
    """The seed articles' event rows (extracted once), and every id a correction may name."""
    from loaders.events import compile_matchers
    from loaders.reference import read_reference

    matchers = compile_matchers(read_reference())
    rows = [row for article in read_articles(SEED_DIR)[0] for row in extract_rows(article, matchers)[0]]
    return rows, sorted({row["event_id"] for row in rows} | {row["article_id"] for row in rows})


IDS = seed_rows()[1]
ODD_VALUES = [
    "2919-07-26", "2019-13-01", "2019-00", "2019-07-01..2019-06-01", "2019-07-01..2919-07-01", "１９９９", "2_019", "2019-W30-5",
    "20190726", "USA;MEX", "ATL", ";;", "usa", "asylum;bribery", " asylum ", "USA,,GTM",
]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(TRICKY),
    st.sampled_from(IDS),
    st.sampled_from(ODD_VALUES),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.from_regex(r"\d{4}(-\d{2}(-\d{2})?)?", fullmatch=True),
    st.integers(min_value=1, max_value=200_000).map(lambda n: "x" * n),
)
ROWS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(IDS), st.text(max_size=20)),
        st.one_of(st.sampled_from([*FIELDS, "DATE", " date ", "colour", ""]), st.text(max_size=10)),
        VALUES,
        st.text(max_size=30),
        st.text(max_size=25),
        st.text(max_size=15),
    ),
    max_size=12,
)
HEADERS = st.sampled_from([",".join(CURATION_COLUMNS), "target_id,field,value,note,timestamp", "target_id,field,value", "field,value", ""])


def curation_text(header: str, rows: list[tuple], undo: list[int], raw: str, newline: str) -> str:
    """A curation file: a header, rows written as CSV, undo rows naming some of them, then raw text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerows(rows)
    for index in undo:
        if index < len(rows):
            undone = Correction(*(str(v).strip() for v in rows[index]))
            writer.writerow((rows[index][0], "undo", undone.key, "", "", ""))
    return f"{header}\n{buffer.getvalue()}{raw}"


@settings(max_examples=max(settings().max_examples // 2, 1))  # each case validates a whole table: half as many
@given(
    header=HEADERS,
    rows=ROWS,
    undo=st.lists(st.integers(min_value=0, max_value=12), max_size=3),
    raw=st.text(max_size=120),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_fuzzed_curation_files_never_stop_a_load(reference, header, rows, undo, raw, newline):
    corrections, issues = parse_curation(curation_text(header, rows, undo, raw, newline))
    events, not_applied = apply_curation(seed_rows()[0], corrections, reference)
    table = build_table(events)
    assert len(table) >= 1 and all(i.file == "curation.csv" for i in issues + not_applied)


CELL = st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=60).map(str.strip)


@given(
    existing=st.one_of(st.just(""), HEADERS.map(lambda h: h + "\n"), HEADERS, st.text(max_size=80)),
    fields=st.tuples(CELL, CELL.map(str.lower), CELL, CELL, CELL, CELL),
)
def test_a_written_correction_reads_back_as_it_was_typed(existing, fields):
    correction = Correction(*fields)
    try:
        text = with_correction(existing, correction)
    except ValueError:
        return  # not a curation file: never written over (see test_curation)
    corrections, _ = parse_curation(text)
    typed = Correction(*(v.replace("\r\n", "\n").replace("\r", "\n").strip() for v in fields))  # a CR is written as a newline
    assert corrections and corrections[-1] == typed
