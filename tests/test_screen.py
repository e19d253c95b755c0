"""The literal prefilter finds exactly what plain regular expressions find."""

import re

import pytest

from loaders.screen import SHARED, LiteralIndex, PatternSet, leading_literals, required_literals, screened
from tests.conftest import CORPUS_DIR, SEED_DIR


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bGuatemala\b(?! City)", {("guatemala", False, True)}),
        (r"(?<!New )\bM[eé]xico\b", {("mexico", False, True), ("méxico", False, True)}),
        (r"\bRiyadh\b|\bRiad\b", {("riyadh", False, True), ("riad", False, True)}),
        (r"\bUnited States\b|(?-i:\bUS\b)", {("united states", False, True), ("US", True, True)}),
        (r"\bHa[iï]t[ií]\b", {("haiti", False, True), ("haití", False, True), ("haïti", False, True), ("haïtí", False, True)}),
        (r"border (?:security|police)", {("border security", False, False), ("border police", False, False)}),
        (r"\b\w+ed\b", None),
        (r"[A-Z]{2}", None),
    ],
)
def test_required_literals(pattern, literals):
    found = required_literals(pattern)
    assert (set(found) if found else None) == literals


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        # a shared \b that the regex parser factors out of the alternatives still leaves them leading
        (r"\bsafe third country\b|\bRemain in Mexico\b", {("safe third country", False, True), ("remain in mexico", False, True)}),
        # a group of words followed by more: its words begin every match
        (r"\b(?:aid|assistance|funds?) (?:to|for)\b", {("aid", False, True), ("assistance", False, True), ("fund", False, True)}),
        (r"\b(?:deport|expel)(?:s|ed)? to\b", {("deport", False, True), ("expel", False, True)}),
        (r"(?:aid|assistance)? to\b", None),  # an optional group begins nothing
        (r"\b\w+ed\b", None),
    ],
)
def test_leading_literals(pattern, literals):
    found = leading_literals(pattern)
    assert (set(found) if found else None) == literals


def test_pattern_set_matches_like_plain_regexes_on_the_corpora(reference):
    items = [
        ((c.iso3, kind), p)
        for c in reference.countries
        for kind, p in (("a", c.alias_pattern), ("d", c.demonym_pattern), ("c", c.capital_pattern))
        if p
    ]
    items += [(v.policy_type, v.pattern) for v in reference.vocabulary]
    items += [(t.official_id, t.alias_pattern) for t in reference.terms]
    patterns = PatternSet(items)
    texts = [p.read_text(encoding="utf-8") for folder in (SEED_DIR, CORPUS_DIR) for p in sorted(folder.glob("*.txt"))]
    for text in texts:
        fast = sorted((str(key), m.span()) for key, m in patterns.finditer(text))
        plain = sorted((str(key), m.span()) for key, p in items for m in re.finditer(p, text, re.IGNORECASE))
        assert fast == plain


def test_text_whose_lower_case_changes_length_is_searched_in_full():
    patterns = PatternSet([("x", r"\bborder\b")])
    text = "İstanbul border"  # 'İ'.lower() is two characters long
    assert [m.group(0) for _, m in patterns.finditer(text)] == ["border"]


def test_a_branch_that_begins_with_a_literal_too_short_to_search_still_matches():
    pattern = r"\b(?:5|five)\s?%\s+tariffs?\b[^.]{0,80}\bMexic\w*|\bMexic\w*\b[^.]{0,60}\btariffs?\b"
    found = PatternSet([("t", pattern)]).finditer("Trump threatened a 5% tariff on all Mexican goods.")
    assert [m.group(0) for _, m in found] == ["5% tariff on all Mexican"]


def test_sets_over_one_text_find_only_their_own_literals_and_private_sets_stay_out_of_the_shared_scan():
    text = "The Migrant Protection Protocols began in Tijuana; Guatemala signed an asylum cooperation agreement."
    policies = PatternSet([("mpp", r"\bMigrant Protection Protocols\b"), ("aca", r"\basylum cooperation agreements?\b")])
    places = PatternSet([("GTM", r"\bGuatemala\b"), ("tij", r"\bTijuana\b")])
    private = PatternSet([("credit", r"\bProtocols\b")], literal_index=LiteralIndex())
    assert [(key, m.group(0)) for key, m in policies.finditer(text)] == [
        ("mpp", "Migrant Protection Protocols"), ("aca", "asylum cooperation agreement")]  # fmt: skip
    assert [(key, m.group(0)) for key, m in places.finditer(text)] == [("GTM", "Guatemala"), ("tij", "Tijuana")]  # pattern order
    assert [m.group(0) for _, m in private.finditer(text)] == ["Protocols"]
    assert ("protocols", False) not in SHARED._ids and private.index is not SHARED


@pytest.mark.parametrize(
    "text",
    [
        "Biden, who took office in January, was sworn in again. Bukele asumió el cargo.",
        "No phrase here at all.",
        "took office took officeX took office",
    ],
)
def test_a_screened_pattern_finds_what_the_pattern_finds(text):
    pattern = re.compile(r"\b(?:took office|was sworn in|sworn in|asumió(?: el cargo)?)\b", re.IGNORECASE)
    assert [m.span() for _, m in screened(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert screened(pattern) is screened(pattern)  # made once per pattern


SHARED_PATTERNS = [
    r"\bMigrant Protection Protocols\b",
    r"\bGuatemal\w*\b[^.]{0,100}\bsafe third[- ]country\b",  # windows around its literals
    r"\b(?:asylum|refugee) (?:cooperation )?agreements?\b",  # anchored: tried only where a literal begins
    r"(?:aid|aid to|aid to el)\b",  # anchored, its matches may nest (a start inside the last match is not tried)
    r"\b\w+ing\b",  # no literal: the whole text
]
SHARED_TEXTS = [
    "Guatemala signed a safe third-country pact. The asylum cooperation agreement and refugee agreements followed.",
    "Aid to El Salvador, aid to Honduras and said aid: the Migrant Protection Protocols were ending, aid aid",
    "Nothing to find.",
]


@pytest.mark.parametrize("text", SHARED_TEXTS, ids=[t[:20] for t in SHARED_TEXTS])
def test_a_pattern_several_sets_hold_gives_each_set_what_the_pattern_finds(text):
    """A pattern held by two sets is matched once per text; each set gets exactly the plain regex's matches."""
    first = PatternSet([(f"a{i}", p) for i, p in enumerate(SHARED_PATTERNS)])
    second = PatternSet([(f"b{i}", p) for i, p in enumerate(reversed(SHARED_PATTERNS))] + [("extra", r"\bpact\b")])
    for patterns, keys in ((first, [f"a{i}" for i in range(5)]), (second, [f"b{4 - i}" for i in range(5)])):
        for _ in range(2):  # the second time, the matches are those kept for this text
            found = [(key, m.span()) for key, m in patterns.finditer(text) if key != "extra"]
            plain = [(key, m.span()) for key, p in zip(keys, SHARED_PATTERNS, strict=True) for m in re.finditer(p, text, re.IGNORECASE)]
            assert sorted(found) == sorted(plain)
            assert [span for key, span in found if key == keys[3]] == [span for key, span in plain if key == keys[3]]  # text order
