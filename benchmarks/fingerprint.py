"""The corpus version check every rerun makes: hashing every article file (the baseline, what a first call does) against
listing the folder and hashing only files whose size, modification time or inode changed.

    python benchmarks/fingerprint.py [--articles 1000 4000] [--repeats 7]

Writes copies of the bundled articles to a temporary folder, then prints medians for: a first call (every file
hashed), a call with nothing changed, and a call after one file changed; and the ratio of the first to the others.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import articles

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))


def median_ms(run, repeats: int, before=lambda: None) -> float:
    times = []
    for _ in range(repeats):
        before()
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(count: int, repeats: int) -> tuple[float, float, float]:
    """Median ms of a first call, a call with nothing changed and a call after one file changed, on `count` articles."""
    texts = [path.read_bytes() for path in SEEDS]
    edits = iter(range(10**9))

    def edit_one() -> None:
        (folder / "a00000.txt").write_bytes(texts[0] + f"\nedit {next(edits)}\n".encode())

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for number in range(count):
            (folder / f"a{number:05d}.txt").write_bytes(texts[number % len(texts)] + f"\n{number}\n".encode())
        check = lambda: articles.corpus_fingerprint(folder)  # noqa: E731
        first = median_ms(check, repeats, articles._DIGESTS.clear)
        check()
        return first, median_ms(check, repeats), median_ms(check, repeats, edit_one)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{'articles':>8} {'all hashed':>11} {'unchanged':>10} {'one changed':>12} {'ratio':>7}  (median ms)")
    for count in args.articles:
        first, same, one = measure(count, args.repeats)
        print(f"{count:>8} {first:>11.1f} {same:>10.1f} {one:>12.1f} {first / same:>6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
