"""Pure: one browser session's uploaded articles — read and extracted with progress, checked against each other, the
bundled articles and the landmarks, and written back as front-matter text so the work can be uploaded again.

Nothing here touches the disk: uploads arrive as (name, bytes) and leave as a zip in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd
import yaml

from loaders.articles import FRONT_MATTER_KEYS, Article, LoadIssue, parse_article
from loaders.events import extract_events
from loaders.formats import HTML_DATE_KIND
from loaders.merge import same_event
from loaders.reference import Landmark
from loaders.unpack import LIMITS, Limits, unpack

PREFIX = "up_"  # every uploaded article id starts so: a link naming one is known to come from someone's session
MERGE, REPLACE = "merge", "replace"
READ, WARNED, SKIPPED = "read", "read, with warnings", "skipped"
UNDATED = "undated: no date found for the event"
OFF_TOPIC = "not about the topic: no phrase of the migration policy vocabulary"
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")

Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass(frozen=True)
class FileReport:
    """What became of one uploaded file: read (as which article) or skipped, and what was noticed on the way."""

    name: str
    status: str  # READ or SKIPPED; WARNED is decided once the session's table is built
    reason: str = ""  # why it was skipped
    article_id: str = ""
    notes: tuple[str, ...] = ()  # warnings while reading (encoding, front matter, the page's metadata)
    events: int = 0  # events extracted from it (its main event and those it mentions)


@dataclass(frozen=True)
class Uploads:
    """A session's uploaded articles, their extracted rows and a report of every file, in upload order."""

    articles: tuple[Article, ...] = ()
    rows: tuple[dict, ...] = ()
    reports: tuple[FileReport, ...] = ()
    size: int = 0  # bytes of the articles kept

    def fingerprint(self) -> str:
        """A short hash of the articles' ids and texts: part of the session's data version."""
        digest = hashlib.sha256()
        for article in self.articles:
            digest.update(article.article_id.encode() + b"\0" + article.text.encode() + b"\0")
        return digest.hexdigest()[:6]

    def issues(self) -> list[LoadIssue]:
        """The reports as the load report lists files: skipped ones, and warnings while reading."""
        skipped = [LoadIssue(r.name, "skipped", r.reason) for r in self.reports if r.status == SKIPPED]
        return skipped + [LoadIssue(r.name, "warning", note) for r in self.reports for note in r.notes]


def article_id_for(name: str, taken: set[str]) -> str:
    """A new article id from a file name: PREFIX, the stem's safe characters, and -2, -3... when already taken."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    base = PREFIX + (_UNSAFE_ID.sub("_", stem).strip("._-") or "article")[:80]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def text_digest(text: str) -> str:
    """A hash of an article's words, blind to spacing: two files with this hash say the same."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def ingest(
    files: Iterable[tuple[str, bytes]],
    matchers,
    uploads: Uploads = Uploads(),
    known: Mapping[str, str] | None = None,
    limits: Limits = LIMITS,
    progress: Progress | None = None,
) -> Uploads:
    """The session's uploads with these files added: unpacked within the limits, read, extracted. A file whose text
    another file already has (`known` maps the digests of the bundled articles to their names) is skipped."""
    entries = unpack(list(files), limits, len(uploads.articles), uploads.size)
    taken = {a.article_id for a in uploads.articles}
    names = {r.article_id: r.name for r in uploads.reports if r.article_id}
    seen = {**(known or {}), **{text_digest(a.text): names.get(a.article_id, a.article_id) for a in uploads.articles}}
    articles, rows, reports, size = list(uploads.articles), list(uploads.rows), list(uploads.reports), uploads.size
    for done, entry in enumerate(entries):
        if progress:
            progress(done, len(entries))
        if not entry.accepted:
            reports.append(FileReport(entry.name, SKIPPED, entry.reason))
            continue
        article_id = article_id_for(entry.name, taken)
        article, notes = parse_article(article_id, entry.data, entry.name)
        if article is None:
            reports.append(FileReport(entry.name, SKIPPED, "; ".join(notes)))
            continue
        digest = text_digest(article.text)
        if digest in seen:
            reports.append(FileReport(entry.name, SKIPPED, f"duplicate: the same text as {seen[digest]}"))
            continue
        try:
            extracted = extract_events(article, matchers)
        except Exception as exc:  # one bad article must never stop the rest
            reports.append(FileReport(entry.name, SKIPPED, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        taken.add(article_id)
        seen[digest] = entry.name
        articles.append(article)
        rows += extracted
        size += len(entry.data)
        reports.append(FileReport(entry.name, READ, article_id=article_id, notes=tuple(notes), events=len(extracted)))
    if progress:
        progress(len(entries), len(entries))
    return Uploads(tuple(articles), tuple(rows), tuple(reports), size)


def landmark_row(landmark: Landmark) -> dict:
    """A landmark as an event row, for the rule that says when two events are the same (loaders.merge)."""
    return {
        "event_id": f"landmark:{landmark.landmark_id}",
        "article_id": "",
        "role": "landmark",
        "date": landmark.date,
        "date_earliest": landmark.date,
        "date_latest": landmark.date_end or landmark.date,
        "date_precision": landmark.precision,
        "countries": list(landmark.countries),
        "policy_types": list(landmark.policy_types),
        "title": landmark.title,
        "summary": landmark.summary,
    }


def _same_event_elsewhere(article_id: str, events: pd.DataFrame, names: Mapping[str, str]) -> list[str]:
    """The other articles whose report of this article's main event was merged with it, by file name."""
    main_id = f"{article_id}-0"
    hits = events[(events["event_id"] == main_id) | events["merged_event_ids"].map(lambda ids: main_id in ids)]
    if hits.empty:
        return []
    others = [a for a in hits.iloc[0]["source_articles"] if a != article_id]
    return [names.get(a, f"bundled article {a}") for a in others]


def file_warnings(report: FileReport, rows: list[dict], events: pd.DataFrame, landmarks: list[dict], names: Mapping[str, str]) -> list[str]:
    """What a read file's events call for a look at: undated, not about the topic, the same event as another file or
    as a landmark (then it is on the timeline twice: as an event and as the landmark)."""
    main = next((row for row in rows if row["event_id"] == f"{report.article_id}-0"), None)
    if main is None:
        return list(report.notes)
    found = list(report.notes)
    if main["date"] is None:
        found.append(UNDATED)
    if not main["policy_types"]:
        found.append(OFF_TOPIC)
    found += [f"duplicate: the same event as {other}" for other in _same_event_elsewhere(report.article_id, events, names)]
    for landmark in landmarks:
        if same_event(main, landmark) is not None:
            found.append(f"duplicate of a landmark: “{landmark['title']}” ({landmark['date']:%Y-%m-%d})")
    return found


def status_table(uploads: Uploads, events: pd.DataFrame, landmarks: Iterable[Landmark] = ()) -> pd.DataFrame:
    """Every uploaded file: read, read with warnings, or skipped, the events it gave, its main event's date and why."""
    landmark_rows = [landmark_row(landmark) for landmark in landmarks]
    names = {r.article_id: r.name for r in uploads.reports if r.article_id}
    by_article: dict[str, list[dict]] = {}
    for row in uploads.rows:
        by_article.setdefault(row["article_id"], []).append(row)
    records = []
    for report in uploads.reports:
        if report.status == SKIPPED:
            records.append({"file": report.name, "status": SKIPPED, "events": 0, "date": "", "why": report.reason, "article_id": ""})
            continue
        rows = by_article.get(report.article_id, [])
        warnings = file_warnings(report, rows, events, landmark_rows, names)
        main = rows[0] if rows else None
        day = f"{main['date']:%Y-%m-%d} ({main['date_confidence']})" if main and main["date"] else "undated"
        status = WARNED if warnings else READ
        records.append(
            {
                "file": report.name,
                "status": status,
                "events": report.events,
                "date": day,
                "why": "; ".join(warnings),
                "article_id": report.article_id,
            }
        )
    return pd.DataFrame(records, columns=["file", "status", "events", "date", "why", "article_id"])


def front_matter_text(article: Article, name: str = "") -> str:
    """An article as a text file with front matter: what the loaders read back as the same article."""
    meta = {key: article.meta[key] for key in FRONT_MATTER_KEYS if article.meta.get(key) not in (None, "")}
    if isinstance(meta.get("published"), dt.datetime):
        meta["published"] = meta["published"].date()
    if not meta:
        return article.text
    comments = [f"# uploaded as {' '.join(name.split())}"] if name else []
    if article.meta.get("published_kind") == HTML_DATE_KIND:
        comments.append("# title, url, source and published were read from the page's metadata")
    block = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).splitlines()
    return "\n".join(["---", *comments, *block, "---", article.text])


def articles_zip(uploads: Uploads) -> bytes:
    """A zip of the session's articles as front-matter text files, one per article (named after its id)."""
    names = {r.article_id: r.name for r in uploads.reports if r.article_id}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for article in uploads.articles:
            stem = article.article_id.removeprefix(PREFIX)
            archive.writestr(f"articles/{stem}.txt", front_matter_text(article, names.get(article.article_id, "")))
    return buffer.getvalue()


def without(uploads: Uploads) -> Uploads:
    """No uploads (what 'remove my articles' leaves)."""
    return replace(uploads, articles=(), rows=(), reports=(), size=0)


def session_version(base_version: str, uploads: Uploads, mode: str) -> str:
    """The data version of a session's table: the server's, plus the number and a hash of the uploaded articles
    (`+up12.3f9a1c`); with only uploaded articles, `up12.3f9a1c.` and the reference and curation parts."""
    part = f"up{len(uploads.articles)}.{uploads.fingerprint()}"
    return f"{base_version}+{part}" if mode == MERGE else f"{part}.{base_version[6:]}"


def corpus_words(count: int, mode: str) -> str:
    """What a session's table is made of, in words (for the citation and the home page)."""
    uploaded = f"{count} article{'s' if count != 1 else ''} uploaded in one browser session (not on the server)"
    return f"the bundled articles and {uploaded}" if mode == MERGE else f"only {uploaded}"
