"""Pure: is a date mentioned about something past, or something still to come?"""

from __future__ import annotations

import re

from loaders.grammar import Grammar, bundled

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
WINDOW_WORDS = 14
WINDOW_CHARS = 400  # a clause's WINDOW_WORDS words fit inside; the rest of a long sentence is never scanned


def _clause_window(sentence: str, start: int, end: int, g: Grammar) -> tuple[str, str]:
    """The words of the date's own clause before and after it (read within WINDOW_CHARS either side)."""
    before = sentence[max(0, start - WINDOW_CHARS) : start]
    breaks = list(g["clause_break"].finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = sentence[end : end + WINDOW_CHARS]
    if not g["date_modifier"].sub("", before).strip():  # "In March, Biden tasked Harris": the clause goes on past the comma
        after = re.sub(r"^\s*,", " ", after)
    found = g["clause_break"].search(after)
    if found:
        after = after[: found.start()]
    if g["date_modifier"].sub("", before).strip():  # "said on Thursday it will ...": a new subject starts a new clause
        found = g["subject"].search(after)
        if found:
            after = after[: found.start()]
    return " ".join(before.split()[-WINDOW_WORDS:]), " ".join(after.split()[:WINDOW_WORDS])


def _nearest(pattern: re.Pattern, before: str, after: str, skip: re.Pattern | None = None) -> int | None:
    """Distance in characters from the date to the nearest marker, before or after."""
    best = None
    for match in pattern.finditer(before):
        if skip is None or not skip.fullmatch(match.group(0)):
            distance = len(before) - match.end()
            best = distance if best is None else min(best, distance)
    for match in pattern.finditer(after):
        if skip is None or not skip.fullmatch(match.group(0)):
            best = match.start() if best is None else min(best, match.start())
            break
    return best


def classify_tense(sentence: str, start: int, end: int, grammar: Grammar | None = None) -> str:
    """Tense of the clause around sentence[start:end]: past, future or unknown."""
    g = grammar or bundled()
    before, after = _clause_window(sentence, start, end, g)
    if g["intent"].search(before) and g["to_verb"].search(sentence[end : end + WINDOW_CHARS]):
        return FUTURE
    future = _nearest(g["future"], before, after)
    past = _nearest(g["past"], before, after, g["not_past"])
    if future is None and past is None:
        return UNKNOWN
    if past is None or (future is not None and future < past):
        return FUTURE
    return PAST


def sentence_tense(sentence: str, grammar: Grammar | None = None) -> str:
    """Tense of a whole sentence: past when it has only past markers, future when it has only future ones, else
    unknown (for what sets the scene of a sentence: "During Holy Week, when the government ..., flights stopped")."""
    g = grammar or bundled()
    past = any(not g["not_past"].fullmatch(m.group(0)) for m in g["past"].finditer(sentence))
    future = bool(g["future"].search(sentence))
    return PAST if past and not future else FUTURE if future and not past else UNKNOWN
