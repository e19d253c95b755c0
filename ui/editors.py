"""Who may write the curation file: the editors named in the app's secrets, once signed in for this session.

    # .streamlit/secrets.toml (never committed; on Streamlit Community Cloud: the app's Secrets box)
    [editors]
    ana = "a long passphrase"
    ben = "another long passphrase"

Without an `[editors]` table nobody writes: the dashboard is read-only, and the Review page collects corrections in
a file to download. A signed-in editor's name goes into every correction they save (the `editor` column).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

import streamlit as st
from streamlit.logger import get_logger

LOG = get_logger(__name__)
SECRET = "editors"
SIGNED_IN, FAILURES, NOTICE = "editor_signed_in", "editor_failures", "editor_notice"
MAX_FAILURES = 5  # wrong passphrases a session may try before the form is withdrawn (reload to start over)


def configured_editors(secrets: Mapping) -> dict[str, str]:
    """The editors of a secrets mapping: name -> passphrase, for every non-empty name with a non-empty text passphrase."""
    table = secrets.get(SECRET) if hasattr(secrets, "get") else None
    if not isinstance(table, Mapping):
        return {}
    return {str(name).strip(): value for name, value in table.items() if str(name).strip() and isinstance(value, str) and value}


def check_passphrase(editors: Mapping[str, str], name: str, passphrase: str) -> bool:
    """Whether `passphrase` is `name`'s, compared in constant time (an unknown name is checked against itself too)."""
    expected = editors.get(name.strip(), "")
    matches = hmac.compare_digest(passphrase.encode("utf-8"), (expected or "\0").encode("utf-8"))
    return bool(expected) and matches


def read_editors() -> dict[str, str]:
    """The editors configured for this app (none when there is no secrets file or no `[editors]` table)."""
    try:
        return configured_editors(st.secrets)
    except Exception:  # no secrets file, or one that does not parse: nobody edits
        return {}


def signed_in(editors: Mapping[str, str]) -> str:
    """The editor signed in in this session ('' when none, or when their name left the secrets)."""
    name = st.session_state.get(SIGNED_IN, "")
    return name if name in editors else ""


def _sign_in(editors: Mapping[str, str], name_key: str, passphrase_key: str) -> None:
    name = str(st.session_state.get(name_key) or "").strip()
    passphrase = str(st.session_state.get(passphrase_key) or "")
    st.session_state[passphrase_key] = ""
    if check_passphrase(editors, name, passphrase):
        st.session_state[SIGNED_IN] = name
        st.session_state[FAILURES] = 0
        st.session_state[NOTICE] = ("success", f"Signed in as {name}: your corrections are saved, with your name and the time.")
        LOG.info("editor %r signed in", name)
    else:
        st.session_state[FAILURES] = st.session_state.get(FAILURES, 0) + 1
        st.session_state[NOTICE] = ("error", "That name and passphrase do not match an editor of this dashboard.")
        LOG.warning("failed editor sign-in for %r", name)


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    st.session_state[NOTICE] = ("success", "Signed out: this page is read-only again.")


def take_notice() -> tuple[str, str] | None:
    """What the last sign-in or sign-out came to, once."""
    return st.session_state.pop(NOTICE, None)


def sign_in_form(editors: Mapping[str, str]) -> None:
    """The editor sign-in: a name and a passphrase (withdrawn after MAX_FAILURES wrong tries in a session)."""
    if st.session_state.get(FAILURES, 0) >= MAX_FAILURES:
        st.error(f"Sign-in is closed for this session after {MAX_FAILURES} wrong tries. Reload the page to try again.")
        return
    with st.form("editor_sign_in", border=False):
        name, passphrase, button = st.columns([2, 2, 1], vertical_alignment="bottom")
        name.text_input("Editor name", key="editor_name", max_chars=60, autocomplete="username")
        passphrase.text_input("Passphrase", key="editor_passphrase", type="password", max_chars=200, autocomplete="current-password")
        button.form_submit_button("Sign in", on_click=_sign_in, args=(editors, "editor_name", "editor_passphrase"), type="primary")
