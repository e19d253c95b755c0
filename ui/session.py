"""A browser session's own articles: kept in that session's memory only, read with a progress bar, and merged with (or
replacing) the server's corpus into the dataset every page of that session uses.

Uploaded bytes never reach the disk: Streamlit keeps uploads in memory, they are read from memory, and what is kept
(the articles, their rows, the session's table) lives in st.session_state, which no other session sees and which ends
with the session. The server's dataset is shared and never changed.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from loaders import assemble_corpus, extract_articles, matchers_for
from loaders.curation import CURATION_FILE, curation_path
from loaders.uploads import MERGE, REPLACE, Uploads, corpus_words, ingest, session_version, text_digest, without
from ui.cache import Dataset, dataset_of
from ui.review import Store

UPLOADS, MODE, BUILT = "uploads", "uploads_mode", "uploads_dataset"
MODES = {MERGE: "Add them to the bundled articles", REPLACE: "Use only my articles"}


def current_uploads() -> Uploads:
    """This session's uploads (none yet: empty)."""
    return st.session_state.get(UPLOADS) or Uploads()


def current_mode() -> str:
    return st.session_state.get(MODE, MERGE)


@st.cache_resource(max_entries=2, show_spinner=False)
def _server_rows(version: str, _data: Dataset) -> tuple[dict, ...]:
    """The server corpus's extracted rows (before merging), once per data version for every session: never mutated."""
    rows, _ = extract_articles(list(_data.corpus.articles.values()), matchers_for())
    return tuple(rows)


@st.cache_resource(max_entries=2, show_spinner=False)
def _server_digests(version: str, _data: Dataset) -> dict[str, str]:
    """The server's articles by the hash of their words, so an upload of one of them is known as a duplicate."""
    return {text_digest(a.text): f"bundled article {a.article_id}" for a in _data.corpus.articles.values()}


def build_session_dataset(base: Dataset, uploads: Uploads, mode: str) -> Dataset:
    """The server's dataset with this session's articles added (or alone), built as the server's is."""
    rows = [dict(r) for r in uploads.rows]
    articles = list(uploads.articles)
    issues = uploads.issues()
    if mode == MERGE:
        rows = [dict(r) for r in _server_rows(base.corpus.version, base)] + rows
        articles = list(base.corpus.articles.values()) + articles
        curation_files = {CURATION_FILE, curation_path().name}  # curation is applied again to the session's rows
        issues = [i for i in base.corpus.issues if i.file not in curation_files] + issues
    version = session_version(base.corpus.version, uploads, mode)
    corpus = assemble_corpus(rows, articles, issues, matchers_for(), None, version)
    note = corpus_words(len(uploads.articles), mode)
    return dataset_of(corpus, base.reference, base.style, base.articles_dir, len(uploads.articles), note)


def session_data(base: Dataset) -> Dataset:
    """The dataset this session's pages show: the server's, or the server's with the session's uploads (rebuilt only when
    the uploads, the mode or the server's data version change)."""
    uploads = current_uploads()
    if not uploads.articles:
        return base
    key = (base.corpus.version, uploads.fingerprint(), len(uploads.articles), current_mode())
    built = st.session_state.get(BUILT)
    if built is None or built[0] != key:
        with st.spinner("Building the event table with your articles…"):
            built = (key, build_session_dataset(base, uploads, current_mode()))
        st.session_state[BUILT] = built
    return built[1]


def read_files(files: list[tuple[str, bytes]], base: Dataset) -> Uploads:
    """Add uploaded files to the session's articles, with a progress bar the whole time (it names no file: file names are
    untrusted, and the bar's text is Markdown)."""
    bar = st.progress(0.0, text="Unpacking…")

    def step(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Reading file {min(done + 1, total)} of {total}…")

    uploads = ingest(files, matchers_for(), current_uploads(), _server_digests(base.corpus.version, base), progress=step)
    bar.progress(1.0, text="Building the event table…")
    st.session_state[UPLOADS] = uploads
    return uploads


def forget_uploads() -> None:
    """Remove this session's articles (a button's callback)."""
    st.session_state[UPLOADS] = without(current_uploads())
    st.session_state.pop(BUILT, None)


def set_mode(key: str) -> None:
    """Keep the mode chosen in a widget (whose own state ends when the visitor leaves the page)."""
    st.session_state[MODE] = st.session_state[key]


def review_store(store: Store, data: Dataset) -> Store:
    """Where the Review page's corrections go: with uploaded articles in, only the download (the server's curation file
    must never name a session's events)."""
    if not data.uploaded:
        return store
    return replace(store, writable=False, why="this session's table includes your uploaded articles, which the server does not have")
