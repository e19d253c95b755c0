"""The Review page's widgets: the editor sign-in, the list of events to review, one event's candidates and evidence,
the correction forms with an undo for each correction, and the curation file (saved by a signed-in editor, else
offered as a download).

Corrections are saved in the forms' callbacks, before the script runs, so the same run loads the rebuilt event table.
A save is refused when another editor corrected the same thing after this page was drawn (the callback holds the
corrections the page was drawn from). Curation input and article text are untrusted: they are shown escaped (st.html)
or as table cells, never as markdown.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
import streamlit as st

from loaders import date_candidates, find_event
from loaders.curation import CURATION_FILE, Correction, CurationConflict, curation_csv, now_stamp, read_curation, write_correction
from ui import editors, filters, review
from ui.cache import Dataset
from ui.charts import describe_date, plural
from ui.page import Page, event_table
from ui.reader import alert, details_html, event_rows, evidence_spans, show_article_texts, show_evidence
from ui.view import REASON_LABELS, REVIEW_REASONS, view_to_query

QUEUE, OUTCOME, PENDING = "review_queue", "review_outcome", "review_pending"
text, lists = st.column_config.TextColumn, st.column_config.ListColumn
CANDIDATE_COLUMNS = {
    "used": st.column_config.CheckboxColumn("Evidence", help="The event's date rests on this mention"),
    "text": text("Mention"),
    "reads_as": text("Says", help="What the mention says on its own (a missing year or month comes from elsewhere)"),
    "role": text("Taken for", help="What the loader took the mention for: the event, another event, the dateline, page chrome…"),
    "tense": text("Tense"),
    "zone": text("Place", help="Where on the page: header, headline, dateline, body, caption…"),
    "context": text("In the text", width="large"),
    "offset": st.column_config.NumberColumn("Offset", help="Character offset in the article text"),
}


def reason_filter(counts: Mapping[str, int], selected: tuple[str, ...]) -> None:
    """The reasons to list: part of the view and the URL (`reason`)."""
    options = [r for r in REVIEW_REASONS if counts.get(r) or r in selected]
    st.pills(
        "Needs a look because",
        options,
        selection_mode="multi",
        key=filters.WIDGETS["reasons"],
        format_func=lambda r: f"{REASON_LABELS.get(r, r)} ({counts.get(r, 0)})",
        help="List only the events with any of these reasons; with none chosen, every event that needs a look.",
    )


def queue(events: pd.DataFrame, page: Page) -> None:
    """The events to review, one row each; selecting a row opens it below (and puts it in the URL)."""
    event_table(review.queue_table(events, page.data.style), QUEUE, page)


def _tell(kind: str, message: str) -> None:
    st.session_state[OUTCOME] = (kind, message)


def editor_bar(configured: dict[str, str], store: review.Store) -> None:
    """Who is signed in, with a way out; or the sign-in form, when this copy has editors."""
    notice = editors.take_notice()
    if notice:
        alert(*notice)
    if not configured:
        return
    if store.editor:
        line = st.container(horizontal=True, vertical_alignment="center")
        line.html(f'<p style="margin:0">Signed in as editor <b>{html.escape(store.editor)}</b>.</p>')
        line.button("Sign out", on_click=editors.sign_out, key="editor_sign_out", icon=":material/logout:")
    else:
        with st.expander("Editors: sign in to save corrections", icon=":material/login:"):
            editors.sign_in_form(configured)


def conflict_words(clash: Correction) -> str:
    """What another editor saved meanwhile, in words."""
    who = clash.editor or "another editor"
    when = f" at {clash.timestamp}" if clash.timestamp else ""
    what = (
        f"undid a correction of {clash.target_id}"
        if clash.field == "undo"
        else f"saved a {review.FIELD_WORDS.get(clash.field, clash.field)} correction of {clash.target_id} ({clash.value})"
    )
    return f"{who} {what}{when}, after this page was drawn"


def save(correction: Correction, store: review.Store, seen=None, targets=(), done: str = "") -> tuple[str, str]:
    """Write a correction to the curation file (refused on a conflict), or keep it for the download when this session
    does not write the file. `done` says what a successful save did."""
    what = review.FIELD_WORDS.get(correction.field, correction.field)
    done = done or f"Saved the {what} of {correction.target_id}"
    why = store.why
    if store.writable:
        try:
            write_correction(correction, store.path, seen, targets)
            return "success", f"{done} (editor {store.editor}). Every page now shows the event as corrected."
        except CurationConflict as clash:
            return (
                "error",
                f"Not saved: {conflict_words(clash.correction)}. The page now shows it: check it, and save yours again if it is still right.",
            )
        except (OSError, ValueError) as exc:
            why = f"the curation file cannot be written ({exc.strerror if isinstance(exc, OSError) and exc.strerror else exc})"
    st.session_state.setdefault(PENDING, []).append(correction)
    return "warning", f"Not saved here ({why}): the {what} of {correction.target_id} is in the curation file to download below."


def targets_of(event: Mapping) -> tuple[str, ...]:
    """Every id a correction of this event may name: its own, the events merged into it, and their articles."""
    ids = [event["event_id"], *event["merged_event_ids"]]
    return (*ids, *(i[:-2] for i in ids if i.endswith("-0")))


def _submit(data: Dataset, store: review.Store, event: Mapping, field: str, value_key: str, note_key: str, fixed: str | None = None):
    """A form's callback: read its values, check the correction, save it or say what is wrong."""
    raw = fixed if fixed is not None else st.session_state.get(value_key)
    value = review.list_value(raw) if isinstance(raw, list) else str(raw or "").strip()
    note = str(st.session_state.get(note_key) or "").strip()
    correction = Correction(event["event_id"], field, value, note, now_stamp(), store.editor)
    problem = review.correction_problem(correction, data.reference, data.events)
    if problem:
        _tell("error", f"Not saved: {problem}.")
    else:
        _tell(*save(correction, store, data.corpus.corrections, targets_of(event)))


def _undo(data: Dataset, store: review.Store, event: Mapping, undone: Correction) -> None:
    """An Undo button's callback: save an undo row naming the correction."""
    undo = Correction(undone.target_id, "undo", undone.key, "", now_stamp(), store.editor)
    what = review.FIELD_WORDS.get(undone.field, undone.field)
    _tell(*save(undo, store, data.corpus.corrections, targets_of(event), done=f"Undid the {what} correction of {undone.target_id}"))


def corrections_made(event: Mapping, page: Page, store: review.Store) -> None:
    """The corrections in force on this event, who made them and when, each with its Undo (for a signed-in editor)."""
    data = page.data
    made = review.event_corrections(data.corpus.corrections, event, set(data.corpus.articles))
    if not made:
        return
    st.markdown("**Corrections of this event**")
    for number, correction in enumerate(made):
        line = st.container(horizontal=True, vertical_alignment="center")
        who = ", ".join(part for part in (correction.editor, correction.timestamp) if part) or "no name or time"
        note = f" — {correction.note}" if correction.note else ""
        what = review.FIELD_WORDS.get(correction.field, correction.field)
        line.html(f'<p style="margin:0">{html.escape(f"{what}: {correction.value}{note} ({who})")}</p>')
        if store.writable:
            line.button(  # two identical rows share a key: the number keeps their buttons apart
                "Undo", key=f"undo_{number}_{correction.key}", on_click=_undo, args=(data, store, event, correction), icon=":material/undo:"
            )


def correction_forms(event: Mapping, page: Page, store: review.Store) -> None:
    """One tab per kind of correction; each form saves one row of the curation file.

    A field's widget has the key `fix_<field>_<event id>`, its note `note_<field>_<event id>`, its button `save_<field>_<event id>`.
    """
    data, style, event_id = page.data, page.data.style, event["event_id"]

    def key(kind: str, field: str) -> str:
        return f"{kind}_{field}_{event_id}"

    def note(field: str) -> None:
        st.text_input(
            "Why (optional, saved with the correction)", key=key("note", field), max_chars=300, placeholder="e.g. the dateline says 26 July"
        )

    def save_button(field: str, label: str = "Save", note_of: str = "", fixed: str | None = None, **options) -> None:
        args = (data, store, event, field, key("fix", field), key("note", note_of or field), fixed)
        st.form_submit_button(label, key=key("save", field), on_click=_submit, args=args, **options)

    date_tab, parties_tab, types_tab, title_tab, merge_tab = st.tabs(["Date", "Parties", "Policy types", "Title", "Merge or split"])
    with date_tab, st.form(key("form", "date"), border=False):
        st.caption(f"Now: {describe_date(event)}. The form of the date you type sets its precision: {review.DATE_FORMS}.")
        date_column, note_column = st.columns([1, 2])
        date_column.text_input("Correct date", value=review.date_value(event), key=key("fix", "date"), placeholder="2019-07-26")
        with note_column:
            note("date")
        with st.container(horizontal=True):
            save_button("date", "Save this date", type="primary")
            save_button(
                "confirm",
                "The extracted date is right",
                note_of="date",
                fixed=review.date_value(event),
                disabled=pd.isna(event["date"]),
                help="Confirm the date as it is now: its confidence becomes high and it leaves the list",
            )
    for tab, field, dimension in ((parties_tab, "countries", style.country), (types_tab, "policy_types", style.policy_type)):
        with tab, st.form(key("form", field), border=False):
            current = list(event[field])
            label = "Parties to the event" if field == "countries" else "Policy types, most relevant first"
            options = dimension.ordered([*dimension.keys, *current])
            st.multiselect(label, options, default=current, format_func=dimension.label, key=key("fix", field))
            note(field)
            save_button(field, type="primary")
    with title_tab, st.form(key("form", "title"), border=False):
        st.text_input("Title", value=event["title"], key=key("fix", "title"), max_chars=300)
        note("title")
        save_button("title", type="primary")
    with merge_tab:
        if len(event["merged_event_ids"]):
            with st.form(key("form", "split"), border=False):
                st.html(f'<p style="opacity:.75;margin:0">Merged: {html.escape(event["merge_note"])}</p>')
                st.selectbox("Report merged by mistake", list(event["merged_event_ids"]), key=key("fix", "split"))
                note("split")
                save_button("split", "Split it out")
        labels = merge_labels(data.events, event_id)
        with st.form(key("form", "merge"), border=False):
            st.selectbox(
                "The same event, reported elsewhere",
                list(labels),
                index=None,
                format_func=labels.get,
                placeholder="Choose an event",
                key=key("fix", "merge"),
            )
            note("merge")
            save_button("merge", "Merge them")


def merge_labels(events: pd.DataFrame, event_id: str) -> dict[str, str]:
    """Every other event as a merge choice, in date order: its date, title and id."""
    others = events[events["event_id"] != event_id].sort_values(["date", "event_id"], na_position="last")
    days = others["date"].dt.strftime("%Y-%m-%d").fillna("undated")
    return {event: f"{day} · {title[:110]} ({event})" for event, day, title in zip(others["event_id"], days, others["title"], strict=True)}


def show_outcome() -> None:
    """What the last correction came to, once."""
    outcome = st.session_state.pop(OUTCOME, None)
    if outcome:
        alert(*outcome)


def review_panel(page: Page, store: review.Store, prompt: bool = True) -> None:
    """The selected event: why it needs a look, what the loader read, its evidence, and the forms to correct it
    (with none selected, a `prompt` to select one)."""
    event = find_event(page.data.events, page.view.event_id)
    if event is None:
        show_outcome()
        if prompt:
            st.info("Select an event in the list to see its date candidates and evidence, and to correct it.", icon=":material/touch_app:")
        return
    event = event.to_dict()
    article = page.data.corpus.articles.get(event["article_id"])
    spans = evidence_spans(event, article)
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        head.html(f'<h3 style="margin:0">{html.escape(event["title"] or event["event_id"])}</h3>')
        close.button("Close", on_click=filters.select_event, args=("",), icon=":material/close:", key="review_close", width="stretch")
        reasons = "; ".join(review.reason_words(event["review_reasons"])) or "nothing any more: it has been reviewed"
        st.html(f'<p style="margin:.25rem 0 .5rem"><b>Needs a look because:</b> {html.escape(reasons)}</p>')
        timeline_view = replace(page.view, mentioned=page.view.mentioned or event["role"] == "referenced", event_id=event["event_id"])
        st.page_link(
            "pages/10_Timeline.py", label="See it on the timeline", icon=":material/timeline:", query_params=view_to_query(timeline_view)
        )
        left, right = st.columns([3, 2])
        left.html(details_html(event_rows(event, page.data.style)))
        with right:
            show_evidence(article, spans)
            st.markdown("**The sentence the event was read from**")
            st.html(f'<p style="margin:.2rem 0">{html.escape(event["event_sentence"] or "—")}</p>')
        if article is not None:
            st.markdown("**Every date mention in the article, as the loader read it**")
            candidates = review.candidate_table(date_candidates(article), article.text, event["date_evidence_offsets"])
            st.dataframe(candidates, column_config=CANDIDATE_COLUMNS, hide_index=True, key=f"candidates_{event['event_id']}")
        st.markdown("**Correct it**")
        show_outcome()
        correction_forms(event, page, store)
        corrections_made(event, page, store)
        if article is not None:
            show_article_texts(event, article, spans, page.data.corpus.articles, expanded=False)


def curation_file(data: Dataset, store: review.Store) -> None:
    """The curation file: where corrections go, the download, the corrections applied and the rows not applied."""
    st.subheader("Curation file")
    existing, _ = read_curation(store.path)
    pending = st.session_state.get(PENDING, [])
    if store.writable:
        st.caption(
            f"Corrections are saved to the curation file ({plural(len(existing), 'row')} so far), each with the editor's name and "
            "the time, and applied every time the articles are loaded. Each can be undone."
        )
    else:
        st.warning(
            f"This copy of the dashboard does not write its curation file: {store.why}. Corrections you make here are collected "
            "in the file below: download it and put it in the repository as `data/curation.csv` (or send it to the maintainers). "
            "They are applied once the file is in place.",
            icon=":material/download:",
        )
    if existing or pending:
        st.download_button(
            f"Download curation.csv ({plural(len(existing) + len(pending), 'correction')})",
            curation_csv([*existing, *pending]),
            "curation.csv",
            "text/csv",
            icon=":material/download:",
            type="primary" if pending else "secondary",
        )
    if pending:
        st.caption(f"Not saved yet, only in the download: {len(pending)}")
        st.dataframe(pd.DataFrame([c.__dict__ for c in pending]).drop(columns="line"), hide_index=True)
    curated = data.events[data.events["curation"].map(len) > 0]
    if len(curated):
        st.caption(f"Events corrected: {len(curated)}. Each correction keeps the value it replaced.")
        st.dataframe(
            curated[["event_id", "title", "date_method", "curation"]], hide_index=True, column_config={"curation": lists("Corrections")}
        )
    rejected = [issue.reason for issue in data.corpus.issues if issue.file in (CURATION_FILE, store.path.name)]
    if rejected:
        st.warning(f"{len(rejected)} rows of the curation file were not applied: see why below.", icon=":material/warning:")
        st.dataframe(pd.DataFrame({"Row not applied": rejected}), hide_index=True)
