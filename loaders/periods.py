"""Pure: windows of time the text allows, from who held which office and which named policies existed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from loaders.candidates import EN_MONTHS, ES_MONTHS
from loaders.entities import OfficialMention
from loaders.intervals import Window
from loaders.layout import BODY, STANDFIRST, TITLE, Layout
from loaders.mentions import RelativeMention
from loaders.reference import NamedPolicy, Reference, Term
from loaders.screen import PatternSet

YEAR_AFTER_TAKING_OFFICE = 365


@dataclass(frozen=True)
class Bound:
    """A window for the article's own date (its 'now'), and the text it comes from."""

    window: Window
    evidence: str
    offset: int
    source: str  # office, policy, took_office, election, past_date, future_date, header, style, year
    hard: bool = False
    on_event: bool = False  # also bounds the event itself ("days after the election")

    def describe(self) -> str:
        start, end = self.window.start, self.window.end
        return f"“{self.evidence}” ({start:%Y-%m-%d} to {end:%Y-%m-%d})" if start and end else f"“{self.evidence}”"


def office_bounds(officials: list[OfficialMention]) -> list[Bound]:
    """Each titled mention of an office holder: the article's now lies in their term of that office."""
    bounds = []
    seen = set()
    for mention in officials:
        if mention.window is None or mention.window.empty or (mention.official_id, mention.office_id) in seen:
            continue
        seen.add((mention.official_id, mention.office_id))
        evidence = f"{mention.title_text} {mention.text}".strip()
        bounds.append(Bound(mention.window, evidence, mention.start, "office", hard=True))
    return bounds


def _policy_start(policy: NamedPolicy) -> dt.date | None:
    return policy.announced_date or policy.start_date


def compile_policies(reference: Reference) -> PatternSet:
    """The named policies' alias patterns, keyed by policy."""
    return PatternSet([(p, p.alias_pattern) for p in reference.named_policies if p.alias_pattern])


_IN_FORCE = re.compile(
    r"\b(?:took effect|entered into force|came into force|went into effect|began|started|launched|"
    r"entrada en vigor|entró en vigor|comenzó a regir|empezó a regir|arrancó|se puso en marcha)\b",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b(?:ended|expired|lifted|terminated|was rescinded|came to an end|termin[oó]|expir[oó]|lleg[oó] a su fin|fue levantad[oa]|fin de)\b",
    re.IGNORECASE,
)


def policy_bounds(text: str, layout: Layout, policies: PatternSet, lowered: str | None = None) -> list[Bound]:
    """A named policy the text mentions existed: the article is no older than its announcement, and no older
    than its entry into force or its end when the sentence says it took effect or ended."""
    bounds, seen = [], set()
    for policy, match in sorted(policies.finditer(text, lowered), key=lambda found: found[1].start()):
        line = layout.line_at(match.start())
        if line is None or line.zone not in (TITLE, STANDFIRST, BODY) or policy.policy_id in seen:
            continue
        seen.add(policy.policy_id)
        sentence = text[slice(*layout.sentence_at(text, match.start()))]
        start = _policy_start(policy)
        if policy.end_date and _ENDED.search(sentence):
            start = policy.end_date
        elif policy.start_date and _IN_FORCE.search(sentence):
            start = policy.start_date
        if start is not None:
            bounds.append(Bound(Window.between(start, None), match.group(0), match.start(), "policy"))
    return bounds


_MONTH_WORDS = "|".join(sorted({*EN_MONTHS, *ES_MONTHS}, key=len, reverse=True))
_TOOK_OFFICE = re.compile(
    rf"\b(?:took office|assumed office|was inaugurated|was sworn in|took power|came to power|asumió(?: el cargo| la presidencia)?|tomó posesión|llegó al poder)\s+"
    rf"(?:in|on|en|el)\s+(?:(?:early|late|mid-?|principios de|finales de)\s+)?(?P<month>{_MONTH_WORDS})\b(?!\s+\d)",
    re.IGNORECASE,
)


def _month_number(word: str) -> int:
    word = word.lower()
    return EN_MONTHS.get(word) or ES_MONTHS[word]


def took_office_bounds(text: str, officials: list[OfficialMention], terms: dict[str, tuple[Term, ...]]) -> list[Bound]:
    """'After Biden took office in January': the article falls within a year of that term's start."""
    bounds = []
    for match in _TOOK_OFFICE.finditer(text):
        month = _month_number(match.group("month"))
        before = [o for o in officials if o.end <= match.start() and match.start() - o.end <= 120]
        for official in reversed(before):
            starts = [t.start_date for t in terms.get(official.official_id, ()) if t.start_date.month == month]
            if len(starts) == 1:
                start = starts[0]
                window = Window.between(start, start + dt.timedelta(days=YEAR_AFTER_TAKING_OFFICE))
                evidence = text[official.start : match.end()]
                bounds.append(Bound(window, evidence, official.start, "took_office", hard=True))
                break
    return bounds


_ELECTION = re.compile(
    r"\b(?:election|elections|vote|won|victory|win|elecci[oó]n|elecciones|comicios|votaci[oó]n|ganó|triunfo|victoria)\b", re.IGNORECASE
)


def election_bounds(text: str, relative: list[RelativeMention], officials: list[OfficialMention], reference: Reference) -> list[Bound]:
    """'Days after he won the election': the event follows the election of the president-elect named."""
    elect_terms = [
        t for o in officials if o.office_id for t in reference.terms
        if t.official_id == o.official_id and t.office_id == o.office_id and _is_elect_office(o.office_id, reference)
    ]  # fmt: skip
    bounds = []
    for mention in relative:
        if mention.phrase.anchor != "after_event":
            continue
        following = text[mention.end : mention.end + 90]
        if not _ELECTION.search(following) or not elect_terms:
            continue
        election_day = elect_terms[0].start_date
        window = Window.between(
            election_day + dt.timedelta(days=mention.phrase.min_days), election_day + dt.timedelta(days=mention.phrase.max_days)
        )
        evidence = text[mention.start : mention.end + len(_ELECTION.search(following).group(0)) + _ELECTION.search(following).start()]
        bounds.append(Bound(window, evidence, mention.start, "election", hard=False, on_event=True))
    return bounds


def _is_elect_office(office_id: str, reference: Reference) -> bool:
    return any(o.office_id == office_id and o.kind == "head_of_state_elect" for o in reference.offices)
