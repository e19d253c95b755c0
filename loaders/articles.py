"""Read article files into raw articles (the only module that reads article files)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from loaders.formats import HTML_SUFFIXES, MARKDOWN_SUFFIXES, extract_page, is_html, is_markdown, markdown_text

ARTICLES_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"
ARTICLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
MAX_BYTES = 2_000_000
FRONT_MATTER_KEYS = ("url", "source", "published", "language", "title")


@dataclass(frozen=True)
class Article:
    """One article: its id (the file stem), its text without front matter, and known metadata."""

    article_id: str
    text: str
    meta: dict = field(default_factory=dict)
    path: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadIssue:
    """A file that was skipped, or loaded with a warning, and why."""

    file: str
    status: str  # "skipped" or "warning"
    reason: str


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """Split an optional YAML front matter block from the text: (metadata, body, warnings)."""
    if not text.startswith("---"):
        return {}, text, []
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, []
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return {}, text, ["front matter opened with '---' but never closed; read as text"]
    block = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    warnings = []
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        meta = _loose_front_matter(block)
        warnings.append(f"front matter is not valid YAML ({first}); read line by line as 'key: value'")
    if not isinstance(meta, dict):
        return {}, body, ["front matter is not a mapping of keys to values; ignored"]
    warnings += [f"unknown front matter key {key!r} ignored" for key in meta if key not in FRONT_MATTER_KEYS]
    clean = {key: meta[key] for key in FRONT_MATTER_KEYS if meta.get(key) not in (None, "")}
    if "published" in clean:
        published = _as_date(clean["published"])
        if published is None:
            warnings.append(f"front matter 'published' {clean['published']!r} is not a date; ignored")
            del clean["published"]
        else:
            clean["published"] = published
    for key in ("url", "source", "language", "title"):
        if key in clean:
            clean[key] = str(clean[key]).strip()
    return clean, body, warnings


def _loose_front_matter(block: str) -> dict:
    """'key: value' lines of a front matter block YAML cannot read (e.g. an unquoted title with a quote)."""
    meta = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            meta[key.strip()] = value.strip()
    return meta


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        return data.decode("cp1252"), [f"not UTF-8 (bad byte at offset {where}); decoded as Windows-1252"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), [f"not UTF-8 (bad byte at offset {where}); decoded as Latin-1"]


def normalize_text(text: str) -> str:
    """Unify newlines and strip characters that only confuse matching (NUL, non-breaking spaces)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")


def split_article(text: str, name: str = "") -> tuple[dict, str, list[str]]:
    """A file's metadata, text and warnings by its kind (from its name): an HTML page, Markdown or plain text."""
    if is_html(name):
        return extract_page(text)
    meta, body, warnings = split_front_matter(text)
    return meta, markdown_text(body) if is_markdown(name) else body, warnings


def parse_article(article_id: str, data: bytes, path: str = "") -> tuple[Article | None, list[str]]:
    """Turn one file's bytes into an article, or None with the reason it cannot be one."""
    if not data.strip():
        return None, ["empty file"]
    if b"\x00" in data[:8192]:
        return None, ["binary file (contains NUL bytes)"]
    text, warnings = decode_bytes(data)
    meta, body, fm_warnings = split_article(normalize_text(text), path)
    warnings += fm_warnings
    if not body.strip():
        return None, [*warnings, "no text after the front matter"]
    return Article(article_id=article_id, text=body, meta=meta, path=path, warnings=tuple(warnings)), warnings


def article_files(directory: Path) -> tuple[list[Path], list[LoadIssue]]:
    """The article files of a folder, and the entries that are not articles."""
    files, issues, stems = [], [], {}
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            issues.append(LoadIssue(path.name, "skipped", "folder (sub-folders are not read)"))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            issues.append(LoadIssue(path.name, "skipped", f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)})"))
        elif path.stem in stems:  # the stem is the article id: story.txt and story.html cannot both be read
            issues.append(LoadIssue(path.name, "skipped", f"same article id as {stems[path.stem]} (the file name without its extension)"))
        else:
            stems[path.stem] = path.name
            files.append(path)
    return files, issues


def read_articles(directory: Path | str = ARTICLES_DIR, max_bytes: int = MAX_BYTES) -> tuple[list[Article], list[LoadIssue]]:
    """Read every article file of a folder; report each file skipped or loaded with a warning."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"article folder not found: {directory}")
    files, issues = article_files(directory)
    articles = []
    for path in files:
        size = path.stat().st_size
        if size > max_bytes:
            issues.append(LoadIssue(path.name, "skipped", f"file too large ({size:,} bytes > {max_bytes:,})"))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            issues.append(LoadIssue(path.name, "skipped", f"cannot read: {exc.strerror or exc}"))
            continue
        article, notes = parse_article(path.stem, data, str(path))
        if article is None:
            issues.append(LoadIssue(path.name, "skipped", "; ".join(notes)))
            continue
        articles.append(article)
        issues += [LoadIssue(path.name, "warning", note) for note in notes]
    return articles, issues


def corpus_fingerprint(directory: Path | str = ARTICLES_DIR) -> str:
    """A short hash of the names and contents of a folder's files: the corpus version."""
    directory = Path(directory)
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(directory.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                digest.update(path.name.encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]
