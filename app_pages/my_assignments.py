"""My assignments (student, classroom mode): what is due, writing under the countdown, feedback.

The essay lives in the database from the moment the clock starts: every rerun and an autosave
fragment every few seconds write it, so a reload or a lost connection costs at most a few
seconds of typing (sign in again and carry on; the clock kept running). Time-up is decided
here on the server: the essay is sent as it stands, even if the student is away (the teacher's
"collect" does the same for a closed laptop).
"""
from __future__ import annotations

import json
import time
from contextlib import closing

import streamlit as st

from app_pages.access import require_student
from app_pages.common import engine, question_box, rubrics, when
from app_pages.countdown import clock, countdown, minutes_left
from app_pages.drafts import (
    ELSEWHERE,
    ESSAY,
    SAVE_HELP,
    SAVED,
    UNSENT,
    WRITING,
    elsewhere_notice,
    empty_notice,
    refuse_empty,
    save_assignment,
    saved_mark,
    saved_status,
    sent_elsewhere,
    unsent_words,
)
from app_pages.feedback_view import STATUS_LABEL, render_report, show_essay
from essaycoach import assignments as asg
from essaycoach import store
from essaycoach.accounts import Account
from essaycoach.attempts import report_from_dict
from essaycoach.flags import short_flag
from essaycoach.marking import level_for_mark, standing_report
from essaycoach.markup import counted
from essaycoach.markup import escape_markdown as md
from essaycoach.overrides import MARK
from essaycoach.rubric import Rubric

AUTOSAVE_EVERY = "3s"
SHORT_ASKED = "my_short_asked"  # session key: the assignment whose too-short essay the student was asked about
JUST_SENT = "my_just_sent"   # session key: the assignment this tab has just sent
SAVE_NOW = "my_save_now"     # widget key: the "Save now" button (the clock presses it before leaving)


def _db():
    return closing(store.connect())


def _question(rubric: Rubric | None, a: asg.Assignment) -> None:
    question_box(rubric.question if rubric else a.title)


def _open(a_id: int, me: Account) -> None:
    """Button callback: start (or resume) writing; the clock starts only the first time."""
    with _db() as db:
        a = asg.get(db, a_id)
        if a is None:
            return
        try:
            sub = asg.start(db, a, me)
        except asg.AssignmentError as exc:
            st.session_state["my_notice"] = f"Cannot start: {exc}."
            return
    st.session_state.update({WRITING: a_id, SAVED: sub.text, ESSAY: sub.text})
    for said in (ELSEWHERE, ELSEWHERE + "_toasted"):   # of the essay written before, not this one
        st.session_state.pop(said, None)


def _report(a: asg.Assignment, rubric: Rubric | None, text: str, name: str) -> str | None:
    """The engine's feedback as JSON when the assignment gives it at once, else ``None``."""
    if a.feedback != "now" or rubric is None or not text.strip():
        return None
    try:
        return json.dumps(engine().grade(text, rubric.timed(a.minutes), name).to_dict(), ensure_ascii=False)
    except Exception:  # the essay is sent regardless; the teacher's marking will follow
        return None


def _send(a: asg.Assignment, me: Account, rubric: Rubric | None, auto: bool) -> None:
    text = st.session_state.get(ESSAY) or ""
    report = _report(a, rubric, text, me.name)
    with _db() as db:
        sent = asg.submit(db, a.id, me.id, text, auto=auto, report_json=report)
        first = asg.submission(db, a.id, me.id)
    st.session_state.pop(WRITING, None)
    st.session_state[JUST_SENT] = a.id  # its feedback opens unfolded on the list
    if not sent:  # from another tab or device first: that sending stands
        _sent_elsewhere(text, first)
    else:
        st.session_state["my_notice"] = ("Time was up, so your essay was sent as it stood." if auto
                                         else "Your essay is submitted.")
    st.rerun()


def _sent_elsewhere(text: str, first: asg.Submission | None) -> None:
    """Say that the essay was sent from another tab or device, keeping this tab's words."""
    when_sent = when(first.submitted_at) if first is not None and first.submitted_at else "earlier"
    st.session_state["my_notice"] = sent_elsewhere(
        text, first.text if first is not None else None, UNSENT,
        f"This essay was already sent {when_sent} (from another tab or device, or collected when time was up): "
        "that sending stands.")


@st.fragment(run_every=AUTOSAVE_EVERY)
def _autosave(a: asg.Assignment, me: Account, deadline: float) -> None:
    if st.session_state.get(WRITING) != a.id:
        return
    if not save_assignment(a.id, me.id):
        st.rerun()  # sent from another tab or device: the full run says so
    left = deadline - time.time()
    if left <= 0:
        st.rerun()  # the full run sends the essay
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(saved_status(st.session_state.get(ESSAY) or "", time.time()) + minutes_left(left)
                   + saved_mark(st.session_state.get(SAVED) or ""), unsafe_allow_html=True)
        st.button("Save now", key=SAVE_NOW, help=SAVE_HELP)  # a run of this fragment saves
    empty_notice(st.session_state.get(ESSAY) or "")
    elsewhere_notice(ELSEWHERE)


def _writing(a: asg.Assignment, me: Account, rubric: Rubric | None) -> None:
    with _db() as db:
        sub = asg.submission(db, a.id, me.id)
    if sub is None or sub.submitted_at is not None:
        if sub is not None:
            _sent_elsewhere(st.session_state.get(ESSAY) or "", sub)
        st.session_state.pop(WRITING, None)
        st.rerun()
    if ESSAY not in st.session_state:
        # Streamlit forgets a widget's value while its page is not shown: after a visit to another
        # page the box would come back empty, and the next save would write that over the essay.
        st.session_state[ESSAY] = st.session_state[SAVED] = sub.text
    if not save_assignment(a.id, me.id):
        st.rerun()  # sent meanwhile: the next run finds it sent, and says so
    deadline = sub.deadline(a)
    st.title(md(a.title))
    st.caption(f"Writing as **{md(me.name)}** · {counted(a.minutes, 'minute')} · your draft is saved every few seconds")
    _question(rubric, a)
    if time.time() >= deadline:
        _send(a, me, rubric, auto=True)
    countdown(deadline - time.time(), ESSAY, save_key=SAVE_NOW, draft=f"assignment {a.id} {me.id}")
    st.text_area("Your essay", key=ESSAY, height=420, on_change="ignore",
                 placeholder="Write your answer here. It is saved every few seconds.")
    ss = st.session_state
    text = ss.get(ESSAY) or ""
    # Too short for the time allowed: one essay is sent once, so ask first, as practice does.
    short = short_flag(len(text.split()), rubric.timed(a.minutes)) if rubric and text.strip() else None
    with st.container(horizontal=True):
        submitted = st.button("Submit essay", key="my_submit", type="primary")
        anyway = bool(ss.get(SHORT_ASKED) == a.id and short) and st.button("Submit anyway", key="my_submit_anyway")
    if submitted and not text.strip():
        refuse_empty()  # said by the autosave line, which redraws as words come
    elif submitted and short is not None and ss.get(SHORT_ASKED) != a.id:
        ss[SHORT_ASKED] = a.id
        st.rerun()
    elif submitted or anyway:
        ss.pop(SHORT_ASKED, None)
        _send(a, me, rubric, auto=False)
    if ss.get(SHORT_ASKED) == a.id and short is not None:
        st.warning(f"Submit now? Too short: {short.message} It can be sent only once. Keep writing, or press "
                   "*Submit anyway*.", icon="✏️")
    _autosave(a, me, deadline)


def _feedback(a: asg.Assignment, me: Account, sub: asg.Submission, rubric: Rubric | None) -> None:
    with _db() as db:
        seen = asg.student_feedback(db, a, me.id)
        if seen is None and (made := _report(a, rubric, sub.text, me.name)):  # sent at time while away
            asg.attach_report(db, a.id, me.id, made)
            seen = asg.student_feedback(db, a, me.id)
    if seen is None:
        st.caption("Your teacher will release the feedback after marking. Your essay as you sent it:")
        show_essay(sub.text)
        return
    report = report_from_dict(json.loads(seen.report_json), rubric) if seen.report_json else None
    teacher = None
    if seen.released:
        top = rubric.marks if rubric else "?"
        if seen.teacher_mark is not None and report is None:   # else the feedback's own heading gives it
            st.success(f"Your teacher's mark: **{seen.teacher_mark} / {top}**", icon="✔️")
        elif seen.teacher_mark is not None:  # said once: a banner above the same figure cost a phone a screenful
            said = " and comments" if seen.notes or seen.comments else ""   # none promised that are not there
            st.success(f"Your teacher has marked your essay: their mark{said} {'are' if said else 'is'} below.",
                       icon="✔️")
        else:  # released with the set, not marked by the teacher: the engine's estimate, said so
            st.info("Your teacher has released the marking. Your teacher has not marked this essay themselves, "
                    "so the mark below is the engine's estimate.")
        # a point named by its text, its full stop dropped before the colon ("…the waves.: Say…", a walk)
        texts = {p.id: p.text.rstrip(". ") for p in rubric.points} if rubric else {}
        for target, value, reason in seen.notes:
            what = ("Why this mark" if target == MARK
                    else f"{texts.get(target, target)} ({STATUS_LABEL.get(value, value)})")
            st.markdown(f"- **{md(what)}**: {md(reason)}")
        if seen.comments:
            st.markdown("**Your teacher's comments**")
            for point, text in seen.comments:
                st.markdown(f"- {f'**{md(texts.get(point, point))}**: ' if point else ''}{md(text)}")
        if report is not None and rubric is not None:
            # The points as the teacher's marking leaves them, and their mark in place of the estimate.
            report = standing_report(rubric, report, seen.verdicts())
            if seen.teacher_mark is not None:
                teacher = (seen.teacher_mark, level_for_mark(rubric, seen.teacher_mark))
    if report is not None:
        render_report(report, sub.text, key_prefix=f"my_{a.id}", teacher=teacher)


def _listing(me: Account, by_id: dict[str, Rubric]) -> None:
    st.title("My assignments")
    if st.session_state.get("my_notice"):
        st.info(md(st.session_state.pop("my_notice")))
    unsent_words(UNSENT, "my")
    now = time.time()
    with _db() as db:
        mine = asg.for_class(db, me.class_id)
        subs = {a.id: asg.submission(db, a.id, me.id) for a in mine}
    if not mine:
        st.info("Nothing has been set yet.")
        return
    for a in mine:
        sub = subs[a.id]
        with st.container(border=True):
            st.markdown(f"**{md(a.title)}** · {counted(a.minutes, 'minute')} · closes {when(a.closes_at)}")
            if sub is not None and sub.submitted_at is not None:
                sent = "Sent at time" if sub.auto else "Submitted"
                st.caption(f"{sent} {when(sub.submitted_at)} · {counted(sub.words, 'word')}")
                with st.expander("Feedback", expanded=a.released_at is not None
                                 or st.session_state.get(JUST_SENT) == a.id):
                    _feedback(a, me, sub, by_id.get(a.rubric_id))
            elif sub is not None and sub.deadline(a) > now:
                st.button(f"Continue writing ({clock(sub.deadline(a) - now)} left)", key=f"my_go_{a.id}",
                          type="primary", on_click=_open, args=(a.id, me))
            elif sub is not None:
                st.caption("Time is up: your essay is being sent as last saved.")
            elif now < a.opens_at:
                st.caption(f"Opens {when(a.opens_at)}.")
            elif a.is_open(now):
                # It closes before the time allowed is up: say how long there really is.
                label = (f"Start: the {a.minutes}-minute clock starts now" if a.closes_at - now >= a.minutes * 60
                         else f"Start: it closes in {clock(a.closes_at - now)}, so that is all the time you have")
                st.button(label, key=f"my_go_{a.id}", type="primary", on_click=_open, args=(a.id, me))
            else:
                st.caption("Closed: you did not write this one.")


def main() -> None:
    me = require_student()
    good, _ = rubrics()
    by_id = {r.id: r for r in good}
    with _db() as db:  # a draft whose time ran out while away is sent before anything is shown
        for a in asg.for_class(db, me.class_id):
            sub = asg.submission(db, a.id, me.id)
            if sub is not None and sub.submitted_at is None and sub.deadline(a) <= time.time() \
                    and st.session_state.get(WRITING) != a.id:
                asg.submit(db, a.id, me.id, sub.text, auto=True, now=sub.deadline(a))
        writing = asg.get(db, st.session_state[WRITING]) if st.session_state.get(WRITING) else None
    if writing is not None:
        _writing(writing, me, by_id.get(writing.rubric_id))
    else:
        _listing(me, by_id)


main()
