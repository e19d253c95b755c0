"""Pure: the direction of an event (pressure or cooperation) read from the verbs of its title and sentences.

The topic of an event (its policy types) does not say which way it goes: "US cuts aid" and "US resumes aid" are both
about aid. The verbs do. A verb that undoes something takes the direction from what it undoes ("lifts sanctions"
cooperates, "suspends the agreement" presses); other verbs carry their own ("imposes", "threatens"; "signs",
"pledges"). The words are the `direction_*` lists of data/reference/words/<language>.csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.lexicon import Lexicon

PRESSURE, COOPERATION, MIXED = "pressure", "cooperation", "mixed"
DIRECTIONS = (PRESSURE, COOPERATION, MIXED)
# A verb that undoes something and, at most three words on, the thing undone.
REVERSAL_TEMPLATE = r"\b(?:<<direction_reversal_verb>>)\b(?:\W+\w+){0,3}?\W+(?:(?P<pressure><<direction_pressure_noun>>)|(?P<cooperation><<direction_cooperation_noun>>))\b"
VERB_TEMPLATES = {
    PRESSURE: r"\b(?:<<direction_pressure_verb>>)\b",
    COOPERATION: r"\b(?:<<direction_cooperation_verb>>)\b",
}


def direction_counts(text: str, lexicon: Lexicon) -> dict[str, int]:
    """How many readings of each direction a text holds: undoings first (masked), then the verbs left."""
    counts = {PRESSURE: 0, COOPERATION: 0}

    def undo(match: re.Match) -> str:
        counts[COOPERATION if match.group("pressure") else PRESSURE] += 1  # undoing pressure cooperates, and the reverse
        return " "

    rest = lexicon.regex(REVERSAL_TEMPLATE).sub(undo, text)
    for direction, template in VERB_TEMPLATES.items():
        counts[direction] += len(lexicon.regex(template).findall(rest))
    return counts


def read_direction(texts: Iterable[str], lexicon: Lexicon) -> str:
    """The direction of the first text that has one (the title, then the event's sentence, then the summary...):
    pressure, cooperation, mixed when it holds as many of both, or '' when no text has any."""
    for text in texts:
        counts = direction_counts(text or "", lexicon)
        if counts[PRESSURE] or counts[COOPERATION]:
            if counts[PRESSURE] == counts[COOPERATION]:
                return MIXED
            return PRESSURE if counts[PRESSURE] > counts[COOPERATION] else COOPERATION
    return ""
