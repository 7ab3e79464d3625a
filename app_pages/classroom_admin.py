"""Classes and students (teacher, classroom mode): make a class from typed names or a roster CSV,
hand out join codes or PINs, reset a forgotten password, delete a student's data."""
from __future__ import annotations

import io
from contextlib import closing

import pandas as pd
import streamlit as st

from app_pages.access import require_teacher
from app_pages.common import distinct
from essaycoach import classroom as room
from essaycoach import store
from essaycoach.markup import counted
from essaycoach.markup import escape_markdown as md

PINS = "admin_pins"  # session key: (class id, [(name, PIN)]) shown once after they are made
CREATED = "admin_created"  # session key: (students added, names left out) of the class just made
ROSTERS = "admin_rosters"  # session key: how many rosters were used (a fresh uploader each time)
DELETED = "admin_deleted"  # session key: who was just deleted (said after the rerun)


def _db():
    return closing(store.connect())


def _new_class() -> None:
    ss = st.session_state
    created = ss.pop(CREATED, None)
    if created is not None:  # a blank form, so that a second press does not make the class again
        ss["admin_class_name"] = ss["admin_class_names"] = ""
        ss[ROSTERS] = ss.get(ROSTERS, 0) + 1
    with st.expander("Create a class", icon="✳️", expanded=False), st.form("admin_new_class"):
        name = st.text_input("Class name", key="admin_class_name", placeholder="e.g. 13B History")
        typed = st.text_area("Students, one name a line", key="admin_class_names", height=160)
        roster = st.file_uploader("…or a roster CSV (a 'name' or 'student' column)", type=["csv", "txt"],
                                  key=f"admin_roster_{ss[ROSTERS]}" if ss.get(ROSTERS) else "admin_roster")
        done = st.form_submit_button("Create the class", type="primary")
    if created is not None:
        count, problems = created
        st.success(f"Class created with {counted(count, 'student')}.")
        if problems:
            st.warning("Check these names:\n\n" + "\n".join(f"- {md(p)}" for p in problems))
    if done:
        _create(name, typed, roster)


def _create(name: str, typed: str, roster) -> None:
    try:
        names = room.typed_names(typed)
        if roster is not None:
            names += room.roster_names(roster.getvalue().decode("utf-8-sig", errors="replace"), roster.name)
        with _db() as db:
            class_id = room.create_class(db, name)
            added = room.add_students(db, class_id, names)
    except room.ClassroomError as exc:
        st.error(f"Not created: {md(str(exc))}.")
        return
    st.session_state["admin_class"] = class_id
    st.session_state[CREATED] = (len(added.students), added.problems)
    st.rerun()  # said on the next run, above a blank form


def _codes_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def _students(class_id: int, class_name: str) -> None:
    with _db() as db:
        people = room.students(db, class_id)
    if not people:
        st.info("No students in this class yet: add some below.")
    else:
        rows = [{"student": s.name, "status": room.sign_in_status(s),
                 "join code": s.join_code or ""} for s in people]
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="admin_students_table")
        coded = [r for r in rows if r["join code"]]
        if coded:  # none once every student has joined or has a PIN: an empty sheet would be printed
            st.download_button("Download the join codes (CSV, to print)", _codes_csv(coded), key="admin_codes_csv",
                               file_name=f"{class_name}-join-codes.csv", mime="text/csv", on_click="ignore")
            st.caption("Students open the app, choose **First time? Join**, type their code and choose a password.")
    shown = st.session_state.get(PINS)
    if shown and shown[0] == class_id:
        # Shown until the teacher hides them: a table of passwords must not stay on a classroom
        # screen, and once hidden nothing can show them again (only their hashes are kept).
        st.warning("These PINs cannot be shown again once hidden: download or print them, then hide them.",
                   icon="⚠️")
        table = pd.DataFrame(shown[1], columns=["student", "PIN"])
        st.dataframe(table, hide_index=True, key="admin_pins_table")
        left, right = st.columns(2)
        left.download_button("Download the PINs (CSV, to print)", _codes_csv(table.to_dict("records")),
                             key="admin_pins_csv", file_name=f"{class_name}-PINs.csv", mime="text/csv",
                             on_click="ignore")
        if right.button("I have them: hide the PINs", key="admin_hide_pins"):
            st.session_state.pop(PINS, None)
            st.rerun()
    if st.button("Make PINs for the students who have not joined", key="admin_make_pins",
                 disabled=not any(not s.has_password for s in people)):
        with _db() as db:
            st.session_state[PINS] = (class_id, room.make_pins(db, class_id))
        st.rerun()
    _add_more(class_id)
    _one_student(people)


ADDED = "admin_added"  # what the last "Add" did, shown after the rerun that lists the new students


def _add_more(class_id: int) -> None:
    done = st.session_state.pop(ADDED, None)
    if done is not None:
        count, problems = done
        st.session_state["admin_more_names"] = ""   # a blank box: a second press adds no one twice
        if count:
            st.success(f"Added {counted(count, 'student')}.")
        else:
            st.warning("No student was added.")
        if problems:
            st.warning("Check these names:\n\n" + "\n".join(f"- {md(p)}" for p in problems))
    with st.form("admin_add_students"):
        typed = st.text_area("Add students, one name a line", key="admin_more_names", height=100)
        if st.form_submit_button("Add"):
            with _db() as db:
                added = room.add_students(db, class_id, room.typed_names(typed))
            st.session_state[ADDED] = (len(added.students), added.problems)
            st.rerun()  # the table and the class's count above include them at once


def _one_student(people) -> None:
    if not people:
        return
    by_id = {s.id: s for s in people}
    if st.session_state.get(DELETED):  # said after the rerun that takes the student off the list
        st.success(md(st.session_state.pop(DELETED)))
    chosen = st.selectbox("A student", list(by_id), index=None, key="admin_student", placeholder="Choose a student",
                          format_func=lambda i: by_id[i].name)
    if chosen is None:
        return
    student = by_id[chosen]
    # Asked first: it signs the student out at once, mid-essay perhaps (the essay is kept).
    renew = st.checkbox(f"Yes, give {md(student.name)} a new join code: their password stops working and they "
                        "are signed out now (their work is kept)", key="admin_reset_sure")
    if st.button("Forgotten password: give a new join code", key="admin_reset", disabled=not renew):
        with _db() as db:
            code = room.reset_student(db, student.id)
        st.success(f"New join code for {md(student.name)}: **{code}** (the old password no longer works).")
    sure = st.checkbox(f"Yes, delete {md(student.name)} and all their work (attempts, drafts, assignments, "
                       "their essays in class sets)", key="admin_delete_sure")
    if st.button("Delete this student", key="admin_delete", disabled=not sure, type="primary"):
        with _db() as db:
            room.delete_student(db, student.id)
        for key in ("admin_student", "admin_delete_sure", "admin_reset_sure"):
            st.session_state.pop(key, None)
        st.session_state[DELETED] = f"Deleted {student.name} and all their work."
        st.rerun()


def main() -> None:
    require_teacher()
    st.title("Classes and students")
    _new_class()
    with _db() as db:
        classes = {c.id: c for c in room.list_classes(db)}
    if not classes:
        st.info("No classes yet: create one above.")
        return
    ids = list(classes)
    if st.session_state.get("admin_class") not in ids:
        st.session_state["admin_class"] = ids[0]
    class_id = st.selectbox("Class", ids, key="admin_class",
                            format_func=distinct({i: f"{c.name} ({counted(c.students, 'student')})"
                                                  for i, c in classes.items()}))
    _students(class_id, classes[class_id].name)
    with st.expander("Delete this class"):
        sure = st.checkbox(f"Yes, delete {md(classes[class_id].name)}, its assignments and every student in it with "
                           "all their work", key="admin_delete_class_sure")
        if st.button("Delete the class", key="admin_delete_class", disabled=not sure):
            with _db() as db:
                room.delete_class(db, class_id)
            for key in ("admin_class", "admin_delete_class_sure"):
                st.session_state.pop(key, None)
            st.rerun()


main()
