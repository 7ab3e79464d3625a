"""Who may see what in classroom mode: the signed-in account, the page guards, the page list.

Personal mode (the default) has no accounts: every guard here is a no-op and the router's own
table is used. In classroom mode the router shows each role only its pages, and every teacher
page also calls :func:`require_teacher` first, so a page reached some other way still refuses.
The browser keeps only a random session token (in ``st.session_state``); the database says
whose it is and until when.
"""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import streamlit as st

from essaycoach import accounts, store
from essaycoach.accounts import Account
from essaycoach.markup import escape_markdown

TOKEN = "auth_token"          # session key: the sign-in token
NOTICE = "auth_notice"        # session key: a message for the sign-in page (e.g. expired)
PAGES = Path(__file__).parent


def classroom_on() -> bool:
    return accounts.classroom_mode()


def account() -> Account | None:
    """The signed-in account, or ``None`` (never signed in, signed out, or the session expired)."""
    token = st.session_state.get(TOKEN)
    if not token:
        return None
    with closing(store.connect()) as db:
        found = accounts.session_account(db, token)
    if found is None:
        st.session_state.pop(TOKEN, None)
        st.session_state[NOTICE] = "Your session has ended: sign in again. Your drafts are saved."
    return found


def require_teacher() -> None:
    """Stop the page unless this is personal mode or the teacher is signed in."""
    if not classroom_on():
        return
    found = account()
    if found is None or found.role != accounts.TEACHER:
        st.error("This page is for the teacher: sign in as the teacher to open it.", icon="⚠️")
        st.stop()


def require_student() -> Account:
    """The signed-in student (classroom mode), or stop the page."""
    found = account() if classroom_on() else None
    if found is None or found.role != accounts.STUDENT:
        st.error("This page is for students in classroom mode: sign in with your name and password.",
                 icon="⚠️")
        st.stop()
    return found


def student_name() -> str | None:
    """In classroom mode, the signed-in student's name (pages use it instead of a name box);
    ``None`` in personal mode. A teacher or nobody gets the page stopped."""
    if not classroom_on():
        return None
    return require_student().name


def practice_account() -> int:
    """Whose practice this is: the signed-in student's account in classroom mode, where work goes
    by account, never by a name (one typed in the personal app reaches none of it); 0 in the
    personal app, where practice goes by the name typed."""
    return require_student().id if classroom_on() else 0


def sign_out() -> None:
    """The "Sign out" page: end the session here and in the database."""
    with closing(store.connect()) as db:
        accounts.sign_out(db, st.session_state.pop(TOKEN, None))
    st.session_state.clear()
    st.session_state[NOTICE] = "You are signed out."
    st.rerun()


def classroom_sections() -> dict[str, list]:
    """The router's pages for whoever is here: the set-up or sign-in page until someone is
    signed in, then the student's or the teacher's pages."""
    who = account()
    entry = st.Page(PAGES / "sign_in.py", title="Sign in", icon="▶️", default=True)
    if who is None:
        return {"": [entry]}
    out = st.Page(sign_out, title="Sign out", icon="⏏️", url_path="sign-out")
    if who.role == accounts.TEACHER:
        return {"Teacher": [
            st.Page(PAGES / "teacher_assignments.py", title="Assignments", icon="✉️",
                    default=True),
            st.Page(PAGES / "classroom_admin.py", title="Classes and students", icon="✳️"),
            st.Page(PAGES / "class_marking.py", title="Mark a class set", icon="✔️"),
            st.Page(PAGES / "rubric_editor.py", title="Rubric editor", icon="✏️"),
        ], f"Signed in as {escape_markdown(who.name)}": [out]}
    return {"Student": [
        st.Page(PAGES / "my_assignments.py", title="My assignments", icon="✉️", default=True),
        st.Page(PAGES / "practice.py", title="Timed practice", icon="✍️"),
        st.Page(PAGES / "progress.py", title="My attempts", icon="☑️"),
    ], f"Signed in as {escape_markdown(who.name)}": [out]}
