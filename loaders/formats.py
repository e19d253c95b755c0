"""Pure: saved web pages and Markdown files as article text plus the metadata front matter would give.

An HTML page goes through trafilatura, which keeps the main text and drops navigation, share buttons, related links
and footers, and reads the page's title, canonical address, site name and author. Its publication date comes from
htmldate run on the page's metadata only (meta tags, JSON-LD and the address), never on the visible text: the loaders
read datelines themselves, and a site's "today's date" header must never pass for the article's date. Nothing is
fetched: both libraries get a parsed tree, never an address.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_DATE_KIND = "html_metadata"  # the date evidence kind (loaders.evidence) of a date read from the page's metadata
MIN_DATE, MAX_DATE = "1995-01-01", "2100-12-31"
# trafilatura dates every page on its own; its date is not used (metadata_date is), so it runs without htmldate's
# extensive search, which hands free text to dateparser in every language: up to tens of seconds on one page
QUICK_DATE = {"extensive_search": False, "original_date": True, "min_date": MIN_DATE, "max_date": MAX_DATE}
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", flags=re.MULTILINE)


def is_html(name: str) -> bool:
    """Whether a file name is an HTML page's."""
    return name.lower().endswith(HTML_SUFFIXES)


def is_markdown(name: str) -> bool:
    """Whether a file name is a Markdown file's."""
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_text(body: str) -> str:
    """Markdown as plain article text: headings, emphasis, links and images become their words."""
    lines = [(m.group(1) if (m := _MD_HEADING.match(line)) else line) for line in body.split("\n")]
    text = _MD_QUOTE.sub("", "\n".join(lines))
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", text))
    return _MD_EMPHASIS.sub(r"\2", text)


def _metadata_tree(tree):
    """A copy of the page holding only its metadata: the head (without <title>, which may name any date) and every
    JSON-LD block, wherever it stands."""
    from lxml import html as lxml_html

    mini = lxml_html.fromstring("<html><head></head><body></body></html>")
    head = mini.find("head")
    source_head = tree.find(".//head")
    for child in source_head if source_head is not None else ():
        if isinstance(child.tag, str) and child.tag.lower() != "title":
            head.append(copy.deepcopy(child))
    if source_head is None or not head.xpath('.//script[@type="application/ld+json"]'):
        for script in tree.xpath('//body//script[@type="application/ld+json"]'):
            head.append(copy.deepcopy(script))
    return mini


def metadata_date(tree) -> dt.date | None:
    """The publication date the page declares in its metadata (meta tags, JSON-LD, then its canonical address), or None."""
    import htmldate

    found = htmldate.find_date(
        _metadata_tree(tree),
        extensive_search=False,
        original_date=True,
        min_date=MIN_DATE,
        max_date=MAX_DATE,
        deferred_url_extractor=True,
    )
    try:
        return dt.date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _clean(value: object) -> str:
    return " ".join(str(value or "").split())


def page_text(title: str, author: str, paragraphs: list[str]) -> str:
    """The article text of a page: headline, byline, then the paragraphs (the headline once, even when the main text
    repeats it)."""
    if paragraphs and title and _clean(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]
    head = [title] if title else []
    if author:
        head.append(f"By {author}")
    return "\n\n".join([*head, *paragraphs]) + "\n"


def extract_page(markup: str) -> tuple[dict, str, list[str]]:
    """An HTML page -> (metadata as front matter would give it, article text, warnings); empty text when the page
    has no main text. The metadata's `published_kind` marks its date as read from the page's metadata."""
    import trafilatura

    tree = trafilatura.load_html(markup)
    if tree is None:
        return {}, "", ["not a readable HTML page"]
    published = metadata_date(tree)  # before extraction, which prunes the tree it is given
    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, date_extraction_params=QUICK_DATE)
    if document is None or not _clean(document.text):
        return {}, "", ["no article text found in the page (only navigation, scripts or very little text)"]
    title, author = _clean(document.title), _clean(document.author)
    meta = {"url": _clean(document.url), "source": _clean(document.sitename), "title": title}
    meta = {key: value for key, value in meta.items() if value}
    warnings = []
    if published:
        meta.update(published=published, published_kind=HTML_DATE_KIND)
    else:
        warnings.append("the page's metadata gives no publication date")
    paragraphs = [p.strip() for p in document.text.split("\n") if p.strip()]
    return meta, page_text(title, author, paragraphs), warnings
