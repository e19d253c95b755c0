"""What the Timeline draws besides the article events (pure): the landmarks and named policies a view selects."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ui.charts import plural
from ui.data import landmark_mask
from ui.policies import filter_policies
from ui.view import View


@dataclass(frozen=True)
class TimelineContext:
    """The landmarks to draw, most important first, and the policies, earliest first."""

    landmarks: pd.DataFrame
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
        if len(self.landmarks):
            parts.append(
                f"◆ {plural(len(self.landmarks), 'landmark')} of the period match the filters: the most important are labelled "
                "(narrow the dates to label more), and a dotted line joins an article's event to the landmark it reports."
            )
        if len(self.policies):
            count = len(self.policies)
            parts.append(f"Bars: {count} named {'policy' if count == 1 else 'policies'} and programmes, coloured by policy type.")
        return " ".join(parts)


DRAWN = ["event_id", "landmark_id", "url", "date", "day", "date_precision", "label", "label_chars", "hover", "priority"]


def timeline_context(data, view: View) -> TimelineContext:
    """The landmarks (the columns the timeline draws and cites, most important first) and policies a view shows."""
    landmarks = data.landmarks.loc[landmark_mask(data.landmarks, view), DRAWN].sort_values("priority")
    return TimelineContext(landmarks, filter_policies(data.policies, view, data.style.eras))
