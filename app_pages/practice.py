"""Timed practice: choose a prompt, write against the clock, submit, read the feedback.

The draft lives in the database, not in the session: it is saved on every rerun and by
an autosave fragment every few seconds, so a refresh, a closed tab or a crash loses at
most a few seconds of typing, and the same name and prompt offer to resume it. A click on
another page loses nothing: the countdown's script presses "Save now" first (``app_pages/drafts.py``).
"""
from __future__ import annotations

import time
from contextlib import closing

import streamlit as st

from app_pages.access import classroom_on, practice_account, student_name
from app_pages.common import engine, prompt_labels, question_box, rubrics, when
from app_pages.countdown import clock, countdown, minutes_left
from app_pages.drafts import (
    MAYBE_ELSEWHERE,
    PRACTICE_ELSEWHERE,
    PRACTICE_ESSAY,
    PRACTICE_SAVED,
    PRACTICE_UNSENT,
    RECENTLY,
    SAVE_HELP,
    elsewhere_notice,
    empty_notice,
    refuse_empty,
    save_practice,
    saved_mark,
    saved_status,
    sent_elsewhere,
    unsent_words,
)
from app_pages.feedback_view import render_report
from essaycoach import attempts as att
from essaycoach.engine import MAX_ESSAY_CHARS, clip_essay
from essaycoach.flags import short_flag
from essaycoach.inputs import MAX_NAME_CHARS, tidy_name
from essaycoach.markup import counted, escape_markdown
from essaycoach.rubric import Rubric

ESSAY_KEY = PRACTICE_ESSAY
SAVE_NOW = "practice_save_now"  # widget key: the "Save now" button (the clock presses it before leaving)
SHORT_ASKED = "practice_short_asked"  # session key: the student was asked whether to submit a too-short essay
CONFIRM_DISCARD = "practice_confirm_discard"  # session key: (student, rubric id) of a draft to discard, asked
AUTOSAVE_EVERY = "3s"
# The visible clock runs in the browser (no reruns needed to tick). Its second job: the text
# area only sends its value on blur or Ctrl+Enter, so while the student types it sends
# Ctrl+Enter every second (on_change="ignore" makes that silent), and the next
# autosave run then receives the text. The server, not this script, decides when time is up.
_DEFAULTS: dict[str, object] = {
    "practice_phase": "setup",      # setup | writing | feedback
    "practice_active": None,        # (student, rubric id) while writing
    "practice_started_at": 0.0,     # mirrors the draft's started_at in the database
    "practice_saved_text": None,    # last text written to the database, to skip no-op saves
    "practice_saved_at": None,
    "practice_attempt_id": None,    # the attempt whose feedback is on show
    "practice_auto": False,         # that attempt was submitted when time ran out
    "practice_notice": None,
    "practice_sent_notice": None,   # the draft was submitted from another tab or device: said on the prompts
    "practice_deadline_done": False,  # time-up was handled once this sitting: never loop on it
    "student_name": "",             # shared with the progress page
}


def _init_state() -> None:
    for key, value in _DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value


def _question(rubric: Rubric) -> None:
    question_box(rubric.question)
    st.caption(f"Time allowed: **{counted(rubric.minutes, 'minute')}** · {rubric.marks} marks · "
               f"aim for about {rubric.aim_words:,} words")


def _overrun_toggle() -> bool:
    return st.toggle("Keep writing after time is up (show overrun)", key="practice_overrun",
                     help="Off: your essay is submitted automatically when the time runs out, as in "
                          "an exam. On: the clock shows how far over time you are and you submit yourself.")


# --- state changes (button callbacks run before the page, so they may set widget values) ---

def _enter_writing(student: str, rubric_id: str, text: str, started_at: float) -> None:
    ss = st.session_state
    ss.update(practice_phase="writing", practice_active=(student, rubric_id), practice_started_at=started_at,
              practice_saved_text=text, practice_saved_at=time.time(), student_name=student,
              practice_notice=None, practice_sent_notice=None, practice_deadline_done=False)
    ss[ESSAY_KEY] = text
    ss.pop(SHORT_ASKED, None)
    ss.pop(PRACTICE_ELSEWHERE, None)
    ss.pop(PRACTICE_ELSEWHERE + "_toasted", None)


def _ask_discard(draft: tuple[str, str] | None) -> None:
    """Ask before discarding the draft of ``(student, rubric id)``; None: the student kept it."""
    st.session_state[CONFIRM_DISCARD] = draft


def _start(student: str, rubric_id: str) -> None:
    st.session_state[CONFIRM_DISCARD] = None
    now = time.time()
    account = practice_account()
    with closing(att.open_db()) as db:
        att.save_draft(db, student, rubric_id, "", now, account=account)  # the clock's start survives a refresh
    _enter_writing(student, rubric_id, "", now)


def _resume(student: str, rubric_id: str) -> None:
    account = practice_account()
    with closing(att.open_db()) as db:
        draft = att.load_draft(db, student, rubric_id, account=account)
    if draft is None:
        _start(student, rubric_id)
        return
    # Saved moments ago, and not by this tab: the tab that saved it may still be open, and a tab
    # resuming a draft learns of the other's words only when that one saves again.
    mine = abs(float(st.session_state.get("practice_saved_at") or 0.0) - draft.saved_at) < 1.0
    _enter_writing(student, rubric_id, draft.text, draft.started_at)
    if not mine and time.time() - draft.saved_at < RECENTLY:
        st.session_state[PRACTICE_ELSEWHERE] = MAYBE_ELSEWHERE


def _back_to_setup(notice: str | None = None) -> None:
    ss = st.session_state
    student, rubric_id = ss.practice_active or (ss.student_name, None)
    ss.update(practice_phase="setup", practice_active=None, practice_attempt_id=None, practice_notice=notice)
    ss["practice_student"], ss["practice_rubric"] = student, rubric_id


def _restore_box() -> None:
    """Put the saved draft back in the essay box when Streamlit has forgotten the box's value,
    as it does for a widget while its page is not shown: after a visit to another page the box
    would come back empty, and the next save would write that over the draft."""
    ss = st.session_state
    if ss.practice_active is None or ESSAY_KEY in ss:
        return
    student, rubric_id = ss.practice_active
    account = practice_account()
    with closing(att.open_db()) as db:
        draft = att.load_draft(db, student, rubric_id, account=account)
    text = draft.text if draft is not None else ss.practice_saved_text or ""
    ss[ESSAY_KEY] = ss.practice_saved_text = text


def _sent_elsewhere() -> None:
    """The draft was submitted from another tab or device: back to the prompts, saying so, with
    this tab's words kept to copy (the rule and the words as for an assignment)."""
    ss = st.session_state
    student, rubric_id = ss.practice_active
    account = practice_account()
    with closing(att.open_db()) as db:
        sent = [a for a in att.list_attempts(db, student, rubric_id, account=account)
                if a.started_at == ss.practice_started_at]
    first = sent[0] if sent else None
    notice = sent_elsewhere(
        ss.get(ESSAY_KEY) or "", first.essay if first else None, PRACTICE_UNSENT,
        f"This essay was already submitted {when(first.submitted_at) if first else 'earlier'} from another tab "
        "or device: that attempt stands, and its feedback is on the **My attempts** page.")
    _back_to_setup()
    ss.practice_sent_notice = notice


def _leave() -> None:
    if not save_practice():
        _sent_elsewhere()
        return
    _back_to_setup("Draft saved. Resume it below whenever you are ready; your name and this prompt bring it "
                   "back on any visit (the clock keeps running while you are away).")


# --- a reload starts a new session: the address bar remembers who is writing which prompt ---
# Who only in personal mode: in classroom mode the signed-in account says who, and a name in the
# address would stay in a shared computer's browser history.

def _recall(by_id: dict[str, Rubric]) -> None:
    ss, params = st.session_state, st.query_params
    if "practice_student" not in ss:
        ss["practice_student"] = ss.student_name or ("" if classroom_on() else tidy_name(params.get("student")))
    if "practice_rubric" not in ss and params.get("prompt") in by_id:
        ss["practice_rubric"] = params.get("prompt")


def _remember(name: str, rubric_id: str | None) -> None:
    params = st.query_params
    for key, value in (("student", None if classroom_on() else name), ("prompt", rubric_id)):
        if value and params.get(key) != value:
            params[key] = value
        elif not value and key in params:
            del params[key]


# --- the three phases ---

def _setup(by_id: dict[str, Rubric]) -> None:
    ss = st.session_state
    st.title("Timed practice")
    if ss.practice_notice:
        st.success(ss.practice_notice)
    if ss.practice_sent_notice:  # until the student writes again: the page reruns on its own within seconds
        st.info(ss.practice_sent_notice)
    unsent_words(PRACTICE_UNSENT, "practice")
    _recall(by_id)
    name = student_name()  # classroom mode: the signed-in student, no name box; personal mode: None
    if name:
        st.caption(f"Writing as **{escape_markdown(name)}**")
    else:
        if "practice_student" not in ss:
            ss["practice_student"] = ss.student_name
        name = tidy_name(st.text_input(
            "Your name", key="practice_student", max_chars=MAX_NAME_CHARS, placeholder="e.g. Ada L.",
            help="No account needed: your name keeps your drafts and attempts apart on a shared computer."))
    ss.student_name = name or ss.student_name
    rubric_id = st.selectbox(
        "Prompt", list(by_id), index=None, key="practice_rubric", placeholder="Choose a prompt",
        format_func=prompt_labels(by_id),
        help="Prompts are grouped by topic.")
    _remember(name, rubric_id)
    if rubric_id is None:
        st.info("Choose a prompt to see the question and the time allowed.")
        return
    rubric = by_id[rubric_id]
    _question(rubric)
    _overrun_toggle()
    if not name:
        st.info("Type your name to start: it keeps your work apart from other students'.")
        return
    account = practice_account()
    with closing(att.open_db()) as db:
        draft = att.load_draft(db, name, rubric_id, account=account)
    if draft is None or not draft.words:  # a clock started with nothing written: nothing to resume
        st.button("Start the clock", key="practice_start", type="primary", icon="▶️",
                  on_click=_start, args=(name, rubric_id))
        return
    used = time.time() - draft.started_at
    st.warning(f"You have a saved draft for this prompt: {counted(draft.words, 'word')}, last saved "
               f"{when(draft.saved_at)}; {clock(used)} used of {rubric.minutes} minutes.",
               icon="✏️")
    if used >= rubric.minutes * 60 and draft.text.strip() and not ss.get("practice_overrun"):
        st.info("Time is up for this draft: resuming submits it straight away, unless you turn on "
                "“Keep writing after time is up” first.")
    if ss.get(CONFIRM_DISCARD) == (name, rubric_id):
        # A saved draft is the student's work: one click beside "Resume" must not lose it.
        st.error(f"Discard your draft of {counted(draft.words, 'word')} and start again? It cannot be brought back.",
                 icon="✖️")
        with st.container(horizontal=True):
            st.button("Keep my draft", key="practice_discard_cancel", type="primary", on_click=_ask_discard,
                      args=(None,))
            st.button("Yes, discard it and start again", key="practice_discard_ok", on_click=_start,
                      args=(name, rubric_id))
        return
    with st.container(horizontal=True):
        st.button("Resume my draft", key="practice_resume", type="primary", on_click=_resume,
                  args=(name, rubric_id))
        st.button("Discard it and start again", key="practice_discard", on_click=_ask_discard,
                  args=((name, rubric_id),))


@st.fragment(run_every=AUTOSAVE_EVERY)
def _autosave(minutes: int) -> None:
    """Save the draft every few seconds and submit it when time is up (unless overrun is on)."""
    ss = st.session_state
    if ss.practice_phase != "writing":
        return
    if not save_practice():
        st.rerun()  # submitted from another tab or device: the full run says so
    text = ss.get(ESSAY_KEY) or ""
    left = minutes * 60 - (time.time() - ss.practice_started_at)
    status = saved_status(text, ss.practice_saved_at or time.time())
    if left <= 0 and not ss.get("practice_overrun") and not ss.practice_deadline_done:
        st.rerun()  # the full page run deals with time-up: it submits the essay
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(status + (minutes_left(left) if left > 0 else f"time is up: overrun {clock(-left)}")
                   + saved_mark(ss.get(PRACTICE_SAVED) or ""), unsafe_allow_html=True)
        st.button("Save now", key=SAVE_NOW, help=SAVE_HELP)  # a run of this fragment saves
    empty_notice(text)
    elsewhere_notice(PRACTICE_ELSEWHERE, "draft")


def _submit(student: str, rubric: Rubric, auto: bool) -> None:
    ss = st.session_state
    text = ss.get(ESSAY_KEY) or ""
    if not text.strip():
        refuse_empty()  # said by the autosave line, which redraws as words come
        return
    if not save_practice():
        _sent_elsewhere()
        st.rerun()
    try:
        with st.spinner("Marking your essay..."):
            report = engine().grade(text, rubric, student)
        account = practice_account()
        with closing(att.open_db()) as db:
            # Sent at time-up: the time used is the time allowed, even when the page is seen again
            # (and so submits) only later, after a visit elsewhere.
            now = time.time()
            sent = min(now, ss.practice_started_at + rubric.minutes * 60) if auto else now
            attempt = att.submit_draft(db, student, report, text, ss.practice_started_at, sent, account=account)
    except Exception as exc:  # never a traceback for the student: the draft is safe in the database
        st.error(f"Sorry, your essay could not be marked ({type(exc).__name__}: {escape_markdown(exc)}). "
                 "Your draft is saved; try submitting again.")
        return
    if attempt is None:  # submitted from another tab or device while this one marked it: that one stands
        _sent_elsewhere()
    else:
        ss.update(practice_phase="feedback", practice_attempt_id=attempt.id, practice_auto=auto)
    st.rerun()


def _writing(by_id: dict[str, Rubric]) -> None:
    ss = st.session_state
    student, rubric_id = ss.practice_active
    rubric = by_id.get(rubric_id)
    if rubric is None:
        st.error(f"The prompt {escape_markdown(rubric_id)} is no longer available. Your draft is saved.")
        st.button("Back to prompts", key="practice_back", on_click=_back_to_setup)
        return
    _restore_box()
    if not save_practice():  # every rerun saves too, not only the autosave fragment
        _sent_elsewhere()
        st.rerun()
    _remember(student, rubric_id)
    st.title(escape_markdown(rubric.title))
    st.caption(f"Writing as **{escape_markdown(student)}**")
    _question(rubric)
    overrun = _overrun_toggle()
    left = rubric.minutes * 60 - (time.time() - ss.practice_started_at)
    text = ss.get(ESSAY_KEY) or ""
    auto = False
    if left <= 0 and not overrun and not ss.practice_deadline_done:
        ss.practice_deadline_done = True  # once: an empty essay or a failed submit must not loop
        auto = bool(text.strip())
    countdown(left, ESSAY_KEY, overrun or (ss.practice_deadline_done and not auto), "submitting your essay…",
              SAVE_NOW, draft=f"practice {ss.practice_active!r}")
    if left <= 0 and not overrun and not auto:
        st.warning("Time is up. Your essay was empty then, so nothing was submitted: keep writing and "
                   "submit it yourself; the clock shows the overrun.")
    if clip_essay(text)[1]:
        st.warning(f"Your essay is {len(text):,} characters long, far more than a timed essay. Only the "
                   f"first {MAX_ESSAY_CHARS:,} characters will be marked.")
    st.text_area("Your essay", key=ESSAY_KEY, height=420, on_change="ignore",
                 placeholder="Write your answer here. It is saved every few seconds.")
    short = short_flag(len(text.split()), rubric) if text.strip() else None
    with st.container(horizontal=True):
        submitted = st.button("Submit essay", key="practice_submit", type="primary")
        st.button("Save and finish later", key="practice_leave", on_click=_leave)
        anyway = bool(ss.get(SHORT_ASKED) and short) and st.button("Submit anyway", key="practice_submit_anyway")
    if submitted and short is not None and not ss.get(SHORT_ASKED):
        # A one-line "submit" is usually a slip: an attempt cannot be taken back, so ask once.
        ss[SHORT_ASKED] = True
        st.rerun()
    if ss.get(SHORT_ASKED) and short is not None and not (submitted or anyway or auto):
        st.warning(f"Submit now? Too short: {short.message} It would be marked and kept among your "
                   "attempts as it is. Keep writing, or press *Submit anyway*.", icon="✏️")
    if submitted or anyway or auto:
        ss.pop(SHORT_ASKED, None)
        _submit(student, rubric, auto and not (submitted or anyway))
    _autosave(rubric.minutes)


def _feedback(by_id: dict[str, Rubric]) -> None:
    ss = st.session_state
    with closing(att.open_db()) as db:
        attempt = att.get_attempt(db, ss.practice_attempt_id)
    if attempt is None:
        _back_to_setup()
        st.rerun()
    st.title("Feedback")
    if ss.practice_auto:
        st.info("Time was up, so your essay was submitted automatically.", icon="⚠️")
    st.success(f"Submitted and saved: {counted(attempt.words, 'word')} in {clock(attempt.seconds_used)}. "
               "All your attempts are on the **My attempts** page.", icon="✔️")
    report = attempt.report(by_id.get(attempt.rubric_id))
    if report.question:
        question_box(report.question)
    render_report(report, attempt.essay, key_prefix=f"practice_{attempt.id}")
    st.button("Practise another essay", key="practice_again", type="primary", on_click=_back_to_setup)


def main() -> None:
    _init_state()
    good, bad = rubrics()
    if not good:
        st.error("No prompts are available: ask your teacher to add a rubric. " + escape_markdown(" ".join(bad)))
        st.stop()
    by_id = {r.id: r for r in good}
    {"setup": _setup, "writing": _writing, "feedback": _feedback}[st.session_state.practice_phase](by_id)


main()
