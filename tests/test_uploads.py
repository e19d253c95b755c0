"""A session's uploads (loaders.uploads): read with progress, checked against each other and the landmarks, reported
file by file, and saved back as front-matter text that reads as the same articles."""

from __future__ import annotations

import io
import zipfile

import pytest

from loaders import assemble_corpus
from loaders.uploads import (
    MERGE,
    OFF_TOPIC,
    REPLACE,
    SKIPPED,
    UNDATED,
    Uploads,
    article_id_for,
    articles_zip,
    corpus_words,
    ingest,
    session_version,
    status_table,
    text_digest,
    without,
)
from tests.conftest import ROOT

PAGE = (ROOT / "tests" / "uploads" / "guatemala_asylum.html").read_bytes()
UNDATED_TEXT = (
    b"Mexico deploys National Guard\n\nMexico began deploying its new National Guard to the southern border with "
    b"Guatemala on Wednesday, under a deal with the United States to curb migration and avoid tariffs, officials said.\n"
)
FOOTBALL = b"Club wins the cup\n\nThe team won the final on Sunday in front of 40,000 fans, its first title in ten years.\n"


@pytest.fixture(scope="module")
def session(matchers):
    steps = []
    files = [
        ("saved/guatemala.html", PAGE),
        ("copy.htm", PAGE),
        ("mexico.txt", UNDATED_TEXT),
        ("empty.txt", b""),
        ("football.txt", FOOTBALL),
    ]
    uploads = ingest(files, matchers, progress=lambda done, total: steps.append((done, total)))
    corpus = assemble_corpus([dict(r) for r in uploads.rows], list(uploads.articles), uploads.issues(), matchers, None, "test")
    return uploads, corpus, steps, status_table(uploads, corpus.events, matchers.reference.landmarks)


def test_every_file_is_reported_with_its_events_and_progress_runs_to_the_end(session):
    uploads, corpus, steps, table = session
    assert steps == [(n, 5) for n in range(6)]
    rows = table.set_index("file")
    assert list(rows.index) == ["saved/guatemala.html", "copy.htm", "mexico.txt", "empty.txt", "football.txt"]
    assert rows.loc["copy.htm", "status"] == SKIPPED and rows.loc["copy.htm", "why"] == "duplicate: the same text as saved/guatemala.html"
    assert rows.loc["empty.txt", "why"] == "empty file"
    assert rows.loc["saved/guatemala.html", "date"] == "2019-07-26 (high)", "“Friday” against the page's metadata date"
    assert "duplicate of a landmark" in rows.loc["saved/guatemala.html", "why"]
    assert UNDATED in rows.loc["mexico.txt", "why"]
    assert OFF_TOPIC in rows.loc["football.txt", "why"] and OFF_TOPIC not in rows.loc["mexico.txt", "why"]
    assert rows["events"].sum() == len(uploads.rows) == len(corpus.events) >= 3
    assert set(corpus.events["article_id"]) == {"up_guatemala", "up_mexico", "up_football"}


def test_two_files_reporting_one_event_are_merged_and_each_says_so(matchers):
    other = PAGE.replace(b"Guatemala's interior minister signed", b"The interior minister of Guatemala put his name to")
    uploads = ingest([("a.html", PAGE), ("b.html", other)], matchers)
    corpus = assemble_corpus([dict(r) for r in uploads.rows], list(uploads.articles), [], matchers, None, "test")
    why = status_table(uploads, corpus.events).set_index("file")["why"]
    assert why["a.html"] == "duplicate: the same event as b.html"
    assert why["b.html"] == "duplicate: the same event as a.html"


def test_uploads_add_up_across_batches_and_keep_ids_apart(matchers):
    first = ingest([("story.txt", UNDATED_TEXT)], matchers)
    second = ingest([("story.txt", FOOTBALL), ("again.txt", UNDATED_TEXT)], matchers, first)
    assert [a.article_id for a in second.articles] == ["up_story", "up_story-2"]
    assert second.reports[-1].reason == "duplicate: the same text as story.txt"
    assert without(second) == Uploads()
    known = {text_digest(FOOTBALL.decode()): "bundled article 007"}
    assert ingest([("f.txt", FOOTBALL)], matchers, known=known).reports[0].reason == "duplicate: the same text as bundled article 007"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.txt", "up_a"), ("zip.zip/dir/Noticia del día.html", "up_Noticia_del_d_a"), ("../../x.txt", "up_x"), ("..txt", "up_article")],
)
def test_article_ids(name, expected):
    assert article_id_for(name, set()) == expected


def test_the_articles_zip_reads_back_as_the_same_articles(session, matchers):
    uploads = session[0]
    archive = articles_zip(uploads)
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert names == ["articles/guatemala.txt", "articles/mexico.txt", "articles/football.txt"]
    text = zipfile.ZipFile(io.BytesIO(archive)).read("articles/guatemala.txt").decode()
    assert text.startswith(
        "---\n# uploaded as saved/guatemala.html\n# title, url, source and published were read from the page's metadata\n"
    )
    again = ingest([("work.zip", archive)], matchers)
    assert [r.reason for r in again.reports if r.status == SKIPPED] == []
    assert [a.text for a in again.articles] == [a.text for a in uploads.articles]
    for before, after in zip(uploads.articles, again.articles, strict=True):
        assert {k: v for k, v in after.meta.items()} == {k: v for k, v in before.meta.items() if k != "published_kind"}
    dates = {r["event_id"]: r["date"] for r in again.rows}
    assert dates == {r["event_id"]: r["date"] for r in uploads.rows}, "the same dates from the front matter"


def test_the_data_version_and_words_say_uploads_are_in_and_how_many(session):
    uploads = session[0]
    assert session_version("abcdef1234560000", uploads, MERGE) == f"abcdef1234560000+up3.{uploads.fingerprint()}"
    assert session_version("abcdef1234560000", uploads, REPLACE) == f"up3.{uploads.fingerprint()}.1234560000"
    assert corpus_words(3, MERGE) == "the bundled articles and 3 articles uploaded in one browser session (not on the server)"
    assert corpus_words(1, REPLACE) == "only 1 article uploaded in one browser session (not on the server)"
