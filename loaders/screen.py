"""Pure: run many reference patterns over a text fast, by first finding literals each match must contain.

A table of a few hundred alias patterns, run one by one over an article, costs milliseconds; most of them
cannot match because their words are absent. From each pattern we read (with Python's own regex parser) a set
of literals, one of which every match must contain: three or more characters matched without case, or two or
more inside a case-sensitive group such as `(?-i:US)`. One Aho-Corasick pass (pyahocorasick) over the
lower-cased text, and one over the text as written, find every occurrence of every literal; each pattern then
runs only in windows around its literals. A pattern with no usable literal runs over the whole text. The sets
share one automaton per case mode (a `LiteralIndex`), so the dozen sets run over one article scan it twice, not
two dozen times.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from functools import lru_cache
from typing import Any

import ahocorasick

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants
    import sre_parse

MIN_LITERAL = 3
MIN_EXACT_LITERAL = 2
MAX_VARIANTS = 16  # "Ha[iï]t[ií]" reads as 4 literals; a run with more variants than this is cut
WINDOW_MARGIN = 240  # characters searched on each side of a literal when a pattern's reach is unbounded
LOOKAHEAD_MARGIN = 60  # extra characters after a window, so that lookaheads ("(?! City)") see what follows
MAX_WINDOWS = 60  # a pattern whose literals occur more often than this is searched over the whole text
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}

Literal = tuple[str, bool, bool]  # (text, case-sensitive, must start a word: the pattern has \b before it)


def _choices(op, av, exact: bool) -> list[str] | None:
    """The characters one parsed item stands for, when it is a literal or a small class of literals."""
    if op is sre_constants.LITERAL:
        return [chr(av) if exact else chr(av).lower()]
    if op is sre_constants.IN and len(av) <= 4 and all(o is sre_constants.LITERAL for o, _ in av):
        return sorted({chr(a) if exact else chr(a).lower() for _, a in av})
    return None


def _alternatives(branches, exact: bool) -> list[str] | None:
    """The strings an alternation of plain literal sequences stands for ("Ri(?:yadh|ad)" -> yadh, ad)."""
    strings = []
    for branch in branches:
        current = [""]
        for op, av in branch:
            if op in _ZERO_WIDTH:
                continue
            chars = _choices(op, av, exact)
            if chars is None:
                return None
            current = [prefix + c for prefix in current for c in chars]
        strings += current
    return strings if len(strings) <= MAX_VARIANTS else None


def _group(op, av, exact: bool) -> tuple[Any, bool] | None:
    """The body of a group and whether it matches case-sensitively (`(?-i:...)` switches case off)."""
    if op is not sre_constants.SUBPATTERN:
        return None
    _, add_flags, del_flags, body = av
    if add_flags & re.IGNORECASE:
        exact = False
    if del_flags & re.IGNORECASE:
        exact = True
    return body, exact


def _starts_word(items: list, position: int, word_start: bool) -> bool:
    """Whether item `position` follows a \b (or the sequence itself starts right after one)."""
    if position == 0:
        return word_start
    op, av = items[position - 1]
    return op is sre_constants.AT and av is sre_constants.AT_BOUNDARY


def _sequence(op, av, exact: bool) -> list[list[str] | None]:
    """The characters (or strings) one parsed item stands for, step by step; None where it is not literal."""
    group = _group(op, av, exact)
    if group is not None and group[1] == exact:
        return [_choices(o, a, exact) for o, a in group[0] if o not in _ZERO_WIDTH]
    if op is sre_constants.BRANCH:
        return [_alternatives(av[1], exact)]
    return [_choices(op, av, exact)]


def _runs(items, exact: bool, word_start: bool = False) -> list[frozenset[Literal]]:
    """Runs of consecutive literal characters (small classes expand to variants); zero-width items are skipped."""
    items = list(items)
    runs: list[frozenset[Literal]] = []
    current, boundary = [""], False
    for position, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        sequence = _sequence(op, av, exact)
        if all(sequence) and len(current) * max(len(c) for c in sequence) <= MAX_VARIANTS:
            if current == [""]:
                boundary = _starts_word(items, position, word_start)
            for options in sequence:
                current = [prefix + c for prefix in current for c in options][: MAX_VARIANTS + 1]
            if len(current) <= MAX_VARIANTS:
                continue
        runs.append(frozenset((text, exact, boundary) for text in current))
        current, boundary = [""], False
    runs.append(frozenset((text, exact, boundary) for text in current))
    return [run for run in runs if all(text for text, _, _ in run)]


def _usable(option: frozenset[Literal]) -> bool:
    return all(len(text) >= (MIN_EXACT_LITERAL if exact else MIN_LITERAL) for text, exact, _ in option)


def _strength(option: frozenset[Literal]) -> tuple[int, int]:
    """How selective an option is: its weakest literal's length (exact or word-initial count more), then fewer."""
    return min(len(text) * (2 if exact else 1) + (2 if starts else 0) for text, exact, starts in option), -len(option)


def _any_of(items, exact: bool, word_start: bool = False) -> frozenset[Literal] | None:
    """Literals one of which every match of this parsed sequence contains (None when unknown)."""
    items = list(items)
    options = [run for run in _runs(items, exact, word_start) if _usable(run)]
    for position, (op, av) in enumerate(items):
        inner = None
        starts = _starts_word(items, position, word_start)
        group = _group(op, av, exact)
        if group is not None:
            inner = _any_of(group[0], group[1], starts)
        elif op is sre_constants.BRANCH:
            alternatives = [_any_of(branch, exact, starts) for branch in av[1]]
            inner = frozenset().union(*alternatives) if alternatives and all(alternatives) else None
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
            inner = _any_of(av[2], exact, starts)
        if inner:
            options.append(inner)
    return max(options, key=_strength) if options else None


def _leading(items, exact: bool) -> set[Literal] | None:
    """The literals every match of this sequence starts with (after zero-width items), or None."""
    items = list(items)
    if len(items) == 1 and items[0][0] is sre_constants.BRANCH:
        found: set[Literal] = set()
        for branch in items[0][1][1]:
            inner = _leading(branch, exact)
            if inner is None:
                return None
            found |= inner
        return found
    if len(items) == 1 and (group := _group(*items[0], exact)) is not None:
        return _leading(*group)
    strings, position = [""], 0
    while position < len(items) and items[position][0] in _ZERO_WIDTH:
        position += 1
    starts = any(op is sre_constants.AT and av is sre_constants.AT_BOUNDARY for op, av in items[:position])
    for op, av in items[position:]:
        if op in _ZERO_WIDTH:
            break
        sequence = _sequence(op, av, exact)
        if not all(sequence):
            if strings == [""] and (op is sre_constants.BRANCH or _group(op, av, exact) is not None):
                # a group or alternation begins the match ("\b(?:aid|assistance) to", or a shared \b factored
                # out of "\bA|\bB"): its own leading literals begin every match
                inner = _leading([(op, av)], exact)
                return {(text, is_exact, begins or starts) for text, is_exact, begins in inner} if inner else None
            break
        grown = strings
        for options in sequence:
            grown = [prefix + c for prefix in grown for c in options]
        if len(grown) > MAX_VARIANTS:
            break
        strings = grown
    return {(text, exact, starts) for text in strings} if all(strings) else None


def required_literals(pattern: str, flags: int = re.IGNORECASE) -> tuple[Literal, ...] | None:
    """(literal, case-sensitive, word-initial) triples one of which every match contains; None when unknown."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        exact = not flags & re.IGNORECASE
        leading = _leading(parsed, exact)
        # literals that begin every match are preferred: the pattern is then only tried where one begins
        found = frozenset(leading) if leading and _usable(frozenset(leading)) else _any_of(parsed, exact)
    except Exception:  # an unusual pattern: never skip it
        return None
    return tuple(sorted(found)) if found else None


def leading_literals(pattern: str, flags: int = re.IGNORECASE) -> tuple[Literal, ...] | None:
    """(literal, case-sensitive, word-initial) triples one of which every match begins with; None when unknown."""
    try:
        leading = _leading(sre_parse.parse(pattern, flags), not flags & re.IGNORECASE)
    except Exception:  # an unusual pattern: no promise
        return None
    return tuple(sorted(leading)) if leading and _usable(frozenset(leading)) else None


class LiteralIndex:
    """The literals of many pattern sets in one Aho-Corasick automaton per case mode, rebuilt when a set adds
    new ones. A scan's result is kept for the last text each thread scanned, so every set run over that text
    reads the same pass."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, bool], int] = {}
        self._lengths: dict[int, int] = {}
        self._automata: dict[bool, ahocorasick.Automaton] = {}
        self._generation = 0
        self._built = 0
        self._lock = threading.Lock()
        self._last = threading.local()

    def add(self, text: str, exact: bool) -> int:
        """The id of a literal (matched as written when `exact`, else in the lower-cased text)."""
        with self._lock:
            if (text, exact) not in self._ids:
                self._ids[(text, exact)] = len(self._ids)
                self._lengths[self._ids[(text, exact)]] = len(text)
                self._generation += 1
            return self._ids[(text, exact)]

    def _current(self) -> tuple[dict[bool, ahocorasick.Automaton], int]:
        with self._lock:
            if self._built != self._generation:
                automata = {}
                for exact in (False, True):
                    automaton = ahocorasick.Automaton()
                    for (text, is_exact), literal_id in self._ids.items():
                        if is_exact == exact:
                            automaton.add_word(text, literal_id)
                    if len(automaton):
                        automaton.make_automaton()
                        automata[exact] = automaton
                self._automata, self._built = automata, self._generation
            return self._automata, self._built

    def scan(self, text: str, lowered: str) -> dict[int, list[int]]:
        """Where each literal found in `text` ends (its last character's offset), by literal id."""
        automata, generation = self._current()
        last = getattr(self._last, "scan", None)
        if last is not None and last[0] == generation and last[1] == text:
            return last[2]
        ends: dict[int, list[int]] = defaultdict(list)
        for exact, automaton in automata.items():
            for end, literal_id in automaton.iter(text if exact else lowered):
                ends[literal_id].append(end)
        self._last.scan = (generation, text, ends)
        self._last.matches, self._last.starts, self._last.word_starts = {}, {}, {}
        return ends

    def starts(self, literal_id: int) -> list[int]:
        """Where a literal begins in the text this thread last scanned, in text order (worked out once per text: sets
        share literals)."""
        found = self._last.starts.get(literal_id)
        if found is None:
            length = self._lengths[literal_id]
            found = self._last.starts[literal_id] = [end - length + 1 for end in self._last.scan[2][literal_id]]
        return found

    def word_starts(self, literal_id: int) -> list[int]:
        """Where a literal begins a word in the text last scanned ("aid" inside "said" does not), in text order."""
        found = self._last.word_starts.get(literal_id)
        if found is None:
            text = self._last.scan[1]
            found = [s for s in self.starts(literal_id) if s == 0 or not (text[s - 1].isalnum() or text[s - 1] == "_")]
            self._last.word_starts[literal_id] = found
        return found

    def kept_matches(self) -> dict[tuple[str, int], list[re.Match]]:
        """The matches found so far in the text this thread last scanned, by pattern (its text and flags): a pattern
        that several sets hold (a named policy is also a policy phrase) is matched once per text. Its matches depend
        only on the pattern, the text and the scan, which place its windows the same way in every set."""
        return self._last.matches


SHARED = LiteralIndex()


class PatternSet:
    """Many keyed patterns searched together: literal prefilter, then regex matching in windows around hits."""

    def __init__(self, items: list[tuple[Any, str]], flags: int = re.IGNORECASE, literal_index: LiteralIndex | None = None) -> None:
        """`literal_index`: the literal index the set joins; the shared one by default (sets searched over the same texts share
        one scan), a private one for a set searched over texts no other set reads (so the scan looks only for its own)."""
        self.keys = [key for key, _ in items]
        self.patterns = [re.compile(pattern, flags) for _, pattern in items]
        self.reach = [_reach(pattern, flags) for _, pattern in items]
        literals = [required_literals(pattern, flags) for _, pattern in items]
        # a pattern whose every required literal begins its match is tried only where a literal begins
        self.anchored = {
            i for i, (found, (_, pattern)) in enumerate(zip(literals, items, strict=True)) if found and _begins(found, pattern, flags)
        }
        self.always = [i for i, found in enumerate(literals) if found is None]
        owners: dict[tuple[str, bool], list[tuple[int, bool]]] = defaultdict(list)
        for index, found in enumerate(literals):
            for text, exact, starts in found or ():
                owners[(text, exact)].append((index, starts and text[0].isalnum()))
        # per literal id in the shared index: its length, the patterns that own it, whether one needs it to begin a word
        self.index = SHARED if literal_index is None else literal_index
        self.literals = {self.index.add(text, exact): (len(text), tuple(indexes)) for (text, exact), indexes in owners.items()}
        self.literal_ids = frozenset(self.literals)

    def _windows(self, text: str, lowered: str) -> dict[int, list | None]:
        """Per pattern with a literal in the text: windows around the literals (None: search the whole text).
        An anchored pattern gets its literals' starting offsets instead."""
        # per pattern: the starts of each of its literals found (in text order), with the literal's length
        hits: dict[int, list[tuple[list[int], int]]] = defaultdict(list)
        index = self.index
        for literal_id in index.scan(text, lowered).keys() & self.literal_ids:  # the scan found every set's literals: only this set's
            length, owners = self.literals[literal_id]
            for pattern, begins_word in owners:
                hits[pattern].append((index.word_starts(literal_id) if begins_word else index.starts(literal_id), length))
        windows: dict[int, list | None] = {}
        for pattern, found in hits.items():
            if pattern in self.anchored:  # one literal's starts are already in order, and distinct
                windows[pattern] = found[0][0] if len(found) == 1 else sorted({s for starts, _ in found for s in starts})
            elif sum(len(starts) for starts, _ in found) > MAX_WINDOWS:
                windows[pattern] = None
            else:
                reach, end = self.reach[pattern], len(text)
                windows[pattern] = _merge(
                    [(max(0, s - reach), min(end, s + length + reach + LOOKAHEAD_MARGIN)) for starts, length in found for s in starts]
                )
        return windows

    def finditer(self, text: str, lowered: str | None = None) -> list[tuple[Any, re.Match]]:
        """Every match of every pattern as (key, match); a pattern's matches come in text order."""
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) != len(text):  # lower() changed the length (rare characters): search everything
            return [(key, m) for key, pattern in zip(self.keys, self.patterns, strict=True) for m in pattern.finditer(text)]
        windows = self._windows(text, lowered)
        for index in self.always:
            windows[index] = None
        found, kept = [], self.index.kept_matches()
        for index in sorted(windows):  # in pattern order, whatever order the literals were found in
            pattern = self.patterns[index]
            name = (pattern.pattern, pattern.flags)
            matches = kept.get(name)
            if matches is None:
                matches = kept[name] = self._matches(index, windows[index], text)
            key = self.keys[index]
            found += [(key, m) for m in matches]
        return found

    def _matches(self, index: int, spans: list | None, text: str) -> list[re.Match]:
        """The matches of one pattern, in text order: over the whole text (no spans), at its literals' starts when
        anchored, else in the windows around its literals."""
        pattern = self.patterns[index]
        if spans is None:
            return list(pattern.finditer(text))
        if index in self.anchored:
            return _anchored(pattern, text, spans)
        return [m for start, end in spans for m in pattern.finditer(text, start, end)]


@lru_cache(maxsize=256)
def screened(pattern: re.Pattern) -> PatternSet:
    """One compiled pattern as a set of its own (made once per pattern): searched over a whole article, it runs only
    around its literals, found by the scan the other sets share."""
    return PatternSet([(None, pattern.pattern)], pattern.flags & ~re.UNICODE)


def _begins(found: tuple[Literal, ...], pattern: str, flags: int) -> bool:
    try:
        leading = _leading(sre_parse.parse(pattern, flags), not flags & re.IGNORECASE)
    except Exception:
        return False
    # anchored only when every way a match can begin is a literal that is searched for (a branch may begin with
    # a literal too short to search, like the "5" of "5% tariff")
    return leading is not None and {(text, exact) for text, exact, _ in found} == {(text, exact) for text, exact, _ in leading}


def _reach(pattern: str, flags: int) -> int:
    """How far from one of its literals a match can extend: the pattern's longest match (bounded)."""
    try:
        longest = sre_parse.parse(pattern, flags).getwidth()[1]
    except Exception:
        return WINDOW_MARGIN
    return min(longest, WINDOW_MARGIN)


def _anchored(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """The matches of `pattern` beginning at `starts` (in order), without those that start inside an earlier one (as
    finditer would give them): a start inside the last match kept is not tried, as its match would be dropped."""
    kept: list[re.Match] = []
    match_at, end = pattern.match, -1
    for start in starts:
        if start >= end and (match := match_at(text, start)):
            kept.append(match)
            end = match.end()
    return kept


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
