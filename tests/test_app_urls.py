"""Query parameters are untrusted: on every page, a bad link never raises; what cannot be used falls back to the
default, the notice says so (escaped, and short however long the link), and the URL is rewritten to the view shown."""

from __future__ import annotations

import pytest

from tests import test_app as app_tests
from tests.test_app import COUNTRIES, EVENTS, HOME, TIMELINE, TYPES, link_notices, open_app
from ui.view import MAX_NOTICES, MAX_SEARCH

COMPARE, REVIEW = "pages/50_Compare.py", "pages/60_Review.py"
PAGES = [HOME, TIMELINE, EVENTS, COUNTRIES, TYPES, COMPARE, REVIEW]
HUGE = 100_000
# name: (the link's query, words the notice must hold, the query the app writes back)
BAD_LINKS = {
    "unknown keys": ({"utm_source": "mail", "zoom": "3", "country": "MEX"}, ["unknown parameter 'utm_source'"], {"country": "MEX"}),
    "invalid dates": ({"from": "2019-02-30", "to": "tomorrow"}, ["from='2019-02-30' is not a date", "to='tomorrow'"], {}),
    "dates out of range": ({"from": "0001-01-01", "to": "9999-12-31"}, ["is outside"], {"from": "2000-01-01", "to": "2030-12-31"}),
    "unknown countries and types": (
        {"country": ["ATL", "MEX"], "type": "teleportation", "admin": "lincoln"},
        ["country='ATL' is not a known country", "type='teleportation'", "admin='lincoln'"],
        {"country": "MEX"},
    ),
    "unknown choices": (
        {"conf": "certain", "lanes": "diagonal", "a": "nobody", "reason": "vibes", "event": "no-such-event"},
        ["conf='certain'", "lanes='diagonal'", "a='nobody'", "reason='vibes'", "event='no-such-event'"],
        {},
    ),
    "enormous values": (
        {"q": "x" * HUGE, "country": "M" * HUGE, "step": "9" * 5_000, "from": "2" * 10_000, "k" * HUGE: "1"},
        [f"q is longer than {MAX_SEARCH} characters", "country='MMMM", "step='9999", "from='2222", "…"],
        {"q": "x" * MAX_SEARCH},
    ),
    "hundreds of bad values": ({"country": [f"X{i}" for i in range(500)]}, [f"and {500 - MAX_NOTICES} more"], {}),
    "repeated parameters": (
        {"conf": ["high", "low", "high"], "from": ["2019-01-01", "2020-01-01"], "country": ["MEX", "MEX"]},
        ["conf is given 3 times; read the last", "from is given 2 times"],
        {"conf": "high", "from": "2020-01-01", "country": "MEX"},
    ),
    "bad flags and steps": (
        {"undated": "yes", "present": "2", "step": "-1", "mentioned": ""},
        ["undated='yes' should be 0 or 1", "present='2'", "step='-1' is not a presenter step", "mentioned=''"],
        {},
    ),
    "markup in names and values": (
        {"country": "<script>alert(1)</script>", ":red[x] $y$": "[a](javascript:alert(1))", "q": ":material/home: <b>"},
        ["country='<script>alert(1)</script>'", "unknown parameter ':red[x] $y$'"],
        {"q": ":material/home: <b>"},
    ),
}

# tests/test_app.py's fixture: the dev corpus as the app's article folder.
dev_corpus = app_tests.dev_corpus


@pytest.mark.parametrize("case", BAD_LINKS)
@pytest.mark.parametrize("page", PAGES)
def test_a_bad_link_falls_back_with_a_notice(page, case, dev_corpus):
    query, words, rewritten = BAD_LINKS[case]
    at = open_app(page, query)  # fails on any exception
    (notice,) = link_notices(at)
    for word in words:
        assert word in notice, (word, notice[:300])
    assert len(notice) < 2_000, "a notice repeats a bad value in part, never all of it"
    assert "<script" not in " ".join(h.value for h in at.html if "not understood" in h.value), "the notice is escaped"
    assert at.query_params == rewritten
