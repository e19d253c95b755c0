"""Read article files into raw articles (the only module that reads article files).

Each file stands alone: a file that cannot be an article becomes a "skipped: why" line and the others load. The
corpus fingerprint lists the folder by the same rules, so it never trips on a file the reader skips.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from loaders.formats import HTML_SUFFIXES, MARKDOWN_SUFFIXES, extract_page, is_html, is_markdown, markdown_text
from loaders.supported import unsupported_date

ARTICLES_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"
ARTICLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
MAX_BYTES = 2_000_000
# Characters of an article's text read; beyond this a page is comments, archives or a listing, and the cost of reading
# it (linear, but a few seconds per megabyte) would hold up every rebuild. The event is told at the top.
MAX_TEXT_CHARS = 100_000
MAX_FRONT_MATTER = 16_000  # characters: metadata is a few lines; a bigger block is not front matter
FRONT_MATTER_KEYS = ("url", "source", "published", "language", "title")
QUOTE_CHARS = 60  # how much of a bad value a warning quotes
LISTED_KEYS = 5  # unknown front matter keys named in a warning
MAX_FLOW_DEPTH = 8  # [ and { nested deeper than this: the YAML scanner slows quadratically, and metadata never needs it


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


@dataclass(frozen=True)
class ArticleFile:
    """A regular file the reader will read, with what identifies its version (size, modification time, inode)."""

    location: str  # the path as a string: a folder of thousands is listed on every rerun, and pathlib is slow
    name: str
    size: int
    mtime_ns: int
    inode: int

    @property
    def path(self) -> Path:
        return Path(self.location)


# Front matter ----------------------------------------------------------------------------------------------------


class _FrontMatterLoader(yaml.BaseLoader):
    """YAML with every scalar a string (no int or date conversion to overflow) and no aliases (no alias bombs)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter", event.start_mark)
        return super().compose_node(parent, index)


def _short(value: object) -> str:
    """A value quoted in a warning, cut to QUOTE_CHARS characters."""
    shown = repr(value)
    return shown if len(shown) <= QUOTE_CHARS else shown[: QUOTE_CHARS - 1] + "…"


def _flow_depth(block: str) -> int:
    """How deeply [ and { nest in a block (brackets inside quotes count too: a cheap upper bound)."""
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def _parse_block(block: str) -> tuple[object, list[str]]:
    """The YAML of a front matter block, or its 'key: value' lines with a warning when YAML cannot read it."""
    if len(block) > MAX_FRONT_MATTER:
        return {}, [f"front matter longer than {MAX_FRONT_MATTER:,} characters; ignored"]
    if _flow_depth(block) > MAX_FLOW_DEPTH:
        return _loose_front_matter(block), [
            f"front matter nests brackets more than {MAX_FLOW_DEPTH} deep; read line by line as 'key: value'"
        ]
    try:
        return (yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}), []  # a string-only loader without aliases: safe
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _loose_front_matter(block), [f"front matter is not valid YAML ({first}); read line by line as 'key: value'"]
    except RecursionError:
        return _loose_front_matter(block), ["front matter is nested too deeply for YAML; read line by line as 'key: value'"]


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
    body = "\n".join(lines[end + 1 :])
    meta, warnings = _parse_block("\n".join(lines[1:end]))
    if not isinstance(meta, dict):
        return {}, body, [*warnings, "front matter is not a mapping of keys to values; ignored"]
    unknown = [key for key in meta if key not in FRONT_MATTER_KEYS]
    if unknown:
        named = ", ".join(_short(key) for key in unknown[:LISTED_KEYS]) + (
            f" and {len(unknown) - LISTED_KEYS} more" if len(unknown) > LISTED_KEYS else ""
        )
        warnings.append(f"unknown front matter key{'s' if len(unknown) > 1 else ''} {named} ignored")
    clean = {}
    for key in FRONT_MATTER_KEYS:
        value = meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            warnings.append(f"front matter {key!r} is not text ({type(value).__name__}); ignored")
            continue
        if key == "published":
            published, problem = resolve_published(value)
            if problem:
                warnings.append(problem)
                continue
            clean[key] = published
        elif value.strip():
            clean[key] = value.strip()
    return clean, body, warnings


def resolve_published(value: str) -> tuple[dt.date | None, str]:
    """The front matter's publication date (ISO, time ignored), or None and why it is not one."""
    try:
        day = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None, f"front matter 'published' {_short(value)} is not a date (expected YYYY-MM-DD); ignored"
    problem = unsupported_date(day)
    return (None, f"front matter 'published' {problem}; ignored") if problem else (day, "")


def _loose_front_matter(block: str) -> dict:
    """'key: value' lines of a front matter block YAML cannot read (e.g. an unquoted title with a quote)."""
    meta = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            meta[key.strip()] = value.strip()
    return meta


# Bytes to text ---------------------------------------------------------------------------------------------------

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
SNIFF_BYTES = 4096


def _zero_share(sample: bytes, width: int, position: int) -> float:
    column = sample[position::width]
    return column.count(0) / len(column) if column else 0.0


def _wide_encoding(data: bytes) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 recognised by its byte order mark, or by where its zero bytes fall: (codec, warning)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, ""
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 4]
    if len(sample) < 8:
        return None
    for codec, width, text_at in (("utf-32-le", 4, 0), ("utf-32-be", 4, 3), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1)):
        zeros = [_zero_share(sample, width, p) for p in range(width)]
        if zeros[text_at] < 0.5 and all(z > 0.9 for p, z in enumerate(zeros) if p != text_at):
            # the zero bytes only say "wide text" when most characters are ASCII: check that they are
            ascii = sample[text_at::width]
            if sum(32 <= b < 127 or b in b"\t\n\r" for b in ascii) >= 0.8 * len(ascii):
                return codec, f"no byte order mark; read as {codec.upper()} from where its zero bytes fall"
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
    wide = _wide_encoding(data)
    if wide:
        codec, note = wide
        try:
            text, warnings = data.decode(codec).lstrip("\ufeff"), [note] if note else []
        except UnicodeDecodeError:
            return None, [f"binary file (looks like {codec.upper()} but does not decode as it)"]
        if "\x00" in text:
            return None, ["binary file (contains NUL characters)"]
    elif b"\x00" in data[:8192]:
        return None, ["binary file (contains NUL bytes)"]
    else:
        text, warnings = decode_bytes(data)
    meta, body, fm_warnings = split_article(normalize_text(text), path)
    warnings += fm_warnings
    if not body.strip():
        return None, [*warnings, "no text after the front matter"]
    if len(body) > MAX_TEXT_CHARS:
        cut = max(body.rfind(space, MAX_TEXT_CHARS // 2, MAX_TEXT_CHARS) for space in " \n")  # between words
        body = body[: cut if cut > 0 else MAX_TEXT_CHARS]
        warnings.append(f"text longer than {MAX_TEXT_CHARS:,} characters: only the first {len(body):,} are read")
    return Article(article_id=article_id, text=body, meta=meta, path=path, warnings=tuple(warnings)), warnings


# Files -----------------------------------------------------------------------------------------------------------


def shown_name(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 become '�'."""
    return os.fsencode(name).decode("utf-8", "replace")


def _entry_problem(entry: os.DirEntry, max_bytes: int) -> tuple[str, os.stat_result | None]:
    """Why a folder entry is not an article file to read ('' when it is), and its status (links followed)."""
    try:
        entry.name.encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8 (rename it)", None
    try:
        status = entry.stat()
    except FileNotFoundError:
        return ("broken link (its target does not exist)" if entry.is_symlink() else "vanished while the folder was read"), None
    except OSError as exc:
        return ("link loop (the link points back to itself)" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror or exc}"), None
    if stat.S_ISDIR(status.st_mode):
        return "folder (sub-folders are not read)", status
    if os.path.splitext(entry.name)[1].lower() not in ARTICLE_SUFFIXES:
        return f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)})", status
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a pipe, socket or device)", status
    if status.st_size > max_bytes:
        return f"file too large ({status.st_size:,} bytes > {max_bytes:,})", status
    return "", status


def scan_articles(directory: Path | str, max_bytes: int = MAX_BYTES) -> tuple[list[ArticleFile], list[LoadIssue]]:
    """The article files of a folder in name order, and a "skipped: why" line for every other visible entry."""
    with os.scandir(directory) as listing:
        entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    files, issues, stems = [], [], {}
    for entry in entries:
        problem, status = _entry_problem(entry, max_bytes)
        stem = os.path.splitext(entry.name)[0]
        if not problem and stem in stems:  # the stem is the article id: story.txt and story.html cannot both be read
            problem = f"same article id as {stems[stem]} (the file name without its extension)"
        if problem:
            issues.append(LoadIssue(shown_name(entry.name), "skipped", problem))
        else:
            stems[stem] = entry.name
            files.append(ArticleFile(entry.path, entry.name, status.st_size, status.st_mtime_ns, status.st_ino))
    return files, issues


class NotAnArticleFile(OSError):
    """The path turned out not to be a regular file small enough to read."""


def read_article_bytes(path: Path | str, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes. Opened without blocking and checked once open, so a pipe or device put in its place
    since the folder was listed is refused instead of hanging the load."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotAnArticleFile("not a regular file (a pipe, socket or device)")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotAnArticleFile(f"file too large (> {max_bytes:,} bytes)")
    return data


def _read_problem(exc: OSError) -> str:
    return str(exc) if isinstance(exc, NotAnArticleFile) else f"cannot read: {exc.strerror or type(exc).__name__}"


def read_articles(directory: Path | str = ARTICLES_DIR, max_bytes: int = MAX_BYTES) -> tuple[list[Article], list[LoadIssue]]:
    """Read every article file of a folder; report each file skipped or loaded with a warning."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"article folder not found: {directory}")
    files, issues = scan_articles(directory, max_bytes)
    articles = []
    for file in files:
        try:
            data = read_article_bytes(file.location, max_bytes)
        except OSError as exc:
            issues.append(LoadIssue(file.name, "skipped", _read_problem(exc)))
            continue
        article, notes = parse_article(os.path.splitext(file.name)[0], data, file.location)
        if article is None:
            issues.append(LoadIssue(file.name, "skipped", "; ".join(notes)))
            continue
        articles.append(article)
        issues += [LoadIssue(file.name, "warning", note) for note in notes]
    return articles, issues


# Fingerprint -----------------------------------------------------------------------------------------------------

_DIGESTS: dict[tuple[str, int, int, int], bytes] = {}  # (path, size, mtime_ns, inode) -> digest of the bytes
_DIGESTS_LOCK = threading.Lock()
MAX_DIGESTS = 200_000


MAX_LISTINGS = 8  # the folders' listings whose fingerprints are kept (the last few; a listing of 10,000 files is ~2 MB)
_FINGERPRINTS: dict[tuple[str, tuple], str] = {}


def _file_digest(file: ArticleFile) -> bytes:
    """The digest of a file's bytes, computed again only when its size, modification time or inode changed."""
    key = (file.location, file.size, file.mtime_ns, file.inode)
    digest = _DIGESTS.get(key)
    if digest is None:
        try:
            digest = hashlib.sha256(read_article_bytes(file.location)).digest()
        except OSError as exc:
            return f"unreadable: {_read_problem(exc)}".encode()  # not remembered: tried again next time
        with _DIGESTS_LOCK:
            if len(_DIGESTS) >= MAX_DIGESTS:
                _DIGESTS.clear()
            _DIGESTS[key] = digest
    return digest


def _fingerprint_parts(directory: Path) -> Iterator[bytes]:
    files, issues = scan_articles(directory)
    for file in files:
        yield os.fsencode(file.name) + b"\0" + _file_digest(file)
    for issue in issues:  # a skipped entry changes the load report, so it changes the version too
        yield f"{issue.file}\0{issue.status}\0{issue.reason}".encode()


def corpus_fingerprint(directory: Path | str = ARTICLES_DIR) -> str:
    """A short hash of the article files (name and bytes) and the entries skipped: the corpus version.

    Files are listed by the reader's rules; a file's bytes are hashed again only when its size, modification time or
    inode changed, so the check on every rerun costs a folder listing.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return hashlib.sha256().hexdigest()[:12]
    key = (str(directory), listing(directory))
    known = _FINGERPRINTS.get(key)
    if known is None:
        digest = hashlib.sha256()
        for part in _fingerprint_parts(directory):
            digest.update(hashlib.sha256(part).digest())
        known = digest.hexdigest()[:12]
        with _DIGESTS_LOCK:
            while len(_FINGERPRINTS) >= MAX_LISTINGS:
                _FINGERPRINTS.pop(next(iter(_FINGERPRINTS)))
            _FINGERPRINTS[key] = known
    return known


def listing(directory: Path | str) -> tuple:
    """Every entry of a folder as (name, mode, size, modification time, inode), or (name, the error its status gave),
    in name order: the fingerprint is a function of it, so an unchanged listing reuses the fingerprint it gave (the
    rules of `scan_articles` cost ~20 us a file on a slow machine, 0.2 s a rerun at 10,000 articles; this ~4 us)."""
    entries = []
    with os.scandir(directory) as found:
        for entry in found:
            try:
                status = entry.stat()
            except OSError as exc:
                entries.append((entry.name, type(exc).__name__, exc.errno))
            else:
                entries.append((entry.name, status.st_mode, status.st_size, status.st_mtime_ns, status.st_ino))
    return tuple(sorted(entries))
