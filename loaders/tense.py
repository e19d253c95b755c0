"""Pure: is a date mentioned about something past, or something still to come?"""

from __future__ import annotations

import re

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
WINDOW_WORDS = 14
WINDOW_CHARS = 400  # a clause's WINDOW_WORDS words fit inside; the rest of a long sentence is never scanned

# A clause ends at these; a date's tense is read inside its own clause.
_CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\s-\s|\b(?:and|but|while|whereas|where|when|after|before|that|which|who|y|pero|mientras|donde|cuando|tras|que|quien|quienes)\b",
    re.IGNORECASE,
)

_MODIFIERS = re.compile(r"\b(?:this|on|last|next|past|coming|the|el|este|esta|pasado)\b|[^\w]", re.IGNORECASE)
_SUBJECT = re.compile(r"\b(?:it|he|she|they|we|I)\b")
_FUTURE = re.compile(
    r"\b(?:is|are|was|were|am)\s+(?:(?:also|still|now|not|then|initially)\s+)?(?:expected|scheduled|set|due|slated|going|poised|to)\b"
    r"|\b(?:will|won't|shall|would)\b|\w+'ll\b"
    r"|\b(?:plans?|planning|intends?|aims?)\s+to\b|\b(?:scheduled|set|due|slated|poised)\s+to\b"
    r"|\b(?:agreed|agrees?|decided|pledged|promised|vowed|hopes?|hoped|expects?|wants?)\s+to\s+\w+"
    r"|\b(?:next|upcoming|coming|later\s+this|forthcoming)\b"
    r"|\b(?:va|van|iba|iban|vamos)\s+a\b|\btienen?\s+previsto\b|\bprev[ée]n?\b|\bplanean?\b|\bse\s+espera\b|\best[áa]\s+previst[oa]\b"
    r"|\bpr[óo]xim[oa]s?\b|\b\w+(?:rá|rán|remos|ría|rían)\b",
    re.IGNORECASE,
)
# A wish or plan followed by "to <verb>" right after the date: "hoped on Monday to unveil".
_INTENT = re.compile(
    r"\b(?:hopes?|hoped|expects?|expected|plans?|planned|intends?|intended|aims?|aimed|wants?|wanted|seeks?|sought|set|scheduled|due|slated)\b",
    re.IGNORECASE,
)
_TO_VERB = re.compile(r"^\s*(?:to|para)\s+[a-záéíóú]", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|met|said|told|took|began|begun|held|gave|made|spoke|went|came|flew|led|sent|left|won|wrote|saw|"
    r"got|became|brought|sought|struck|drew|rose|fell|found|kept|broke|chose|ran|stood|paid|put|set\s+out|signed|agreed|"
    r"ago|earlier|previously|last|past|yesterday|"
    r"fue|fueron|estuvo|estuvieron|hubo|dijo|dijeron|hizo|hicieron|tuvo|tuvieron|pasad[oa]|ayer|anoche|"
    r"(?:ha|han|había|habían)\s+\w+(?:ado|ido))\b"
    r"|\b[a-z]{2,}ed\b|\b\w{2,}(?:ó|aron|ieron|ió)\b",
    re.IGNORECASE,
)
_NOT_PAST_ED = {"expected", "scheduled", "slated", "planned", "intended", "proposed", "needed", "red", "bed", "united", "based"}


def _clause_window(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The words of the date's own clause before and after it (read within WINDOW_CHARS either side)."""
    before = sentence[max(0, start - WINDOW_CHARS) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = sentence[end : end + WINDOW_CHARS]
    if not _MODIFIERS.sub("", before).strip():  # "In March, Biden tasked Harris": the clause goes on past the comma
        after = re.sub(r"^\s*,", " ", after)
    found = _CLAUSE_BREAK.search(after)
    if found:
        after = after[: found.start()]
    if _MODIFIERS.sub("", before).strip():  # "said on Thursday it will ...": a new subject starts a new clause
        found = _SUBJECT.search(after)
        if found:
            after = after[: found.start()]
    return " ".join(before.split()[-WINDOW_WORDS:]), " ".join(after.split()[:WINDOW_WORDS])


def _nearest(pattern: re.Pattern, before: str, after: str, skip: set[str] = frozenset()) -> int | None:
    """Distance in characters from the date to the nearest marker, before or after."""
    best = None
    for match in pattern.finditer(before):
        if match.group(0).lower() not in skip:
            distance = len(before) - match.end()
            best = distance if best is None else min(best, distance)
    for match in pattern.finditer(after):
        if match.group(0).lower() not in skip:
            best = match.start() if best is None else min(best, match.start())
            break
    return best


def classify_tense(sentence: str, start: int, end: int) -> str:
    """Tense of the clause around sentence[start:end]: past, future or unknown."""
    before, after = _clause_window(sentence, start, end)
    if _INTENT.search(before) and _TO_VERB.search(sentence[end : end + WINDOW_CHARS]):
        return FUTURE
    future = _nearest(_FUTURE, before, after)
    past = _nearest(_PAST, before, after, _NOT_PAST_ED)
    if future is None and past is None:
        return UNKNOWN
    if past is None or (future is not None and future < past):
        return FUTURE
    return PAST
