"""Rubric editor: the prompt's fields, its levels and its points, each with its problems beside it.

A field with a problem gets an anchor (``fix-<field>``) that the list at the Save button links
to. A point's panel keeps its key, so typing in it never folds it away.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import editor_copy as wc
from app_pages.editor_exemplars import learnt, summary, wordings
from essaycoach.markup import counted, escape_markdown, html_id, shorten
from essaycoach.rubric import MAX_MARKS, SIDES
from essaycoach.rubric_edit import (
    blank_rubric,
    describe_problem,
    fitted_levels,
    minutes_for,
    problem_field,
    short_descriptors,
    stated_marks,
)
from essaycoach.thresholds import Calibration
from essaycoach.verdicts import SHORT_LEVELS, SHORT_MARKS


def anchor(field: str) -> str:
    """The HTML id of a field's place on the page: ``points[2]`` -> ``fix-points-2``."""
    return html_id("fix-", field)


def problem_text(message: str, draft: dict[str, Any]) -> str:
    """A validation problem as Markdown: it quotes the teacher's own text, so it is escaped."""
    return escape_markdown(describe_problem(message, draft))


def place(by_field: dict[str, list[str]], *keys: str) -> None:
    """The anchors the Save button's list links to, put above the field so that following a link
    shows the field with its problem under it."""
    for key in keys:
        if by_field.get(key):
            st.markdown(f'<a id="{anchor(key)}" style="scroll-margin-top:5rem"></a>', unsafe_allow_html=True)


def problems_under(by_field: dict[str, list[str]], draft: dict[str, Any], *keys: str) -> None:
    """The problems of the field just drawn, right under it (above the next field's label, a
    problem read as that field's: "question: is required" sat under Title)."""
    for key in keys:
        for message in by_field.get(key, []):
            st.error(problem_text(message, draft), icon="⚠️")


def errors(by_field: dict[str, list[str]], key: str, draft: dict[str, Any]) -> None:
    place(by_field, key)
    problems_under(by_field, draft, key)


def seed_title(file: str) -> str:
    """``Section 3 - Stalin's rise to power 1924-29 · note 003``: the note's title and which it is."""
    lines = wc.notes().get(file)
    if lines is None:
        return file if file == wc.NONE else f"{file} (not in the notes)"
    return wc.note_name(file)


def _files(current: str | None) -> list[str]:
    files = [wc.NONE] + sorted(wc.notes())
    return files + [current] if current and current not in files else files


def fields(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader("Prompt")
    cols = st.columns(2)
    with cols[0]:
        place(by_field, "id")
        st.text_input("Id (the file name: lower-case letters, digits, single hyphens)",
                      value=draft.get("id", ""), key=wc.key("id"))
        problems_under(by_field, draft, "id")
    with cols[1]:
        place(by_field, "title")
        st.text_input("Title", value=draft.get("title", ""), key=wc.key("title"),
                      placeholder="e.g. Why did Stalin win the power struggle?")
        problems_under(by_field, draft, "title")
    place(by_field, "question")
    st.text_area("Question", value=draft.get("question", ""), key=wc.key("question"),
                 height=80)
    problems_under(by_field, draft, "question")
    row_fields = ("topic", "source", "minutes", "marks")
    place(by_field, *row_fields)
    row = st.columns([2, 3, 1, 1])
    row[0].text_input("Topic (groups prompts)", value=draft.get("topic", ""), key=wc.key("topic"))
    source = draft.get("source") or wc.NONE
    files = _files(source)
    row[1].selectbox("Source notes", files, index=files.index(source), key=wc.key("source"), format_func=seed_title)
    row[2].number_input("Minutes", step=5, value=int(draft.get("minutes") or 45), key=wc.key("minutes"),
                         help="Time allowed in timed practice: 1 to 300. The words expected scale with it: "
                              "for a short-answer question, set its real time (e.g. 5)")
    row[3].number_input("Marks", step=1, value=int(draft.get("marks") or 25), key=wc.key("marks"),
                         help="The maximum mark: 1 to 200; the top level ends here. For a short-answer "
                              "question, set its real marks and one to three levels")
    problems_under(by_field, draft, *row_fields)   # each named by its label: "Minutes: ..."
    blank = blank_rubric()
    stated, marks = stated_marks(str(draft.get("question") or "")), int(draft.get("marks") or 25)
    if stated is not None and stated != marks:
        # An exam question carries its tariff: a new rubric left at 25 marks would mark a 4-mark
        # answer as an essay ("too short", asked for a judgement): a walk's finding.
        st.warning(f"The question says {counted(stated, 'mark')}, but Marks is {marks}: set Marks "
                   f"to {stated} (and its minutes to match) if that is its real tariff.", icon="⚠️")
        if 1 <= stated <= MAX_MARKS:
            # Minutes follow only while they are the blank rubric's: a time the teacher set is kept
            # (a walk saw "Minutes to 1" offered for 4 marks once Marks had been set to 30).
            now = int(draft.get("minutes") or blank["minutes"])
            minutes = minutes_for(stated, now, marks, short=stated <= SHORT_MARKS) if now == blank["minutes"] \
                else None
            st.button(f"Set Marks to {stated}" + (f" and Minutes to {minutes}" if minutes else "")
                      + ", and fit the levels to them", key="editor_marks_fit", on_click=_fit_levels,
                      args=(stated, minutes))
    if st.session_state.get(wc.BLANK) and (draft.get("minutes"), draft.get("marks")) == (blank["minutes"],
                                                                                            blank["marks"]):
        # A rubric begun blank and still at its defaults: say what they assume (not a copy's, nor
        # once the teacher has set them: it stayed under a saved 5-minute, 4-mark question).
        st.caption("A new rubric starts as a 45-minute, 25-mark essay in five levels: for a short-answer "
                   "question, set its minutes and marks and keep one to three levels, so a complete short "
                   "answer earns full marks.")


def levels(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader(f"Levels ({len(draft['levels'])})")
    st.caption("Lowest first; mark bands must run on from 1 without gaps and end at the maximum mark.")
    errors(by_field, "levels", draft)
    for i, lv in enumerate(draft["levels"]):
        place(by_field, f"levels[{i}]")
        cols = st.columns([1, 1, 6])
        cols[0].number_input(f"Level {i + 1}: from mark", step=1, value=int(lv["marks"][0]), key=wc.key(f"l{i}_low"))
        cols[1].number_input(f"Level {i + 1}: to mark", step=1, value=int(lv["marks"][1]), key=wc.key(f"l{i}_high"))
        cols[2].text_area(f"Level {i + 1}: descriptor", value=lv.get("descriptor", ""), key=wc.key(f"l{i}_desc"),
                          height=68)
        problems_under(by_field, draft, f"levels[{i}]")
    marks = int(draft.get("marks") or 0)
    with st.container(horizontal=True):
        st.button("Add a level", key="editor_level_add", on_click=_level_count, args=(1,))
        st.button("Remove the top level", key="editor_level_remove", on_click=_level_count, args=(-1,),
                  disabled=not draft["levels"])
        if 0 < marks <= MAX_MARKS and fitted_levels(draft["levels"], marks) != draft["levels"] and (
                any(k.startswith("levels") or k == "marks" for k in by_field)):
            # Bands that no longer fit the maximum mark (Marks changed from 25 to 4): one click
            # spreads them over it, rather than retyping every band before the rubric can be saved.
            st.button(f"Fit the levels to {counted(marks, 'mark')}", key="editor_levels_fit", type="primary",
                      on_click=_fit_levels, args=(marks,))


def _fit_levels(marks: int, minutes: int | None = None) -> None:
    """Marks set to ``marks`` (and the minutes to ``minutes``, if given) and the levels spread
    over them; a short-answer tariff keeps at most :data:`~essaycoach.verdicts.SHORT_LEVELS`
    levels, as such a question is marked by its points."""
    wc.fresh()
    draft = wc.sync()
    draft["marks"] = marks
    if minutes is not None:
        draft["minutes"] = minutes
    short = marks <= SHORT_MARKS
    draft["levels"] = fitted_levels(draft["levels"], marks, SHORT_LEVELS if short else None)
    if short:   # the blank rubric's essay descriptors ask for a judgement a short answer is not marked on
        draft["levels"] = short_descriptors(draft["levels"])
    st.session_state[wc.FORM] = wc.new_uid()   # the fields anew, showing the fitted values (wc.key)


def _level_count(step: int) -> None:
    wc.fresh()
    lvls = wc.sync()["levels"]
    if step > 0:
        top = lvls[-1]["marks"][1] if lvls else 0
        lvls.append({"level": len(lvls) + 1, "marks": [top + 1, top + 5], "descriptor": ""})
    elif lvls:
        lvls.pop()


def _move(uid: int, step: int) -> None:
    wc.fresh()
    pts = wc.sync()["points"]
    i = next(n for n, p in enumerate(pts) if p["_uid"] == uid)
    if 0 <= i + step < len(pts):
        pts[i], pts[i + step] = pts[i + step], pts[i]


def _delete(uid: int) -> None:
    wc.fresh()
    draft = wc.sync()
    gone = next(p for p in draft["points"] if p["_uid"] == uid)
    draft["points"] = [p for p in draft["points"] if p["_uid"] != uid]
    st.session_state[wc.NOTICE] = f"Deleted point {gone.get('id') or '(no id)'!r} (not saved yet)."


_UNDER = ("id", "side", "weight", "text", "aliases", "source")   # the point's fields, in the panel's order


def _point(n: int, p: dict[str, Any], last: int, problems: list[str], draft: dict[str, Any],
           cal: Calibration | None) -> None:
    k, uid, name = f"editor_p_{p['_uid']}_", p["_uid"], f"Point {n + 1}"
    # Each problem under the field it is about; one about the whole point at the top.
    by_place: dict[str, list[str]] = {}
    for message in problems:
        field = problem_field(message)
        by_place.setdefault(field if field in _UNDER else "", []).append(message)

    def under(*fields: str) -> None:
        for message in (m for f in fields for m in by_place.get(f, [])):
            st.error(problem_text(message, draft), icon="⚠️")

    under("")
    cols = st.columns([2, 1, 1])
    cols[0].text_input(f"{name}: id", value=p.get("id", ""), key=wc.point_key(p, "id"),
                       help="Short and readable, made from the point's words; change it if you like. Once "
                            "you have marked with the rubric, keep it: your verdicts and learnt wordings "
                            "are tied to the id.")
    side = p.get("side") or SIDES[0]   # an unknown side stays on show, so its problem does too
    sides = list(SIDES) + ([side] if side not in SIDES else [])
    cols[1].selectbox(f"{name}: side", sides, index=sides.index(side), key=k + "side")
    cols[2].number_input(f"{name}: weight", step=0.1, value=float(p.get("weight", 1.0)), key=k + "weight",
                         help="Above 0 and at most 10; 1 is usual, 1.5 for a key point")
    under("id", "side", "weight")
    st.text_area(f"{name}: text (the point as a teacher would put it)", value=p.get("text", ""), key=k + "text",
                 height=70)
    under("text")
    st.text_input(f"{name}: aliases (other phrasings, separated by ;)",
                  value="; ".join(p.get("aliases") or []), key=k + "aliases")
    under("aliases")
    wordings(p, cal, draft)
    source = p.get("source") or {}
    file = source.get("file") or wc.NONE
    cols = st.columns([3, 1])
    files = _files(file)
    cols[0].selectbox(f"{name}: citation, seed file", files, index=files.index(file), key=k + "file",
                      format_func=seed_title)
    cols[1].number_input(f"{name}: citation, line", step=1, value=int(source.get("line") or 0), key=k + "line")
    under("source")
    lines = wc.notes().get(file, ())
    if file != wc.NONE and 1 <= int(source.get("line") or 0) <= len(lines):
        st.caption(f"Line {source['line']} says: “{escape_markdown(lines[source['line'] - 1].strip()[:300])}”")
    with st.container(horizontal=True):
        st.button(f"Move point {n + 1} up", key=k + "up", on_click=_move, args=(uid, -1), disabled=n == 0)
        st.button(f"Move point {n + 1} down", key=k + "down", on_click=_move, args=(uid, 1), disabled=n == last)
        st.button(f"Delete point {n + 1}", key=k + "del", on_click=_delete, args=(uid,))


def points(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader(f"Points ({len(draft['points'])})")
    st.caption("Each point is evidence an essay should use. Open a point to edit it; a point with a "
               "problem opens, the problem shown inside. The headings follow your edits when you save.")
    errors(by_field, "points", draft)
    cal = learnt()
    summary(cal, draft)
    for n, p in enumerate(draft["points"]):
        problems = by_field.get(f"points[{n}]", [])
        key = f"editor_p_{p['_uid']}_open"
        if problems or key not in st.session_state:   # a keyed panel keeps its state while its label changes
            st.session_state[key] = bool(problems) or not p.get("text")
        if problems:
            st.markdown(f'<a id="{anchor(f"points[{n}]")}" style="scroll-margin-top:5rem"></a>', unsafe_allow_html=True)
        # The label is fixed when the point first shows: a panel's identity includes its label,
        # so a label that followed the typing would fold the panel at every keystroke.
        p.setdefault("_label", f"{p.get('id') or '(new point)'} · {shorten(p.get('text') or '(no text yet)', 70)}")
        label = escape_markdown(f"{n + 1}. {p['_label']}")
        # No problem marker in the label either: a panel whose label changes is a new panel, so it
        # would fold the moment its problem is fixed, while the teacher is still typing in it.
        with st.expander(label, key=key, on_change="rerun"):
            _point(n, p, len(draft["points"]) - 1, problems, draft, cal)
