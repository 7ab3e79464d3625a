"""Render one essay's feedback (a :class:`Report`): shared by the student and teacher pages.

Every piece of essay or rubric text goes through ``essaycoach.markup`` before it is put into
HTML or Markdown, so an essay containing ``<script>`` shows as text and never runs. Status is always
given as a word and an icon as well as a colour.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import altair as alt
import pandas as pd
import streamlit as st

from essaycoach.engine import MAX_ESSAY_CHARS, clip_essay
from essaycoach.markup import escape_html as _esc
from essaycoach.markup import escape_markdown, shorten
from essaycoach.report import (
    NONE_IN_NOTES,
    STATUS,
    UNCREDITED,
    PointResult,
    Report,
    has_sides,
    level_cell,
    notes_cover_none,
    only_just,
    partly_label,
    passing_note,
    says_otherwise,
    side_name,
)

STATUS_LABEL = {name: s.label for name, s in STATUS.items()}
# Pale fills keep black text readable in light and dark themes; the chart uses stronger tones.
_FILL = {"covered": "#c8efc8", "partial": "#ffe9a8", "missing": "#e4e4e4"}
_CHART = {"covered": "#2e7d32", "partial": "#f0a500", "missing": "#9e9e9e"}
_BALANCE_NOTE = {
    "balanced": ("✔", "you developed both sides of the argument."),
    "n/a": ("•", "this question is not argued for and against, so balance is not judged."),
    "no argument yet": ("✘", "no points were made on either side yet."),
}
_JUDGEMENT_NOTE = {
    "reasoned": ("✔ reasoned", "you reached a judgement, and your essay gives reasons for it."),
    "asserted": ("◐ asserted", "you gave a judgement but did not say why: support it with evidence."),
    "none": ("✘ none", "no overall judgement found: end with a conclusion that answers the question."),
    "n/a": ("• n/a", "this question asks you to explain, not to weigh a case, so no overall judgement is needed."),
}


def side_label(side: str, report: Report) -> str:
    """A side as the feedback names it (:func:`report.side_name`)."""
    return side_name(side, [s.side for s in report.sides])


def _html(inner: str, space_after: bool = False) -> None:
    # One <div> on one line is a single raw-HTML block: Markdown never rewrites the essay text.
    # ``space_after``: room before the next heading (the essay ran straight into "To work on").
    style = ' style="margin-bottom:1.5rem"' if space_after else ""
    st.markdown(f'<div class="essaycoach-feedback"{style}>{inner}</div>', unsafe_allow_html=True)


def by_id(p: PointResult) -> str:
    """A point named by its id: the teacher's name for it (the marking screen links by it)."""
    return p.id


def by_text(p: PointResult) -> str:
    """A point named by the start of what it says: a student's name for it (ids are slugs)."""
    return shorten(p.text, 40)


def _badge(p: PointResult, name: Callable[[PointResult], str]) -> str:
    return (f'<span style="border:1px solid #555;border-radius:4px;padding:0 4px;margin:0 2px;'
            f'font-size:0.8em;white-space:nowrap;background:{_FILL[p.status]};color:#111" '
            f'title="{_esc(p.text)}">{STATUS_LABEL[p.status]}: {_esc(name(p))}</span>')


def highlight_html(essay: str, points: Sequence[PointResult], name: Callable[[PointResult], str] = by_id) -> str:
    """The essay as escaped HTML, each passage that made a point in <mark> and labelled after
    (``name`` gives each point's label).

    Several points can share a passage, and a multi-sentence passage can contain a shorter
    one, so the text is cut at every span boundary and each piece marked if any span covers it.
    """
    text, _ = clip_essay(essay)  # what was marked: the spans are offsets into it
    spans: dict[tuple[int, int], list[PointResult]] = {}
    for p in points:
        if p.status != "missing" and p.span:
            start, end = max(0, int(p.span[0])), min(len(text), int(p.span[1]))
            if start < end:
                spans.setdefault((start, end), []).append(p)
    cuts = sorted({0, len(text)} | {s for s, _ in spans} | {e for _, e in spans})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        covering = [p for (s, e), ps in spans.items() if s <= a and b <= e for p in ps]
        piece = _esc(text[a:b])
        if covering:
            status = "covered" if any(p.status == "covered" for p in covering) else "partial"
            names = "; ".join(f"{STATUS_LABEL[p.status]}: {name(p)}" for p in covering)
            piece = (f'<mark style="background:{_FILL[status]};color:#111;padding:0 1px" '
                     f'title="{_esc(names)}">{piece}</mark>')
        out.append(piece)
        for (s, e) in sorted(k for k in spans if k[1] == b):
            out.append("".join(_badge(p, name) for p in spans[(s, e)]))
    return "".join(out)


def _coverage_chart(report: Report) -> alt.Chart:
    rows = [{"side": side_label(s.side, report), "status": STATUS_LABEL[status], "rank": i,
             "points": n}
            for s in report.sides
            for i, (status, n) in enumerate((("covered", s.covered), ("partial", s.partial),
                                             ("missing", s.total - s.covered - s.partial)))]
    labels = [STATUS_LABEL[k] for k in ("covered", "partial", "missing")]
    return alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        x=alt.X("points:Q", title="rubric points", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("side:N", title=None, sort=[side_label(s.side, report) for s in report.sides]),
        color=alt.Color("status:N", scale=alt.Scale(domain=labels, range=list(_CHART.values())),
                        legend=alt.Legend(title="Status")),
        order=alt.Order("rank:Q"),
        tooltip=["side", "status", "points"],
    ).properties(height=alt.Step(40))


def _summary(report: Report, teacher: tuple[int, int] | None) -> None:
    counts = report.status_counts()
    cols = st.columns(4)
    if teacher is not None:  # the teacher's mark stands alone: no machine estimate beside it
        cols[0].metric("Your teacher's mark", f"{teacher[0]} / {report.max_mark}")
        cols[1].metric("Level", level_cell(teacher[1]))
    else:
        cols[0].metric("Estimated mark", f"{report.mark} / {report.max_mark}")
        # "below 1" (report.level_cell), not "below level 1": under the label "Estimated level", and it fits
        # a quarter of the page.
        cols[1].metric("Estimated level", level_cell(report.level))
    cols[2].metric("Coverage", f"{report.coverage:.0%}",
                   help=f"{counts['covered']} covered, {counts['partial']} partial, {counts['missing']} "
                        f"missing of {len(report.points)} points; partial points count half")
    cols[3].metric("Words", f"{report.words:,}")
    lines = [f"<b>{_esc(side_label(s.side, report))}</b>: {s.covered} {STATUS_LABEL['covered']}, "
             f"{s.partial} {STATUS_LABEL['partial']}, {s.total - s.covered - s.partial} "
             f"{STATUS_LABEL['missing']} (of {s.total})" for s in report.sides]
    _html("<br>".join(lines))


def _verdicts(report: Report, advice: bool) -> None:
    icon, note = _BALANCE_NOTE.get(report.balance, ("◐", "one side is much stronger than the other: "
                                                          "develop the weaker side too."))
    if report.balance.startswith("one-sided"):
        icon, note = "✘", "only one side is argued; weigh the other side before you judge."
    elif report.balance.startswith("underdeveloped"):
        thin = report.balance[len("underdeveloped ("):-1]
        note = ("both sides are argued, but "
                + ("each needs" if thin == "both" else f"the case {thin} needs")
                + " more development: explain each point more fully.")
    label, why = _JUDGEMENT_NOTE.get(report.judgement, ("•", ""))
    codes = {w.code for w in report.warnings}
    if report.judgement == "none" and "off-topic" in codes:
        why = "your essay seems to answer another question, so it reaches no judgement on this one."
    elif report.judgement == "none" and "not-english" in codes:
        why = "your answer is not in English, so it could not be read for a judgement."
    passing = passing_note(report)
    if passing:
        note = f"{note} {passing}"
    parts = [f"<b>Balance</b>: {icon} {_esc(report.balance)} — {_esc(note)}",
             f"<b>Judgement</b>: {_esc(label)} — {_esc(why)}"]
    if report.judgement_sentence:
        parts.append(f"<i>Your judgement:</i> “{_esc(report.judgement_sentence)}”")
    _html("<br>".join(parts))
    if report.next_steps and advice:
        st.markdown("**To reach a higher level**\n\n" + "\n".join(f"- {escape_markdown(s)}" for s in report.next_steps))


def _to_work_on(report: Report) -> None:
    todo = sorted((p for p in report.points if p.status != "covered"),
                  key=lambda p: (p.status != "partial", -p.weight))
    if not todo:
        st.success("✔ Every point on the rubric was covered.")
        return
    once = notes_cover_none(report.points)
    if once:
        _html(f"<i>{_esc(NONE_IN_NOTES)}</i>")
    sided = has_sides([s.side for s in report.sides])
    for p in todo:
        # The point by its text: its id is the mark scheme's slug, no name for a student.
        side = f" · {_esc(side_label(p.side, report))}" if sided else ""
        parts = [f"<b>{STATUS_LABEL[p.status]}</b>{side}<br>{_esc(p.text)}"]
        if p.status == "partial" and p.sentence:
            parts.append(f"<i>Closest you came:</i> “{_esc(p.sentence)}”")
        if p.status == "partial" and p.why:
            parts.append(f"<i>{partly_label(p)}:</i> {_esc(p.why)}")
        if says_otherwise(p):
            parts.append(f"<i>{_esc(UNCREDITED)}</i>")
        if p.where_to_read is None:
            parts.append(f"<b>Read this</b> ({_esc(p.source_label)}): "
                         f"<q>{_esc(p.evidence or '')}</q>")
        elif not once:
            parts.append(f"<b>Read this</b>: {_esc(p.where_to_read)}.")
        _html(f'<div style="border-left:4px solid {_CHART[p.status]};padding:2px 8px;margin:6px 0">'
              + "<br>".join(parts) + "</div>")


def show_essay(essay_text: str) -> None:
    """The essay as sent, escaped, nothing highlighted: what a student can re-read while the
    marking waits for release (a walk's student could not see what they had sent)."""
    _html(highlight_html(essay_text, []) if essay_text.strip() else "<i>(empty essay)</i>")


def render_report(report: Report, essay_text: str, key_prefix: str, teacher: tuple[int, int] | None = None) -> None:
    """Show a report: summary, warnings, verdicts, chart, highlighted essay and what to read.

    Parameters
    ----------
    report:
        The feedback to show (fresh from the engine, or rebuilt from storage).
    essay_text:
        The essay exactly as graded; the report's spans index into it.
    key_prefix:
        Prefix for element keys, unique per report on the page.
    teacher:
        The teacher's (mark, level), once released: shown instead of the engine's estimate, and
        the advice on reaching a higher level (which follows the estimate) is left out. The
        report's verdicts should then be the ones standing after the teacher's marking.
    """
    _summary(report, teacher)
    for flag in report.warnings:
        st.warning(f"**{flag.title}**: {escape_markdown(flag.message)}", icon="⚠️")
    _verdicts(report, advice=teacher is None)
    if report.sides:
        st.altair_chart(_coverage_chart(report), width="stretch", key=f"{key_prefix}_chart",
                        alt="Bar chart of rubric points covered, partly covered and missing on each side")

    st.markdown("#### Your essay")
    st.caption("Passages that made a point are highlighted; the label after each names the point "
               "(✔ covered, ◐ partial), and the lists below give each point in full.")  # no "hover": phones
    if clip_essay(essay_text)[1]:
        st.info(f"Only the first {MAX_ESSAY_CHARS:,} characters were marked, so only they are shown "
                f"(the essay has {len(essay_text):,}).")
        # Folded away: pages of a paste would bury the points below (walk: 100,000 characters shown)
        with st.expander(f"Show the {MAX_ESSAY_CHARS:,} characters marked"):
            _html(highlight_html(essay_text, report.points, name=by_text))
    else:
        _html(highlight_html(essay_text, report.points, name=by_text) if essay_text.strip()
              else "<i>(empty essay)</i>", space_after=True)

    st.markdown("#### To work on: missing and partial points")
    _to_work_on(report)
    made = [p for p in report.points if p.status == "covered"]
    if made:
        st.markdown("#### Points you made")
        st.caption("Each point as the mark scheme puts it, then the sentence of yours that made it.")
        _html("<br>".join(f"<b>{STATUS_LABEL['covered']}</b> · {_esc(p.text)}"
                          + (f"<br>&nbsp;&nbsp;<i>you wrote:</i> “{_esc(p.sentence)}”" if p.sentence else "")
                          + (f"<br>&nbsp;&nbsp;<i>{_esc(doubt)}</i>"
                             if teacher is None and (doubt := only_just(p)) else "")
                          for p in made))
