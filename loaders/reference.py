"""Read the reference tables under data/reference/ (the only reader of that folder)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
WORDS_DIR = "words"  # one table of word lists per language: words/en.csv, words/es.csv, ...
WORD_COLUMNS = ("list_id", "pattern")

# Every table, with the columns the loaders rely on (extra columns are allowed).
TABLES = {
    "countries": ("iso3", "name", "alias_pattern", "demonym_pattern", "capital_pattern", "core"),
    "country_groups": ("group_id", "alias_pattern", "members"),
    "offices": ("office_id", "country", "title_pattern", "kind"),
    "officials": ("official_id", "name", "alias_pattern", "country", "office_id", "acting", "term_start", "term_end"),
    "administrations": ("country", "administration_id", "head", "start_date", "end_date", "label"),
    "policy_types": ("policy_type", "label", "side", "colour", "description"),
    "policy_vocabulary": ("policy_type", "pattern", "language", "weight"),
    "named_policies": (
        "policy_id",
        "name",
        "alias_pattern",
        "policy_type",
        "countries",
        "announced_date",
        "start_date",
        "suspended_date",
        "end_date",
    ),
    "relative_phrases": ("phrase_id", "pattern", "language", "min_days", "max_days", "anchor"),
    "page_chrome": ("pattern", "kind"),
    "outlets": ("source", "pattern"),
    "named_days": ("day_id", "pattern", "month", "day", "rule"),
    "settings": ("key", "value"),
    "review_reasons": ("code", "label", "description"),
    "landmarks": (
        "landmark_id", "date", "date_end", "precision", "kind", "countries", "policy_types", "officials", "place",
        "title", "summary", "alias_pattern", "source", "date_phrase",
    ),
}  # fmt: skip


class ReferenceError(ValueError):
    """A reference table is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    alias_pattern: str
    demonym_pattern: str
    capital_pattern: str
    core: bool


@dataclass(frozen=True)
class CountryGroup:
    group_id: str
    alias_pattern: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Office:
    office_id: str
    country: str
    title_pattern: str
    kind: str


@dataclass(frozen=True)
class Term:
    """One person in one office for one span: start inclusive, end exclusive (None = still in office)."""

    official_id: str
    name: str
    alias_pattern: str
    country: str
    office_id: str
    acting: bool
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True)
class Administration:
    country: str
    administration_id: str
    head: str
    start_date: dt.date
    end_date: dt.date | None
    label: str
    colour: str = ""


@dataclass(frozen=True)
class PolicyType:
    policy_type: str
    label: str
    side: str
    colour: str
    description: str


@dataclass(frozen=True)
class VocabularyEntry:
    policy_type: str
    pattern: str
    language: str
    weight: float


@dataclass(frozen=True)
class NamedPolicy:
    """A named policy's life cycle: announced, in force, suspended, ended (each None when not verified or not applicable)."""

    policy_id: str
    alias_pattern: str
    policy_type: str
    announced_date: dt.date | None
    start_date: dt.date | None
    end_date: dt.date | None
    name: str = ""
    countries: tuple[str, ...] = ()
    suspended_date: dt.date | None = None

    @property
    def stopped_date(self) -> dt.date | None:
        """The first day it no longer applied: suspended or ended, whichever came first."""
        return min((d for d in (self.suspended_date, self.end_date) if d), default=None)

    def dates(self) -> tuple[tuple[str, dt.date], ...]:
        """The known dates in life-cycle order, for checks and charts."""
        named = (("announced_date", self.announced_date), ("start_date", self.start_date),
                 ("suspended_date", self.suspended_date), ("end_date", self.end_date))  # fmt: skip
        return tuple((column, day) for column, day in named if day)


@dataclass(frozen=True)
class RelativePhrase:
    phrase_id: str
    pattern: str
    language: str
    min_days: int
    max_days: int
    anchor: str


@dataclass(frozen=True)
class ChromePattern:
    pattern: str
    kind: str


@dataclass(frozen=True)
class NamedDay:
    """A day or a short period with a name ("Christmas", "Thanksgiving", "Semana Santa"): a fixed month and day,
    a rule like '4th thursday' of the month, or days counted from Easter Sunday ('easter -7 0' is Holy Week)."""

    day_id: str
    pattern: str
    month: int | None
    day: int | None
    rule: str

    def in_year(self, year: int) -> dt.date:
        """The (first) day in a given year."""
        return self.span_in_year(year)[0]

    def span_in_year(self, year: int) -> tuple[dt.date, dt.date]:
        """The first and last day in a given year."""
        if self.rule.startswith("easter"):
            _, first, last = self.rule.split()
            sunday = easter_sunday(year)
            return sunday + dt.timedelta(days=int(first)), sunday + dt.timedelta(days=int(last))
        if self.day:
            day = dt.date(year, self.month, self.day)
            return day, day
        nth, weekday = self.rule.split()
        weekday_index = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").index(weekday)
        first = dt.date(year, self.month, 1)
        offset = (weekday_index - first.weekday()) % 7
        day = first + dt.timedelta(days=offset + 7 * (int(nth[0]) - 1))
        return day, day


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a year (Gregorian calendar; the anonymous algorithm of Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@dataclass(frozen=True)
class WordList:
    """The words of one list (reporting verbs, future markers...) in one language, as a regex alternation."""

    list_id: str
    language: str
    pattern: str


@dataclass(frozen=True)
class Landmark:
    """A sourced event of the period: when, who, what kind, and where the date was confirmed."""

    landmark_id: str
    date: dt.date
    date_end: dt.date  # the last day (the same as `date` for a one-day event)
    precision: str
    kind: str
    countries: tuple[str, ...]
    policy_types: tuple[str, ...]
    officials: tuple[str, ...]
    place: str
    title: str
    summary: str
    alias_pattern: str
    source: str
    date_phrase: str


@dataclass(frozen=True)
class Outlet:
    source: str
    pattern: str
    hosts: str = ""  # `;`-separated hosts the outlet publishes on


@dataclass(frozen=True)
class Reference:
    """All reference tables, read once and shared (never mutated)."""

    countries: tuple[Country, ...]
    country_groups: tuple[CountryGroup, ...]
    offices: tuple[Office, ...]
    terms: tuple[Term, ...]
    administrations: tuple[Administration, ...]
    policy_types: tuple[PolicyType, ...]
    vocabulary: tuple[VocabularyEntry, ...]
    named_policies: tuple[NamedPolicy, ...]
    relative_phrases: tuple[RelativePhrase, ...]
    page_chrome: tuple[ChromePattern, ...]
    outlets: tuple[Outlet, ...]
    named_days: tuple[NamedDay, ...]
    words: tuple[WordList, ...] = ()
    settings: tuple[tuple[str, str], ...] = ()
    landmarks: tuple[Landmark, ...] = ()
    fingerprint: str = ""

    def setting(self, key: str) -> str:
        """A value of settings.csv (a missing key is an error: every setting the code reads is in the table)."""
        for name, value in self.settings:
            if name == key:
                return value
        raise ReferenceError(f"settings.csv has no {key!r}")

    def period(self) -> tuple[dt.date, dt.date]:
        """The period the corpus covers (settings `corpus_period_start`, `corpus_period_end`)."""
        return dt.date.fromisoformat(self.setting("corpus_period_start")), dt.date.fromisoformat(self.setting("corpus_period_end"))

    def administration_on(self, country: str, day: dt.date) -> Administration | None:
        """The administration of `country` in office on `day` (start inclusive, end exclusive)."""
        for admin in self.administrations:
            if admin.country == country and admin.start_date <= day and (admin.end_date is None or day < admin.end_date):
                return admin
        return None


def _date(value: str, table: str, line: int, column: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ReferenceError(f"{table}.csv line {line}: {column} {value!r} is not a YYYY-MM-DD date") from exc


def _required_date(value: str, table: str, line: int, column: str) -> dt.date:
    parsed = _date(value, table, line, column)
    if parsed is None:
        raise ReferenceError(f"{table}.csv line {line}: {column} is empty")
    return parsed


def _flag(value: str) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "y"}


def _pattern(value: str, table: str, line: int) -> str:
    value = (value or "").strip()
    if value:
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise ReferenceError(f"{table}.csv line {line}: pattern {value!r} does not compile: {exc}") from exc
    return value


def read_table(name: str, directory: Path = REFERENCE_DIR) -> list[tuple[int, dict[str, str]]]:
    """Rows of one reference table with their line numbers; checks the required columns."""
    path = Path(directory) / f"{name}.csv"
    if not path.is_file():
        raise ReferenceError(f"missing reference table {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [col for col in TABLES[name] if col not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [(number, row) for number, row in enumerate(reader, start=2) if any((v or "").strip() for v in row.values())]


def review_reason_labels(directory: Path = REFERENCE_DIR) -> dict[str, str]:
    """Review-reason codes and their labels, in the table's order (read on its own: the pages need only this)."""
    return {row["code"].strip(): row["label"].strip() for _, row in read_table("review_reasons", directory)}


def word_files(directory: Path = REFERENCE_DIR) -> list[Path]:
    """The per-language word-list tables (words/<language>.csv), sorted by language."""
    return sorted((Path(directory) / WORDS_DIR).glob("*.csv"))


def reference_fingerprint(directory: Path = REFERENCE_DIR) -> str:
    """A short hash of every reference table's bytes: changes whenever a table changes."""
    digest = hashlib.sha256()
    for name in sorted(TABLES):
        path = Path(directory) / f"{name}.csv"
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    for path in word_files(directory):
        digest.update(f"{WORDS_DIR}/{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def read_words(directory: Path = REFERENCE_DIR) -> tuple[WordList, ...]:
    """Every word list of every language; a list named twice in one language is an error."""
    found: list[WordList] = []
    for path in word_files(directory):
        language, table = path.stem, f"{WORDS_DIR}/{path.stem}"
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [col for col in WORD_COLUMNS if col not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceError(f"{table}.csv: missing column(s) {', '.join(missing)}")
            seen: set[str] = set()
            for line, row in enumerate(reader, start=2):
                list_id = (row["list_id"] or "").strip()
                if not list_id:
                    continue
                if list_id in seen:
                    raise ReferenceError(f"{table}.csv line {line}: list {list_id!r} is given twice")
                seen.add(list_id)
                found.append(WordList(list_id, language, _pattern(row["pattern"], table, line)))
    return tuple(found)


def read_reference(directory: Path | str = REFERENCE_DIR) -> Reference:
    """Read and check every reference table."""
    directory = Path(directory)
    rows = {name: read_table(name, directory) for name in TABLES}

    countries = tuple(
        Country(
            iso3=r["iso3"].strip(),
            name=r["name"].strip(),
            alias_pattern=_pattern(r["alias_pattern"], "countries", n),
            demonym_pattern=_pattern(r["demonym_pattern"], "countries", n),
            capital_pattern=_pattern(r["capital_pattern"], "countries", n),
            core=_flag(r["core"]),
        )
        for n, r in rows["countries"]
    )
    groups = tuple(
        CountryGroup(
            group_id=r["group_id"].strip(),
            alias_pattern=_pattern(r["alias_pattern"], "country_groups", n),
            members=tuple(m.strip() for m in r["members"].split(";") if m.strip()),
        )
        for n, r in rows["country_groups"]
    )
    offices = tuple(
        Office(
            office_id=r["office_id"].strip(),
            country=r["country"].strip(),
            title_pattern=_pattern(r["title_pattern"], "offices", n),
            kind=r["kind"].strip(),
        )
        for n, r in rows["offices"]
    )
    terms = tuple(
        Term(
            official_id=r["official_id"].strip(),
            name=r["name"].strip(),
            alias_pattern=_pattern(r["alias_pattern"], "officials", n),
            country=r["country"].strip(),
            office_id=r["office_id"].strip(),
            acting=_flag(r["acting"]),
            start_date=_required_date(r["term_start"], "officials", n, "term_start"),
            end_date=_date(r["term_end"], "officials", n, "term_end"),
        )
        for n, r in rows["officials"]
    )
    administrations = tuple(
        Administration(
            country=r["country"].strip(),
            administration_id=r["administration_id"].strip(),
            head=r["head"].strip(),
            start_date=_required_date(r["start_date"], "administrations", n, "start_date"),
            end_date=_date(r["end_date"], "administrations", n, "end_date"),
            label=r["label"].strip(),
            colour=(r.get("colour") or "").strip(),
        )
        for n, r in rows["administrations"]
    )
    policy_types = tuple(
        PolicyType(
            policy_type=r["policy_type"].strip(),
            label=r["label"].strip(),
            side=r["side"].strip(),
            colour=r["colour"].strip(),
            description=r["description"].strip(),
        )
        for _, r in rows["policy_types"]
    )
    vocabulary = tuple(
        VocabularyEntry(
            policy_type=r["policy_type"].strip(),
            pattern=_pattern(r["pattern"], "policy_vocabulary", n),
            language=r["language"].strip() or "any",
            weight=float(r["weight"] or 1),
        )
        for n, r in rows["policy_vocabulary"]
    )
    named = tuple(
        NamedPolicy(
            policy_id=r["policy_id"].strip(),
            alias_pattern=_pattern(r["alias_pattern"], "named_policies", n),
            policy_type=r["policy_type"].strip(),
            announced_date=_date(r["announced_date"], "named_policies", n, "announced_date"),
            start_date=_date(r["start_date"], "named_policies", n, "start_date"),
            end_date=_date(r["end_date"], "named_policies", n, "end_date"),
            name=r["name"].strip(),
            countries=tuple(c.strip() for c in (r["countries"] or "").split(";") if c.strip()),
            suspended_date=_date(r["suspended_date"], "named_policies", n, "suspended_date"),
        )
        for n, r in rows["named_policies"]
    )
    relative = tuple(
        RelativePhrase(
            phrase_id=r["phrase_id"].strip(),
            pattern=_pattern(r["pattern"], "relative_phrases", n),
            language=r["language"].strip() or "any",
            min_days=int(r["min_days"]),
            max_days=int(r["max_days"]),
            anchor=r["anchor"].strip(),
        )
        for n, r in rows["relative_phrases"]
    )
    chrome = tuple(ChromePattern(pattern=_pattern(r["pattern"], "page_chrome", n), kind=r["kind"].strip()) for n, r in rows["page_chrome"])
    outlets = tuple(
        Outlet(r["source"].strip(), _pattern(r["pattern"], "outlets", n), (r.get("host") or "").strip()) for n, r in rows["outlets"]
    )
    named_days = tuple(
        NamedDay(
            day_id=r["day_id"].strip(),
            pattern=_pattern(r["pattern"], "named_days", n),
            month=int(r["month"]) if (r["month"] or "").strip() else None,
            day=int(r["day"]) if (r["day"] or "").strip() else None,
            rule=(r["rule"] or "").strip().lower(),
        )
        for n, r in rows["named_days"]
    )
    reference = Reference(
        countries=countries,
        country_groups=groups,
        offices=offices,
        terms=terms,
        administrations=administrations,
        policy_types=policy_types,
        vocabulary=vocabulary,
        named_policies=named,
        relative_phrases=relative,
        page_chrome=chrome,
        outlets=outlets,
        named_days=named_days,
        words=read_words(directory),
        settings=tuple((r["key"].strip(), (r["value"] or "").strip()) for _, r in rows["settings"]),
        landmarks=tuple(_landmark(n, r) for n, r in rows["landmarks"]),
        fingerprint=reference_fingerprint(directory),
    )
    check_reference(reference)
    return reference


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def _landmark(line: int, row: dict[str, str]) -> Landmark:
    date = _required_date(row["date"], "landmarks", line, "date")
    end = _date(row["date_end"], "landmarks", line, "date_end") or date
    if end < date:
        raise ReferenceError(f"landmarks.csv line {line}: date_end {end} is before date {date}")
    precision = row["precision"].strip()
    if precision not in ("day", "month"):
        raise ReferenceError(f"landmarks.csv line {line}: precision {precision!r} is not day or month")
    return Landmark(
        landmark_id=row["landmark_id"].strip(),
        date=date,
        date_end=end,
        precision=precision,
        kind=row["kind"].strip(),
        countries=_split(row["countries"]),
        policy_types=_split(row["policy_types"]),
        officials=_split(row["officials"]),
        place=(row["place"] or "").strip(),
        title=row["title"].strip(),
        summary=(row["summary"] or "").strip(),
        alias_pattern=_pattern(row["alias_pattern"], "landmarks", line),
        source=row["source"].strip(),
        date_phrase=(row["date_phrase"] or "").strip(),
    )


def _in_order(policy: NamedPolicy) -> bool:
    """announced <= start <= suspended <= end, over the dates that are known."""
    days = [day for _, day in policy.dates()]
    return days == sorted(days)


def check_reference(reference: Reference) -> None:
    """Fail loudly on tables that disagree with each other."""
    types = {p.policy_type for p in reference.policy_types}
    isos = {c.iso3 for c in reference.countries}
    offices = {o.office_id for o in reference.offices}
    problems = []
    problems += [f"vocabulary type {v.policy_type!r} is not in policy_types" for v in reference.vocabulary if v.policy_type not in types]
    problems += [
        f"named policy {p.policy_id} has unknown type {p.policy_type!r}"
        for p in reference.named_policies
        if p.policy_type and p.policy_type not in types
    ]
    problems += [
        f"named policy {p.policy_id} has unknown country {c!r}" for p in reference.named_policies for c in p.countries if c not in isos
    ]
    problems += [f"named policy {p.policy_id} has dates out of order" for p in reference.named_policies if not _in_order(p)]
    policy_ids = [p.policy_id for p in reference.named_policies]
    problems += [f"named policy {i} appears more than once" for i in sorted({i for i in policy_ids if policy_ids.count(i) > 1})]
    problems += [f"official {t.official_id} has unknown office {t.office_id!r}" for t in reference.terms if t.office_id not in offices]
    problems += [f"official {t.official_id} has unknown country {t.country!r}" for t in reference.terms if t.country not in isos]
    problems += [f"group {g.group_id} has unknown member {m!r}" for g in reference.country_groups for m in g.members if m not in isos]
    problems += [f"official {t.official_id} ends before it starts" for t in reference.terms if t.end_date and t.end_date < t.start_date]
    problems += [f"landmark {m.landmark_id} has unknown country {c!r}" for m in reference.landmarks for c in m.countries if c not in isos]
    problems += [
        f"landmark {m.landmark_id} has unknown policy type {t!r}" for m in reference.landmarks for t in m.policy_types if t not in types
    ]
    if problems:
        raise ReferenceError("; ".join(problems))
