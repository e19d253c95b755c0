"""HTML pages and Markdown files as article text and metadata (loaders.formats), and the folder reader taking them."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from loaders import build_corpus
from loaders.articles import parse_article, read_articles
from loaders.formats import HTML_DATE_KIND, extract_page, markdown_text
from tests.conftest import ROOT

PAGE = (ROOT / "tests" / "uploads" / "guatemala_asylum.html").read_text(encoding="utf-8")
BODY = (
    "<p>Mexico's foreign minister met his Guatemalan counterpart on Tuesday to discuss the migrants waiting at the "
    "southern border, where thousands have asked for asylum in recent weeks, officials said in a joint statement.</p>"
    "<p>Both governments agreed to share records of the people crossing the Suchiate river and to send more officers "
    "to the crossings, while aid groups warned that the shelters in Tapachula are already full.</p>"
)


def page(head: str = "", body: str = BODY, header: str = "") -> str:
    return f"<html><head><title>Ministers meet on migration</title>{head}</head><body>{header}<article><h1>Ministers meet on migration</h1>{body}</article></body></html>"


def test_a_news_page_gives_its_main_text_without_navigation_and_its_metadata_as_front_matter():
    meta, text, warnings = extract_page(PAGE)
    assert meta == {
        "url": "https://isthmus-ledger.example/world/americas/guatemala-asylum-deal",
        "source": "The Isthmus Ledger",
        "title": "Guatemala signs asylum deal with the United States under tariff threat",
        "published": dt.date(2019, 7, 27),
        "published_kind": HTML_DATE_KIND,
    }
    assert warnings == []
    lines = text.split("\n\n")
    assert lines[:2] == ["Guatemala signs asylum deal with the United States under tariff threat", "By Ana Lucía Pérez"]
    assert lines[2].startswith("Guatemala's interior minister signed an agreement")
    for chrome in ("Subscribe", "Most read", "Privacy", "Share on Facebook", "March 4, 2024", "Panajachel", "All rights reserved"):
        assert chrome not in text, chrome
    assert text.count("Guatemala signs asylum deal") == 1, "the headline once"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="article:published_time" content="2020-01-21T10:00:00Z">', dt.date(2020, 1, 21)),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-02"}</script>', dt.date(2021, 3, 2)),
        ('<link rel="canonical" href="https://news.example/2019/06/07/tariff-deal/">', dt.date(2019, 6, 7)),
        ('<meta name="description" content="Ministers met">', None),
    ],
    ids=["meta tag", "JSON-LD", "address", "none"],
)
def test_the_publication_date_comes_from_meta_tags_json_ld_or_the_address(head, expected):
    meta, _, warnings = extract_page(page(head))
    assert meta.get("published") == expected
    assert (meta.get("published_kind") == HTML_DATE_KIND) == (expected is not None)
    assert ("the page's metadata gives no publication date" in warnings) == (expected is None)


def test_a_date_in_the_visible_page_is_never_taken_for_the_metadata_date():
    header = '<div class="date">Monday, March 4, 2024</div><p class="byline">Published July 3, 2019</p>'
    meta, _, _ = extract_page(page(header=header, body=f'<time datetime="2019-07-03">July 3, 2019</time>{BODY}'))
    assert "published" not in meta, "dates in the text are the loaders' to read, with their own rules"


def test_the_html_metadata_date_dates_the_event_and_date_method_says_where_it_came_from(matchers):
    from loaders.events import extract_events

    article, notes = parse_article("guatemala", PAGE.encode(), "saved/guatemala.html")
    assert notes == []
    event = extract_events(article, matchers)[0]
    assert f"{event['date']:%Y-%m-%d}" == "2019-07-26", "“on Friday” before the page's 27 July"
    assert "published date from the page's metadata (2019-07-27)" in event["date_method"]
    assert event["source"] == "The Isthmus Ledger" and event["url"].startswith("https://isthmus-ledger.example/")


def test_a_page_without_text_is_skipped_and_an_address_is_never_fetched(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    article, notes = parse_article("x", b"<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>", "x.html")
    assert article is None
    assert any("no article text found" in note for note in notes), notes
    address = "https://news.example/2019/07/26/story.html"
    article, _ = parse_article("y", address.encode(), "y.html")
    assert article.text.strip() == address, "read as the text it is, never downloaded"
    assert "published" not in article.meta


def test_markdown_becomes_plain_words():
    text = "# Deal signed\n\n**Mexico** and *Guatemala* signed [the accord](https://x.example) ![photo](a.jpg)\n> quoted"
    assert markdown_text(text) == "Deal signed\n\nMexico and Guatemala signed the accord photo\nquoted"


def test_a_folder_reads_html_and_markdown_and_refuses_two_files_of_one_article_id(tmp_path):
    (tmp_path / "guatemala.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "guatemala.txt").write_text("Another text\n\nwith the same id.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("---\npublished: 2019-06-07\n---\n# Tariff deal\n\nMexico agreed on **Friday**.\n", encoding="utf-8")
    articles, issues = read_articles(tmp_path)
    assert sorted(a.article_id for a in articles) == ["guatemala", "notes"]
    assert [(i.file, i.status) for i in issues] == [("guatemala.txt", "skipped")]
    assert "same article id as guatemala.html" in issues[0].reason
    notes = next(a for a in articles if a.article_id == "notes")
    assert notes.text.startswith("Tariff deal\n") and "**" not in notes.text
    corpus = build_corpus(tmp_path)
    primary = corpus.events.set_index("event_id").loc["guatemala-0"]
    assert "page's metadata" in primary["date_method"]


def test_the_cli_reads_a_folder_of_web_pages(tmp_path):
    import os
    import subprocess
    import sys

    (tmp_path / "guatemala.htm").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "events.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "loaders", str(tmp_path), "--out", str(out)], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 events (1 main, 0 referenced) from 1 articles (0 files skipped)")
    assert "2019-07-26" in out.read_text(encoding="utf-8")
