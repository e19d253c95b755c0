"""Uploaded files and zips within the limits (loaders.unpack): every file accepted or refused with its reason."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from loaders.unpack import Limits, unpack, unsafe_path

ARTICLE = b"Mexico and Guatemala signed a migration accord on Friday.\n"


def zipped(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def outcome(entries) -> dict[str, str]:
    return {e.name: e.reason or "accepted" for e in entries}


def test_article_files_are_accepted_and_other_files_refused_with_their_reason():
    got = outcome(unpack([("a.txt", ARTICLE), ("b.HTML", b"<p>x</p>"), ("c.md", ARTICLE), ("d.exe", b"MZ"), (".hidden.txt", ARTICLE)]))
    assert [k for k, v in got.items() if v == "accepted"] == ["a.txt", "b.HTML", "c.md"]
    assert got["d.exe"].startswith("not an article file")
    assert got[".hidden.txt"].startswith("hidden or system file")


def test_sizes_are_bounded_per_upload_per_article_and_per_session():
    limits = Limits(files=2, file_bytes=100, upload_bytes=1_000, total_bytes=150)
    got = outcome(unpack([("big.zip", b"x" * 1_001), ("long.txt", b"y" * 101), ("a.txt", b"a" * 80), ("b.txt", b"b" * 80)], limits))
    assert got["big.zip"].startswith("upload too large (1,001 bytes > 1,000)")
    assert got["long.txt"].startswith("file too large (101 bytes > 100)")
    assert got["a.txt"] == "accepted"
    assert "would pass" in got["b.txt"], "the session's total"
    assert "already holds 2" in outcome(unpack([("c.txt", b"c")], limits, used_files=2))["c.txt"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../etc/passwd.txt", "climbs out"),
        ("a/../../b.txt", "climbs out"),
        ("..\\..\\win.txt", "climbs out"),
        ("/etc/hosts.txt", "absolute"),
        ("C:/Windows/x.txt", "absolute"),
        ("fine/dir/story.txt", ""),
        ("story..txt", ""),
    ],
)
def test_unsafe_paths(name, reason):
    assert (reason in unsafe_path(name)) if reason else unsafe_path(name) == ""


def test_a_zip_gives_its_articles_and_refuses_unsafe_entries_alone():
    links = zipfile.ZipInfo("link.txt")
    links.external_attr = (stat.S_IFLNK | 0o777) << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("folder/one.txt", ARTICLE)
        archive.writestr("../escape.txt", ARTICLE)
        archive.writestr("/abs.txt", ARTICLE)
        archive.writestr(links, "/etc/passwd")
        archive.writestr("__MACOSX/folder/._one.txt", b"\x00\x05")
        archive.writestr("picture.jpg", b"\xff\xd8")
        archive.writestr("empty/", b"")
    got = outcome(unpack([("batch.zip", buffer.getvalue())]))
    assert got.pop("batch.zip/folder/one.txt") == "accepted"
    assert "climbs out" in got.pop("batch.zip/../escape.txt")
    assert "absolute" in got.pop("batch.zip//abs.txt")
    assert "symbolic link" in got.pop("batch.zip/link.txt")
    assert "hidden or system" in got.pop("batch.zip/__MACOSX/folder/._one.txt")
    assert "not an article file" in got.pop("batch.zip/picture.jpg")
    assert got == {}, "a folder entry is no file"


def test_zip_bombs_are_refused_unread():
    bomb = zipped({"zeros.txt": b"0" * 1_500_000, "ok.txt": ARTICLE})
    got = outcome(unpack([("bomb.zip", bomb)]))
    assert "zip bomb" in got["bomb.zip/zeros.txt"] and got["bomb.zip/ok.txt"] == "accepted"
    declared = outcome(unpack([("big.zip", zipped({"big.txt": b"z" * 3_000_000}, zipfile.ZIP_STORED))]))
    assert declared["big.zip/big.txt"].startswith("file too large")


def test_a_header_that_lies_about_the_size_is_caught_by_the_bounded_read():
    data = bytearray(zipped({"story.txt": b"w" * 5_000}, zipfile.ZIP_STORED))
    # shrink the size the central directory declares (4 bytes at offset 24 of the entry's record) to 100 bytes
    record = data.rfind(b"PK\x01\x02")
    data[record + 24 : record + 28] = (100).to_bytes(4, "little")
    got = outcome(unpack([("liar.zip", bytes(data))], Limits(file_bytes=1_000)))
    assert got["liar.zip/story.txt"] != "accepted"


def test_nesting_entries_and_broken_zips():
    inner = zipped({"deep.txt": ARTICLE, "deeper.zip": zipped({"x.txt": ARTICLE})})
    got = outcome(unpack([("outer.zip", zipped({"inner.zip": inner}))]))
    assert got["outer.zip/inner.zip/deep.txt"] == "accepted", "a zip in a zip is read"
    assert "nested more than 1 level" in got["outer.zip/inner.zip/deeper.zip"]
    many = outcome(unpack([("many.zip", zipped({f"{n}.txt": ARTICLE for n in range(5)}))], Limits(zip_entries=3)))
    assert sum(v == "accepted" for v in many.values()) == 3
    assert "at most 3 entries" in many["many.zip (2 more entries)"]
    assert outcome(unpack([("bad.zip", b"PK\x03\x04 not really")]))["bad.zip"].startswith("not a readable zip")
