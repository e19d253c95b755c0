"""The bar of the extraction issue: team-written development corpus and seeds together."""

import subprocess
import sys

import pandas as pd
import pytest

from loaders import build_corpus
from loaders.evaluate import read_labels, score_events
from loaders.language import detect_language
from tests.conftest import CORPUS_DIR, CORPUS_LABELS, ROOT, SEED_DIR, SEED_LABELS


@pytest.fixture(scope="module")
def evaluation():
    events = pd.concat([build_corpus(SEED_DIR).events, build_corpus(CORPUS_DIR).events], ignore_index=True)
    labels = pd.concat([read_labels(SEED_LABELS), read_labels(CORPUS_LABELS)], ignore_index=True)
    return score_events(events, labels)


def test_the_development_corpus_is_large_enough_and_labelled():
    labels = read_labels(CORPUS_LABELS)
    files = {p.stem for p in CORPUS_DIR.glob("*.txt")}
    assert len(labels) >= 30
    assert set(labels["id"]) == files
    spanish = [p for p in CORPUS_DIR.glob("*.txt") if detect_language(p.read_text(encoding="utf-8")) == "es"]
    assert len(spanish) >= 10


def test_dates(evaluation):
    assert evaluation.exact >= 0.90
    assert evaluation.within_week >= 0.97
    assert evaluation.silent_errors == 0


def test_countries_and_policy_types(evaluation):
    assert evaluation.f1("countries") >= 0.85
    assert evaluation.f1("policies") >= 0.85


def test_administration(evaluation):
    assert evaluation.admin_accuracy >= 0.95


def test_the_command_prints_one_line_per_article_and_a_summary():
    result = subprocess.run(
        [sys.executable, "-m", "loaders.evaluate", str(SEED_LABELS), str(SEED_DIR)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 6
    assert lines[-1].startswith("5 articles: date exact")
    assert "silent errors 0" in lines[-1]


def test_bad_labels_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("id,when\nx,2020-01-01\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "loaders.evaluate", str(bad), str(SEED_DIR)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "missing label column" in result.stderr


def test_every_evidence_offset_points_at_its_text():
    for folder in (SEED_DIR, CORPUS_DIR):
        corpus = build_corpus(folder)
        for row in corpus.events.itertuples():
            text = corpus.articles[row.article_id].text
            for span, offset in zip(row.date_evidence, row.date_evidence_offsets, strict=True):
                assert offset < 0 or text[offset : offset + len(span)] == span, (row.event_id, span)
