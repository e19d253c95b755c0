"""Shared fixtures: paths, the reference tables and the compiled matchers (read once per session)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SEED_DIR = ROOT / "data" / "articles"
CORPUS_DIR = ROOT / "tests" / "corpus" / "articles"
CORPUS_LABELS = ROOT / "tests" / "corpus" / "labels.csv"
SHARED_LABELS = ROOT.parent / "shared" / "seeds" / "labels.csv"
SEED_LABELS = CASES / "seed_labels.csv"


def read_cases(name: str) -> list[dict[str, str]]:
    """Rows of a table-driven case file in tests/cases/."""
    with (CASES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def reference():
    from loaders.reference import read_reference

    return read_reference()


@pytest.fixture(scope="session")
def matchers(reference):
    from loaders.events import compile_matchers

    return compile_matchers(reference)


@pytest.fixture(scope="session")
def text_matchers(reference):
    """The compiled tables without landmark evidence: what the text alone says (for the date mechanisms' cases)."""
    from loaders.events import compile_matchers

    return compile_matchers(reference, landmarks=False)


# Hypothesis: the property and fuzz tests run this many cases in CI (pytest); HYPOTHESIS_PROFILE=fuzz runs ten times as
# many for a longer search. A test that names its own max_examples keeps it.
settings.register_profile("ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
