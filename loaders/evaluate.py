"""Measure extraction against labels: python -m loaders.evaluate LABELS.csv DIR [DIR ...] [--landmarks on|off|held-out|all].

Prints one line per labelled article, then the figures: event day exact (within the label's tolerance), within
7 days, undated, the true day inside the stated window, silent errors (over 7 days off with `high`), the share
of exact dates at each confidence level, party-country and policy-type F1, and the misses counted by cause.

Landmark evidence can be measured three ways: `on` (the table as it is), `off` (the text alone) and `held-out`
(every landmark within a few days of a labelled event removed: what the general mechanisms and the rest of the
table achieve on an article whose event the table does not hold, as on articles nobody has labelled).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders import build_corpus, main_event
from loaders.reference import REFERENCE_DIR

SILENT_DAYS = 7
HELD_OUT_DAYS = 3  # a landmark this close to a labelled event (beyond its tolerance) is taken out for `held-out`
CONFIDENCES = ("high", "medium", "low")


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
    method: str = ""
    codes: tuple[str, ...] = ()

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
    def undated(self) -> bool:
        return self.date is None

    @property
    def silent_error(self) -> bool:
        return self.days_off is not None and self.days_off > SILENT_DAYS and self.confidence == "high"

    @property
    def cause(self) -> str:
        """Why a date missed, in a few words (empty when exact)."""
        if self.exact:
            return ""
        if self.undated:
            return "undated: the evidence leaves too many days"
        if self.codes:
            return "conflicting evidence"
        if self.within_week:
            return "a day or a few days off"
        if "matches landmark" in self.method:
            return "a landmark of another event preferred"
        if "fits" in self.method:
            return "several days fit, the wrong one shown"
        return "a wrong date read from the text"


@dataclass(frozen=True)
class Evaluation:
    scores: tuple[ArticleScore, ...]

    def _share(self, attribute: str, scores=None) -> float:
        scores = self.scores if scores is None else scores
        return sum(getattr(s, attribute) for s in scores) / len(scores) if scores else 0.0

    @property
    def exact(self) -> float:
        return self._share("exact")

    @property
    def within_week(self) -> float:
        return self._share("within_week")

    @property
    def undated(self) -> float:
        return self._share("undated")

    @property
    def silent_errors(self) -> int:
        return sum(s.silent_error for s in self.scores)

    @property
    def admin_accuracy(self) -> float:
        return self._share("admin_ok")

    @property
    def windows_hold(self) -> float:
        return self._share("window_holds")

    def at_confidence(self, level: str) -> tuple[int, int]:
        """(exact, all) among the dates shown with this confidence."""
        shown = [s for s in self.scores if s.confidence == level and s.date is not None]
        return sum(s.exact for s in shown), len(shown)

    def precision(self, level: str) -> float:
        exact, total = self.at_confidence(level)
        return exact / total if total else 1.0

    def causes(self) -> Counter:
        return Counter(s.cause for s in self.scores if s.cause)

    def f1(self, field: str) -> float:
        tp = fp = fn = 0
        for score in self.scores:
            got, want = getattr(score, field)
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def summary(self) -> str:
        n = len(self.scores)
        levels = ", ".join(f"{level} {e}/{t}" for level in CONFIDENCES for e, t in [self.at_confidence(level)])
        return (
            f"{n} articles: date exact {self.exact:.0%} ({round(self.exact * n)}/{n}), within 7 days {self.within_week:.0%}, "
            f"undated {self.undated:.0%}, windows hold {self.windows_hold:.0%}, silent errors {self.silent_errors}, "
            f"exact by confidence: {levels}, US administration {self.admin_accuracy:.0%}, "
            f"F1 countries {self.f1('countries'):.2f}, F1 policy types {self.f1('policies'):.2f}"
        )

    def cause_lines(self) -> list[str]:
        return [f"  {count} x {cause}" for cause, count in self.causes().most_common()]


def _split(value) -> set:
    return {v.strip() for v in str(value or "").split(";") if v.strip() and str(value) != "nan"}


def read_labels(path: Path | str) -> pd.DataFrame:
    """Labels in the columns of shared/seeds/labels.csv."""
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"id", "event_date", "date_tolerance_days", "us_administration", "countries", "policy_types"} - set(labels.columns)
    if missing:
        raise ValueError(f"{path}: missing label column(s) {', '.join(sorted(missing))}")
    return labels


def _day(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else value.date()


def score_events(events: pd.DataFrame, labels: pd.DataFrame) -> Evaluation:
    """Compare each article's primary event with its label."""
    scores = []
    for label in labels.itertuples(index=False):
        truth = dt.date.fromisoformat(label.event_date)
        row = main_event(events, label.id)
        date = None if row is None else _day(row["date"])
        earliest = None if row is None else _day(row["date_earliest"])
        latest = None if row is None else _day(row["date_latest"])
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
                method="" if row is None else row["date_method"],
                codes=() if row is None else tuple(r for r in row["review_reasons"] if r in CONFLICT_REASONS),
            )
        )
    return Evaluation(tuple(scores))


CONFLICT_REASONS = ("printed_date_conflict", "printed_year_repaired", "evidence_set_aside", "stale_stated_date", "landmark_conflict")


def held_out_reference(labels: pd.DataFrame, into: Path, source: Path = REFERENCE_DIR) -> Path:
    """A copy of the reference tables without the landmarks within a few days of any labelled event."""
    shutil.copytree(source, into, dirs_exist_ok=True)
    days = [
        (dt.date.fromisoformat(label.event_date), int(label.date_tolerance_days or 0) + HELD_OUT_DAYS)
        for label in labels.itertuples(index=False)
    ]
    path = into / "landmarks.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)

    def near(row: dict) -> bool:
        start = dt.date.fromisoformat(row["date"])
        end = dt.date.fromisoformat(row["date_end"]) if row["date_end"] else start
        return any(start - dt.timedelta(days=slack) <= day <= end + dt.timedelta(days=slack) for day, slack in days)

    kept = [row for row in rows if not near(row)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    return into


def evaluate(
    labels_path: Path | str, *directories: Path | str, landmarks: str = "on", reference_dir: Path | str = REFERENCE_DIR
) -> tuple[Evaluation, pd.DataFrame]:
    """Load each folder, score it against the labels, and return the scores with the events. `landmarks` is
    `on`, `off` or `held-out` (module docstring)."""
    labels = read_labels(labels_path)
    with tempfile.TemporaryDirectory() as scratch:
        reference = Path(reference_dir)
        if landmarks == "held-out":
            reference = held_out_reference(labels, Path(scratch) / "reference", reference)
        use = landmarks != "off"
        events = pd.concat([build_corpus(d, reference_dir=reference, landmarks=use).events for d in directories], ignore_index=True)
    return score_events(events, labels), events


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
    """Print one line per labelled article, a summary line and the misses by cause (for each landmark mode)."""
    parser = argparse.ArgumentParser(prog="python -m loaders.evaluate", description="Score the loaders against labelled articles.")
    parser.add_argument("labels", type=Path, help="labels CSV in the columns of shared/seeds/labels.csv")
    parser.add_argument("directories", type=Path, nargs="+", help="folders holding the labelled articles")
    parser.add_argument(
        "--landmarks",
        choices=("on", "off", "held-out", "all"),
        default="on",
        help="landmark evidence: on (default), off, held-out (landmarks near the labelled events removed), or all three",
    )
    args = parser.parse_args(argv)
    modes = ("on", "held-out", "off") if args.landmarks == "all" else (args.landmarks,)
    for mode in modes:
        try:
            evaluation, _ = evaluate(args.labels, *args.directories, landmarks=mode)
        except (FileNotFoundError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if len(modes) > 1:
            print(f"-- landmarks {mode}")
        for score in evaluation.scores:
            print(_line(score))
        print(evaluation.summary())
        if evaluation.causes():
            print("misses by cause:")
            print("\n".join(evaluation.cause_lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
