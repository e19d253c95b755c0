"""Pure: run many reference patterns over a text fast, by first checking for a literal each match must contain.

A table of a few hundred alias patterns, run one by one over an article, costs milliseconds; most of them
cannot match because their words are absent. From each pattern we read (with Python's own regex parser) one
literal of three or more characters that every match must contain, per top-level alternative; a pattern is
run only when one of its literals occurs in the lower-cased text. A pattern with no usable literal always runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants
    import sre_parse

MIN_LITERAL = 3
_SKIPPABLE = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}


def _runs(items) -> list[str]:
    """Runs of consecutive literal characters in a parsed sequence (zero-width items do not break a run)."""
    runs, current = [], []
    for op, av in items:
        if op is sre_constants.LITERAL:
            current.append(chr(av))
            continue
        if op in _SKIPPABLE:
            continue
        if op is sre_constants.SUBPATTERN and av[1] == 0 and av[2] == 0:
            # a group without flag changes: its literals continue the run only if it is one plain sequence
            inner = list(av[3])
            if all(o is sre_constants.LITERAL for o, _ in inner):
                current.extend(chr(a) for _, a in inner)
                continue
        runs.append("".join(current))
        current = []
    runs.append("".join(current))
    return [r for r in runs if r]


def _plain_group(op, av) -> bool:
    return op is sre_constants.SUBPATTERN and not av[1] and not av[2]


def _any_of(items) -> frozenset[str] | None:
    """Literals one of which every match of this parsed sequence contains (None when unknown)."""
    items = list(items)
    options = [frozenset({run.lower()}) for run in _runs(items) if len(run) >= MIN_LITERAL]
    for op, av in items:
        inner = None
        if _plain_group(op, av):
            inner = _any_of(av[3])
        elif op is sre_constants.BRANCH:
            alternatives = [_any_of(branch) for branch in av[1]]
            inner = frozenset().union(*alternatives) if alternatives and all(alternatives) else None
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
            inner = _any_of(av[2])
        if inner:
            options.append(inner)
    if not options:
        return None
    return min(options, key=lambda option: (len(option), -min(len(x) for x in option)))


def required_literals_of(parsed) -> tuple[str, ...] | None:
    found = _any_of(parsed)
    return tuple(sorted(found)) if found else None


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literals one of which every match of `pattern` contains; None when that cannot be told."""
    try:
        return required_literals_of(sre_parse.parse(pattern, re.IGNORECASE))
    except Exception:  # an unusual pattern: never skip it
        return None


@dataclass(frozen=True)
class Screened:
    """A compiled pattern and the literals that gate it."""

    pattern: re.Pattern
    literals: tuple[str, ...] | None

    def may_match(self, lowered: str) -> bool:
        return self.literals is None or any(literal in lowered for literal in self.literals)


def screen(pattern: str, flags: int = re.IGNORECASE) -> Screened:
    """Compile a pattern together with its gating literals."""
    return Screened(re.compile(pattern, flags), required_literals(pattern))
