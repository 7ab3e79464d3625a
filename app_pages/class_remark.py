"""Learning inside a class set: once the teacher has marked some essays, re-mark the ones they
have not reviewed with what their marking taught (the wordings they credited and rejected).

The page shows what would change before anything does: how many essays gain or lose credit, and
for each of them the point, the verdict before and after, and the sentence behind it. "Apply"
stores the lesson with the set (:mod:`essaycoach.class_lessons`), so a reload marks the same
way; "Cancel" leaves everything as it was. The rules are :func:`essaycoach.learn.remark_plan`.
"""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages import class_set as shown
from app_pages.class_set import Current, db
from app_pages.common import engine
from app_pages.feedback_view import STATUS_LABEL
from essaycoach import class_lessons
from essaycoach import classes as cls
from essaycoach.learn import PointChange, RemarkPlan, remark_plan
from essaycoach.markup import counted
from essaycoach.markup import escape_markdown as md

PLAN = "class_remark_plan"   # session key: (what the plan was made from, the plan) until applied or cancelled


def _basis(cur: Current) -> tuple:
    """What a plan depends on: when any of it changes, the plan on show is out of date."""
    return (cur.set.id, cur.calibration, cur.lessons, cur.reviewed,
            tuple(sorted((row, tuple(sorted((t, o.value) for t, o in mine.items())))
                         for row, mine in cur.overridden.items())))


def remark_box(cur: Current) -> None:
    """The "re-mark the rest" button, and the preview with Apply and Cancel once it is pressed."""
    with db() as conn:
        labels = cls.teacher_labels(conn, cur.set.id, cur.rubric)
    ss = st.session_state
    kept = ss.get(PLAN)
    if kept is not None and kept[0] != _basis(cur):
        ss.pop(PLAN, None)   # the marking changed since: the preview would mislead
    waiting = sum(e.report is not None and not e.reviewed for e in cur.entries)
    if st.button("Re-mark the rest with what was learnt", key="class_remark",
                 disabled=not labels or not waiting,
                 help="Learns the wordings you credited or rejected in the essays you have marked and "
                      "re-marks the essays you have not reviewed with them. You see what would change first."
                      if labels else "Review or override an essay first: there is nothing to learn from yet."):
        _plan(cur, labels)
    if cur.lessons.rounds:
        st.caption(f"{counted(len(cur.lessons.essays), 'essay')} marked with what this set learnt from your "
                   f"marking ({counted(len(cur.lessons.latest), 'wording')}).")
    kept = ss.get(PLAN)
    if kept is not None:
        _preview(cur, kept[1], kept[2])


def _plan(cur: Current, labels: Sequence[cls.TeacherLabel]) -> None:
    by_row = {cur.names.index(label.student): label for label in labels if label.student in cur.names}
    with st.spinner("Learning from your marking and re-marking…"):
        plan = remark_plan(engine(), cur.rubric, [(n, e.text) for n, e in zip(cur.names, cur.stored)],
                           [r.report for r in cur.rows],
                           cur.reviewed, by_row, cur.lessons.latest, cur.calibration,
                           {row: dict(e.points) for row, e in enumerate(cur.entries)})
    st.session_state[PLAN] = (_basis(cur), plan, len(labels))


def _change_line(c: PointChange) -> str:
    said = f" — “{md(c.sentence)}”" if c.sentence else ""
    yours = f" (the engine's; your verdict, {STATUS_LABEL[c.teacher]}, stands)" if c.teacher else ""
    return f"- {md(c.point)}: {STATUS_LABEL[c.before]} → {STATUS_LABEL[c.after]}{yours}{said}"


def _preview(cur: Current, plan: RemarkPlan, learnt_from: int) -> None:
    """What re-marking would change, essay by essay, with Apply and Cancel."""
    with st.container(border=True, key="class_remark_preview"):
        credited = sum(e.positive for e in plan.learnt)
        rejected = counted(len(plan.learnt) - credited, "rejected wording")
        st.markdown("**What re-marking would change** · learnt from your marking of "
                    f"{counted(learnt_from, 'essay')}: {credited} credited or confirmed and {rejected}; "
                    f"{counted(len(plan.rows), 'essay')} you have not reviewed would be re-marked (those you "
                    "reviewed stay as they are).")
        summary = plan.preview.summary()
        (st.info if plan.preview.changes else st.success)(summary)
        marks = {r.student: r.mark for r in plan.after}
        for name in dict.fromkeys(c.student for c in plan.preview.changes):
            entry = cur.entries[cur.names.index(name)]
            old = entry.report.mark if entry.report else "?"
            mark = (f"engine's mark {old} (unchanged: these verdicts do not move it)" if old == marks[name]
                    else f"engine's mark {old} → {marks[name]}")
            if entry.mark is not None:
                mark += f"; your mark, {entry.mark}, stands"
            st.markdown(f"**{md(name)}** · {mark}\n\n"
                        + "\n".join(_change_line(c) for c in plan.preview.changes if c.student == name))
        cols = st.columns(2)
        if cols[0].button("Apply: re-mark these essays", key="class_remark_apply", type="primary",
                          disabled=not plan.preview.changes):
            with db() as conn:
                class_lessons.save_lesson(conn, cur.set.id, plan.exemplars, plan.rows, learnt_from)
            st.session_state.pop(PLAN, None)
            st.session_state.pop(shown.CACHE, None)
            st.session_state[shown.APPLIED] = cur.set.id   # the notice of what changed says why
            st.toast("✔ Re-marked with what was learnt from your marking.")
            st.rerun()
        if cols[1].button("Cancel: leave them as they are", key="class_remark_cancel"):
            st.session_state.pop(PLAN, None)
            st.rerun()
