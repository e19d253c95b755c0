"""How the loaders read each article's date: python -m loaders.explain FILE [FILE ...] (one block per article)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import matchers_for
from loaders.articles import parse_article, read_articles
from loaders.events import read_article


def explain(path: Path, landmarks: bool | None = None) -> str:
    """The evidence, the reading and its method for every article of a file or folder, as text."""
    matchers = matchers_for(landmarks=landmarks)
    if path.is_dir():
        articles, issues = read_articles(path)
        blocks = [f"{issue.file}: {issue.status}: {issue.reason}" for issue in issues]
    else:
        article, notes = parse_article(path.stem, path.read_bytes(), str(path))
        articles, blocks = ([article] if article else []), [f"{path.name}: {note}" for note in notes]
    for article in articles:
        reading = read_article(article, matchers)
        lines = [f"== {article.article_id} ({reading.language})"]
        lines += [f"  {e.spec.role:<6} {e.kind:<18} {e.describe()}" for e in reading.evidence]
        d = reading.dates
        lines.append(
            f"  => {d.date or 'undated'}  window {d.earliest or '?'}..{d.latest or '?'}  {d.precision or '-'}  {d.confidence}  ({d.share:.0%})"
        )
        lines.append(f"  method: {d.method}")
        lines += [f"  note: {note}" for note in d.notes]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.explain", description="Show how the loaders date each article.")
    parser.add_argument("paths", type=Path, nargs="+", help="article files or folders")
    parser.add_argument("--no-landmarks", action="store_true", help="leave landmark evidence out")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 2
        print(explain(path, landmarks=False if args.no_landmarks else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
