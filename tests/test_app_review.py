"""The Review page in AppTest: it lists the events that need a look, saves corrections to a temporary curation file that
the next run applies and marks, says what is wrong with invalid input, and falls back to a download when it cannot write.

Every test reads a temporary copy of the seed articles plus two reports of one signing (ARTICLES_DIR) and writes a
temporary curation file (CURATION_PATH): the repository's data/ is never written.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders.curation import Correction, curation_csv, read_curation
from tests.conftest import CASES, ROOT, SEED_DIR
from ui import editors, review
from ui.cache import build_dataset
from ui.data import filter_events
from ui.view import View

HOME, REVIEW, TIMELINE = "dashboard.py", "pages/60_Review.py", "pages/10_Timeline.py"
REPO_CURATION = ROOT / "data" / "curation.csv"
LOW_DAY = "003_ddbc0b487b12ab17-0"  # a day the loader is unsure of (a Friday in July 2018, not high confidence)
MERGED, MERGED_AWAY, OTHER_DAY = "pact_a-0", "pact_b-0", "other_day-0"


@pytest.fixture(autouse=True)
def repository_data_untouched():
    before = REPO_CURATION.read_bytes() if REPO_CURATION.exists() else None
    yield
    assert (REPO_CURATION.read_bytes() if REPO_CURATION.exists() else None) == before, "a test wrote data/curation.csv"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The articles folder, and the curation file the app is pointed at (not created yet)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in [*SEED_DIR.glob("*.txt"), *(CASES / "merge").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    curation = tmp_path / "curation.csv"
    monkeypatch.setenv("ARTICLES_DIR", str(folder))
    monkeypatch.setenv("CURATION_PATH", str(curation))
    monkeypatch.delenv(review.READONLY_ENV, raising=False)
    return folder, curation


EDITORS = {"ana": "correct horse battery staple", "ben": "another long passphrase"}


def open_app(page: str, query: dict | None = None, editor: str = "ana", configured: dict | None = EDITORS) -> AppTest:
    """The app on a page as a browser would first open it, in a copy with `configured` editors and `editor` signed in."""
    at = AppTest.from_file(str(ROOT / HOME), default_timeout=60)
    if configured:
        at.secrets[editors.SECRET] = configured
    if editor:
        at.session_state[editors.SIGNED_IN] = editor
    at.query_params.update(query or {})
    if page != HOME:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def listed(at: AppTest) -> list[str]:
    """The event ids in the Review page's list."""
    return list(at.dataframe[0].value["event_id"])


def alerts(at: AppTest, kind: str) -> list[str]:
    """The text of the page's alerts of one kind (success, warning, error), unescaped."""
    return [html.unescape(h.value) for h in at.html if f'data-kind="{kind}"' in h.value]


def rows_of(curation) -> list[dict[str, str]]:
    with curation.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def event(folder, event_id: str):
    events = build_dataset(folder).events
    return events.set_index("event_id").loc[event_id]


@pytest.mark.parametrize("mentioned", [False, True])
def test_the_page_lists_the_events_that_need_a_look(corpus, mentioned):
    folder, _ = corpus
    at = open_app(REVIEW, {"mentioned": "1"} if mentioned else {})
    assert at.title[0].value == "Review"
    expected = review.needs_review(filter_events(build_dataset(folder).events, View(mentioned=mentioned)))
    assert listed(at) == list(expected["event_id"]) and len(expected) > 0
    assert all(len(reasons) for reasons in at.dataframe[0].value["review_reasons"])
    switch_hint = any("Include events the articles only mention" in c.value for c in at.caption)
    assert switch_hint is not mentioned, "the page says where the mentioned events went"
    assert "Select an event in the list" in at.info[0].value


@pytest.mark.parametrize("reason", ["no_policy_type", "low_confidence", "weak_merge"])
def test_the_list_narrows_to_a_reason_from_the_url(corpus, reason):
    at = open_app(REVIEW, {"mentioned": "1", "reason": reason})
    assert at.pills(key="w_reason").value == [reason]
    events = build_dataset(corpus[0]).events.set_index("event_id")
    assert listed(at) and all(reason in events.loc[i, "review_reasons"] for i in listed(at))
    assert at.query_params["reason"] == reason


def test_the_selected_event_shows_its_candidates_and_evidence(corpus):
    at = open_app(REVIEW, {"event": LOW_DAY})
    assert any("Kushner, Pompeo" in h.value for h in at.html)
    candidates = at.dataframe[1].value
    assert {"text", "reads_as", "role", "tense", "zone", "context", "used"} <= set(candidates.columns)
    assert candidates["used"].sum() == 1 and candidates.loc[candidates["used"], "text"].iloc[0] == "Friday"
    assert at.text_input(key=f"fix_date_{LOW_DAY}").value == "2018-07"


def test_a_saved_date_is_applied_on_the_next_run_and_marked_curated(corpus):
    folder, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY})
    at.text_input(key=f"fix_date_{LOW_DAY}").set_value("2019-07")
    at.text_input(key=f"note_date_{LOW_DAY}").set_value("the archive says July 2019")
    at.button(key=f"save_date_{LOW_DAY}").click().run()
    assert not at.exception
    assert "Saved the date" in alerts(at, "success")[0] and "(editor ana)" in alerts(at, "success")[0]
    (row,) = rows_of(curation)
    assert (row["target_id"], row["field"], row["value"], row["note"]) == (LOW_DAY, "date", "2019-07", "the archive says July 2019")
    assert row["editor"] == "ana" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["timestamp"]), "who and when"
    assert LOW_DAY not in listed(at), "a curated date needs no more review"
    assert any("curated: 2019-07" in h.value and "replaces the extracted 2018-07" in h.value for h in at.html)

    fresh = open_app(TIMELINE, {"event": LOW_DAY})
    figure = json.loads(fresh.get("plotly_chart")[0].proto.spec)
    bars = [t for t in figure["data"] if t["type"] == "bar" and any(c[0] == LOW_DAY for c in t.get("customdata", []))]
    assert next(b["base"][[c[0] for c in b["customdata"]].index(LOW_DAY)] for b in bars) == "2019-07-01"
    curated = event(folder, LOW_DAY)
    assert curated["date_method"] == "curated: 2019-07" and curated["date_precision"] == "month"
    assert "replaces the extracted 2018-07-" in curated["curation"][0]


FORMS = [
    # (field, widget, key prefix, value entered, what the next load shows)
    ("countries", "multiselect", "fix_countries", ["USA", "MEX"], lambda e: list(e["countries"]) == ["USA", "MEX"]),
    ("policy_types", "multiselect", "fix_policy_types", ["pressure"], lambda e: list(e["policy_types"]) == ["pressure"]),
    ("title", "text_input", "fix_title", "Kushner and Pompeo meet López Obrador", lambda e: e["title"].startswith("Kushner and")),
    ("confirm", None, "confirm", None, lambda e: e["date_confidence"] == "high" and e["date_method"].startswith("curated (confirmed)")),
]


@pytest.mark.parametrize(("field", "widget", "key", "value", "applied"), FORMS, ids=[f[0] for f in FORMS])
def test_each_form_saves_a_correction_that_is_applied(corpus, field, widget, key, value, applied):
    folder, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY})
    if widget:
        getattr(at, widget)(key=f"{key}_{LOW_DAY}").set_value(value)
    at.button(key=f"save_{field}_{LOW_DAY}").click().run()
    assert not at.exception and alerts(at, "success")
    assert [r["field"] for r in rows_of(curation)] == [field]
    corrected = event(folder, LOW_DAY)
    assert applied(corrected) and corrected["curation"][0].startswith(field)


def test_a_wrong_merge_is_split_and_two_reports_merged(corpus):
    folder, curation = corpus
    at = open_app(REVIEW, {"event": MERGED})
    at.selectbox(key=f"fix_split_{MERGED}").set_value(MERGED_AWAY)
    at.button(key=f"save_split_{MERGED}").click().run()
    assert alerts(at, "success") and rows_of(curation)[0]["value"] == MERGED_AWAY
    events = build_dataset(folder).events
    assert {MERGED, MERGED_AWAY} <= set(events["event_id"]) and event(folder, MERGED)["n_sources"] == 1

    at = open_app(REVIEW, {"event": OTHER_DAY})
    at.selectbox(key=f"fix_merge_{OTHER_DAY}").set_value(MERGED)
    at.button(key=f"save_merge_{OTHER_DAY}").click().run()
    assert alerts(at, "success")
    merged = build_dataset(folder).events
    assert len(merged) == len(events) - 1


@pytest.mark.parametrize(
    ("widget", "key", "value", "button", "message"),
    [
        ("text_input", "fix_date", "2019-13-45", "save_date", "bad date '2019-13-45'"),
        ("text_input", "fix_date", "next Tuesday", "save_date", "bad date 'next Tuesday'"),
        ("text_input", "fix_date", "2019-07-15..2019-07-01", "save_date", "the window ends before it starts"),
        ("multiselect", "fix_countries", [], "save_countries", "choose at least one party country"),
        ("text_input", "fix_title", "   ", "save_title", "empty title"),
        ("selectbox", "fix_merge", None, "save_merge", "choose the event to merge"),
    ],
)
def test_invalid_input_is_explained_and_not_saved(corpus, widget, key, value, button, message):
    _, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY})
    getattr(at, widget)(key=f"{key}_{LOW_DAY}").set_value(value)
    at.button(key=f"{button}_{LOW_DAY}").click().run()
    assert not at.exception
    (error,) = alerts(at, "error")
    assert "Not saved" in error and message in error
    assert not curation.exists()


def test_curation_input_is_shown_escaped(corpus):
    at = open_app(REVIEW, {"event": LOW_DAY})
    at.text_input(key=f"fix_title_{LOW_DAY}").set_value("Deal <img src=x onerror=alert(1)> :red[signed]")
    at.button(key=f"save_title_{LOW_DAY}").click().run()
    rendered = " ".join(h.value for h in at.html)
    assert "&lt;img src=x onerror=alert(1)&gt; :red[signed]" in rendered and "<img" not in rendered


def test_a_read_only_deployment_offers_the_corrections_as_a_download(corpus, monkeypatch):
    _, curation = corpus
    monkeypatch.setenv(review.READONLY_ENV, "1")
    at = open_app(REVIEW, {"event": LOW_DAY})
    assert "does not write its curation file" in at.warning[0].value and not at.download_button
    at.text_input(key=f"fix_date_{LOW_DAY}").set_value("2018-07-13")
    at.button(key=f"save_date_{LOW_DAY}").click().run()
    assert not at.exception and "Not saved here" in alerts(at, "warning")[0]
    assert not curation.exists()
    (button,) = at.download_button
    assert "(1 correction)" in button.label
    (pending,) = at.session_state["review_pending"]
    assert (pending.target_id, pending.field, pending.value) == (LOW_DAY, "date", "2018-07-13")
    assert f"{LOW_DAY},date,2018-07-13," in curation_csv([pending])


def test_rows_the_loader_rejects_are_reported(corpus):
    _, curation = corpus
    curation.write_text("target_id,field,value,note,timestamp\nno_such_event,date,2019-01-01,,\n", encoding="utf-8")
    at = open_app(REVIEW)
    assert any("not applied" in w.value for w in at.warning)
    assert "unknown event or article id 'no_such_event'" in at.dataframe[-1].value.iloc[0, 0]


def test_the_home_page_links_to_the_review_page(corpus):
    at = open_app(HOME)
    assert "Review" in [link.proto.page for link in at.get("page_link")]


@pytest.mark.parametrize(
    ("code", "words"),
    [("weak_merge", "merged with low similarity"), ("no_date", "no date"), ("printed_year_repaired", "printed year looks wrong")],
)
def test_review_codes_read_as_the_words_of_the_reasons_table(code, words):
    assert review.reason_words([code]) == [words]


@pytest.mark.parametrize(
    ("candidate", "words"),
    [
        ({"year": 2023, "month": 5, "day": 31, "weekday": 2}, "Wednesday 31 May 2023"),
        ({"year": None, "month": 5, "day": None, "weekday": None}, "May"),
        ({"year": None, "month": None, "day": None, "weekday": 4}, "Friday"),
        ({"year": None, "month": None, "day": None, "weekday": None}, "—"),
    ],
)
def test_a_candidate_reads_as_words(candidate, words):
    assert review.reads_as(candidate) == words


@pytest.mark.parametrize(("precision", "value"), [("day", "2019-07-26"), ("month", "2019-07"), ("year", "2019"), ("", "2019-07-26")])
def test_the_date_form_starts_from_the_date_at_its_precision(precision, value):
    import pandas as pd

    assert review.date_value({"date": pd.Timestamp("2019-07-26"), "date_precision": precision}) == value
    assert review.date_value({"date": pd.NaT, "date_precision": ""}) == ""


def test_the_store_is_writable_only_for_a_signed_in_editor_of_a_copy_with_editors(tmp_path):
    path = tmp_path / "curation.csv"
    assert review.probe_store(path, {}, editor="ana", editors_configured=True).writable
    assert not path.exists(), "probing never creates the file"
    for store in (
        review.probe_store(path, {}),  # the default: no editors configured
        review.probe_store(path, {}, editors_configured=True),  # editors, but nobody signed in
        review.probe_store(path, {review.READONLY_ENV: "1"}, editor="ana", editors_configured=True),
        review.probe_store(tmp_path / "missing" / "curation.csv", {}, editor="ana", editors_configured=True),
    ):
        assert not store.writable and store.why and str(tmp_path) not in store.why, "a reason, without a server path"
    path.write_text("target_id,field,value,note,timestamp\n", encoding="utf-8")
    assert review.probe_store(path, {}, editor="ana", editors_configured=True).writable


def test_a_split_must_name_a_report_merged_into_the_event(corpus):
    from loaders.reference import read_reference

    events = build_dataset(corpus[0]).events
    problem = review.correction_problem(Correction(MERGED, "split", OTHER_DAY), read_reference(), events)
    assert problem == f"{OTHER_DAY} is not merged into {MERGED}"
    assert review.correction_problem(Correction(MERGED, "split", MERGED_AWAY), read_reference(), events) is None
    assert (
        review.correction_problem(Correction(MERGED, "merge", MERGED), read_reference(), events) == "an event cannot be merged with itself"
    )
    assert read_curation(corpus[1]) == ([], [])


def test_an_empty_corpus_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLES_DIR", str(tmp_path))
    monkeypatch.setenv("CURATION_PATH", str(tmp_path / "curation.csv"))
    at = open_app(REVIEW)
    assert [i.value for i in at.info] == ["The corpus has no readable articles yet: add .txt files to its folder, or set ARTICLES_DIR."]


def test_the_review_queue_is_the_events_with_a_reason_and_filters_by_reason():
    events = pd.DataFrame(
        {
            "event_id": ["sure", "vague", "merged", "both"],
            "role": ["primary", "primary", "referenced", "primary"],
            "review_reasons": [
                [],
                ["low_confidence"],
                ["weak_merge"],
                ["low_confidence", "no_party"],
            ],
        }
    )
    assert review.needs_review(events)["event_id"].tolist() == ["vague", "merged", "both"]
    assert review.needs_review(events, ["weak_merge"])["event_id"].tolist() == ["merged"]
    assert review.needs_review(events, ["no_party", "weak_merge"])["event_id"].tolist() == ["merged", "both"]
    counts = review.reason_counts(events)
    assert (counts["low_confidence"], counts["weak_merge"], counts["no_party"]) == (2, 1, 1)


def save_title(at: AppTest, title: str, event_id: str = LOW_DAY) -> None:
    at.text_input(key=f"fix_title_{event_id}").set_value(title)
    at.button(key=f"save_title_{event_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_without_editors_the_page_is_read_only(corpus):
    _, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY}, editor="", configured=None)
    assert not [e for e in at.expander if "sign in" in e.label], "no sign-in without editors"
    save_title(at, "A visitor's title")
    assert "Not saved here (this copy has no editors configured, so it never writes its data)" in alerts(at, "warning")[0]
    assert not curation.exists(), "a visitor never writes the shared data"


def test_an_editor_signs_in_and_every_correction_records_who_and_when(corpus):
    _, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY}, editor="")
    save_title(at, "Before signing in")
    assert "only a signed-in editor saves corrections" in alerts(at, "warning")[0] and not curation.exists()
    at.text_input(key="editor_name").set_value("ben")
    at.text_input(key="editor_passphrase").set_value("not the passphrase")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert "do not match an editor" in alerts(at, "error")[0] and editors.SIGNED_IN not in at.session_state
    at.text_input(key="editor_name").set_value("ben")
    at.text_input(key="editor_passphrase").set_value(EDITORS["ben"])
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert at.session_state[editors.SIGNED_IN] == "ben" and any("Signed in as editor" in h.value and "ben" in h.value for h in at.html)
    assert at.session_state["editor_passphrase"] == "" and "editor_passphrase" not in [t.key for t in at.text_input], "form gone, not kept"
    save_title(at, "Signed in")
    (row,) = rows_of(curation)
    assert (row["value"], row["editor"]) == ("Signed in", "ben") and row["timestamp"].startswith(f"{dt.datetime.now(dt.UTC):%Y-%m-%d}")


def test_sign_in_closes_after_five_wrong_passphrases(corpus):
    at = open_app(REVIEW, editor="")
    for _ in range(editors.MAX_FAILURES):
        at.text_input(key="editor_name").set_value("ana")
        at.text_input(key="editor_passphrase").set_value("guess")
        next(b for b in at.button if b.label == "Sign in").click().run()
    assert any("Sign-in is closed for this session" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Sign in"]


def test_the_passphrase_check(monkeypatch):
    configured = editors.configured_editors({"editors": {"ana": "pass phrase", "": "x", "nobody": "", "num": 3}, "other": 1})
    assert configured == {"ana": "pass phrase"}
    assert editors.check_passphrase(configured, " ana ", "pass phrase")
    assert not editors.check_passphrase(configured, "ana", "pass phrase ") and not editors.check_passphrase(configured, "zoe", "")
    assert editors.configured_editors({}) == {} and editors.configured_editors({"editors": "ana"}) == {}


def test_a_correction_saved_meanwhile_by_another_editor_is_not_overwritten(corpus):
    _, curation = corpus
    ana, ben = open_app(REVIEW, {"event": LOW_DAY}, editor="ana"), open_app(REVIEW, {"event": LOW_DAY}, editor="ben")
    save_title(ana, "Ana's title")
    assert alerts(ana, "success")
    save_title(ben, "Ben's title")
    (refused,) = alerts(ben, "error")
    assert f"Not saved: ana saved a title correction of {LOW_DAY} (Ana's title) at " in refused and "after this page was drawn" in refused
    assert [(r["value"], r["editor"]) for r in rows_of(curation)] == [("Ana's title", "ana")], "nothing lost, nothing overwritten"
    assert any("title: Ana's title" in html.unescape(h.value) for h in ben.html), "Ben's page now shows Ana's correction"
    save_title(ben, "Ben's title")  # seen now: saved
    assert [r["value"] for r in rows_of(curation)] == ["Ana's title", "Ben's title"]


def test_each_correction_has_an_undo(corpus):
    folder, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY})
    original = event(folder, LOW_DAY)["title"]
    save_title(at, "A wrong title")
    assert event(folder, LOW_DAY)["title"] == "A wrong title"
    (undo,) = [b for b in at.button if b.label == "Undo"]
    undo.click().run()
    assert "Undid the title correction of" in alerts(at, "success")[0]
    assert [r["field"] for r in rows_of(curation)] == ["title", "undo"] and rows_of(curation)[1]["editor"] == "ana"
    assert event(folder, LOW_DAY)["title"] == original
    assert not [b for b in at.button if b.label == "Undo"], "nothing left to undo"


@pytest.mark.parametrize(
    ("widget", "key", "value", "button", "message"),
    [
        ("text_input", "fix_date", "1850-07-01", "save_date", "outside the supported years 1900–2100"),
        ("text_input", "fix_date", "2919-07-26", "save_date", "outside the supported years 1900–2100"),
        ("text_input", "fix_date", f"{dt.date.today().year + 2}-01-01", "save_date", "(the end of next year): not a plausible date"),
        ("text_input", "fix_title", "Kushner, Pompeo to Tackle Migration", "save_title", "the title is already this"),
    ],
)
def test_implausible_dates_and_corrections_that_change_nothing_are_refused(corpus, widget, key, value, button, message):
    _, curation = corpus
    at = open_app(REVIEW, {"event": LOW_DAY})
    current = at.text_input(key=f"fix_title_{LOW_DAY}").value
    getattr(at, widget)(key=f"{key}_{LOW_DAY}").set_value(current if key == "fix_title" else value)
    at.button(key=f"{button}_{LOW_DAY}").click().run()
    (error,) = alerts(at, "error")
    assert "Not saved" in error and message in error, error
    assert not curation.exists()


def test_unchanged_corrections_are_named(corpus):
    events = build_dataset(corpus[0]).events
    low = events.set_index("event_id").loc[LOW_DAY].to_dict() | {"event_id": LOW_DAY}
    same = {
        "countries": Correction(LOW_DAY, "countries", ";".join(low["countries"])),
        "policy_types": Correction(LOW_DAY, "policy_types", ";".join(low["policy_types"])),
        "merge": Correction(MERGED, "merge", MERGED_AWAY),
    }
    assert "are already" in review.unchanged(same["countries"], low) and "are already" in review.unchanged(same["policy_types"], low)
    merged = events.set_index("event_id").loc[MERGED].to_dict() | {"event_id": MERGED}
    assert review.unchanged(same["merge"], merged) == f"{MERGED_AWAY} is already merged into this event"
    high = low | {"date_confidence": "high", "date_precision": "day", "date_earliest": low["date"], "date_latest": low["date"]}
    day = low["date"].strftime("%Y-%m-%d")
    assert review.unchanged(Correction(LOW_DAY, "confirm", ""), high).startswith("the date already has high confidence")
    assert review.unchanged(Correction(LOW_DAY, "date", day), high) == f"the event is already dated {day}, with high confidence"
    assert low["date_confidence"] != "high" and review.unchanged(Correction(LOW_DAY, "date", day), low) is None, (
        "a low-confidence date stated again is a confirmation"
    )


def test_identical_corrections_each_get_an_undo(corpus):
    _, curation = corpus
    row = f"{LOW_DAY},title,Twice,,2026-11-24T10:00:00Z,ana\n"
    curation.write_text("target_id,field,value,note,timestamp,editor\n" + row + row, encoding="utf-8")
    at = open_app(REVIEW, {"event": LOW_DAY})
    assert len([b for b in at.button if b.label == "Undo"]) == 2
