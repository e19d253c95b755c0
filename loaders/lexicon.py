"""Pure: the language word lists of data/reference/words/<language>.csv, as regex pieces the parsers build on.

Code keeps the structure of a pattern ("a reporting verb, then up to six words, then the date"); the words
themselves are data, one table per language. A template names a list as `<<list_id>>`; it is replaced by the
alternation of that list's words in every language, so an article is read with every language's words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.reference import Reference

_PLACEHOLDER = re.compile(r"<<(\w+)>>")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one lexicon per reading of the tables
class Lexicon:
    """Word lists by id and language: `lists[list_id][language]` is a regex alternation of words."""

    lists: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_reference(cls, reference: Reference) -> Lexicon:
        lists: dict[str, dict[str, str]] = defaultdict(dict)
        for entry in reference.words:
            lists[entry.list_id][entry.language] = entry.pattern
        return cls({list_id: dict(by_language) for list_id, by_language in lists.items()})

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(language for by_language in self.lists.values() for language in by_language)

    def words(self, list_id: str) -> str:
        """The list's words in every language, as one non-capturing alternation."""
        by_language = self.lists.get(list_id)
        if not by_language:
            raise KeyError(f"word list {list_id!r} is not in data/reference/words/")
        parts = [f"(?:{pattern})" for _, pattern in sorted(by_language.items()) if pattern]
        return "(?:" + "|".join(parts) + ")" if parts else "(?!)"  # a list no language fills matches nothing

    def expand(self, template: str) -> str:
        """The template with every `<<list_id>>` replaced by that list's alternation."""
        return _PLACEHOLDER.sub(lambda match: self.words(match.group(1)), template)

    def regex(self, template: str, flags: int = re.IGNORECASE) -> re.Pattern:
        """The compiled template (compiled once per lexicon and template)."""
        return _compiled(self, template, flags)

    def missing_for(self, language: str) -> str | None:
        """A warning when no word list exists for an article's language (it is then read with the others)."""
        if not language or language in self.languages or not self.languages:
            return None
        known = ", ".join(sorted(self.languages))
        return f"no word lists for language {language!r} in data/reference/words/: read with the {known} lists"


@lru_cache(maxsize=512)
def _compiled(lexicon: Lexicon, template: str, flags: int) -> re.Pattern:
    return re.compile(lexicon.expand(template), flags)


def template_lists(template: str) -> list[str]:
    """The list ids a template names (for the test that every list is used and every use is listed)."""
    return _PLACEHOLDER.findall(template)
