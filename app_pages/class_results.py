"""The class-marking page's results: the notices, the marks table with its filters, and the
downloads. The rules (what stands, what a filter keeps) are in :mod:`essaycoach.marking`."""
from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from app_pages.class_set import PROBLEMS, Current, db
from app_pages.common import rubric_label
from essaycoach import classes as cls
from essaycoach import exports, marking
from essaycoach.batch import shared_names
from essaycoach.markup import counted, listed
from essaycoach.markup import escape_markdown as md
from essaycoach.report import level_cell

ROWS_SHOWN = 20          # table rows visible before it scrolls
_NO_LEVEL = ("“below 1”: no level, as for an off-topic essay or one not in English (left blank in the "
             "CSV and Excel files, so an average of levels skips it)")
_ROW_PX, _HEAD_PX = 35, 38


def notices(cur: Current) -> None:
    """Uploads left out, essays not marked, and a line saying where the set stands."""
    problems = st.session_state.get(PROBLEMS)
    if problems and problems[0] == cur.set.id and problems[1]:
        st.error("Left out of this class set:\n\n" + "\n\n".join(f"- {md(p)}" for p in problems[1]), icon="⚠️")
    failed = [(e.name, e.error) for e in cur.entries if e.report is None]
    if failed:
        st.warning(f"{counted(len(failed), 'essay')} could not be marked (the others were): "
                   + "; ".join(f"{md(n)} ({md(e or '')})" for n, e in failed), icon="⚠️")
    shared = shared_names([e.student for e in cur.stored])
    if shared:  # a walk's teacher was not told that "Cara Jones (essay 3)" and "(essay 4)" shared a name
        st.info(f"More than one essay bears the name {listed([md(n) for n in shared])}: each is shown with its "
                "place in the set, as in the table. Check that no student's essay was entered twice.", icon="ℹ️")
    _remarked(cur)
    marked = sum(e.report is not None for e in cur.entries)
    waiting = sum(bool(e.to_check) for e in cur.entries)
    st.caption(f"Rubric: **{md(rubric_label(cur.rubric))}** · {marked} of {counted(len(cur.entries), 'essay')} "
               f"marked{' · calibrated to your marking' if cur.calibrated else ''} · {len(cur.reviewed)} reviewed "
               f"by you · {waiting}\u00a0unreviewed with something to check\u00a0⚑")  # the flag kept on its line


def _remarked(cur: Current) -> None:
    """Say so when marking the set again changed the engine's verdicts (the rubric or calibration
    changed since, or the teacher applied what was learnt), and why: a teacher who downloaded the
    marks saw other numbers, with no reason why."""
    with db() as conn:
        found = cls.remarked_notice(conn, cur.set.id)
    if found is None:
        return
    changes, learnt = found
    said = []
    ruled = sum(any(t in changes.gone for t in mine) for mine in cur.overridden.values())
    gone, new = (marking.point_names([md(p) for p in ids]) for ids in (changes.gone, changes.new))
    many = len(changes.gone) > 1
    if changes.gone:   # removed, or renamed (then it is new too): its rulings no longer apply
        said.append(f"{gone} {'are' if many else 'is'} no longer in the rubric"
                    + (f" (your verdicts on {'them' if many else 'it'} in {counted(ruled, 'essay')} no longer "
                       "apply)" if ruled else ""))
    if changes.new:
        said.append(f"{new} {'are' if len(changes.new) > 1 else 'is'} new")
    shown = "; ".join(
        f"{md(cur.names[c.row])}: " + ", ".join(f"{md(pid)} {was} → {now}" for pid, was, now in c.points[:3])
        + ("…" if len(c.points) > 3 else "")
        + (f"{', ' if c.points else ''}mark {c.before} → {c.after}" if c.before != c.after else "")
        for c in changes.essays[:3])
    if changes.essays:
        said.append(f"the engine's verdicts{' on the other points' if changes.gone or changes.new else ''} changed "
                    f"for {counted(len(changes.essays), 'essay')} since this set was last marked ({shown}"
                    f"{'; …' if len(changes.essays) > 3 else ''})")
    else:
        said.append("the engine's marks and its verdicts on the other points are unchanged"
                    + (" (coverage now counts only the points still in the rubric)" if changes.gone else ""))
    why = ("Re-marked with what was learnt from your marking" if learnt
           else "Marked again with the rubric and calibration as they are now")
    # Kept until dismissed: a notice said once was gone at the teacher's first click (walk).
    with st.container(horizontal=True, vertical_alignment="center"):
        st.info(f"{why}: {'; '.join(said)}. Marks downloaded before show the old ones; your own marking is kept"
                f"{' (on the points still in the rubric)' if ruled else ''}.")
        st.button("Dismiss", key="class_remarked_ok", on_click=_dismiss, args=(cur.set.id,))


def _dismiss(set_id: int) -> None:
    with db() as conn:
        cls.dismiss_remarked(conn, set_id)


def _filters(frame: pd.DataFrame, cur: Current) -> marking.Filters:
    codes = sorted({c for w in frame["warnings"] for c in w.split("; ") if c})
    cols = st.columns([3, 2, 3])
    search = cols[0].text_input("Find a student", key="class_search", placeholder="part of a name")
    found = {e.final_level(cur.rubric) for e in cur.entries}
    levels = cols[1].multiselect("Levels", sorted(lv for lv in found if lv is not None), format_func=level_cell,
                                 key="class_levels", placeholder="all levels",
                                 help="The level that stands: from your mark where you gave one.")
    warned = cols[2].multiselect("Warnings", codes + [marking.UNREADABLE], key="class_warnings",
                                 placeholder="any or none")
    ticks = st.columns(2)
    check = ticks[0].checkbox("⚑ Only essays to check", key="class_check_only",
                             help="Essays with a verdict the engine is unsure of (a score near its threshold, "
                                  "a denial, the mark scheme's own words...): your review counts most there.")
    unreviewed = ticks[1].checkbox("Only essays not yet reviewed", key="class_unreviewed_only")
    return marking.Filters(search, levels, warned, check, unreviewed)


def results_table(cur: Current) -> pd.DataFrame:
    """The marks table as shown (filters applied), the teacher's mark beside the engine's."""
    frame = pd.DataFrame(exports.marks_records(cur.rows, cur.rubric, cur.overridden, cur.reviewed,
                                               cur.comments()))
    frame["student"] = cur.names
    frame["error"] = [marking.error_cell(r.error, r.origin) for r in cur.rows]
    frame["check"] = [f"⚑ check {len(e.to_check)}" if e.to_check else "" for e in cur.entries]
    frame["reviewed"] = ["✔ reviewed" if e.reviewed else "" for e in cur.entries]
    frame["overrides"] = [len(e.points) + (e.mark is not None) or None for e in cur.entries]
    for column in ("words", "engine_mark", "teacher_mark", "final_mark", "overrides"):
        frame[column] = frame[column].astype("Int64")
    # A level as the student's feedback shows it: "below 1" for none (an off-topic essay, a mark
    # under the lowest band), never a 0 among the levels; blank for an essay not marked.
    frame["level"] = [level_cell(e.report.level) if e.report else None for e in cur.entries]
    frame["final_level"] = [None if lv is None else level_cell(lv) for lv in (e.final_level(cur.rubric)
                                                                             for e in cur.entries)]
    filters = _filters(frame, cur)
    keep = [marking.keeps(e, cur.rubric, filters) for e in cur.entries]
    # The mark that stands and the coverage (coloured, its key under the table) beside the name,
    # then what stops or flags an essay: a wide table hides its right-hand columns (at 1,280 px
    # coverage was among them, and on a phone a file's error pushed the marks out of view).
    columns = ["student", "final_mark", "coverage", "error", "warnings", "words", "engine_mark", "teacher_mark",
               "level", "final_level", "check", "reviewed", "overrides", "comments"]
    if not frame["error"].fillna("").astype(bool).any():
        columns.remove("error")  # most sets: an empty column would take the names' room
    shown = frame.loc[keep, columns]
    shown["coverage"] = (shown["coverage"] * 100).round().astype("Int64")
    st.dataframe(coloured(shown), hide_index=True, width="stretch", key="class_table", placeholder="",
                 height=_HEAD_PX + _ROW_PX * max(1, min(len(shown), ROWS_SHOWN)) + 2,
                 column_config={
                     "student": st.column_config.TextColumn("student", pinned=True, width=name_width(cur.names)),
                     "engine_mark": st.column_config.NumberColumn(
                         "engine's mark", help=f"the engine's estimate, out of {cur.rubric.marks}"),
                     "teacher_mark": st.column_config.NumberColumn("your mark", help="your override, if any"),
                     "final_mark": st.column_config.NumberColumn("final mark", help="your mark, else the engine's"),
                     "level": st.column_config.TextColumn("engine's level", help=_NO_LEVEL),
                     "final_level": st.column_config.TextColumn(
                         "final level", help="the level whose band of marks holds the final mark; " + _NO_LEVEL),
                     "coverage": st.column_config.NumberColumn(
                         "coverage", format="%d %%", width="small",
                         help="share of the rubric's points made, coloured from red (little) through amber "
                              "to blue (most)"),
                     "warnings": st.column_config.TextColumn("warnings", width="medium"),  # marks stay in view
                     "check": st.column_config.TextColumn("check this", help="verdicts the engine is unsure of"),
                     "overrides": st.column_config.NumberColumn("your overrides"),
                     "comments": st.column_config.TextColumn("your comments", width="large"),
                     "error": st.column_config.TextColumn(
                         "could not be marked", width="medium",
                         help="what is wrong with the file; the notice above the table says what to do")})
    st.caption(f"{sum(keep)} of {counted(len(frame), 'essay')} shown. Click a column header to sort.")
    st.markdown(SCALE_KEY, unsafe_allow_html=True)
    return frame


NAME_CHAR_PX, NAME_PAD_PX = 8, 28   # a character of the table's font (at most), and the cell's padding
NAME_WIDTH_PX = (120, 260)          # the pinned name column: "medium" (200 px) cut long names mid-word


def name_width(names: Sequence[str]) -> int:
    """The name column's width in pixels: room for the longest name, within ``NAME_WIDTH_PX`` so
    that on a phone the marks beside it stay in view (a longer name shows whole on hover)."""
    longest = max(map(len, names), default=0)
    return min(NAME_WIDTH_PX[1], max(NAME_WIDTH_PX[0], NAME_CHAR_PX * longest + NAME_PAD_PX))


def _cell(percent: object) -> str:
    if not isinstance(percent, numbers.Real) or math.isnan(percent):   # a blank cell (not marked)
        return ""
    band = marking.coverage_band(float(percent) / 100)
    return f"background-color: {band.background}; color: {band.text}"


def coloured(shown: pd.DataFrame):
    """The table with each coverage cell coloured by its step of the scale (bad to good)."""
    return shown.style.map(_cell, subset=["coverage"])


def _key_span(band: marking.Band, high: int) -> str:
    """One step of the scale's key: its colour and the whole percentages it holds."""
    return (f'<span style="background-color:{band.background};color:{band.text};padding:0 6px;'
            f'border-radius:3px;white-space:nowrap">{round(band.low * 100)}–{high} %</span>')  # one line on a phone


_HIGHS = [round(b.low * 100) - 1 for b in marking.COVERAGE_BANDS[1:]] + [100]
SCALE_KEY = ("<small>Coverage, bad to good: "
             + " ".join(_key_span(b, h) for b, h in zip(marking.COVERAGE_BANDS, _HIGHS)) + "</small>")


_HELP = {"class_dl_csv": "One row per student: marks, levels, warnings, your overrides and comments, and each "
                         "point's verdict",
         "class_dl_xlsx": "The same table as an Excel workbook",
         "class_dl_zip": "One HTML page of feedback for each student, to send or print"}


def downloads(cur: Current) -> None:
    """The marks table (CSV, Excel) and a zip of per-student feedback pages. Each file is made
    when its button is pressed, and pressing one does not rerun the page."""
    stem = exports.file_name(cur.set.name, set(), suffix="")
    texts = [e.text for e in cur.stored]
    comments = cur.comments()
    # Short labels: three buttons share a row, and a longer one was cut ("…zip of HTML p…").
    files: list[tuple[str, str, str, str, Callable[[], str | bytes]]] = [
        ("Marks table (CSV)", "class_dl_csv", f"{stem}-marks.csv", "text/csv",
         lambda: exports.marks_csv(cur.rows, cur.rubric, cur.overridden, cur.reviewed, comments)),
        ("Marks table (Excel)", "class_dl_xlsx", f"{stem}-marks.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         lambda: exports.marks_excel(cur.rows, cur.rubric, cur.overridden, cur.reviewed, comments)),
        ("Feedback pages (zip)", "class_dl_zip", f"{stem}-feedback.zip", "application/zip",
         lambda: exports.feedback_zip(cur.rows, texts, cur.rubric, cur.overridden, cur.names, comments)),
    ]
    for col, (label, key, file_name, mime, make) in zip(st.columns(len(files)), files):
        col.download_button(label, make, file_name=file_name, mime=mime, key=key, on_click="ignore",
                            icon="⬇️", help=_HELP[key])
