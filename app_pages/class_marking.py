"""Mark a class set: upload essays, pick the rubric, get the marks table, class analytics,
per-student feedback with overrides, calibration to your own marking, and downloads.

Everything a teacher would mind losing (the essays, results, overrides, reviews) is in the
database; the page only caches marking, which is deterministic and quick to redo.
"""
from __future__ import annotations

from contextlib import closing
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.calibration_view import render_calibration
from app_pages.common import engine, rubrics
from app_pages.feedback_view import STATUS_LABEL, render_report
from essaycoach import classes as cls
from essaycoach import exports
from essaycoach.batch import BatchRow, class_summary, mark_batch
from essaycoach.calibrate import Calibration
from essaycoach.errors import CalibrationError
from essaycoach.inputs import essays_from_uploads
from essaycoach.loaders import load_calibration
from essaycoach.rubric import Rubric

CURRENT = "class_current"     # session key: id of the class set on show
_CACHE = "class_marked"       # session key: (set id, rubric, calibration) -> rows
_SYMBOL = {"covered": "✔", "partial": "◐", "missing": "✘"}
_ENGINE = "engine's verdict"


def _db():
    return closing(cls.open_db())


def new_set_form(choices: list[Rubric]) -> None:
    """Upload or paste a class set, pick the rubric, mark it (with a progress bar) and store it."""
    labels = {r.id: f"{r.topic} — {r.title}" if r.topic else r.title for r in choices}
    rubric_id = st.selectbox("Rubric (prompt)", list(labels), format_func=labels.get, key="class_rubric")
    name = st.text_input("Name for this class set", key="class_name", placeholder="e.g. 12B mock, March")
    files = st.file_uploader("Upload a CSV (student and essay columns) or essay files (.txt, .md, .docx)",
                             type=["csv", "txt", "md", "docx"], accept_multiple_files=True, key="class_upload")
    pasted = st.text_area("…or paste CSV text (first line: student,essay)", key="class_paste", height=120)
    if not st.button("Mark the class set", key="class_mark", type="primary"):
        return
    essays, problems = essays_from_uploads([(f.name, f.getvalue()) for f in files or []], pasted)
    for problem in problems:
        st.error(problem, icon="⚠️")
    if not essays:
        if not problems:
            st.error("Nothing to mark: upload a CSV or essay files, or paste CSV text.", icon="⚠️")
        return
    rubric = next(r for r in choices if r.id == rubric_id)
    with _db() as db:
        set_id = cls.create_set(db, name, rubric.id, essays)
    st.session_state[CURRENT] = set_id
    st.session_state.pop("class_student", None)
    _marked(set_id, rubric, None, fresh=True)


def _marked(set_id: int, rubric: Rubric, calibration: Calibration | None, fresh: bool = False) -> list[BatchRow]:
    """The set marked against ``rubric``: cached per set, rubric and calibration; a progress bar
    shows while marking, and the results are stored."""
    key = (set_id, rubric, calibration)
    cached = st.session_state.get(_CACHE)
    if cached and cached[0] == key and not fresh:
        return cached[1]
    with _db() as db:
        stored = cls.essays(db, set_id)
    bar = st.progress(0.0, text=f"Marking {len(stored)} essays…")
    rows = mark_batch([e.as_input() for e in stored], rubric, engine(),
                      progress=lambda done, total: bar.progress(done / max(1, total),
                                                                text=f"Marked {done} of {total} essays"),
                      calibration=calibration)
    bar.empty()
    with _db() as db:
        cls.save_results(db, set_id, rows)
    st.session_state[_CACHE] = (key, rows)
    return rows


def pick_set() -> tuple[cls.ClassSet, Rubric] | None:
    """The class set on show (the one just marked, or one reopened), with its rubric."""
    with _db() as db:
        sets = cls.list_sets(db)
    if not sets:
        return None
    ids = [s.id for s in sets]
    current = st.session_state.get(CURRENT)
    names = {s.id: f"#{s.id} {s.name} · {s.rubric_id} · {s.essays} essays · "
                   f"{datetime.fromtimestamp(s.created_at):%d %b %Y %H:%M}" for s in sets}
    labels = [names[i] for i in ids]  # plain labels: a format_func would hide the ids from AppTest too
    picked = st.selectbox("Class set", labels, index=ids.index(current) if current in ids else 0,
                          key="class_open")
    chosen = ids[labels.index(picked)]
    if chosen != current:
        st.session_state[CURRENT] = chosen
        st.session_state.pop("class_student", None)
    found = next(s for s in sets if s.id == chosen)
    good, _ = rubrics()
    rubric = next((r for r in good if r.id == found.rubric_id), None)
    if rubric is None:
        st.error(f"This class set was marked against rubric {found.rubric_id!r}, which no longer exists "
                 "or is invalid; restore it in the rubric editor to see the results.", icon="⚠️")
        return None
    return found, rubric


def _calibration(rubric: Rubric) -> Calibration | None:
    try:
        stored = load_calibration(rubric.id)
    except CalibrationError as exc:
        st.warning(f"Marking without calibration: {exc}", icon="⚠️")
        return None
    if stored is None:
        return None
    on = st.toggle("Use calibration fitted to my marking", value=True, key="class_use_cal",
                   help="Off shows the engine's uncalibrated verdicts.")
    return stored if on else None


def results_table(rows: list[BatchRow], rubric: Rubric, overridden) -> pd.DataFrame:
    """The marks table as shown: filters applied, the teacher's mark beside the engine's."""
    frame = pd.DataFrame(exports.marks_records(rows, rubric, overridden))
    frame["check this"] = frame["check"].map(lambda c: f"⚑ {len(c.split(', '))} to check" if c else "")
    cols = st.columns([2, 2, 1, 1])
    search = cols[0].text_input("Find a student", key="class_search")
    levels = cols[1].multiselect("Levels", sorted(frame["level"].dropna().unique().tolist()), key="class_levels")
    warned = cols[2].checkbox("With warnings", key="class_warn_only", help="only essays with warnings or errors")
    check = cols[3].checkbox("⚑ To check", key="class_check_only",
                             help="only essays with a verdict near its threshold: worth your review")
    shown = frame
    if search:
        shown = shown[shown["student"].str.contains(search, case=False, regex=False)]
    if levels:
        shown = shown[shown["level"].isin(levels)]
    if warned:
        shown = shown[(shown["warnings"] != "") | (shown["error"] != "")]
    if check:
        shown = shown[shown["check"] != ""]
    columns = ["student", "words", "mark", "teacher_mark", "max_mark", "level", "coverage", "warnings",
               "check this", "error"]
    st.dataframe(shown[columns], hide_index=True, width="stretch",
                 column_config={"teacher_mark": st.column_config.NumberColumn("teacher's mark"),
                                "mark": st.column_config.NumberColumn("engine's mark"),
                                "coverage": st.column_config.ProgressColumn("coverage", min_value=0, max_value=1)})
    st.caption(f"{len(shown)} of {len(frame)} essays shown. Click a column header to sort.")
    return frame


def heatmap(rows: list[BatchRow], rubric: Rubric) -> None:
    data = [{"student": r.student, "point": p.id, "status": STATUS_LABEL[p.status], "symbol": _SYMBOL[p.status],
             "check": "⚑ check this" if p.borderline else ""}
            for r in rows if r.report for p in r.report.points]
    if not data:
        return
    frame = pd.DataFrame(data)
    base = alt.Chart(frame).encode(x=alt.X("point:N", sort=[p.id for p in rubric.points], title=None),
                                   y=alt.Y("student:N", title=None, sort=None))
    statuses = [STATUS_LABEL[s] for s in ("covered", "partial", "missing")]
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("status:N", scale=alt.Scale(domain=statuses, range=["#2e7d32", "#f0a500", "#bdbdbd"]),
                        legend=alt.Legend(title="Status")),
        tooltip=["student", "point", "status", "check"])
    text = base.mark_text(fontSize=13).encode(text="symbol:N")
    st.altair_chart((cells + text).properties(height=alt.Step(22)), width="stretch", key="class_heatmap")
    st.caption("Each cell is one student and one point: ✔ covered, ◐ partial, ✘ missing.")


def most_missed(rows: list[BatchRow], rubric: Rubric) -> None:
    summary = class_summary(rows, rubric)
    frame = pd.DataFrame([{"point": s.id, "side": s.side, "missed by": s.missing, "partly": s.partial,
                           "share missed": round(s.missed_share, 2), "text": s.text} for s in summary.points])
    if frame.empty:
        return
    chart = alt.Chart(frame.head(10)).mark_bar(color="#8d6e63").encode(
        x=alt.X("missed by:Q", title="students who missed it", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("point:N", sort="-x", title=None), tooltip=["point", "side", "missed by", "partly", "text"])
    chart = chart + chart.mark_text(align="left", dx=3).encode(text="missed by:Q")
    st.altair_chart(chart, width="stretch", key="class_missed_chart")
    st.caption(f"{summary.marked} marked, {summary.failed} not marked; mean mark "
               f"{summary.mean_mark:.1f}/{rubric.marks}.")


def student_view(set_id: int, rows: list[BatchRow], stored: list[cls.StoredEssay], rubric: Rubric,
                 overridden) -> None:
    """One student's feedback, with the teacher's overrides beside the engine's verdicts."""
    marked = [i for i, r in enumerate(rows) if r.report is not None]
    if not marked:
        return
    names = [rows[i].student for i in marked]
    if st.session_state.get("class_student") not in names:
        st.session_state["class_student"] = names[0]
    student = st.selectbox("Student", names, key="class_student")
    i = marked[names.index(student)]
    report, essay, mine = rows[i].report, stored[i], overridden.get(i, {})
    if mine or essay.reviewed:
        notes = [f"**{o.target}**: engine {_engine_verdict(report, o.target)} → you: {o.value} ({o.reason})"
                 for o in mine.values()]
        st.info(("✔ Reviewed by you. " if essay.reviewed else "") + " · ".join(notes), icon="🧑‍🏫")
    check = [p.id for p in report.points if p.borderline]
    if check:
        st.warning("⚑ Check this: the engine is unsure about " + ", ".join(check)
                   + " (scores near a threshold).", icon="🔎")
    _override_form(set_id, i, report, essay, mine, rubric)
    render_report(report, essay.text, key_prefix=f"class_report_{i}")


def _engine_verdict(report, target: str) -> str:
    if target == cls.MARK:
        return f"{report.mark}/{report.max_mark}"
    return next((p.status for p in report.points if p.id == target), "?")


def _override_form(set_id: int, row: int, report, essay: cls.StoredEssay, mine, rubric: Rubric) -> None:
    with st.form(f"class_override_{set_id}_{row}"):
        st.markdown("**Your marking** (overrides are kept beside the engine's verdict)")
        reviewed = st.checkbox("I have checked this essay (verdicts I leave alone are agreed)",
                               value=essay.reviewed, key="class_reviewed")
        choices = {}
        cols = st.columns(3)
        for j, p in enumerate(report.points):
            options = [_ENGINE, "covered", "partial", "missing"]
            current = mine[p.id].value if p.id in mine else _ENGINE
            choices[p.id] = cols[j % 3].selectbox(
                f"{p.id} (engine: {STATUS_LABEL[p.status]}{', ⚑ check' if p.borderline else ''})", options,
                index=options.index(current), key=f"class_ovr_{p.id}")
        mark = st.text_input(f"Your mark (0-{report.max_mark}; blank = the engine's {report.mark})",
                             value=mine[cls.MARK].value if cls.MARK in mine else "", key="class_ovr_mark")
        reason = st.text_input("Reason (needed for any override)", key="class_ovr_reason",
                               value=next(iter(mine.values())).reason if mine else "")
        if not st.form_submit_button("Save my marking", key="class_ovr_save"):
            return
    try:
        with _db() as db:
            for pid, choice in choices.items():
                if choice == _ENGINE:
                    cls.clear_override(db, set_id, row, pid)
                elif pid not in mine or mine[pid].value != choice or mine[pid].reason != reason:
                    cls.set_override(db, set_id, row, pid, choice, reason)
            if mark.strip():
                cls.set_override(db, set_id, row, cls.MARK, mark, reason, rubric.marks)
            else:
                cls.clear_override(db, set_id, row, cls.MARK)
            cls.set_reviewed(db, set_id, row, reviewed)
    except cls.OverrideError as exc:
        st.error(f"Not saved: {exc}", icon="⚠️")
        return
    st.toast("Your marking is saved.")
    st.rerun()


def downloads(set_: cls.ClassSet, rows: list[BatchRow], stored, rubric: Rubric, overridden) -> None:
    stem = "".join(c if c.isalnum() else "-" for c in set_.name).strip("-") or "class-set"
    cols = st.columns(3)
    cols[0].download_button("Marks table (CSV)", exports.marks_csv(rows, rubric, overridden),
                            file_name=f"{stem}-marks.csv", mime="text/csv", key="class_dl_csv")
    cols[1].download_button("Marks table (Excel)", exports.marks_excel(rows, rubric, overridden),
                            file_name=f"{stem}-marks.xlsx", key="class_dl_xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    cols[2].download_button("Feedback for each student (zip of HTML)",
                            exports.feedback_zip(rows, [e.text for e in stored], rubric, overridden),
                            file_name=f"{stem}-feedback.zip", mime="application/zip", key="class_dl_zip")


def main() -> None:
    st.title("Mark a class set")
    good, broken = rubrics()
    for message in broken:
        st.warning(f"Skipped an invalid rubric: {message}", icon="⚠️")
    if not good:
        st.error("No valid rubrics: add one in the rubric editor.", icon="⚠️")
        return
    with st.expander("Mark a new class set", expanded=CURRENT not in st.session_state):
        new_set_form(good)
    picked = pick_set()
    if picked is None:
        if CURRENT not in st.session_state:
            st.info("No class sets yet: upload or paste one above.")
        return
    set_, rubric = picked
    calibration = _calibration(rubric)
    rows = _marked(set_.id, rubric, calibration)
    with _db() as db:
        stored = cls.essays(db, set_.id)
        overridden = cls.overrides(db, set_.id)
    failed = [r for r in rows if r.report is None]
    if failed:
        st.warning(f"{len(failed)} essay(s) could not be marked: "
                   + "; ".join(f"{r.student} ({r.error})" for r in failed), icon="⚠️")
    st.subheader(f"Results: {set_.name}" + (" (calibrated)" if calibration else ""))
    results_table(rows, rubric, overridden)
    downloads(set_, rows, stored, rubric, overridden)
    tabs = st.tabs(["Class heatmap", "Most missed points", "Per-student feedback", "Calibrate to my marking"])
    with tabs[0]:
        heatmap(rows, rubric)
    with tabs[1]:
        most_missed(rows, rubric)
    with tabs[2]:
        student_view(set_.id, rows, stored, rubric, overridden)
    with tabs[3]:
        # Verdicts the teacher let stand on a reviewed essay are the ones shown to them.
        reports = {i: r.report for i, r in enumerate(rows) if r.report}
        render_calibration(rubric, cls.teacher_labels(stored, reports, overridden), open_key="class_student")


main()
