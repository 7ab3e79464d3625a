"""My attempts: marks attempt by attempt per prompt, the points a student keeps missing, past feedback."""
from __future__ import annotations

from contextlib import closing
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.access import practice_account, student_name
from app_pages.common import distinct, question_box, rubrics, when
from app_pages.feedback_view import STATUS_LABEL, render_report
from essaycoach import attempts as att
from essaycoach.inputs import MAX_NAME_CHARS, tidy_name
from essaycoach.markup import counted, escape_markdown, shorten
from essaycoach.report import has_sides, level_cell, level_name, side_name
from essaycoach.rubric import Rubric


def _minutes(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes < 100 else f"{seconds / 3600:.1f} h"


DODGE = 0.08      # how far apart, in attempts, two prompts' points for the same attempt sit
MAX_DODGE = 0.3   # the furthest any prompt's point sits from its attempt's tick


def _title(rubric_id: str, by_id: dict[str, Rubric]) -> str:
    r = by_id.get(rubric_id)
    return r.title if r else f"{rubric_id} (prompt removed)"


def _table(attempts: list[att.Attempt], by_id: dict[str, Rubric]) -> pd.DataFrame:
    """One row per attempt, numbered within its prompt: the charts put attempts side by side in
    the order they were made, so three attempts in one afternoon do not sit on one date."""
    lines: dict[str, str] = {}
    for rid in dict.fromkeys(a.rubric_id for a in attempts):
        short = shorten(_title(rid, by_id))
        lines[rid] = short if short not in lines.values() else f"{short} ({len(lines) + 1})"
    # Each prompt's points sit a little apart, so two prompts' attempt 1 at the same mark stay two points.
    step = min(DODGE, 2 * MAX_DODGE / max(1, len(lines) - 1))
    dodge = {rid: (k - (len(lines) - 1) / 2) * step for k, rid in enumerate(lines)}
    number: dict[str, int] = {}
    rows = []
    for a in attempts:
        number[a.rubric_id] = number.get(a.rubric_id, 0) + 1
        rows.append({
            "attempt": number[a.rubric_id], "position": number[a.rubric_id] + dodge[a.rubric_id],
            "submitted": pd.Timestamp(datetime.fromtimestamp(a.submitted_at)),
            "line": lines[a.rubric_id], "prompt": _title(a.rubric_id, by_id),
            "mark": a.mark, "out of": a.max_mark, "percent": round(100 * a.mark / max(1, a.max_mark)),
            "level": level_cell(a.level), "words": a.words,
            "time used": _minutes(a.seconds_used)})
    return pd.DataFrame(rows)


def _attempt_axis(table: pd.DataFrame) -> alt.X:
    """Whole attempt numbers only (a line between attempt 1 and 2 has no attempt 1.5)."""
    last = int(table["attempt"].max())
    return alt.X("position:Q", title="attempt", scale=alt.Scale(domain=[0.5, last + 0.5], nice=False),
                 axis=alt.Axis(values=list(range(1, last + 1)), format="d"))


def _overview(attempts: list[att.Attempt], by_id: dict[str, Rubric]) -> None:
    st.subheader("Marks attempt by attempt, all prompts")
    table = _table(attempts, by_id)
    # The height holds the legend below the plot as well (one row a prompt): the plot keeps about 200 px.
    height = 320 + 25 * table["line"].nunique()
    chart = alt.Chart(table, height=height).mark_line(point=alt.OverlayMarkDef(size=80)).encode(
        x=_attempt_axis(table),
        y=alt.Y("percent:Q", title="mark (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("line:N", title="Prompt", sort=None,
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=["prompt", "attempt", alt.Tooltip("submitted:T", title="submitted", format="%d %b %Y %H:%M"),
                 "mark", "out of", "level"])
    st.altair_chart(chart, width="stretch", key="progress_overview_chart",
                    alt="Line chart of each attempt's mark as a percentage, attempt by attempt, one line per prompt")
    summary = (table.groupby("prompt", sort=False)
               .agg(attempts=("mark", "size"), best=("percent", "max"), latest=("percent", "last")).reset_index())
    summary["attempts"] = summary["attempts"].map(lambda n: counted(n, "attempt"))
    for column in ("best", "latest"):
        summary[column] = summary[column].map(lambda v: f"{v} %")
    st.dataframe(summary, key="progress_prompts_table", hide_index=True)


def _missed_rows(misses: list[att.MissCount], sides: set[str], latest: dict[str, str]) -> pd.DataFrame:
    # What the point says comes first: it is what to revise (ids are the teacher's). A table,
    # not a data grid: its text wraps, where a grid's cells cut a point off after a few words.
    # A table's cells are Markdown: the teacher's wording is escaped.
    return pd.DataFrame([{
        "latest attempt": STATUS_LABEL[latest[m.point_id]] if m.point_id in latest else "• not in it",
        "what the point says": escape_markdown(m.text),
        **({"side": side_name(m.side, sides) if m.side else ""} if has_sides(sides) else {}),
        "missed in": f"{m.misses} of {counted(m.attempts, 'attempt')}" if m.attempts else "not in your attempts yet",
        "partly made in": f"{m.partial} of {counted(m.attempts, 'attempt')}" if m.attempts else ""}
        for m in misses])


def _missed(misses: list[att.MissCount], latest: dict[str, str]) -> None:
    """Every point, the most often missed first, with how it stands in the latest attempt (a
    point missed once long ago and made since is not marked "missed")."""
    st.markdown("#### Every point, the most often missed first")
    current = [m for m in misses if m.in_prompt]
    if not any(m.misses for m in current):
        if any(m.partial for m in current):   # a partial may be a point said the other way round (a walk)
            st.info("No point was missed outright in any attempt; the table shows those only partly made.")
        else:
            st.success("You have made every point in every attempt.", icon="✔️")
    sides = {m.side for m in misses if m.side}
    st.table(_missed_rows(current, sides, latest), hide_index=True)
    gone = [m for m in misses if not m.in_prompt]
    if gone:
        st.caption("Points of your earlier attempts that your teacher has since removed or reworded:")
        st.table(_missed_rows(gone, sides, latest), hide_index=True)


def _prompt_detail(student: str, rubric_id: str, by_id: dict[str, Rubric]) -> None:
    rubric = by_id.get(rubric_id)
    account = practice_account()
    with closing(att.open_db()) as db:
        attempts = att.list_attempts(db, student, rubric_id, account=account)
        misses = att.missed_points(db, student, rubric_id, rubric, account=account)
    if not attempts:
        st.info("No attempts at this prompt yet.")
        return
    marks = [a.mark for a in attempts]
    cols = st.columns(3)
    cols[0].metric("Attempts", len(attempts))
    cols[1].metric("Best mark", f"{max(marks)} / {attempts[-1].max_mark}")
    change = marks[-1] - marks[-2] if len(marks) > 1 else None
    cols[2].metric("Latest mark", f"{marks[-1]} / {attempts[-1].max_mark}",
                   delta=None if change is None else f"{change:+d} on the attempt before" if change else
                   "the same as the attempt before",
                   delta_color="off" if not change else "normal", delta_arrow="off" if not change else "auto")
    table = _table(attempts, by_id)
    chart = alt.Chart(table).mark_line(point=alt.OverlayMarkDef(size=80)).encode(
        x=_attempt_axis(table),
        y=alt.Y("mark:Q", title="mark", scale=alt.Scale(domain=[0, attempts[-1].max_mark])),
        tooltip=["attempt", alt.Tooltip("submitted:T", title="submitted", format="%d %b %Y %H:%M"), "mark",
                 "out of", "level", "words", "time used"])
    st.altair_chart(chart, width="stretch", key="progress_prompt_chart",
                    alt=f"Line chart of the mark at each attempt at {_title(rubric_id, by_id)}")
    _missed(misses, {p.id: p.status for p in attempts[-1].report(rubric).points})
    st.markdown("#### Your attempts")
    st.dataframe(table.drop(columns=["prompt", "line", "position"]), key="progress_attempts_table", hide_index=True,
                 column_config={"submitted": st.column_config.DatetimeColumn("submitted", format="D MMM YYYY, HH:mm"),
                                "percent": st.column_config.NumberColumn("percent", format="%d %%")})
    _reopen(list(reversed(attempts)), rubric)


def _reopen(attempts: list[att.Attempt], rubric: Rubric | None) -> None:
    """The picker of a prompt's ``attempts`` (newest first), numbered as the chart numbers them."""
    by_id = {a.id: a for a in attempts}
    chosen = st.selectbox(
        "Reopen an attempt's feedback", list(by_id), index=None, key="progress_attempt",
        placeholder="Choose an attempt",
        format_func=distinct({a.id: f"Attempt {len(attempts) - k} · {when(a.submitted_at)} · {a.mark}/{a.max_mark} · "
                                    f"{level_name(a.level)} · {counted(a.words, 'word')}"
                              for k, a in enumerate(attempts)}))
    if chosen is None:
        return
    attempt = by_id[chosen]
    report = attempt.report(rubric)
    st.caption("The question and the feedback exactly as they were when you submitted.")
    if report.question:
        question_box(report.question)
    render_report(report, attempt.essay, key_prefix=f"progress_{attempt.id}")


def main() -> None:
    ss = st.session_state
    st.title("My attempts")
    name = student_name()  # classroom mode: the signed-in student, no name box; personal mode: None
    if not name:
        if "progress_student" not in ss:
            ss["progress_student"] = ss.get("student_name", "")
        name = tidy_name(st.text_input(
            "Your name", key="progress_student", max_chars=MAX_NAME_CHARS,
            help="The name you typed on the practice page."))
    if not name:
        st.info("Type your name to see your attempts.")
        return
    ss["student_name"] = name
    good, _ = rubrics()
    by_id = {r.id: r for r in good}
    account = practice_account()
    with closing(att.open_db()) as db:
        attempts = att.list_attempts(db, name, account=account)
        drafts = att.list_drafts(db, name, account=account)
    if drafts:
        st.info("Unfinished drafts (resume them on the Timed practice page): " + "; ".join(
            f"{escape_markdown(_title(d.rubric_id, by_id))} ({counted(d.words, 'word')}, saved {when(d.saved_at)})"
            for d in drafts),
            icon="✏️")
    if not attempts:
        st.info(f"No submitted attempts for {escape_markdown(name)} yet. Essays you submit on the Timed practice page "
                "appear here.")
        return
    _overview(attempts, by_id)
    latest_first = list(dict.fromkeys(a.rubric_id for a in reversed(attempts)))
    rubric_id = st.selectbox(
        "Prompt", latest_first, key="progress_rubric",
        format_func=distinct({i: _title(i, by_id) for i in latest_first}, str),
        help="Latest first. The table above counts each prompt's attempts.")
    if rubric_id is not None:
        _prompt_detail(name, rubric_id, by_id)


main()
