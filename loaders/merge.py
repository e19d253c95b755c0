"""Pure: one event told by several articles becomes one row with several sources.

The rule (also in the README): two events are the same when
1. their dates agree — both dated, their windows overlap, and for two day-precision dates they are at most
   one day apart;
2. they share a party other than the United States (or both involve only the United States); and
3. they are alike: similarity = 0.4 x party overlap + 0.3 x policy-type overlap + 0.3 x word overlap of their
   titles and summaries (Jaccard indexes; without policy types on either side, parties and words share the
   weight), at least 0.45.
Merged events keep the most certain member's date and text, unite the parties, types and officials, and
say which articles were merged and why; a merge with similarity under 0.6 is flagged for review. A person
can split a wrong merge, or join two events, through data/curation.csv.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict

from loaders.schema import CONFIDENCE_RANK

MERGE_SIMILARITY = 0.45
REVIEW_SIMILARITY = 0.6
DAY_SLACK = 1
_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    ["that", "this", "with", "from", "have", "been", "were", "will", "their", "they", "said", "says", "about", "after", "before", "which", "while", "where", "other", "also", "into", "over", "more", "than", "them", "when", "what", "would", "could", "should", "there", "these", "those", "para", "como", "esta", "este", "desde", "entre", "sobre", "pero", "porque", "donde", "cuando", "también", "según", "dijo", "tras", "ante"]
)  # fmt: skip


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return {w for w in _WORD.findall(folded) if w not in _STOP}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def dates_agree(a: dict, b: dict) -> bool:
    """Both dated, windows overlapping, and day-precision dates at most a day apart."""
    if a["date"] is None or b["date"] is None:
        return False
    if a["date_earliest"] > b["date_latest"] or b["date_earliest"] > a["date_latest"]:
        return False
    if a["date_precision"] == b["date_precision"] == "day":
        return abs((a["date"] - b["date"]).days) <= DAY_SLACK
    return True


def similarity(a: dict, b: dict) -> float:
    """How alike two events are: parties, policy types and words of their titles and summaries."""
    parties = _jaccard(set(a["countries"]), set(b["countries"]))
    words = _jaccard(_words(f"{a['title']} {a['summary']}"), _words(f"{b['title']} {b['summary']}"))
    if not a["policy_types"] and not b["policy_types"]:  # nothing to compare: the other two carry the weight
        return round((0.4 * parties + 0.3 * words) / 0.7, 2)
    types = _jaccard(set(a["policy_types"]), set(b["policy_types"]))
    return round(0.4 * parties + 0.3 * types + 0.3 * words, 2)


def same_event(a: dict, b: dict) -> float | None:
    """The similarity of two events when the rule says they are the same, else None."""
    if a["event_id"] == b["event_id"] or not dates_agree(a, b):
        return None
    if a["article_id"] == b["article_id"] and "primary" in (a["role"], b["role"]):
        return None  # an article's other events were told apart from its main one on purpose
    others_a, others_b = set(a["countries"]) - {"USA"}, set(b["countries"]) - {"USA"}
    if (others_a or others_b) and not others_a & others_b:
        return None
    score = similarity(a, b)
    return score if score >= MERGE_SIMILARITY else None


def _rank(row: dict) -> tuple:
    precision = {"day": 0, "month": 1, "year": 2}.get(row["date_precision"], 3)
    return (row["role"] != "primary", -CONFIDENCE_RANK[row["date_confidence"]], precision, row["event_id"])


def _cluster(
    rows: list[dict], apart: set[str], joined: list[tuple[str, str]]
) -> tuple[list[list[int]], dict[int, list[tuple[int, float]]]]:
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_year: dict[int, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row["date"] is not None:
            by_year[row["date"].year].append(index)
    for index, row in enumerate(rows):
        if row["date"] is None or row["event_id"] in apart:
            continue
        for year in (row["date"].year - 1, row["date"].year, row["date"].year + 1):
            for other in by_year.get(year, ()):
                if other <= index or rows[other]["event_id"] in apart:
                    continue
                score = same_event(row, rows[other])
                if score is not None:
                    links[index].append((other, score))
                    links[other].append((index, score))
                    parent[find(index)] = find(other)
    position = {row["event_id"]: index for index, row in enumerate(rows)}
    for first, second in joined:  # a person said these are one event
        if first in position and second in position and first != second:
            a, b = position[first], position[second]
            links[a].append((b, 1.0))
            links[b].append((a, 1.0))
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(rows)):
        groups[find(index)].append(index)
    return list(groups.values()), links


def merge_events(rows: list[dict], apart: set[str] = frozenset(), joined: list[tuple[str, str]] = ()) -> list[dict]:
    """Rows of the same event become one row listing every source. Events in `apart` are never merged (a
    curated split); pairs in `joined` are merged whatever the rule says (a curated merge)."""
    clusters, links = _cluster(rows, set(apart), list(joined))
    merged = []
    for members in clusters:
        if len(members) == 1:
            merged.append(rows[members[0]])
            continue
        ordered = sorted((rows[i] for i in members), key=_rank)
        keep = ordered[0]
        scores = [score for i in members for _, score in links[i]]
        weakest = min(scores)
        articles = list(dict.fromkeys(a for row in ordered for a in row["source_articles"]))
        others = ", ".join(row["event_id"] for row in ordered[1:])
        note = (
            f"merged with {others}: dates agree ({_fmt(keep['date'])}), parties overlap, similarity {weakest:.2f}"
            f"{' (low: please review)' if weakest < REVIEW_SIMILARITY else ''}"
        )
        merged.append(
            {
                **keep,
                "countries": list(dict.fromkeys(c for row in ordered for c in row["countries"])),
                "countries_mentioned": list(dict.fromkeys(c for row in ordered for c in row["countries_mentioned"])),
                "policy_types": list(dict.fromkeys(t for row in ordered for t in row["policy_types"])),
                "policy_evidence": list(dict.fromkeys(e for row in ordered for e in row["policy_evidence"])),
                "officials": list(dict.fromkeys(o for row in ordered for o in row["officials"])),
                "n_sources": len(articles),
                "source_articles": articles,
                "merged_event_ids": [row["event_id"] for row in ordered[1:]],
                "merge_note": note,
                "merge_similarity": weakest,
            }
        )
    return merged


def _fmt(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "?"
