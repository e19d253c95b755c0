"""The literal prefilter finds exactly what plain regular expressions find."""

import re

import pytest

from loaders.screen import PatternSet, leading_literals, required_literals
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
