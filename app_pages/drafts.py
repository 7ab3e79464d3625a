"""Saving an essay being written, from any page's run.

The essay box sends its text to the server on blur (and every second or so while the student
types), without a rerun of its own. A click on another page then runs that page, not the one
with the box, and Streamlit forgets the box's value at the end of that run. So the router calls
:func:`save_pending` first on every run: the last words typed before leaving are saved too.
"""
from __future__ import annotations

import time
from contextlib import closing

import streamlit as st

from app_pages import access
from essaycoach import assignments as asg
from essaycoach import attempts as att
from essaycoach import store

PRACTICE_ESSAY = "practice_essay"   # widget key: the timed-practice essay box
PRACTICE_SAVED = "practice_saved_text"  # session key: the text last written to the draft table
ESSAY = "my_essay"                  # widget key: the classroom essay box
WRITING = "my_writing"              # session key: id of the assignment being written
SAVED = "my_saved_text"             # session key: the text last written to the database


def save_practice() -> None:
    """Write the practice essay box to the draft table when it differs from what was last saved."""
    ss = st.session_state
    text, active = ss.get(PRACTICE_ESSAY), ss.get("practice_active")
    if active is None or text is None or text == ss.get(PRACTICE_SAVED):
        return
    student, rubric_id = active
    with closing(att.open_db()) as db:
        att.save_draft(db, student, rubric_id, text, ss.get("practice_started_at", 0.0))
    ss[PRACTICE_SAVED], ss["practice_saved_at"] = text, time.time()


def save_assignment(a_id: int, student_id: int) -> None:
    """Write the classroom essay box to its submission when it differs from what was last saved."""
    text = st.session_state.get(ESSAY)
    if text is None or text == st.session_state.get(SAVED):
        return
    with closing(store.connect()) as db:
        asg.autosave(db, a_id, student_id, text)
    st.session_state[SAVED] = text


def save_pending() -> None:
    """Save whichever essay this session is writing, before the page of this run is drawn."""
    save_practice()
    writing = st.session_state.get(WRITING)
    if writing is not None and st.session_state.get(ESSAY) is not None and access.classroom_on():
        me = access.account()
        if me is not None:
            save_assignment(writing, me.id)
