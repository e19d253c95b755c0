"""The reference tables agree with themselves (country_converter style): terms, aliases, vocabulary, docs."""

import csv
import datetime as dt
import itertools
import re
from collections import defaultdict

import pytest

from loaders.reference import REFERENCE_DIR, TABLES, ReferenceError, read_reference
from tests.conftest import ROOT, read_cases


def test_every_table_reads(reference):
    assert len(reference.countries) >= 190
    assert {c.iso3 for c in reference.countries if c.core} == {"USA", "MEX", "GTM", "HND", "SLV"}
    assert len(reference.terms) >= 80


def test_terms_of_one_office_never_overlap(reference):
    by_office = defaultdict(list)
    for term in reference.terms:
        by_office[term.office_id].append(term)
    clashes = []
    for office, terms in by_office.items():
        for a, b in itertools.combinations(sorted(terms, key=lambda t: t.start_date), 2):
            a_end = a.end_date or dt.date.max
            if b.start_date < a_end and a.official_id != b.official_id:
                clashes.append(f"{office}: {a.name} ({a.start_date}..{a.end_date}) and {b.name} ({b.start_date}..{b.end_date})")
    assert clashes == []


def test_administrations_of_a_country_never_overlap(reference):
    by_country = defaultdict(list)
    for admin in reference.administrations:
        by_country[admin.country].append(admin)
    for admins in by_country.values():
        ordered = sorted(admins, key=lambda a: a.start_date)
        for a, b in itertools.pairwise(ordered):
            assert a.end_date is not None and a.end_date <= b.start_date, (a, b)


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2017-01-20", "trump_1"), ("2021-01-19", "trump_1"), ("2021-01-20", "biden"), ("2025-01-20", "trump_2"), ("2016-06-01", "obama_2")],
)
def test_us_administration_by_date(reference, day, expected):
    assert reference.administration_on("USA", dt.date.fromisoformat(day)).administration_id == expected


def test_no_country_name_resolves_to_two_countries(reference):
    patterns = {
        c.iso3: [re.compile(p, re.IGNORECASE) for p in (c.alias_pattern, c.demonym_pattern, c.capital_pattern) if p]
        for c in reference.countries
    }
    rows = list(csv.DictReader((REFERENCE_DIR / "countries.csv").open(encoding="utf-8")))
    clashes = []
    for row in rows:
        for probe in filter(None, (row["name"], row["name_es"])):
            hits = {iso for iso, compiled in patterns.items() if any(p.fullmatch(probe) for p in compiled)}
            if len(hits) > 1:
                clashes.append((probe, sorted(hits)))
    assert clashes == []


PROBES = read_cases("vocabulary.csv")


@pytest.mark.parametrize("probe", PROBES, ids=[p["phrase"] for p in PROBES])
def test_each_phrase_is_under_exactly_one_policy_type(reference, probe):
    types = {e.policy_type for e in reference.vocabulary if re.fullmatch(e.pattern, probe["phrase"], re.IGNORECASE)}
    assert types == {probe["policy_type"]}


def test_every_policy_type_has_probes_and_a_colour(reference):
    assert {p["policy_type"] for p in PROBES} == {t.policy_type for t in reference.policy_types}
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", t.colour) for t in reference.policy_types)


def test_named_policies_have_dates_in_order(reference):
    for policy in reference.named_policies:
        known = [d for d in (policy.announced_date, policy.start_date, policy.suspended_date, policy.end_date) if d]
        assert known == sorted(known), policy.policy_id


NAMED_POLICY_ROWS = list(csv.DictReader((REFERENCE_DIR / "named_policies.csv").open(encoding="utf-8")))


def test_named_policies_cover_the_period(reference):
    assert len(reference.named_policies) >= 40
    assert all(p.announced_date or p.start_date for p in reference.named_policies)


def test_named_policy_ids_and_names_are_unique(reference):
    ids = [p.policy_id for p in reference.named_policies]
    names = [p.name for p in reference.named_policies]
    assert len(ids) == len(set(ids))
    assert all(names) and len(names) == len(set(names))


@pytest.mark.parametrize("row", NAMED_POLICY_ROWS, ids=[r["policy_id"] for r in NAMED_POLICY_ROWS])
def test_every_named_policy_has_sources_and_a_note(row):
    urls = [u.strip() for u in row["source"].split(" ; ")]
    assert urls and all(re.fullmatch(r"https?://\S+", u) for u in urls), row["source"]
    assert row["note"].strip()
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", row["note"])}
    assert cited <= set(range(1, len(urls) + 1)), f"note cites {sorted(cited)} of {len(urls)} sources"


def test_named_policy_types_and_countries_are_known(reference):
    types = {t.policy_type for t in reference.policy_types}
    isos = {c.iso3 for c in reference.countries}
    for policy in reference.named_policies:
        assert policy.policy_type in types or policy.policy_type == "", policy.policy_id
        assert set(policy.countries) <= isos, policy.policy_id
        assert policy.countries or not policy.policy_type, f"{policy.policy_id} has a type but no parties"


def test_stopped_date_is_the_earlier_of_suspension_and_end(reference):
    by_id = {p.policy_id: p for p in reference.named_policies}
    assert str(by_id["migrant_protection_protocols"].stopped_date) == "2021-01-20"
    assert str(by_id["title_42"].stopped_date) == "2023-05-11"
    assert by_id["root_causes_strategy"].stopped_date is None


ALIAS_PROBES = read_cases("policy_aliases.csv")


@pytest.mark.parametrize("probe", ALIAS_PROBES, ids=[f"{p['policy_id']}:{p['text'][:40]}" for p in ALIAS_PROBES])
def test_policy_alias_means_that_policy(matchers, probe):
    """An alias used for dating must mean that row: the restart, not the program; the termination, not TPS."""
    found = {policy.policy_id for policy, _ in matchers.policies.finditer(probe["text"])}
    assert (probe["policy_id"] in found) == (probe["matches"] == "1"), probe["why"]


def test_officials_name_people_once(reference):
    names = defaultdict(set)
    for term in reference.terms:
        names[term.official_id].add(term.name)
    assert all(len(v) == 1 for v in names.values())


def test_every_table_and_column_is_documented():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    missing = []
    for name in TABLES:
        if f"reference/{name}.csv`" not in readme:
            missing.append(f"{name}.csv")
        with (REFERENCE_DIR / f"{name}.csv").open(encoding="utf-8") as handle:
            for column in next(csv.reader(handle)):
                if f"`{column}`" not in readme:
                    missing.append(f"{name}.{column}")
    assert missing == []


def test_every_word_list_is_used_by_the_code_and_every_used_list_exists_in_every_language(reference):
    from loaders.grammar import NUMBERS
    from loaders.lexicon import template_lists

    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "loaders").glob("*.py") if p.name != "lexicon.py")
    used = set(template_lists(source)) | set(re.findall(r"words\(['\"](\w+)['\"]\)", source))
    used |= {f"kind_{landmark.kind}" for landmark in reference.landmarks} | {f"number_{n}" for n in NUMBERS}  # lists named by a pattern
    by_language = defaultdict(set)
    for entry in reference.words:
        by_language[entry.language].add(entry.list_id)
    assert set(by_language) >= {"en", "es"}
    for language, lists in by_language.items():
        assert lists == used, (language, sorted(lists ^ used))
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "reference/words/<language>.csv`" in readme


def test_a_language_without_word_lists_is_warned_about(reference):
    from loaders.lexicon import Lexicon

    lexicon = Lexicon.from_reference(reference)
    assert lexicon.missing_for("es") is None and lexicon.missing_for("en") is None
    assert "'pt'" in lexicon.missing_for("pt")


def test_a_word_list_given_twice_in_one_language_is_an_error(tmp_path):
    from loaders.reference import read_words

    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "en.csv").write_text("list_id,pattern,note\nx,a|b,\nx,c,\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match="given twice"):
        read_words(tmp_path)


def test_a_broken_table_is_a_clear_error(tmp_path):
    for name in TABLES:
        (tmp_path / f"{name}.csv").write_bytes((REFERENCE_DIR / f"{name}.csv").read_bytes())
    (tmp_path / "officials.csv").write_text(
        "official_id,name,alias_pattern,country,office_id,acting,term_start,term_end\nx,X,\\bX\\b,USA,us_president,0,2020-13-01,\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceError, match="term_start '2020-13-01' is not a YYYY-MM-DD date"):
        read_reference(tmp_path)
    (tmp_path / "officials.csv").write_text("official_id,name\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match="missing column"):
        read_reference(tmp_path)


def test_named_policy_rows_are_checked_on_load(tmp_path):
    for name in TABLES:
        (tmp_path / f"{name}.csv").write_bytes((REFERENCE_DIR / f"{name}.csv").read_bytes())
    header = "policy_id,name,alias_pattern,policy_type,countries,announced_date,start_date,suspended_date,end_date,note,source\n"
    bad_rows = {
        "dates out of order": "x,X,,asylum,USA,2020-01-02,2020-01-01,,,n,https://example.org\n",
        "suspension after the end": "x,X,,asylum,USA,2020-01-01,,2021-01-01,2020-06-01,n,https://example.org\n",
        "unknown country": "x,X,,asylum,USA;XYZ,2020-01-01,,,,n,https://example.org\n",
        "more than once": "x,X,,asylum,USA,2020-01-01,,,,n,https://example.org\nx,Y,,asylum,USA,2020-01-01,,,,n,https://example.org\n",
    }
    for message, rows in bad_rows.items():
        (tmp_path / "named_policies.csv").write_text(header + rows, encoding="utf-8")
        with pytest.raises(ReferenceError, match=message.replace("suspension after the end", "out of order")):
            read_reference(tmp_path)


def test_landmarks_are_many_sourced_and_distinct(reference):
    landmarks = reference.landmarks
    assert len(landmarks) >= 150
    assert all(m.source.startswith("http") and m.date_phrase and m.title and m.summary for m in landmarks)
    assert len({m.landmark_id for m in landmarks}) == len(landmarks)
    assert {c for m in landmarks for c in m.countries} >= {"MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "COL", "HTI", "CUB", "VEN"}
    same = defaultdict(list)
    for m in landmarks:
        if m.officials:
            same[(m.kind, m.countries, frozenset(m.officials))].append(m)
    twins = [
        (a.landmark_id, b.landmark_id)
        for group in same.values()
        for a, b in itertools.combinations(sorted(group, key=lambda m: m.date), 2)
        if (b.date - a.date_end).days <= 1
    ]
    assert twins == []


def test_landmarks_fall_inside_a_term_of_every_official_they_name(reference):
    terms = defaultdict(list)
    for term in reference.terms:
        terms[term.name].append(term)
    outside = []
    for m in reference.landmarks:
        for name in m.officials:
            held = terms.get(name)
            if held and not any(
                t.start_date <= m.date_end and (t.end_date is None or m.date <= t.end_date) for t in held
            ):  # a last day counts
                outside.append(f"{m.landmark_id}: {name}")
    assert outside == []
    named = [name for m in reference.landmarks for name in m.officials]
    assert sum(name in terms for name in named) >= 0.75 * len(named), "most officials landmarks name are in the officials table"
