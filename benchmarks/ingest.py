"""Ingest speed: load_events vs a naive baseline (dateparser.search_dates over each whole article, first hit).

    python benchmarks/ingest.py [--articles 400] [--baseline-articles 40] [--default-baseline-articles 20] [--repeats 3]

Generates a synthetic corpus (varied date formats, languages, lengths and page noise), times both in the
same run on one process (CPU seconds of this process, so other work on the machine inflates the figures less
than wall time would), and prints articles per second, their ratio, and how often each finds the day the
generator used for the event. The baseline runs twice: told the corpus's languages (the fast way to call it,
and the ratio that matters), and with its defaults (it detects the language of every piece of text: seconds
per article, so only a few). Targets: >= 200 articles/s and >= 20x the baseline.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ES_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
PLACES = [("Guatemala", "Guatemala City"), ("Honduras", "Tegucigalpa"), ("El Salvador", "San Salvador"), ("Mexico", "Mexico City")]
FILLER_EN = [
    "Officials discussed border security, information sharing and the fight against human smuggling networks.",
    "The delegations also talked about development aid, investment and jobs to address the root causes of migration.",
    "Critics said the measures would do little to protect asylum seekers fleeing violence in the region.",
    "The talks come as arrests at the southern border remain near record levels, according to government data.",
    "Both sides agreed to meet again in the coming months to review progress on labor mobility programs.",
]
FILLER_ES = [
    "Las delegaciones hablaron de seguridad fronteriza, intercambio de información y combate al tráfico de personas.",
    "También abordaron la inversión y la creación de empleos para atender las causas estructurales de la migración.",
    "Organizaciones civiles criticaron que el acuerdo no garantiza la protección de los solicitantes de asilo.",
]


def _dateline(day: dt.date, rng: random.Random, spanish: bool) -> str:
    if spanish:
        return rng.choice([f"{day.day} de {ES_MONTHS[day.month - 1]} de {day.year}", f"{day:%d/%m/%Y}", f"Publicado: {day:%Y-%m-%d}"])
    return rng.choice(
        [f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}", f"{day.day} {EN_MONTHS[day.month - 1][:3]} {day.year} – 06:21 PM EDT",
         f"{day:%Y-%m-%d} 10:15:00", f"Updated {EN_DAYS[day.weekday()][:3]} {EN_MONTHS[day.month - 1]} {day.day}, {day.year}"]
    )  # fmt: skip


def seed_sentences() -> list[str]:
    """Sentences of the bundled articles: realistic filler text (their own dates included), without those that name an
    official of the reference tables (whose terms of office would contradict the random day the article is given)."""
    root = Path(__file__).resolve().parent.parent
    with (root / "data" / "reference" / "officials.csv").open(encoding="utf-8") as handle:
        surnames = {row["name"].split()[-1] for row in csv.DictReader(handle)}
    named = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(surnames))) + r")\b")
    sentences = []
    for path in sorted((root / "data" / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 12:
                sentences += [s.strip() + "." for s in line.split(". ") if len(s.split()) >= 6 and not named.search(s)]
    return sentences


SEED_SENTENCES: list[str] = []


def synthetic_article(index: int, rng: random.Random) -> tuple[str, dt.date]:
    """One noisy article and the day of its event."""
    event = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365))
    published = event + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
    spanish = rng.random() < 0.3
    country, capital = rng.choice(PLACES)
    lines = []
    if rng.random() < 0.4:
        header = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
        lines.append(f"{EN_DAYS[header.weekday()]}, {EN_MONTHS[header.month - 1]} {header.day}, {header.year}")
        lines.append("Main Menu")
    if spanish:
        lines += [f"Estados Unidos y {country} firman acuerdo migratorio", "", _dateline(published, rng, True), ""]
        lines.append(
            f"{capital.upper()}.- Funcionarios de Estados Unidos y de {country} se reunieron el {ES_DAYS[event.weekday()]} "
            f"para firmar un memorando sobre migración."
        )
        filler = FILLER_ES
    else:
        lines += [f"US and {country} sign migration agreement", "", _dateline(published, rng, False), ""]
        lines.append(f"U.S. and {country} officials met in {capital} on {EN_DAYS[event.weekday()]} to sign a memorandum on migration.")
        filler = FILLER_EN
    pool = SEED_SENTENCES if not spanish and SEED_SENTENCES else filler
    for _ in range(rng.randint(3, 24)):
        lines.append(" ".join(rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))))
    if rng.random() < 0.5:
        other = event - dt.timedelta(days=rng.randint(20, 400))
        lines.append(f"Photo: officials at an earlier meeting, {EN_MONTHS[other.month - 1]} {other.day}, {other.year}. REUTERS/Staff")
    if rng.random() < 0.4:
        lines += ["Related", f"Earlier talks stalled ({EN_MONTHS[(event.month + 5) % 12]} {rng.randint(1, 28)})"]
    lines += ["Share:", "Facebook", "Twitter", "Leave a Reply"]
    if rng.random() < 0.3:
        lines.append(str(int(dt.datetime(published.year, published.month, published.day, 15, tzinfo=dt.UTC).timestamp())))
    return "\n".join(lines) + "\n", event


def write_corpus(folder: Path, count: int, seed: int = 7) -> dict[str, dt.date]:
    """Write `count` synthetic articles, each about a different event; return the event day of each."""
    rng = random.Random(seed)
    SEED_SENTENCES[:] = seed_sentences()
    truth, taken = {}, set()
    for index in range(count):
        text, event = synthetic_article(index, rng)
        while any(event + dt.timedelta(days=d) in taken for d in (-1, 0, 1)):  # distinct events, never merged
            text, event = synthetic_article(index, rng)
        taken.add(event)
        article_id = f"syn_{index:05d}"
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        truth[article_id] = event
    return truth


LANGUAGES = ["en", "es"]  # the corpus's languages: the fair, fast way to call search_dates


def naive_first_hit(text: str, languages: list[str] | None = None) -> dt.date | None:
    """The baseline: dateparser.search_dates over the whole article, first hit (languages detected when None)."""
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=languages)
    return found[0][1].date() if found else None


def time_baseline(texts: dict[str, str], truth: dict[str, dt.date], languages: list[str] | None) -> tuple[float, float, float]:
    """Seconds, articles per second and share of event days right for the baseline over `texts`."""
    naive_first_hit("warm up on May 5, 2019", languages)
    start = time.process_time()
    found = {a: naive_first_hit(t, languages) for a, t in texts.items()}
    seconds = time.process_time() - start
    return seconds, len(texts) / seconds, sum(found[a] == truth[a] for a in texts) / len(texts)


def _day(row) -> dt.date | None:
    return None if row is None or str(row["date"]) == "NaT" else row["date"].date()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--baseline-articles", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--default-baseline-articles",
        type=int,
        default=20,
        help="articles for search_dates with its defaults (slow: it detects the language of every piece)",
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from loaders import build_corpus, main_event
    from loaders.extraction import CACHE, run_serial

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        truth = write_corpus(folder, args.articles)
        build_corpus(folder, runner=run_serial)  # warm-up: imports, language model, pattern compilation
        ours = []
        for _ in range(args.repeats):
            CACHE.clear()  # every run extracts every article again (a build keeps what it extracted, by content)
            start = time.process_time()
            events = build_corpus(folder, runner=run_serial).events
            ours.append(time.process_time() - start)
        ours_rate = args.articles / statistics.median(ours)
        ours_right = sum(_day(main_event(events, a)) == d for a, d in truth.items()) / len(truth)

        sample = sorted(truth)[: args.baseline_articles]
        texts = {a: (folder / f"{a}.txt").read_text(encoding="utf-8") for a in sample}
        naive_time, naive_rate, naive_right = time_baseline(texts, truth, LANGUAGES)
        few = dict(list(texts.items())[: args.default_baseline_articles])
        default_time, default_rate, default_right = time_baseline(few, truth, None) if few else (0.0, float("nan"), 0.0)

    print(f"corpus: {args.articles} synthetic articles (baseline timed on the first {len(sample)})")
    print(
        f"load_events (one process, nothing kept from an earlier run): median {statistics.median(ours):.3f} CPU s over {args.repeats} runs -> {ours_rate:,.0f} articles/s; event day right {ours_right:.0%}"
    )
    print(
        f"baseline, search_dates(languages={LANGUAGES}) first hit: {naive_time:.3f} CPU s -> {naive_rate:,.1f} articles/s; "
        f"event day right {naive_right:.0%}"
    )
    print(
        f"baseline, search_dates with its defaults (languages detected) on {len(few)} articles: {default_time:.1f} CPU s -> "
        f"{default_rate:,.2f} articles/s; event day right {default_right:.0%}"
    )
    print(
        f"speed ratio: {ours_rate / naive_rate:,.1f}x the languages-given baseline, {ours_rate / default_rate:,.0f}x the defaults one "
        f"(target >= 20x); target >= 200 articles/s: {'met' if ours_rate >= 200 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
