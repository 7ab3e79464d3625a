"""Classroom mode's front door: the teacher's first-run set-up, signing in, and joining with a code.

Until the teacher has a password nothing else exists; the set-up form is only offered in a
browser on the server machine itself, so a student who opens the app first cannot claim it.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing

import streamlit as st

from app_pages.access import NOTICE, TOKEN
from essaycoach import accounts, store
from essaycoach.inputs import MAX_NAME_CHARS
from essaycoach.markup import escape_markdown as md

ROLES = {"student": "I am a student", "teacher": "I am the teacher"}
ROLE = "signin_role"  # widget key: who is signing in (the first of ROLES until chosen)


def _start(start: Callable[[sqlite3.Connection], accounts.Session], refused: str,
           passwords: tuple[str, str] | None = None, icon: str | None = None) -> None:
    """Sign in with the session ``start`` opens in the database: the one path of the set-up,
    sign-in and join forms. A password typed twice must match; a refusal is shown as
    "``refused``: why." and the form stays."""
    if passwords is not None and passwords[0] != passwords[1]:
        st.error("The two passwords differ: type the same password twice.")
        return
    try:
        with closing(store.connect()) as db:
            session = start(db)
    except accounts.AuthError as exc:
        st.error(f"{refused}: {md(str(exc))}.", icon=icon)
        return
    st.session_state[TOKEN] = session.token
    st.session_state.pop(NOTICE, None)
    st.rerun()


def _set_up() -> None:
    st.title("Set up classroom mode")
    if isinstance(st.context.ip_address, str):  # Streamlit gives None for a browser on this machine
        st.info("essaycoach is waiting for the teacher's password. Set it on the computer that runs the app "
                "(open the app there, or run `essaycoach teacher-password`).", icon="⚠️")
        st.stop()
    st.write("Choose the teacher's password. Only the teacher's account can see classes, assignments and "
             f"marks. Use at least {accounts.MIN_PASSWORD} characters.")
    with st.form("setup_form"):
        first = st.text_input("Teacher's password", type="password", key="setup_password")
        again = st.text_input("The same password again", type="password", key="setup_again")
        done = st.form_submit_button("Save the password", type="primary")
    if done:
        _start(lambda db: accounts.start_session(db, accounts.set_teacher_password(db, first)), "Not saved",
               (first, again))


def _sign_in_form() -> None:
    role = st.radio("Who are you?", list(ROLES), format_func=ROLES.get, key=ROLE, horizontal=True)
    with st.form("signin_form"):
        name = "" if role == "teacher" else st.text_input("Your name", key="signin_name",
                                                          max_chars=MAX_NAME_CHARS)
        password = st.text_input("Password (or PIN)" if role == "student" else "Password", type="password",
                                 key="signin_password")
        done = st.form_submit_button("Sign in", type="primary")
    if done:
        _start(lambda db: accounts.sign_in(db, role, name, password), "Not signed in", icon="⚠️")


def _join_form() -> None:
    with st.expander("First time? Join your class with the code your teacher gave you", icon="✳️"):
        with st.form("join_form"):
            code = st.text_input("Join code", key="join_code", max_chars=20)
            first = st.text_input("Choose a password", type="password", key="join_password",
                                  help=f"At least {accounts.MIN_PASSWORD} characters.")
            again = st.text_input("The same password again", type="password", key="join_again")
            done = st.form_submit_button("Join")
        if done:
            _start(lambda db: accounts.join(db, code, first), "Not joined", (first, again))


def main() -> None:
    with closing(store.connect()) as db:
        has_teacher = accounts.teacher(db) is not None
    if not has_teacher:
        _set_up()
        return
    st.title("Sign in")
    if st.session_state.get(NOTICE):
        st.info(st.session_state[NOTICE])
    _sign_in_form()
    if st.session_state.get(ROLE, "student") == "student":  # joining a class is for students
        _join_form()
    st.caption("essaycoach runs on your school's computer: your essays and marks never leave it.")


main()
