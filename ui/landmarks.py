"""The period's landmarks as rows of the event table's shape (`role = landmark`), their links to article events, and
which of them matter most (pure; built once per data version)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import pandas as pd

from loaders import COLUMNS
from loaders.reference import Landmark, NamedPolicy, Reference
from ui.charts import _text, format_day, format_window
from ui.style import Style

ROLE = "landmark"
PREFIX = "landmark-"  # a landmark's event id: the prefix and its landmark_id (article ids never start with it)
TABLE = "data/reference/landmarks.csv"
# Which kinds matter most to a reader who knows nothing of the period: the first kinds are labelled and listed first.
KIND_ORDER = (
    "summit", "agreement", "programme", "suspension", "resumption", "sanction", "court_ruling", "aid", "ministerial",
    "conference", "inauguration", "election", "announcement", "deployment", "visit", "meeting", "statement", "call",
)  # fmt: skip
DECISIONS = ("agreement", "programme", "suspension", "resumption", "sanction", "announcement", "court_ruling", "aid")
KIND_WORDS = {"court_ruling": "court ruling", "programme": "programme launched", "aid": "aid decision"}
PER_YEAR = 5  # the key landmarks of a year the Home page lists
LABEL_CHARS, LABEL_LINES = 26, 2  # a label on the timeline: at most two lines of 26 characters
HOVER_COLUMNS = 5  # customdata per landmark: the event id, then the four texts the hover shows (the summary is a click away)
# The method loaders write when a landmark favoured an event's day: matches landmark “TITLE” (SOURCE; reasons) (days).
MATCHED = re.compile(r"matches landmark “(?P<title>[^”]+)” \((?P<source>[^;\s]+);")
EXTRA_COLUMNS = (
    "landmark_id",
    "kind",
    "place",
    "label",
    "label_chars",
    "hover",
    "kind_rank",
    "core",
    "milestone",
    "priority",
    "date_end",
    "search_text",
    "confidence_rank",
    "year",
    "day",
)


def event_id_of(landmark_id: str) -> str:
    return f"{PREFIX}{landmark_id}"


def is_landmark_id(event_id: str) -> bool:
    return str(event_id).startswith(PREFIX)


def kind_words(kind: str) -> str:
    """A kind as the pages say it: 'court ruling', 'summit'."""
    return KIND_WORDS.get(kind, kind.replace("_", " "))


def outlet_of(url: str) -> str:
    """The site of a source address, for the `source` column: 'dhs.gov'."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def short_label(title: str, chars: int = LABEL_CHARS, lines: int = LABEL_LINES) -> str:
    """A title as a timeline label: escaped, wrapped to `lines` lines of `chars`, cut with an ellipsis when longer."""
    wrapped = _text(title, chars).split("<br>")
    if len(wrapped) <= lines:
        return "<br>".join(wrapped)
    return "<br>".join([*wrapped[: lines - 1], wrapped[lines - 1].rstrip(" ,;:–-") + "…"])


def landmark_window(landmark: Landmark) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a landmark covers: its day(s), or its whole month when only the month is known."""
    start, end = pd.Timestamp(landmark.date), pd.Timestamp(landmark.date_end)
    if landmark.precision == "month" and end == start:
        end = start + pd.offsets.MonthEnd(0)
    return start, end


def describe_landmark_date(row) -> str:
    """A landmark's date in words: '7 Jun 2019', '10–12 Oct 2018', 'June 2019'."""
    if row["date_precision"] == "month":
        return f"{row['date']:%B %Y}"
    return format_day(row["date"]) if row["date"] == row["date_latest"] else format_window(row["date"], row["date_latest"])


def _administration(day: pd.Timestamp, style: Style) -> str:
    return next(
        (e.administration_id for e in style.eras if e.start_date <= day.date() and (e.end_date is None or day.date() < e.end_date)), ""
    )


def landmark_row(landmark: Landmark, style: Style, core: set[str]) -> dict:
    """One landmark as an event-table row (`role = landmark`, its source as `url`, the source's date phrase as evidence)."""
    start, end = landmark_window(landmark)
    phrase = landmark.date_phrase
    return {
        "event_id": event_id_of(landmark.landmark_id),
        "article_id": "",
        "role": ROLE,
        "title": landmark.title,
        "source": outlet_of(landmark.source),
        "url": landmark.source,
        "published_date": pd.NaT,
        "language": "en",
        "date": start,
        "date_earliest": start,
        "date_latest": end,
        "date_precision": landmark.precision,
        "date_confidence": "high",
        "date_method": f"a landmark of the reference table ({TABLE}), dated by its source" + (f", which says “{phrase}”" if phrase else ""),
        "date_evidence": [phrase] if phrase else [],
        "date_evidence_offsets": [],
        "us_administration": _administration(start, style),
        "countries": list(landmark.countries),
        "countries_mentioned": list(landmark.countries),
        "country_evidence": [],
        "policy_types": list(landmark.policy_types),
        "policy_evidence": [],
        "officials": list(landmark.officials),
        "summary": landmark.summary,
        "event_sentence": "",
        "parent_event_id": "",
        "n_sources": 1,
        "source_articles": [],
        "merged_event_ids": [],
        "merge_note": "",
        "merge_similarity": float("nan"),
        "curation": [],
        "review_reasons": [],
        "warnings": [],
        "landmark_id": landmark.landmark_id,
        "kind": landmark.kind,
        "place": landmark.place,
        "date_end": end,
        "kind_rank": KIND_ORDER.index(landmark.kind) if landmark.kind in KIND_ORDER else len(KIND_ORDER),
        "core": bool(core.intersection(landmark.countries) - {"USA"}),
    }


def landmark_hover(row: dict, style: Style) -> list[str]:
    """A landmark's customdata: its event id, then its title, its date, kind and place, its parties and its source, as the
    hover shows them (the summary is in the panel a click opens: kept out, it would double what each run sends)."""
    parties = ", ".join(style.country.label(c) for c in row["countries"]) or "none listed"
    return [
        row["event_id"],
        _text(row["title"]),
        _text(f"{describe_landmark_date(row)} · {kind_words(row['kind'])}" + (f" · {row['place']}" if row["place"] else ""), 90),
        _text(parties),
        _text(row["source"] or "source not shown"),
    ]


def build_landmarks(reference: Reference, style: Style) -> pd.DataFrame:
    """Every landmark as a row of the event table's columns plus its id, kind, place, timeline label and hover, in date order."""
    core = {c.iso3 for c in reference.countries if c.core}
    rows = [landmark_row(m, style, core) for m in reference.landmarks]
    for row in rows:
        row["label"] = short_label(row["title"])
        row["label_chars"] = max(len(html.unescape(line)) for line in row["label"].split("<br>"))
        row["hover"] = landmark_hover(row, style)
        row["search_text"] = " ".join([row["title"], row["summary"], row["place"], *row["officials"]]).casefold()
        row["confidence_rank"] = 2
    frame = pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])
    for column in ("published_date", "date", "date_earliest", "date_latest", "date_end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    frame["year"] = frame["date"].dt.year.astype("Int64")
    frame["day"] = frame["date"].dt.strftime("%Y-%m-%d")  # the x of its diamond
    frame["milestone"] = milestones(frame, reference.named_policies)
    frame = frame.sort_values(["date", "event_id"]).reset_index(drop=True)
    ranked = importance(frame)
    frame.loc[ranked.index, "priority"] = range(len(ranked))
    return frame.astype({"priority": int})


def matched_landmark(method: str, date, titles: dict[str, int], landmarks: pd.DataFrame) -> str:
    """The landmark that decided an event's day: the first one its method says it matches whose days hold the day ('' if none)."""
    if pd.isna(date) or "matches landmark" not in method:
        return ""
    for match in MATCHED.finditer(method):
        position = titles.get(match.group("title"))
        if position is None:
            continue
        row = landmarks.iloc[position]
        if row["url"] == match.group("source") and row["date_earliest"] <= date <= row["date_latest"]:
            return row["landmark_id"]
    return ""


def link_events(events: pd.DataFrame, landmarks: pd.DataFrame) -> pd.Series:
    """Per article event, the id of the landmark it reports (from its date method), or ''."""
    titles = {title: i for i, title in enumerate(landmarks["title"])}
    return pd.Series(
        [matched_landmark(m, d, titles, landmarks) for m, d in zip(events["date_method"], events["date"], strict=True)],
        index=events.index,
        dtype="str",
    )


def not_reported(landmarks: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The landmarks no event of `events` reports: the others are told by those events' rows (one event, several sources)."""
    return landmarks[~landmarks["landmark_id"].isin(set(events["landmark_id"]) - {""})]


def export_table(events: pd.DataFrame, landmarks: pd.DataFrame) -> pd.DataFrame:
    """Article events and landmarks in one table of the event table's columns plus `landmark_id` (the landmark an article
    event reports, or the landmark's own id), in date order (undated last). Pass the landmarks no event reports."""
    columns = [*COLUMNS, "landmark_id"]
    both = pd.concat([events[columns], landmarks[columns]]) if len(landmarks) else events[columns]
    return both.sort_values(["date", "event_id"], na_position="last")


def milestones(landmarks: pd.DataFrame, policies: Iterable[NamedPolicy]) -> pd.Series:
    """Per landmark, whether it is a step of a named policy: a decision (agreement, programme, suspension...) within a day
    of a policy's announcement, start, suspension or end, with a party in common besides the US (unless the policy's only
    party is the US)."""
    parties_by_day: dict[dt.date, set[str]] = {}
    for policy in policies:
        parties = set(policy.countries) - {"USA"} or set(policy.countries)
        if policy.policy_type:
            for _, day in policy.dates():
                for shift in (-1, 0, 1):
                    parties_by_day.setdefault(day + dt.timedelta(days=shift), set()).update(parties)
    return pd.Series(
        [
            kind in DECISIONS and bool(parties_by_day.get(day.date(), set()).intersection(parties))
            for kind, day, parties in zip(landmarks["kind"], landmarks["date"], landmarks["countries"], strict=True)
        ],
        index=landmarks.index,
        dtype=bool,
    )


def by_importance(landmarks: pd.DataFrame) -> pd.DataFrame:
    """Landmarks most important first (the order `importance` gives, computed once per data version)."""
    return landmarks.sort_values("priority")


def importance(landmarks: pd.DataFrame) -> pd.DataFrame:
    """Landmarks most important first, a kind at a time so that no kind crowds out the others: each year's first of each
    kind, then each year's second, and so on; within a turn, steps of a named policy first, then by kind (KIND_ORDER).
    Within a year and kind the first is a policy's step before any other, then one with a party of the core region
    besides the US, then the earliest."""
    ranked = landmarks.sort_values(["milestone", "core", "date"], ascending=[False, False, True])
    turn = ranked.groupby(["year", "kind"], sort=False).cumcount().rename("turn")
    return (
        ranked.assign(turn=turn)
        .sort_values(["turn", "milestone", "kind_rank", "date"], ascending=[True, False, True, True])
        .drop(columns="turn")
    )


def key_landmarks(landmarks: pd.DataFrame, years: Iterable[int], per_year: int = PER_YEAR) -> dict[int, pd.DataFrame]:
    """The `per_year` most important landmarks of each year, in date order."""
    ranked = by_importance(landmarks)
    return {year: ranked[ranked["year"] == year].head(per_year).sort_values("date") for year in years}


def kind_counts(landmarks: pd.DataFrame) -> pd.Series:
    """Landmarks per kind, in KIND_ORDER."""
    counts = landmarks["kind"].value_counts()
    return pd.Series({kind: int(counts.get(kind, 0)) for kind in KIND_ORDER if counts.get(kind, 0)}, dtype=int)
