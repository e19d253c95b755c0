"""What the Timeline draws besides the article events (pure): the landmarks and named policies a view selects."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ui.charts import plural
from ui.data import landmark_mask
from ui.policies import filter_policies
from ui.view import View

# The most landmarks the lane draws: over a wide range more would only pile up on each other (and each rerun would
# send and draw them all); the most important are drawn, and a narrower range draws the rest.
MAX_DRAWN = 200
DRAWN = ["event_id", "landmark_id", "url", "date", "day", "date_precision", "label", "label_chars", "hover", "priority"]


@dataclass(frozen=True)
class TimelineContext:
    """The landmarks to draw, most important first, how many match the view, and the policies, earliest first."""

    landmarks: pd.DataFrame
    matching: int
    policies: pd.DataFrame

    @property
    def drawn(self) -> bool:
        return len(self.landmarks) > 0 or len(self.policies) > 0

    def links(self, events: pd.DataFrame) -> pd.DataFrame:
        """The events among `events` that report a drawn landmark: their event id, best-estimate date and that landmark's id."""
        linked = events["landmark_id"].isin(set(self.landmarks["landmark_id"]))
        return events.loc[linked, ["event_id", "date", "landmark_id"]]

    def caption(self) -> str:
        """The context layer in words, for under the chart."""
        parts = []
        if self.matching:
            shown = len(self.landmarks)
            drawn = "" if shown == self.matching else f" ({shown} drawn: the most important, and those an article reports)"
            parts.append(
                f"◆ {plural(self.matching, 'landmark')} of the period match the filters{drawn}. The most important are labelled "
                "(narrow the dates to draw and label more); a dotted line joins an article's event to the landmark it reports."
            )
        if len(self.policies):
            count = len(self.policies)
            parts.append(f"Bars: {count} named {'policy' if count == 1 else 'policies'} and programmes, coloured by policy type.")
        return " ".join(parts)


def timeline_context(data, view: View, events: pd.DataFrame) -> TimelineContext:
    """The landmarks a view shows (the columns the timeline draws and cites; at most MAX_DRAWN, most important first,
    besides those the shown `events` report) and its policies."""
    matching = data.landmarks.loc[landmark_mask(data.landmarks, view), DRAWN].sort_values("priority")
    reported = matching["landmark_id"].isin(set(events["landmark_id"]))
    drawn = matching[(pd.Series(range(len(matching)), index=matching.index) < MAX_DRAWN) | reported]
    return TimelineContext(drawn, len(matching), filter_policies(data.policies, view, data.style.eras))
