import datetime as dt

import pytest

from loaders.articles import decode_bytes, parse_article, read_articles, split_front_matter


def test_front_matter_is_split_and_typed():
    meta, body, warnings = split_front_matter("---\nurl: https://x.test/a\npublished: 2019-07-26\ntitle: Deal signed\n---\nBody text")
    assert meta == {"url": "https://x.test/a", "published": dt.date(2019, 7, 26), "title": "Deal signed"}
    assert body == "Body text"
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("---\nurl: [unclosed\n---\nBody", "not valid YAML"),
        ("---\n- a\n- b\n---\nBody", "not a mapping"),
        ("---\npublished: next week\n---\nBody", "is not a date"),
        ("---\nauthor: Ana\n---\nBody", "unknown front matter key 'author'"),
        ("---\nurl: x\nBody without end", "never closed"),
    ],
)
def test_bad_front_matter_is_reported_not_fatal(text, warning):
    _, body, warnings = split_front_matter(text)
    assert "Body" in body
    assert any(warning in w for w in warnings)


def test_non_utf8_is_decoded_with_a_warning():
    text, warnings = decode_bytes("Reunión en Tegucigalpa".encode("cp1252"))
    assert text == "Reunión en Tegucigalpa"
    assert warnings and "not UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"   \n\n", "empty file"), (b"\x00\x01\x02binary", "binary file"), (b"---\ntitle: x\n---\n", "no text after")],
)
def test_files_that_cannot_be_articles(data, reason):
    article, notes = parse_article("x", data)
    assert article is None
    assert any(reason in note for note in notes)


def test_a_folder_with_bad_files_still_loads_the_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text("Officials met on Tuesday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 10)
    (tmp_path / "latin.txt").write_bytes("Reunión el martes.".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"a" * 2_000_001)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    articles, issues = read_articles(tmp_path)
    assert sorted(a.article_id for a in articles) == ["good", "latin"]
    reasons = {i.file: (i.status, i.reason) for i in issues}
    assert reasons["empty.txt"][0] == "skipped"
    assert reasons["binary.txt"][0] == "skipped"
    assert reasons["huge.txt"] == ("skipped", "file too large (2,000,001 bytes > 2,000,000)")
    assert reasons["latin.txt"][0] == "warning"
    assert reasons["notes.pdf"][0] == "skipped"
    assert reasons["sub"][0] == "skipped"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="article folder not found"):
        read_articles(tmp_path / "nope")
