"""Every st.cache_* wrapper of the dashboard: thin wrappers over pure functions, keyed on the data version."""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from loaders import Corpus, build_corpus, data_version, default_articles_dir
from loaders.lexicon import Lexicon
from loaders.progress import Report, after_delay, describe, quiet
from loaders.reference import Reference, read_reference
from ui.charts import LISTED, hover_columns, list_words
from ui.compare import event_directions
from ui.data import choices_for, prepare_events
from ui.landmarks import build_landmarks, link_events
from ui.policies import build_policies
from ui.style import Style, build_style
from ui.view import Choices

LOG = get_logger(__name__)
BUILT = "Built the dataset"  # the start of the log line each build writes: benchmarks/load.py counts them


@dataclass(frozen=True)
class Dataset:
    """One data version, shared by every session: never mutate it."""

    corpus: Corpus
    reference: Reference
    style: Style
    events: pd.DataFrame
    choices: Choices
    articles_dir: Path
    landmarks: pd.DataFrame  # the period's landmarks as event rows (`role = landmark`), with their labels and hovers
    policies: pd.DataFrame  # the named policies the timeline draws as spans
    uploaded: int = 0  # articles uploaded in this browser session that the table includes (ui.session)
    corpus_note: str = ""  # what the table is made of, in words, when it is not the server's corpus
    built_at: str = ""  # when it was built (UTC, HH:MM)
    stale: str = ""  # set when a newer data version could not be built and this older one is served instead


def build_dataset(articles_dir: Path, progress: Report = quiet) -> Dataset:
    """Read the corpus and reference tables and derive what every page needs."""
    reference = read_reference()
    corpus = build_corpus(articles_dir, progress=progress)
    progress(0, 0, "Preparing the pages")
    return dataset_of(corpus, reference, build_style(reference), articles_dir)


def dataset_of(corpus: Corpus, reference: Reference, style: Style, articles_dir: Path, uploaded: int = 0, corpus_note: str = "") -> Dataset:
    """What every page needs from a corpus: the prepared table, its hover labels and the view's choices."""
    events = prepare_events(corpus.events)
    events["hover"] = hover_columns(events, style)  # the timeline's labels, built once per data version
    events[list(LISTED)] = list_words(events, style)  # the event list's words, likewise
    landmarks = build_landmarks(reference, style)
    events["landmark_id"] = link_events(events, landmarks)
    events["direction"] = event_directions(events, Lexicon.from_reference(reference))  # Compare's balance, read once
    built = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    choices = replace(choices_for(events, style, landmarks), uploaded=uploaded)
    policies = build_policies(reference.named_policies, style)
    return Dataset(corpus, reference, style, events, choices, articles_dir, landmarks, policies, uploaded, corpus_note, built)


@st.cache_resource(max_entries=4, show_spinner="Reading the articles and reference tables…")
def _dataset(articles_dir: str, version: str, _built: Dataset | None = None) -> Dataset:
    """The dataset of one folder at one data version (the version is the cache key: it changes with any file): `_built`
    when the caller has just built it, else built here. Kept once per server process and version for every session."""
    return _built or timed_build(Path(articles_dir), version)


def timed_build(articles_dir: Path, version: str, progress: Report = quiet) -> Dataset:
    """Build a dataset and log how long it took, so a host can see when it happens."""
    started = time.perf_counter()
    dataset = build_dataset(articles_dir, progress)
    settle_long_lived()
    LOG.info(
        "%s of %s at data version %s: %d events in %.1f s", BUILT, articles_dir, version, len(dataset.events), time.perf_counter() - started
    )
    return dataset


def settle_long_lived() -> None:
    """Exempt what lives as long as the server (modules, reference tables, cached datasets) from garbage collection.

    Streamlit runs a full collection after every script run (`runner.postScriptGC`): over the hundreds of thousands
    of objects of pandas, plotly, dateparser and the cached tables, that was two thirds of the server's time per rerun.
    Collected once and frozen (`gc.freeze`), they are skipped from then on; what a run creates is still collected.
    Called after each build (once per data version): unfrozen first, so a dataset the cache let go is collected too.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class DataUnavailable(RuntimeError):
    """No event table can be served: the first build failed (the server log says why)."""


# The last dataset served per folder, and the data versions whose build failed (not tried again until a file changes).
_LAST_GOOD: dict[str, Dataset] = {}
_FAILED: dict[tuple[str, str], str] = {}
_LOCK = threading.Lock()
_building = threading.Lock()  # one build at a time: a session arriving meanwhile waits for it, then shares it
_built: OrderedDict[tuple[str, str], None] = OrderedDict()  # (folder, version) built in this process, the last few


def load_dataset() -> Dataset:
    """The dataset for $ARTICLES_DIR (or data/articles/), rebuilt only when an article, reference table or the curation
    file changes. When a rebuild fails, the last good dataset is served with `stale` set, until a file changes again."""
    articles_dir = default_articles_dir().resolve()
    folder = str(articles_dir)
    try:
        version = data_version(articles_dir)
    except OSError as exc:  # a file the version is made of cannot be read: build to find out, and report
        version = f"unreadable: {type(exc).__name__}"
    if (folder, version) not in _FAILED:
        try:
            dataset = _fresh(folder, version)
        except Exception as exc:  # one failed rebuild must not take every page down: serve the last good table
            LOG.exception("Rebuilding the dataset of %s at data version %s failed; serving the last good one", folder, version)
            with _LOCK:
                _FAILED[(folder, version)] = type(exc).__name__
        else:
            with _LOCK:
                _LAST_GOOD[folder] = dataset
            return dataset
    last = _LAST_GOOD.get(folder)
    if last is None:
        raise DataUnavailable("the event table could not be built")
    return replace(last, stale=f"the data changed but could not be rebuilt ({_FAILED[(folder, version)]})")


def _fresh(folder: str, version: str) -> Dataset:
    """The dataset of a folder at a version: a new version is built here, outside the cached function, so its progress
    bar is drawn as any element (drawn inside, it would be replayed on every later run), and then handed to the cache."""
    key = (folder, version)
    if key not in _built:
        with st.spinner("Reading the articles and reference tables…"), _building:
            if key not in _built:
                slot = st.empty()
                try:
                    dataset = timed_build(Path(folder), version, after_delay(progress_bar(slot)))
                finally:
                    slot.empty()
                _built[key] = None
                while len(_built) > 8:
                    _built.popitem(last=False)
                return _dataset(*key, _built=dataset)
    return _dataset(*key)


def progress_bar(slot) -> Report:
    """Progress drawn as a bar in `slot`, redrawn when the step or the whole percent changes (a message per article
    would flood the browser)."""
    shown: list[tuple[str, int]] = [("", 0)]

    def draw(done: int, total: int, doing: str) -> None:
        percent = done * 100 // total if total else shown[-1][1]  # a step not counted in articles keeps the bar where it is
        if shown[-1] != (doing, percent):
            shown.append((doing, percent))
            slot.progress(percent / 100, text=describe(done, total, doing))

    return draw
