"""Assignments (teacher, classroom mode): set a timed essay for a class, watch it being written,
collect it as a class set for the marking page, and release the marking to the students."""
from __future__ import annotations

import time
from contextlib import closing
from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from app_pages.access import require_teacher
from app_pages.common import distinct, prompt_labels, rubrics, when
from essaycoach import assignments as asg
from essaycoach import classroom as room
from essaycoach import store
from essaycoach.markup import counted, listed
from essaycoach.markup import escape_markdown as md
from essaycoach.rubric import Rubric

MARKING_PAGE = "app_pages/class_marking.py"
SET_NOW = "asg_set_now"  # session key: what was just set, said above the form, which starts blank


def _db():
    return closing(store.connect())


def _at(day: date, clock) -> float:
    return datetime.combine(day, clock).timestamp()


def _new_assignment(classes: dict[int, room.Classroom], by_id: dict[str, Rubric]) -> None:
    ss = st.session_state
    made_now = ss.pop(SET_NOW, None)
    if made_now is not None:  # a blank form, so that a second press does not set the essay twice
        # Set back, not forgotten: a widget whose key is only dropped keeps its value in the browser
        # (a walk saw the form still filled after "Set").
        ss["asg_rubric"], ss["asg_title"], ss["asg_minutes"] = None, "", 0
    now = datetime.now().replace(second=0, microsecond=0)
    with st.expander("Set a timed essay", icon="✳️", expanded=False), st.form("asg_new"):
        class_id = st.selectbox("Class", list(classes), key="asg_class",
                                format_func=distinct({i: c.name for i, c in classes.items()}))
        rubric_id = st.selectbox("Prompt", list(by_id), index=None, key="asg_rubric", placeholder="Choose a prompt",
                                 format_func=prompt_labels(by_id))
        title = st.text_input("Title (blank: the prompt's title)", key="asg_title", max_chars=asg.MAX_TITLE)
        ss.setdefault("asg_minutes", 0)  # set here, not as the widget's value: both at once is warned of
        minutes = st.number_input("Minutes allowed (0: the prompt's own time)", min_value=0,
                                  max_value=asg.MAX_MINUTES, step=5, key="asg_minutes")
        left, right = st.columns(2)
        opens_day = left.date_input("Opens on", value=now.date(), key="asg_opens_day")
        opens_time = right.time_input("at", value=now.time(), key="asg_opens_time")
        closes_day = left.date_input("Closes on", value=(now + timedelta(days=1)).date(), key="asg_closes_day")
        closes_time = right.time_input("at ", value=now.time(), key="asg_closes_time")
        feedback = st.radio("Students see feedback", list(asg.FEEDBACK), format_func=asg.FEEDBACK.get,
                            key="asg_feedback", index=1)
        done = st.form_submit_button("Set the essay", type="primary")
    if made_now is not None:
        st.success(made_now)
    if not done:
        return
    rubric = by_id.get(rubric_id or "")
    # A blank title and 0 minutes mean the prompt's own. With no prompt chosen, "choose a prompt"
    # refuses the assignment anyway: stand-ins keep it from also blaming the blanks left to it.
    own_title, own_minutes = (rubric.title, rubric.minutes) if rubric else ("(the prompt's)", 1)
    try:
        with _db() as db:
            made = asg.create(db, class_id, rubric_id or "", title or own_title, int(minutes) or own_minutes,
                              _at(opens_day, opens_time), _at(closes_day, closes_time), feedback)
    except asg.AssignmentError as exc:
        st.error(f"Not set: {md(str(exc))}.")
        return
    ss["asg_open"] = made.id
    short = made.closes_at - max(made.opens_at, time.time()) < made.minutes * 60
    ss[SET_NOW] = (f"Set “{md(made.title)}” for {md(classes[class_id].name)}."
                   + (f" Note: it closes less than {counted(made.minutes, 'minute')} after it opens, so a student "
                      "who starts it will have less time than that." if short else ""))
    st.rerun()  # said on the next run, above a blank form


def _status(sub: asg.Submission | None, a: asg.Assignment, now: float) -> str:
    if sub is None:
        return "not started"
    if sub.submitted_at is not None:
        return "sent at time" if sub.auto else "submitted"
    return "writing" if sub.deadline(a) > now else "time up (not yet collected)"


@st.fragment(run_every="15s")
def _progress(a: asg.Assignment) -> None:
    """Who is writing, who has sent; refreshed every few seconds while the page is open."""
    now = time.time()
    with _db() as db:
        subs = {s.account_id: s for s in asg.submissions(db, a.id)}
        people = room.students(db, a.class_id)
    rows = [{"student": p.name, "status": _status(subs.get(p.id), a, now),
             "words": subs[p.id].words if p.id in subs else 0,
             "last saved": when(subs[p.id].saved_at) if p.id in subs else ""} for p in people]
    sent = sum(s.submitted_at is not None for s in subs.values())
    # Counted too: a student whose time is up was neither writing nor sent (a walk).
    overdue = sum(str(r["status"]).startswith("time up") for r in rows)
    cols = st.columns(4 if overdue else 3)
    cols[0].metric("Students", len(people))
    cols[1].metric("Writing", sum(r["status"] == "writing" for r in rows))
    cols[2].metric("Sent", sent)
    if overdue:
        cols[3].metric("Time up, to collect", overdue, help="Sent as last saved by “Collect the essays whose time "
                       "is up”, or when you open them as a class set")
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="asg_progress_table")
    late = sum(s.submitted_at is not None and s.set_row is None for s in subs.values())
    if a.set_id is not None and late:
        st.info(f"{late} essay{'s were' if late != 1 else ' was'} sent after the class set was made: "
                "“Open as a class set for marking” adds them to it.")


def _actions(a: asg.Assignment) -> None:
    with st.container(horizontal=True):
        if st.button("Collect the essays whose time is up", key="asg_collect"):
            with _db() as db:
                sent = asg.collect_overdue(db, a)
            st.toast(f"Collected {len(sent)} essay{'s' if len(sent) != 1 else ''}." if sent else "Nothing to collect.")
            st.rerun()
        if st.button("Open as a class set for marking", key="asg_mark", type="primary"):
            try:
                with _db() as db:
                    set_id = asg.make_class_set(db, a)
            except asg.AssignmentError as exc:
                st.error(f"No class set: {md(str(exc))}.")
                return
            st.session_state["class_current"] = set_id  # the marking page shows this set
            st.session_state.pop("class_open", None)
            st.session_state.pop("class_marked", None)  # marked again: essays sent late may have joined
            st.switch_page(MARKING_PAGE)
        released = a.released_at is not None
        label = "Hide the marking from students again" if released else "Release the marking to students"
        if st.button(label, key="asg_release", disabled=a.set_id is None and not released,
                     help="Marks, overrides and comments from the class set appear on the students' My assignments."):
            if released:
                with _db() as db:
                    asg.release(db, a.id, False)
                st.rerun()
            _release_or_ask(a)
    if st.session_state.get(CONFIRM) == a.id and a.released_at is None:
        _confirm_release(a)
    if a.set_id is None:
        st.caption("Release becomes possible once the essays are a class set.")
    with _db() as db:
        waiting = asg.held_back(db, a)
    if waiting:
        st.warning(f"{listed([md(n) for n in waiting])} joined the class set "
                   "after you released the marking: they see nothing of it until you release it to them.",
                   icon="✉️")
        late = f"Release the marking to {counted(len(waiting), 'more student')}"
        if st.session_state.get(CONFIRM_LATE) == a.id:
            _confirm_release(a, late=True)
        elif st.button(late, key="asg_release_late"):
            _release_or_ask(a, late=True)


CONFIRM = "asg_confirm_release"  # session key: the assignment whose release waits for the teacher's word
CONFIRM_LATE = "asg_confirm_release_late"  # the same, for a release to the students held back


def _warnings(a: asg.Assignment, late: bool) -> list[str]:
    with _db() as db:
        return asg.late_warnings(db, a) if late else asg.release_warnings(db, a)


def _release_or_ask(a: asg.Assignment, late: bool = False) -> None:
    """Release the marking (``late``: to the students held back), or, when it would show what a
    teacher may not mean, ask first: a walk released unreviewed essays with one click, the first
    time and for a late essay alike."""
    if _warnings(a, late):
        st.session_state[CONFIRM_LATE if late else CONFIRM] = a.id
    else:
        with _db() as db:
            asg.release(db, a.id)
    st.rerun()


def _confirm_release(a: asg.Assignment, late: bool = False) -> None:
    """What releasing now would do, and the teacher's choice; ``late``: the release to the
    students held back, whose keys end "_late"."""
    warnings = _warnings(a, late)
    session, tail = (CONFIRM_LATE, "_late") if late else (CONFIRM, "")
    st.warning("**Release the marking now?**\n\n" + "\n".join(f"- {md(w)}" for w in warnings), icon="✉️")
    with st.container(horizontal=True):
        if st.button("Release now", key=f"asg_release_confirm{tail}", type="primary"):
            with _db() as db:
                asg.release(db, a.id)
            st.session_state.pop(session, None)
            st.rerun()
        if st.button("Not yet", key=f"asg_release_cancel{tail}"):
            st.session_state.pop(session, None)
            st.rerun()


def main() -> None:
    require_teacher()
    st.title("Assignments")
    with _db() as db:
        classes = {c.id: c for c in room.list_classes(db)}
    if not classes:
        st.info("First create a class on **Classes and students**.")
        return
    good, _ = rubrics()
    _new_assignment(classes, {r.id: r for r in good})
    with _db() as db:
        all_set = asg.for_class(db)
    if not all_set:
        st.info("No assignments yet: set one above.")
        return
    by_id = {a.id: a for a in all_set}
    if st.session_state.get("asg_open") not in by_id:
        st.session_state["asg_open"] = all_set[0].id
    chosen = st.selectbox("Assignment", list(by_id), key="asg_open", format_func=distinct({
        i: f"{a.title} · {classes[a.class_id].name} · opens {when(a.opens_at)} · closes {when(a.closes_at)}"
        for i, a in by_id.items()}))
    a = by_id[chosen]
    now = time.time()
    state = "open now" if a.is_open(now) else ("not open yet" if now < a.opens_at else "closed")
    st.caption(f"{counted(a.minutes, 'minute')} · {state} · feedback {asg.FEEDBACK[a.feedback]}"
               + (f" · marking released {when(a.released_at)}" if a.released_at else ""))
    _progress(a)
    _actions(a)


main()
