"""Pure: the kinds of date evidence, registered once, and the record every piece of evidence is.

Every kind says what it constrains and how strongly:
- a **point** is a date the page prints for itself (front matter, dateline): the article's own date, give or
  take its slack;
- a **bound** is a hard window (who held which office, a policy that existed, an explicit past or future
  date): windows are intersected most trusted first, and one that contradicts those already kept is set aside;
- a **soft** bound is a window that gives way to a printed date (a site's "today" header, a photo caption,
  the period the corpus covers);
- a **preference** reweights the days a window allows without excluding any (the article is written soon
  after the newest thing it mentions; a landmark the text matches).

The target is the day it speaks about: `now` (the article's own date) or `event` (the reported event's day).
Adding a kind of evidence is one entry here and the function that produces it.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.intervals import Window

NOW, EVENT = "now", "event"
POINT, BOUND, SOFT, PREFER = "point", "bound", "soft", "prefer"


@dataclass(frozen=True)
class Kind:
    name: str
    target: str  # NOW or EVENT (a bound with both=True holds on both days)
    role: str  # POINT, BOUND, SOFT or PREFER
    trust: int  # bounds are intersected in decreasing trust; points compete by it
    label: str  # how the method text names it
    both: bool = False  # an office title holds on the article's day and on the event's day
    printed: bool = False  # a date the page prints: a day resolved against it can be `high`
    shape: str = ""  # how a preference weighs a day: `after` (decays after its window), `before`, `boost`
    days: float = 0.0  # for `after` and `before`: the weight falls to 1/e this many days away ...
    tail: float = 0.0  # ... and never below this share (a background piece, a retrospective)
    scaled: bool = False  # a boost multiplied by the number of days still possible: its share does not fade as they grow


_KINDS = (
    # the article's own date, as printed (strongest first)
    Kind("front_matter", NOW, POINT, 50, "front matter", printed=True),
    Kind("html_metadata", NOW, POINT, 50, "published date from the page's metadata", printed=True),
    Kind("dateline", NOW, POINT, 40, "dateline", printed=True),
    Kind("published_label", NOW, POINT, 40, "“published” date", printed=True),
    Kind("wire_dateline", NOW, POINT, 40, "wire dateline", printed=True),
    Kind("updated_label", NOW, POINT, 30, "“updated” date"),
    Kind("ambiguous_dateline", NOW, POINT, 30, "numeric dateline"),
    Kind("wire_dateline_year", NOW, POINT, 30, "wire dateline (year inferred)"),
    Kind("page_metadata", NOW, POINT, 20, "page metadata"),
    Kind("url_date", NOW, POINT, 20, "date in the page's address"),
    Kind("scraper_day", NOW, POINT, 15, "scraper's date line"),
    # hard windows
    Kind("office", NOW, BOUND, 100, "office held", both=True),
    Kind("took_office", NOW, BOUND, 95, "took office", both=True),
    Kind("election", EVENT, BOUND, 90, "election"),
    Kind("named_day", NOW, BOUND, 85, "named day"),
    Kind("named_day_event", EVENT, BOUND, 85, "named day"),
    Kind("policy", NOW, BOUND, 80, "named policy"),
    Kind("period", NOW, BOUND, 80, "named period"),
    Kind("past_date", NOW, BOUND, 70, "earlier date"),
    Kind("future_date", NOW, BOUND, 70, "later date"),
    Kind("tweet", NOW, BOUND, 65, "embedded post"),
    Kind("year", NOW, BOUND, 60, "year"),
    # windows that give way to a printed date
    Kind("header", NOW, SOFT, 40, "site header"),
    Kind("named_official", NOW, SOFT, 25, "in office"),
    Kind("caption", NOW, SOFT, 35, "photo caption", both=True),
    Kind("style", NOW, SOFT, 30, "news style"),
    Kind("scraper_month", NOW, SOFT, 20, "scraper's date line"),
    Kind("corpus_period", NOW, SOFT, 10, "period the corpus covers"),
    # preferences
    Kind("recency", NOW, PREFER, 0, "written soon after", shape="after", days=14, tail=0.001),
    Kind("new_in_office", NOW, PREFER, 0, "written while new in office", shape="after", days=14, tail=0.001),
    Kind("early_in_office", NOW, PREFER, 0, "more likely early in the term of", shape="after", days=180, tail=0.5),
    Kind("early_in_period", NOW, PREFER, 0, "more likely early in", shape="after", days=365, tail=0.3),
    Kind("future_near", NOW, PREFER, 0, "written shortly before", shape="before", days=30, tail=0.001),
    Kind("tweet_near", EVENT, PREFER, 0, "near the embedded post", shape="boost"),
    Kind("caption_near", EVENT, PREFER, 0, "near the photo caption", shape="boost"),
    Kind("landmark", EVENT, PREFER, 0, "matches landmark", shape="boost", scaled=True),
    Kind("policy_event", EVENT, PREFER, 0, "reports", shape="boost", scaled=True),
    Kind("elapsed", EVENT, PREFER, 0, "a spell told in the lead after", shape="boost", scaled=True),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in _KINDS}


@dataclass(frozen=True)
class Evidence:
    """One piece of date evidence: the days it allows (or favours) for its target, and the words it rests on."""

    kind: str
    window: Window
    text: str
    offset: int  # where `text` stands in the article; -1 when it is not article text (front matter, a landmark)
    weight: float = 1.0  # a boost's strength (a day it favours weighs 1 + weight times more)
    detail: str = ""  # what a reader needs besides the text (a landmark's title and source)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of date evidence {self.kind!r}")

    @property
    def spec(self) -> Kind:
        return KINDS[self.kind]

    def describe(self) -> str:
        start, end = self.window.start, self.window.end
        span = f" ({start:%Y-%m-%d} to {end:%Y-%m-%d})" if start and end and start != end else f" ({start:%Y-%m-%d})" if start else ""
        what = self.detail or f"“{self.text}”"
        return f"{self.spec.label} {what}{span}"


def of_role(evidence: list[Evidence], *roles: str) -> list[Evidence]:
    """The pieces of evidence whose kind plays one of these roles."""
    return [e for e in evidence if e.spec.role in roles]
