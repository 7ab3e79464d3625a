"""Mark a class set: upload essays, pick the rubric, get the marks table, class analytics,
per-student feedback with your own marking beside the engine's, calibration, and downloads.

Everything a teacher would mind losing (the essays, results, overrides, reviews) is in the
database; the page only caches marking, which is deterministic and quick to redo. The page is
a few small functions: :func:`current_set` gives the set on show, its rubric and its results.
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.access import require_teacher
from app_pages.calibration_view import render_calibration
from app_pages.common import engine, rubrics
from app_pages.feedback_view import STATUS_LABEL, render_report
from essaycoach import classes as cls
from essaycoach import exports
from essaycoach.batch import BatchRow, class_summary, mark_batch
from essaycoach.calibrate import Calibration
from essaycoach.errors import CalibrationError
from essaycoach.inputs import MAX_FILE_BYTES, MAX_PASTE_CHARS, essays_from_uploads
from essaycoach.loaders import load_calibration
from essaycoach.report import STATUS, Report
from essaycoach.rubric import Rubric

CURRENT = "class_current"     # session key: id of the class set on show
STUDENT = "class_student"     # widget key: the essay on show in the per-student view
TAB = "class_tab"             # widget key: the tab on show
TABS = ("Class heatmap", "Most missed points", "Per-student feedback and your marking", "Calibrate to my marking")
_CHOSEN = "class_chosen"      # session key: the student on show, kept while another tab is open
_OPEN = "class_open_request"  # session key: set by the calibration panel's "Open" buttons
_CACHE = "class_marked"       # session key: ((set id, rubric, calibration), rows)
_PROBLEMS = "class_problems"  # session key: (set id, uploads left out of that set)
_ENGINE = "engine's verdict"
_SYMBOL = {name: s.symbol for name, s in STATUS.items()}
CHECK = "⚑ check this"
LEGEND = ("✔ covered · ◐ partial · ✘ missing · ? check this (the engine's score is near its threshold) · "
          "* your override")


@dataclass(frozen=True)
class Current:
    """The class set on show: its rubric, its marked rows and the teacher's marking."""

    set: cls.ClassSet
    rubric: Rubric
    calibrated: bool
    rows: list[BatchRow]            # in upload order: index = essay row
    stored: list[cls.StoredEssay]
    overridden: dict[int, dict[str, cls.Override]]
    names: list[str]                # one per essay, unique within the set

    @property
    def reviewed(self) -> set[int]:
        return {e.row for e in self.stored if e.reviewed}


def _db():
    return closing(cls.open_db())


def _rubric_label(r: Rubric) -> str:
    return f"{r.topic or 'Other'} › {r.title}"


# --- a new class set ---

def new_set_form(choices: list[Rubric]) -> None:
    """Upload or paste a class set, pick the rubric, name it; "Mark" stores it and shows it."""
    by_id = {r.id: r for r in choices}
    rubric_id = st.selectbox("Rubric (prompt)", list(by_id), index=None, key="class_rubric",
                             format_func=lambda i: _rubric_label(by_id[i]), help="Rubrics are grouped by topic.",
                             placeholder="Choose the rubric to mark against")
    if rubric_id is not None:
        st.caption(f"**Question:** {' '.join(by_id[rubric_id].question.split())} "
                   f"({by_id[rubric_id].marks} marks)")
    name = st.text_input("Name for this class set", key="class_name", max_chars=cls.MAX_NAME_CHARS,
                         placeholder="e.g. 12B mock, March (blank: today's date)")
    files = st.file_uploader("Upload a CSV (a student column and an essay column) or one file per essay "
                             "(.txt, .md, .docx; the file name is the student's name)",
                             type=["csv", "txt", "md", "docx"], accept_multiple_files=True, key="class_upload",
                             help=f"Each file at most {MAX_FILE_BYTES // 1_000_000} MB.")
    pasted = st.text_area("…or paste CSV text (first line: student,essay)", key="class_paste", height=120,
                          help=f"At most {MAX_PASTE_CHARS:,} characters; upload the file for more.")
    if st.button("Mark the class set", key="class_mark", type="primary", icon="✔️"):
        _create(by_id.get(rubric_id), name, [(f.name, f.getvalue()) for f in files or []], pasted)


def _create(rubric: Rubric | None, name: str, files: list[tuple[str, bytes]], pasted: str) -> None:
    """Read the uploads, store the class set (good and bad essays) and put it on show."""
    ss = st.session_state
    if rubric is None:
        st.error("Choose the rubric to mark against first.", icon="⚠️")
        return
    try:
        essays, problems = essays_from_uploads(files, pasted or "")
    except Exception as exc:  # never a traceback for a bad upload
        essays, problems = [], [f"The upload could not be read ({type(exc).__name__}: {exc})."]
    if not essays:
        for problem in problems or ["Nothing to mark: upload a CSV or essay files, or paste CSV text."]:
            st.error(problem, icon="⚠️")
        st.info("Nothing was stored. Fix the upload and press *Mark the class set* again.")
        return
    with _db() as db:
        set_id = cls.create_set(db, name, rubric.id, essays)
    ss[CURRENT] = set_id
    ss[_PROBLEMS] = (set_id, problems)
    ss.pop("class_open", None)   # the set selector follows the new set
    ss.pop(STUDENT, None)
    ss.pop(_CHOSEN, None)
    st.rerun()                   # the form folds away; the set is marked below, with a progress bar


# --- the set on show ---

def pick_set(good: list[Rubric]) -> tuple[cls.ClassSet, Rubric] | None:
    """The class set on show (the one just marked, or one reopened), with its rubric."""
    with _db() as db:
        sets = {s.id: s for s in cls.list_sets(db)}
    if not sets:
        return None
    ss = st.session_state
    ids = list(sets)
    current = ss.get(CURRENT)
    chosen = st.selectbox(
        "Class set", ids, index=ids.index(current) if current in ids else 0, key="class_open",
        format_func=lambda i: f"{sets[i].name} · {sets[i].rubric_id} · {sets[i].essays} essays · "
                              f"{datetime.fromtimestamp(sets[i].created_at):%d %b %Y %H:%M}",
        help="Every class set you have marked is kept, with your overrides; newest first.")
    if chosen != current:
        ss[CURRENT] = chosen
        ss.pop(STUDENT, None)
        ss.pop(_CHOSEN, None)
    found = sets[chosen]
    rubric = next((r for r in good if r.id == found.rubric_id), None)
    if rubric is None:
        st.error(f"This class set was marked against the rubric {found.rubric_id!r}, which no longer exists "
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
                   help=f"Fitted to your marking of {stored.essays} essays. Off shows the engine's "
                        "uncalibrated verdicts.")
    return stored if on else None


def _marked(set_id: int, rubric: Rubric, calibration: Calibration | None) -> list[BatchRow] | None:
    """The set marked against ``rubric``, cached per set, rubric and calibration; a progress
    bar shows while marking and the reports are stored."""
    key = (set_id, rubric, calibration)
    cached = st.session_state.get(_CACHE)
    if cached and cached[0] == key:
        return cached[1]
    with _db() as db:
        stored = cls.essays(db, set_id)
    bar = st.progress(0.0, text=f"Marking {len(stored)} essays…")
    try:
        rows = mark_batch([e.as_input() for e in stored], rubric, engine(), calibration=calibration,
                          progress=lambda done, total: bar.progress(
                              done / max(1, total), text=f"Marked {done} of {total} essays"))
    except Exception as exc:  # never a traceback: the essays are safe in the database
        st.error(f"The class set could not be marked ({type(exc).__name__}: {exc}). Its essays are "
                 "stored; reload the page to try again.", icon="⚠️")
        return None
    finally:
        bar.empty()
    with _db() as db:
        cls.save_results(db, set_id, rows)
    st.session_state[_CACHE] = (key, rows)
    return rows


def current_set(good: list[Rubric]) -> Current | None:
    """The set on show, marked (with the calibration if the teacher wants it), with the
    teacher's marking; ``None`` when there is nothing to show."""
    picked = pick_set(good)
    if picked is None:
        return None
    set_, rubric = picked
    calibration = _calibration(rubric)
    rows = _marked(set_.id, rubric, calibration)
    if rows is None:
        return None
    with _db() as db:
        stored = cls.essays(db, set_.id)
        overridden = cls.overrides(db, set_.id)
    return Current(set_, rubric, calibration is not None, rows, stored, overridden, cls.student_labels(stored))


# --- results ---

def _check(report: Report | None) -> list[str]:
    return [p.id for p in report.points if p.borderline] if report else []


def notices(cur: Current) -> None:
    problems = st.session_state.get(_PROBLEMS)
    if problems and problems[0] == cur.set.id and problems[1]:
        st.error("Left out of this class set:\n\n" + "\n\n".join(f"- {p}" for p in problems[1]), icon="⚠️")
    failed = [(name, row.error) for name, row in zip(cur.names, cur.rows) if row.report is None]
    if failed:
        count = "1 essay" if len(failed) == 1 else f"{len(failed)} essays"
        st.warning(f"{count} could not be marked (the others were): "
                   + "; ".join(f"{n} ({e})" for n, e in failed), icon="⚠️")
    marked = [r for r in cur.rows if r.report]
    to_check = sum(bool(_check(r.report)) for i, r in enumerate(cur.rows) if i not in cur.reviewed)
    st.caption(f"Rubric: **{_rubric_label(cur.rubric)}** · {len(marked)} of {len(cur.rows)} essays marked"
               f"{' · calibrated to your marking' if cur.calibrated else ''} · {len(cur.reviewed)} reviewed "
               f"by you · {to_check} unreviewed with something to check ⚑")


def results_table(cur: Current) -> pd.DataFrame:
    """The marks table as shown (filters applied), the teacher's mark beside the engine's."""
    frame = pd.DataFrame(exports.marks_records(cur.rows, cur.rubric, cur.overridden, cur.reviewed))
    frame["student"] = cur.names
    frame["check"] = [f"⚑ check {len(_check(r.report))}" if _check(r.report) else "" for r in cur.rows]
    frame["reviewed"] = ["✔ reviewed" if i in cur.reviewed else "" for i in range(len(cur.rows))]
    frame["overrides"] = [len(cur.overridden.get(i, {})) or None for i in range(len(cur.rows))]
    codes = sorted({c for w in frame["warnings"] for c in w.split("; ") if c})
    cols = st.columns([3, 2, 3])
    search = cols[0].text_input("Find a student", key="class_search", placeholder="part of a name")
    levels = cols[1].multiselect("Levels", sorted(int(v) for v in frame["level"].dropna().unique()),
                                 key="class_levels", placeholder="all levels")
    warned = cols[2].multiselect("Warnings", codes + ["could not be read"], key="class_warnings",
                                 placeholder="any or none")
    cols = st.columns(2)
    check = cols[0].checkbox("⚑ Only essays to check", key="class_check_only",
                             help="Essays with a verdict whose score is near its threshold: the engine is "
                                  "unsure, so your review counts most there.")
    unreviewed = cols[1].checkbox("Only essays not yet reviewed", key="class_unreviewed_only")
    keep = pd.Series(True, index=frame.index)
    if search.strip():
        keep &= frame["student"].str.contains(search.strip(), case=False, regex=False)
    if levels:
        keep &= frame["level"].isin(levels)
    if warned:
        keep &= frame.apply(lambda r: any(c in r["warnings"].split("; ") for c in warned)
                            or ("could not be read" in warned and bool(r["error"])), axis=1)
    if check:
        keep &= frame["check"] != ""
    if unreviewed:
        keep &= frame["reviewed"] == ""
    columns = ["student", "words", "engine_mark", "teacher_mark", "level", "coverage", "warnings", "check",
               "reviewed", "overrides", "error"]
    st.dataframe(frame.loc[keep, columns], hide_index=True, width="stretch", key="class_table",
                 column_config={
                     "engine_mark": st.column_config.NumberColumn(
                         "engine's mark", help=f"the engine's estimate, out of {cur.rubric.marks}"),
                     "teacher_mark": st.column_config.NumberColumn("your mark", help="your override, if any"),
                     "coverage": st.column_config.ProgressColumn("coverage", min_value=0, max_value=1,
                                                                 format="percent"),
                     "check": st.column_config.TextColumn("check this", help="verdicts near their threshold"),
                     "overrides": st.column_config.NumberColumn("your overrides"),
                     "error": st.column_config.TextColumn("could not be marked")})
    st.caption(f"{int(keep.sum())} of {len(frame)} essays shown. Click a column header to sort.")
    return frame


def _cells(cur: Current) -> pd.DataFrame:
    """One record per student and point: the status that stands, whether it is the teacher's
    and whether the engine was unsure (and nobody has checked it yet)."""
    out = []
    for i, (name, row) in enumerate(zip(cur.names, cur.rows)):
        mine = cur.overridden.get(i, {})
        for p in row.report.points if row.report else ():
            status = mine[p.id].value if p.id in mine else p.status
            unsure = p.borderline and p.id not in mine and i not in cur.reviewed
            out.append({"student": name, "point": p.id, "status": STATUS_LABEL[status],
                        "symbol": _SYMBOL[status] + ("*" if p.id in mine else "") + ("?" if unsure else ""),
                        "engine": STATUS_LABEL[p.status] + (" (borderline)" if p.borderline else ""),
                        "yours": f"{mine[p.id].value}: {mine[p.id].reason}" if p.id in mine else "",
                        "check": CHECK if unsure else ""})
    return pd.DataFrame(out)


def heatmap(cur: Current) -> None:
    """Students × points: colour, a symbol in each cell and a tooltip; a table for the same."""
    frame = _cells(cur)
    if frame.empty:
        st.info("No essay in this set could be marked.")
        return
    base = alt.Chart(frame).encode(
        x=alt.X("point:N", sort=[p.id for p in cur.rubric.points], title=None,
                axis=alt.Axis(labelAngle=-50, labelOverlap=False, labelLimit=200)),
        y=alt.Y("student:N", title=None, sort=None))
    statuses = [STATUS_LABEL[s] for s in ("covered", "partial", "missing")]
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("status:N", scale=alt.Scale(domain=statuses, range=["#a5d6a7", "#ffe082", "#e0e0e0"]),
                        legend=alt.Legend(title="Status")),
        tooltip=[alt.Tooltip("student"), alt.Tooltip("point"), alt.Tooltip("status", title="stands"),
                 alt.Tooltip("engine", title="engine said"), alt.Tooltip("yours", title="your override"),
                 alt.Tooltip("check", title="check")])
    text = base.mark_text(fontSize=14, color="#111").encode(text="symbol:N")
    st.altair_chart((cells + text).properties(height=alt.Step(26)), width="stretch", key="class_heatmap",
                    alt="Heatmap of each student's status on each rubric point; the same data is in the table below")
    st.caption(LEGEND)
    with st.expander("The heatmap as a table"):
        grid = frame.pivot(index="student", columns="point", values="symbol")
        grid = grid.reindex(index=[n for n, r in zip(cur.names, cur.rows) if r.report],
                            columns=[p.id for p in cur.rubric.points])
        st.dataframe(grid, key="class_heatmap_table")


def most_missed(cur: Current) -> None:
    """The points the class most often missed (engine's verdicts), worst first."""
    summary = class_summary(cur.rows, cur.rubric)
    if not summary.marked:
        st.info("No essay in this set could be marked.")
        return
    frame = pd.DataFrame([{"point": s.id, "side": s.side, "missed by": s.missing, "partly made by": s.partial,
                           "made by": s.covered, "share missed": f"{s.missed_share:.0%}", "what it says": s.text}
                          for s in summary.points])
    bars = alt.Chart(frame).mark_bar(color="#8d6e63").encode(
        x=alt.X("missed by:Q", title="students who missed the point", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("point:N", sort="-x", title=None),
        tooltip=["point", "side", "missed by", "partly made by", "made by", "what it says"])
    chart = bars + bars.mark_text(align="left", dx=3).encode(text="missed by:Q")
    st.altair_chart(chart, width="stretch", key="class_missed_chart",
                    alt="Bar chart of how many students missed each rubric point, most missed first")
    st.caption(f"{summary.marked} essays marked, {summary.failed} not; mean mark {summary.mean_mark:.1f} of "
               f"{cur.rubric.marks}. " + ", ".join(f"level {lvl}: {n}" for lvl, n in summary.level_counts))
    st.dataframe(frame, hide_index=True, key="class_missed_table")


# --- one student ---

def _next_to_check(order: list[str]) -> None:
    st.session_state[STUDENT] = order[0]


def student_view(cur: Current) -> None:
    """One essay's feedback, the teacher's marking beside the engine's, and the form for it."""
    ss = st.session_state
    if ss.get(STUDENT) not in cur.names:   # the selector's state goes while another tab is open
        ss[STUDENT] = ss.get(_CHOSEN) if ss.get(_CHOSEN) in cur.names else cur.names[0]
    cols = st.columns([3, 2], vertical_alignment="bottom")
    name = cols[0].selectbox("Student", cur.names, key=STUDENT)
    ss[_CHOSEN] = name
    row = cur.names.index(name)
    waiting = [n for i, (n, r) in enumerate(zip(cur.names, cur.rows))
               if i not in cur.reviewed and _check(r.report)]
    if waiting:
        after = cur.names[row + 1:] + cur.names[:row + 1]
        order = [n for n in after if n in waiting]
        cols[1].button(f"Next essay to check ⚑ ({len(waiting)} left)", key="class_next", on_click=_next_to_check,
                       args=(order,), help="The next essay, not yet reviewed, with a verdict the engine is unsure of")
    else:
        cols[1].caption("✔ No unreviewed essay has anything to check.")
    report, essay, mine = cur.rows[row].report, cur.stored[row], cur.overridden.get(row, {})
    if report is None:
        st.error(f"{name}'s essay could not be marked: {cur.rows[row].error} (from {essay.origin}).", icon="⚠️")
        return
    if essay.reviewed:
        st.success("✔ Reviewed by you: the engine's verdicts you left alone count as agreed.")
    check = _check(report)
    if check and not essay.reviewed:
        st.warning(f"{CHECK}: the engine is unsure about {', '.join(check)} (scores near a threshold).",
                   icon="⚠️")
    beside(report, mine)
    st.caption("The engine's feedback first, then your marking of this essay below it.")
    render_report(report, essay.text, key_prefix=f"class_report_{cur.set.id}_{row}")
    st.divider()
    marking_form(cur, row, report, essay, mine)


def beside(report: Report, mine: dict[str, cls.Override]) -> None:
    """The teacher's overrides, each beside the engine's verdict."""
    if not mine:
        return
    engine_status = {p.id: p for p in report.points}
    rows = []
    for target, o in mine.items():
        if target == cls.MARK:
            rows.append({"verdict on": "the mark", "engine": f"{report.mark}/{report.max_mark} (level {report.level})",
                         "yours": f"{o.value}/{report.max_mark}", "reason": o.reason})
        else:
            p = engine_status.get(target)
            rows.append({"verdict on": target,
                         "engine": (STATUS_LABEL[p.status] + (f" {CHECK}" if p.borderline else "")) if p
                         else "(point no longer in the rubric)",
                         "yours": STATUS_LABEL.get(o.value, o.value), "reason": o.reason})
    st.markdown("**Your marking beside the engine's**")
    st.table(pd.DataFrame(rows).set_index("verdict on"))


def _key(cur: Current, row: int, what: str) -> str:
    return f"class_ovr_{cur.set.id}_{row}_{what}"


def marking_form(cur: Current, row: int, report: Report, essay: cls.StoredEssay, mine) -> None:
    """Per-point verdicts with reasons, the mark with a reason, and "reviewed"; saved together."""
    options = [_ENGINE, "covered", "partial", "missing"]
    with st.form(f"class_form_{cur.set.id}_{row}"):
        st.markdown(f"#### Your marking of {cur.names[row]}")
        st.markdown("Choose a verdict only where you disagree (or want to confirm one); "
                    "each needs a reason. Your verdicts are kept beside the engine's.")
        choices = {}
        head = st.columns([3, 2, 3])
        for col, title in zip(head, ("Point · the engine's verdict", "Your verdict", "Your reason")):
            col.markdown(f"**{title}**")
        for p in report.points:
            left, mid, right = st.columns([3, 2, 3], vertical_alignment="center")
            left.markdown(f"`{p.id}` · {STATUS_LABEL[p.status]}" + (f" · {CHECK}" if p.borderline else ""),
                          help=p.text)
            current = mine[p.id].value if p.id in mine else _ENGINE
            status = mid.selectbox(f"Your verdict on {p.id}", options, index=options.index(current),
                                   key=_key(cur, row, p.id), label_visibility="collapsed")
            reason = right.text_input(f"Reason for {p.id}", value=mine[p.id].reason if p.id in mine else "",
                                      key=_key(cur, row, f"{p.id}_why"), max_chars=cls.MAX_REASON_CHARS,
                                      label_visibility="collapsed", placeholder="needed if you choose a verdict")
            choices[p.id] = (status, reason)
        left, mid, right = st.columns([3, 2, 3], vertical_alignment="center")
        left.markdown(f"**Mark** · engine: {report.mark}/{report.max_mark} (level {report.level})")
        mark = mid.number_input(f"Your mark out of {report.max_mark}", min_value=0, label_visibility="collapsed",
                                max_value=report.max_mark, step=1, key=_key(cur, row, "mark"),
                                value=int(mine[cls.MARK].value) if cls.MARK in mine else None,
                                placeholder="blank: the engine's")
        mark_reason = right.text_input("Reason for your mark", key=_key(cur, row, "mark_why"),
                                       value=mine[cls.MARK].reason if cls.MARK in mine else "",
                                       max_chars=cls.MAX_REASON_CHARS, label_visibility="collapsed",
                                       placeholder="needed if you give a mark")
        reviewed = st.checkbox("I have checked this essay (the engine's verdicts I leave alone are agreed)",
                               value=essay.reviewed, key=_key(cur, row, "reviewed"))
        saved = st.form_submit_button("Save my marking", key=_key(cur, row, "save"), type="primary")
    if not saved:
        return
    marking = cls.Marking({pid: c for pid, c in choices.items() if c[0] != _ENGINE},
                          (int(mark), mark_reason) if mark is not None else None, reviewed)
    try:
        with _db() as db:
            cls.save_marking(db, cur.set.id, row, marking, report.max_mark)
    except cls.OverrideError as exc:
        st.error("Not saved:\n\n" + "\n\n".join(f"- {line}" for line in str(exc).splitlines()), icon="⚠️")
        return
    st.toast("✔ Your marking is saved.")
    st.rerun()


# --- downloads and the rest ---

def downloads(cur: Current) -> None:
    """The marks table (CSV, Excel) and a zip of per-student feedback pages. Each file is made
    when its button is pressed, and pressing one does not rerun the page."""
    stem = exports.file_name(cur.set.name, set(), suffix="")
    texts = [e.text for e in cur.stored]
    files = [
        ("Marks table (CSV)", "class_dl_csv", f"{stem}-marks.csv", "text/csv",
         lambda: exports.marks_csv(cur.rows, cur.rubric, cur.overridden, cur.reviewed)),
        ("Marks table (Excel)", "class_dl_xlsx", f"{stem}-marks.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         lambda: exports.marks_excel(cur.rows, cur.rubric, cur.overridden, cur.reviewed)),
        ("Feedback for each student (zip of HTML pages)", "class_dl_zip", f"{stem}-feedback.zip", "application/zip",
         lambda: exports.feedback_zip(cur.rows, texts, cur.rubric, cur.overridden, cur.names)),
    ]
    for col, (label, key, file_name, mime, make) in zip(st.columns(len(files)), files):
        col.download_button(label, make, file_name=file_name, mime=mime, key=key, on_click="ignore",
                            icon="⬇️")


def calibrate_tab(cur: Current) -> None:
    with _db() as db:
        labels = cls.teacher_labels(db, cur.set.id, cur.rubric)
    render_calibration(cur.rubric, labels, open_key=_OPEN)


def delete_box(cur: Current) -> None:
    with st.expander("Delete this class set"):
        sure = st.checkbox(f"Yes, delete “{cur.set.name}”, its essays and my marking of them",
                           key="class_delete_sure")
        if st.button("Delete the class set", key="class_delete", disabled=not sure):
            with _db() as db:
                cls.delete_set(db, cur.set.id)
            for key in (CURRENT, "class_open", STUDENT, _CHOSEN, _CACHE, "class_delete_sure"):
                st.session_state.pop(key, None)
            st.rerun()


def main() -> None:
    require_teacher()  # classroom mode: the teacher only (no-op in personal mode)
    st.title("Mark a class set")
    good, broken = rubrics()
    for message in broken:
        st.warning(f"Skipped an invalid rubric: {message}", icon="⚠️")
    if not good:
        st.error("No valid rubrics: add one in the rubric editor.", icon="⚠️")
        return
    with st.expander("Mark a new class set", expanded=CURRENT not in st.session_state, icon="⬆️"):
        new_set_form(good)
    cur = current_set(good)
    if cur is None:
        if CURRENT not in st.session_state:
            st.info("No class sets yet: upload or paste one above.")
        return
    st.subheader(f"Results: {cur.set.name}")
    notices(cur)
    results_table(cur)
    downloads(cur)
    show_tabs(cur)
    delete_box(cur)


def show_tabs(cur: Current) -> None:
    """The analytics, per-student and calibration tabs; only the open one runs. The tab stays
    open across reruns, and a calibration disagreement's "Open" switches to that essay."""
    ss = st.session_state
    wanted = ss.pop(_OPEN, None)
    if wanted in cur.names:
        ss[STUDENT] = ss[_CHOSEN] = wanted
        ss[TAB] = TABS[2]
    tabs = st.tabs(TABS, key=TAB, on_change="rerun")
    for tab, show in zip(tabs, (heatmap, most_missed, student_view, calibrate_tab)):
        if tab.open:
            with tab:
                show(cur)


main()
