"""Rubric editor: prompts, levels and points; suggest evidence from the notes; try a sample
essay; save (validated, atomic, versioned); restore, import and export; mend broken files.

The page lays the sections out; the working copy and its actions are in ``editor_copy``, the
form in ``editor_form``, the tools in ``editor_tools`` and ``editor_suggest``, and the rules in
``essaycoach.editor_state``.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import editor_copy as wc
from app_pages.access import require_teacher
from app_pages.editor_form import anchor, errors, fields, levels, points, problem_text
from app_pages.editor_suggest import add_point, follow_text, suggest
from app_pages.editor_tools import broken_files, mend_as_text, sharing, try_it, versions
from essaycoach.editor_state import (
    formatting_shown_as_typed,
    one_sided,
    question_only_aliases,
    readable_id,
    seed_questions,
)
from essaycoach.loaders import rubric_ids
from essaycoach.markup import counted, escape_markdown
from essaycoach.rubric_edit import blank_rubric, plain, point_id, problems_by_field

NEW = "(new blank rubric)"


def _on_open() -> None:
    wc.fresh()
    pick = st.session_state.get("editor_pick") or NEW
    if pick == NEW:
        wc.ask_first("open a blank rubric", "blank", blank_rubric(point_id("new prompt", rubric_ids())))
    else:
        wc.ask_first(f"open {pick}", "open", pick)


def _on_new_from_question() -> None:
    wc.fresh()
    choice = st.session_state.get("editor_seed_question")
    found = next((q for q in seed_questions(wc.notes()) if q.label == choice), None)
    if found is not None:
        wc.ask_first("start a rubric from that question", "question", found.file, found.question,
                     readable_id(found.question, rubric_ids(), words=4))


def _on_copy() -> None:
    wc.fresh()
    draft = wc.sync()
    new_id = point_id(f"{draft.get('id') or 'rubric'} copy", rubric_ids())
    draft["id"] = new_id
    st.session_state.update({wc.FORM: wc.new_uid(),   # the fields anew, the new id in theirs (wc.key)
                             wc.ORIGIN: None, wc.DISK: None, wc.STATIC: None, wc.BLANK: False,
                             "editor_pick": NEW,  # the chooser names what is open: nothing saved yet
                             wc.NOTICE: f"A copy with the new id {new_id!r}: edit it, then save (the original "
                                        "is unchanged)."})


def chooser() -> None:
    ids = rubric_ids()
    if "editor_pick" not in st.session_state:  # back from another page: it names the rubric being edited
        origin = st.session_state.get(wc.ORIGIN)
        st.session_state["editor_pick"] = origin if origin in ids else NEW
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox("Rubric to edit", [NEW] + ids, key="editor_pick", width=420)
        st.button("Open this rubric", key="editor_load", on_click=_on_open)
    questions = seed_questions(wc.notes())
    if questions:
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.selectbox("…or start a new rubric from an exam question in the notes", [q.label for q in questions],
                         key="editor_seed_question", width=420)
            st.button("Start from this question", key="editor_new_seed", on_click=_on_new_from_question)


def pending() -> None:
    """Ask before an action that would replace unsaved edits (the editor stays on show below)."""
    held = st.session_state.get(wc.PENDING)
    if not held:
        return
    what = escape_markdown(held[0])
    st.warning(f"⚠️ You have unsaved changes. To {what} they would be discarded: save them first, or discard them.")
    with st.container(horizontal=True):
        st.button(f"Discard my changes and {what}", key="editor_discard_ok", on_click=wc.confirm)
        st.button("Keep editing", key="editor_discard_cancel", type="primary", on_click=_keep_editing)


def _keep_editing() -> None:
    """Drop the held action; the chooser names again what is open (it named what was to be opened)."""
    origin = st.session_state.get(wc.ORIGIN)
    st.session_state.update({wc.PENDING: None, "editor_pick": origin if origin in rubric_ids() else NEW})


def status(draft: dict[str, Any], problems: list[str]) -> None:
    origin = st.session_state.get(wc.ORIGIN)
    state = "● unsaved changes" if plain(draft) != st.session_state.get(wc.BASE) else "✔ no unsaved changes"
    st.caption(f"Editing **{escape_markdown(origin)}** · {state}" if origin
               else f"Editing a new rubric, not saved yet · {state}")
    notice = st.session_state.get(wc.NOTICE)
    if notice:
        _notice(notice)
    static = st.session_state.get(wc.STATIC)
    if static and not static[2]:
        heading, extra, _ = static
        st.error(f"{escape_markdown(heading)}:\n\n" + "\n".join(f"- {problem_text(p, draft)}" for p in extra),
                 icon="⚠️")
    if problems:
        st.warning(f"⚠️ {counted(len(problems), 'problem')} to fix before saving: each is shown beside its field, and "
                   "listed with links at the Save button.")


def _notice(notice: str) -> None:
    """The editor's last notice: a warning or a success when it says so (⚠️, ✔), else news
    ("Added point 16 (not saved yet)", "Nothing to save")."""
    show = st.warning if notice.startswith("⚠️") else st.success if notice.startswith("✔") else st.info
    show(escape_markdown(notice))


# Notices of what a click at the foot of the page did, said there as well (the top is off screen).
_SAID_BELOW = ("✔ Saved", "⚠️ Saved", "Nothing to save", "Added point", "Deleted point")


def _problem_links(problems: list[str], draft: dict[str, Any]) -> str:
    """Each problem as a Markdown list item linking to its field (``#fix-...``)."""
    out = []
    for message in problems:
        field = next(iter(problems_by_field([message])))
        text = problem_text(message, draft)
        out.append(f"- [{text}](#{anchor(field)})" if field != "rubric" else f"- {text}")
    return "\n".join(out)


def save_bar(draft: dict[str, Any], problems: list[str], by_field: dict[str, list[str]]) -> None:
    """The Save button, with whatever stopped the last save right beside it."""
    errors(by_field, "rubric", draft)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button("Save rubric", key="editor_save", type="primary", on_click=wc.on_save, icon="✔️")
        st.button("Copy as a new rubric", key="editor_copy", on_click=_on_copy,
                  help="Keep these fields and points under a new id; the original is unchanged")
        # Short, as a checkbox in a row is cut to one line (a phone showed "...(its current versi…").
        st.checkbox("Replace the existing rubric", key=wc.key("overwrite"), value=False,
                    help="Save over the rubric with this id; its current version is kept under Versions")
    question = str(draft.get("question") or "")
    for advice in filter(None, [one_sided(question, [str(p.get("side")) for p in draft["points"]]),
                                *question_only_aliases(question, draft["points"]),
                                *formatting_shown_as_typed(draft["points"])]):
        st.warning(f"⚠️ {escape_markdown(advice)}")
    static = st.session_state.get(wc.STATIC)
    stopped = problems + (list(static[1]) if static and static[2] else [])
    notice = str(st.session_state.get(wc.NOTICE) or "")
    if notice.startswith(_SAID_BELOW):
        _notice(notice)
    if st.session_state.get(wc.SAVE_FAILED) and stopped:
        st.error(f"**Not saved**: {counted(len(stopped), 'problem')}. Click one to go to its field:\n\n"
                 + _problem_links(stopped, draft), icon="⚠️")
    elif st.session_state.get(wc.CHECK) and not problems and not static:
        st.info("✔ No problems left: save when ready.")


def main() -> None:
    require_teacher()  # classroom mode: the teacher only (no-op in personal mode)
    st.title("Rubric editor")
    if wc.DRAFT not in st.session_state:
        wc.load(blank_rubric(point_id("new prompt", rubric_ids())), None, blank=True)
    chooser()
    broken_files()
    pending()
    if mend_as_text():
        st.divider()
    draft = wc.sync()
    follow_text(draft)
    problems = wc.validate(draft)[1] if st.session_state.get(wc.CHECK) else []
    _, static, beside = st.session_state.get(wc.STATIC) or ("", [], False)
    by_field = problems_by_field(problems + (list(static) if beside else []))
    status(draft, problems)
    fields(draft, by_field)
    levels(draft, by_field)
    points(draft, by_field)
    st.button("Add a point", key="editor_add_point", on_click=add_point)
    save_bar(draft, problems, by_field)
    st.divider()
    draft = wc.collect()
    suggest(draft)
    try_it(draft)
    versions()
    sharing(draft)


main()
