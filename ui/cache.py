"""Every st.cache_* wrapper of the dashboard: thin wrappers over pure functions, keyed on the data version."""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from loaders import Corpus, build_corpus, data_version, default_articles_dir
from loaders.reference import Reference, read_reference
from ui.charts import hover_columns
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


def build_dataset(articles_dir: Path) -> Dataset:
    """Read the corpus and reference tables and derive what every page needs."""
    corpus = build_corpus(articles_dir)
    reference = read_reference()
    style = build_style(reference)
    events = prepare_events(corpus.events)
    events["hover"] = hover_columns(events, style)  # the timeline's labels, built once per data version
    landmarks = build_landmarks(reference, style)
    events["landmark_id"] = link_events(events, landmarks)
    choices = choices_for(events, style, landmarks)
    return Dataset(corpus, reference, style, events, choices, articles_dir, landmarks, build_policies(reference.named_policies, style))


@st.cache_resource(max_entries=4, show_spinner="Reading the articles and reference tables…")
def _dataset(articles_dir: str, version: str) -> Dataset:
    """The dataset of one folder at one data version (the version is the cache key: it changes with any file).

    Built once per server process and version, and shared by every session; the log says when, so a host can see it.
    """
    started = time.perf_counter()
    dataset = build_dataset(Path(articles_dir))
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


def load_dataset() -> Dataset:
    """The dataset for $ARTICLES_DIR (or data/articles/), rebuilt only when an article or reference file changes."""
    articles_dir = default_articles_dir().resolve()
    return _dataset(str(articles_dir), data_version(articles_dir))
