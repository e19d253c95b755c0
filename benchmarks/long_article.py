"""The cost of one long article: a 200 KB article on a single line must load in under a second.

    python benchmarks/long_article.py [--kb 200] [--repeats 5]

Two 200 KB single-line texts: a bundled article with its newlines removed, repeated (long sentences, the shape of a
page scraped without line breaks), and dense text with a date every few words and no sentence end (the worst case for
the tense windows). Each is timed through the loader (bytes -> article -> events, as a load reads a file) and, to
show the cost per character, as extraction over the whole text. Baselines timed in the same run: the same texts at a
tenth of the size (a linear cost is 10x; before the fix it was 35x for the seed text and ~90x for the dense one), and
the seed text with its line breaks kept. Prints medians; exits 1 when a 200 KB single-line article takes 1 s or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.articles import Article, parse_article
from loaders.events import compile_matchers, extract_events
from loaders.reference import read_reference

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "000_95cf9caf70308b62.txt"
DENSE = "officials met on Tuesday and on July 26, 2019 talks went on while the ministers said on 3 March they would meet again, "
TODAY = dt.date(2026, 11, 24)
TARGET_S = 1.0


def repeated(unit: str, chars: int) -> str:
    """`unit` repeated and cut to `chars` characters."""
    return (unit * (chars // len(unit) + 1))[:chars]


def texts(chars: int) -> dict[str, str]:
    """The texts timed, by name."""
    seed = SEED.read_text(encoding="utf-8")
    return {
        "seed, one line": repeated(" ".join(seed.split("\n")) + " ", chars),
        "seed, lines kept": repeated(seed + "\n", chars),
        "dense, one line": repeated(DENSE, chars),
    }


def median_s(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def through_loader(text: str, matchers) -> None:
    """What a load does with one file: bytes to an article (text capped), then its events."""
    article, _ = parse_article("long", text.encode("utf-8"))
    extract_events(article, matchers, TODAY)


def whole_text(text: str, matchers) -> None:
    """Extraction over every character (no cap): the cost per character."""
    extract_events(Article("long", text), matchers, TODAY)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=200, help="size of the long article in KB (default 200)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per figure; the median is printed")
    args = parser.parse_args(argv)
    matchers = compile_matchers(read_reference())
    chars = args.kb * 1000
    long, short = texts(chars), texts(chars // 10)
    whole_text(short["seed, one line"], matchers)  # warm up: dateparser compiles its tables on first use
    print(f"one article of {args.kb} KB, median of {args.repeats} runs (seconds)")
    print(f"{'text':<18} {'loader':>8} {'whole text':>11} {f'at {args.kb // 10} KB':>10} {'ratio':>7}")
    worst = 0.0
    for name in long:
        loaded = median_s(lambda name=name: through_loader(long[name], matchers), args.repeats)
        whole = median_s(lambda name=name: whole_text(long[name], matchers), args.repeats)
        tenth = median_s(lambda name=name: whole_text(short[name], matchers), args.repeats)
        print(f"{name:<18} {loaded:>8.2f} {whole:>11.2f} {tenth:>10.3f} {whole / tenth:>6.1f}x")
        if "one line" in name:
            worst = max(worst, loaded)
    kept = median_s(lambda: whole_text(long["seed, lines kept"], matchers), args.repeats)
    one_line = median_s(lambda: whole_text(long["seed, one line"], matchers), args.repeats)
    print(f"the seed text on one line costs {one_line / kept:.2f}x the same text with its line breaks")
    verdict = "ok" if worst < TARGET_S else "TOO SLOW"
    print(f"slowest {args.kb} KB single-line article through the loader: {worst:.2f} s (target < {TARGET_S:.0f} s): {verdict}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
