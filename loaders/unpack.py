"""Pure: uploaded files (name and bytes) -> the article files they hold, each accepted or refused with its reason.

Everything happens in memory: nothing is extracted to disk, so an entry's path is only a label, yet an unsafe one
(absolute, or climbing out with `..`) is refused all the same. Zip bombs are stopped three ways: an entry declaring
more than the size limit is refused unread, a high compression ratio is refused, and every read is bounded by the
limit whatever the header claims; the session's total and file count bound the rest.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from loaders.articles import ARTICLE_SUFFIXES, MAX_BYTES

ZIP_SUFFIX = ".zip"
MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """What one browser session may upload (the Upload page states these)."""

    files: int = 500  # article files a session holds
    file_bytes: int = MAX_BYTES  # one article file, unpacked
    upload_bytes: int = 10 * MB  # one uploaded file, a zip included (also Streamlit's server.maxUploadSize)
    total_bytes: int = 50 * MB  # every article of the session, unpacked
    zip_entries: int = 1_000  # entries of one zip
    zip_depth: int = 2  # an upload is depth 1: a zip inside a zip is read, a zip inside that is not
    zip_ratio: int = 100  # an entry unpacking to more than this many times its packed size

    def words(self) -> list[tuple[str, str]]:
        """Each limit as (what, how much) for the page."""
        return [
            ("Article files per session", f"{self.files:,}"),
            ("Size of one article file", f"{self.file_bytes / MB:g} MB"),
            ("Size of one uploaded file (a zip too)", f"{self.upload_bytes / MB:g} MB"),
            ("All articles of a session, unpacked", f"{self.total_bytes / MB:g} MB"),
            ("Entries in one zip", f"{self.zip_entries:,}"),
            ("Zips inside zips", "one level (a zip in a zip is read; a zip in that is not)"),
            ("Compression", f"an entry that unpacks to more than {self.zip_ratio}× its packed size is refused (zip bomb)"),
            ("Paths in a zip", "absolute paths, `..`, links and encrypted entries are refused"),
            ("File types", f"{', '.join(ARTICLE_SUFFIXES)} and {ZIP_SUFFIX}"),
        ]


LIMITS = Limits()


@dataclass(frozen=True)
class Entry:
    """One file found in the uploads: where it came from, its bytes when accepted, else why it was refused."""

    name: str
    data: bytes = b""
    reason: str = ""

    @property
    def accepted(self) -> bool:
        return not self.reason


@dataclass
class _Budget:
    files: int
    bytes: int
    limits: Limits

    def take(self, size: int) -> str:
        """Count one article of `size` bytes against the session, or say why it does not fit."""
        if self.files >= self.limits.files:
            return f"the session already holds {self.limits.files:,} article files (the limit)"
        if self.bytes + size > self.limits.total_bytes:
            return f"the session's articles would pass {self.limits.total_bytes / MB:g} MB unpacked (the limit)"
        self.files += 1
        self.bytes += size
        return ""


def unsafe_path(name: str) -> str:
    """Why a path inside a zip is unsafe ('' when it is not): absolute, a drive, or climbing out with '..'."""
    path = name.replace("\\", "/")
    if "\x00" in path:
        return "unsafe path (contains a NUL character)"
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "unsafe path (absolute)"
    if ".." in PurePosixPath(path).parts:
        return "unsafe path (climbs out of the archive with '..')"
    return ""


def _kind_problem(name: str) -> str:
    base = posixpath.basename(name.replace("\\", "/"))
    if base.startswith(".") or "__MACOSX/" in name:
        return "hidden or system file (not an article)"
    if not base.lower().endswith((*ARTICLE_SUFFIXES, ZIP_SUFFIX)):
        return f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)} or {ZIP_SUFFIX})"
    return ""


def _article(name: str, data: bytes, budget: _Budget) -> Entry:
    if len(data) > budget.limits.file_bytes:
        return Entry(name, reason=f"file too large ({len(data):,} bytes > {budget.limits.file_bytes:,})")
    refused = budget.take(len(data))
    return Entry(name, reason=refused) if refused else Entry(name, data)


def _entry_problem(info: zipfile.ZipInfo, limits: Limits, depth: int) -> str:
    """Why a zip entry is refused before reading it ('' when it may be read)."""
    unsafe = unsafe_path(info.filename)
    if unsafe:
        return unsafe
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        return "symbolic link (not read)"
    if info.flag_bits & 0x1:
        return "encrypted (not read)"
    kind = _kind_problem(info.filename)
    if kind:
        return kind
    nested = info.filename.lower().endswith(ZIP_SUFFIX)
    if nested and depth >= limits.zip_depth:
        return f"zip nested more than {limits.zip_depth - 1} level deep (not read)"
    limit = limits.upload_bytes if nested else limits.file_bytes
    if info.file_size > limit:
        return f"file too large ({info.file_size:,} bytes > {limit:,})"
    if info.file_size > 1_000 and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
        return f"compressed {info.file_size // max(info.compress_size, 1):,} to 1 (more than {limits.zip_ratio} to 1: a zip bomb?)"
    return ""


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[bytes, str]:
    """The entry's bytes, reading at most `limit` + 1 whatever its header says, or why it cannot be read."""
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        return b"", f"cannot be unpacked ({type(exc).__name__}: {exc})"
    except Exception as exc:  # zlib.error and friends: a damaged entry must never stop the rest
        return b"", f"cannot be unpacked ({type(exc).__name__})"
    if len(data) > limit:
        return b"", f"unpacks to more than its header says and past {limit:,} bytes (not read)"
    return data, ""


def _unpack_zip(name: str, data: bytes, budget: _Budget, depth: int) -> list[Entry]:
    limits = budget.limits
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError) as exc:
        return [Entry(name, reason=f"not a readable zip ({exc})")]
    files = [info for info in infos if not info.is_dir()]
    entries = []
    for info in files[: limits.zip_entries]:
        label = f"{name}/{info.filename}"
        problem = _entry_problem(info, limits, depth)
        if problem:
            entries.append(Entry(label, reason=problem))
            continue
        nested = info.filename.lower().endswith(ZIP_SUFFIX)
        content, problem = _read_entry(archive, info, limits.upload_bytes if nested else limits.file_bytes)
        if problem:
            entries.append(Entry(label, reason=problem))
        elif nested:
            entries += _unpack_zip(label, content, budget, depth + 1)
        else:
            entries.append(_article(label, content, budget))
    if len(files) > limits.zip_entries:
        more = len(files) - limits.zip_entries
        entries.append(
            Entry(f"{name} ({more:,} more entries)", reason=f"a zip holds at most {limits.zip_entries:,} entries; the rest were not read")
        )
    return entries


def unpack(files: list[tuple[str, bytes]], limits: Limits = LIMITS, used_files: int = 0, used_bytes: int = 0) -> list[Entry]:
    """Every article file in the uploads, in order, each accepted or refused with its reason; the session already holds
    `used_files` articles of `used_bytes` bytes."""
    budget = _Budget(used_files, used_bytes, limits)
    entries = []
    for name, data in files:
        if len(data) > limits.upload_bytes:
            entries.append(Entry(name, reason=f"upload too large ({len(data):,} bytes > {limits.upload_bytes:,})"))
        elif kind := _kind_problem(name):
            entries.append(Entry(name, reason=kind))
        elif name.lower().endswith(ZIP_SUFFIX):
            entries += _unpack_zip(name, data, budget, depth=1)
        else:
            entries.append(_article(name, data, budget))
    return entries
