import datetime as dt
import errno
import os
import re
from pathlib import Path

import pytest

import loaders.articles as articles_module
from loaders import build_corpus, data_version
from loaders.articles import corpus_fingerprint, decode_bytes, parse_article, read_articles, split_front_matter
from tests.conftest import read_cases


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


# Each file stands alone (tests/cases/loader_files.csv): a bad one is a named "skipped: why" or "warning" line, the
# good one beside it still loads, and the corpus fingerprint lists the folder by the same rules without failing.

BODY = "WASHINGTON, July 26, 2019 (Reuters) - Guatemala signed an asylum agreement with the United States on Friday."
GOOD = "good.txt"
_REPEAT = re.compile(r"\{([^{}*]+)\*(\d+)\}")
_BYTE = re.compile(r"\\x([0-9a-f]{2})")


def expand(content: str) -> str:
    """A case's content: {BODY}, {text*count} repeated, and \\n and \\xNN escapes."""
    content = content.replace("{BODY}", BODY).replace("\\n", "\n")
    content = _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), content)
    return _BYTE.sub(lambda m: chr(int(m.group(1), 16)), content)


def make_entry(folder: Path, case: dict[str, str], monkeypatch) -> str:
    """Create one case's entry in the folder; the name the report gives it."""
    kind, content = case["kind"], expand(case["content"])
    name = "case.pdf" if kind == "pdf" else "case.txt"
    path = folder / name
    if kind in ("text", "pdf"):
        path.write_text(content, encoding="utf-8")
    elif kind == "bytes":
        path.write_bytes(content.encode("latin-1"))
    elif kind in ("utf-16", "utf-32", "utf-16-le", "cp1252"):
        path.write_bytes(content.encode(kind))
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere.txt")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "badname":
        name = os.fsdecode(b"case-\xff.txt")
        (folder / name).write_text(content, encoding="utf-8")
        return "case-\ufffd.txt"
    elif kind == "unreadable":
        path.write_text(content, encoding="utf-8")
        path.chmod(0)
        if os.geteuid() == 0:  # root reads anything: refuse this one file as the system would
            opener = os.open

            def refuse(target, *args, **kwargs):
                if Path(target) == path:
                    raise PermissionError(errno.EACCES, "Permission denied", str(target))
                return opener(target, *args, **kwargs)

            monkeypatch.setattr(articles_module.os, "open", refuse)
    else:
        raise ValueError(f"unknown case kind {kind!r}")
    return name


LOADER_CASES = read_cases("loader_files.csv")


@pytest.mark.parametrize("case", LOADER_CASES, ids=[c["case"] for c in LOADER_CASES])
def test_a_bad_file_is_named_and_never_stops_the_load(tmp_path, monkeypatch, case):
    (tmp_path / GOOD).write_text(BODY, encoding="utf-8")
    name = make_entry(tmp_path, case, monkeypatch)
    articles, issues = read_articles(tmp_path)
    loaded = {a.article_id for a in articles}
    about = [(i.status, i.reason) for i in issues if i.file == name]
    assert "good" in loaded
    if case["status"] == "ok":
        assert about == [] and Path(name).stem in loaded
    else:
        assert {status for status, _ in about} == {case["status"]}, about
        assert any(case["reason"] in reason for _, reason in about), about
        assert (Path(name).stem in loaded) is (case["status"] == "warning")
    assert len(corpus_fingerprint(tmp_path)) == 12


@pytest.mark.parametrize("kind", ["fifo", "dangling", "loop", "badname", "unreadable"])
def test_the_whole_load_and_its_version_survive_entries_that_are_not_files(tmp_path, monkeypatch, kind):
    (tmp_path / GOOD).write_text(BODY, encoding="utf-8")
    case = next(c for c in LOADER_CASES if c["kind"] == kind)
    name = make_entry(tmp_path, case, monkeypatch)
    corpus = build_corpus(tmp_path, curation=tmp_path / "none.csv")
    assert list(corpus.events["article_id"]) == ["good"]
    assert [i.status for i in corpus.issues if i.file == name] == ["skipped"]
    assert len(data_version(tmp_path, curation=tmp_path / "none.csv")) == 16


def test_the_fingerprint_follows_content_not_timestamps(tmp_path):
    (tmp_path / GOOD).write_text(BODY, encoding="utf-8")
    first = corpus_fingerprint(tmp_path)
    os.utime(tmp_path / GOOD, ns=(1, 1))  # touched: same bytes, another modification time
    assert corpus_fingerprint(tmp_path) == first
    (tmp_path / GOOD).write_text(BODY.replace("Friday", "Monday"), encoding="utf-8")
    changed = corpus_fingerprint(tmp_path)
    assert changed != first
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # a skipped entry changes the load report, so the version
    assert corpus_fingerprint(tmp_path) not in (first, changed)


def test_the_fingerprint_hashes_only_files_whose_size_or_time_changed(tmp_path, monkeypatch):
    for number in range(5):
        (tmp_path / f"a{number}.txt").write_text(f"{BODY} {number}", encoding="utf-8")
    corpus_fingerprint(tmp_path)
    read = []
    reader = articles_module.read_article_bytes
    monkeypatch.setattr(articles_module, "read_article_bytes", lambda path, *a: read.append(Path(path).name) or reader(path, *a))
    corpus_fingerprint(tmp_path)
    assert read == [], "nothing changed: nothing read"
    (tmp_path / "a3.txt").write_text(f"{BODY} changed", encoding="utf-8")
    corpus_fingerprint(tmp_path)
    assert read == ["a3.txt"]


def test_an_unchanged_listing_reuses_its_fingerprint_and_any_change_to_an_entry_is_seen(tmp_path, monkeypatch):
    (tmp_path / GOOD).write_text(BODY, encoding="utf-8")
    first = corpus_fingerprint(tmp_path)
    scans = []
    parts = articles_module._fingerprint_parts
    monkeypatch.setattr(articles_module, "_fingerprint_parts", lambda directory: scans.append(1) or parts(directory))
    assert corpus_fingerprint(tmp_path) == first and scans == [], "the same listing: the files' rules are not applied again"
    changes = [
        lambda: os.utime(tmp_path / GOOD, ns=(5, 5)),  # touched: looked at again, the same bytes give the same version
        lambda: (tmp_path / GOOD).write_text(BODY.replace("Friday", "Monday"), encoding="utf-8"),
        lambda: (tmp_path / GOOD).chmod(0o600),
        lambda: (tmp_path / "later.txt").write_text(BODY, encoding="utf-8"),
        lambda: (tmp_path / "later.txt").rename(tmp_path / "renamed.txt"),
    ]
    versions = [first]
    for change in changes:
        change()
        versions.append(corpus_fingerprint(tmp_path))
    assert len(scans) == len(changes), "each change is seen"
    assert versions[1] == first and len(set(versions[1:])) == 4, "the bytes, not the times or modes, make the version"


def test_only_the_first_hundred_thousand_characters_are_read():
    article, notes = parse_article("long", ("word " * 30_000).encode())
    assert len(article.text) <= articles_module.MAX_TEXT_CHARS and article.text.endswith("word")
    assert notes == [f"text longer than 100,000 characters: only the first {len(article.text):,} are read"]
