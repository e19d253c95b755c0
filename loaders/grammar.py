"""Pure: the patterns the date core reads sentences with, built from the per-language word lists.

Each pattern keeps its shape here ("a reporting verb among the six words before the date") and takes its words
from data/reference/words/<language>.csv (named as `<<the list id>>`). `bundled()` builds them from the tables shipped with
the project, for callers that are not handed the grammar of another reference folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.lexicon import Lexicon

I = re.IGNORECASE  # noqa: E741 - the flag's usual name

TEMPLATES: dict[str, tuple[str, int]] = {
    # tense: a clause ends at punctuation or a joining word; a date's tense is read inside its own clause
    "clause_break": (r"[,;:()—–]|\s-\s|\b(?:<<clause_break_word>>)\b", I),
    "date_modifier": (r"\b(?:<<date_modifier>>)\b|[^\w]", I),
    "subject": (r"\b(?:<<subject_pronoun>>)\b", 0),
    "future": (r"<<future_marker>>", I),
    "intent": (r"\b(?:<<intent_verb>>)\b", I),
    "to_verb": (r"^\s*(?:<<to_word>>)\s+[a-záéíóú]", I),
    "past": (r"\b(?:<<past_marker>>)\b", I),
    "not_past": (r"(?:<<not_past>>)", I),
    # mentions: what a date is the date of
    "referenced_before": (r"\b(?:<<referenced_preposition>>)\s+(?:(?:<<referenced_article>>)\s+)?$", I),
    "referenced_after": (r"^(?:'s|’s)?\s*(?:,\s*)?(?:\w+\s+){0,2}(?:<<event_noun>>)\b", I),
    "noun_of_before": (r"\b(?:<<event_noun>>)\s+(?:<<noun_of>>)\s+$", I),
    "period_before": (r"\b(?:<<period_preposition>>)\s+(?:(?:<<period_article>>)\s+)?(?:<<period_part>>)?$", I),
    "reporting": (r"\b(?:<<reporting_verb>>)\b", I),
    "modifier_before": (r"\b(?P<mod><<modifier_last>>|<<modifier_this>>|<<modifier_next>>|<<modifier_plain>>)\s+$", I),
    "modifier_after": (r"^\s+(?P<mod><<modifier_after>>)\b", I),
    "modifier_last": (r"(?:<<modifier_last>>)", I),
    "modifier_this": (r"(?:<<modifier_this>>)", I),
    "modifier_next": (r"(?:<<modifier_next>>)", I),
    "modifier_last_year": (r"(?:<<modifier_last_year>>)", I),
    "published": (r"\b(?:<<published_label>>)\b\W{0,3}(?:(?:<<published_on>>))?\W{0,3}$", I),
    "updated": (r"\b(?:<<updated_label>>)\b[\w\s:.,]{0,30}$", I),
    # periods: policies that took effect or ended, people who took office, elections, named days
    "in_force": (r"\b(?:<<in_force_phrase>>)\b", I),
    "ended": (r"\b(?:<<ended_phrase>>)\b", I),
    "took_office": (r"\b(?:<<took_office_phrase>>)\b", I),
    "election": (r"\b(?:<<election_word>>)\b", I),
    "this_before": (r"\b(?:<<this_word>>)\s+$", I),
    "day_unit": (r"(?:<<day_unit>>)", I),
    "week_unit": (r"(?:<<week_unit>>)", I),
    "after_word": (r"(?:<<after_word>>)", I),
    "month_unit": (r"(?:<<month_unit>>)", I),
    # "after a suspension of almost a month": a spell that ended with the event (the count is filled in by elapsed_pattern)
    "elapsed_almost": (r"(?:<<elapsed_almost>>)", I),
    "elapsed_over": (r"(?:<<elapsed_over>>)", I),
    **{f"number_{n}": (rf"(?:<<number_{n}>>)", I) for n in range(1, 11)},
    # sentences
    "abbreviation": (r"(?:<<abbreviation>>)", I),
    # referenced events
    "event_word": (r"\b(?:<<event_word>>)\b", I),
    "present": (r"(?:<<present_modifier>>)\b", I),
}


NUMBERS = range(1, 11)


def count_words(lexicon: Lexicon) -> str:
    """A count in digits or in words, as a regex alternation (for "two days after", "dos días después")."""
    return r"\d{1,2}|" + "|".join(lexicon.words(f"number_{n}") for n in NUMBERS)


def elapsed_pattern(lexicon: Lexicon) -> re.Pattern:
    """A spell that ended with the event, told after words like "after" within a few words: "after nearly two weeks",
    "luego de una suspensión de casi un mes"."""
    qualifier = f"{lexicon.words('elapsed_almost')}|{lexicon.words('elapsed_over')}|{lexicon.words('elapsed_about')}"
    unit = f"{lexicon.words('day_unit')}|{lexicon.words('week_unit')}|{lexicon.words('month_unit')}"
    return re.compile(
        rf"\b(?:{lexicon.words('elapsed_lead')})\s+(?:[^\W\d]+\s+){{0,3}}?(?:(?P<qualifier>{qualifier})\s+)?"
        rf"(?P<count>{count_words(lexicon)})\s+(?P<unit>{unit})\b",
        I,
    )


@dataclass(frozen=True, eq=False)
class Grammar:
    """The compiled patterns, by name, and the lexicon they were built from."""

    lexicon: Lexicon
    patterns: dict[str, re.Pattern]

    def __getitem__(self, name: str) -> re.Pattern:
        return self.patterns[name]

    def words(self, list_id: str) -> str:
        return self.lexicon.words(list_id)

    def number(self, word: str) -> int:
        """A count written in digits or words as a number ("two" -> 2, "dos" -> 2)."""
        if word.isdigit():
            return int(word)
        return next(n for n in NUMBERS if self.patterns[f"number_{n}"].fullmatch(word))


def compile_grammar(lexicon: Lexicon) -> Grammar:
    """Every pattern of TEMPLATES with its words filled in."""
    patterns = {name: re.compile(lexicon.expand(template), flags) for name, (template, flags) in TEMPLATES.items()}
    return Grammar(lexicon, patterns | {"elapsed": elapsed_pattern(lexicon)})


@lru_cache(maxsize=1)
def bundled() -> Grammar:
    """The grammar of the word lists shipped in data/reference/words/."""
    from loaders.reference import read_reference

    return compile_grammar(Lexicon.from_reference(read_reference()))
