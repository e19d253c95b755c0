"""Pure: one event told by several articles becomes one row with several sources.

The rule (also in the README): two events are the same when
1. their dates agree — both dated within a window of a month or less, their windows overlap, and two
   day-precision dates are at most one day apart;
2. they share a party other than the United States (or both involve only the United States); and
3. they are alike: similarity = 0.4 x party overlap + 0.3 x policy-type overlap + 0.3 x word overlap of their
   titles and summaries (Jaccard indexes; without policy types on either side, parties and words share the
   weight), at least 0.45.
Events are taken most certain first; each joins the first group whose leading event it matches (so a chain
of look-alikes does not grow into one group). Merged events keep the leading event's date and text, unite the parties, types and officials, and
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
WINDOW_DAYS = 31  # an event dated more loosely than this is never merged: its match would be a guess
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
    """Both dated to within a month, windows overlapping, and day-precision dates at most a day apart."""
    if a["date"] is None or b["date"] is None:
        return False
    if (a["date_latest"] - a["date_earliest"]).days > WINDOW_DAYS or (b["date_latest"] - b["date_earliest"]).days > WINDOW_DAYS:
        return False
    if a["date_earliest"] > b["date_latest"] or b["date_earliest"] > a["date_latest"]:
        return False
    if a["date_precision"] == b["date_precision"] == "day":
        return abs((a["date"] - b["date"]).days) <= DAY_SLACK
    return True


def similarity(a: dict, b: dict, words_a: set[str] | None = None, words_b: set[str] | None = None) -> float:
    """How alike two events are: parties, policy types and words of their titles and summaries."""
    parties = _jaccard(set(a["countries"]), set(b["countries"]))
    words_a = _words(f"{a['title']} {a['summary']}") if words_a is None else words_a
    words_b = _words(f"{b['title']} {b['summary']}") if words_b is None else words_b
    words = _jaccard(words_a, words_b)
    if not a["policy_types"] and not b["policy_types"]:  # nothing to compare: the other two carry the weight
        return round((0.4 * parties + 0.3 * words) / 0.7, 2)
    types = _jaccard(set(a["policy_types"]), set(b["policy_types"]))
    return round(0.4 * parties + 0.3 * types + 0.3 * words, 2)


def same_event(a: dict, b: dict, words_a: set[str] | None = None, words_b: set[str] | None = None) -> float | None:
    """The similarity of two events when the rule says they are the same, else None."""
    if a["event_id"] == b["event_id"] or not dates_agree(a, b):
        return None
    if a["article_id"] == b["article_id"] and "primary" in (a["role"], b["role"]):
        return None  # an article's other events were told apart from its main one on purpose
    others_a, others_b = set(a["countries"]) - {"USA"}, set(b["countries"]) - {"USA"}
    if (others_a or others_b) and not others_a & others_b:
        return None
    score = similarity(a, b, words_a, words_b)
    return score if score >= MERGE_SIMILARITY else None


def _rank(row: dict) -> tuple:
    precision = {"day": 0, "month": 1, "year": 2}.get(row["date_precision"], 3)
    return (row["role"] != "primary", -CONFIDENCE_RANK[row["date_confidence"]], precision, row["event_id"])


def _narrow(row: dict) -> bool:
    return (row["date_latest"] - row["date_earliest"]).days <= WINDOW_DAYS


class _Leaders:
    """The leaders so far, filed under each day of their window and each party but the United States."""

    # A row meets only the leaders it could match (same_event wants a shared day and a shared party), so the groups are
    # those of trying every leader. A month-wide index met every leader of the month: time grew as rows^1.7.

    def __init__(self) -> None:
        self._filed: dict[tuple[int, str], list[int]] = defaultdict(list)
        self._seniority: dict[int, int] = {}  # leader -> how many became leaders before it

    def add(self, index: int, row: dict) -> None:
        self._seniority[index] = len(self._seniority)
        for key in _keys(row):
            self._filed[key].append(index)

    def nearby(self, row: dict) -> list[int]:
        """Leaders whose windows share a day with the row's and who share a party with it, the most certain first: in
        the order they became leaders, whatever the order of the input rows."""
        found: dict[int, None] = {}
        for key in _keys(row):
            for leader in self._filed.get(key, ()):
                found.setdefault(leader, None)
        return sorted(found, key=self._seniority.__getitem__)


def _keys(row: dict) -> list[tuple[int, str]]:
    """(day, party) pairs of a dated row with a narrow window: every day of its window, each party but the United States
    ('' when it has none: such rows match only each other, see same_event)."""
    parties = sorted(set(row["countries"]) - {"USA"}) or [""]
    first, last = row["date_earliest"].toordinal(), row["date_latest"].toordinal()
    return [(day, party) for day in range(first, last + 1) for party in parties]


def _cluster(rows: list[dict], apart: set[str], joined: list[tuple[str, str]]) -> tuple[list[list[int]], dict[int, list[float]]]:
    """Greedy clusters around the most certain events: an event joins the first cluster whose leader it matches.
    Matching the leader (not any member) keeps chains of look-alikes from growing into one cluster."""
    order = sorted(range(len(rows)), key=lambda i: _rank(rows[i]))
    words = {i: _words(f"{rows[i]['title']} {rows[i]['summary']}") for i in order}
    leaders = _Leaders()
    members: dict[int, list[int]] = {}
    scores: dict[int, list[float]] = defaultdict(list)
    for index in order:
        row = rows[index]
        home = None
        if row["date"] is not None and row["event_id"] not in apart and _narrow(row):
            for leader in leaders.nearby(row):
                score = same_event(rows[leader], row, words[leader], words[index])
                if score is not None:
                    home = leader
                    scores[leader].append(score)
                    break
        if home is None:
            members[index] = [index]
            if row["date"] is not None and row["event_id"] not in apart and _narrow(row):
                leaders.add(index, row)
        else:
            members[home].append(index)
    position = {row["event_id"]: index for index, row in enumerate(rows)}
    cluster_of = {i: leader for leader, group in members.items() for i in group}
    for first, second in joined:  # a person said these are one event
        if first in position and second in position:
            a, b = cluster_of[position[first]], cluster_of[position[second]]
            if a != b:
                keep, drop = (a, b) if _rank(rows[a]) <= _rank(rows[b]) else (b, a)
                members[keep] += members.pop(drop)
                scores[keep] += [1.0, *scores.pop(drop, [])]
                for i in members[keep]:
                    cluster_of[i] = keep
    return list(members.values()), {members[leader][0]: scores[leader] for leader in members}


def merge_events(rows: list[dict], apart: set[str] = frozenset(), joined: list[tuple[str, str]] = ()) -> list[dict]:
    """Rows of the same event become one row listing every source. Events in `apart` are never merged (a
    curated split); pairs in `joined` are merged whatever the rule says (a curated merge)."""
    clusters, scores = _cluster(rows, set(apart), list(joined))
    merged = []
    for members in clusters:
        if len(members) == 1:
            merged.append(rows[members[0]])
            continue
        ordered = sorted((rows[i] for i in members), key=_rank)
        keep = ordered[0]
        weakest = min(scores.get(members[0]) or [1.0])
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
