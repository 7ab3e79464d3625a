"""Saving an essay being written: one rule for timed practice and for classroom assignments.

Each page saves on every run, from its autosave fragment every few seconds, and from its "Save
now" button, which the countdown's script also presses before a click on another page is let
through (a browser sends a page's widget values only with a run of that page: the words typed
since the last autosave would otherwise be lost). A reload or a closed tab cannot be held like
a click: the status line carries a fingerprint of the text last saved (:func:`saved_mark`), and
while the essay box holds anything else the script sends it at once and has the browser ask
"Leave site?", so the words typed in the last second or two are saved, not lost unasked.
"""
from __future__ import annotations

import struct
import time
from contextlib import closing

import streamlit as st

from app_pages.access import practice_account
from essaycoach import assignments as asg
from essaycoach import attempts as att
from essaycoach import store
from essaycoach.engine import clip_essay
from essaycoach.markup import counted

PRACTICE_ESSAY = "practice_essay"   # widget key: the timed-practice essay box
PRACTICE_SAVED = "practice_saved_text"  # session key: the text last written to the draft table
PRACTICE_ELSEWHERE = "practice_elsewhere"  # session key: another tab or device wrote the draft since this one saved
PRACTICE_UNSENT = "practice_unsent_text"  # session key: words this tab held when the draft was submitted from another
ESSAY = "my_essay"                  # widget key: the classroom essay box
WRITING = "my_writing"              # session key: id of the assignment being written
SAVED = "my_saved_text"             # session key: the text last written to the database
UNSENT = "my_unsent_text"           # session key: words this tab held when the essay was sent from another
ELSEWHERE = "my_elsewhere"          # session key: another tab or device wrote the essay since this one saved
EMPTY_SUBMIT = "empty_submit"       # session key: Submit was pressed with nothing written (said until words come)
SAVE_HELP = "Your essay is saved every few seconds and before you open another page; this saves it at once."


def fingerprint(text: str) -> str:
    """FNV-1a (32 bits, hex) of the text's UTF-16 code units: what the countdown's script
    (``countdown_clock.html``) computes from the essay box, to tell words not yet saved."""
    data = text.encode("utf-16-le", "surrogatepass")
    h = 0x811C9DC5
    for (unit,) in struct.iter_unpack("<H", data):
        h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
    return f"{h:x}"


def saved_mark(saved: str) -> str:
    """An empty element for the status line (shown with ``unsafe_allow_html``; nothing of the
    student's is in it) whose fingerprint is that of the text last saved."""
    return f'<span data-essaycoach-saved="{fingerprint(saved)}"></span>'


def saved_status(text: str, saved_at: float) -> str:
    """The line under the essay box, up to the time left: what the last save holds. Before any
    words have reached the server (a paste is sent within a second or two), it says how saving
    works rather than "saved · 0 words", which reads as work lost."""
    words = len(text.split())
    if not words:
        return "Your draft is saved every few seconds as you write · "
    marked = ""
    clipped, cut = clip_essay(text)
    if cut:  # said here: the line refreshes as the student writes, the page does not
        marked = f" (only the first {len(clipped.split()):,} will be marked)"
    at = time.strftime('%H:%M:%S', time.localtime(saved_at))
    return f"✔ Draft saved at {at} · {counted(words, 'word')}{marked} · "


def save_practice() -> bool:
    """Write the practice essay box to the draft table when it differs from what was last saved;
    ``False`` when the draft has been submitted meanwhile (from another tab or device), as for an
    assignment (:func:`save_assignment`): it is not written back, to be resumed and submitted
    twice. Words another tab or device wrote to the draft since this one last saved are noted
    (:data:`PRACTICE_ELSEWHERE`): each save replaces the other's."""
    ss = st.session_state
    text, active = ss.get(PRACTICE_ESSAY), ss.get("practice_active")
    if active is None or text is None:
        return True
    student, rubric_id = active
    account = practice_account()
    with closing(att.open_db()) as db:
        # Read on every run, typed or not: a tab left alone learns within seconds that another
        # tab wrote the draft (two tabs, or two students typing the same name, had written over
        # each other's words without a word), or submitted it.
        before = att.load_draft(db, student, rubric_id, account=account)
        unchanged = text == ss.get(PRACTICE_SAVED)
        saved = before is not None and (unchanged or att.autosave_draft(
            db, student, rubric_id, text, ss.get("practice_started_at", 0.0), account=account))
    if before is None or not saved:
        return False
    if before.text != ss.get(PRACTICE_SAVED):
        ss[PRACTICE_ELSEWHERE] = True
    elif not unchanged and ss.get(PRACTICE_ELSEWHERE) == MAYBE_ELSEWHERE:
        # This tab's words saved with none written in between: the save of moments before it
        # resumed was its own, made as the page reloaded, or that tab has gone quiet (a walk saw
        # the "perhaps from another tab" warning stay for a whole sitting with one tab open).
        ss.pop(PRACTICE_ELSEWHERE)
    if not unchanged:
        ss[PRACTICE_SAVED], ss["practice_saved_at"] = text, time.time()
    return True


def sent_elsewhere(text: str, sent: str | None, unsent_key: str, said: str) -> str:
    """The notice that an essay was sent from another tab or device (``said``: when and how, and
    that the sending stands), keeping this tab's words under ``unsent_key`` when they differ from
    what was sent, for :func:`unsent_words` to show: to be copied rather than lost unseen."""
    if text.strip() and text != sent:
        st.session_state[unsent_key] = text
    return said + (" The words this tab held were not sent; they are below to copy."
                   if st.session_state.get(unsent_key) else "")


def unsent_words(unsent_key: str, prefix: str) -> None:
    """The words kept by :func:`sent_elsewhere`, to copy or download, until the student says they
    have them (widget keys ``{prefix}_unsent_download`` and ``{prefix}_unsent_done``)."""
    unsent = st.session_state.get(unsent_key)
    if not unsent:
        return
    # A browser copies to the clipboard only over HTTPS or on this computer: served on the
    # school network, the copy button may do nothing, so the words are a download too.
    st.caption(f"Not sent: the words this tab held ({counted(len(unsent.split()), 'word')}); the button at "
               "the top right of the box copies them, or download them.")
    st.code(unsent, language=None, wrap_lines=True)
    with st.container(horizontal=True):
        st.download_button("Download them (.txt)", unsent.encode("utf-8"), file_name="my-unsent-words.txt",
                           mime="text/plain", key=f"{prefix}_unsent_download", on_click="ignore")
        st.button("Done: I have kept them", key=f"{prefix}_unsent_done", on_click=st.session_state.pop,
                  args=(unsent_key,))


MAYBE_ELSEWHERE = "maybe"  # the value of PRACTICE_ELSEWHERE when a draft resumed was saved elsewhere moments ago
RECENTLY = 20.0  # seconds: a draft another tab saved this recently may still be open there


def elsewhere_notice(key: str, what: str = "essay") -> None:
    """The warning that another tab or device writes the same essay, once :data:`ELSEWHERE` or
    :data:`PRACTICE_ELSEWHERE` (``key``) says so, or may (:data:`MAYBE_ELSEWHERE`)."""
    said = st.session_state.get(key)
    if said and st.session_state.get(key + "_toasted") != said:
        # Said once where it is seen whatever the scroll: the warning sits under the essay box,
        # below the buttons, out of view on a laptop screen (a re-check's finding).
        st.session_state[key + "_toasted"] = said
        # Only "may" for a draft resumed moments after a save: the save may be this browser's own,
        # made as the page was reloaded (a walk was told as fact that its only tab was open elsewhere).
        st.toast(f"This {what} was saved moments ago, perhaps from another tab or device: if it is open there "
                 "too, write in one place only." if said == MAYBE_ELSEWHERE else
                 f"This {what} is open in another tab or on another device too: write in one place only.", icon="⚠️")
    if said == MAYBE_ELSEWHERE:
        st.warning(f"This {what} was saved moments ago, perhaps from another tab or device (or by this one, as "
                   "the page was reloaded): if it is open there too, write in one place only, as each one's saves "
                   "replace the other's words.", icon="⚠️")
    elif said:
        st.warning(f"This {what} is also open in another tab or on another device: each one's saves replace the "
                   "other's words. Write in one place only.", icon="⚠️")


def save_assignment(a_id: int, student_id: int) -> bool:
    """Write the classroom essay box to its submission when it differs from what was last saved;
    ``False`` when the essay has been sent meanwhile (from another tab or device: the page's
    next run says so, and keeps this tab's words under :data:`UNSENT`). Words another tab or
    device wrote since this one last saved are noted (:data:`ELSEWHERE`): each save replaces the
    other's."""
    ss = st.session_state
    text = ss.get(ESSAY)
    if text is None:
        return True
    # Read on every run, typed or not: a tab left alone learns within seconds that another wrote
    # the essay, or sent it.
    with closing(store.connect()) as db:
        before = asg.submission(db, a_id, student_id)
        saved = before is not None and before.submitted_at is None and (
            text == ss.get(SAVED) or asg.autosave(db, a_id, student_id, text))
    if before is not None and not saved:
        return False
    if before is not None and before.text != ss.get(SAVED):
        ss[ELSEWHERE] = True
    ss[SAVED] = text
    return True


def refuse_empty() -> None:
    """Submit was pressed on an empty essay: :func:`empty_notice` says so until words are written."""
    st.session_state[EMPTY_SUBMIT] = True


def empty_notice(text: str) -> None:
    """In a page's autosave fragment, which redraws as the student writes: the refusal of an empty
    submit, shown while the essay is still empty. Drawn by the page run it had stayed on screen
    beside "Draft saved · 11,029 words" once the student had pasted (a walk's finding)."""
    if not st.session_state.get(EMPTY_SUBMIT):
        return
    if text.strip():
        st.session_state.pop(EMPTY_SUBMIT)
    else:
        st.error("Your essay is empty: write your answer, then submit. Nothing was submitted.")
