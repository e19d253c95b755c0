"""Measure extraction against labels: python -m loaders.evaluate LABELS.csv DIR [DIR ...]."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import build_corpus, main_event

SILENT_DAYS = 7


@dataclass(frozen=True)
class ArticleScore:
    article_id: str
    label_date: dt.date
    tolerance: int
    date: dt.date | None
    confidence: str
    window_holds: bool
    admin_ok: bool
    countries: tuple[set, set]
    policies: tuple[set, set]

    @property
    def days_off(self) -> int | None:
        return None if self.date is None else abs((self.date - self.label_date).days)

    @property
    def exact(self) -> bool:
        return self.days_off is not None and self.days_off <= self.tolerance

    @property
    def within_week(self) -> bool:
        return self.exact or (self.days_off is not None and self.days_off <= SILENT_DAYS)

    @property
    def silent_error(self) -> bool:
        return self.days_off is not None and self.days_off > SILENT_DAYS and self.confidence == "high"


@dataclass(frozen=True)
class Evaluation:
    scores: tuple[ArticleScore, ...]

    def _share(self, attribute: str) -> float:
        return sum(getattr(s, attribute) for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def exact(self) -> float:
        return self._share("exact")

    @property
    def within_week(self) -> float:
        return self._share("within_week")

    @property
    def silent_errors(self) -> int:
        return sum(s.silent_error for s in self.scores)

    @property
    def admin_accuracy(self) -> float:
        return self._share("admin_ok")

    @property
    def windows_hold(self) -> float:
        return self._share("window_holds")

    def f1(self, field: str) -> float:
        tp = fp = fn = 0
        for score in self.scores:
            got, want = getattr(score, field)
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def summary(self) -> str:
        n = len(self.scores)
        return (
            f"{n} articles: date exact {self.exact:.0%} ({round(self.exact * n)}/{n}), within 7 days {self.within_week:.0%}, "
            f"silent errors {self.silent_errors}, windows hold {self.windows_hold:.0%}, "
            f"US administration {self.admin_accuracy:.0%}, F1 countries {self.f1('countries'):.2f}, F1 policy types {self.f1('policies'):.2f}"
        )


def _split(value) -> set:
    return {v.strip() for v in str(value or "").split(";") if v.strip() and str(value) != "nan"}


def read_labels(path: Path | str) -> pd.DataFrame:
    """Labels in the columns of shared/seeds/labels.csv."""
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"id", "event_date", "date_tolerance_days", "us_administration", "countries", "policy_types"} - set(labels.columns)
    if missing:
        raise ValueError(f"{path}: missing label column(s) {', '.join(sorted(missing))}")
    return labels


def score_events(events: pd.DataFrame, labels: pd.DataFrame) -> Evaluation:
    """Compare each article's primary event with its label."""
    scores = []
    for label in labels.itertuples(index=False):
        truth = dt.date.fromisoformat(label.event_date)
        row = main_event(events, label.id)
        date = None if row is None or pd.isna(row["date"]) else row["date"].date()
        earliest = None if row is None or pd.isna(row["date_earliest"]) else row["date_earliest"].date()
        latest = None if row is None or pd.isna(row["date_latest"]) else row["date_latest"].date()
        tolerance = int(label.date_tolerance_days or 0)
        exact = date is not None and abs((date - truth).days) <= tolerance
        holds = exact or (
            earliest is not None
            and latest is not None
            and earliest - dt.timedelta(days=tolerance) <= truth <= latest + dt.timedelta(days=tolerance)
        )
        scores.append(
            ArticleScore(
                article_id=label.id,
                label_date=truth,
                tolerance=tolerance,
                date=date,
                confidence="" if row is None else row["date_confidence"],
                window_holds=holds,
                admin_ok=row is not None and row["us_administration"] == label.us_administration,
                countries=(set() if row is None else set(row["countries"]), _split(label.countries)),
                policies=(set() if row is None else set(row["policy_types"]), _split(label.policy_types)),
            )
        )
    return Evaluation(tuple(scores))


def evaluate(labels_path: Path | str, *directories: Path | str) -> tuple[Evaluation, pd.DataFrame]:
    """Load each folder, score it against the labels, and return the scores with the events."""
    events = pd.concat([build_corpus(d).events for d in directories], ignore_index=True)
    return score_events(events, read_labels(labels_path)), events


def _line(score: ArticleScore) -> str:
    mark = "ok " if score.exact else ("~7d" if score.within_week else "BAD")
    got_c, want_c = score.countries
    got_p, want_p = score.policies
    off = "-" if score.days_off is None else f"{score.days_off}d"
    return (
        f"{mark} {score.article_id:<24} date {score.date or 'none'} vs {score.label_date} ({off}, {score.confidence or '-'})"
        f"{'' if score.window_holds else ' WINDOW MISSES'} | countries {';'.join(sorted(got_c)) or '-'} vs {';'.join(sorted(want_c))}"
        f" | types {';'.join(sorted(got_p)) or '-'} vs {';'.join(sorted(want_p))}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print one line per labelled article and a summary line."""
    parser = argparse.ArgumentParser(prog="python -m loaders.evaluate", description="Score the loaders against labelled articles.")
    parser.add_argument("labels", type=Path, help="labels CSV in the columns of shared/seeds/labels.csv")
    parser.add_argument("directories", type=Path, nargs="+", help="folders holding the labelled articles")
    args = parser.parse_args(argv)
    try:
        evaluation, _ = evaluate(args.labels, *args.directories)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for score in evaluation.scores:
        print(_line(score))
    print(evaluation.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
