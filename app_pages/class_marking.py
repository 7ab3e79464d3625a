"""Mark a class set: upload essays, pick the rubric, get the marks table, class analytics,
one screen to mark each essay beside the engine's verdicts, calibration, and downloads.

A thin page: the set on show is :mod:`app_pages.class_set`, the table and downloads
:mod:`app_pages.class_results`, the marking screen :mod:`app_pages.marking_screen`, and the
rules (which verdict stands, filters, the order to check in, analytics) :mod:`essaycoach.marking`.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import class_set as shown
from app_pages.access import require_teacher
from app_pages.calibration_view import render_calibration
from app_pages.class_remark import remark_box
from app_pages.class_results import downloads, notices, results_table
from app_pages.class_set import Current, db
from app_pages.common import prompt_labels, rubrics
from app_pages.feedback_view import STATUS_LABEL
from app_pages.marking_screen import CHECK, student_view
from essaycoach import classes as cls
from essaycoach import marking
from essaycoach.inputs import ESSAY_SUFFIXES, MAX_FILE_BYTES, MAX_PASTE_CHARS, essays_from_uploads
from essaycoach.markup import counted
from essaycoach.markup import escape_markdown as md
from essaycoach.report import STATUS, has_sides, level_name, side_name
from essaycoach.rubric import Rubric

TAB = "class_tab"             # widget key: the tab on show
TABS = ("Class heatmap", "Most missed points", "Per-student feedback and your marking", "Calibrate to my marking")
NEW = "class_new_open"        # widget key: whether the "Mark a new class set" form is open
_OPEN = "class_open_request"  # session key: set by the calibration panel's "Open" buttons
_EMPTY_FORM = "class_form_reset"  # session key: a set was just stored, so the next run starts a blank form
_UPLOADS = "class_upload_round"   # session key: a new file uploader each time (one keeps its files otherwise)
_BOXES = ("class_rubric", "class_name", "class_paste")  # the form's fields kept across visits to other pages
_KEPT = "kept_"                   # session-key prefix of their copies, which Streamlit does not forget
_SYMBOL = {name: s.symbol for name, s in STATUS.items()}
COLOUR = {"covered": "#a5d6a7", "partial": "#ffe082", "missing": "#e0e0e0"}   # the heatmap's, and its table's
_COLOUR_OF_SYMBOL = {_SYMBOL[name]: colour for name, colour in COLOUR.items()}
LEGEND = ("✔ covered · ◐ partial · ✘ missing · ? check this (the engine is unsure: a score near its threshold, "
          "a denial, a credit resting on one word of the point or on a sentence arguing the other side, the mark "
          "scheme's own words, or a wording like one you judged) · "
          "* your override")


# --- a new class set ---

def new_set_form(choices: list[Rubric]) -> None:
    """Upload or paste a class set, pick the rubric, name it; "Mark" stores it and shows it."""
    ss = st.session_state
    if ss.pop(_EMPTY_FORM, False):  # the last set's name, paste and files must not be marked twice
        for box in ("class_name", "class_paste"):   # set, not dropped: the browser would send its text again
            ss[box] = ss[_KEPT + box] = ""
        ss[_UPLOADS] = ss.get(_UPLOADS, 0) + 1
    by_id = {r.id: r for r in choices}
    for box in _BOXES:  # Streamlit forgets a widget's value while its page is not shown: put it back
        kept = ss.get(_KEPT + box)
        if box not in ss and kept is not None and (box != "class_rubric" or kept in by_id):
            ss[box] = kept
    upload_key = f"class_upload_{ss[_UPLOADS]}" if ss.get(_UPLOADS) else "class_upload"
    rubric_id = st.selectbox("Rubric (prompt)", list(by_id), index=None, key="class_rubric",
                             format_func=prompt_labels(by_id),
                             help="Rubrics are grouped by topic.",
                             placeholder="Choose the rubric to mark against")
    if rubric_id is not None:
        st.caption(f"**Question:** {md(by_id[rubric_id].question)} ({by_id[rubric_id].marks} marks)")
    name = st.text_input("Name for this class set", key="class_name", max_chars=cls.MAX_NAME_CHARS,
                         placeholder="e.g. 12B mock, March (blank: today's date)")
    kinds = ", ".join(ESSAY_SUFFIXES)
    files = st.file_uploader("Upload a CSV (a student column and an essay column), one file per essay "
                             f"({kinds}; the file name is the student's name), or a .zip of them",
                             type=["csv", "zip", *(s.lstrip(".") for s in ESSAY_SUFFIXES)], accept_multiple_files=True,
                             key=upload_key,
                             help=f"Each file at most {MAX_FILE_BYTES // 1_000_000} MB.")
    pasted = st.text_area("…or paste CSV text (first line: student,essay)", key="class_paste", height=120,
                          help=f"At most {MAX_PASTE_CHARS:,} characters; upload the file for more.")
    for box, value in zip(_BOXES, (rubric_id, name, pasted)):
        ss[_KEPT + box] = value
    if st.button("Mark the class set", key="class_mark", type="primary", icon="✔️"):
        chosen = by_id[rubric_id] if rubric_id is not None else None
        _create(chosen, name, [(f.name, f.getvalue()) for f in files or []], pasted)


def _create(rubric: Rubric | None, name: str, files: list[tuple[str, bytes]], pasted: str) -> None:
    """Read the uploads, store the class set (good and bad essays) and put it on show."""
    ss = st.session_state
    if rubric is None:
        st.error("Choose the rubric to mark against first.", icon="⚠️")
        return
    try:
        essays, problems = essays_from_uploads(files, pasted or "")
    except Exception as exc:  # never a traceback for a bad upload
        essays, problems = [], [f"The upload could not be read ({type(exc).__name__}: {exc})"]
    if not any(e.error is None for e in essays):  # a set of nothing but unreadable rows is no use
        unread = [f"{e.student}: {e.error}" for e in essays]
        for problem in [*problems, *unread] or ["Nothing to mark: upload a CSV or essay files, or paste CSV text."]:
            st.error(md(problem), icon="⚠️")
        st.info("Nothing was stored. Fix the upload and press *Mark the class set* again.")
        ss.pop(shown.PROBLEMS, None)  # files left out of an earlier set would read as this upload's
        return
    with db() as conn:
        set_id = cls.create_set(conn, name, rubric.id, essays)
    ss[shown.PROBLEMS] = (set_id, problems)
    ss[_EMPTY_FORM] = True
    shown.select_new(set_id)   # the selector names the new set from the next run on
    st.rerun()           # the set is marked below, with a progress bar


def _cells(entries: list[marking.Entry], mine: dict[int, dict[str, cls.Override]]) -> pd.DataFrame:
    """One record per student and point: the status that stands, whether it is the teacher's
    and whether the engine was unsure (and nobody has checked it yet)."""
    rows = {e.name: i for i, e in enumerate(entries)}
    return pd.DataFrame([
        {"student": c.student, "point": c.point, "status": STATUS_LABEL[c.status],
         "symbol": _SYMBOL[c.status] + ("*" if c.teacher else "") + ("?" if c.unsure else ""),
         "engine": STATUS_LABEL[c.engine] + (" (borderline)" if c.borderline else ""),
         "yours": (lambda o: f"{o.value}: {o.reason}" if o else "")(mine.get(rows[c.student], {}).get(c.point)),
         "check": CHECK if c.unsure else ""}
        for c in marking.cells(entries)])


def heatmap(cur: Current) -> None:
    """Students × points as the verdicts stand after your marking: colour, a symbol in each
    cell and a tooltip, with a table for the same; essays set apart below them."""
    counted = [e for e in cur.entries if not e.set_apart]
    _heatmap(_cells(counted, cur.overridden), cur, "class_heatmap")
    apart = [e for e in cur.entries if e.set_apart and e.report]
    if apart:
        st.markdown(f"**Set apart ({len(apart)}):** {marking.APART_WHY}, so not counted above")
        _heatmap(_cells(apart, cur.overridden), cur, "class_heatmap_apart")


NAME_PX = 200  # the heatmap's room for a student's name
CELL_PX = 30   # the narrowest a heatmap cell may be: a symbol and a tap's room
PHONE_PX = 640  # under this width the heatmap keeps its cells CELL_PX wide and scrolls sideways


def _scroll_when_narrow(key: str, points: int) -> str:
    """CSS that keeps a heatmap's cells readable on a phone: at most PHONE_PX wide, the chart keeps
    room for every cell (16 points were squeezed to slivers at 390 px: a walk) and its box scrolls."""
    room = NAME_PX + 120 + points * CELL_PX   # names, the legend, the cells
    return (f"<style>@media (max-width: {PHONE_PX}px) {{.st-key-{key}_box {{overflow-x: auto;}} "
            f".st-key-{key}_box > div {{min-width: {room}px;}}}} "
            f"@media (min-width: {PHONE_PX + 1}px) {{.st-key-{key}_phone {{display: none;}}}}</style>")


def _heatmap(frame: pd.DataFrame, cur: Current, key: str) -> None:
    if frame.empty:
        st.info("No essay here could be marked.")
        return
    base = alt.Chart(frame).encode(
        x=alt.X("point:N", sort=[p.id for p in cur.rubric.points], title=None,
                axis=alt.Axis(labelAngle=-50, labelOverlap=False, labelLimit=200)),
        # "Sam Jones (essay 5)" whole; a longer name ends in "…" rather than squeezing the cells
        # to nothing on a phone (a walk): the tooltip and the table below give it in full.
        y=alt.Y("student:N", title=None, sort=None, axis=alt.Axis(labelLimit=NAME_PX)))
    statuses = [STATUS_LABEL[s] for s in ("covered", "partial", "missing")]
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("status:N", scale=alt.Scale(domain=statuses, range=list(COLOUR.values())),
                        legend=alt.Legend(title="Status")),
        tooltip=[alt.Tooltip("student"), alt.Tooltip("point"), alt.Tooltip("status", title="stands"),
                 alt.Tooltip("engine", title="engine said"), alt.Tooltip("yours", title="your override"),
                 alt.Tooltip("check", title="check")])
    text = base.mark_text(fontSize=14, color="#111").encode(text="symbol:N")
    st.html(_scroll_when_narrow(key, len(cur.rubric.points)))
    with st.container(key=f"{key}_box"):
        st.altair_chart((cells + text).properties(height=alt.Step(26)), width="stretch", key=key,
                        alt="Heatmap of each student's status on each rubric point; the same data is in the table "
                            "below")
    st.caption(LEGEND)
    if key == "class_heatmap":   # said once, under the first heatmap (not again under the set-apart one)
        with st.container(key=f"{key}_phone"):
            # Only on a phone (CSS above): the chart's names scroll away with its cells there.
            st.caption("On a phone, open the table below: it keeps each student's name in view as you scroll "
                       "across the points.")
    with st.expander("The heatmap as a table"):
        grid = frame.pivot(index="student", columns="point", values="symbol")
        grid = grid.reindex(index=list(dict.fromkeys(frame["student"])), columns=[p.id for p in cur.rubric.points])
        # Coloured as the chart is, with the names pinned at the left as the table scrolls.
        st.dataframe(grid.style.map(_cell_colour), key=f"{key}_table", placeholder="")


def _cell_colour(symbol: object) -> str:
    colour = _COLOUR_OF_SYMBOL.get(str(symbol)[:1])
    return f"background-color: {colour}; color: #111" if colour else ""


def most_missed(cur: Current) -> None:
    """The points the class most often missed as the verdicts stand, worst first; essays set apart
    (see ``marking.SET_APART``) are not counted."""
    summary = marking.analytics(cur.entries, cur.rubric)
    if not summary.counted:
        st.info("No essay in this set could be marked and counted.")
        return
    sided = has_sides(cur.rubric.sides)  # named as the marking screen and feedback name them
    frame = pd.DataFrame([{"point": s.id, **({"side": side_name(s.side, cur.rubric.sides)} if sided else {}),
                           "missed by": s.missing, "partly made by": s.partial, "made by": s.covered,
                           "share missed": f"{s.missed_share:.0%}", "what it says": s.text}
                          for s in summary.points])
    bars = alt.Chart(frame).mark_bar(color="#8d6e63").encode(
        x=alt.X("missed by:Q", title="students who missed the point", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("point:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),  # whole point ids
        tooltip=["point", *(["side"] if sided else []), "missed by", "partly made by", "made by", "what it says"])
    chart = bars + bars.mark_text(align="left", dx=3).encode(text="missed by:Q")
    st.altair_chart(chart, width="stretch", key="class_missed_chart",
                    alt="Bar chart of how many students missed each rubric point, most missed first")
    st.caption(f"{counted(summary.counted, 'essay')} counted, {summary.failed} not marked; mean final mark "
               f"{summary.mean_mark:.1f} of {cur.rubric.marks}. By level: "
               + ", ".join(f"{level_name(lvl)}: {n}" for lvl, n in summary.level_counts) + ".")
    if summary.set_apart:
        st.caption(f"Not counted ({marking.APART_WHY}): " + "; ".join(
            f"{md(name)} ({', '.join(c.replace('-', ' ') for c in codes)})" for name, codes in summary.set_apart))
    st.dataframe(frame, hide_index=True, key="class_missed_table")


def calibrate_tab(cur: Current) -> None:
    with db() as conn:
        labels = cls.teacher_labels(conn, cur.set.id, cur.rubric)
    render_calibration(cur.rubric, labels, open_key=_OPEN)


def delete_box(cur: Current) -> None:
    # Keyed, so that ticking the box below (a rerun) does not fold the panel over the button it enables.
    with st.expander("Delete this class set", key="class_delete_open", on_change="rerun"):
        sure = st.checkbox(f"Yes, delete “{md(cur.set.name)}”, its essays and my marking of them",
                           key="class_delete_sure")
        if st.button("Delete the class set", key="class_delete", disabled=not sure):
            with db() as conn:
                cls.delete_set(conn, cur.set.id)
            for key in (shown.CURRENT, shown.OPEN, shown.STUDENT, shown.CHOSEN, shown.CACHE, "class_delete_sure",
                        "class_delete_open"):
                st.session_state.pop(key, None)
            st.rerun()


def main() -> None:
    require_teacher()  # classroom mode: the teacher only (no-op in personal mode)
    st.title("Mark a class set")
    good, broken = rubrics()
    for message in broken:
        st.warning(f"Skipped an invalid rubric: {md(message)}", icon="⚠️")
    if not good:
        st.error("No valid rubrics: add one in the rubric editor.", icon="⚠️")
        return
    shown.apply_selection(NEW)
    with db() as conn:   # open until a set exists, then as the teacher leaves it (closed after marking)
        st.session_state.setdefault(NEW, not cls.list_sets(conn))
    with st.expander("Mark a new class set", key=NEW, on_change="rerun", icon="⬆️"):
        new_set_form(good)
    cur = shown.current_set(good)
    if cur is None:
        if shown.CURRENT not in st.session_state:
            st.info("No class sets yet: upload or paste one above.")
        return
    st.subheader(f"Results: {md(cur.set.name)}")
    notices(cur)
    results_table(cur)
    downloads(cur)
    remark_box(cur)
    show_tabs(cur)
    delete_box(cur)


def show_tabs(cur: Current) -> None:
    """The analytics, per-student and calibration tabs; only the open one runs. The tab stays
    open across reruns, and a calibration disagreement's "Open" switches to that essay."""
    ss = st.session_state
    wanted = ss.pop(_OPEN, None)
    if wanted in cur.names:
        ss[shown.STUDENT] = ss[shown.CHOSEN] = wanted
        ss[TAB] = TABS[2]
    elif ss.get(TAB) not in TABS and ss.get(_KEPT + TAB) in TABS:  # back from another page
        ss[TAB] = ss[_KEPT + TAB]
    tabs = st.tabs(TABS, key=TAB, on_change="rerun")
    ss[_KEPT + TAB] = ss.get(TAB)
    for tab, show in zip(tabs, (heatmap, most_missed, student_view, calibrate_tab)):
        if tab.open:
            with tab:
                show(cur)


main()
